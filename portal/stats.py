"""The national picture: per year, province and level, how many reports, how many on time, how
many with arithmetic that does not add up or stocks that do not carry over, and the outcome and
correction rates of their requests and reviews — every count linked to the reports behind it.

Computed by one pass over the archive (the columns it needs, not the report texts) and served
from a saved snapshot that is refreshed in the background (:mod:`portal.snapshot`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import select

from accountability.copying import JUDGED_SECTIONS
from figures.catalogue import FIGURES_BY_KEY
from figures.values import figure_values, rate_from_sums, with_prose_figures
from storage import Database
from storage.models import Report

#: Figures summed per group (rates are computed from the sums).
SUMMED: tuple[str, ...] = (
    "granted",
    "partial",
    "denied",
    "results_total",
    "reviews",
    "reviews_corrected",
    "reviews_pending",
    "litigation",
    "litigation_corrected",
    "litigation_pending",
)
RATES: tuple[str, ...] = (
    "disclosure_rate",
    "grant_rate",
    "denial_rate",
    "review_correction_rate",
    "litigation_correction_rate",
)
#: Copying similarities are counted in whole percents (a histogram gives the median).
SIMILARITY_BINS = 101
BATCH = 2000


@dataclass
class GroupStats:
    """The counts and sums of one group of reports."""

    reports: int = 0
    on_time: int = 0
    late: int = 0
    timeliness_unknown: int = 0
    checked: int = 0
    arithmetic_errors: int = 0
    continuity_checked: int = 0
    continuity_breaks: int = 0
    sums: dict[str, float] = field(default_factory=lambda: dict.fromkeys(SUMMED, 0.0))
    #: How many reports' wording is this similar (in whole percents) to the previous year's.
    similarity_bins: list[int] = field(default_factory=lambda: [0] * SIMILARITY_BINS)

    def add(self, report: Any, values: dict[str, Any]) -> None:
        """Count one report in."""
        self.reports += 1
        findings = {f.get("rule"): f.get("status") for f in report.findings or []}
        timeliness = findings.get("timeliness")
        if timeliness == "pass":
            self.on_time += 1
        elif timeliness == "fail":
            self.late += 1
        else:
            self.timeliness_unknown += 1
        if report.consistency_status in ("pass", "fail"):
            self.checked += 1
            self.arithmetic_errors += report.consistency_status == "fail"
        continuity = [
            c.get("status")
            for c in report.checks or []
            if c.get("rule") == "carried_over_continuity"
        ]
        statuses = [
            s for s in (*continuity, findings.get("continuity.stock")) if s in ("pass", "fail")
        ]
        if statuses:
            self.continuity_checked += 1
            self.continuity_breaks += "fail" in statuses
        for key in SUMMED:
            value = values.get(key)
            if value is not None:
                self.sums[key] += value
        similar = previous_year_similarity(report.findings or [])
        if similar is not None:
            self.similarity_bins[min(SIMILARITY_BINS - 1, max(0, round(similar * 100)))] += 1

    @property
    def median_similarity(self) -> float | None:
        """The median similarity to the previous year among the reports compared."""
        compared = sum(self.similarity_bins)
        if not compared:
            return None
        middle, seen = (compared + 1) / 2, 0
        for percent, count in enumerate(self.similarity_bins):
            seen += count
            if seen >= middle:
                return percent / 100
        return None

    def as_dict(self) -> dict[str, Any]:
        """The JSON form with the shares and rates."""
        decided = self.on_time + self.late
        return {
            "reports": self.reports,
            "on_time": self.on_time,
            "late": self.late,
            "timeliness_unknown": self.timeliness_unknown,
            "on_time_rate": _share(self.on_time, decided),
            "checked": self.checked,
            "arithmetic_errors": self.arithmetic_errors,
            "arithmetic_error_rate": _share(self.arithmetic_errors, self.checked),
            "continuity_checked": self.continuity_checked,
            "continuity_breaks": self.continuity_breaks,
            "continuity_break_rate": _share(self.continuity_breaks, self.continuity_checked),
            "similarity_compared": sum(self.similarity_bins),
            "median_similarity": self.median_similarity,
            "totals": {k: _plain(v) for k, v in self.sums.items()},
            "rates": {k: rate_from_sums(FIGURES_BY_KEY[k], self.sums) for k in RATES},
        }


def previous_year_similarity(findings: list[dict[str, Any]]) -> float | None:
    """A report's wording similarity to its previous year: the highest of the judged sections
    (总体情况, 存在的问题) in the ``copying.previous_year`` finding, if it was compared."""
    for finding in findings:
        if finding.get("rule") != "copying.previous_year":
            continue
        sections = (finding.get("evidence") or {}).get("sections") or {}
        scores = [sections.get(str(n)) for n in JUDGED_SECTIONS]
        known = [float(s) for s in scores if s is not None]
        return max(known) if known else None
    return None


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _plain(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(value, 6)


@dataclass
class NationalStats:
    """Every group: by year, by (year, province), by (year, level)."""

    by_year: dict[int, GroupStats] = field(default_factory=lambda: defaultdict(GroupStats))
    by_province: dict[tuple[int, str], GroupStats] = field(
        default_factory=lambda: defaultdict(GroupStats)
    )
    by_level: dict[tuple[int, str], GroupStats] = field(
        default_factory=lambda: defaultdict(GroupStats)
    )

    @property
    def years(self) -> list[int]:
        """The years with reports, oldest first."""
        return sorted(self.by_year)

    def to_json(self) -> dict[str, Any]:
        """Every group's raw counts and sums (the snapshot saved to disk)."""
        return {
            "by_year": [[year, asdict(group)] for year, group in self.by_year.items()],
            "by_province": [[*key, asdict(group)] for key, group in self.by_province.items()],
            "by_level": [[*key, asdict(group)] for key, group in self.by_level.items()],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> NationalStats:
        """The statistics :meth:`to_json` saved."""
        stats = cls()
        for year, group in data["by_year"]:
            stats.by_year[int(year)] = GroupStats(**group)
        for year, province, group in data["by_province"]:
            stats.by_province[(int(year), province)] = GroupStats(**group)
        for year, level, group in data["by_level"]:
            stats.by_level[(int(year), level)] = GroupStats(**group)
        return stats


#: The columns the statistics read (never the sections' text).
COLUMNS = (
    Report.id,
    Report.year,
    Report.province,
    Report.level,
    Report.consistency_status,
    Report.findings,
    Report.checks,
    Report.tables,
    Report.prose_figures,
)


def compute_stats(database: Database) -> NationalStats:
    """One pass over the archive."""
    figures = tuple(FIGURES_BY_KEY[key] for key in SUMMED)
    stats = NationalStats()
    last_id = 0
    with database.session() as session:
        while True:
            reports = session.execute(
                select(*COLUMNS).where(Report.id > last_id).order_by(Report.id).limit(BATCH)
            ).all()
            if not reports:
                break
            for report in reports:
                last_id = report.id
                if report.year is None:
                    continue
                tables = with_prose_figures(report.tables, report.prose_figures)
                values = figure_values(tables, figures)
                stats.by_year[report.year].add(report, values)
                if report.province:
                    stats.by_province[(report.year, report.province)].add(report, values)
                if report.level:
                    stats.by_level[(report.year, report.level)].add(report, values)
    return stats
