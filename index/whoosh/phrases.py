"""Whoosh phrase matching: where a phrase's covering 4-grams occur at their offsets.

A phrase of several 4-grams (:attr:`index.analysis.PhrasePlan.terms`) is matched for a whole
segment at once (:func:`phrase_counts`), by C-level iterator chains with no Python step per
document or per position. Each 4-gram's postings are read as one ``bytes`` of packed positions
with the byte bounds of each document's (:class:`TermPositions`), never split into an object
per document. The rarest 4-gram gives the candidate starts; the others check them:

* a document at a time, where the document's starts, moved to the other 4-gram's offset, lie
  together in that 4-gram's positions: one ``bytes.find`` shows that every start passes;
* start by start in the other documents, where the other 4-gram also occurs between them.

So a phrase whose rarest 4-gram occurs mostly in the phrase costs a few C-level steps per
document, not per occurrence.
"""

from __future__ import annotations

import struct
from array import array
from collections import Counter
from collections.abc import Iterable
from itertools import accumulate, chain, compress, islice, repeat
from operator import add, and_, floordiv, ge, lshift, mod, mul, not_, rshift, sub

from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.reading import IndexReader

from index.whoosh.postings import (
    POSITION_SIZE,
    block_ids,
    block_packed,
    block_values,
    block_weights,
    each_posting,
    raw_postings,
)

#: A phrase occurrence as a number: ``docnum << DOC_SHIFT | position`` (reports are far shorter
#: than 2**32 characters).
DOC_SHIFT = 32
_POSITION_MASK = (1 << DOC_SHIFT) - 1
#: Packs a position as one item of ``array("I")`` (native byte order, four bytes).
_PACK_POSITION = struct.Struct("=I").pack


class TermPositions:
    """A term's postings in one segment: its docnums (ascending), every posting's positions
    packed into one ``bytes`` in that order, and the byte bounds of each posting's positions
    (``packed[bounds[i]:bounds[i + 1]]`` belongs to ``docnums[i]``)."""

    def __init__(self, docnums: list[int], packed: bytes, bounds: list[int]) -> None:
        self.docnums = docnums
        self.packed = packed
        self.bounds = bounds
        self._begin_of: dict[int, int] | None = None
        self._end_of: dict[int, int] | None = None

    def counts(self) -> Iterable[int]:
        """The number of positions of each posting."""
        return map(floordiv, map(sub, islice(self.bounds, 1, None), self.bounds), repeat(4))

    def slices(self) -> Iterable[slice]:
        """Each posting's slice of :attr:`packed`."""
        return map(slice, self.bounds, islice(self.bounds, 1, None))

    def bounds_among(self, docnums: list[int], wanted: set[int]) -> tuple[list[int], list[int]]:
        """The byte bounds (begins, ends) of the postings of ``docnums``, which are ``wanted``
        in ascending order, all of them holding the term."""
        begins, ends = self.bounds[:-1], self.bounds[1:]
        if len(docnums) == len(self.docnums):
            return begins, ends
        held = list(map(wanted.__contains__, self.docnums))
        return list(compress(begins, held)), list(compress(ends, held))

    def bounds_of(self, docnums: Iterable[int]) -> tuple[Iterable[int], Iterable[int]]:
        """The byte bounds of the postings of ``docnums`` (any order, repeats allowed), looked
        up in dicts built on first use."""
        begin_of, end_of = self._bounds_by_docnum()
        docnums = list(docnums)
        return map(begin_of.__getitem__, docnums), map(end_of.__getitem__, docnums)

    def positions_of(self, docnum: int) -> bytes:
        """The packed positions of one document."""
        begin_of, end_of = self._bounds_by_docnum()
        return self.packed[begin_of[docnum] : end_of[docnum]]

    def _bounds_by_docnum(self) -> tuple[dict[int, int], dict[int, int]]:
        if self._begin_of is None or self._end_of is None:
            self._begin_of = dict(zip(self.docnums, self.bounds, strict=False))
            self._end_of = dict(zip(self.docnums, islice(self.bounds, 1, None), strict=True))
        return self._begin_of, self._end_of

    def restricted(self, held: list[bool]) -> TermPositions:
        """The postings where ``held`` is true."""
        slices = compress(self.slices(), held)
        parts = list(map(self.packed.__getitem__, slices))
        bounds = [0, *accumulate(map(len, parts))]
        return TermPositions(list(compress(self.docnums, held)), b"".join(parts), bounds)


def term_positions(reader: IndexReader, field: str, term: str) -> TermPositions:
    """The postings of ``term`` in ``field`` of one segment (deleted documents included)."""
    docnums: list[int] = []
    parts: list[bytes] = []
    bounds = [0]
    if (field, term) not in reader:
        return TermPositions(docnums, b"", bounds)
    matcher = raw_postings(reader, field, term)
    if not isinstance(matcher, W3LeafMatcher):
        for docnum, _weight, value in each_posting(matcher):
            docnums.append(docnum)
            parts.append(value)
            bounds.append(bounds[-1] + len(value))
        return TermPositions(docnums, b"".join(parts), bounds)
    while matcher.is_active():
        docnums.extend(block_ids(matcher))
        weights = block_weights(matcher)
        packed = block_packed(matcher)
        if packed is None:  # one value per posting (written by Whoosh's own writer)
            values = block_values(matcher, weights)
            packed = b"".join(values)
            sizes = map(len, values)
        else:
            sizes = map(mul, map(int, weights), repeat(POSITION_SIZE))
        parts.append(packed)
        bounds += islice(accumulate(sizes, initial=bounds[-1]), 1, None)
        matcher._next_block()
    return TermPositions(docnums, b"".join(parts), bounds)


def phrase_counts(
    reader: IndexReader, field: str, checks: Iterable[tuple[int, str]]
) -> dict[int, int]:
    """``docnum → occurrences`` of a phrase in ``field`` of one segment (deleted included).

    ``checks`` are ``(offset, term)`` pairs that must all occur at the phrase's start plus their
    offset (offset 0 among them). Only documents holding every term are checked. The term with
    the fewest occurrences gives the candidate starts; each other term checks them a document
    at a time where it can (:func:`_found_in_runs`), start by start where it cannot
    (:func:`_starts_followed_by`).
    """
    checks = list(checks)
    if not checks or any((field, term) not in reader for _offset, term in checks):
        return {}
    postings = {term: term_positions(reader, field, term) for _offset, term in checks}
    by_size = sorted(postings.values(), key=lambda found: len(found.docnums))
    candidates = set(by_size[0].docnums).intersection(*(found.docnums for found in by_size[1:]))
    if not candidates:
        return {}
    checks.sort(key=lambda check: reader.frequency(field, check[1]))  # rarest term first
    (offset, term), rest = checks[0], checks[1:]
    runs = postings[term]  # the starts of the documents still checked a document at a time
    if len(runs.docnums) > len(candidates):
        runs = runs.restricted(list(map(candidates.__contains__, runs.docnums)))
    loose: list[int] = []  # the surviving starts of the other documents
    for other_offset, other in rest:
        other_postings = postings[other]
        loose = _starts_followed_by(loose, other_postings, other_offset)
        in_runs = _found_in_runs(runs, other_offset - offset, other_postings, candidates)
        if not all(in_runs):
            apart = runs.restricted(list(map(not_, in_runs)))
            loose += _starts_followed_by(_starts_of(apart, offset), other_postings, other_offset)
            runs = runs.restricted(in_runs)
            candidates = set(runs.docnums)
    counts = dict(zip(runs.docnums, runs.counts(), strict=True))
    counts.update(Counter(map(rshift, loose, repeat(DOC_SHIFT))))
    return counts


def _found_in_runs(
    runs: TermPositions, shift: int, other: TermPositions, candidates: set[int]
) -> list[bool]:
    """For each document of ``runs``, whether all its starts, moved by ``shift``, are positions
    of ``other``: shown by one ``bytes.find`` of the moved starts in the document's positions,
    found at an aligned place (so every moved start is one of the positions) where they lie
    together. ``candidates`` is the set of the documents of ``runs``."""
    moved = array("i", map(add, array("i", runs.packed), repeat(shift))).tobytes()
    begins, ends = other.bounds_among(runs.docnums, candidates)
    found = map(other.packed.find, map(moved.__getitem__, runs.slices()), begins, ends)
    return list(map(not_, map(mod, found, repeat(POSITION_SIZE))))  # -1 % 4 is 3


def _starts_of(runs: TermPositions, offset: int) -> list[int]:
    """The phrase starts ``docnum << 32 | start`` given by the positions in ``runs`` of the term
    at ``offset`` in the phrase."""
    positions = array("I", runs.packed)
    shifted = map(lshift, runs.docnums, repeat(DOC_SHIFT))
    bases = chain.from_iterable(map(repeat, shifted, runs.counts()))
    starts = list(map(add, map(sub, positions, repeat(offset)), bases))
    if offset:  # an occurrence before the term's offset in the phrase starts no phrase
        starts = list(compress(starts, map(ge, positions, repeat(offset))))
    return starts


def _starts_followed_by(starts: list[int], other: TermPositions, offset: int) -> list[int]:
    """The phrase starts (``docnum << 32 | start``) whose document has the term of ``other`` at
    ``start + offset``: ``bytes.find`` of that packed position within the document's positions
    finds it at an offset divisible by four (``-1 % 4`` is 3). A match across two positions
    (rare) is checked again exactly."""
    if not starts:
        return starts
    begins, ends = other.bounds_of(map(rshift, starts, repeat(DOC_SHIFT)))
    targets = map(add, map(and_, starts, repeat(_POSITION_MASK)), repeat(offset))
    found = list(map(other.packed.find, map(_PACK_POSITION, targets), begins, ends))
    kept = list(compress(starts, map(not_, map(mod, found, repeat(POSITION_SIZE)))))
    if len(kept) + found.count(-1) == len(found):
        return kept
    kept = []  # a match straddling two positions: check every start exactly
    for start, at in zip(starts, found, strict=True):
        if at >= 0 and (at % POSITION_SIZE == 0 or _has_position(other, start, offset)):
            kept.append(start)
    return kept


def _has_position(other: TermPositions, start: int, offset: int) -> bool:
    positions = array("I", other.positions_of(start >> DOC_SHIFT))
    return (start & _POSITION_MASK) + offset in positions
