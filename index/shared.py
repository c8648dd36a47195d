"""What both backends share around a search: request checks, stored metadata and hit building."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections import OrderedDict
from collections.abc import Hashable, Iterable
from itertools import islice
from typing import Any, Protocol

from figures.catalogue import NAMED_FIGURES, RATE_FIGURES
from index.backend import (
    FACET_FIELDS,
    TOTALS_GROUPS,
    GroupTotals,
    Hit,
    IndexDocument,
    QuerySyntaxError,
    SearchRequest,
)
from index.highlight import make_snippet

#: Metadata kept with every document and returned in hits: every field of
#: :class:`~index.backend.IndexDocument` but the id and the text.
META_FIELDS: tuple[str, ...] = tuple(
    field.name for field in dataclasses.fields(IndexDocument) if field.name not in ("id", "body")
)
#: Hit fields read from the stored metadata (the others are the id, score and snippet).
_HIT_META_FIELDS: tuple[str, ...] = tuple(
    field.name for field in dataclasses.fields(Hit) if field.name in META_FIELDS
)
#: Keyword fields indexed for filters and facets (township is filterable, not faceted).
KEYWORD_FIELDS: tuple[str, ...] = (*FACET_FIELDS, "township")
#: Relevance weight of a match in each text field.
FIELD_BOOSTS: dict[str, float] = {"title": 3.0, "agency": 2.0, "body": 1.0}
#: Score added when a plain word is a report's region or agency-kind tag: tagged reports first.
TAG_BOOST = 50.0
MAX_PAGE_SIZE = 1000


class _BatchWriter(Protocol):
    def index_reports(self, documents: list[IndexDocument], *, bulk: bool = False) -> None: ...


def index_in_batches(
    backend: _BatchWriter, documents: Iterable[IndexDocument], batch_size: int
) -> int:
    """Fill an empty index with one commit per batch; returns the number of distinct ids."""
    seen: set[int] = set()
    iterator = iter(documents)
    while batch := list(islice(iterator, batch_size)):
        ids = {document.id for document in batch}
        # Bulk writing skips upserts: only for batches whose ids are new to the index.
        backend.index_reports(batch, bulk=seen.isdisjoint(ids))
        seen |= ids
    return len(seen)


def keyword_values(document: IndexDocument) -> dict[str, str]:
    """The keyword-field values of ``document`` as strings; missing values are left out."""
    values: dict[str, str] = {}
    for name in KEYWORD_FIELDS:
        value = getattr(document, name)
        if value is not None and value != "":
            values[name] = str(value)
    return values


#: Figures stored with every hit (named figures and rates; every cell stays queryable).
HIT_FIGURES: tuple[str, ...] = tuple(figure.key for figure in NAMED_FIGURES + RATE_FIGURES)
#: Figures summed by :meth:`~index.backend.SearchBackend.totals` (rates are derived from them).
TOTAL_FIGURES: tuple[str, ...] = tuple(figure.key for figure in NAMED_FIGURES)
#: The keyword field holding a report's figures as ``key=value`` terms.
FIGURES_FIELD = "figures"


def metadata_of(document: IndexDocument) -> dict[str, Any]:
    """The JSON-safe metadata stored with ``document``, with its :func:`content_hash`."""
    meta: dict[str, Any] = {name: getattr(document, name) for name in META_FIELDS}
    meta["published"] = document.published.isoformat() if document.published else None
    meta["figures"] = {k: document.figures[k] for k in HIT_FIGURES if k in document.figures}
    meta["hash"] = content_hash(document)
    return meta


def format_number(value: float) -> str:
    """A figure's value as indexed: integers without a decimal point, others as ``repr``."""
    number = float(value)
    return str(int(number)) if number.is_integer() else repr(number)


def figure_terms(document: IndexDocument) -> list[str]:
    """The ``key=value`` terms of a document's known figures."""
    return [f"{key}={format_number(value)}" for key, value in sorted(document.figures.items())]


def term_value(term: str) -> float:
    """The number of a ``key=value`` figure term."""
    return float(term.rpartition("=")[2])


def check_totals_group(by: str | None) -> None:
    """Refuse a grouping field that totals cannot be grouped by."""
    if by is not None and by not in TOTALS_GROUPS:
        raise QuerySyntaxError(f"不能按“{by}”分组合计。可用：{'、'.join(TOTALS_GROUPS)}。")


def ordered_totals(whole: GroupTotals, groups: list[GroupTotals]) -> list[GroupTotals]:
    """The whole set first, then the groups by number of reports (ties by value)."""
    return [whole, *sorted(groups, key=lambda g: (-g.reports, g.group or ""))]


def parse_sort(sort: str) -> tuple[str, bool]:
    """``(what, descending)`` of a sort order: ``relevance``/``year``/``published`` or a figure
    key for ``figure:<key>[:asc]``; raises :class:`QuerySyntaxError` for anything else."""
    if sort in ("relevance", "year", "published"):
        return sort, True
    kind, _colon, rest = sort.partition(":")
    key, _colon, direction = rest.partition(":")
    if kind != "figure" or key not in HIT_FIGURES or direction not in ("", "asc", "desc"):
        raise QuerySyntaxError(
            "排序方式只能是 relevance、year、published，或 figure:指标键（如 figure:reviews_corrected，"
            "升序加 :asc）。"
        )
    return key, direction != "asc"


def content_hash(document: IndexDocument) -> str:
    """A digest of everything the index holds about a report: the index is up to date for a
    report exactly when it stores this hash (``nianbao index verify`` compares them)."""
    fields = dataclasses.asdict(document)
    fields["published"] = document.published.isoformat() if document.published else None
    canonical = json.dumps(fields, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(canonical).hexdigest()[:32]


def check_request(request: SearchRequest) -> None:
    """Reject filters on unknown fields and impossible pages."""
    for name in request.filters:
        if name not in KEYWORD_FIELDS:
            raise QuerySyntaxError(f"不能按“{name}”筛选。可用筛选：{'、'.join(KEYWORD_FIELDS)}。")
    for name in request.facets:
        if name not in FACET_FIELDS:
            raise QuerySyntaxError(f"没有“{name}”分面。可用分面：{'、'.join(FACET_FIELDS)}。")
    parse_sort(request.sort)
    if request.include_totals:
        check_totals_group(request.totals_by)
    if request.page < 1 or not 1 <= request.page_size <= MAX_PAGE_SIZE:
        raise QuerySyntaxError(f"页码须从 1 开始，每页 1–{MAX_PAGE_SIZE} 条。")


def build_hit(
    report_id: int, meta: dict[str, Any], body: str, score: float, phrases: list[str]
) -> Hit:
    """A :class:`Hit` from stored metadata, with a snippet of ``body`` around ``phrases``."""
    values: dict[str, Any] = {name: meta.get(name) for name in _HIT_META_FIELDS}
    published = values.get("published")
    values.update(
        title=values.get("title") or "",
        agency=values.get("agency") or "",
        published=dt.date.fromisoformat(published) if published else None,
        consistency=values.get("consistency") or "unchecked",
        figures=values.get("figures") or {},
    )
    return Hit(id=report_id, score=score, snippet=make_snippet(body, phrases), **values)


def counts_key(request: SearchRequest) -> Hashable:
    """A hashable form of what the total and the facet counts of ``request`` depend on."""
    filters = tuple(sorted((k, tuple(sorted(v))) for k, v in request.filters.items() if v))
    return (request.query, filters, tuple(request.facets))


def request_key(request: SearchRequest) -> Hashable:
    """A hashable form of ``request`` for result caches."""
    totals = (request.include_totals, request.totals_by)
    return (counts_key(request), request.sort, request.page, request.page_size, totals)


class ResultCache:
    """A small LRU cache of search results, emptied whenever the index generation changes."""

    def __init__(self, capacity: int = 256) -> None:
        self.capacity = capacity
        self._generation: Hashable = None
        self._items: OrderedDict[Hashable, Any] = OrderedDict()

    def get(self, generation: Hashable, key: Hashable) -> Any:
        """The cached value, or None."""
        if generation != self._generation:
            self._items.clear()
            self._generation = generation
            return None
        value = self._items.get(key)
        if value is not None:
            self._items.move_to_end(key)
        return value

    def put(self, generation: Hashable, key: Hashable, value: Any) -> None:
        """Remember ``value`` for ``key`` in ``generation``."""
        if generation != self._generation:
            self._items.clear()
            self._generation = generation
        if self.capacity <= 0:
            return
        self._items[key] = value
        while len(self._items) > self.capacity:
            self._items.popitem(last=False)
