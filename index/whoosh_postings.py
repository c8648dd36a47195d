"""Whoosh at the posting level: Nianbao's tokenizer and position format, and fast phrase matching.

Whoosh's own phrase query checks positions with span objects in pure Python, one object per
occurrence, which took seconds on a few thousand reports. Here:

* positions are stored as a packed ``array("I")`` (:class:`PackedPositions`), encoded and
  decoded by single C calls;
* posting lists are read a whole block at a time (:func:`positions_by_doc`, :func:`doc_ids`);
* a phrase intersects the document sets of its tokens first and checks positions only on that
  intersection (:func:`phrase_matches`).

The block readers use internals of Whoosh 2.7's W3 codec; Whoosh is pinned to 2.7.4 and no longer
developed. Other matchers are read through the public, slower interface.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from itertools import repeat
from operator import add
from typing import Any

from whoosh.analysis import Token, Tokenizer
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.formats import Positions
from whoosh.matching import Matcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import IndexReader

from index.analysis import index_tokens


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


def frequencies(reader: IndexReader, field: str, terms: Iterable[str]) -> dict[int, int]:
    """``docnum → total occurrences`` of ``terms`` in ``field`` of one segment."""
    decode = reader.schema[field].format.decode_frequency
    counts: defaultdict[int, int] = defaultdict(int)
    for term in terms:
        for docnum, value in positions_by_doc(reader, field, term).items():
            counts[docnum] += decode(value)
    return counts


def saturated(count: int, boost: float) -> float:
    """The score of ``count`` occurrences in a field of weight ``boost``."""
    return boost * count / (count + PHRASE_SATURATION)


#: Term-frequency saturation of phrase scores (as BM25's k1).
PHRASE_SATURATION = 1.2


def phrase_matches(
    reader: IndexReader, field: str, tokens: tuple[str, ...], boost: float = 1.0
) -> tuple[list[int], list[float]]:
    """Docnums of a leaf reader whose ``field`` holds ``tokens`` consecutively, and their weights.

    The documents holding every token are found by intersecting posting sets; positions are
    decoded only for them, starting with the rarest token, and every step is a C-level set
    operation on the (few) surviving positions. A weight is ``boost * n / (n + 1.2)`` for ``n``
    occurrences.
    """
    if any((field, token) not in reader for token in tokens):
        return [], []
    offsets: defaultdict[str, list[int]] = defaultdict(list)
    for offset, token in enumerate(tokens):
        offsets[token].append(offset)
    postings = {token: positions_by_doc(reader, field, token) for token in offsets}
    ordered = sorted(postings, key=lambda token: len(postings[token]))
    candidates = set(postings[ordered[0]]).intersection(*(postings[t] for t in ordered[1:]))
    if reader.has_deletions():
        candidates = {docnum for docnum in candidates if not reader.is_deleted(docnum)}
    checks = [(postings[token], offset) for token in ordered for offset in offsets[token]]
    format_ = reader.schema[field].format
    decode: Callable[[bytes], Iterable[int]] = partial(array, "I")
    if not isinstance(format_, PackedPositions):  # an index written before PackedPositions
        decode = format_.decode_positions
    docnums: list[int] = []
    weights: list[float] = []
    (first, first_offset), rest = checks[0], checks[1:]
    for docnum in candidates:
        # ``found``: positions of the token at ``at`` in the occurrences still possible.
        found, at = set(decode(first[docnum])), first_offset
        for values, offset in rest:
            found = set(map(add, found, repeat(offset - at))).intersection(decode(values[docnum]))
            at = offset
            if not found:
                break
        else:
            docnums.append(docnum)
            weights.append(saturated(len(found), boost))
    return docnums, weights
