"""The default backend: Whoosh (pure Python), with Nianbao's analysis and query model.

* Each text field is indexed in the two views of :mod:`index.analysis`: ``<field>_chars``
  (doc-level counts, :class:`~index.whoosh.postings.GramCounts`) and ``<field>_quadgrams``
  (positions in the :class:`~index.whoosh.postings.PackedPositions` format).
* Queries are not run through Whoosh's query objects and matchers (pure Python, document by
  document, spans for phrases): :class:`_Evaluator` turns Nianbao's query tree into sets of
  document numbers with set operations, reading posting lists block by block and matching a
  phrase's 4-grams for a whole segment at once (see :mod:`index.whoosh.phrases`).
  Relevance is BM25 over phrases (:func:`bm25_weights`): the sum over matched phrases and
  fields of ``boost · idf · n·(k1+1) / (n + k1·(1 − b + b·len/avglen))`` for ``n`` occurrences,
  the phrase's document frequency in the field and the field's length in characters (a column
  per text field), with field boosts title 3, agency 2, body 1, as tantivy ranks.
* Documents are written through :func:`~index.whoosh.writing.add_documents` to a
  :class:`~index.whoosh.writing.FastSegmentWriter`, which writes the same segments as Whoosh's
  ``add_document`` and ``commit`` with Python steps per term and per posting block instead of
  per token and per posting; an upsert deletes a batch's old versions with one reader. Segments
  are written and read through Nianbao's codec (:mod:`index.whoosh.codec`, format described in
  ``index/whoosh/FORMAT.md``), so Whoosh's own queries read them too.
* Keyword fields are sortable (column) fields: facets are counted from per-field arrays
  ``docnum → value`` read once per index generation (:mod:`index.facet_columns`), never from
  stored documents.
* A searcher is shared by the searches of one index generation, and replaced when the index
  changed on disk (another process committed) or its directory was swapped by a rebuild; the
  old one is closed when its last search ends (:mod:`index.whoosh.searchers`).
* The cyclic garbage collector runs less often and skips the columns of the current generation
  (:mod:`index.whoosh.collector`); it is never switched off.
* Small commits (the crawler's batches) merge segments by size tiers
  (:func:`~index.whoosh.merging.merge_tiers`), streamed term by term into the new segment.
* Compound segment files are read in place (:class:`~index.whoosh.storage.MappedCompoundStorage`),
  not copied into memory.
* One writer at a time: the Whoosh lock is retried for :data:`WRITE_TIMEOUT` seconds, then
  :class:`~index.backend.IndexBusyError` is raised.
"""

from __future__ import annotations

import heapq
import os
import threading
import zlib
from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from contextlib import contextmanager
from functools import partial
from itertools import repeat
from operator import add, itemgetter
from pathlib import Path
from typing import Any

import numpy as np
from whoosh import columns
from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.fields import COLUMN, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.index import LockError

from index import query as nq
from index.analysis import phrase_plan, view_field
from index.backend import (
    FacetValue,
    GroupTotals,
    IndexBusyError,
    IndexDocument,
    SearchRequest,
    SearchResult,
)
from index.figure_values import docnum_array
from index.formats import check_format
from index.shared import (
    FIELD_BOOSTS,
    FIGURES_FIELD,
    KEYWORD_FIELDS,
    TAG_BOOST,
    TOTAL_FIGURES,
    ResultCache,
    build_hit,
    check_request,
    check_totals_group,
    figure_terms,
    index_in_batches,
    keyword_values,
    metadata_of,
    ordered_totals,
    parse_sort,
    request_key,
)
from index.whoosh import collector
from index.whoosh.merging import merge_tiers
from index.whoosh.phrases import phrase_counts
from index.whoosh.postings import (
    GramCounts,
    GramTokenizer,
    PackedPositions,
    doc_ids,
    term_counts,
)
from index.whoosh.ranking import bm25_idf, bm25_weights
from index.whoosh.searchers import SearcherGeneration
from index.whoosh.writing import FastSegmentWriter, add_documents

#: Seconds to wait for the writer lock before giving up.
WRITE_TIMEOUT = 30.0
WRITER_MEMORY_MB = 256
#: Posting buffer of bulk writes: large enough for a rebuild batch (2,000 reports of 5–30 KB,
#: ~1,800 postings each) to be sorted in memory; Whoosh's spill to disk and merge of sorted runs
#: (pickled posting by posting) cost a third of the indexing time at 256 MB.
BULK_WRITER_MEMORY_MB = 1024


def build_schema() -> Schema:
    """The Whoosh schema of Nianbao's index."""
    text: dict[str, Any] = {}
    for name in FIELD_BOOSTS:
        text[view_field(name, "chars")] = TEXT(analyzer=GramTokenizer("chars"))
        text[view_field(name, "chars")].format = GramCounts()
        text[view_field(name, "quadgrams")] = TEXT(analyzer=GramTokenizer("quadgrams"))
        text[view_field(name, "quadgrams")].format = PackedPositions()
    keywords = {name: ID(sortable=True) for name in KEYWORD_FIELDS}
    lengths = {length_field(name): COLUMN(columns.NumericColumn("I")) for name in FIELD_BOOSTS}
    return Schema(
        id=ID(unique=True, stored=True),
        meta=STORED(),
        body_z=STORED(),
        published=ID(sortable=True),
        figures=KEYWORD(lowercase=False, commas=False, scorable=False),
        **text,
        **keywords,
        **lengths,
    )


def length_field(name: str) -> str:
    """The column of a text field's length in characters (for BM25's length normalisation)."""
    return f"{name}_length"


class WhooshBackend:
    """A Whoosh index of reports in ``path`` (created if missing)."""

    def __init__(
        self, path: Path, *, write_timeout: float = WRITE_TIMEOUT, cache_size: int = 256
    ) -> None:
        self.path = Path(path)
        self.write_timeout = write_timeout
        self.path.mkdir(parents=True, exist_ok=True)
        check_format(self.path, "whoosh", has_index=whoosh_index.exists_in(str(self.path)))
        collector.raise_thresholds()
        if not whoosh_index.exists_in(str(self.path)):
            whoosh_index.create_in(str(self.path), build_schema())
        self._lock = threading.RLock()
        self._opened_dir = ""
        self._index: whoosh_index.Index | None = None
        self._generation: SearcherGeneration | None = None
        self._cache = ResultCache(cache_size)

    # -- writing ------------------------------------------------------------------------------

    def _writer(self, memory_mb: int = WRITER_MEMORY_MB) -> FastSegmentWriter:
        """A writer with Nianbao's codec, posting pool and merges."""
        try:
            return FastSegmentWriter(
                self._open_index(), timeout=self.write_timeout, delay=0.25, limitmb=memory_mb
            )
        except LockError as error:
            raise IndexBusyError(
                f"the index at {self.path} is being written by another process; "
                f"gave up after {self.write_timeout:g} s"
            ) from error

    def index_reports(self, documents: list[IndexDocument], *, bulk: bool = False) -> None:
        """Add or replace documents (upsert on ``id``) and commit.

        With ``bulk`` (ids new to the index) the batch is written with a large buffer and
        committed as a segment of its own, without merging segments: merging re-reads every
        posting in Python and would make a rebuild quadratic.
        """
        if not documents:
            return
        unique = {document.id: document for document in documents}  # the last one wins
        writer = self._writer(BULK_WRITER_MEMORY_MB if bulk else WRITER_MEMORY_MB)
        try:
            if not (bulk or self._open_index().doc_count_all() == 0):
                _delete_ids(writer, unique)
            add_documents(writer, map(_fields_of, unique.values()))
        except BaseException:
            writer.cancel()
            raise
        if bulk:
            writer.commit(merge=False)
        else:
            writer.commit(mergetype=merge_tiers)

    def index_all(self, documents: Iterable[IndexDocument], *, batch_size: int) -> int:
        """Fill an empty index (a rebuild), one segment per batch; returns the distinct ids."""
        return index_in_batches(self, documents, batch_size)

    def stored_hashes(self, ids: Iterable[int] | None = None) -> dict[int, str]:
        """The content hash stored with each indexed report (see :meth:`SearchBackend.stored_hashes`)."""
        hashes: dict[int, str] = {}
        with self._generation_in_use() as generation:
            reader = generation.searcher.reader()
            if ids is None:
                for docnum in reader.all_doc_ids():
                    stored = reader.stored_fields(docnum)
                    hashes[int(stored["id"])] = (stored.get("meta") or {}).get("hash", "")
                return hashes
            for report_id in ids:
                key = str(report_id)
                if ("id", key) not in reader:
                    continue
                for docnum in reader.postings("id", key).all_ids():
                    if not reader.is_deleted(docnum):
                        meta = reader.stored_fields(docnum).get("meta") or {}
                        hashes[report_id] = meta.get("hash", "")
        return hashes

    def delete_report(self, report_id: int) -> None:
        """Remove a document and commit."""
        writer = self._writer()
        writer.delete_by_term("id", str(report_id))
        writer.commit(mergetype=merge_tiers)

    def clear(self) -> None:
        """Remove every document."""
        writer = self._writer()
        writer.delete_by_query(wq.Every())
        writer.commit(optimize=True)

    # -- reading ------------------------------------------------------------------------------

    def _open_index(self) -> whoosh_index.Index:
        """The index object of the directory ``path`` currently points to."""
        real = os.path.realpath(self.path)
        if self._index is None or real != self._opened_dir:
            self._index = whoosh_index.open_dir(real)
            self._opened_dir = real
        return self._index

    @contextmanager
    def _generation_in_use(self) -> Iterator[SearcherGeneration]:
        """The latest generation of the index, kept open until the block ends."""
        with self._lock:
            index = self._open_index()
            current = self._generation
            # A writer may have followed the link to a new generation first: compare with the
            # directory the searcher was opened on, not with the one last opened.
            if (
                current is None
                or current.key[0] != self._opened_dir  # type: ignore[index]
                or not current.searcher.up_to_date()
            ):
                if current is not None:
                    current.retire()
                searcher = index.searcher()
                key = (self._opened_dir, searcher.reader().generation())
                current = self._generation = SearcherGeneration(searcher, key)
            current.acquire()
        try:
            yield current
        finally:
            with self._lock:
                current.release()

    def close(self) -> None:
        """Close the searcher and its files (a later search opens a new one)."""
        with self._lock:
            if self._generation is not None:
                self._generation.retire()
            self._generation = None
            self._index = None
            self._opened_dir = ""

    def document_count(self) -> int:
        """Number of documents in the index."""
        with self._generation_in_use() as generation:
            return int(generation.searcher.doc_count())

    def search(self, request: SearchRequest) -> SearchResult:
        """Run a search. Raises :class:`QuerySyntaxError` for queries that cannot be parsed."""
        check_request(request)
        tree = nq.parse_query(request.query)
        with self._generation_in_use() as generation:
            return self._search_in(generation, tree, request)

    def _search_in(
        self, generation: SearcherGeneration, tree: nq.Node, request: SearchRequest
    ) -> SearchResult:
        key = request_key(request)
        cached = self._cache.get(generation.key, key)
        if cached is not None:
            return cached
        searcher = generation.searcher
        evaluator = _Evaluator(generation)
        text_docs, filters, docs = self._matching(generation, evaluator, tree, request)
        facets = {}
        left_out: dict[int, AbstractSet[int]] = {}  # id(documents) → live documents not in them
        for name in request.facets:
            if name in filters:
                others = [found for other, found in filters.items() if other != name]
                facet_docs: AbstractSet[int] = text_docs.intersection(*others)
            else:
                facet_docs = docs
            facets[name] = _count(generation, name, facet_docs, left_out)
        wanted = request.page * request.page_size
        sort_key, descending = parse_sort(request.sort)
        if sort_key not in ("relevance", "year", "published"):
            ranked = generation.figure_values(sort_key).ranked(docs, wanted, descending)
        elif request.sort == "relevance" and not isinstance(tree, nq.MatchAll):
            # (score, docnum) pairs made and compared in C; ties: the later addition first.
            scored = zip(map(evaluator.scores.get, docs, repeat(0.0)), docs, strict=True)
            ranked = [(docnum, score) for score, docnum in heapq.nlargest(wanted, scored)]
        else:
            column = generation.column("year" if request.sort == "year" else "published")
            if request.sort == "relevance":
                top = heapq.nlargest(wanted, docs)  # browsing: newest additions first
            else:
                keyed = zip(map(column.__getitem__, docs), docs, strict=True)
                top = list(map(itemgetter(1), heapq.nlargest(wanted, keyed)))
            ranked = [(docnum, 0.0) for docnum in top]
        phrases = nq.positive_phrases(tree)
        hits = []
        for docnum, score in ranked[(request.page - 1) * request.page_size :]:
            stored = searcher.stored_fields(docnum)
            body = zlib.decompress(stored["body_z"]).decode("utf-8")
            hits.append(build_hit(int(stored["id"]), stored["meta"], body, score, phrases))
        result = SearchResult(
            total=len(docs),
            hits=hits,
            facets=facets,
            page=request.page,
            page_size=request.page_size,
            totals=_totals_of(generation, docs, request.totals_by)
            if request.include_totals
            else None,
        )
        self._cache.put(generation.key, key, result)
        return result

    @staticmethod
    def _matching(
        generation: SearcherGeneration,
        evaluator: _Evaluator,
        tree: nq.Node,
        request: SearchRequest,
    ) -> tuple[frozenset[int], dict[str, set[int]], frozenset[int]]:
        """The live docnums matching the query, those of each filter, and those matching all."""
        text_docs = generation.live() & evaluator.docs(tree)
        filters = {
            name: evaluator.keyword_docs(name, values)
            for name, values in request.filters.items()
            if values
        }
        return text_docs, filters, text_docs.intersection(*filters.values())

    def totals(self, request: SearchRequest, by: str | None = None) -> list[GroupTotals]:
        """Totals of the named figures over the matching reports, as a whole and by ``by``."""
        check_request(request)
        check_totals_group(by)
        tree = nq.parse_query(request.query)
        with self._generation_in_use() as generation:
            _, _, docs = self._matching(generation, _Evaluator(generation), tree, request)
            return _totals_of(generation, docs, by)

    def known_values(self, name: str) -> list[str]:
        """Every indexed value of a keyword field."""
        with self._generation_in_use() as generation:
            return generation.known_values(name)


class _Evaluator:
    """Evaluates Nianbao's query tree into a set of docnums (deleted documents may be included).

    Every positive match (not under NOT) of a text field adds its score to :attr:`scores`.
    """

    def __init__(self, generation: SearcherGeneration) -> None:
        self.generation = generation
        self.live = generation.live()
        self.reader = generation.searcher.reader()
        self.leaves = self.reader.leaf_readers()
        self.without_deletions = len(self.live) == self.reader.doc_count_all()
        self.scores: dict[int, float] = {}

    def docs(self, node: nq.Node, positive: bool = True) -> frozenset[int] | set[int]:
        """The docnums matching ``node``."""
        if isinstance(node, nq.MatchAll):
            return self.live
        if isinstance(node, nq.Phrase):
            fields = [node.field] if node.field else list(FIELD_BOOSTS)
            found: set[int] = set()
            for name in fields:
                found |= self.phrase(name, node.text, positive)
            if node.field is None:
                found |= self.tagged(node.text, positive)
            return found
        if isinstance(node, nq.NumericCondition):
            return self.generation.figure_values(node.figure).matching(node.op, node.value)
        if isinstance(node, nq.ValueMatch):
            known = self.generation.known_values(node.field)
            return self.keyword_docs(node.field, nq.matching_values(node, known))
        if isinstance(node, nq.YearRange):
            known_years = [int(y) for y in self.generation.known_values("year") if y.isdigit()]
            years = [str(year) for year in nq.years_in(node, known_years)]
            return self.keyword_docs("year", years)
        if isinstance(node, nq.Not):
            return self.live - self.docs(node.child, positive=False)
        if isinstance(node, nq.Or):
            found = set()
            for child in node.children:
                found |= self.docs(child, positive)
            return found
        if isinstance(node, nq.And):
            included = [self.docs(c, positive) for c in node.children if not isinstance(c, nq.Not)]
            excluded = [self.docs(c.child, False) for c in node.children if isinstance(c, nq.Not)]
            result = set(included[0]).intersection(*included[1:]) if included else set(self.live)
            return result.difference(*excluded)
        raise TypeError(f"unknown query node {node!r}")

    def tagged(self, text: str, positive: bool) -> set[int]:
        """The docnums tagged with ``text`` (a region or agency kind containing it); when
        ``positive``, each gets :data:`~index.shared.TAG_BOOST` added to its score."""
        found: set[int] = set()
        for name in nq.TAG_FIELDS:
            values = nq.tag_values(text, self.generation.known_values(name))
            if values:
                found |= self.keyword_docs(name, values)
        if positive and found:
            scores = self.scores
            for docnum in found:
                scores[docnum] = scores.get(docnum, 0.0) + TAG_BOOST
        return found

    def keyword_docs(self, field: str, values: Iterable[str]) -> set[int]:
        """The docnums whose keyword ``field`` has one of ``values``."""
        found: set[int] = set()
        for leaf, offset in self.leaves:
            for value in values:
                found.update(map(add, doc_ids(leaf, field, value), repeat(offset)))
        return found

    def phrase(self, field: str, text: str, positive: bool) -> set[int]:
        """The docnums whose ``field`` contains ``text``; scores them when ``positive``.

        A long phrase is covered by its rarest 4-grams (by their occurrences in the index).
        """
        quadgrams = view_field(field, "quadgrams")
        plan = phrase_plan(text, partial(self.reader.frequency, quadgrams))
        if plan.is_empty:
            return set(self.live)
        name = view_field(field, plan.view)
        found: set[int] = set()
        matches: list[tuple[list[int], list[int]]] = []  # per segment: docnums, occurrences
        for leaf, offset in self.leaves:
            if plan.prefix is not None:
                counts = term_counts(leaf, name, leaf.expand_prefix(name, plan.prefix))
            elif len(plan.terms) == 1:
                counts = term_counts(leaf, name, [plan.terms[0][1]])
            else:
                counts = phrase_counts(leaf, name, plan.terms)
            docnums = list(counts.keys())
            if offset:
                docnums = list(map(add, docnums, repeat(offset)))
            found.update(docnums)
            if positive:
                matches.append((docnums, list(counts.values())))
        if positive:
            live_found = len(found) if self.without_deletions else len(found & self.live)
            self._score(field, matches, live_found)
        return found

    def _score(
        self, field: str, matches: list[tuple[list[int], list[int]]], document_frequency: int
    ) -> None:
        """Add each match's BM25 weight to :attr:`scores` (sums made in C)."""
        scores = self.scores
        lengths = self.generation.bm25_norms(length_field(field))
        factor = FIELD_BOOSTS[field] * bm25_idf(len(self.live), document_frequency)
        for docnums, occurrences in matches:
            weights = bm25_weights(occurrences, map(lengths.__getitem__, docnums), factor)
            if scores:  # each docnum occurs once in a segment's matches
                weights = map(add, map(scores.get, docnums, repeat(0.0)), weights)
            scores.update(zip(docnums, weights, strict=True))


def _totals_of(
    generation: SearcherGeneration, docs: AbstractSet[int], by: str | None
) -> list[GroupTotals]:
    """Totals of the named figures over ``docs``, as a whole and by the values of ``by``."""
    docnums = docnum_array(docs)
    figures = {key: generation.figure_values(key) for key in TOTAL_FIGURES}
    whole = GroupTotals(None, len(docnums))
    for key, values in figures.items():
        whole.sums[key], whole.known[key] = values.total(docs)
    if not by:
        return [whole]
    column = generation.column(by)
    names = sorted({column[d] for d in docnums.tolist()})
    code_of = {name: code for code, name in enumerate(names)}
    codes = np.fromiter((code_of[column[d]] for d in docnums.tolist()), dtype=np.int64)
    sizes = np.bincount(codes, minlength=len(names))
    parts = [GroupTotals(name or None, int(size)) for name, size in zip(names, sizes, strict=True)]
    for key, values in figures.items():
        sums, counts = values.grouped_totals(docnums, codes, len(names))
        for part, total, count in zip(parts, sums, counts, strict=True):
            part.sums[key], part.known[key] = float(total), int(count)
    return ordered_totals(whole, parts)


def _count(
    generation: SearcherGeneration,
    name: str,
    docs: AbstractSet[int],
    left_out: dict[int, AbstractSet[int]],
) -> list[FacetValue]:
    """Counts of the values of facet ``name`` among ``docs`` (live documents).

    Counting costs C-level steps per document (:class:`~index.facet_columns.FacetColumn`).
    A result holding most of the index is counted as the counts of the whole index (read
    once per generation) minus those of the documents it leaves out (``left_out`` keeps
    those per set of documents, for the other facets).
    """
    column = generation.facet_column(name)
    live = generation.live()
    if len(docs) * 2 <= len(live):
        counts = column.counts(docs)
    else:
        totals = generation.facet_totals(name)
        missing = left_out.get(id(docs))
        if missing is None:
            missing = left_out[id(docs)] = live - docs
        counts = totals.copy()
        counts.subtract(column.counts(missing))
        counts = +counts  # drops the values no document of the result has
    counts.pop("", None)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [FacetValue(value, count) for value, count in ordered]


def _delete_ids(writer: Any, ids: Iterable[int]) -> None:
    """Delete the committed documents with these ids (an upsert's first half), one reader."""
    with writer.searcher() as searcher:
        reader = searcher.reader()
        for report_id in ids:
            key = str(report_id)
            if ("id", key) in reader:
                for docnum in reader.postings("id", key).all_ids():
                    writer.delete_document(docnum)


def _fields_of(document: IndexDocument) -> dict[str, Any]:
    """The Whoosh fields of one document."""
    fields: dict[str, Any] = {
        "id": str(document.id),
        "meta": metadata_of(document),
        "body_z": zlib.compress((document.body or "").encode("utf-8"), 3),
    }
    for name, text in (
        ("title", document.title),
        ("agency", document.agency),
        ("body", document.body),
    ):
        fields[view_field(name, "chars")] = fields[view_field(name, "quadgrams")] = text or ""
        fields[length_field(name)] = len(text or "")
    if document.published is not None:
        fields["published"] = document.published.isoformat()
    fields.update(keyword_values(document))
    if document.figures:
        fields[FIGURES_FIELD] = " ".join(figure_terms(document))
    return fields
