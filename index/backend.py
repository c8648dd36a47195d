"""Nianbao's search interface: every backend (Whoosh, tantivy) implements :class:`SearchBackend`.

The portal, the API and the CLI only speak these types and Nianbao's own query language (see
``index/query.py``); no backend syntax ever leaks out. ``index/`` knows neither the database nor
the crawler: it receives :class:`IndexDocument` values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

#: ``relevance``, ``year``, ``published``, or a figure: ``figure:<key>`` (largest first) or
#: ``figure:<key>:asc`` (smallest first); reports without the figure come last either way.
SortOrder = str

#: Fields that can be filtered on and faceted, in the order the portal shows them.
FACET_FIELDS: tuple[str, ...] = (
    "province",
    "city",
    "county",
    "level",
    "agency_kind",
    "year",
    "template",
    "consistency",
    "timeliness",
    "changed_after_publication",
)


@dataclass
class IndexDocument:
    """What the index stores about one report (one row per report, its latest version)."""

    id: int
    title: str
    agency: str
    body: str
    agency_kind: str | None = None
    province: str | None = None
    city: str | None = None
    county: str | None = None
    township: str | None = None
    level: str | None = None
    year: int | None = None
    template: str | None = None
    published: dt.date | None = None
    #: ``pass``, ``fail`` or ``unchecked``.
    consistency: str = "unchecked"
    url: str | None = None
    #: ``pass`` (on time), ``fail`` (late) or ``unknown`` (rule ``timeliness``).
    timeliness: str | None = None
    #: ``true`` when the report was changed after its publication, else ``false``.
    changed_after_publication: str | None = None
    #: The known figures of the report (:mod:`figures.catalogue` keys → values).
    figures: dict[str, float] = field(default_factory=dict)


@dataclass
class SearchRequest:
    """A search as the user asked it: query text in Nianbao's language plus facet filters.

    ``filters`` maps a facet field to the values selected: several values of one field combine
    with OR, different fields with AND.
    """

    query: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    facets: tuple[str, ...] = FACET_FIELDS
    sort: SortOrder = "relevance"
    page: int = 1
    page_size: int = 20
    #: Also total the figures of the matching reports (``SearchResult.totals``), grouped by
    #: this field when given (one of :data:`TOTALS_GROUPS`).
    include_totals: bool = False
    totals_by: str | None = None


@dataclass
class Hit:
    """One matching report."""

    id: int
    title: str
    agency: str
    year: int | None
    score: float
    #: HTML-safe snippet: text escaped, matched terms wrapped in ``<mark>``.
    snippet: str
    province: str | None = None
    city: str | None = None
    county: str | None = None
    level: str | None = None
    agency_kind: str | None = None
    template: str | None = None
    published: dt.date | None = None
    consistency: str = "unchecked"
    url: str | None = None
    #: The report's named figures and rates (:data:`figures.catalogue.NAMED_FIGURES`).
    figures: dict[str, float] = field(default_factory=dict)


@dataclass
class FacetValue:
    """One value of a facet with the number of reports it would select."""

    value: str
    count: int


@dataclass
class SearchResult:
    """A page of hits, the total number of matches and the facet counts."""

    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    page: int
    page_size: int
    #: With ``include_totals``: the totals, as :meth:`SearchBackend.totals` gives them.
    totals: list[GroupTotals] | None = None


#: Fields a result set's totals can be grouped by.
TOTALS_GROUPS: tuple[str, ...] = ("province", "city", "county", "year", "agency_kind", "level")


@dataclass
class GroupTotals:
    """Totals of the figures over the reports of one group (or of the whole result set)."""

    #: The group's value (None: the whole result set, or reports without a value).
    group: str | None
    reports: int
    #: Figure key → sum over the reports where the figure is known.
    sums: dict[str, float] = field(default_factory=dict)
    #: Figure key → how many of the reports have it.
    known: dict[str, int] = field(default_factory=dict)


class QuerySyntaxError(ValueError):
    """The query text cannot be understood (e.g. an unknown field or an unclosed quote)."""


class IndexBusyError(RuntimeError):
    """The index writer lock could not be taken within the timeout."""


class SearchBackend(Protocol):
    """A full-text index of reports."""

    def index_reports(self, documents: list[IndexDocument], *, bulk: bool = False) -> None:
        """Add or replace documents (upsert on ``id``) and commit.

        ``bulk=True`` promises that none of the ids is in the index yet (a rebuild): the backend
        may then skip the upsert lookups and write with a larger buffer.
        """

    def index_all(self, documents: Iterable[IndexDocument], *, batch_size: int) -> int:
        """Fill an empty index (a rebuild); returns the number of distinct ids indexed.

        A later document with an id seen before replaces the earlier one. ``batch_size`` bounds
        the documents held in memory at once where the backend writes batch by batch.
        """

    def stored_hashes(self, ids: Iterable[int] | None = None) -> dict[int, str]:
        """The content hash stored with each indexed report (of ``ids``, or of all reports);
        ids not in the index are absent, documents indexed before hashes existed map to ``""``."""
        ...

    def delete_report(self, report_id: int) -> None:
        """Remove a document and commit."""

    def search(self, request: SearchRequest) -> SearchResult:
        """Run a search. Raises :class:`QuerySyntaxError` for queries that cannot be parsed."""

    def totals(self, request: SearchRequest, by: str | None = None) -> list[GroupTotals]:
        """Totals of every named figure (:data:`index.shared.TOTAL_FIGURES`) over the reports
        matching ``request`` (query and filters; paging ignored): the whole set first, then one
        entry per value of ``by`` (a field of :data:`TOTALS_GROUPS`), largest groups first."""
        ...

    def document_count(self) -> int:
        """Number of documents in the index."""

    def clear(self) -> None:
        """Remove every document."""

    def close(self) -> None:
        """Release open index files (the backend reopens them if used again)."""
