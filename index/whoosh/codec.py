"""Nianbao's Whoosh codec: the on-disk format of its segments, through Whoosh's extension points.

Whoosh 2.7 records the codec that wrote a segment in the segment itself (the index's table of
contents pickles it), and reads the segment back through that codec. :class:`NianbaoCodec` is
Whoosh's W3 codec with three parts of its own:

* :class:`BlockPostingsWriter` writes a posting block with its encoding in C and, for the
  4-gram view (:class:`~index.whoosh.postings.PackedPositions`), the block's docnums, weights
  and positions as byte planes (see ``index/whoosh/FORMAT.md``);
* :class:`BlockLeafMatcher` reads those blocks for Whoosh's own matchers, so ``Term`` and
  ``Phrase`` queries, ``postings().all_ids()``, highlighters and Whoosh's own merges read them
  correctly (Nianbao's own readers in :mod:`index.whoosh.postings` read them a block at a time);
* :class:`BlockFieldWriter` writes the term groups of Nianbao's posting pool
  (:class:`~index.whoosh.writing.TermPool`) a block at a time, and Whoosh's own postings as W3
  does.

Its segments (:class:`NianbaoSegment`) open their compound file as a
:class:`~index.whoosh.storage.MappedCompoundStorage`, which reads parts in place.

The classes build on Whoosh 2.7.4's W3 codec (pinned; Whoosh is no longer developed).
"""

from __future__ import annotations

import zlib
from array import array
from collections.abc import Iterable
from functools import partial
from itertools import accumulate, chain, groupby, repeat
from operator import is_not, mul, sub
from pickle import dumps
from typing import Any

from whoosh.codec.whoosh3 import (
    WHOOSH3_HEADER_MAGIC,
    W3Codec,
    W3FieldWriter,
    W3LeafMatcher,
    W3PostingsWriter,
    W3Segment,
)
from whoosh.matching import ListMatcher
from whoosh.util.numeric import length_to_byte

from index.whoosh.postings import POSITION_SIZE, PackedPositions, from_planes, to_planes
from index.whoosh.storage import MappedCompoundStorage

#: The name of the segment format, recorded with the codec in every segment it writes.
FORMAT_NAME = "nianbao-w3-planes-1"
#: Posting blocks smaller than this (pickled bytes) are written uncompressed.
COMPRESS_BLOCKS_FROM = 512
#: Postings per block (Whoosh's default: 128). Reading a block has a fixed cost (a seek, two
#: unpicklings, a decompression) that dominated reading the posting lists of common grams;
#: queries read whole posting lists, so they need no finer skipping.
POSTING_BLOCK = 1024
#: zlib level of posting blocks. Whoosh's default (3) spent a fifth of a merge compressing;
#: level 1 is about twice as fast for a slightly larger index. Readers take any level.
POSTING_COMPRESSION = 1
#: True for a posting's value, false for ``None`` (no value).
_IS_VALUE = partial(is_not, None)

#: One term's postings from Nianbao's pool: ``((field, term bytes), docnums, weights, values)``.
TermGroup = tuple[tuple[str, bytes], array, array, list[Any] | bytes]


class NianbaoCodec(W3Codec):
    """Whoosh's W3 codec with Nianbao's posting blocks (see the module's docstring)."""

    format_name = FORMAT_NAME

    def __init__(
        self,
        blocklimit: int = POSTING_BLOCK,
        compression: int = POSTING_COMPRESSION,
        inlinelimit: int = 1,
    ) -> None:
        super().__init__(blocklimit=blocklimit, compression=compression, inlinelimit=inlinelimit)

    def field_writer(self, storage: Any, segment: Any) -> BlockFieldWriter:
        return BlockFieldWriter(self, storage, segment)

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> BlockPostingsWriter:
        return BlockPostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )

    def postings_reader(
        self, dbfile: Any, terminfo: Any, format_: Any, term: Any = None, scorer: Any = None
    ) -> Any:
        if terminfo.is_inlined():
            ids, weights, values = terminfo.inlined_postings()
            return ListMatcher(
                ids, weights, values, format_, scorer=scorer, term=term, terminfo=terminfo
            )
        offset, length = terminfo.extent()
        return BlockLeafMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)

    def new_segment(self, storage: Any, indexname: str) -> NianbaoSegment:
        return NianbaoSegment(self, indexname)


class NianbaoSegment(W3Segment):
    """A W3 segment whose compound file is read in place (:class:`MappedCompoundStorage`)."""

    def open_compound_file(self, storage: Any) -> MappedCompoundStorage:
        name = self.make_filename(self.COMPOUND_EXT)
        return MappedCompoundStorage(storage.open_file(name), use_mmap=storage.supports_mmap)


class BlockLeafMatcher(W3LeafMatcher):
    """W3's posting matcher, also reading blocks written as byte planes
    (:class:`BlockPostingsWriter`): docnums, weights and positions of the 4-gram view."""

    def _read_ids(self) -> None:
        if self._data is None:
            self._read_data()
        ids = self._data[0]
        if isinstance(ids, bytes):
            self._ids = array("I", from_planes(ids))
        else:
            super()._read_ids()

    def _read_weights(self) -> None:
        if self._data is None:
            self._read_data()
        weights = self._data[1]
        if isinstance(weights, bytes):
            self._weights = array("f", from_planes(weights))
        else:
            super()._read_weights()

    def _read_values(self) -> None:
        if self._data is None:
            self._read_data()
        values = self._data[2]
        if isinstance(values, bytes) and (self._fixedsize is None or self._fixedsize < 0):
            if self._weights is None:
                self._read_weights()
            packed = from_planes(values)
            counts = map(int, self._weights)
            bounds = [0, *accumulate(map(mul, counts, repeat(POSITION_SIZE)))]
            self._values = tuple(map(packed.__getitem__, map(slice, bounds, bounds[1:])))
        else:
            super()._read_values()


class BlockFieldWriter(W3FieldWriter):
    """A W3 field writer taking the term groups of Nianbao's pool (written a block at a time,
    :func:`_write_terms`) or, from Whoosh's own pool, one posting at a time."""

    def add_postings(self, schema: Any, lengths: Any, items: Iterable[Any]) -> None:
        """Write the postings of a flush or merge, in field and term order."""
        items = iter(items)
        first = next(items, None)
        if first is None:
            return
        items = chain((first,), items)
        if len(first) == 4:  # a TermGroup: ((field, term), docnums, weights, values)
            _write_terms(self, schema, lengths, items)
        else:  # Whoosh's (field, term, docnum, weight, value) postings
            super().add_postings(schema, lengths, items)


def _write_terms(
    fieldwriter: W3FieldWriter, schema: Any, lengths: Any, terms: Iterable[TermGroup]
) -> None:
    """``W3FieldWriter.add_postings`` for the pool's terms: Python steps per term and per block."""
    for name, field_terms in groupby(terms, key=lambda group: group[0][0]):
        fieldwriter.start_field(name, schema[name])
        field_lengths = _field_lengths(lengths, name)
        postwriter = fieldwriter._postwriter
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
                # A block's packed positions stay one bytes (see BlockPostingsWriter).
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


class BlockPostingsWriter(W3PostingsWriter):
    """W3's postings writer with its block encoding in C (Whoosh loops over each posting in
    Python), which leaves small blocks uncompressed: compressing one costs more than reading
    it saves (each block records whether it is compressed).

    For packed positions (:class:`~index.whoosh.postings.PackedPositions`) a block's values are
    one ``bytes``, its docnums ``array("I")`` bytes and its weights ``array("f")`` bytes, all as
    byte planes (:func:`~index.whoosh.postings.to_planes`), not a tuple of an object per posting: unpickling those objects was
    most of the cost of reading a common 4-gram. Nianbao's
    readers (:func:`~index.whoosh.postings.blocks`) take both forms.
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
