"""``nianbao copies``: the cross-agency copy check over each year of the archive."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select

from accountability.copies_across import CopyCandidate, closest_copies, copy_finding, judged_text
from accountability.copying import long_enough
from storage import Database
from storage.models import Report


def archive_years(database: Database) -> list[int]:
    """The years with reports."""
    with database.session() as session:
        years = session.scalars(select(Report.year).where(Report.year.is_not(None)).distinct())
        return sorted(year for year in years if year is not None)


def check_copies(database: Database, years: Iterable[int]) -> dict[int, int]:
    """Store the ``copying.others`` finding of every report of ``years``; returns the number of
    copies found per year."""
    found: dict[int, int] = {}
    for year in years:
        with database.session() as session:
            rows = session.execute(
                select(Report.id, Report.agency, Report.sections).where(Report.year == year)
            ).all()
            candidates = [
                CopyCandidate(report_id, agency or f"#{report_id}", judged_text(sections or []))
                for report_id, agency, sections in rows
            ]
        closest = closest_copies(candidates)
        copies = 0
        with database.session() as session:
            for candidate in candidates:
                finding = copy_finding(closest[candidate.report_id], long_enough(candidate.text))
                copies += finding.status == "fail"
                report = session.get(Report, candidate.report_id)
                if report is None:
                    continue
                kept = [f for f in report.findings or [] if f.get("rule") != "copying.others"]
                report.findings = [*kept, finding.as_dict()]
        found[year] = copies
    return found
