"""The stored links that keep a body's identity across renames (机构改革), read as plain rows
for :class:`accountability.identity.Lineage`, and the agencies' report years that suggestions
are made from."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import AgencyLink, Report

#: (predecessor, successor, since_year)
LinkRow = tuple[str, str, int | None]


def link_rows(session: Session) -> list[LinkRow]:
    """Every stored link (one query on a small table)."""
    rows = session.execute(
        select(AgencyLink.predecessor, AgencyLink.successor, AgencyLink.since_year)
    ).all()
    return [(row.predecessor, row.successor, row.since_year) for row in rows]


def agency_years(session: Session) -> tuple[dict[str, set[int]], dict[str, str | None]]:
    """Each agency's report years, and the division code it reports for."""
    years: dict[str, set[int]] = defaultdict(set)
    region: dict[str, str | None] = {}
    rows = session.execute(
        select(Report.agency, Report.division_code, Report.year)
        .where(Report.agency.is_not(None), Report.year.is_not(None))
        .distinct()
    )
    for row in rows:
        agency: str = row.agency
        years[agency].add(int(row.year))
        region.setdefault(agency, row.division_code)
    return dict(years), region
