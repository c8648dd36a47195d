"""Whoosh at the posting level: Nianbao's gram views, and block-wise reading and writing.

A text field is indexed in the two views of :mod:`index.analysis`:

* ``<field>_bigrams`` (:class:`GramCounts`): one posting per distinct bigram, its weight the
  number of occurrences, no stored value;
* ``<field>_quadgrams`` (:class:`PackedPositions`): one posting per distinct 4-gram, its positions
  stored as a packed ``array("I")``, encoded and decoded by single C calls.

Reading is a block of postings at a time (:func:`term_counts`, :func:`positions_by_doc`,
:func:`doc_ids`). A phrase of several 4-grams (:func:`phrase_counts`) is matched for a whole
segment at once: every occurrence becomes the number ``docnum << 32 | start of the phrase``, and
the phrase's occurrences are the intersection of those sets, built by C-level iterator chains
with no Python step per document or per position.

Writing avoids Whoosh's per-posting Python steps in the same way: :func:`add_documents` makes a
document's postings with C-level sorts and counts and puts them into the writer's pool in bulk,
and :func:`install_block_writer` writes each term's sorted postings to the segment a block at a
time.

The block readers and writers use internals of Whoosh 2.7's W3 codec; Whoosh is pinned to 2.7.4
and no longer developed. Other matchers are read through the public, slower interface.
"""

from __future__ import annotations

import heapq
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from itertools import accumulate, chain, compress, groupby, repeat
from operator import add, floordiv, itemgetter, lshift, ne, rshift, sub
from typing import Any

from whoosh.analysis import Token, Tokenizer
from whoosh.codec.whoosh3 import W3FieldWriter, W3LeafMatcher, W3PostingsWriter
from whoosh.formats import Format, Positions
from whoosh.matching import Matcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import IndexReader, SegmentReader
from whoosh.writing import PostingPool, SegmentWriter

from index.analysis import FieldKind, bigrams, marked_text, quadgrams


class GramTokenizer(Tokenizer):
    """Whoosh tokenizer of one view of :mod:`index.analysis`: the bigrams or the 4-grams of the
    marked text, at consecutive positions."""

    def __init__(self, view: FieldKind = "quadgrams") -> None:
        self.view = view

    def __eq__(self, other: object) -> bool:
        return isinstance(other, GramTokenizer) and other.view == self.view

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
        for position, text in enumerate(_grams(marked_text(value), self.view), start_pos):
            token.text = text
            token.boost = 1.0
            token.stopped = False
            if positions:
                token.pos = position
            yield token


def _grams(marked: str, view: FieldKind) -> list[str]:
    return bigrams(marked) if view == "bigrams" else quadgrams(marked)


class GramCounts(Format):
    """A doc-level format: a posting per distinct term, its weight the number of occurrences."""

    posting_size = 0

    def word_values(self, value: Any, analyzer: Any, **kwargs: Any) -> Iterator[Any]:
        """``(term, frequency, weight, b"")`` per distinct token of ``value``."""
        counts = Counter(token.text for token in analyzer(value, **kwargs))
        for term, count in counts.items():
            yield term, count, count * self.field_boost, b""

    def encode(self, value: Any) -> bytes:
        return b""

    def decode_frequency(self, valuestring: bytes) -> int:
        return 1

    def decode_weight(self, valuestring: bytes) -> float:
        return self.field_boost

    def combine(self, vs: Any) -> bytes:
        return b""


class PackedPositions(Positions):
    """Whoosh's ``Positions`` format with positions stored as an ``array("I")`` of bytes.

    Whoosh's own format pickles position deltas and decodes them in a Python loop. Here encoding
    and decoding are single C calls. The byte order is the machine's (little-endian on every
    platform Nianbao runs on); frequency is the number of positions.
    """

    def encode(self, poslist: list[int]) -> bytes:
        """Positions as packed unsigned 32-bit integers."""
        return array("I", poslist).tobytes()

    def decode_positions(self, valuestring: bytes) -> list[int]:
        """The positions of an encoded value."""
        return array("I", valuestring).tolist()

    def decode_frequency(self, valuestring: bytes) -> int:
        """How many positions an encoded value holds."""
        return len(valuestring) // 4

    def decode_weight(self, valuestring: bytes) -> float:
        """Frequency times the field boost."""
        return self.decode_frequency(valuestring) * self.field_boost


# -- reading ------------------------------------------------------------------------------------


def _raw_postings(reader: IndexReader, field: str, term: str | bytes) -> Matcher:
    """The posting matcher of ``term``, deleted documents included."""
    matcher: Matcher = reader.postings(field, term)
    if isinstance(matcher, FilterMatcher):  # Whoosh wraps postings to hide deleted documents
        matcher = matcher.child
    return matcher


def _block_ids(matcher: W3LeafMatcher) -> Sequence[int]:
    """The docnums of a W3 matcher's current block (Whoosh decodes them in a Python loop)."""
    if matcher._data is None:
        matcher._read_data()
    ids = matcher._data[0]
    return ids if matcher._byteids else list(accumulate(ids))


def _blocks(
    reader: IndexReader, field: str, term: str | bytes, *, values: bool
) -> Iterator[tuple[Sequence[int], Sequence[float], Sequence[Any]]]:
    """``(docnums, weights, values)`` of a term's postings, a block at a time (deleted documents
    included; ``values`` empty unless asked for)."""
    if (field, term) not in reader:
        return
    matcher = _raw_postings(reader, field, term)
    if not isinstance(matcher, W3LeafMatcher):
        postings = list(_each_posting(matcher))
        if postings:
            ids, weights, found = zip(*postings, strict=True)
            yield ids, weights, found if values else ()
        return
    while matcher.is_active():
        block_ids = _block_ids(matcher)
        matcher._read_weights()
        if values:
            matcher._read_values()
        yield block_ids, matcher._weights, matcher._values if values else ()
        matcher._next_block()


def doc_ids(reader: IndexReader, field: str, term: str) -> list[int]:
    """The docnums of one segment holding ``term`` in ``field`` (deleted ones included)."""
    if (field, term) not in reader:
        return []
    matcher = _raw_postings(reader, field, term)
    if not isinstance(matcher, W3LeafMatcher):
        return list(matcher.all_ids())
    found: list[int] = []
    while matcher.is_active():
        found.extend(_block_ids(matcher))
        matcher._next_block()
    return found


def term_counts(reader: IndexReader, field: str, terms: Iterable[str]) -> dict[int, int]:
    """``docnum → occurrences`` of ``terms`` together in ``field`` of one segment.

    A posting's weight is its number of occurrences (:class:`GramCounts`, :class:`PackedPositions`).
    One term is read into a dict in C; several are counted in C, each posting contributing its
    docnum once per occurrence.
    """
    terms = list(terms)
    if len(terms) == 1:
        counts: dict[int, int] = {}
        for ids, weights, _values in _blocks(reader, field, terms[0], values=False):
            counts.update(zip(ids, map(int, weights), strict=True))
        return counts
    counter: Counter[int] = Counter()
    for term in terms:
        for ids, weights, _values in _blocks(reader, field, term, values=False):
            counter.update(chain.from_iterable(map(repeat, ids, map(int, weights))))
    return counter


def positions_by_doc(reader: IndexReader, field: str, term: str) -> dict[int, bytes]:
    """``docnum → encoded positions`` of ``term`` in ``field`` of one segment (deleted included)."""
    found: dict[int, bytes] = {}
    for ids, _weights, values in _blocks(reader, field, term, values=True):
        found.update(zip(ids, values, strict=True))
    return found


def saturated(count: int, boost: float) -> float:
    """The score of ``count`` occurrences in a field of weight ``boost``."""
    return boost * count / (count + PHRASE_SATURATION)


#: Term-frequency saturation of phrase scores (as BM25's k1).
PHRASE_SATURATION = 1.2
#: A phrase occurrence as a number: ``docnum << DOC_SHIFT | position`` (reports are far shorter
#: than 2**32 characters).
DOC_SHIFT = 32


def phrase_counts(
    reader: IndexReader, field: str, checks: Iterable[tuple[int, str]]
) -> dict[int, int]:
    """``docnum → occurrences`` of a phrase in ``field`` of one segment (deleted included).

    ``checks`` are ``(offset, term)`` pairs that must all occur at the phrase's start plus their
    offset (:attr:`index.analysis.PhrasePlan.terms`, offset 0 among them). Only documents holding
    every term are read, rarest term first. Each term's occurrences become the numbers
    ``docnum << 32`` plus position minus offset, so one set intersection per term finds the
    phrase's starts in every document at once. A term occurring before its offset gives a
    number below its document's, which no start at offset 0 can equal.
    """
    checks = list(checks)
    if not checks or any((field, term) not in reader for _offset, term in checks):
        return {}
    postings = {term: positions_by_doc(reader, field, term) for _offset, term in checks}
    by_size = sorted(postings.values(), key=len)
    candidates = set(by_size[0]).intersection(*by_size[1:])
    if not candidates:
        return {}
    docnums = list(candidates)

    def occurrences(check: tuple[int, str]) -> int:
        return sum(map(len, map(postings[check[1]].__getitem__, docnums)))

    checks.sort(key=occurrences)
    starts: set[int] | None = None
    for offset, term in checks:
        values = list(map(postings[term].__getitem__, docnums))
        positions = array("I", b"".join(values))
        counts = map(floordiv, map(len, values), repeat(4))
        bases = map(sub, map(lshift, docnums, repeat(DOC_SHIFT)), repeat(offset))
        numbers = map(add, positions, chain.from_iterable(map(repeat, bases, counts)))
        starts = set(numbers) if starts is None else starts.intersection(numbers)
        if not starts:
            return {}
        docnums = list(candidates.intersection(map(rshift, starts, repeat(DOC_SHIFT))))
    return Counter(map(rshift, starts or (), repeat(DOC_SHIFT)))


# -- writing ------------------------------------------------------------------------------------

#: Bytes of pool memory counted per posting besides its value: Whoosh's estimate for a posting
#: with a two-character term (six bytes of UTF-8).
_POSTING_OVERHEAD = 160


def gram_postings(
    marked: str, view: FieldKind, field: str, docnum: int
) -> list[tuple[str, bytes, int, int, bytes | None]]:
    """Whoosh's pool entries ``(field, term bytes, docnum, weight, value)`` of a marked text.

    One per distinct gram, its weight the number of occurrences; the 4-gram view's value holds
    the positions, ascending. Grouping is a C-level count or a stable C-level sort of the
    positions by gram, so there is no Python step per gram.
    """
    if view == "bigrams":
        counts = Counter(bigrams(marked))
        return list(
            zip(
                repeat(field),
                map(str.encode, counts),
                repeat(docnum),
                counts.values(),
                repeat(None),
            )
        )
    grams = quadgrams(marked)
    if not grams:
        return []
    gram_at = grams.__getitem__
    order = sorted(range(len(grams)), key=gram_at)
    ordered = list(map(gram_at, order))
    starts = [0, *compress(range(1, len(ordered)), map(ne, ordered, ordered[1:]))]
    ends = [*starts[1:], len(ordered)]
    groups = map(order.__getitem__, map(slice, starts, ends))
    packed = map(array.tobytes, map(partial(array, "I"), groups))
    terms = map(str.encode, map(ordered.__getitem__, starts))
    return list(zip(repeat(field), terms, repeat(docnum), map(sub, ends, starts), packed))


def add_documents(writer: SegmentWriter, documents: Iterable[dict[str, Any]]) -> None:
    """Add documents as ``writer.add_document(**fields)`` would, faster for Nianbao's schema.

    The gram views of text (fields with a :class:`GramTokenizer`) are made by
    :func:`gram_postings`, the text marked once for both views, and their postings added to the
    pool in one step; other fields go through Whoosh's own ``field.index``. Boost keywords
    (``_boost`` …) and term vectors are not supported (Nianbao's schema has neither).
    """
    writer._check_state()
    schema = writer.schema
    pool = writer.pool
    perdoc = writer.perdocwriter
    for fields in documents:
        docnum = writer.docnum
        perdoc.start_doc(docnum)
        marked: dict[str, str] = {}  # text → marked text, shared by a field's two views
        for name in sorted(fields):
            value = fields[name]
            if value is None:
                continue
            field = schema[name]
            length = 0
            if field.indexed:
                analyzer = field.analyzer
                if isinstance(analyzer, GramTokenizer) and isinstance(value, str):
                    text = marked.get(value)
                    if text is None:
                        text = marked[value] = marked_text(value)
                    items = gram_postings(text, analyzer.view, name, docnum)
                    length = sum(map(itemgetter(3), items))
                else:
                    items = []
                    for term, frequency, weight, packed in field.index(value):
                        length += frequency
                        items.append((name, term, docnum, weight, packed))
                if not field.scorable:
                    length = 0
                _pool_extend(pool, name, items)
            perdoc.add_field(name, field, value if field.stored else None, length)
            column = field.column_type
            if column:
                perdoc.add_column_value(name, column, field.to_column_value(value))
        perdoc.finish_doc()
        writer._added = True
        writer.docnum += 1


#: A posting in Whoosh's pool: field, term, docnum, weight, encoded value (``None``: no value).
_PoolEntry = tuple[str, bytes, int, float, bytes | None]


def _pool_extend(pool: Any, name: str, items: Sequence[_PoolEntry]) -> None:
    """Add postings to Whoosh's ``PostingPool``, counting their memory about as ``pool.add`` does."""
    if not items:
        return
    pool.fieldnames.add(name)
    pool.current.extend(items)
    values = filter(None, map(itemgetter(4), items))
    pool.currentsize += len(items) * _POSTING_OVERHEAD + sum(map(len, values))
    if pool.currentsize > pool.limit:
        pool.save()


def install_block_merger(writer: SegmentWriter) -> None:
    """Make ``writer`` merge segments as a stream of terms, without putting them in its pool.

    Whoosh's ``add_reader`` (a merge) adds every posting of a merged segment to the writer's
    posting pool with several Python calls each; the pool then sorts them all, spilling to
    temporary files posting by posting when it is full, which took tens of seconds and hundreds
    of megabytes for a few thousand reports. Here a merged segment is registered as a *run*
    that yields its terms in order with their postings read a block at a time
    (:func:`_segment_terms`), and the pool's sorted postings are merged with those runs term by
    term (:func:`_merged_postings`): Python steps per term and per block, memory for one term
    of each segment at a time. The segments are written exactly as Whoosh writes them.
    """
    if type(writer) is not SegmentWriter or type(writer.pool) is not PostingPool:
        return
    # Subclasses, not bound methods stored on the instances (reference cycles, see above).
    writer.pool.__class__ = _MergingPool
    writer.pool.segment_runs = []
    writer.__class__ = _MergingSegmentWriter


class _MergingPool(PostingPool):
    """A posting pool whose sorted postings are merged with the runs of merged segments."""

    #: Runs of merged segments (``runs`` holds the pool's own spilled runs).
    segment_runs: list[Iterator[_TermPostings]]

    def iter_postings(self) -> Iterator[_PoolEntry]:
        return _merged_postings(super().iter_postings, self.segment_runs)


class _MergingSegmentWriter(SegmentWriter):
    """A segment writer adding merged segments to its pool as runs (:func:`_add_segment_run`)."""

    def add_postings_to_pool(
        self, reader: IndexReader, startdoc: int, docmap: dict[int, int] | None
    ) -> None:
        _add_segment_run(self, self.pool.segment_runs, reader, startdoc, docmap)


#: One term's postings: ``((field, term bytes), pool entries in docnum order)``.
_TermPostings = tuple[tuple[str, bytes], list[_PoolEntry]]


def _add_segment_run(
    writer: SegmentWriter,
    runs: list[Iterator[_TermPostings]],
    reader: IndexReader,
    startdoc: int,
    docmap: dict[int, int] | None,
) -> None:
    """``SegmentWriter.add_postings_to_pool``: register ``reader``'s segment as a run.

    The run reads through a reader of its own: merge policies close theirs after ``add_reader``.
    """
    own_reader = SegmentReader(writer.storage, writer.schema, reader.segment())
    writer.pool.fieldnames.update(reader.indexed_field_names())
    runs.append(_segment_terms(writer.schema, own_reader, startdoc, docmap))


def _segment_terms(
    schema: Any, reader: IndexReader, startdoc: int, docmap: dict[int, int] | None
) -> Iterator[_TermPostings]:
    """The live postings of a merged segment, term by term, with their new docnums
    (``docmap`` when the segment has deletions, else ``startdoc`` plus the docnum). Closes
    ``reader`` when done."""
    try:
        for fieldname, btext in reader.all_terms():
            if fieldname not in schema:
                continue
            matcher = _raw_postings(reader, fieldname, btext)
            entries: list[_PoolEntry] = []
            if not isinstance(matcher, W3LeafMatcher):
                entries = _renumbered(_each_posting(matcher), fieldname, btext, startdoc, docmap)
            else:
                while matcher.is_active():
                    ids = _block_ids(matcher)
                    matcher._read_weights()
                    matcher._read_values()
                    block = zip(ids, matcher._weights, matcher._values, strict=True)
                    entries += _renumbered(block, fieldname, btext, startdoc, docmap)
                    matcher._next_block()
            if entries:
                yield (fieldname, btext), entries
    finally:
        reader.close()


def _merged_postings(
    own_postings: Callable[[], Iterator[_PoolEntry]], runs: list[Iterator[_TermPostings]]
) -> Iterator[_PoolEntry]:
    """The pool's own sorted postings merged with the merged segments' runs.

    Terms come out in the pool's order (field name, term bytes); within a term the pool's own
    postings (the new documents, numbered first) come before each run's, in the order the
    segments were added, so docnums ascend as the segment writer requires.
    """
    if not runs:
        return own_postings()
    own = ((key, list(group)) for key, group in groupby(own_postings(), key=itemgetter(0, 1)))
    merged = heapq.merge(own, *runs, key=itemgetter(0))
    return chain.from_iterable(map(itemgetter(1), merged))


def _each_posting(matcher: Matcher) -> Iterator[tuple[int, float, Any]]:
    while matcher.is_active():
        yield matcher.id(), matcher.weight(), matcher.value()
        matcher.next()


def _renumbered(
    postings: Iterable[tuple[int, float, Any]],
    fieldname: str,
    btext: bytes,
    startdoc: int,
    docmap: dict[int, int] | None,
) -> list[_PoolEntry]:
    """Pool entries of ``(docnum, weight, value)`` postings, deleted documents left out."""
    columns = list(zip(*postings, strict=True))
    if not columns:
        return []
    ids, weights, values = columns
    if docmap is None:
        return list(
            zip(repeat(fieldname), repeat(btext), map(add, ids, repeat(startdoc)), weights, values)
        )
    docnums: list[Any] = list(map(docmap.get, ids))
    entries = zip(repeat(fieldname), repeat(btext), docnums, weights, values)
    if None not in docnums:
        return list(entries)
    return [entry for entry in entries if entry[2] is not None]  # deleted: not in the map


def install_block_writer(writer: SegmentWriter) -> None:
    """Make ``writer`` write each term's postings a block at a time when it flushes.

    Whoosh's ``FieldWriter.add_postings`` makes several Python calls per posting, one of them
    reading the document's field length back from disk; this writes the same segment files with
    Python steps per term and per block (:func:`_add_postings`). Only for the W3 codec.
    """
    if type(writer.fieldwriter) is W3FieldWriter:
        # A subclass, not a bound method stored on the instance: that would be a reference
        # cycle keeping every finished writer (and its postings) alive until a full collection.
        writer.fieldwriter.__class__ = _BlockFieldWriter


class _BlockFieldWriter(W3FieldWriter):
    """A W3 field writer writing postings a block at a time (:func:`_add_postings`)."""

    def add_postings(self, schema: Any, lengths: Any, items: Any) -> None:
        _add_postings(self, schema, lengths, items)


def _add_postings(
    fieldwriter: W3FieldWriter,
    schema: Any,
    lengths: Any,
    items: Iterable[tuple[str, bytes, int, float, bytes | None]],
) -> None:
    """``W3FieldWriter.add_postings`` with postings grouped by field and term in C.

    ``items`` are ``(field, term, docnum, weight, value)`` sorted by field, term and docnum, as
    Whoosh's posting pool returns them.
    """
    for name, field_items in groupby(items, key=itemgetter(0)):
        fieldwriter.start_field(name, schema[name])
        field_lengths = _field_lengths(lengths, name)
        postwriter = fieldwriter._postwriter
        if type(postwriter) is W3PostingsWriter:
            postwriter.__class__ = _BlockPostingsWriter
        limit = postwriter._blocklimit
        for term, term_items in groupby(field_items, key=itemgetter(1)):
            fieldwriter.start_term(term)
            postings = list(term_items)
            for start in range(0, len(postings), limit):
                if postwriter._ids:
                    postwriter._write_block()
                _fill_block(postwriter, postings[start : start + limit], field_lengths)
            fieldwriter.finish_term()
        fieldwriter.finish_field()


class _BlockPostingsWriter(W3PostingsWriter):
    """W3's postings writer with its block encoding in C (Whoosh loops over each posting in
    Python); it writes the same bytes."""

    def _mini_ids(self) -> tuple[Any, ...]:
        ids = self._ids
        if self._byteids:
            return tuple(ids)
        return tuple(map(sub, ids, chain((0,), ids)))

    def _mini_weights(self) -> Any:
        weights = self._weights
        if weights.count(1.0) == len(weights):
            return None
        if weights.count(weights[0]) == len(weights):
            return weights[0]
        return tuple(weights)


def _field_lengths(lengths: Any, name: str) -> list[int | None]:
    """``docnum → length`` of field ``name`` in the segment being written; empty without lengths."""
    if lengths is None:
        return []
    return [lengths.doc_field_length(docnum, name) for docnum in range(lengths.doc_count_all())]


def _fill_block(
    postwriter: Any,
    postings: list[tuple[str, bytes, int, float, bytes | None]],
    field_lengths: list[int | None],
) -> None:
    """Put one block of postings into a W3 postings writer's buffer, with its statistics."""
    postwriter._ids = array("I", map(itemgetter(2), postings))
    postwriter._weights = array("f", map(itemgetter(3), postings))
    postwriter._values = [value for value in map(itemgetter(4), postings) if value]
    postwriter._maxweight = max(0, max(map(itemgetter(3), postings)))
    known = (
        list(filter(None, map(field_lengths.__getitem__, postwriter._ids))) if field_lengths else []
    )
    postwriter._minlength = min(known) if known else None
    postwriter._maxlength = max(known) if known else 0
