"""``nianbao accountability``: re-check every archived report against the current rules (after a
rule changed or was added), without parsing anything again."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select

from accountability.evaluate import evaluate_report, parse_township_deadlines
from accountability.identity import Lineage
from services import Services
from storage.agency_links import link_rows
from storage.models import Report

BATCH = 1000


def recheck_all(services: Services, progress: Callable[[int], None] | None = None) -> int:
    """Recompute the findings of every report, agency by agency in year order (so each report
    is compared with its agency's previous year, under a former name too); returns the number
    of reports checked."""
    rules = parse_township_deadlines(services.settings.township_deadlines)
    with services.database.session() as session:
        lineage = Lineage(link_rows(session))
        rows = session.execute(select(Report.id, Report.agency, Report.year)).all()
    keys = sorted(
        (
            (row.id, lineage.current_name(row.agency) if row.agency else None, row.year)
            for row in rows
        ),
        key=lambda key: (key[1] or "", key[2] if key[2] is not None else -1, key[0]),
    )
    checked = 0
    previous_of: dict[tuple[str, int], int] = {}  # (agency, year) → newest report id
    for start in range(0, len(keys), BATCH):
        chunk = keys[start : start + BATCH]
        with services.database.session() as session:
            for report_id, body, _ in chunk:
                report = session.get(Report, report_id)
                if report is None:
                    continue
                previous = None
                if body and report.year is not None:
                    previous_id = previous_of.get((body, report.year - 1))
                    previous = session.get(Report, previous_id) if previous_id else None
                    previous_of[(body, report.year)] = report.id
                report.findings = evaluate_report(report, previous, rules)
                checked += 1
        if progress is not None:
            progress(checked)
    return checked
