"""When Whoosh merges segments: size tiers, so each document is merged about once per tier.

The crawler commits small batches, one segment each. Whoosh's default policy (``MERGE_SMALL``)
keeps merging them into an ever-growing segment, so commits got slower as the index grew (and a
merge re-reads every posting). :func:`merge_tiers` merges only segments of about the same size,
ten at a time, and segments mostly deleted by upserts. The merged postings are streamed into the
new segment by :func:`index.whoosh.writing.install_fast_writer`.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from whoosh.reading import SegmentReader

#: Segments of about the same size merged together once there are this many of them.
MERGE_FACTOR = 10
#: Segments up to this many documents count as the smallest size tier.
MERGE_BASE_DOCS = 500
#: Segments with a larger share of deleted documents are merged away at the next commit.
MERGE_DELETED_SHARE = 0.5


def size_tier(segment: Any) -> int:
    """The size tier of a segment: 0 up to :data:`MERGE_BASE_DOCS`, one more per ×10."""
    count = max(segment.doc_count_all(), 1)
    tier = 0
    while count > MERGE_BASE_DOCS * MERGE_FACTOR**tier:
        tier += 1
    return tier


def merge_tiers(writer: Any, segments: list[Any]) -> list[Any]:
    """Whoosh merge policy: merge the segments of a size tier once it holds ``MERGE_FACTOR``.

    Whoosh's default policy (``MERGE_SMALL``) keeps re-merging a growing segment, so the cost
    of a crawler's small commits grew with the index (merging re-reads every posting in Python).
    Here each document is merged about once per tier, log10 of the index size times in all,
    and segments mostly deleted (upserts) are merged away. Returns the segments left as they are.
    """
    tiers: defaultdict[int, list[Any]] = defaultdict(list)
    for segment in segments:
        tiers[size_tier(segment)].append(segment)
    chosen = [
        segment for members in tiers.values() if len(members) >= MERGE_FACTOR for segment in members
    ]
    chosen += [
        segment
        for segment in segments
        if segment not in chosen
        and segment.deleted_count() > MERGE_DELETED_SHARE * segment.doc_count_all()
    ]
    for segment in chosen:
        reader = SegmentReader(writer.storage, writer.schema, segment)
        try:
            writer.add_reader(reader)
        finally:
            reader.close()
    return [segment for segment in segments if segment not in chosen]
