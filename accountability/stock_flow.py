"""表二's stocks carry over: 现行有效件数 this year = last year's + 制发 − 废止 (2021 format)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from accountability.findings import Finding
from figures.values import cell_value

STOCK_ROWS: dict[str, str] = {"rules": "规章", "normative_documents": "规范性文件"}


def stock_flow(
    tables: Mapping[str, Any] | None, previous: Mapping[str, Any] | None, previous_year: int | None
) -> Finding:
    """Compare this year's 现行有效件数 with last year's plus this year's changes."""
    if previous is None:
        return Finding("continuity.stock", "unknown", "没有同一机关上一年度的报告，无法比较")
    broken: list[dict[str, Any]] = []
    compared = 0
    for row, name in STOCK_ROWS.items():
        now = cell_value(tables, f"active.{row}.in_force")
        made = cell_value(tables, f"active.{row}.made")
        repealed = cell_value(tables, f"active.{row}.repealed")
        before = cell_value(previous, f"active.{row}.in_force")
        if None in (now, made, repealed, before):
            continue
        compared += 1
        expected = before + made - repealed  # type: ignore[operator]
        if now != expected:
            broken.append(
                {"row": name, "in_force": now, "expected": expected, "previous_in_force": before}
            )
    evidence: dict[str, Any] = {"previous_year": previous_year, "breaks": broken}
    if compared == 0:
        return Finding(
            "continuity.stock", "unknown", "两年的表二缺少现行有效件数或制发、废止件数", evidence
        )
    if broken:
        message = "；".join(
            f"{b['row']}现行有效 {b['in_force']} 件，按上年 {b['previous_in_force']} 件推算应为 "
            f"{b['expected']} 件"
            for b in broken
        )
        return Finding("continuity.stock", "fail", message, evidence)
    return Finding("continuity.stock", "pass", "现行有效件数与上一年度衔接", evidence)
