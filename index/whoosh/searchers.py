"""Whoosh searchers shared by concurrent searches: one per index generation.

Whoosh's ``Searcher.refresh()`` closes the parts of the old searcher the new one does not
reuse, under any search still running on it (``ReaderClosed`` in a threaded web worker while
the crawler commits). Here each commit gets a new searcher; the previous one is closed when the
last search using it ends. What searches read once per generation (keyword columns, the live
docnums, facet totals) is kept with the generation it was read from, so a slow search on an
older generation cannot leave its columns behind for the newer one. The cyclic garbage collector
skips what a generation has read until the generation is retired (:mod:`index.whoosh.collector`).
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Hashable

from whoosh.searching import Searcher

from index.facet_columns import FacetColumn
from index.figure_values import FigureValues
from index.shared import FIGURES_FIELD, term_value
from index.whoosh import collector
from index.whoosh.postings import doc_ids
from index.whoosh.ranking import bm25_norms


class SearcherGeneration:
    """A searcher of one index generation and what was read from it."""

    def __init__(self, searcher: Searcher, key: Hashable) -> None:
        self.searcher = searcher
        #: Identifies the generation (for result caches).
        self.key = key
        self._lock = threading.RLock()
        self._columns: dict[str, list[str]] = {}
        self._facet_columns: dict[str, FacetColumn] = {}
        self._norms: dict[str, list[float]] = {}
        self._facet_totals: dict[str, Counter[str]] = {}
        self._figures: dict[str, FigureValues] = {}
        self._known: dict[str, list[str]] = {}
        self._live: frozenset[int] | None = None
        self._users = 0
        self._retired = False
        self._frozen = False

    def column(self, name: str) -> list[str]:
        """``docnum → value`` of a keyword field ('' when missing)."""
        with self._lock:
            column = self._columns.get(name)
            if column is None:
                column = []
                # Per segment: Whoosh's multi-segment column reader skips segments without the
                # column, which would shift every later document number.
                for segment, _offset in self.searcher.reader().leaf_readers():
                    if segment.doc_count_all():
                        column.extend(segment.column_reader(name))
                self._columns[name] = column
                self._freeze()
            return column

    def bm25_norms(self, name: str) -> list[float]:
        """``docnum → BM25 length norm`` of the length column ``name`` of a text field."""
        with self._lock:
            norms = self._norms.get(name)
            if norms is None:
                lengths = [int(value or 0) for value in self.column(name)]
                norms = self._norms[name] = bm25_norms(lengths, self.live())
                self._freeze()
            return norms

    def facet_column(self, name: str) -> FacetColumn:
        """The values of a keyword field, for counting."""
        with self._lock:
            column = self._facet_columns.get(name)
            if column is None:
                column = self._facet_columns[name] = FacetColumn(self.column(name))
                self._freeze()
            return column

    def facet_totals(self, name: str) -> Counter[str]:
        """How many live documents have each value of a keyword field."""
        with self._lock:
            totals = self._facet_totals.get(name)
            if totals is None:
                totals = self._facet_totals[name] = self.facet_column(name).counts(self.live())
            return totals

    def figure_values(self, key: str) -> FigureValues:
        """One figure of every document that has it (deleted ones included)."""
        with self._lock:
            values = self._figures.get(key)
            if values is None:
                docs_by_value: dict[float, list[int]] = {}
                prefix = f"{key}="
                for leaf, offset in self.searcher.reader().leaf_readers():
                    for term in leaf.expand_prefix(FIGURES_FIELD, prefix):
                        text = term.decode("utf-8") if isinstance(term, bytes) else term
                        docs = docs_by_value.setdefault(term_value(text), [])
                        docs.extend(
                            offset + docnum for docnum in doc_ids(leaf, FIGURES_FIELD, text)
                        )
                values = self._figures[key] = FigureValues(docs_by_value)
                self._freeze()
            return values

    def live(self) -> frozenset[int]:
        """The docnums of every live (not deleted) document."""
        with self._lock:
            if self._live is None:
                self._live = frozenset(self.searcher.reader().all_doc_ids())
                self._freeze()
            return self._live

    def known_values(self, name: str) -> list[str]:
        """Every indexed value of a keyword field (read once per generation)."""
        with self._lock:
            values = self._known.get(name)
            if values is None:
                values = self._known[name] = list(self.searcher.reader().field_terms(name))
            return values

    def _freeze(self) -> None:
        """Let the collector skip what was just read (one full collection per generation)."""
        collector.freeze_long_lived(collect=not self._frozen)
        self._frozen = True

    # The owner calls these under its own lock.

    def acquire(self) -> None:
        """A search starts using this generation."""
        self._users += 1

    def release(self) -> None:
        """A search is done with this generation: close it if it was the last on a retired one."""
        self._users -= 1
        if self._retired and self._users == 0:
            self.searcher.close()

    def retire(self) -> None:
        """A newer generation replaces this one: close it now, or when its last search ends.

        What the collector was told to skip (:func:`~index.whoosh.collector.freeze_long_lived`)
        is returned to it."""
        self._retired = True
        collector.thaw()
        if self._users == 0:
            self.searcher.close()
