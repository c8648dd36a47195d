"""Whoosh searches on one index generation are not disturbed by a newer one.

A web worker's threads search while the crawler commits: a search that began on the previous
generation may still be running when another thread moves to the new one. Its searcher must
stay open until it ends, and what it reads from its generation must not be used for the new
one.
"""

from __future__ import annotations

from pathlib import Path

from index.backend import IndexDocument, SearchRequest
from index.whoosh.backend import WhooshBackend


def _doc(report_id: int, year: int) -> IndexDocument:
    return IndexDocument(id=report_id, title="年报", agency="局", body="政务公开", year=year)


def _years(backend: WhooshBackend) -> dict[str, int]:
    result = backend.search(SearchRequest(query="政务公开"))
    return {facet.value: facet.count for facet in result.facets["year"]}


def test_a_search_on_the_previous_generation_keeps_it_open_and_to_itself(tmp_path: Path) -> None:
    backend = WhooshBackend(tmp_path / "whoosh", cache_size=0)
    backend.index_reports([_doc(1, 2020), _doc(2, 2021)])
    crawler = WhooshBackend(tmp_path / "whoosh")  # another process writes
    with backend._generation_in_use() as previous:  # a slow search has begun
        crawler.index_reports([_doc(3, 2022)])
        crawler.delete_report(1)  # merges: the old segment is no longer in the new generation
        assert _years(backend) == {"2021": 1, "2022": 1}  # another thread, on the new one
        # The slow search goes on reading its own generation.
        assert previous.facet_column("year").counts(previous.live()) == {"2020": 1, "2021": 1}
        assert len(previous.column("year")) == 2
    assert _years(backend) == {"2021": 1, "2022": 1}
    assert previous.searcher.is_closed  # closed when its last search ended
    assert backend.document_count() == 2


def test_a_generation_nobody_uses_is_closed_when_a_newer_one_arrives(tmp_path: Path) -> None:
    backend = WhooshBackend(tmp_path / "whoosh", cache_size=0)
    backend.index_reports([_doc(1, 2020)])
    with backend._generation_in_use() as first:
        pass
    assert not first.searcher.is_closed  # still the latest: kept for the next search
    backend.index_reports([_doc(2, 2021)])
    assert _years(backend) == {"2020": 1, "2021": 1}
    assert first.searcher.is_closed
