"""Every accountability rule applied to one stored report (and the same agency's previous year)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from accountability.completeness import completeness
from accountability.copying import previous_year_copying
from accountability.findings import Finding
from accountability.stock_flow import stock_flow
from accountability.timeliness import timeliness

#: Province → (month, day) of the deadline its local rule sets for townships.
TownshipRules = Mapping[str, tuple[int, int]]


def parse_township_deadlines(text: str) -> dict[str, tuple[int, int]]:
    """``浙江省=02-28;广东省=03-15`` → ``{"浙江省": (2, 28), …}`` (the setting's format)."""
    rules: dict[str, tuple[int, int]] = {}
    for part in text.replace("；", ";").split(";"):
        if "=" not in part:
            continue
        province, _, date = part.partition("=")
        month, _, day = date.strip().partition("-")
        if month.isdigit() and day.isdigit():
            rules[province.strip()] = (int(month), int(day))
    return rules


def evaluate_report(
    report: Any,
    previous: Any | None,
    township_rules: Mapping[str, tuple[int, int]] | None = None,
) -> list[dict[str, Any]]:
    """The findings of ``report`` (a stored report) as stored JSON, in rule order."""
    findings: list[Finding] = [
        timeliness(
            year=report.year,
            level=report.level,
            agency_kind=report.agency_kind,
            province=report.province,
            published=report.published,
            first_seen=report.first_seen_at,
            township_rules=township_rules,
        ),
        *completeness(report.sections or [], report.tables or {}, report.year),
    ]
    findings += previous_year_copying(
        report.sections or [],
        previous.sections if previous is not None else None,
        previous.year if previous is not None else None,
        previous.findings or [] if previous is not None else [],
    )
    if report.year is not None and report.year >= 2021:
        findings.append(
            stock_flow(
                report.tables or {},
                previous.tables if previous is not None else None,
                previous.year if previous is not None else None,
            )
        )
    kept = [f for f in report.findings or [] if f.get("rule") in BATCH_RULES]
    return [finding.as_dict() for finding in findings] + kept


#: Rules computed over a whole year by a batch job (kept when a report is re-checked alone).
BATCH_RULES: tuple[str, ...] = ("copying.others",)
