"""Consistency checks of a parsed report (REPORT_SCHEMA.md, "Consistency rules").

Every rule yields one :class:`~parsers.model.Check`. A rule whose table is absent, or whose cells
are blank (``None`` is not zero), is ``not_assessable``; a rule fails only on a real mismatch
between numbers that are all present: a blank cell makes only the equations it belongs to
unassessable (the check lists just those cells), and a real mismatch elsewhere still fails.
Messages are in Chinese, cells are named ``table.row.column`` (e.g. ``applications.new.total``).

Reports without a readable table 三 (older free-form reports, 2008–2018) often state the number
of applications in prose (``共受理政府信息公开申请12件``). No table cell is invented from it: the
``text_vs_tables`` check is ``not_assessable`` and its message quotes the figure the prose states.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from parsers.model import (
    APPLICANT_COLUMNS,
    RESULT_ROWS_2019,
    RESULT_ROWS_2021,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    Check,
    Number,
    ParsedReport,
    Tables,
)
from parsers.tables.prose import stated_new_applications

COLUMN_NAMES: dict[str, str] = {
    "natural_person": "自然人",
    "commercial": "商业企业",
    "research": "科研机构",
    "public_interest": "社会公益组织",
    "legal_service": "法律服务机构",
    "other_org": "其他",
    "total": "总计",
}
REVIEW_GROUP_NAMES: dict[str, str] = {
    "review": "行政复议",
    "litigation": "未经复议直接起诉",
    "litigation_after_review": "复议后起诉",
}
_TOLERANCE = 1e-6


@dataclass(frozen=True)
class Equation:
    """``sum(left) == sum(right)`` over named cells, described for messages."""

    left: tuple[str, ...]
    right: tuple[str, ...]
    description: str


def run_checks(tables: Tables, text: str, previous: ParsedReport | None = None) -> list[Check]:
    """All consistency checks of a report, in the order of REPORT_SCHEMA.md."""
    return [
        check_applications_balance(tables),
        check_applications_results_total(tables),
        check_applications_column_total(tables),
        check_reviews_totals(tables),
        check_text_vs_tables(tables, text),
        check_carried_over_continuity(tables, previous),
    ]


#: Why cells of an OCR-read (scanned) report are doubted.
OCR_DOUBT = "扫描件经文字识别（OCR）读取，数字可能误认"


def separate_doubts(
    checks: list[Check], doubtful: Sequence[str], *, reason: str = "涉及按模板推断的单元格"
) -> list[Check]:
    """Failures that involve a cell read with doubt become ``doubtful``: we may have misread,
    which is not the same as the report's own arithmetic being wrong (``fail``, shown to the
    public as 存在不一致). ``doubtful`` names rows or whole tables (``applications.granted``,
    ``reviews``)."""
    if not doubtful:
        return checks
    prefixes = tuple(f"{prefix}." for prefix in doubtful)
    separated = []
    for check in checks:
        suspect = [cell for cell in check.cells if cell.startswith(prefixes)]
        if check.status == "fail" and suspect:
            where = "、".join(sorted({c.rsplit(".", 1)[0] for c in suspect}))
            message = f"读取存疑：{reason}（{where}），不判定为报告自身不一致；{check.message}"
            separated.append(Check(check.rule, "doubtful", message, check.cells))
        else:
            separated.append(check)
    return separated


def check_applications_balance(tables: Tables) -> Check:
    """Per column: 本年新收 + 上年结转 = 办理结果总计 + 结转下年度."""
    rule = "applications_balance"
    if "applications" not in tables:
        return _absent(rule, "表三")
    equations = [
        Equation(
            (f"applications.new.{column}", f"applications.carried_over.{column}"),
            (f"applications.results_total.{column}", f"applications.carried_forward.{column}"),
            f"{COLUMN_NAMES[column]}列：本年新收+上年结转 与 办理结果总计+结转下年度",
        )
        for column in APPLICANT_COLUMNS
    ]
    return _evaluate(
        rule, equations, tables, "表三各列本年新收加上年结转等于办理结果总计加结转下年度"
    )


def check_applications_results_total(tables: Tables) -> Check:
    """Per column: （七）总计 = the sum of the result rows."""
    rule = "applications_results_total"
    applications = tables.get("applications")
    if applications is None:
        return _absent(rule, "表三")
    result_rows = RESULT_ROWS_2019 if "other" in applications else RESULT_ROWS_2021
    equations = [
        Equation(
            (f"applications.results_total.{column}",),
            tuple(f"applications.{row}.{column}" for row in result_rows),
            f"{COLUMN_NAMES[column]}列：总计 与 各办理结果之和",
        )
        for column in APPLICANT_COLUMNS
    ]
    return _evaluate(rule, equations, tables, "表三各列办理结果总计等于各项办理结果之和")


def check_applications_column_total(tables: Tables) -> Check:
    """Per row: 总计 = the sum of the six applicant columns."""
    rule = "applications_column_total"
    applications = tables.get("applications")
    if applications is None:
        return _absent(rule, "表三")
    equations = [
        Equation(
            (f"applications.{row}.total",),
            tuple(f"applications.{row}.{column}" for column in APPLICANT_COLUMNS[:-1]),
            f"“{row}”行：总计 与 六类申请人之和",
        )
        for row in applications
    ]
    return _evaluate(rule, equations, tables, "表三各行总计等于六类申请人之和")


def check_reviews_totals(tables: Tables) -> Check:
    """Per group: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结."""
    rule = "reviews_totals"
    if "reviews" not in tables:
        return _absent(rule, "表四")
    equations = [
        Equation(
            (f"reviews.{group}.total",),
            tuple(f"reviews.{group}.{column}" for column in REVIEW_COLUMNS[:-1]),
            f"{REVIEW_GROUP_NAMES[group]}：总计 与 维持+纠正+其他+尚未审结",
        )
        for group in REVIEW_GROUPS
    ]
    return _evaluate(rule, equations, tables, "表四各项总计等于结果维持、纠正、其他、尚未审结之和")


def check_text_vs_tables(tables: Tables, text: str) -> Check:
    """The number of new applications stated in the prose agrees with table 三."""
    rule = "text_vs_tables"
    cell = "applications.new.total"
    statement = stated_new_applications(text)
    if statement is None:
        return Check(rule, "not_assessable", "正文未明确说明本年新收申请数量", [])
    if "applications" not in tables:
        # Older free-form reports state the figure without a table: keep it in the message.
        return Check(
            rule,
            "not_assessable",
            f"正文称本年收到政府信息公开申请 {statement.count} 件（“{statement.quote}”），"
            "报告没有可读的表三，无法核对",
            [],
        )
    value = tables["applications"]["new"]["total"]
    if value is None:
        return Check(rule, "not_assessable", "表三本年新收总计为空，无法与正文核对", [cell])
    if abs(value - statement.count) <= _TOLERANCE:
        return Check(
            rule, "pass", f"正文“{statement.quote}”与表三本年新收总计 {value} 一致", [cell]
        )
    return Check(
        rule,
        "fail",
        f"正文“{statement.quote}”（{statement.count} 件）与表三本年新收总计 {value} 不一致",
        [cell],
    )


def check_carried_over_continuity(tables: Tables, previous: ParsedReport | None) -> Check:
    """This year's 上年结转 equals last year's 结转下年度, column by column."""
    rule = "carried_over_continuity"
    if previous is None:
        return Check(rule, "not_assessable", "没有上一年度的报告，无法核对上年结转", [])
    if "applications" not in tables:
        return _absent(rule, "表三")
    last = previous.tables.get("applications")
    if last is None:
        return Check(rule, "not_assessable", "上一年度报告缺少表三，无法核对上年结转", [])
    cells: list[str] = []
    blanks: list[str] = []
    for column in APPLICANT_COLUMNS:
        this_value = tables["applications"]["carried_over"][column]
        last_value = last["carried_forward"][column]
        name = f"applications.carried_over.{column}"
        if this_value is None or last_value is None:
            blanks.append(name)
        elif abs(this_value - last_value) > _TOLERANCE:
            cells.append(name)
    if cells:
        columns = "、".join(COLUMN_NAMES[name.rsplit(".", 1)[1]] for name in cells)
        return Check(rule, "fail", f"上年结转与上一年度结转下年度不一致（{columns}列）", cells)
    if blanks:
        return Check(rule, "not_assessable", "上年结转或上一年度结转下年度有空白单元格", blanks)
    return Check(rule, "pass", "上年结转等于上一年度报告的结转下年度", [])


def _absent(rule: str, table_name: str) -> Check:
    return Check(rule, "not_assessable", f"{table_name}缺失或无法读取，无法核对", [])


def _cell_value(tables: Tables, name: str) -> Number | None:
    table, row, column = name.split(".")
    return tables[table][row][column]


def _evaluate(rule: str, equations: Sequence[Equation], tables: Tables, ok_message: str) -> Check:
    """``fail`` on any mismatch among complete equations, else ``not_assessable`` on blanks."""
    failures: list[str] = []
    failing_cells: list[str] = []
    blank_cells: list[str] = []
    unassessable = 0
    for equation in equations:
        names = (*equation.left, *equation.right)
        values = [_cell_value(tables, name) for name in names]
        if any(value is None for value in values):
            unassessable += 1
            blank_cells.extend(
                name for name, value in zip(names, values, strict=True) if value is None
            )
            continue
        left = sum(_cell_value(tables, name) or 0 for name in equation.left)
        right = sum(_cell_value(tables, name) or 0 for name in equation.right)
        if abs(left - right) > _TOLERANCE:
            failures.append(f"{equation.description}不符（{_format(left)} ≠ {_format(right)}）")
            failing_cells.extend(names)
    if failures:
        return Check(rule, "fail", "；".join(failures), failing_cells)
    if blank_cells:
        message = "有空白单元格，无法核对（空白不等于零）"
        if unassessable < len(equations):
            message += "；其余可核对的各项一致"
        return Check(rule, "not_assessable", message, blank_cells)
    return Check(rule, "pass", ok_message, [])


def _format(value: Number) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
