"""Writing Whoosh segments without a Python step per posting.

Whoosh's writer puts every posting into a pool as a tuple, sorts the pool (spilling it to
temporary files, posting by posting, when it outgrows its memory limit) and writes the sorted
postings one call at a time. With a 4-gram view of every report (:mod:`index.analysis`), a
report has about 5,000 postings, and that took most of the indexing time. Here:

* :func:`add_documents` counts a document's grams in C and appends them to per-term arrays of
  the pool (:class:`TermPool`): ``docnum, weight`` pairs, and for the 4-gram view every
  position, by C-level ``map`` chains, with no Python step per gram;
* a flush walks the terms in order and writes each term's postings a block at a time
  (:class:`~index.whoosh.codec.BlockFieldWriter`), slicing those arrays;
* a merge (``add_reader``) does not add the merged segments' postings to the pool: each merged
  segment is read term by term, a block at a time (:func:`_segment_terms`), and merged with the
  pool's terms as the segment is written (:func:`_merged_terms`).

:class:`FastSegmentWriter` is Whoosh's ``SegmentWriter`` with this pool and Nianbao's codec. The
segments hold what Whoosh's own ``add_document`` writes through the same codec (a test compares
them posting by posting). The pool keeps a batch in memory, about 12 bytes per posting and 4 per
position: callers bound it with the size of their batches.
"""

from __future__ import annotations

import heapq
from array import array
from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Iterator
from functools import partial
from itertools import chain, compress, groupby, repeat
from operator import add, itemgetter
from typing import Any

from whoosh.reading import IndexReader, SegmentReader
from whoosh.writing import PostingPool, SegmentWriter

from index.analysis import bigrams, marked_text
from index.whoosh.codec import NianbaoCodec, TermGroup
from index.whoosh.postings import GramTokenizer, PackedPositions, blocks


def _consume(iterator: Iterable[Any]) -> None:
    deque(iterator, maxlen=0)


# -- adding documents ---------------------------------------------------------------------------


def add_documents(writer: SegmentWriter, documents: Iterable[dict[str, Any]]) -> None:
    """Add documents as ``writer.add_document(**fields)`` would, to a writer prepared by
    :class:`FastSegmentWriter`.

    The gram views of a text (fields with a :class:`~index.whoosh.postings.GramTokenizer`) are
    made from one marking of the text and go to the pool in bulk (:meth:`TermPool.add_counts`,
    :meth:`TermPool.add_positions`); other fields go through Whoosh's own ``field.index``.
    Boost keywords (``_boost`` …) and term vectors are not supported (Nianbao's schema has
    neither).
    """
    writer._check_state()
    schema = writer.schema
    pool = writer.pool
    perdoc = writer.perdocwriter
    for fields in documents:
        docnum = writer.docnum
        perdoc.start_doc(docnum)
        marked: dict[str, tuple[str, list[str]]] = {}  # text → marked text and its bigrams
        for name in sorted(fields):
            value = fields[name]
            if value is None:
                continue
            field = schema[name]
            length = 0
            if field.indexed:
                analyzer = field.analyzer
                if isinstance(analyzer, GramTokenizer) and isinstance(value, str):
                    if value not in marked:
                        text = marked_text(value)
                        marked[value] = (text, bigrams(text))
                    text, pairs = marked[value]
                    if analyzer.view == "chars":  # the bigrams without the one of TEXT_END
                        length = pool.add_counts(name, [*text, *pairs[:-1]], docnum)
                    else:
                        length = pool.add_positions(name, list(map(add, pairs, pairs[2:])), docnum)
                else:
                    for term, frequency, weight, packed in field.index(value):
                        length += frequency
                        pool.add((name, term, docnum, weight, packed))
                if not field.scorable:
                    length = 0
            perdoc.add_field(name, field, value if field.stored else None, length)
            column = field.column_type
            if column:
                perdoc.add_column_value(name, column, field.to_column_value(value))
        perdoc.finish_doc()
        writer._added = True
        writer.docnum += 1


# -- the pool -----------------------------------------------------------------------------------

#: A term's values: one per posting, or (for :class:`~index.whoosh.postings.PackedPositions`
#: fields) every posting's packed positions in one ``bytes``, a posting's share four bytes per
#: occurrence (its weight).
_Values = list[Any] | bytes


class _FieldPostings:
    """The postings of one field in the pool, per term: ``docnum, weight, docnum, weight, …``
    in one array, and the values: all positions in one array (``packed`` fields) or a list.

    Terms are ``str`` from :func:`add_documents` (encoded once per term when written) or
    ``bytes`` from Whoosh's own indexing path; a field gets one kind only.
    """

    def __init__(self, packed: bool) -> None:
        self.packed = packed
        self.postings: defaultdict[str | bytes, array] = defaultdict(partial(array, "I"))
        self.values: defaultdict[str | bytes, Any] = (
            defaultdict(partial(array, "I")) if packed else defaultdict(list)
        )

    def sorted_terms(self) -> Iterator[tuple[bytes, array, _Values]]:
        """``(term bytes, docnum/weight array, values)`` in term order (UTF-8 bytes sort as
        their text does)."""
        values = self.values
        for term in sorted(self.postings):
            key = term.encode("utf-8") if isinstance(term, str) else term
            found = values.get(term)
            if self.packed:
                yield key, self.postings[term], b"" if found is None else found.tobytes()
            else:
                yield key, self.postings[term], [] if found is None else found


class TermPool(PostingPool):
    """Whoosh's posting pool replaced: postings appended to per-term arrays, never spilled."""

    def __init__(self, schema: Any, tempstore: Any, segment: Any, limitmb: int = 128) -> None:
        super().__init__(tempstore, segment, limitmb=limitmb)
        #: The schema of the segment being written.
        self.schema = schema
        #: Postings per field name.
        self.by_field: dict[str, _FieldPostings] = {}
        #: Terms of the segments merged into the one being written (:func:`_segment_terms`).
        self.segment_runs: list[Iterator[TermGroup]] = []

    def _field(self, name: str) -> _FieldPostings:
        postings = self.by_field.get(name)
        if postings is None:
            packed = isinstance(self.schema[name].format, PackedPositions)
            postings = self.by_field[name] = _FieldPostings(packed)
            self.fieldnames.add(name)
        return postings

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        """One posting ``(field, term, docnum, weight, value)`` (Whoosh's own indexing path)."""
        name, term, docnum, weight, value = item
        postings = self._field(name)
        postings.postings[term].extend((docnum, int(weight)))
        if postings.packed:
            postings.values[term].frombytes(value)
        else:
            postings.values[term].append(value)

    def add_counts(self, name: str, grams: list[str], docnum: int) -> int:
        """A document's grams in a field without positions: a posting per distinct gram, its
        weight the gram's count, appended in C. Returns the number of grams."""
        counts = Counter(grams)
        pairs = zip(repeat(docnum), counts.values())
        _consume(map(array.extend, map(self._field(name).postings.__getitem__, counts), pairs))
        return len(grams)

    def add_positions(self, name: str, grams: list[str], docnum: int) -> int:
        """A document's grams at positions 0, 1, 2, …: the counts as in :meth:`add_counts`, and
        each position appended to its gram's positions, in C. Returns the number of grams."""
        self.add_counts(name, grams, docnum)
        positions = self.by_field[name].values
        _consume(map(array.append, map(positions.__getitem__, grams), range(len(grams))))
        return len(grams)

    def save(self) -> None:
        """Never spills to disk: the caller's batch size bounds the pool's memory."""

    def iter_postings(self) -> Iterator[TermGroup]:
        """Every term's postings in Whoosh's order (field name, term bytes), merged segments
        included."""
        return _merged_terms(self._own_terms(), self.segment_runs)

    def _own_terms(self) -> Iterator[TermGroup]:
        for name in sorted(self.by_field):
            for term, pairs, values in self.by_field[name].sorted_terms():
                yield (name, term), pairs[0::2], array("f", pairs[1::2]), values

    def cleanup(self) -> None:
        self.by_field = {}
        super().cleanup()


class FastSegmentWriter(SegmentWriter):
    """Whoosh's segment writer with Nianbao's posting pool (:class:`TermPool`), codec
    (:class:`~index.whoosh.codec.NianbaoCodec`) and merges: merged segments are added to the
    pool as runs read term by term (:func:`_segment_terms`), not posting by posting.

    Construct it directly, as ``FastSegmentWriter(index, timeout=…, limitmb=…)``; add documents
    with :func:`add_documents` (Whoosh's ``add_document`` works too, more slowly).
    """

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        kwargs.setdefault("codec", NianbaoCodec())
        super().__init__(ix, **kwargs)
        self.pool = TermPool(
            self.schema, self._tempstorage, self.newsegment, limitmb=kwargs.get("limitmb", 128)
        )

    def add_postings_to_pool(
        self, reader: IndexReader, startdoc: int, docmap: dict[int, int] | None
    ) -> None:
        # A reader of its own: merge policies close theirs after ``add_reader``.
        own_reader = SegmentReader(self.storage, self.schema, reader.segment())
        self.pool.fieldnames.update(reader.indexed_field_names())
        self.pool.segment_runs.append(_segment_terms(self.schema, own_reader, startdoc, docmap))


# -- merging ------------------------------------------------------------------------------------


def _segment_terms(
    schema: Any, reader: IndexReader, startdoc: int, docmap: dict[int, int] | None
) -> Iterator[TermGroup]:
    """The live postings of a merged segment, term by term, with their new docnums
    (``docmap`` when the segment has deletions, else ``startdoc`` plus the docnum). Closes
    ``reader`` when done."""
    try:
        for fieldname, btext in reader.all_terms():
            if fieldname not in schema:
                continue
            ids: array = array("I")
            weights: array = array("f")
            values: list[Any] = []
            for block_ids, block_weights, block_values in blocks(
                reader, fieldname, btext, values=True
            ):
                ids.extend(block_ids)
                weights.extend(block_weights)
                values.extend(block_values)
            if docmap is None:
                ids = array("I", map(add, ids, repeat(startdoc)))
            else:
                new_ids = list(map(docmap.get, ids))
                if None in new_ids:  # deleted documents are not in the map
                    alive = [docnum is not None for docnum in new_ids]
                    new_ids = list(compress(new_ids, alive))
                    weights = array("f", compress(weights, alive))
                    values = list(compress(values, alive))
                ids = array("I", new_ids)
            if ids:
                packed = isinstance(schema[fieldname].format, PackedPositions)
                yield (fieldname, btext), ids, weights, b"".join(values) if packed else values
    finally:
        reader.close()


def _merged_terms(own: Iterator[TermGroup], runs: list[Iterator[TermGroup]]) -> Iterator[TermGroup]:
    """The pool's terms merged with the merged segments' terms, in Whoosh's order.

    Within a term the pool's own postings (the new documents, numbered first) come before each
    run's, in the order the segments were added, so docnums ascend as the writer requires.
    """
    if not runs:
        return own
    merged = heapq.merge(own, *runs, key=itemgetter(0))
    return map(_joined, groupby(merged, key=itemgetter(0)))


def _joined(keyed: tuple[tuple[str, bytes], Iterator[TermGroup]]) -> TermGroup:
    key, groups = keyed
    parts = list(groups)
    if len(parts) == 1:
        return parts[0]
    ids = array("I", chain.from_iterable(map(itemgetter(1), parts)))
    weights = array("f", chain.from_iterable(map(itemgetter(2), parts)))
    values: _Values
    if isinstance(parts[0][3], bytes):
        values = b"".join(map(itemgetter(3), parts))
    else:
        values = list(chain.from_iterable(map(itemgetter(3), parts)))
    return key, ids, weights, values
