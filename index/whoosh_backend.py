"""The default backend: Whoosh (pure Python), with Nianbao's bigram analysis and query model.

* Text fields use :class:`BigramTokenizer` (``index.analysis``), positions stored for phrases.
* Keyword fields are sortable (column) fields: facets are counted from per-field arrays
  ``docnum → value`` read once per index generation, never from stored documents.
* The searcher is reused and refreshed only when the index changed on disk (another process may
  have committed) or the index directory was swapped by a rebuild.
* One writer at a time: the Whoosh lock is retried for :data:`WRITE_TIMEOUT` seconds, then
  :class:`~index.backend.IndexBusyError` is raised.
"""

from __future__ import annotations

import heapq
import os
import threading
import zlib
from collections import Counter
from collections.abc import Hashable, Iterable
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.analysis import Token, Tokenizer
from whoosh.fields import ID, STORED, TEXT, Schema
from whoosh.index import LockError
from whoosh.searching import Searcher

from index import query as nq
from index.analysis import index_tokens, phrase_tokens
from index.backend import (
    FacetValue,
    IndexBusyError,
    IndexDocument,
    SearchRequest,
    SearchResult,
)
from index.documents import (
    FIELD_BOOSTS,
    KEYWORD_FIELDS,
    ResultCache,
    build_hit,
    check_request,
    keyword_values,
    metadata_of,
    request_key,
)

#: Seconds to wait for the writer lock before giving up.
WRITE_TIMEOUT = 30.0
WRITER_MEMORY_MB = 256


class BigramTokenizer(Tokenizer):
    """Whoosh tokenizer over :func:`index.analysis.index_tokens` (normalizes, keeps every token)."""

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterable[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for position, text in enumerate(index_tokens(value), start_pos):
            token.text = text
            token.boost = 1.0
            token.stopped = False
            if positions:
                token.pos = position
            yield token


def build_schema() -> Schema:
    """The Whoosh schema of Nianbao's index."""
    text = {name: TEXT(analyzer=BigramTokenizer(), phrase=True) for name in FIELD_BOOSTS}
    keywords = {name: ID(sortable=True) for name in KEYWORD_FIELDS}
    return Schema(
        id=ID(unique=True, stored=True),
        meta=STORED(),
        body_z=STORED(),
        published=ID(sortable=True),
        **text,
        **keywords,
    )


class WhooshBackend:
    """A Whoosh index of reports in ``path`` (created if missing)."""

    def __init__(
        self, path: Path, *, write_timeout: float = WRITE_TIMEOUT, cache_size: int = 256
    ) -> None:
        self.path = Path(path)
        self.write_timeout = write_timeout
        self.path.mkdir(parents=True, exist_ok=True)
        if not whoosh_index.exists_in(str(self.path)):
            whoosh_index.create_in(str(self.path), build_schema())
        self._lock = threading.RLock()
        self._opened_dir = ""
        self._index: whoosh_index.Index | None = None
        self._searcher: Searcher | None = None
        self._columns: dict[str, list[str]] = {}
        self._cache = ResultCache(cache_size)

    # -- writing ------------------------------------------------------------------------------

    def _writer(self) -> Any:
        try:
            return self._open_index().writer(
                timeout=self.write_timeout, delay=0.25, limitmb=WRITER_MEMORY_MB
            )
        except LockError as error:
            raise IndexBusyError(
                f"the index at {self.path} is being written by another process; "
                f"gave up after {self.write_timeout:g} s"
            ) from error

    def index_reports(self, documents: list[IndexDocument]) -> None:
        """Add or replace documents (upsert on ``id``) and commit."""
        if not documents:
            return
        unique = {document.id: document for document in documents}  # the last one wins
        writer = self._writer()
        try:
            fresh = self._open_index().doc_count_all() == 0
            add = writer.add_document if fresh else writer.update_document
            for document in unique.values():
                add(**_fields_of(document))
        except BaseException:
            writer.cancel()
            raise
        writer.commit()

    def delete_report(self, report_id: int) -> None:
        """Remove a document and commit."""
        writer = self._writer()
        writer.delete_by_term("id", str(report_id))
        writer.commit()

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

    def _current_searcher(self) -> Searcher:
        """A searcher of the latest commit, reused while the index is unchanged."""
        with self._lock:
            previous_dir = self._opened_dir
            index = self._open_index()
            if self._searcher is None or previous_dir != self._opened_dir:
                if self._searcher is not None:
                    self._searcher.close()
                self._searcher = index.searcher()
                self._columns = {}
            elif not self._searcher.up_to_date():
                self._searcher = self._searcher.refresh()
                self._columns = {}
            return self._searcher

    def _generation(self, searcher: Searcher) -> Hashable:
        return (self._opened_dir, searcher.reader().generation())

    def _column(self, searcher: Searcher, name: str) -> list[str]:
        """``docnum → value`` of a keyword field ('' when missing), cached per generation."""
        with self._lock:
            column = self._columns.get(name)
            if column is None:
                column = []
                # Per segment: Whoosh's multi-segment column reader skips segments without the
                # column, which would shift every later document number.
                for segment, _offset in searcher.reader().leaf_readers():
                    if segment.doc_count_all():
                        column.extend(segment.column_reader(name))
                self._columns[name] = column
            return column

    def document_count(self) -> int:
        """Number of documents in the index."""
        return self._current_searcher().doc_count()

    def search(self, request: SearchRequest) -> SearchResult:
        """Run a search. Raises :class:`QuerySyntaxError` for queries that cannot be parsed."""
        check_request(request)
        tree = nq.parse_query(request.query)
        searcher = self._current_searcher()
        generation = self._generation(searcher)
        key = request_key(request)
        cached = self._cache.get(generation, key)
        if cached is not None:
            return cached
        compiler = _Compiler(self, searcher)
        text_query = compiler.compile(tree)
        filters = {
            name: wq.Or([wq.Term(name, value) for value in values])
            for name, values in request.filters.items()
            if values
        }
        full = _and([text_query, *filters.values()])
        docs = set(searcher.docs_for_query(full))
        facets = {}
        for name in request.facets:
            if name in filters:
                others = [q for other, q in filters.items() if other != name]
                facet_docs: Iterable[int] = searcher.docs_for_query(_and([text_query, *others]))
            else:
                facet_docs = docs
            facets[name] = self._count(searcher, name, facet_docs)
        wanted = request.page * request.page_size
        if request.sort == "relevance" and not isinstance(tree, nq.MatchAll):
            results = searcher.search(text_query, limit=wanted, filter=docs)
            ranked = [(hit.docnum, hit.score) for hit in results]
        else:
            column = self._column(searcher, "year" if request.sort == "year" else "published")
            if request.sort == "relevance":
                top = heapq.nlargest(wanted, docs)  # browsing: newest additions first
            else:
                top = heapq.nlargest(wanted, docs, key=lambda d: (column[d], d))
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
        )
        self._cache.put(generation, key, result)
        return result

    def _count(self, searcher: Searcher, name: str, docs: Iterable[int]) -> list[FacetValue]:
        column = self._column(searcher, name)
        counts = Counter(map(column.__getitem__, docs))
        counts.pop("", None)
        ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        return [FacetValue(value, count) for value, count in ordered]

    def known_values(self, name: str) -> list[str]:
        """Every indexed value of a keyword field."""
        reader = self._current_searcher().reader()
        return [value for value in reader.field_terms(name)]


class _Compiler:
    """Translates Nianbao's query tree into Whoosh query objects."""

    def __init__(self, backend: WhooshBackend, searcher: Searcher) -> None:
        self.backend = backend
        self.searcher = searcher

    def compile(self, node: nq.Node) -> wq.Query:
        if isinstance(node, nq.MatchAll):
            return wq.Every()
        if isinstance(node, nq.Phrase):
            fields = [node.field] if node.field else list(FIELD_BOOSTS)
            parts = [self.phrase(name, node.text) for name in fields]
            return parts[0] if len(parts) == 1 else wq.Or(parts)
        if isinstance(node, nq.ValueMatch):
            values = nq.matching_values(node, self.backend.known_values(node.field))
            return _or([wq.Term(node.field, value) for value in values])
        if isinstance(node, nq.YearRange):
            known = [int(y) for y in self.backend.known_values("year") if y.isdigit()]
            return _or([wq.Term("year", str(year)) for year in nq.years_in(node, known)])
        if isinstance(node, nq.Not):
            return wq.AndNot(wq.Every(), self.compile(node.child))
        if isinstance(node, nq.Or):
            return wq.Or([self.compile(child) for child in node.children])
        if isinstance(node, nq.And):
            positive = [self.compile(c) for c in node.children if not isinstance(c, nq.Not)]
            negative = [self.compile(c.child) for c in node.children if isinstance(c, nq.Not)]
            base = _and(positive) if positive else wq.Every()
            return wq.AndNot(base, _or(negative)) if negative else base
        raise TypeError(f"unknown query node {node!r}")

    def phrase(self, field: str, text: str) -> wq.Query:
        plan = phrase_tokens(text)
        boost = FIELD_BOOSTS[field]
        if plan.prefix is not None:
            return wq.Prefix(field, plan.prefix, boost=boost)
        if not plan.tokens:
            return wq.Every()
        if len(plan.tokens) == 1:
            return wq.Term(field, plan.tokens[0], boost=boost)
        return wq.Phrase(field, list(plan.tokens), boost=boost)


def _and(queries: list[wq.Query]) -> wq.Query:
    queries = [q for q in queries if not isinstance(q, wq.Every)] or [wq.Every()]
    return queries[0] if len(queries) == 1 else wq.And(queries)


def _or(queries: list[wq.Query]) -> wq.Query:
    if not queries:
        return wq.NullQuery
    return queries[0] if len(queries) == 1 else wq.Or(queries)


def _fields_of(document: IndexDocument) -> dict[str, Any]:
    """The Whoosh fields of one document."""
    fields: dict[str, Any] = {
        "id": str(document.id),
        "title": document.title or "",
        "agency": document.agency or "",
        "body": document.body or "",
        "meta": metadata_of(document),
        "body_z": zlib.compress((document.body or "").encode("utf-8"), 3),
    }
    if document.published is not None:
        fields["published"] = document.published.isoformat()
    fields.update(keyword_values(document))
    return fields
