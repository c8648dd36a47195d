"""Whoosh at the posting level: Nianbao's gram views, and block-wise reading and writing.

A text field is indexed in the two views of :mod:`index.analysis`:

* ``<field>_bigrams`` (:class:`GramCounts`): one posting per distinct bigram, its weight the
  number of occurrences, no stored value;
* ``<field>_quadgrams`` (:class:`PackedPositions`): one posting per distinct 4-gram, its positions
  stored as a packed ``array("I")``, encoded and decoded by single C calls.

Reading is a block of postings at a time (:func:`term_counts`, :func:`positions_by_doc`,
:func:`doc_ids`). A phrase of several 4-grams (:func:`phrase_counts`) is matched for a whole
segment at once, by C-level iterator chains with no Python step per document or per position:
a document at a time where its occurrences of the rarest 4-gram are all in the phrase, and
occurrence by occurrence where they are not.

Writing is in :mod:`index.whoosh_writing`.

The block readers and writers use internals of Whoosh 2.7's W3 codec; Whoosh is pinned to 2.7.4
and no longer developed. Other matchers are read through the public, slower interface.
"""

from __future__ import annotations

import struct
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from itertools import accumulate, chain, compress, repeat
from operator import add, and_, floordiv, ge, lshift, mod, mul, not_, rshift, sub
from typing import Any

from whoosh.analysis import Token, Tokenizer
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.formats import Format, Positions
from whoosh.matching import Matcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import IndexReader

from index.analysis import FieldKind, chargrams, marked_text, quadgrams


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
    return chargrams(marked) if view == "chars" else quadgrams(marked)


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


def raw_postings(reader: IndexReader, field: str, term: str | bytes) -> Matcher:
    """The posting matcher of ``term``, deleted documents included."""
    matcher: Matcher = reader.postings(field, term)
    if isinstance(matcher, FilterMatcher):  # Whoosh wraps postings to hide deleted documents
        matcher = matcher.child
    return matcher


def block_ids(matcher: W3LeafMatcher) -> Sequence[int]:
    """The docnums of a W3 matcher's current block (Whoosh decodes them in a Python loop)."""
    if matcher._data is None:
        matcher._read_data()
    ids = matcher._data[0]
    return ids if matcher._byteids else list(accumulate(ids))


def block_weights(matcher: W3LeafMatcher) -> Sequence[float]:
    """The weights of a W3 matcher's current block, also when packed as ``array("f")`` bytes
    in byte planes (:class:`~index.whoosh_writing._BlockPostingsWriter`)."""
    if matcher._data is None:
        matcher._read_data()
    weights = matcher._data[1]
    if isinstance(weights, bytes):
        return array("f", from_planes(weights))
    matcher._read_weights()
    return matcher._weights


#: Bytes per packed position.
POSITION_SIZE = 4


def to_planes(packed: bytes) -> bytes:
    """Packed 4-byte numbers as byte planes: the first byte of every number, then every second
    byte, and so on. Positions within a report are below 65,536, so the upper planes are zeros
    and the second changes slowly: zlib compresses planes to two thirds of the packed size, and
    inflates them two and a half times faster. (Weights, small whole numbers as floats, have
    two zero planes.)"""
    return b"".join(packed[plane::POSITION_SIZE] for plane in range(POSITION_SIZE))


def from_planes(planes: bytes) -> bytes:
    """The packed numbers of :func:`to_planes`' byte planes (strided copies in C)."""
    size = len(planes) // POSITION_SIZE
    packed = bytearray(len(planes))
    for plane in range(POSITION_SIZE):
        packed[plane::POSITION_SIZE] = planes[plane * size : (plane + 1) * size]
    return bytes(packed)


def block_values(matcher: W3LeafMatcher, weights: Sequence[float]) -> Sequence[Any]:
    """The values of a W3 matcher's current block. Packed positions written as one ``bytes``
    of byte planes per block (:class:`~index.whoosh_writing._BlockPostingsWriter`) are
    interleaved again and split by the postings' weights (their numbers of positions, four
    bytes each)."""
    if matcher._data is None:
        matcher._read_data()
    found = matcher._data[2]
    if isinstance(found, bytes) and (matcher._fixedsize is None or matcher._fixedsize < 0):
        packed = from_planes(found)
        bounds = [0, *accumulate(map(mul, map(int, weights), repeat(4)))]
        return list(map(packed.__getitem__, map(slice, bounds, bounds[1:])))
    matcher._read_values()
    return matcher._values


def blocks(
    reader: IndexReader, field: str, term: str | bytes, *, values: bool
) -> Iterator[tuple[Sequence[int], Sequence[float], Sequence[Any]]]:
    """``(docnums, weights, values)`` of a term's postings, a block at a time (deleted documents
    included; ``values`` empty unless asked for)."""
    if (field, term) not in reader:
        return
    matcher = raw_postings(reader, field, term)
    if not isinstance(matcher, W3LeafMatcher):
        postings = list(each_posting(matcher))
        if postings:
            docnums, each_weight, found = zip(*postings, strict=True)
            yield docnums, each_weight, found if values else ()
        return
    while matcher.is_active():
        ids = block_ids(matcher)
        weights = block_weights(matcher)
        yield ids, weights, block_values(matcher, weights) if values else ()
        matcher._next_block()


def doc_ids(reader: IndexReader, field: str, term: str) -> list[int]:
    """The docnums of one segment holding ``term`` in ``field`` (deleted ones included)."""
    if (field, term) not in reader:
        return []
    matcher = raw_postings(reader, field, term)
    if not isinstance(matcher, W3LeafMatcher):
        return list(matcher.all_ids())
    found: list[int] = []
    while matcher.is_active():
        found.extend(block_ids(matcher))
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
        for ids, weights, _values in blocks(reader, field, terms[0], values=False):
            counts.update(zip(ids, map(int, weights), strict=True))
        return counts
    counter: Counter[int] = Counter()
    for term in terms:
        for ids, weights, _values in blocks(reader, field, term, values=False):
            counter.update(chain.from_iterable(map(repeat, ids, map(int, weights))))
    return counter


def positions_by_doc(reader: IndexReader, field: str, term: str) -> dict[int, bytes]:
    """``docnum → encoded positions`` of ``term`` in ``field`` of one segment (deleted included)."""
    found: dict[int, bytes] = {}
    for ids, _weights, values in blocks(reader, field, term, values=True):
        found.update(zip(ids, values, strict=True))
    return found


def saturated(count: int, boost: float) -> float:
    """The score of ``count`` occurrences in a field of weight ``boost``."""
    return boost * count / (count + PHRASE_SATURATION)


#: Term-frequency saturation of phrase scores (as BM25's k1).
PHRASE_SATURATION = 1.2
#: Occurrence counts with a precomputed score; larger counts score as the largest (the scores
#: differ from the exact ones by less than 0.03 %).
SATURATION_TABLE_SIZE = 4096


@cache
def saturation_table(boost: float) -> list[float]:
    """``saturated(n, boost)`` for ``n`` in ``0 … SATURATION_TABLE_SIZE - 1``, for C-level lookups."""
    return [saturated(count, boost) for count in range(SATURATION_TABLE_SIZE)]


#: A phrase occurrence as a number: ``docnum << DOC_SHIFT | position`` (reports are far shorter
#: than 2**32 characters).
DOC_SHIFT = 32


def phrase_counts(
    reader: IndexReader, field: str, checks: Iterable[tuple[int, str]]
) -> dict[int, int]:
    """``docnum → occurrences`` of a phrase in ``field`` of one segment (deleted included).

    ``checks`` are ``(offset, term)`` pairs that must all occur at the phrase's start plus their
    offset (:attr:`index.analysis.PhrasePlan.terms`, offset 0 among them). Only documents holding
    every term are read. The term with the fewest occurrences there gives the candidate starts.

    Each other term is checked a document at a time where it can be (:meth:`_Runs.found_in`):
    where a document's starts, moved to that term's offset, lie together in its positions, every
    start passes. The starts of the other documents are taken apart, as numbers ``docnum << 32 |
    start`` (:func:`_starts_of`), and checked one by one (:func:`_starts_followed_by`) against
    this term and the rest. So a phrase whose rarest 4-gram occurs mostly in the phrase costs a
    few C-level steps per document, not per occurrence.
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
    checks.sort(key=lambda check: reader.frequency(field, check[1]))  # rarest term first
    (offset, term), rest = checks[0], checks[1:]
    values = list(map(postings[term].__getitem__, docnums))
    runs = _Runs(values)
    loose: list[int] = []  # the surviving starts of the documents taken apart
    for other_offset, other in rest:
        other_postings = postings[other]
        loose = _starts_followed_by(loose, other_postings, other_offset)
        in_runs = runs.found_in(docnums, other_offset - offset, other_postings)
        if not all(in_runs):
            apart = list(map(not_, in_runs))
            starts = _starts_of(
                list(compress(docnums, apart)), list(compress(values, apart)), offset
            )
            loose += _starts_followed_by(starts, other_postings, other_offset)
            docnums = list(compress(docnums, in_runs))
            values = list(compress(values, in_runs))
            runs = _Runs(values)
    counts = dict(zip(docnums, map(floordiv, map(len, values), repeat(4)), strict=True))
    counts.update(Counter(map(rshift, loose, repeat(DOC_SHIFT))))
    return counts


class _Runs:
    """The starts of a phrase in some documents, each document's as one run of packed positions
    (``values``, the positions of the term that gave them)."""

    def __init__(self, values: list[bytes]) -> None:
        bounds = [0, *accumulate(map(len, values))]
        self._slices = list(map(slice, bounds, bounds[1:]))
        self._positions = array("i", b"".join(values))

    def found_in(self, docnums: list[int], shift: int, postings: dict[int, bytes]) -> list[bool]:
        """For each document, whether all its starts, moved by ``shift``, are positions in
        ``postings``, as shown by one ``bytes.find`` of the moved run: found at an aligned place
        (so every moved start is one of the positions) where they lie together. Where the term
        also occurs between them, the document's starts must be checked one by one."""
        moved = array("i", map(add, self._positions, repeat(shift))).tobytes()
        found = map(
            bytes.find, map(postings.__getitem__, docnums), map(moved.__getitem__, self._slices)
        )
        return list(map(not_, map(mod, found, repeat(4))))  # -1 % 4 is 3


def _starts_of(docnums: list[int], values: list[bytes], offset: int) -> list[int]:
    """The phrase starts ``docnum << 32 | start`` given by the packed positions (``values``) of
    the term at ``offset`` in the phrase."""
    positions = array("I", b"".join(values))
    counts = map(floordiv, map(len, values), repeat(4))
    bases = chain.from_iterable(map(repeat, map(lshift, docnums, repeat(DOC_SHIFT)), counts))
    starts = list(map(add, map(sub, positions, repeat(offset)), bases))
    if offset:  # an occurrence before the term's offset in the phrase starts no phrase
        starts = list(compress(starts, map(ge, positions, repeat(offset))))
    return starts


#: Packs a position as one item of ``array("I")`` (native byte order, four bytes).
_PACK_POSITION = struct.Struct("=I").pack
_POSITION_MASK = (1 << DOC_SHIFT) - 1


def _starts_followed_by(starts: list[int], postings: dict[int, bytes], offset: int) -> list[int]:
    """The phrase starts (``docnum << 32 | start``) whose document has the term at ``start +
    offset``: ``bytes.find`` of that packed position in the document's packed positions finds
    it at an offset divisible by four (``-1 % 4`` is 3). A match across two positions
    (rare) is checked again exactly."""
    blobs = map(postings.__getitem__, map(rshift, starts, repeat(DOC_SHIFT)))
    targets = map(add, map(and_, starts, repeat(_POSITION_MASK)), repeat(offset))
    found = list(map(bytes.find, blobs, map(_PACK_POSITION, targets)))
    kept = list(compress(starts, map(not_, map(mod, found, repeat(4)))))
    if len(kept) + found.count(-1) == len(found):
        return kept
    kept = []  # a match straddling two positions: check every start exactly
    for start, at in zip(starts, found, strict=True):
        if at >= 0 and (at % 4 == 0 or _has_position(postings, start, offset)):
            kept.append(start)
    return kept


def _has_position(postings: dict[int, bytes], start: int, offset: int) -> bool:
    target = (start & _POSITION_MASK) + offset
    return target in array("I", postings[start >> DOC_SHIFT])


def each_posting(matcher: Matcher) -> Iterator[tuple[int, float, Any]]:
    """``(docnum, weight, value)`` of every posting of a matcher, through Whoosh's interface."""
    while matcher.is_active():
        yield matcher.id(), matcher.weight(), matcher.value()
        matcher.next()
