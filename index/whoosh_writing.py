"""Writing Whoosh segments without a Python step per posting.

Whoosh's writer puts every posting into a pool as a tuple, sorts the pool (spilling it to
temporary files, posting by posting, when it outgrows its memory limit) and writes the sorted
postings one call at a time. With a 4-gram view of every report (:mod:`index.analysis`), a
report has about 5,000 postings, and that took most of the indexing time. Here
(:func:`install_fast_writer`):

* :func:`add_documents` counts a document's grams in C and appends them to per-term arrays of
  the pool (:class:`_TermPool`): ``docnum, weight`` pairs, and for the 4-gram view every
  position, by C-level ``map`` chains, with no Python step per gram;
* a flush walks the terms in order and writes each term's postings a block at a time
  (:class:`_BlockFieldWriter`), slicing those arrays, small blocks uncompressed
  (:class:`_BlockPostingsWriter`);
* a merge (``add_reader``) does not add the merged segments' postings to the pool: each merged
  segment is read term by term, a block at a time (:func:`_segment_terms`), and merged with the
  pool's terms as the segment is written (:func:`_merged_terms`).

The segments hold what Whoosh writes (a test compares them posting by posting). The pool keeps
a batch in memory, about 12 bytes per posting and 4 per position: callers bound it with the size
of their batches. These classes use internals of Whoosh 2.7's W3 codec; Whoosh is pinned to
2.7.4.
"""

from __future__ import annotations

import heapq
import zlib
from array import array
from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Iterator
from functools import partial
from itertools import accumulate, chain, compress, groupby, repeat
from operator import add, is_not, itemgetter, mul, sub
from pickle import dumps
from typing import Any

from whoosh.codec.whoosh3 import (
    WHOOSH3_HEADER_MAGIC,
    W3FieldWriter,
    W3PostingsWriter,
)
from whoosh.reading import IndexReader, SegmentReader
from whoosh.util.numeric import length_to_byte
from whoosh.writing import PostingPool, SegmentWriter

from index.analysis import bigrams, marked_text
from index.whoosh_postings import GramTokenizer, PackedPositions, blocks, to_planes

#: Posting blocks smaller than this (pickled bytes) are written uncompressed.
COMPRESS_BLOCKS_FROM = 512
#: True for a posting's value, false for ``None`` (no value).
_IS_VALUE = partial(is_not, None)


def _consume(iterator: Iterable[Any]) -> None:
    deque(iterator, maxlen=0)


# -- adding documents ---------------------------------------------------------------------------


def add_documents(writer: SegmentWriter, documents: Iterable[dict[str, Any]]) -> None:
    """Add documents as ``writer.add_document(**fields)`` would, to a writer prepared by
    :func:`install_fast_writer`.

    The gram views of a text (fields with a :class:`~index.whoosh_postings.GramTokenizer`) are
    made from one marking of the text and go to the pool in bulk (:meth:`_TermPool.add_counts`,
    :meth:`_TermPool.add_positions`); other fields go through Whoosh's own ``field.index``.
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

#: A term's values: one per posting, or (for :class:`~index.whoosh_postings.PackedPositions`
#: fields) every posting's packed positions in one ``bytes``, a posting's share four bytes per
#: occurrence (its weight).
_Values = list[Any] | bytes
#: One term's postings: ``((field, term bytes), docnums, weights, values)`` in docnum order.
_TermGroup = tuple[tuple[str, bytes], array, array, _Values]


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


class _TermPool(PostingPool):
    """Whoosh's posting pool replaced: postings appended to per-term arrays, never spilled."""

    #: Postings per field name.
    by_field: dict[str, _FieldPostings]
    #: Terms of the segments merged into the one being written (see :func:`_segment_terms`).
    segment_runs: list[Iterator[_TermGroup]]
    #: The schema of the segment being written.
    schema: Any

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

    def iter_postings(self) -> Iterator[_TermGroup]:
        """Every term's postings in Whoosh's order (field name, term bytes), merged segments
        included."""
        return _merged_terms(self._own_terms(), self.segment_runs)

    def _own_terms(self) -> Iterator[_TermGroup]:
        for name in sorted(self.by_field):
            for term, pairs, values in self.by_field[name].sorted_terms():
                yield (name, term), pairs[0::2], array("f", pairs[1::2]), values

    def cleanup(self) -> None:
        self.by_field = {}
        super().cleanup()


class _FastSegmentWriter(SegmentWriter):
    """A segment writer adding merged segments to its pool as runs (:func:`_segment_terms`)."""

    def add_postings_to_pool(
        self, reader: IndexReader, startdoc: int, docmap: dict[int, int] | None
    ) -> None:
        # A reader of its own: merge policies close theirs after ``add_reader``.
        own_reader = SegmentReader(self.storage, self.schema, reader.segment())
        self.pool.fieldnames.update(reader.indexed_field_names())
        self.pool.segment_runs.append(_segment_terms(self.schema, own_reader, startdoc, docmap))


def install_fast_writer(writer: SegmentWriter) -> None:
    """Prepare a W3 segment writer for :func:`add_documents` and block-wise flushes and merges."""
    if type(writer) is not SegmentWriter or type(writer.pool) is not PostingPool:
        raise TypeError(f"not a plain Whoosh segment writer: {writer!r}")
    # Subclasses, not bound methods stored on the instances: those would be reference cycles
    # keeping every finished writer (and its postings) alive until a full collection.
    writer.pool.__class__ = _TermPool
    writer.pool.by_field = {}
    writer.pool.segment_runs = []
    writer.pool.schema = writer.schema
    writer.__class__ = _FastSegmentWriter
    if type(writer.fieldwriter) is W3FieldWriter:
        writer.fieldwriter.__class__ = _BlockFieldWriter


# -- merging ------------------------------------------------------------------------------------


def _segment_terms(
    schema: Any, reader: IndexReader, startdoc: int, docmap: dict[int, int] | None
) -> Iterator[_TermGroup]:
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


def _merged_terms(
    own: Iterator[_TermGroup], runs: list[Iterator[_TermGroup]]
) -> Iterator[_TermGroup]:
    """The pool's terms merged with the merged segments' terms, in Whoosh's order.

    Within a term the pool's own postings (the new documents, numbered first) come before each
    run's, in the order the segments were added, so docnums ascend as the writer requires.
    """
    if not runs:
        return own
    merged = heapq.merge(own, *runs, key=itemgetter(0))
    return map(_joined, groupby(merged, key=itemgetter(0)))


def _joined(keyed: tuple[tuple[str, bytes], Iterator[_TermGroup]]) -> _TermGroup:
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


# -- writing blocks -----------------------------------------------------------------------------


class _BlockFieldWriter(W3FieldWriter):
    """A W3 field writer writing each term's postings a block at a time (:func:`_write_terms`)."""

    def add_postings(self, schema: Any, lengths: Any, items: Any) -> None:
        _write_terms(self, schema, lengths, items)


def _write_terms(
    fieldwriter: W3FieldWriter, schema: Any, lengths: Any, terms: Iterable[_TermGroup]
) -> None:
    """``W3FieldWriter.add_postings`` for the pool's terms: Python steps per term and per block."""
    for name, field_terms in groupby(terms, key=lambda group: group[0][0]):
        fieldwriter.start_field(name, schema[name])
        field_lengths = _field_lengths(lengths, name)
        postwriter = fieldwriter._postwriter
        if type(postwriter) is W3PostingsWriter:
            postwriter.__class__ = _BlockPostingsWriter
        limit = postwriter._blocklimit
        for (_name, term), ids, weights, values in field_terms:
            fieldwriter.start_term(term)
            bounds: list[int] = []
            if isinstance(values, bytes):  # packed positions: 4 bytes per occurrence (weight)
                bounds = [0, *accumulate(map(mul, map(int, weights), repeat(4)))]
            for start in range(0, len(ids), limit):
                if postwriter._ids:
                    postwriter._write_block()
                end = min(start + limit, len(ids))
                # A block's packed positions stay one bytes (see _BlockPostingsWriter).
                block: list[Any] = (
                    [values[bounds[start] : bounds[end]]] if bounds else list(values[start:end])
                )
                _fill_block(postwriter, ids[start:end], weights[start:end], block)
                _block_lengths(postwriter, field_lengths)
            fieldwriter.finish_term()
        fieldwriter.finish_field()


def _field_lengths(lengths: Any, name: str) -> list[int | None]:
    """``docnum → length`` of field ``name`` in the segment being written; empty without lengths."""
    if lengths is None:
        return []
    return [lengths.doc_field_length(docnum, name) for docnum in range(lengths.doc_count_all())]


def _fill_block(postwriter: Any, ids: array, weights: array, values: list[Any]) -> None:
    """Put one block of postings into a W3 postings writer's buffer."""
    postwriter._ids = ids
    postwriter._weights = weights
    postwriter._values = list(filter(_IS_VALUE, values))
    postwriter._maxweight = max(0, max(weights))


def _block_lengths(postwriter: Any, field_lengths: list[int | None]) -> None:
    """The shortest and longest field length of the block's documents (block statistics)."""
    known = (
        list(filter(None, map(field_lengths.__getitem__, postwriter._ids))) if field_lengths else []
    )
    postwriter._minlength = min(known) if known else None
    postwriter._maxlength = max(known) if known else 0


class _BlockPostingsWriter(W3PostingsWriter):
    """W3's postings writer with its block encoding in C (Whoosh loops over each posting in
    Python), which leaves small blocks uncompressed: compressing one costs more than reading
    it saves (each block records whether it is compressed).

    For packed positions (:class:`~index.whoosh_postings.PackedPositions`) a block's values are
    one ``bytes``, its docnums ``array("I")`` bytes and its weights ``array("f")`` bytes, all as
    byte planes (:func:`~index.whoosh_postings.to_planes`), not a tuple of an object per posting: unpickling those objects was
    most of the cost of reading a common 4-gram. Nianbao's
    readers (:func:`~index.whoosh_postings.blocks`) take both forms.
    """

    def _mini_values(self) -> Any:
        if isinstance(self._format, PackedPositions):
            return to_planes(b"".join(self._values))
        return super()._mini_values()

    def _write_block(self, last: bool = False) -> None:
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        data = dumps((self._mini_ids(), self._mini_weights(), self._mini_values()), 2)
        compression = self._compression if len(data) >= COMPRESS_BLOCKS_FROM else 0
        if compression:
            # A 4 KiB window and small hash tables: set up in half the time of zlib's defaults,
            # for blocks of a few KiB; any zlib reader decompresses them.
            compressor = zlib.compressobj(compression, zlib.DEFLATED, 12, 4)
            data = compressor.compress(data) + compressor.flush()
        ids = self._ids
        info = dumps(
            (
                len(ids),
                ids[-1],
                self._maxweight,
                compression,
                length_to_byte(self._minlength),
                length_to_byte(self._maxlength),
            ),
            2,
        )
        length = len(info) + len(data)
        self._postfile.write_int(-length if last else length)
        self._postfile.write(info)
        self._postfile.write(data)
        self._blockcount += 1
        self._new_block()

    def _mini_ids(self) -> Any:
        ids = self._ids
        if isinstance(self._format, PackedPositions):
            return to_planes(array("I", ids).tobytes())
        if self._byteids:
            return tuple(ids)
        return tuple(map(sub, ids, chain((0,), ids)))

    def _mini_weights(self) -> Any:
        weights = self._weights
        if weights.count(1.0) == len(weights):
            return None
        if weights.count(weights[0]) == len(weights):
            return weights[0]
        if isinstance(self._format, PackedPositions):
            return to_planes(array("f", weights).tobytes())
        return tuple(weights)
