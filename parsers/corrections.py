"""Accepted corrections laid over a parsed report: a tag or a table cell replaced by the value an
admin confirmed, the consistency checks run again on the corrected tables.

A correction names its field as a tag (``agency``, ``year`` …) or a cell path of ``tables``
(``applications.new.total``). It stays in force until the parser reads the same value by itself;
:func:`apply_corrections` reports those as settled, so the caller can retire them quietly.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from parsers.checks import run_checks
from parsers.model import Check, ParsedReport

#: Tags a reader may report as wrong, with their Chinese names.
CORRECTABLE_TAGS: dict[str, str] = {
    "agency": "机关名称",
    "agency_kind": "机关类别",
    "province": "省",
    "city": "市",
    "county": "县（区）",
    "township": "乡镇（街道）",
    "level": "层级",
    "year": "年度",
}
LEVELS = ("central", "province", "city", "county", "township")
TABLES = ("active", "applications", "reviews")
_CELL_PATH = re.compile(r"^(active|applications|reviews)\.([a-z_]+)\.([a-z_]+)$")
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
#: Longest tag value accepted (an agency's name is rarely over 40 characters).
MAX_TAG_LENGTH = 60


class CorrectionError(ValueError):
    """A correction whose field or value cannot apply to this report (message in Chinese)."""


@dataclass(frozen=True)
class AcceptedCorrection:
    """An admin-confirmed value for one field of one report."""

    id: int
    field: str
    value: Any


def is_cell_path(field: str) -> bool:
    """True for a table cell path such as ``applications.new.total``."""
    return _CELL_PATH.match(field) is not None


def current_value(parsed: ParsedReport, field: str) -> Any:
    """The value a report holds for a tag or a cell (None when absent)."""
    if field in CORRECTABLE_TAGS:
        return getattr(parsed, field)
    match = _CELL_PATH.match(field)
    if match is None:
        raise CorrectionError(f"无法更正的字段：{field}")
    table, row, column = match.groups()
    return ((parsed.tables.get(table) or {}).get(row) or {}).get(column)


def cell_exists(parsed: ParsedReport, field: str) -> bool:
    """True when the report's tables hold this cell (read, or known to be blank)."""
    match = _CELL_PATH.match(field)
    if match is None:
        return False
    table, row, column = match.groups()
    return column in ((parsed.tables.get(table) or {}).get(row) or {})


def normalise_value(field: str, raw: str) -> Any:
    """The typed value of a correction from what an admin typed: a number for a cell or a year,
    a level code, a name otherwise. Raises :class:`CorrectionError` with a Chinese message."""
    text = raw.strip()
    if is_cell_path(field):
        if text in ("", "空", "null"):
            return None
        cleaned = text.replace(",", "").replace("，", "")
        if not _NUMBER.match(cleaned):
            raise CorrectionError("统计表的数值只能是数字（或留空表示报告未填）。")
        number = float(cleaned)
        return int(number) if number.is_integer() else number
    if field == "year":
        if not re.fullmatch(r"(19|20)\d\d", text):
            raise CorrectionError("年度应为四位数字，例如 2023。")
        return int(text)
    if field == "level":
        if text not in LEVELS:
            raise CorrectionError("层级应为 " + "、".join(LEVELS) + " 之一。")
        return text
    if field not in CORRECTABLE_TAGS:
        raise CorrectionError(f"无法更正的字段：{field}")
    if not text:
        return None
    if len(text) > MAX_TAG_LENGTH or re.search(r"[<>\n\r\t]", text):
        raise CorrectionError(f"名称不能超过 {MAX_TAG_LENGTH} 个字，也不能含有尖括号或换行。")
    return text


def apply_corrections(
    parsed: ParsedReport, corrections: Sequence[AcceptedCorrection]
) -> tuple[ParsedReport, list[int]]:
    """The report with every correction laid over it, and the ids of corrections the parse now
    agrees with (settled: the caller retires them). Checks are run again when a cell changed."""
    corrected = dataclasses.replace(
        parsed, tables=copy.deepcopy(parsed.tables), provenance=dict(parsed.provenance)
    )
    settled: list[int] = []
    changed_cells: list[str] = []
    for correction in corrections:
        if current_value(parsed, correction.field) == correction.value:
            settled.append(correction.id)
            continue
        if correction.field in CORRECTABLE_TAGS:
            setattr(corrected, correction.field, correction.value)
            continue
        table, row, column = correction.field.split(".")
        corrected.tables.setdefault(table, {}).setdefault(row, {})[column] = correction.value
        corrected.provenance[correction.field] = {
            "label": None, "method": "manual", "page": None, "grid": None, "row": None,
            "line": None, "confidence": None, "correction": correction.id,
        }  # fmt: skip
        changed_cells.append(correction.field)
    if changed_cells:
        corrected.checks = _checks_again(parsed, corrected, changed_cells)
    return corrected, settled


def _checks_again(
    parsed: ParsedReport, corrected: ParsedReport, changed_cells: list[str]
) -> list[Check]:
    """Checks of the corrected tables. A failure the parser had set aside as doubtful (a misread
    it suspected) stays doubtful unless a corrected cell is involved: a person checked those."""
    before = {check.rule: check for check in parsed.checks}
    checks = []
    for check in run_checks(corrected.tables, corrected.text):
        earlier = before.get(check.rule)
        involved = any(cell in check.cells for cell in changed_cells)
        if earlier is not None and check.rule == "carried_over_continuity":
            checks.append(earlier)  # recomputed against the previous year when stored
        elif check.status == "fail" and earlier is not None and earlier.status == "doubtful":
            checks.append(earlier if not involved else check)
        else:
            checks.append(check)
    return checks
