"""Named database queries of the portal; views call these and never write SQL themselves.

Every function takes an open :class:`~sqlalchemy.orm.Session` and returns plain values or
detached models whose needed attributes are already loaded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session, defer, load_only, selectinload

from accountability.identity import Lineage
from storage.agency_links import link_rows
from storage.models import Correction, CrawlRun, Report, ReportVersion

#: Rows fetched at a time when streaming a year of the archive.
EXPORT_CHUNK_SIZE = 500


#: Columns loaded for report lists (no text, sections or checks): tags, URL, dates and tables.
SUMMARY_COLUMNS = (
    Report.id,
    Report.title,
    Report.agency,
    Report.agency_kind,
    Report.province,
    Report.city,
    Report.county,
    Report.township,
    Report.level,
    Report.division_code,
    Report.year,
    Report.template,
    Report.template_basis,
    Report.prose_figures,
    Report.published,
    Report.url,
    Report.consistency_status,
    Report.tables,
    Report.first_seen_at,
    Report.last_seen_at,
    Report.last_changed_at,
    Report.findings,
    Report.changed_after_publication,
)


@dataclass
class ArchiveStats:
    """What the archive holds, for the home page."""

    reports: int
    agencies: int
    provinces: int
    counties: int
    first_year: int | None
    last_year: int | None
    years: list[int]
    last_crawl_at: dt.datetime | None


@dataclass
class RegionNode:
    """A region with its number of reports and the regions below it."""

    name: str
    count: int
    children: list[RegionNode] = field(default_factory=list)


def archive_stats(session: Session) -> ArchiveStats:
    """Counts of reports, agencies and regions, the years covered and the last crawl."""
    reports, agencies, provinces, counties = session.execute(
        select(
            func.count(Report.id),
            func.count(distinct(Report.agency)),
            func.count(distinct(Report.province)),
            func.count(distinct(Report.county)),
        )
    ).one()
    years = [
        year
        for year in session.scalars(
            select(Report.year).where(Report.year.is_not(None)).distinct().order_by(Report.year)
        )
        if year is not None
    ]
    last_crawl = session.scalar(select(func.max(CrawlRun.finished_at)))
    if last_crawl is None:
        last_crawl = session.scalar(select(func.max(Report.last_seen_at)))
    return ArchiveStats(
        reports=reports,
        agencies=agencies,
        provinces=provinces,
        counties=counties,
        first_year=years[0] if years else None,
        last_year=years[-1] if years else None,
        years=years,
        last_crawl_at=last_crawl,
    )


def region_tree(session: Session) -> list[RegionNode]:
    """Provinces → cities → counties with their report counts, largest provinces first."""
    rows = session.execute(
        select(Report.province, Report.city, Report.county, func.count(Report.id))
        .where(Report.province.is_not(None))
        .group_by(Report.province, Report.city, Report.county)
    ).all()
    provinces: dict[str, RegionNode] = {}
    cities: dict[tuple[str, str], RegionNode] = {}
    for province, city, county, count in rows:
        if not province:
            continue
        province_node = provinces.setdefault(province, RegionNode(province, 0))
        province_node.count += count
        if not city:
            continue
        city_node = cities.get((province, city))
        if city_node is None:
            city_node = cities[(province, city)] = RegionNode(city, 0)
            province_node.children.append(city_node)
        city_node.count += count
        if county:
            city_node.children.append(RegionNode(county, count))
    ordered = sorted(provinces.values(), key=lambda node: (-node.count, node.name))
    for node in ordered:
        node.children.sort(key=lambda child: (-child.count, child.name))
        for child in node.children:
            child.children.sort(key=lambda grandchild: (-grandchild.count, grandchild.name))
    return ordered


def newest_reports(session: Session, limit: int = 8) -> list[Report]:
    """The reports most recently added to the archive."""
    return list(
        session.scalars(
            select(Report)
            .options(load_only(*SUMMARY_COLUMNS))
            .order_by(Report.id.desc())
            .limit(limit)
        )
    )


def report_by_id(session: Session, report_id: int) -> Report | None:
    """A report with its versions loaded (without their parsed content), or None."""
    return session.scalar(
        select(Report)
        .where(Report.id == report_id)
        .options(selectinload(Report.versions).options(defer(ReportVersion.parsed)))
    )


@dataclass
class YearLink:
    """One year of an agency: the report id to link to."""

    id: int
    year: int | None


def years_of_agency(session: Session, agency: str) -> list[YearLink]:
    """The years an agency has reports for (latest archived report per year), oldest first;
    its reports under former names (linked by admins) count as its own."""
    by_year: dict[int | None, YearLink] = {}
    rows = session.execute(
        select(Report.id, Report.year)
        .where(Report.agency.in_(agency_names(session, agency)))
        .order_by(Report.year, Report.id)
    )
    for report_id, year in rows:
        by_year[year] = YearLink(report_id, year)
    return list(by_year.values())


def version_of_report(session: Session, report_id: int, version_id: int) -> ReportVersion | None:
    """One stored version of a report, or None if it belongs to another report."""
    return session.scalar(
        select(ReportVersion).where(
            ReportVersion.id == version_id, ReportVersion.report_id == report_id
        )
    )


def agency_names(session: Session, agency: str) -> set[str]:
    """Every name of ``agency``'s body (itself, and the names admins linked to it)."""
    return Lineage(link_rows(session)).names(agency)


def reports_of_agency(session: Session, agency: str) -> list[Report]:
    """Every report of an agency, oldest year first (one per year: the latest archived), its
    reports under former names included."""
    reports = session.scalars(
        select(Report)
        .where(Report.agency.in_(agency_names(session, agency)))
        .order_by(Report.year, Report.id)
    )
    by_year: dict[int | None, Report] = {}
    for report in reports:
        by_year[report.year] = report
    return list(by_year.values())


def reports_by_ids(session: Session, ids: Sequence[int]) -> list[Report]:
    """Reports with the given ids, in the order asked; unknown ids are skipped."""
    if not ids:
        return []
    statement = select(Report).options(load_only(*SUMMARY_COLUMNS)).where(Report.id.in_(ids))
    found = {report.id: report for report in session.scalars(statement)}
    return [found[report_id] for report_id in ids if report_id in found]


def reports_in_region(
    session: Session,
    *,
    year: int,
    province: str | None = None,
    city: str | None = None,
    county: str | None = None,
) -> list[Report]:
    """Reports of one year in a region (all regions when none is given), by agency name."""
    statement = select(Report).options(load_only(*SUMMARY_COLUMNS)).where(Report.year == year)
    if province:
        statement = statement.where(Report.province == province)
    if city:
        statement = statement.where(Report.city == city)
    if county:
        statement = statement.where(Report.county == county)
    return list(session.scalars(statement.order_by(Report.agency, Report.id)))


def provinces_with_reports(session: Session) -> list[str]:
    """Names of provinces that have at least one report."""
    return [
        name
        for name in session.scalars(
            select(Report.province)
            .where(Report.province.is_not(None))
            .distinct()
            .order_by(Report.province)
        )
        if name
    ]


def year_has_reports(session: Session, year: int) -> bool:
    """True when at least one report covers ``year`` (an indexed lookup, no scan)."""
    return session.scalar(select(Report.id).where(Report.year == year).limit(1)) is not None


def iter_reports_of_year(session: Session, year: int) -> Iterator[Report]:
    """Every report of a year, streamed in chunks in id order (for bulk downloads)."""
    last_id = 0
    while True:
        chunk = list(
            session.scalars(
                select(Report)
                .where(Report.year == year, Report.id > last_id)
                .order_by(Report.id)
                .limit(EXPORT_CHUNK_SIZE)
            )
        )
        if not chunk:
            return
        yield from chunk
        last_id = chunk[-1].id
        session.expunge_all()


def decided_corrections(session: Session, report_id: int) -> list[Correction]:
    """The report's accepted (and since retired) corrections, oldest first: its 人工更正."""
    statement = (
        select(Correction)
        .where(Correction.report_id == report_id, Correction.status.in_(("accepted", "retired")))
        .order_by(Correction.decided_at, Correction.id)
    )
    return list(session.scalars(statement))
