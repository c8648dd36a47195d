"""Nianbao's fast Whoosh write path writes the same segments as Whoosh's own ``add_document``.

Both write through Nianbao's codec (:mod:`index.whoosh.codec`); Whoosh's own writer adds one
posting at a time, merges through its own pool and matchers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index

from index.analysis import view_field
from index.backend import IndexDocument
from index.whoosh.backend import _fields_of, build_schema
from index.whoosh.codec import NianbaoCodec
from index.whoosh.postings import blocks
from index.whoosh.writing import FastSegmentWriter, add_documents

TEXTS = [
    "公安局收到政府信息公开申请12件，其中 ＡＢＣ 依申请公开 5 件。",
    "局",
    "",
    "Ｒ&D 2023年度报告：公开、公开、再公开。\n\n  新的一段，公安局。",
]


VIEWS = ("chars", "quadgrams")
LENGTH_FIELDS = [view_field(name, view) for name in ("title", "body") for view in VIEWS]


def _documents(count: int) -> list[IndexDocument]:
    return [
        IndexDocument(
            id=number,
            title=f"{number}号 年度报告",
            agency="灵武市科学技术局" if number % 2 else "",
            body=TEXTS[number % len(TEXTS)] * (1 + number % 3),
            year=2020 + number % 3,
            province="宁夏回族自治区",
        )
        for number in range(1, count + 1)
    ]


def _segment_contents(path: Path) -> list[Any]:
    """Every posting (with block statistics), field length and stored field of every segment."""
    contents: list[Any] = []
    with whoosh_index.open_dir(str(path)).searcher() as searcher:
        for leaf, _offset in searcher.reader().leaf_readers():
            for field, term in leaf.all_terms():
                info = leaf.term_info(field, term)
                postings = [
                    (docnum, float(weight), value)
                    for block in blocks(leaf, field, term, values=True)
                    for docnum, weight, value in zip(*block, strict=True)
                ]
                stats = (info.weight(), info.min_length(), info.max_length(), info.max_weight())
                contents.append((field, term, stats, postings))
            for docnum in range(leaf.doc_count_all()):
                lengths = [leaf.doc_field_length(docnum, name) for name in LENGTH_FIELDS]
                contents.append((docnum, lengths, leaf.stored_fields(docnum)))
    return contents


def _write(path: Path, batches: list[list[IndexDocument]], *, fast: bool) -> list[Any]:
    path.mkdir()
    index = whoosh_index.create_in(str(path), build_schema())
    for number, batch in enumerate(batches):
        # Whoosh's own writer with Nianbao's codec, or Nianbao's writer.
        writer = FastSegmentWriter(index) if fast else index.writer(codec=NianbaoCodec())
        if number % 3 == 2:  # some merged segments have deleted documents
            writer.delete_by_term("id", str(batch[0].id - 7))
        if fast:
            add_documents(writer, map(_fields_of, batch))
        else:
            for document in batch:
                writer.add_document(**_fields_of(document))
        writer.commit()  # merges small segments, through the block writer and merger when ``fast``
    return _segment_contents(path)


def test_the_fast_write_path_writes_what_whoosh_writes(tmp_path: Path) -> None:
    documents = _documents(300)
    batches = [documents[start : start + 20] for start in range(0, len(documents), 20)]
    whoosh = _write(tmp_path / "whoosh", batches, fast=False)
    fast = _write(tmp_path / "fast", batches, fast=True)
    assert fast == whoosh


def _segment_sizes(backend: Any) -> list[int]:
    return sorted(segment.doc_count_all() for segment in backend._open_index()._segments())


def test_the_commit_after_a_size_tier_fills_up_with_ten_segments_merges_them(
    tmp_path: Path, monkeypatch: Any
) -> None:
    from index.backend import SearchRequest
    from index.whoosh import backend as whoosh_backend
    from index.whoosh import merging as whoosh_merging

    monkeypatch.setattr(whoosh_merging, "MERGE_BASE_DOCS", 3)
    backend = whoosh_backend.WhooshBackend(tmp_path / "index")
    documents = _documents(40)
    for start in range(0, 30, 3):  # ten commits of three: one tier of ten segments
        backend.index_reports(documents[start : start + 3])
    assert _segment_sizes(backend) == [3] * 10
    backend.index_reports(documents[30:33])  # written together with the ten it merges
    assert _segment_sizes(backend) == [33]
    backend.index_reports(documents[33:36])
    assert _segment_sizes(backend) == [3, 33]
    assert backend.search(SearchRequest(query="年度报告")).total == 36


def test_a_segment_mostly_replaced_by_upserts_is_merged_away(
    tmp_path: Path, monkeypatch: Any
) -> None:
    from index.whoosh import backend as whoosh_backend
    from index.whoosh import merging as whoosh_merging

    monkeypatch.setattr(whoosh_merging, "MERGE_BASE_DOCS", 3)
    backend = whoosh_backend.WhooshBackend(tmp_path / "index")
    documents = _documents(8)
    backend.index_reports(documents[:4])
    backend.index_reports(documents[:1])  # one of four replaced: the segment stays
    assert _segment_sizes(backend) == [1, 4]
    backend.index_reports(documents[1:3])  # three of four replaced: merged into the new one
    assert _segment_sizes(backend) == [1, 3]
    assert backend.document_count() == 4


def test_a_phrase_start_needs_the_exact_position_not_bytes_straddling_two() -> None:
    from array import array

    from index.whoosh.phrases import DOC_SHIFT, TermPositions, _starts_followed_by

    # Positions 5 and 6 pack as 05 00 00 00 06 00 00 00: bytes 3..6 read as 0x600 = 1536.
    straddling = TermPositions([0, 1], array("I", [5, 6, 5, 6, 1536]).tobytes(), [0, 8, 20])
    starts = [1535, 1 << DOC_SHIFT | 1535, 1 << DOC_SHIFT | 4]
    assert _starts_followed_by(starts, straddling, 1) == [1 << DOC_SHIFT | 1535, 1 << DOC_SHIFT | 4]
