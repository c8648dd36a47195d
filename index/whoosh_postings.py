"""Whoosh at the posting level: Nianbao's tokenizer and position format, and fast phrase matching.

Whoosh's own phrase query checks positions with span objects in pure Python, one object per
occurrence, which took seconds on a few thousand reports. Here:

* positions are stored as a packed ``array("I")`` (:class:`PackedPositions`), encoded and
  decoded by single C calls;
* posting lists are read a whole block at a time (:func:`positions_by_doc`, :func:`doc_ids`);
* a phrase intersects the document sets of its tokens first and checks positions only on that
  intersection, for all its documents at once with C-level iterators (:func:`phrase_matches`).

Writing avoids Whoosh's per-posting Python steps in the same way: :func:`add_documents` groups a
document's tokens with one C-level sort and puts its postings into the writer's pool in bulk, and
:func:`install_block_writer` writes each term's sorted postings to the segment a block at a time.

The block readers and writers use internals of Whoosh 2.7's W3 codec; Whoosh is pinned to 2.7.4
and no longer developed. Other matchers are read through the public, slower interface.
"""

from __future__ import annotations

import heapq
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from itertools import chain, compress, groupby, repeat
from operator import add, floordiv, itemgetter
from typing import Any

from whoosh.analysis import Token, Tokenizer
from whoosh.codec.whoosh3 import W3FieldWriter, W3LeafMatcher
from whoosh.formats import Positions
from whoosh.matching import Matcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import IndexReader, SegmentReader
from whoosh.writing import PostingPool, SegmentWriter

from index.analysis import index_text, index_tokens


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


class PackedPositions(Positions):
    """Whoosh's ``Positions`` format with positions stored as an ``array("I")`` of bytes.

    Whoosh's own format pickles position deltas and decodes them in a Python loop, which made
    phrase checks and indexing slow. Here encoding and decoding are single C calls. The byte
    order is the machine's (little-endian on every platform Nianbao runs on); frequency is the
    number of positions.
    """

    def word_values(self, value: Any, analyzer: Any, **kwargs: Any) -> Iterator[Any]:
        """``(token, frequency, weight, encoded positions)`` per distinct token of ``value``."""
        if not isinstance(analyzer, BigramTokenizer) or not isinstance(value, str):
            yield from super().word_values(value, analyzer, **kwargs)
            return
        positions: defaultdict[str, list[int]] = defaultdict(list)
        for position, token in enumerate(index_tokens(value)):
            positions[token].append(position)
        boost = self.field_boost
        for token, found in positions.items():
            yield token, len(found), len(found) * boost, array("I", found).tobytes()

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


def positions_by_doc(reader: IndexReader, field: str, token: str) -> dict[int, bytes]:
    """``docnum → encoded positions`` of ``token`` in ``field`` of one segment (deleted included).

    Reads whole posting blocks at once through the internals of Whoosh 2.7's W3 codec (the
    version is pinned); any other matcher is read posting by posting.
    """
    matcher = _raw_postings(reader, field, token)
    found: dict[int, bytes] = {}
    if isinstance(matcher, W3LeafMatcher):
        while matcher.is_active():
            matcher._read_ids()
            matcher._read_values()
            found.update(zip(matcher._ids, matcher._values, strict=True))
            matcher._next_block()
        return found
    while matcher.is_active():
        found[matcher.id()] = matcher.value()
        matcher.next()
    return found


def _raw_postings(reader: IndexReader, field: str, term: str) -> Matcher:
    """The posting matcher of ``term``, deleted documents included."""
    matcher: Matcher = reader.postings(field, term)
    if isinstance(matcher, FilterMatcher):  # Whoosh wraps postings to hide deleted documents
        matcher = matcher.child
    return matcher


def doc_ids(reader: IndexReader, field: str, term: str) -> list[int]:
    """The docnums of one segment holding ``term`` in ``field`` (deleted ones included)."""
    if (field, term) not in reader:
        return []
    matcher = _raw_postings(reader, field, term)
    if not isinstance(matcher, W3LeafMatcher):
        return list(matcher.all_ids())
    found: list[int] = []
    while matcher.is_active():
        matcher._read_ids()
        found.extend(matcher._ids)
        matcher._next_block()
    return found


def frequencies(reader: IndexReader, field: str, terms: Iterable[str]) -> Counter[int]:
    """``docnum → total occurrences`` of ``terms`` in ``field`` of one segment.

    Counted in C: each posting contributes its docnum once per occurrence.
    """
    format_ = reader.schema[field].format
    counts: Counter[int] = Counter()
    for term in terms:
        postings = positions_by_doc(reader, field, term)
        if isinstance(format_, PackedPositions):  # four bytes a position
            found = map(floordiv, map(len, postings.values()), repeat(4))
        else:
            found = map(format_.decode_frequency, postings.values())
        counts.update(chain.from_iterable(map(repeat, postings, found)))
    return counts


def saturated(count: int, boost: float) -> float:
    """The score of ``count`` occurrences in a field of weight ``boost``."""
    return boost * count / (count + PHRASE_SATURATION)


#: Term-frequency saturation of phrase scores (as BM25's k1).
PHRASE_SATURATION = 1.2


def phrase_matches(
    reader: IndexReader,
    field: str,
    checks: Iterable[tuple[int, str]],
    boost: float = 1.0,
) -> tuple[list[int], list[float]]:
    """Docnums of a leaf reader whose ``field`` holds a phrase, and their weights.

    ``checks`` are the phrase's ``(offset, token)`` pairs that must all occur at the phrase's
    start plus their offset (:meth:`index.analysis.PhrasePlan.sparse_tokens`); offset 0 must be
    among them. The documents holding every token are found by intersecting posting sets (deleted
    documents may be included). Positions are then checked for all candidate documents at once,
    rarest token first, by chains of C-level iterators with no Python step per document or per
    position: per document, the (few) possible positions are shifted to the next token's offset
    and intersected with that token's positions. A weight is ``boost * n / (n + 1.2)`` for
    ``n`` occurrences.
    """
    checks = list(checks)
    if not checks or any((field, token) not in reader for _offset, token in checks):
        return [], []
    postings = {token: positions_by_doc(reader, field, token) for _offset, token in checks}
    by_size = sorted(postings.values(), key=len)
    candidates = set(by_size[0]).intersection(*by_size[1:])
    if not candidates:
        return [], []
    docnums = list(candidates)
    format_ = reader.schema[field].format
    if len(checks) == 1:  # one token: its occurrences are the phrase's
        values = map(postings[checks[0][1]].__getitem__, docnums)
        if isinstance(format_, PackedPositions):  # four bytes a position
            counts: Iterable[int] = map(floordiv, map(len, values), repeat(4))
        else:
            counts = map(format_.decode_frequency, values)
        return docnums, [saturated(count, boost) for count in counts]
    decode: Callable[[bytes], Iterable[int]] = partial(array, "I")
    if not isinstance(format_, PackedPositions):  # an index written before PackedPositions
        decode = format_.decode_positions

    def occurrences(token_postings: dict[int, bytes], docs: list[int]) -> int:
        return sum(map(len, map(token_postings.__getitem__, docs)))

    checks.sort(key=lambda check: occurrences(postings[check[1]], docnums))
    (at, first), rest = checks[0], checks[1:]
    # found[i]: where in docnums[i] the phrase's offset ``at`` lies, for the occurrences that
    # every check so far allows.
    found: list[set[int]] = list(map(set, map(decode, map(postings[first].__getitem__, docnums))))
    for offset, token in rest:
        shifted = map(set, map(map, repeat(add), found, repeat(repeat(offset - at))))
        following = map(decode, map(postings[token].__getitem__, docnums))
        found = list(map(set.intersection, shifted, following))
        docnums = list(compress(docnums, found))
        if not docnums:
            return [], []
        found = list(filter(None, found))
        at = offset
    return docnums, [saturated(count, boost) for count in map(len, found)]


# -- writing ------------------------------------------------------------------------------------

#: Bytes of pool memory counted per posting besides its positions: Whoosh's estimate for a
#: posting with a two-character term (six bytes of UTF-8).
_POSTING_OVERHEAD = 160


def packed_postings(
    text: str, field: str, docnum: int, boost: float = 1.0
) -> list[tuple[str, bytes, int, float, bytes]]:
    """Whoosh's pool entries ``(field, term bytes, docnum, weight, packed positions)`` of ``text``.

    One per distinct token; the weight is the token's frequency times ``boost``. A stable
    C-level sort of the positions by token groups them, so Python steps once per distinct token,
    not once per token; positions come out ascending.
    """
    joined = index_text(text)
    if not joined:
        return []
    tokens = joined.split(" ")
    token_at = tokens.__getitem__
    postings: list[tuple[str, bytes, int, float, bytes]] = []
    append = postings.append
    for token, positions in groupby(sorted(range(len(tokens)), key=token_at), key=token_at):
        packed = array("I", positions)
        append((field, token.encode("utf-8"), docnum, len(packed) * boost, packed.tobytes()))
    return postings


def add_documents(writer: SegmentWriter, documents: Iterable[dict[str, Any]]) -> None:
    """Add documents as ``writer.add_document(**fields)`` would, faster for Nianbao's schema.

    Text fields in the :class:`PackedPositions` format with the :class:`BigramTokenizer` are
    tokenized by :func:`packed_postings` and their postings added to the pool in one step; other
    fields go through Whoosh's own ``field.index``. Boost keywords (``_boost`` …) and term
    vectors are not supported (Nianbao's schema has neither).
    """
    writer._check_state()
    schema = writer.schema
    pool = writer.pool
    perdoc = writer.perdocwriter
    for fields in documents:
        docnum = writer.docnum
        perdoc.start_doc(docnum)
        for name in sorted(fields):
            value = fields[name]
            if value is None:
                continue
            field = schema[name]
            length = 0
            if field.indexed:
                format_ = field.format
                if (
                    isinstance(format_, PackedPositions)
                    and isinstance(field.analyzer, BigramTokenizer)
                    and isinstance(value, str)
                ):
                    items = packed_postings(value, name, docnum, format_.field_boost)
                    length = sum(map(len, map(itemgetter(4), items))) // 4  # positions
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
                    matcher._read_ids()
                    matcher._read_weights()
                    matcher._read_values()
                    block = zip(matcher._ids, matcher._weights, matcher._values, strict=True)
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
    known = [field_lengths[docnum] for docnum in postwriter._ids] if field_lengths else []
    known = [length for length in known if length]
    postwriter._minlength = min(known) if known else None
    postwriter._maxlength = max(known) if known else 0
