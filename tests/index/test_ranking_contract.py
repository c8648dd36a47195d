"""Both backends rank by BM25: occurrences saturate, short fields beat long ones, rare phrases
weigh more than common ones, title and agency outweigh the body, and the same clear-cut query
puts the same reports on top on Whoosh and on tantivy."""

from __future__ import annotations

import math

from index import BACKENDS, open_backend
from index.backend import IndexDocument, SearchBackend, SearchRequest

FILLER = "本机关依法做好各项工作，持续推进政务公开标准化规范化建设。"
#: Reports built so that BM25's order is unambiguous (ids chosen to be in no particular order).
REPORTS = [
    # Occurrences: three mentions beat one in fields of the same length.
    IndexDocument(id=11, title="年报甲", agency="甲局", body="依申请公开。" * 3 + FILLER * 2),
    IndexDocument(
        id=12, title="年报乙", agency="乙局", body="依申请公开。" + "其他内容。" * 2 + FILLER * 2
    ),
    # Length: one mention in a short body beats one mention in a long body.
    IndexDocument(id=13, title="年报丙", agency="丙局", body="政府开放日活动。" + FILLER),
    IndexDocument(id=14, title="年报丁", agency="丁局", body="政府开放日活动。" + FILLER * 30),
    # Rarity: a phrase in one report outweighs a phrase in many.
    IndexDocument(id=15, title="年报戊", agency="戊局", body="行政复议纠错案件。" + FILLER * 3),
    *[
        IndexDocument(
            id=20 + n, title=f"年报{n}", agency=f"{n}号局", body="主动公开目录。" + FILLER * 3
        )
        for n in range(8)
    ],
    # Field weight: a title match outranks a body match.
    IndexDocument(id=16, title="信访事项年度报告", agency="己局", body=FILLER * 3),
    IndexDocument(id=17, title="年报庚", agency="庚局", body="信访事项。" + FILLER * 3),
]


def _ranked(backend: SearchBackend, query: str) -> list[frozenset[int]]:
    """The hits in rank order, reports of equal score together (backends break ties apart)."""
    result = backend.search(SearchRequest(query=query, page_size=50, facets=()))
    groups: list[tuple[float, set[int]]] = []
    for hit in result.hits:
        if groups and math.isclose(groups[-1][0], hit.score, rel_tol=1e-6):
            groups[-1][1].add(hit.id)
        else:
            groups.append((hit.score, {hit.id}))
    return [frozenset(ids) for _score, ids in groups]


def _first(ranking: list[frozenset[int]], count: int) -> list[int]:
    """The first ``count`` ranks, each holding one report."""
    assert all(len(group) == 1 for group in ranking[:count]), ranking
    return [next(iter(group)) for group in ranking[:count]]


def test_bm25_orders_on_both_backends(tmp_path) -> None:  # type: ignore[no-untyped-def]
    rankings: dict[str, dict[str, list[frozenset[int]]]] = {}
    for name in BACKENDS:
        backend = open_backend(name, tmp_path / name)
        backend.index_reports(REPORTS)
        rankings[name] = {
            query: _ranked(backend, query)
            for query in ("依申请公开", "政府开放日", "行政复议纠错 OR 主动公开目录", "信访事项")
        }
        backend.close()
    for name, ranking in rankings.items():
        assert _first(ranking["依申请公开"], 2) == [11, 12], name  # occurrences count
        assert _first(ranking["政府开放日"], 2) == [13, 14], name  # the shorter field first
        assert _first(ranking["行政复议纠错 OR 主动公开目录"], 1) == [15], name  # rarer first
        assert _first(ranking["信访事项"], 2) == [16, 17], name  # title before body
    whoosh, tantivy = (rankings[name] for name in BACKENDS)
    assert whoosh == tantivy
