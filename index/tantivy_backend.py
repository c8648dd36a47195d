"""The backend for large archives: tantivy (Rust) through its official Python bindings.

Each text field is indexed in the two views of :mod:`index.analysis`: ``<field>_chars``, the
marked text's characters and bigrams from tantivy's n-gram tokenizer, without positions; and
``<field>_quadgrams``, the marked text's 4-grams joined by spaces (made in Python, where one
4-gram per character gives the positions a phrase needs) and indexed with tantivy's
``whitespace`` tokenizer, with positions. The original text is stored in a separate stored-only
field for snippets. Keyword fields are ``raw`` fast fields, counted with terms aggregations;
``year_sort`` and ``published_sort`` are integer fast fields for sorting.

A request evaluates its query twice, once ranked for the page and once in one aggregation
request for the facet counts and the total, the two on different threads; a rebuild writes
with one writer and one commit.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Hashable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from operator import itemgetter
from pathlib import Path
from typing import Any, cast

import tantivy

from index import query as nq
from index.analysis import marked_text, phrase_plan, quadgrams, view_field
from index.backend import (
    FacetValue,
    GroupTotals,
    IndexBusyError,
    IndexDocument,
    SearchRequest,
    SearchResult,
)
from index.formats import check_format
from index.shared import (
    FIELD_BOOSTS,
    FIGURES_FIELD,
    HIT_FIGURES,
    KEYWORD_FIELDS,
    TAG_BOOST,
    TOTAL_FIGURES,
    ResultCache,
    build_hit,
    check_request,
    check_totals_group,
    counts_key,
    figure_terms,
    keyword_values,
    metadata_of,
    ordered_totals,
    parse_sort,
    request_key,
    term_value,
)

WRITE_TIMEOUT = 30.0
WRITER_HEAP_BYTES = 128_000_000
#: Bulk writes (rebuilds) index with two threads, each with half of this heap.
BULK_WRITER_HEAP_BYTES = 256_000_000
BULK_WRITER_THREADS = 2
#: Facet values returned per field (more than China has counties).
MAX_FACET_VALUES = 20_000
_EPOCH_ORDINAL = 719_163  # date(1970, 1, 1).toordinal()
#: The name under which each opened index knows tantivy's 1–2-gram tokenizer.
CHARS_TOKENIZER = "nianbao_chars"


def build_schema() -> tantivy.Schema:
    """The tantivy schema of Nianbao's index."""
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", stored=True, indexed=True, fast=True)
    for name in FIELD_BOOSTS:
        builder.add_text_field(
            view_field(name, "chars"), tokenizer_name=CHARS_TOKENIZER, index_option="freq"
        )
        builder.add_text_field(
            view_field(name, "quadgrams"), tokenizer_name="whitespace", index_option="position"
        )
    for name in KEYWORD_FIELDS:
        builder.add_text_field(name, tokenizer_name="raw", fast=True, index_option="basic")
    builder.add_text_field(FIGURES_FIELD, tokenizer_name="raw", index_option="basic")
    for key in HIT_FIGURES:
        builder.add_float_field(figure_field(key), indexed=True, fast=True)
    builder.add_integer_field("year_sort", fast=True)
    builder.add_integer_field("published_sort", fast=True)
    builder.add_bytes_field("meta", stored=True, indexed=False)
    builder.add_bytes_field("body_text", stored=True, indexed=False)
    return builder.build()


def figure_field(key: str) -> str:
    """The float fast field of a named figure or rate (sorting, ranges and totals)."""
    return f"figure_{key}"


class TantivyBackend:
    """A tantivy index of reports in ``path`` (created if missing)."""

    def __init__(
        self, path: Path, *, write_timeout: float = WRITE_TIMEOUT, cache_size: int = 256
    ) -> None:
        self.path = Path(path)
        self.write_timeout = write_timeout
        self.path.mkdir(parents=True, exist_ok=True)
        check_format(self.path, "tantivy", has_index=(self.path / "meta.json").exists())
        self.schema = build_schema()
        self._lock = threading.RLock()
        self._opened_dir = ""
        self._stamp: Hashable = None
        self._index: tantivy.Index | None = None
        self._cache = ResultCache(cache_size)
        #: Facet counts and total per (query, filters, facets): the other pages of a result.
        self._facet_cache = ResultCache(cache_size)
        self._counter = ThreadPoolExecutor(max_workers=4, thread_name_prefix="tantivy-facets")
        self._values: dict[str, list[str]] = {}
        self._open_index()

    # -- opening and reloading ----------------------------------------------------------------

    def _open_index(self) -> tantivy.Index:
        real = os.path.realpath(self.path)
        if self._index is None or real != self._opened_dir:
            self._index = tantivy.Index(self.schema, path=real, reuse=True)
            self._index.register_tokenizer(
                CHARS_TOKENIZER,
                tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.ngram(1, 2, False)).build(),
            )
            self._index.config_reader(reload_policy="manual")
            self._opened_dir = real
            self._stamp = None
        return self._index

    def _meta_stamp(self) -> Hashable:
        try:
            stat = os.stat(os.path.join(self._opened_dir, "meta.json"))
        except FileNotFoundError:
            return None
        return (stat.st_mtime_ns, stat.st_size, stat.st_ino)

    def _current_searcher(self) -> tuple[tantivy.Searcher, Hashable]:
        """A searcher of the latest commit and a key identifying that commit."""
        with self._lock:
            index = self._open_index()
            stamp = self._meta_stamp()
            if stamp != self._stamp:
                index.reload()
                self._stamp = stamp
                self._values = {}
            return index.searcher(), (self._opened_dir, stamp)

    # -- writing ------------------------------------------------------------------------------

    def _writer(self, *, bulk: bool = False) -> tantivy.IndexWriter:
        deadline = time.monotonic() + self.write_timeout
        heap, threads = (
            (BULK_WRITER_HEAP_BYTES, BULK_WRITER_THREADS) if bulk else (WRITER_HEAP_BYTES, 1)
        )
        while True:
            try:
                return self._open_index().writer(heap_size=heap, num_threads=threads)
            except ValueError as error:
                if "LockBusy" not in str(error) or time.monotonic() >= deadline:
                    if "LockBusy" in str(error):
                        raise IndexBusyError(
                            f"the index at {self.path} is being written by another process; "
                            f"gave up after {self.write_timeout:g} s"
                        ) from error
                    raise
                time.sleep(0.25)

    def _commit(self, writer: tantivy.IndexWriter) -> None:
        writer.commit()
        writer.wait_merging_threads()

    def index_reports(self, documents: list[IndexDocument], *, bulk: bool = False) -> None:
        """Add or replace documents (upsert on ``id``) and commit.

        With ``bulk`` (ids new to the index) no deletes are issued and two indexing threads run.
        """
        if not documents:
            return
        unique = {document.id: document for document in documents}
        writer = self._writer(bulk=bulk)
        try:
            fresh = bulk or self._current_searcher()[0].num_docs == 0
            for document in unique.values():
                if not fresh:
                    writer.delete_documents_by_term("id", document.id)
                writer.add_document(_document_of(document))
        except BaseException:
            writer.rollback()
            raise
        self._commit(writer)

    def index_all(self, documents: Iterable[IndexDocument], *, batch_size: int) -> int:
        """Fill an empty index (a rebuild) with one writer and one commit; returns the distinct ids.

        Tantivy's indexing threads work while Python prepares the next documents, and the
        segments are merged once instead of after every batch. A repeated id deletes the earlier
        document first (a delete applies to the documents added before it). ``batch_size`` is
        not needed: tantivy flushes its own segments when the writer heap is full.
        """
        seen: set[int] = set()
        writer = self._writer(bulk=True)
        try:
            for document in documents:
                if document.id in seen:
                    writer.delete_documents_by_term("id", document.id)
                seen.add(document.id)
                writer.add_document(_document_of(document))
        except BaseException:
            writer.rollback()
            raise
        self._commit(writer)
        return len(seen)

    def stored_hashes(self, ids: Iterable[int] | None = None) -> dict[int, str]:
        """The content hash stored with each indexed report (see :meth:`SearchBackend.stored_hashes`)."""
        searcher, _generation = self._current_searcher()
        if ids is None:
            query = tantivy.Query.all_query()
        else:
            wanted = list(ids)
            if not wanted:
                return {}
            query = tantivy.Query.term_set_query(self.schema, "id", wanted)
        limit = max(1, int(searcher.num_docs))
        hashes: dict[int, str] = {}
        for _score, address in searcher.search(query, limit=limit).hits:
            stored: dict[str, list[Any]] = searcher.doc(address).to_dict()
            meta = json.loads(stored["meta"][0])
            hashes[int(stored["id"][0])] = meta.get("hash", "")
        return hashes

    def delete_report(self, report_id: int) -> None:
        """Remove a document and commit."""
        writer = self._writer()
        writer.delete_documents_by_term("id", report_id)
        self._commit(writer)

    def clear(self) -> None:
        """Remove every document."""
        writer = self._writer()
        writer.delete_all_documents()
        self._commit(writer)

    # -- reading ------------------------------------------------------------------------------

    def document_count(self) -> int:
        """Number of documents in the index."""
        return int(self._current_searcher()[0].num_docs)

    def known_values(self, name: str) -> list[str]:
        """Every indexed value of a keyword field."""
        searcher, _generation = self._current_searcher()
        with self._lock:
            values = self._values.get(name)
            if values is None:
                values = [term for term, _count in searcher.terms_with_prefix(name, "")]
                self._values[name] = values
            return values

    def close(self) -> None:
        """Nothing to release: tantivy closes its files when the objects are dropped."""

    def search(self, request: SearchRequest) -> SearchResult:
        """Run a search. Raises :class:`QuerySyntaxError` for queries that cannot be parsed."""
        check_request(request)
        tree = nq.parse_query(request.query)
        searcher, generation = self._current_searcher()
        key = request_key(request)
        cached = self._cache.get(generation, key)
        if cached is not None:
            return cached
        text_query = _Compiler(self).compile(tree)
        filters = {
            name: tantivy.Query.term_set_query(self.schema, name, list(values))
            for name, values in request.filters.items()
            if values
        }
        full = _must([text_query, *filters.values()])
        counted = self._facet_cache.get(generation, counts_key(request))
        pending: Future[tuple[dict[str, list[FacetValue]], int | None]] | None = None
        if counted is None:
            # Counted on another thread while this one ranks the page: tantivy releases the
            # GIL, so the two evaluations of the query overlap when a second core is free.
            pending = self._counter.submit(
                self._facets, searcher, text_query, filters, request.facets
            )
            counts_total = any(name not in filters for name in request.facets)
        else:
            counts_total = counted[1] is not None
        offset = (request.page - 1) * request.page_size
        options: dict[str, Any] = {
            "limit": request.page_size,
            "offset": offset,
            "count": not counts_total,
        }
        sort_key, descending = parse_sort(request.sort)
        if sort_key in ("year", "published"):
            options["order_by_field"] = f"{request.sort}_sort"
            options["order"] = tantivy.Order.Desc
        elif sort_key != "relevance":
            options["order_by_field"] = "id"
        elif not _scores(tree):
            # Every match would score the same: newest reports first, without scoring.
            options["order_by_field"] = "id"
            options["order"] = tantivy.Order.Desc
        if sort_key in HIT_FIGURES:
            addresses = self._by_figure(searcher, full, sort_key, descending, offset, options)
            results: Any = None
        else:
            results = searcher.search(full, **options)
            addresses = list(results.hits)
        if pending is not None:
            counted = pending.result()
            self._facet_cache.put(generation, counts_key(request), counted)
        facets, total = cast(tuple[dict[str, list[FacetValue]], int | None], counted)
        if total is None:
            if results is None:
                results = searcher.search(full, limit=1, count=True, order_by_field="id")
            total = int(cast(Any, results).count or 0)
        phrases = nq.positive_phrases(tree)
        hits = []
        for order_key, address in addresses:
            stored: dict[str, list[Any]] = searcher.doc(address).to_dict()
            meta = json.loads(stored["meta"][0])
            body = stored["body_text"][0].decode("utf-8")
            score = float(order_key) if "order_by_field" not in options else 0.0
            hits.append(build_hit(int(stored["id"][0]), meta, body, score, phrases))
        result = SearchResult(
            total=total,
            hits=hits,
            facets=facets,
            page=request.page,
            page_size=request.page_size,
            totals=self.totals(request, by=request.totals_by) if request.include_totals else None,
        )
        self._cache.put(generation, key, result)
        return result

    def totals(self, request: SearchRequest, by: str | None = None) -> list[GroupTotals]:
        """Totals of the named figures over the matching reports, as a whole and by ``by``
        (one aggregation request: sums and counts of the figures' fast fields)."""
        check_request(request)
        check_totals_group(by)
        tree = nq.parse_query(request.query)
        searcher, _generation = self._current_searcher()
        filters = [
            tantivy.Query.term_set_query(self.schema, name, list(values))
            for name, values in request.filters.items()
            if values
        ]
        query = _must([_Compiler(self).compile(tree), *filters])
        metrics: dict[str, Any] = {_TOTAL: {"value_count": {"field": "id"}}}
        for key in TOTAL_FIGURES:
            metrics[f"sum_{key}"] = {"sum": {"field": figure_field(key)}}
            metrics[f"known_{key}"] = {"value_count": {"field": figure_field(key)}}
        spec = dict(metrics)
        if by:
            spec["groups"] = {"terms": {"field": by, "size": MAX_FACET_VALUES}, "aggs": metrics}
        answer = searcher.aggregate(query, spec)

        def total(group: str | None, values: dict[str, Any]) -> GroupTotals:
            result = GroupTotals(group, int(values[_TOTAL]["value"] or 0))
            for key in TOTAL_FIGURES:
                result.known[key] = int(values[f"known_{key}"]["value"] or 0)
                result.sums[key] = (
                    float(values[f"sum_{key}"]["value"] or 0) if result.known[key] else 0.0
                )
            return result

        groups = [total(str(b["key"]), b) for b in answer.get("groups", {}).get("buckets", [])]
        whole = total(None, answer)
        if by:
            grouped = sum(g.reports for g in groups)
            if grouped < whole.reports:  # reports without a value of ``by``
                groups.append(_without_value(whole, groups))
        return ordered_totals(whole, groups)

    def _by_figure(
        self,
        searcher: tantivy.Searcher,
        query: tantivy.Query,
        key: str,
        descending: bool,
        offset: int,
        options: dict[str, Any],
    ) -> list[tuple[Any, Any]]:
        """A page of ``query``'s matches ordered by a figure (ties: newest first); the reports
        without the figure follow, newest first."""
        field = figure_field(key)
        present = _range(self.schema, field, ">=", -_HUGE)
        order = tantivy.Order.Desc if descending else tantivy.Order.Asc
        limit = options["limit"]
        with_value = searcher.search(
            _must([query, present]),
            limit=limit,
            offset=offset,
            count=True,
            order_by_field=field,
            order=order,
        )
        page = [(0.0, address) for _key, address in with_value.hits]
        valued = int(cast(Any, with_value).count or 0)
        if len(page) < limit:
            rest = searcher.search(
                _must([query], [present]),
                limit=limit - len(page),
                offset=max(0, offset - valued),
                order_by_field="id",
                order=tantivy.Order.Desc,
            )
            page.extend((0.0, address) for _key, address in rest.hits)
        return page

    def _facets(
        self,
        searcher: tantivy.Searcher,
        text_query: tantivy.Query,
        filters: dict[str, tantivy.Query],
        names: tuple[str, ...],
    ) -> tuple[dict[str, list[FacetValue]], int | None]:
        """Disjunctive facet counts, and the total when an aggregation ran on the full query.

        Each filtered field is counted without its own filter; the unfiltered fields share one
        aggregation request on the full query, which also counts the matches (a ``value_count``
        of ``id``), so the search for the page need not count them again.
        """
        aggregations: dict[str, list[str]] = {}  # filtered field or "" → facet names counted
        for name in names:
            group = name if name in filters else ""
            aggregations.setdefault(group, []).append(name)
        facets: dict[str, list[FacetValue]] = {}
        total: int | None = None
        for group, members in aggregations.items():
            query = _must([text_query, *(q for f, q in filters.items() if f != group)])
            spec: dict[str, Any] = {
                name: {"terms": {"field": name, "size": MAX_FACET_VALUES}} for name in members
            }
            if not group:
                spec[_TOTAL] = {"value_count": {"field": "id"}}
            answer = searcher.aggregate(query, spec)
            if not group:
                total = int(answer[_TOTAL]["value"] or 0)
            for name in members:
                buckets = list(answer.get(name, {}).get("buckets", []))
                buckets.sort(key=_KEY)  # ties in value order; sorts are stable
                buckets.sort(key=_DOC_COUNT, reverse=True)
                facets[name] = [FacetValue(b["key"], b["doc_count"]) for b in buckets]
        return {name: facets[name] for name in names}, total


_TOTAL = "_total"
_KEY = itemgetter("key")
_DOC_COUNT = itemgetter("doc_count")


def _scores(node: nq.Node) -> bool:
    """True when ``node`` ranks its matches: it has a text phrase outside any NOT."""
    if isinstance(node, nq.Phrase):
        return True
    if isinstance(node, nq.And | nq.Or):
        return any(_scores(child) for child in node.children)
    return False


class _Compiler:
    """Translates Nianbao's query tree into tantivy query objects."""

    def __init__(self, backend: TantivyBackend) -> None:
        self.backend = backend
        self.schema = backend.schema

    def compile(self, node: nq.Node) -> tantivy.Query:
        if isinstance(node, nq.MatchAll):
            return tantivy.Query.all_query()
        if isinstance(node, nq.Phrase):
            fields = [node.field] if node.field else list(FIELD_BOOSTS)
            queries = [self.phrase(name, node.text) for name in fields]
            if node.field is None:
                queries.extend(self.tagged(node.text))
            return _should(queries)
        if isinstance(node, nq.ValueMatch):
            values = nq.matching_values(node, self.backend.known_values(node.field))
            return self.any_of(node.field, values)
        if isinstance(node, nq.NumericCondition):
            return self.condition(node)
        if isinstance(node, nq.YearRange):
            known = [int(y) for y in self.backend.known_values("year") if y.isdigit()]
            return self.any_of("year", [str(y) for y in nq.years_in(node, known)])
        if isinstance(node, nq.Not):
            return _must([tantivy.Query.all_query()], [self.compile(node.child)])
        if isinstance(node, nq.Or):
            return _should([self.compile(child) for child in node.children])
        if isinstance(node, nq.And):
            positive = [self.compile(c) for c in node.children if not isinstance(c, nq.Not)]
            negative = [self.compile(c.child) for c in node.children if isinstance(c, nq.Not)]
            return _must(positive or [tantivy.Query.all_query()], negative)
        raise TypeError(f"unknown query node {node!r}")

    def tagged(self, text: str) -> list[tantivy.Query]:
        """Queries for the reports tagged with ``text`` (a region or agency kind containing it),
        boosted so that they rank first."""
        queries = []
        for name in nq.TAG_FIELDS:
            values = nq.tag_values(text, self.backend.known_values(name))
            if values:
                constant = tantivy.Query.const_score_query(self.any_of(name, values), TAG_BOOST)
                queries.append(constant)
        return queries

    def condition(self, node: nq.NumericCondition) -> tantivy.Query:
        """A numeric condition: a range of a float field for named figures and rates, the
        matching ``key=value`` terms for any other cell."""
        if node.figure in HIT_FIGURES:
            return _range(self.schema, figure_field(node.figure), node.op, node.value)
        prefix = f"{node.figure}="
        terms = [
            term
            for term in self.backend.known_values(FIGURES_FIELD)
            if term.startswith(prefix) and node.holds(term_value(term))
        ]
        return self.any_of(FIGURES_FIELD, terms)

    def any_of(self, field: str, values: list[str]) -> tantivy.Query:
        if not values:
            return tantivy.Query.empty_query()
        return tantivy.Query.term_set_query(self.schema, field, values)

    def phrase(self, field: str, text: str) -> tantivy.Query:
        plan = phrase_plan(text)
        if plan.is_empty:
            return tantivy.Query.all_query()
        name = view_field(field, plan.view)
        if plan.prefix is not None:
            query = tantivy.Query.regex_query(self.schema, name, _regex_literal(plan.prefix) + ".")
        elif len(plan.terms) == 1:
            query = tantivy.Query.term_query(self.schema, name, plan.terms[0][1])
        else:
            words: list[str | tuple[int, str]] = [*plan.terms]
            query = tantivy.Query.phrase_query(self.schema, name, words)
        boost = FIELD_BOOSTS[field]
        return query if boost == 1.0 else tantivy.Query.boost_query(query, boost)


def _without_value(whole: GroupTotals, groups: list[GroupTotals]) -> GroupTotals:
    """The totals of the reports without a value of the grouping field: the whole minus the
    groups."""
    rest = GroupTotals(None, whole.reports - sum(g.reports for g in groups))
    for key in TOTAL_FIGURES:
        rest.known[key] = whole.known[key] - sum(g.known[key] for g in groups)
        rest.sums[key] = whole.sums[key] - sum(g.sums[key] for g in groups)
    return rest


def _range(schema: tantivy.Schema, field: str, op: str, value: float) -> tantivy.Query:
    """``field op value`` over a float fast field (documents without the field never match)."""
    float_type = tantivy.FieldType.Float
    if op in (">", ">="):
        return tantivy.Query.range_query(schema, field, float_type, value, None, op == ">=")
    if op in ("<", "<="):
        return tantivy.Query.range_query(
            schema, field, float_type, None, value, include_upper=op == "<="
        )
    equal = tantivy.Query.range_query(schema, field, float_type, value, value)
    if op == "=":
        return equal
    present = tantivy.Query.range_query(schema, field, float_type, -_HUGE, _HUGE)
    return _must([present], [equal])


_HUGE = 1e300


def _regex_literal(text: str) -> str:
    return "".join(f"\\{c}" if c in r".^$*+?()[]{}|\-&~#@<>\"" else c for c in text)


def _must(queries: list[tantivy.Query], excluded: list[tantivy.Query] = ()) -> tantivy.Query:  # type: ignore[assignment]
    if len(queries) == 1 and not excluded:
        return queries[0]
    clauses = [(tantivy.Occur.Must, q) for q in queries]
    clauses += [(tantivy.Occur.MustNot, q) for q in excluded]
    return tantivy.Query.boolean_query(clauses)


def _should(queries: list[tantivy.Query]) -> tantivy.Query:
    if len(queries) == 1:
        return queries[0]
    return tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in queries])


def _document_of(document: IndexDocument) -> tantivy.Document:
    """The tantivy document of one report."""
    doc = tantivy.Document()
    doc.add_integer("id", document.id)
    for name, text in (
        ("title", document.title),
        ("agency", document.agency),
        ("body", document.body),
    ):
        marked = marked_text(text or "")
        doc.add_text(view_field(name, "chars"), marked)
        doc.add_text(view_field(name, "quadgrams"), " ".join(quadgrams(marked)))
    for name, value in keyword_values(document).items():
        doc.add_text(name, value)
    for term in figure_terms(document):
        doc.add_text(FIGURES_FIELD, term)
    for key in HIT_FIGURES:
        if key in document.figures:
            doc.add_float(figure_field(key), float(document.figures[key]))
    doc.add_integer("year_sort", document.year or 0)
    published = document.published.toordinal() - _EPOCH_ORDINAL if document.published else -1
    doc.add_integer("published_sort", published)
    doc.add_bytes("meta", json.dumps(metadata_of(document), ensure_ascii=False).encode("utf-8"))
    doc.add_bytes("body_text", (document.body or "").encode("utf-8"))
    return doc
