"""``nianbao accountability``: re-check every archived report against the current rules (after a
rule changed or was added), without parsing anything again."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select

from accountability.evaluate import evaluate_report, parse_township_deadlines
from services import Services
from storage.models import Report

BATCH = 1000


def recheck_all(services: Services, progress: Callable[[int], None] | None = None) -> int:
    """Recompute the findings of every report, agency by agency in year order (so each report
    is compared with its agency's previous year); returns the number of reports checked."""
    rules = parse_township_deadlines(services.settings.township_deadlines)
    with services.database.session() as session:
        keys = session.execute(
            select(Report.id, Report.agency, Report.year).order_by(
                Report.agency, Report.year, Report.id
            )
        ).all()
    checked = 0
    previous_of: dict[tuple[str, int], int] = {}  # (agency, year) → newest report id
    for start in range(0, len(keys), BATCH):
        chunk = keys[start : start + BATCH]
        with services.database.session() as session:
            for key in chunk:
                report = session.get(Report, key.id)
                if report is None:
                    continue
                previous = None
                if report.agency and report.year is not None:
                    previous_id = previous_of.get((report.agency, report.year - 1))
                    previous = session.get(Report, previous_id) if previous_id else None
                    previous_of[(report.agency, report.year)] = report.id
                report.findings = evaluate_report(report, previous, rules)
                checked += 1
        if progress is not None:
            progress(checked)
    return checked
