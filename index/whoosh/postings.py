"""Whoosh at the posting level: Nianbao's gram views, and block-wise reading and writing.

A text field is indexed in the two views of :mod:`index.analysis`:

* ``<field>_bigrams`` (:class:`GramCounts`): one posting per distinct bigram, its weight the
  number of occurrences, no stored value;
* ``<field>_quadgrams`` (:class:`PackedPositions`): one posting per distinct 4-gram, its positions
  stored as a packed ``array("I")``, encoded and decoded by single C calls.

Reading is a block of postings at a time (:func:`blocks`, :func:`term_counts`, :func:`doc_ids`,
:func:`block_packed`). Phrases of several 4-grams are matched in :mod:`index.whoosh.phrases`.

Writing is in :mod:`index.whoosh.writing`.

The block readers and writers use internals of Whoosh 2.7's W3 codec; Whoosh is pinned to 2.7.4
and no longer developed. Other matchers are read through the public, slower interface.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate, chain, repeat
from operator import mul
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
    """The docnums of a W3 matcher's current block (Whoosh decodes them in a Python loop), also
    when packed as ``array("I")`` bytes in byte planes (4-gram blocks written by
    :class:`~index.whoosh.writing._BlockPostingsWriter`)."""
    if matcher._data is None:
        matcher._read_data()
    ids = matcher._data[0]
    if isinstance(ids, bytes):
        return array("I", from_planes(ids))
    return ids if matcher._byteids else list(accumulate(ids))


def block_weights(matcher: W3LeafMatcher) -> Sequence[float]:
    """The weights of a W3 matcher's current block, also when packed as ``array("f")`` bytes
    in byte planes (:class:`~index.whoosh.writing._BlockPostingsWriter`)."""
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


def block_packed(matcher: W3LeafMatcher) -> bytes | None:
    """The packed positions of every posting of a W3 matcher's current block, for blocks
    written as one ``bytes`` of byte planes (:class:`~index.whoosh.writing._BlockPostingsWriter`);
    ``None`` for blocks with a value per posting."""
    if matcher._data is None:
        matcher._read_data()
    found = matcher._data[2]
    if isinstance(found, bytes) and (matcher._fixedsize is None or matcher._fixedsize < 0):
        return from_planes(found)
    return None


def block_values(matcher: W3LeafMatcher, weights: Sequence[float]) -> Sequence[Any]:
    """The values of a W3 matcher's current block. Packed positions (:func:`block_packed`) are
    split by the postings' weights (their numbers of positions, four bytes each)."""
    packed = block_packed(matcher)
    if packed is not None:
        bounds = [0, *accumulate(map(mul, map(int, weights), repeat(POSITION_SIZE)))]
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


def each_posting(matcher: Matcher) -> Iterator[tuple[int, float, Any]]:
    """``(docnum, weight, value)`` of every posting of a matcher, through Whoosh's interface."""
    while matcher.is_active():
        yield matcher.id(), matcher.weight(), matcher.value()
        matcher.next()
