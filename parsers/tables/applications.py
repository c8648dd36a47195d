"""Table 三 (收到和处理政府信息公开申请情况): ``tables.applications[row][column]``.

Rows are recognised by their labels, never by position; the seven numbers after a label are the
columns ``natural_person`` … ``total``. The 2021 template splits （六）其他处理 into three rows, the
2019 template has one (``other``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

from parsers.model import (
    APPLICANT_COLUMNS,
    APPLICATION_ROWS_2019,
    APPLICATION_ROWS_2021,
    Number,
)
from parsers.tables.grid import Row, fit_values, split_label_and_values, without_one_stray_end
from parsers.tables.labels import label_contains, normalize_label
from parsers.tables.numbers import Cell, classify_cell

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
    #: Rows found only by likeness or by place (a misspelt or garbled label): their cells may
    #: be misread, so a mismatch they take part in is an extraction doubt, not the report's.
    doubtful_rows: list[str] = field(default_factory=list)
    #: Each row read: its label as printed and its index in the document's rows.
    sources: dict[str, tuple[str, int]] = field(default_factory=dict)


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
    """``(start, end)`` row indexes of table 三: from 本年新收 to 结转下年度 (inclusive).

    Where no row is labelled 本年新收 (a PDF whose label column was cut off), the table starts
    at its header (``自然人 … 总计``) when a row of its outcomes (予以公开, 部分公开) follows,
    and ends before table 四's header when no row is labelled 结转下年度.
    """
    start = end = None
    header = None
    for index, row in enumerate(rows):
        label, values = split_label_and_values(row)
        if not values:
            if header is None and start is None and _is_applicant_header(row):
                header = index
            elif start is not None and _is_review_header(row):
                end = index - 1
                break
            continue
        key = application_row_key(label)
        if key == "new" and start is None:
            start = index
        elif key in ("granted", "partial") and start is None and header is not None:
            start = header
        elif key == "carried_forward" and start is not None:
            end = index
            break
    if start is None:
        return None
    return start, end if end is not None else len(rows) - 1


def _is_applicant_header(row: Row) -> bool:
    text = "".join(row)
    return "自然人" in text and ("商业企业" in text or "法人或其他组织" in text)


def _is_review_header(row: Row) -> bool:
    text = "".join(row)
    return "行政复议" in text and "行政诉讼" in text


#: The national template's wording of each row, for matching a misspelt label (one character
#: wrong or dropped) that no keyword finds.
CANONICAL_LABELS: dict[str, str] = {
    "new": "本年新收政府信息公开申请数量",
    "carried_over": "上年结转政府信息公开申请数量",
    "granted": "予以公开",
    "partial": "部分公开区分处理的只计这一情形不计其他情形",
    "denied_state_secret": "属于国家秘密",
    "denied_prohibited": "其他法律行政法规禁止公开",
    "denied_security_stability": "危及三安全一稳定",
    "denied_third_party": "保护第三方合法权益",
    "denied_internal": "属于三类内部事务信息",
    "denied_process": "属于四类过程性信息",
    "denied_enforcement_file": "属于行政执法案卷",
    "denied_query": "属于行政查询事项",
    "unavailable_not_held": "本机关不掌握相关政府信息",
    "unavailable_needs_creation": "没有现成信息需要另行制作",
    "unavailable_unclear": "补正后申请内容仍不明确",
    "rejected_petition": "信访举报投诉类申请",
    "rejected_repeat": "重复申请",
    "rejected_publication": "要求提供公开出版物",
    "rejected_excessive": "无正当理由大量反复申请",
    "rejected_confirmation": "要求行政机关确认或重新出具已获取信息",
    "other_no_correction": "申请人无正当理由逾期不补正行政机关不再处理其政府信息公开申请",
    "other_fee_unpaid": "申请人逾期未按收费通知要求缴纳费用行政机关不再处理其政府信息公开申请",
    "other": "其他处理",
    "results_total": "总计",
    "carried_forward": "结转下年度继续办理",
}
#: Least similarity (difflib ratio) of a misspelt label to its template wording.
_MIN_SIMILARITY = 0.72
#: A table with fewer rows read than this share of the template's is not table 三.
_MIN_ROWS_SHARE = 0.5


def parse_application_table(
    rows: Sequence[Row], span: tuple[int, int] | None = None
) -> ApplicationsTable:
    """Read table 三 from a document's table rows.

    A row is found by its label's keywords, else by its likeness to the template's wording
    (a misspelt label), else by its place between two known rows. A row that cannot be read
    leaves its cells unknown (``None``) with a warning; the rest of the table stands. A table
    with too few rows read is omitted with a warning. ``span`` is the result of
    :func:`find_applications_rows` when the caller already has it.
    """
    span = span if span is not None else find_applications_rows(rows)
    if span is None:
        return ApplicationsTable(None)
    read: list[tuple[str | None, str, list[Cell] | None]] = []
    positions: list[int] = []
    warnings: list[str] = []
    stray: list[int] = []  # rows read by dropping a number at one end: in doubt
    for index in range(span[0], span[1] + 1):
        row = rows[index]
        label, tail = split_label_and_values(row)
        if not tail or not any(cell.kind != "text" for cell in tail):
            continue
        items, named = _leaf_rows_named(row)
        if items > 1:
            # ``5.属于三类内部事务信息 / 1.本机关不掌握相关政府信息 / 1 0 0 0 0 0 1``: labels
            # printed apart from their numbers; whose numbers these are the labels cannot tell,
            # only the row's place among the rows whose labels are certain (see below).
            fitted = fit_values(tail, len(APPLICANT_COLUMNS), _adds_up)
            if fitted is not None:
                read.append((None, label, fitted))
                positions.append(index)
            else:
                read.extend((key, label, None) for key in named)
                positions.extend(index for _key in named)
            continue
        key = _row_key_of(row, label)
        fitted = fit_values(tail, len(APPLICANT_COLUMNS), _adds_up)
        if fitted is None:
            fitted = without_one_stray_end(tail, len(APPLICANT_COLUMNS), _adds_up)
            if fitted is not None:
                stray.append(len(read))
                warnings.append(f"表三“{label}”一行多出一个数，去掉后才相加一致，请核对")
        read.append((key, label, fitted))
        positions.append(index)
    keys = _resolve_unknown_rows(read, warnings)
    doubtful = [
        key
        for index, (key, (found, _, _)) in enumerate(zip(keys, read, strict=True))
        if key and (not found or index in stray)
    ]
    values_by_key: dict[str, dict[str, Number | None]] = {}
    sources: dict[str, tuple[str, int]] = {}
    for key, (_, label, fitted), index in zip(keys, read, positions, strict=True):
        if key is None or key in values_by_key:
            continue
        if fitted is not None:
            sources[key] = (label, index)
        if fitted is None:
            warnings.append(
                f"表三“{label}”一行应有 {len(APPLICANT_COLUMNS)} 个数，无法读取，记为未知"
            )
            values_by_key[key] = dict.fromkeys(APPLICANT_COLUMNS)
            continue
        values_by_key[key] = {
            column: cell.value for column, cell in zip(APPLICANT_COLUMNS, fitted, strict=True)
        }
    template = _template_of(values_by_key)
    expected = APPLICATION_ROWS_2019 if template == "2019" else APPLICATION_ROWS_2021
    found = [key for key in expected if key in values_by_key]
    if len(found) < _MIN_ROWS_SHARE * len(expected):
        warnings.append(f"表三无法读取：只找到 {len(found)} 行")
        return ApplicationsTable(None, template=template, warnings=warnings)
    missing = [key for key in expected if key not in values_by_key]
    if missing:
        warnings.append(f"表三缺少行 {', '.join(missing)}，其数值记为未知")
    table = {key: values_by_key.get(key) or dict.fromkeys(APPLICANT_COLUMNS) for key in expected}
    return ApplicationsTable(
        table, template=template, warnings=warnings, doubtful_rows=doubtful, sources=sources
    )


_NUMBERED_ITEM = re.compile(r"(?<![\d.．])\d{1,2}\s*[.．、](?!\d)")


def _adds_up(cells: list[Cell]) -> bool:
    """Whether a row's applicant columns sum to its total (blank cells leave it open)."""
    values = [cell.value for cell in cells]
    if any(value is None for value in values):
        return True
    return sum(values[:-1]) == values[-1]  # type: ignore[arg-type]


def _numbered_items(row: Row) -> list[str]:
    """The numbered items (``5.属于三类内部事务信息``) among the text cells of one row, each
    with the text cells after it that carry no number of their own (a label broken over lines)."""
    items: list[str] = []
    previous = None
    for cell in row:
        if classify_cell(cell).kind != "text" or cell == previous:
            continue  # a merged cell repeated into every column it spans is one item
        previous = cell
        item = _NUMBERED_ITEM.search(cell)
        if item is not None:
            items.append(cell[item.start() :])
        elif items:
            items[-1] += cell
    return items


def _leaf_rows_named(row: Row) -> tuple[int, list[str]]:
    """How many numbered items the text cells of one row hold, and the distinct template rows
    they name."""
    items = _numbered_items(row)
    named: list[str] = []
    for item in items:
        key = application_row_key(item)
        if key is not None and key not in named:
            named.append(key)
    return len(items), named


def _row_key_of(row: Row, label: str) -> str | None:
    """The row key of a label, trying the label joined to the text before it (broken labels)."""
    key = application_row_key(label)
    if key is not None:
        return key
    texts = [cell for cell in row if classify_cell(cell).kind == "text"]
    for count in (2, 3):
        if len(texts) >= count:
            key = application_row_key("".join(texts[-count:]))
            if key is not None:
                return key
    return None


def _resolve_unknown_rows(
    read: list[tuple[str | None, str, list[Cell] | None]], warnings: list[str]
) -> list[str | None]:
    """Keys for the rows no keyword found: the template row its label is most like, else its
    place. A run of unknown rows between two known rows takes the template rows missing between
    them, in order, when there are exactly as many (a PDF conversion that printed labels apart
    from their numbers keeps the numbers in reading order); a lone unknown row takes the one row
    missing between its neighbours."""
    keys = [key for key, _, _ in read]
    for index, (key, label, _) in enumerate(read):
        if key is None:
            guess = _most_like(label, {k for k in keys if k is not None})
            if guess is not None:
                keys[index] = guess
                warnings.append(f"表三“{label}”一行按模板认作 {guess}")
    template_rows = (
        APPLICATION_ROWS_2019
        if "other" in keys and not {"other_no_correction", "other_fee_unpaid"} & set(keys)
        else APPLICATION_ROWS_2021
    )
    order = {key: index for index, key in enumerate(template_rows)}
    order.setdefault("other", order.get("other_no_correction", len(template_rows)))
    index = 0
    while index < len(keys):
        if keys[index] is not None:
            index += 1
            continue
        end = index
        while end < len(keys) and keys[end] is None:
            end += 1
        taken = {k for k in keys if k is not None}
        before = next((k for k in reversed(keys[:index]) if k in order), None)
        after = next((k for k in keys[end:] if k in order), None)
        low = order[before] + 1 if before else 0
        high = order[after] if after else len(template_rows)
        between = [k for k in template_rows[low:high] if k not in taken]
        if len(between) == end - index:
            placed = list(zip(range(index, end), between, strict=True))
        elif len(between) == 1:
            placed = [(index, between[0])]
        else:
            placed = []
        for position, guess in placed:
            keys[position] = guess
            warnings.append(f"表三“{read[position][1]}”一行按模板位置认作 {guess}")
        index = end
    return keys


def _most_like(label: str, taken: set[str]) -> str | None:
    normalized = normalize_label(label)
    best, best_ratio = None, 0.0
    for key, wording in CANONICAL_LABELS.items():
        if key in taken:
            continue
        ratio = SequenceMatcher(None, normalized, wording).ratio()
        if ratio > best_ratio:
            best, best_ratio = key, ratio
    return best if best_ratio >= _MIN_SIMILARITY else None


def _template_of(values_by_key: dict[str, dict[str, Number | None]]) -> str | None:
    """``2021`` if （六） is split in three rows, ``2019`` if it is a single row."""
    if any(key in values_by_key for key in ("other_no_correction", "other_fee_unpaid")):
        return "2021"
    if "other" in values_by_key:
        return "2019"
    return None
