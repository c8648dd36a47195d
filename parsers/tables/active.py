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
from parsers.tables.grid import Row, fit_values, split_label_and_values
from parsers.tables.labels import label_contains, normalize_label

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


def parse_active_table(rows: Sequence[Row]) -> ActiveTable:
    """Read table 二 from the table rows that precede table 三."""
    labelled: dict[str, list] = {}
    sources: dict[str, tuple[str, int]] = {}
    for index, row in enumerate(rows):
        label, tail = split_label_and_values(row)
        key = active_row_key(label)
        if key is not None and tail and key not in labelled:
            labelled[key] = tail
            sources[key] = (label, index)
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
    for key, columns in columns_by_row.items():
        fitted = fit_values(labelled[key], len(columns)) if key in labelled else None
        if fitted is None:
            reason = "缺少此行" if key not in labelled else f"应有 {len(columns)} 个数"
            warnings.append(f"表二 {key} 一行{reason}，其数值记为未知")
            table[key] = dict.fromkeys(columns)
            continue
        table[key] = {column: cell.value for column, cell in zip(columns, fitted, strict=True)}
    read = {key: source for key, source in sources.items() if key in table}
    return ActiveTable(table, template, warnings, read)
