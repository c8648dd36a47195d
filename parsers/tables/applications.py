"""Table 三 (收到和处理政府信息公开申请情况): ``tables.applications[row][column]``.

Rows are recognised by their labels, never by position; the seven numbers after a label are the
columns ``natural_person`` … ``total``. The 2021 template splits （六）其他处理 into three rows, the
2019 template has one (``other``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from parsers.model import (
    APPLICANT_COLUMNS,
    APPLICATION_ROWS_2019,
    APPLICATION_ROWS_2021,
    Number,
)
from parsers.tables.grid import Row, fit_values, split_label_and_values
from parsers.tables.labels import label_contains, normalize_label

#: (row key, keywords), most specific first; the first match wins.
_ROW_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("new", ("本年新收",)),
    ("carried_over", ("上年结转",)),
    ("carried_forward", ("结转下年度", "结转下一年度")),
    ("partial", ("部分公开",)),
    ("granted", ("予以公开",)),
    ("denied_state_secret", ("国家秘密",)),
    ("denied_prohibited", ("禁止公开",)),
    ("denied_security_stability", ("三安全一稳定", "危及")),
    ("denied_third_party", ("第三方",)),
    ("denied_internal", ("内部事务",)),
    ("denied_process", ("过程性",)),
    ("denied_enforcement_file", ("执法案卷",)),
    ("denied_query", ("查询事项",)),
    ("unavailable_not_held", ("不掌握",)),
    ("unavailable_needs_creation", ("另行制作", "没有现成")),
    ("unavailable_unclear", ("仍不明确", "不明确")),
    ("rejected_petition", ("信访", "举报投诉")),
    ("rejected_repeat", ("重复申请",)),
    ("rejected_publication", ("出版物",)),
    ("rejected_excessive", ("大量反复",)),
    ("rejected_confirmation", ("确认或重新出具", "重新出具")),
    ("other_no_correction", ("逾期不补正", "不补正")),
    ("other_fee_unpaid", ("缴纳费用", "收费通知")),
    ("other", ("其他处理", "其它处理")),
    ("results_total", ("总计", "合计")),
)
_OTHER_OTHER_LABELS = frozenset({"其他", "其它", "其他情形"})


@dataclass
class ApplicationsTable:
    """The result of reading table 三: the table (or ``None``), its template shape, warnings."""

    table: dict[str, dict[str, Number | None]] | None
    template: str | None = None
    warnings: list[str] = field(default_factory=list)


@lru_cache(maxsize=4096)
def application_row_key(raw_label: str) -> str | None:
    """The ``tables.applications`` row key of a row label, or ``None``."""
    label = normalize_label(raw_label)
    if label in _OTHER_OTHER_LABELS:
        return "other_other"
    for key, keywords in _ROW_KEYWORDS:
        if label_contains(label, *keywords):
            return key
    return None


def find_applications_rows(rows: Sequence[Row]) -> tuple[int, int] | None:
    """``(start, end)`` row indexes of table 三: from 本年新收 to 结转下年度 (inclusive)."""
    start = end = None
    for index, row in enumerate(rows):
        label, values = split_label_and_values(row)
        if not values:
            continue
        key = application_row_key(label)
        if key == "new" and start is None:
            start = index
        elif key == "carried_forward" and start is not None:
            end = index
            break
    if start is None:
        return None
    return start, end if end is not None else len(rows) - 1


def parse_application_table(
    rows: Sequence[Row], span: tuple[int, int] | None = None
) -> ApplicationsTable:
    """Read table 三 from a document's table rows; an unreadable table is omitted with a warning.

    ``span`` is the result of :func:`find_applications_rows` when the caller already has it.
    """
    span = span if span is not None else find_applications_rows(rows)
    if span is None:
        return ApplicationsTable(None)
    values_by_key: dict[str, dict[str, Number | None]] = {}
    warnings: list[str] = []
    for row in rows[span[0] : span[1] + 1]:
        label, tail = split_label_and_values(row)
        if not tail:
            continue
        key = application_row_key(label)
        if key is None or key in values_by_key:
            continue
        fitted = fit_values(tail, len(APPLICANT_COLUMNS))
        if fitted is None:
            warnings.append(
                f"表三无法读取：“{label}”一行应有 {len(APPLICANT_COLUMNS)} 个数，实有 {len(tail)} 格"
            )
            return ApplicationsTable(None, warnings=warnings)
        values_by_key[key] = {
            column: cell.value for column, cell in zip(APPLICANT_COLUMNS, fitted, strict=True)
        }
    template = _template_of(values_by_key)
    expected = APPLICATION_ROWS_2019 if template == "2019" else APPLICATION_ROWS_2021
    missing = [key for key in expected if key not in values_by_key]
    if missing:
        warnings.append(f"表三无法读取：缺少行 {', '.join(missing)}")
        return ApplicationsTable(None, template=template, warnings=warnings)
    table = {key: values_by_key[key] for key in expected}
    return ApplicationsTable(table, template=template, warnings=warnings)


def _template_of(values_by_key: dict[str, dict[str, Number | None]]) -> str | None:
    """``2021`` if （六） is split in three rows, ``2019`` if it is a single row."""
    if any(key in values_by_key for key in ("other_no_correction", "other_fee_unpaid")):
        return "2021"
    if "other" in values_by_key:
        return "2019"
    return None
