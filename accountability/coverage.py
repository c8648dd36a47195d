"""Who should have reported, and who did: the bodies of a region and their status in a year.

The bodies of a region are every government of the national division list inside it (the
region's own, and those of its cities, counties and townships) plus every agency Nianbao has
seen there, an agency renamed or merged (机构改革) being one body under its current name (see
:mod:`accountability.identity`). In a year a body has **found** its report (or found it **late**), is **missing**
(it published in an earlier year, not this one), or is **unknown** (never seen: not blamed).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from accountability.identity import Lineage

#: Kinds that are a region's own government (its consolidated report).
GOVERNMENT_KINDS = frozenset({"人民政府", "街道办事处", "行政公署"})
STATUSES: tuple[str, ...] = ("found", "late", "missing", "unknown")


@dataclass(frozen=True)
class ReportFacts:
    """What coverage needs of one archived report."""

    report_id: int
    agency: str
    agency_kind: str | None
    division_code: str | None
    year: int
    late: bool


@dataclass(frozen=True)
class Body:
    """A body that should report: a government (by division code) or an agency (by name)."""

    key: str
    name: str
    division_code: str | None
    government: bool
    #: The body's other names (an agency's names before a rename or merger).
    former_names: tuple[str, ...] = ()


@dataclass
class BodyYear:
    """A body's status in one year, with its report or its last one."""

    body: Body
    status: str
    report_id: int | None = None
    last_year: int | None = None


@dataclass
class CoverageCounts:
    """How many bodies are in each status."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))

    @property
    def expected(self) -> int:
        """Every body counted."""
        return sum(self.counts.values())

    def add(self, status: str) -> None:
        """Count one body."""
        self.counts[status] += 1


def body_of(report: ReportFacts, lineage: Lineage | None = None) -> Body:
    """The body a report belongs to: its region's government, or its agency (under the
    agency's current name when ``lineage`` links it to a successor)."""
    if report.agency_kind in GOVERNMENT_KINDS and report.division_code:
        return Body(f"gov:{report.division_code}", report.agency, report.division_code, True)
    if lineage:
        name = lineage.current_name(report.agency)
        former = tuple(lineage.former_names(name))
        return Body(f"agency:{name}", name, report.division_code, False, former)
    return Body(f"agency:{report.agency}", report.agency, report.division_code, False)


def body_statuses(
    governments: Iterable[Body],
    reports: Iterable[ReportFacts],
    year: int,
    lineage: Lineage | None = None,
) -> list[BodyYear]:
    """The status in ``year`` of every expected government and every agency seen (an agency's
    reports under a former name count as its own)."""
    bodies: dict[str, Body] = {body.key: body for body in governments}
    by_body: dict[str, dict[int, ReportFacts]] = {}
    for report in reports:
        body = body_of(report, lineage)
        if body.key in bodies and bodies[body.key].government:
            body = bodies[body.key]  # the list's official name
        bodies.setdefault(body.key, body)
        years = by_body.setdefault(body.key, {})
        current = years.get(report.year)
        if current is None or report.report_id > current.report_id:
            years[report.year] = report
    result = []
    for key, body in bodies.items():
        years = by_body.get(key, {})
        if year in years:
            found = years[year]
            result.append(BodyYear(body, "late" if found.late else "found", found.report_id, year))
            continue
        earlier = [y for y in years if y < year]
        if earlier:
            last = max(earlier)
            result.append(BodyYear(body, "missing", years[last].report_id, last))
        else:
            result.append(BodyYear(body, "unknown"))
    return result
