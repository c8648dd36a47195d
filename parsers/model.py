"""The structured report: Nianbao's data contract (see docs/REPORT_SCHEMA.md).

Field names here are public: the JSON API, the exports and ``nianbao parse`` use them verbatim.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Level = Literal["central", "province", "city", "county", "township"]
CheckStatus = Literal["pass", "fail", "not_assessable", "doubtful"]

#: Columns of ``tables.applications`` in template order.
APPLICANT_COLUMNS: tuple[str, ...] = (
    "natural_person",
    "commercial",
    "research",
    "public_interest",
    "legal_service",
    "other_org",
    "total",
)

#: Result rows of ``tables.applications`` (2021 template), in template order.
RESULT_ROWS_2021: tuple[str, ...] = (
    "granted",
    "partial",
    "denied_state_secret",
    "denied_prohibited",
    "denied_security_stability",
    "denied_third_party",
    "denied_internal",
    "denied_process",
    "denied_enforcement_file",
    "denied_query",
    "unavailable_not_held",
    "unavailable_needs_creation",
    "unavailable_unclear",
    "rejected_petition",
    "rejected_repeat",
    "rejected_publication",
    "rejected_excessive",
    "rejected_confirmation",
    "other_no_correction",
    "other_fee_unpaid",
    "other_other",
)

#: Result rows of the 2019 template: the 2021 rows with a single ``other`` row.
RESULT_ROWS_2019: tuple[str, ...] = (*RESULT_ROWS_2021[:18], "other")

#: All rows of ``tables.applications`` (2021 template), in template order.
APPLICATION_ROWS_2021: tuple[str, ...] = (
    "new",
    "carried_over",
    *RESULT_ROWS_2021,
    "results_total",
    "carried_forward",
)
APPLICATION_ROWS_2019: tuple[str, ...] = (
    "new",
    "carried_over",
    *RESULT_ROWS_2019,
    "results_total",
    "carried_forward",
)

#: Groups of ``tables.reviews`` and their columns.
REVIEW_GROUPS: tuple[str, ...] = ("review", "litigation", "litigation_after_review")
REVIEW_COLUMNS: tuple[str, ...] = ("upheld", "corrected", "other", "pending", "total")

#: Tag fields exported by ``nianbao export`` and the CSV downloads, in column order.
TAG_FIELDS: tuple[str, ...] = (
    "title",
    "agency",
    "agency_kind",
    "province",
    "city",
    "county",
    "township",
    "level",
    "division_code",
    "year",
    "template",
    "template_basis",
    "published",
)

Number = int | float
#: ``tables`` as in REPORT_SCHEMA.md: ``{"active": {...}, "applications": {row: {col: n}}, "reviews": {...}}``.
#: A cell that was blank in the source is ``None``; a table that could not be read is absent.
Tables = dict[str, dict[str, dict[str, Number | None]]]


@dataclass
class Section:
    """One of the six numbered sections of a report."""

    number: int
    heading: str
    text: str


@dataclass
class Check:
    """One consistency finding; ``cells`` name the cells involved, e.g. ``applications.new.total``."""

    rule: str
    status: CheckStatus
    message: str
    cells: list[str] = field(default_factory=list)


@dataclass
class ParsedReport:
    """A report turned into structured data. Produced by :func:`parsers.parse_document`."""

    title: str
    agency: str | None = None
    agency_kind: str | None = None
    province: str | None = None
    city: str | None = None
    county: str | None = None
    township: str | None = None
    level: Level | None = None
    division_code: str | None = None
    year: int | None = None
    template: str | None = None
    #: How ``template`` was decided: ``cited`` (the text cites or names the notice), ``tables``
    #: (the statistics tables' shape), ``year`` (the template in force for the report's year).
    template_basis: str | None = None
    published: dt.date | None = None
    sections: list[Section] = field(default_factory=list)
    tables: Tables = field(default_factory=dict)
    checks: list[Check] = field(default_factory=list)
    #: The report's full plain text, as extracted (used for search and text checks).
    text: str = ""
    #: Where the document came from, when known.
    url: str | None = None
    #: Non-fatal problems met while parsing (e.g. "table 三 could not be read").
    warnings: list[str] = field(default_factory=list)
    #: Whether any page was read by OCR (a scan), and the mean confidence (0–1) of its words.
    ocr: bool = False
    ocr_confidence: float | None = None
    #: Key figures stated in the prose of a report whose table was not read (pre-2019 reports),
    #: by cell path of ``tables``: ``{"applications.new.total": {"value": 12, "quote": "..."}}``.
    prose_figures: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: Where each table row was read, keyed ``<table>.<row>`` (a cell path for a cell set by
    #: hand): the label as printed, ``method`` (``grid``, ``text``, ``ocr``, ``manual``), the
    #: page, the grid and row or the line, and the OCR confidence.
    provenance: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def consistency_status(self) -> str:
        """``fail`` if any check failed, ``pass`` if all assessable checks passed, else ``unchecked``."""
        return consistency_status_of(check.status for check in self.checks)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of REPORT_SCHEMA.md (dates as ISO strings)."""
        data = asdict(self)
        data["published"] = self.published.isoformat() if self.published else None
        data["consistency_status"] = self.consistency_status
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ParsedReport:
        """Rebuild a report from :meth:`to_dict` output."""
        published = data.get("published")
        return cls(
            title=data.get("title") or "",
            agency=data.get("agency"),
            agency_kind=data.get("agency_kind"),
            province=data.get("province"),
            city=data.get("city"),
            county=data.get("county"),
            township=data.get("township"),
            level=data.get("level"),
            division_code=data.get("division_code"),
            year=data.get("year"),
            template=data.get("template"),
            template_basis=data.get("template_basis"),
            published=dt.date.fromisoformat(published) if published else None,
            sections=[Section(**s) for s in data.get("sections") or []],
            tables=data.get("tables") or {},
            checks=[Check(**c) for c in data.get("checks") or []],
            text=data.get("text") or "",
            url=data.get("url"),
            warnings=list(data.get("warnings") or []),
            ocr=bool(data.get("ocr")),
            ocr_confidence=data.get("ocr_confidence"),
            prose_figures=dict(data.get("prose_figures") or {}),
            provenance=dict(data.get("provenance") or {}),
        )


def consistency_status_of(statuses: Iterable[str]) -> str:
    """Summarise check statuses: ``fail`` beats ``pass`` beats ``unchecked`` (nothing assessable)."""
    seen = set(statuses)
    if "fail" in seen:
        return "fail"
    if "pass" in seen:
        return "pass"
    return "unchecked"


class ParseError(Exception):
    """A document could not be read at all (wrong format, corrupt file, missing converter)."""
