"""The in-memory matcher of watches agrees with the search backends on every query."""

from __future__ import annotations

import pytest

from index.backend import SearchBackend, SearchRequest
from index.matching import CompiledSearch, MatchableDocument
from tests.index.conftest import corpus
from tests.index.test_backend_contract import PHRASES
from tests.index.test_numeric_conditions import CONDITIONS, documents, scan

QUERIES = [
    *PHRASES,
    "title:年度报告",
    "agency:科学技术局 year:2020..2022",
    "依申请公开 -政府开放日",
    "(民政 OR 教育) level:county",
    "province:宁夏 NOT year:2021",
    "template:2021 consistency:pass",
    '"以公开为常态" OR alert',
]


def backend_ids(backend: SearchBackend, request: SearchRequest) -> set[int]:
    result = backend.search(
        SearchRequest(query=request.query, filters=request.filters, page_size=1000)
    )
    return {hit.id for hit in result.hits}


@pytest.mark.parametrize("query", QUERIES)
def test_the_matcher_selects_what_the_backend_finds(loaded: SearchBackend, query: str) -> None:
    request = SearchRequest(query=query)
    search = CompiledSearch.of(request)
    matched = {d.id for d in corpus() if search.matches(MatchableDocument.of(d))}
    assert matched == backend_ids(loaded, request)


@pytest.mark.parametrize(("query", "key", "op", "value"), CONDITIONS)
def test_the_matcher_reads_numeric_conditions_as_a_scan_does(
    query: str, key: str, op: str, value: float
) -> None:
    # The backends equal the same scan (tests/index/test_numeric_conditions.py).
    search = CompiledSearch.of(SearchRequest(query=query))
    matched = {d.id for d in documents() if search.matches(MatchableDocument.of(d))}
    assert matched == scan(key, op, value)


def test_filters_restrict_the_match() -> None:
    search = CompiledSearch.of(SearchRequest(filters={"province": ["四川省"]}))
    sichuan = [d for d in documents() if d.province == "四川省"]
    others = [d for d in documents() if d.province != "四川省"]
    assert sichuan and others
    assert all(search.matches(MatchableDocument.of(d)) for d in sichuan)
    assert not any(search.matches(MatchableDocument.of(d)) for d in others)
