"""Is the report complete: six sections, three tables (from 2019), no blank cells, a real 第五部分?"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from accountability.findings import Finding

SECTION_NAMES: dict[int, str] = {
    1: "总体情况",
    2: "主动公开政府信息情况",
    3: "收到和处理政府信息公开申请情况",
    4: "行政复议、行政诉讼情况",
    5: "存在的主要问题及改进情况",
    6: "其他需要报告的事项",
}
TABLE_NAMES: dict[str, str] = {
    "active": "主动公开",
    "applications": "收到和处理申请",
    "reviews": "行政复议和行政诉讼",
}
#: Years from which the three tables are required (the 2019 format).
FIRST_YEAR_WITH_TABLES = 2019
#: A 第五部分 this short, or saying only "none", reports no problem at all.
_NOTHING = re.compile(r"^[\s（）()一二三四五六七八九十、.．:：]*(?:无|没有|暂无)[。.；;\s]*$")


def completeness(
    sections: Sequence[Mapping[str, Any]], tables: Mapping[str, Any] | None, year: int | None
) -> list[Finding]:
    """The completeness findings of a report."""
    numbers = {int(s.get("number") or 0) for s in sections}
    missing = [name for number, name in SECTION_NAMES.items() if number not in numbers]
    findings = [
        Finding(
            "completeness.sections",
            "fail" if missing else "pass",
            f"缺少：{'、'.join(missing)}" if missing else "六个部分齐全",
            {"missing": missing},
        )
    ]
    tables = tables or {}
    if year is not None and year >= FIRST_YEAR_WITH_TABLES:
        absent = [name for key, name in TABLE_NAMES.items() if key not in tables]
        findings.append(
            Finding(
                "completeness.tables",
                "fail" if absent else "pass",
                f"未找到统计表：{'、'.join(absent)}（可能缺失，也可能未能读取）"
                if absent
                else "三张统计表齐全",
                {"missing": absent},
            )
        )
        blanks = blank_cells(tables)
        findings.append(
            Finding(
                "completeness.blank_cells",
                "fail" if blanks else "pass",
                f"{len(blanks)} 个单元格空白或未能读取" if blanks else "统计表没有空白单元格",
                {"cells": blanks[:50]},
            )
        )
    problems = next((s for s in sections if int(s.get("number") or 0) == 5), None)
    if problems is not None:
        text = str(problems.get("text") or "").strip()
        empty = not text or bool(_NOTHING.match(text))
        findings.append(
            Finding(
                "completeness.problems",
                "fail" if empty else "pass",
                "第五部分为空或只写“无”" if empty else "第五部分列出了问题和改进措施",
            )
        )
    return findings


def blank_cells(tables: Mapping[str, Any]) -> list[str]:
    """Paths of the cells of the tables that hold no number."""
    blanks = []
    for table, rows in tables.items():
        if not isinstance(rows, Mapping):
            continue
        for row, columns in rows.items():
            if not isinstance(columns, Mapping):
                continue
            for column, value in columns.items():
                if value is None:
                    blanks.append(f"{table}.{row}.{column}")
    return blanks
