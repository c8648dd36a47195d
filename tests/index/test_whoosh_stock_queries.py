"""Stock Whoosh reads a Nianbao index correctly: its own postings, ``Term`` and ``Phrase`` queries
and its own merges agree with Nianbao's readers and searches.

Nianbao writes the 4-gram view's blocks as byte planes (``index/whoosh/FORMAT.md``); the codec
recorded in each segment tells Whoosh how to read them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from whoosh import index as whoosh_index
from whoosh import query as wq

from index.analysis import quadgrams, view_field
from index.backend import IndexDocument, SearchRequest
from index.whoosh.backend import WhooshBackend
from index.whoosh.codec import NianbaoCodec, NianbaoSegment
from index.whoosh.postings import blocks

BODY_GRAMS = view_field("body", "quadgrams")
#: Phrases of the test bodies, each in a different share of the reports.
PHRASES = {"依申请公开": 2, "政府信息公开": 3, "行政复议案件": 5, "主动公开规章": 7}
#: More than one posting block (1,024 postings) for the commonest 4-grams.
REPORTS = 1_300


def _body(number: int) -> str:
    words = [phrase for phrase, every in PHRASES.items() if number % every == 0]
    return "本年度，" + "；".join(words or ["无"]) + f"。编号{number}。"


def _documents() -> list[IndexDocument]:
    return [
        IndexDocument(id=number, title=f"第{number}号", agency="测试单位", body=_body(number))
        for number in range(1, REPORTS + 1)
    ]


@pytest.fixture(scope="module")
def index_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Nianbao index written in several commits (merged by Nianbao), with replaced reports."""
    path = tmp_path_factory.mktemp("stock") / "index"
    backend = WhooshBackend(path)
    documents = _documents()
    backend.index_reports(documents[:700], bulk=True)
    for start in range(700, REPORTS, 150):
        backend.index_reports(documents[start : start + 150])
    backend.index_reports(documents[:10])  # replaced: deleted and added again
    backend.close()
    return path


def _grams(phrase: str) -> list[str]:
    return quadgrams(phrase)[: len(phrase) - 3]  # the phrase's own 4-grams, not its end's


def _expected_ids(phrase: str) -> set[int]:
    return {number for number in range(1, REPORTS + 1) if phrase in _body(number)}


def _stock_ids(searcher: object, query: wq.Query) -> set[int]:
    results = searcher.search(query, limit=None)  # type: ignore[attr-defined]
    return {int(hit["id"]) for hit in results}


def _nianbao_ids(path: Path, phrase: str) -> set[int]:
    backend = WhooshBackend(path)
    found: set[int] = set()
    page = 1
    while True:
        result = backend.search(SearchRequest(query=phrase, page=page, page_size=100, facets=()))
        found.update(hit.id for hit in result.hits)
        if page * 100 >= result.total:
            break
        page += 1
    backend.close()
    return found


def test_segments_record_nianbaos_codec(index_path: Path) -> None:
    segments = whoosh_index.open_dir(str(index_path))._segments()
    assert segments
    assert all(isinstance(segment, NianbaoSegment) for segment in segments)
    assert all(isinstance(segment.codec(), NianbaoCodec) for segment in segments)


def test_stock_postings_agree_with_nianbaos_block_reader(index_path: Path) -> None:
    with whoosh_index.open_dir(str(index_path)).searcher() as searcher:
        for leaf, _offset in searcher.reader().leaf_readers():
            for phrase in PHRASES:
                for gram in _grams(phrase):
                    if (BODY_GRAMS, gram) not in leaf:
                        continue
                    matcher = leaf.postings(BODY_GRAMS, gram)
                    stock = []
                    while matcher.is_active():
                        stock.append(
                            (matcher.id(), matcher.weight(), matcher.value_as("positions"))
                        )
                        matcher.next()
                    ours = [
                        (docnum, weight, list(memoryview(value).cast("I")))
                        for block in blocks(leaf, BODY_GRAMS, gram, values=True)
                        for docnum, weight, value in zip(*block, strict=True)
                        if not leaf.is_deleted(docnum)
                    ]
                    assert stock == ours, gram


def test_stock_term_and_phrase_queries_find_what_nianbao_finds(index_path: Path) -> None:
    with whoosh_index.open_dir(str(index_path)).searcher() as searcher:
        for phrase in PHRASES:
            grams = _grams(phrase)
            expected = _expected_ids(phrase)
            assert _stock_ids(searcher, wq.Phrase(BODY_GRAMS, grams)) == expected, phrase
            every_gram = wq.And([wq.Term(BODY_GRAMS, gram) for gram in grams])
            assert _stock_ids(searcher, every_gram) >= expected
            assert _nianbao_ids(index_path, phrase) == expected, phrase


def test_a_stock_whoosh_merge_keeps_nianbaos_results(index_path: Path, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(index_path, copy)
    before = {phrase: _nianbao_ids(copy, phrase) for phrase in PHRASES}
    index = whoosh_index.open_dir(str(copy))
    writer = index.writer(codec=NianbaoCodec())  # Whoosh's own writer, pool and merge
    writer.commit(optimize=True)
    assert len(index.refresh()._segments()) == 1
    assert {phrase: _nianbao_ids(copy, phrase) for phrase in PHRASES} == before
