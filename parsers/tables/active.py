"""Table 二 (主动公开政府信息情况, 第二十条): ``tables.active``.

2021 template: ``rules`` / ``normative_documents`` ``{made, repealed, in_force}``; ``licensing``,
``punishment``, ``enforcement`` ``{decisions}``; ``fees`` ``{amount}``.
2019 template: ``rules`` / ``normative_documents`` ``{new_made, new_published, total_published}``;
``licensing``, ``other_services``, ``punishment``, ``enforcement``
``{last_year_items, change, decisions}``; ``fees`` ``{last_year_items, change}``;
``procurement`` ``{items, amount}``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from parsers.model import Number
from parsers.tables.grid import Row, fit_values, glued_readings, split_label_and_values
from parsers.tables.labels import label_contains, normalize_label
from parsers.tables.numbers import Cell

#: Row key by exact (normalised) label.
_ROW_LABELS: dict[str, str] = {
    "规章": "rules",
    "规范性文件": "normative_documents",
    "行政规范性文件": "normative_documents",
    "其他规范性文件": "normative_documents",
    "行政许可": "licensing",
    "其他对外管理服务事项": "other_services",
    "行政处罚": "punishment",
    "行政强制": "enforcement",
    "行政事业性收费": "fees",
    "政府集中采购": "procurement",
}

ACTIVE_COLUMNS_2021: dict[str, tuple[str, ...]] = {
    "rules": ("made", "repealed", "in_force"),
    "normative_documents": ("made", "repealed", "in_force"),
    "licensing": ("decisions",),
    "punishment": ("decisions",),
    "enforcement": ("decisions",),
    "fees": ("amount",),
}
ACTIVE_COLUMNS_2019: dict[str, tuple[str, ...]] = {
    "rules": ("new_made", "new_published", "total_published"),
    "normative_documents": ("new_made", "new_published", "total_published"),
    "licensing": ("last_year_items", "change", "decisions"),
    "other_services": ("last_year_items", "change", "decisions"),
    "punishment": ("last_year_items", "change", "decisions"),
    "enforcement": ("last_year_items", "change", "decisions"),
    "fees": ("last_year_items", "change"),
    "procurement": ("items", "amount"),
}


@dataclass
class ActiveTable:
    """The result of reading table 二: the table (or ``None``), its template shape, warnings."""

    table: dict[str, dict[str, Number | None]] | None
    template: str | None = None
    warnings: list[str] = field(default_factory=list)
    #: Each row read: its label as printed and its index in the rows given.
    sources: dict[str, tuple[str, int]] = field(default_factory=dict)
    #: Rows whose glued digits were split by the row's arithmetic or by the report's prose: a
    #: likely reading, not a certain one (an extraction doubt).
    doubtful_rows: list[str] = field(default_factory=list)


def active_row_key(raw_label: str) -> str | None:
    """The ``tables.active`` row key of a row label, or ``None``. A label a flattened copy glued
    to the header before it (``…信息内容本年处理决定数量行政许可``) is its last words."""
    label = normalize_label(raw_label)
    key = _ROW_LABELS.get(label)
    if key is not None or not _GLUED_HEADER.search(label):
        return key
    for row_label in _LONGEST_FIRST:
        if label.endswith(row_label):
            return _ROW_LABELS[row_label]
    return None


#: Header words of table 二 that a flattened copy glues before a row label.
_GLUED_HEADER = re.compile(
    r"(?:件数|数量|信息内容|万元\)|万元）)$|(?:件数|数量|信息内容|万元\)|万元）)(?=[^数量]{2,12}$)"
)
_LONGEST_FIRST = sorted(_ROW_LABELS, key=len, reverse=True)


def active_template(rows: Sequence[Row]) -> str | None:
    """``2019`` or ``2021`` from the header cells of table 二, ``None`` without evidence."""
    for row in rows:
        for cell in row:
            label = normalize_label(cell)
            if label_contains(
                label, "本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量"
            ):
                return "2019"
            if label_contains(
                label, "本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量"
            ):
                return "2021"
    return None


def parse_active_table(rows: Sequence[Row], prose: str = "") -> ActiveTable:
    """Read table 二 from the table rows that precede table 三.

    A row whose digits a flattened copy glued together (``规范性文件8855698``) is split where one
    reading alone fits: the only one with the column count, else the only one whose numbers the
    report's own sentences about that row state (``制发的规范性文件88件``, ``现行有效…698件``, from
    ``prose``, the document's text), marked doubtful. 上一年 + 增/减 = 处理决定 is no identity of
    the template (处理决定 counts decisions, not items): a blind batch had ``103040`` read as
    10 30 40 by it, for 103 0 40.
    """
    labelled: dict[str, list] = {}
    sources: dict[str, tuple[str, int]] = {}
    for index, row in enumerate(rows):
        label, tail = split_label_and_values(row)
        key = active_row_key(label)
        if key is not None and tail and key not in labelled:
            labelled[key] = tail
            sources[key] = (label, index)
    if not labelled:
        labelled, sources = _labels_printed_after_values(rows)
    if not labelled:
        return ActiveTable(None)
    template = active_template(rows)
    if template is None:
        template = "2019" if "other_services" in labelled or "procurement" in labelled else "2021"
    columns_by_row = ACTIVE_COLUMNS_2019 if template == "2019" else ACTIVE_COLUMNS_2021
    if sum(key in labelled for key in columns_by_row) * 2 < len(columns_by_row):
        return ActiveTable(None, template, ["表二无法读取：找到的行太少"])
    # A row that is missing or cannot be read leaves its cells unknown; the rest stands.
    warnings: list[str] = []
    table: dict[str, dict[str, Number | None]] = {}
    doubtful: list[str] = []
    for key, columns in columns_by_row.items():
        fitted = fit_values(labelled[key], len(columns)) if key in labelled else None
        if fitted is None and key in labelled:
            fitted = _split_by_evidence(key, labelled[key], columns, prose)
            if fitted is not None:
                doubtful.append(key)
                warnings.append(f"表二 {key} 一行的数字粘连，按正文所述的数拆分，请核对")
        if fitted is None:
            reason = "缺少此行" if key not in labelled else f"应有 {len(columns)} 个数"
            warnings.append(f"表二 {key} 一行{reason}，其数值记为未知")
            table[key] = dict.fromkeys(columns)
            continue
        table[key] = {column: cell.value for column, cell in zip(columns, fitted, strict=True)}
    read = {key: source for key, source in sources.items() if key in table}
    return ActiveTable(table, template, warnings, read, doubtful)


#: Words a report's sentences use for the subject of each row of table 二.
_ROW_SUBJECTS: dict[str, tuple[str, ...]] = {
    "rules": ("规章",),
    "normative_documents": ("规范性文件",),
    "licensing": ("许可",),
    "other_services": ("管理服务",),
    "punishment": ("处罚",),
    "enforcement": ("强制",),
    "fees": ("收费",),
    "procurement": ("采购",),
}
_SENTENCE_END = re.compile(r"[。；;！!？?\n]")
#: A count stated with its unit in a sentence (``698件``, ``10条``): never a run of a table.
_STATED_COUNT = re.compile(r"(?<![\d.])(\d+)\s*(?:件|条|个|项|份|次|笔|宗)")


def _split_by_evidence(
    key: str, cells: Sequence[Cell], columns: tuple[str, ...], prose: str
) -> list[Cell] | None:
    """The one reading of a glued row that its arithmetic or the report's sentences single out."""
    readings = [r for r in glued_readings(cells, len(columns)) if _is_plausible(r, columns)]
    if len(readings) < 2:
        return readings[0] if readings else None
    stated = _stated_counts(prose, _ROW_SUBJECTS.get(key, ()))
    if not stated:
        return None
    scores = [_corroborated_digits(reading, stated) for reading in readings]
    best = max(scores)
    return readings[scores.index(best)] if best > 0 and scores.count(best) == 1 else None


def _is_plausible(reading: list[Cell], columns: tuple[str, ...]) -> bool:
    """Only 本年增/减 may be negative."""
    return all(
        column == "change" or not isinstance(cell.value, (int, float)) or cell.value >= 0
        for column, cell in zip(columns, reading, strict=True)
    )


def _stated_counts(prose: str, subjects: tuple[str, ...]) -> set[int]:
    """Counts the report's sentences about ``subjects`` state with a unit."""
    counts: set[int] = set()
    for sentence in _SENTENCE_END.split(prose):
        if any(subject in sentence for subject in subjects):
            counts.update(int(match.group(1)) for match in _STATED_COUNT.finditer(sentence))
    return counts


def _corroborated_digits(reading: list[Cell], stated: set[int]) -> int:
    """Digits of the reading's numbers of two or more digits that a sentence states."""
    return sum(
        len(str(cell.value))
        for cell in reading
        if isinstance(cell.value, int) and cell.value >= 10 and cell.value in stated
    )


#: Header words a label column printed apart may carry before its labels.
_LABEL_COLUMN_HEADERS = frozenset({"信息内容"})


def _leading_labels(row: Row) -> list[str]:
    """The row labels of table 二 a row's text begins with (``规章``, ``规范性文件`` …), a label
    broken over two cells joined (``其他对外管理服`` + ``务事项``)."""
    texts = [cell for cell in row if cell.strip()]
    labels: list[str] = []
    index = 0
    while index < len(texts):
        cell = normalize_label(texts[index])
        if cell in _LABEL_COLUMN_HEADERS and not labels:
            index += 1
        elif cell in _ROW_LABELS:
            labels.append(texts[index])
            index += 1
        elif index + 1 < len(texts) and cell + normalize_label(texts[index + 1]) in _ROW_LABELS:
            labels.append(texts[index] + texts[index + 1])
            index += 2
        else:
            break
    return labels


def _labels_printed_after_values(
    rows: Sequence[Row],
) -> tuple[dict[str, list[Cell]], dict[str, tuple[str, int]]]:
    """Rows of a PDF whose label column was printed after the numbers (a column outside the
    ruled grid): ``0 0 0`` / ``0 0 0`` / ``规章`` / ``规范性文件``. A run of k labels takes the
    k rows of numbers right before it, in order, when there are exactly k."""
    labelled: dict[str, list[Cell]] = {}
    sources: dict[str, tuple[str, int]] = {}
    tails = [split_label_and_values(row)[1] for row in rows]
    taken: set[int] = set()
    for index, row in enumerate(rows):
        labels = _leading_labels(row)
        if not labels or index < len(labels):
            continue
        before = range(index - len(labels), index)
        # Each of the k rows before holds numbers; all but the first hold nothing else.
        if not all(tails[i] for i in before) or any(
            _leading_labels(rows[i]) or len(tails[i]) != len(rows[i]) for i in before[1:]
        ):
            continue
        earlier = index - len(labels) - 1
        if earlier >= 0 and earlier not in taken and _value_only(rows[earlier]):
            continue  # more rows of numbers than labels: whose are whose cannot be told
        taken.update(before)
        for label, position in zip(labels, before, strict=True):
            key = active_row_key(label)
            if key is not None and key not in labelled:
                labelled[key] = tails[position]
                sources[key] = (label, position)
    return labelled, sources


def _value_only(row: Row) -> bool:
    tail = split_label_and_values(row)[1]
    return bool(tail) and len(tail) == len(row)
