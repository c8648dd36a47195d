"""A report's rates among its peers: same year, level and agency kind, with enough requests."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from figures.values import known_figure_values
from index import open_backend
from index.backend import IndexDocument, SearchBackend
from portal.peers import MIN_PEERS, MIN_REQUESTS, peer_standings, percentiles_among_peers


def tables(granted: int, handled: int) -> dict:
    return {
        "applications": {
            "new": {"total": handled},
            "granted": {"total": granted},
            "partial": {"total": 0},
            "results_total": {"total": handled},
        }
    }


def document(report_id: int, granted: int, handled: int, **tags: object) -> IndexDocument:
    values = {"year": 2023, "level": "county", "agency_kind": "公安局", **tags}
    return IndexDocument(
        id=report_id,
        title=f"报告{report_id}",
        agency=f"某县公安局{report_id}",
        body="正文",
        figures=known_figure_values(tables(granted, handled)),
        **values,  # type: ignore[arg-type]
    )


@pytest.fixture
def backend(tmp_path: Path) -> SearchBackend:
    index = open_backend("whoosh", tmp_path / "index")
    peers = [document(i, granted=i, handled=40) for i in range(1, 13)]  # rates 1/40 … 12/40
    others = [
        document(100, 40, 40, level="city"),  # another level
        document(101, 40, 40, agency_kind="教育局"),  # another kind
        document(102, 40, 40, year=2022),  # another year
        document(103, 5, 10),  # too few requests to be a peer
    ]
    index.index_reports(peers + others)
    return index


REPORT = SimpleNamespace(year=2023, level="county", agency_kind="公安局")


def standing(backend: SearchBackend, granted: int, handled: int):  # type: ignore[no-untyped-def]
    values = known_figure_values(tables(granted, handled))
    return next(s for s in peer_standings(backend, REPORT, values) if s.rate.key == "grant_rate")


def test_the_percentile_counts_only_peers_with_enough_requests(backend: SearchBackend) -> None:
    result = standing(backend, granted=9, handled=40)
    assert result.peers == 12  # the other level, kind, year and the small report are not peers
    assert result.percentile == pytest.approx(100 * 9 / 12, abs=0.1)
    assert standing(backend, granted=40, handled=40).percentile == 100.0


def test_no_percentile_for_a_report_with_few_requests(backend: SearchBackend) -> None:
    result = standing(backend, granted=5, handled=MIN_REQUESTS - 1)
    assert result.percentile is None and str(MIN_REQUESTS) in result.reason


def test_no_percentile_when_the_peer_group_is_small(tmp_path: Path) -> None:
    index = open_backend("whoosh", tmp_path / "small")
    index.index_reports([document(i, granted=i, handled=40) for i in range(1, MIN_PEERS)])
    result = standing(index, granted=9, handled=40)
    assert result.percentile is None and result.peers == MIN_PEERS - 1
    assert "不足" in result.reason


def test_the_report_page_says_why_there_is_no_percentile(portal_client) -> None:  # type: ignore[no-untyped-def]
    hits = portal_client.get("/search.json?page_size=1").get_json()["hits"]
    html = portal_client.get(f"/reports/{hits[0]['id']}").get_data(as_text=True)
    assert "同类机关比较" in html and "不计算百分位" in html
    data = portal_client.get(f"/api/v1/reports/{hits[0]['id']}").get_json()
    assert {p["rate"] for p in data["peers"]} == {
        "disclosure_rate",
        "grant_rate",
        "review_correction_rate",
    }


def test_league_rows_get_their_percentile_among_peers(backend: SearchBackend) -> None:
    rows = [
        SimpleNamespace(id=501, year=2023, level="county", agency_kind="公安局"),
        SimpleNamespace(id=502, year=2023, level="county", agency_kind="公安局"),
        SimpleNamespace(id=503, year=2023, level="county", agency_kind="教育局"),  # no peers
    ]
    values = {
        501: known_figure_values(tables(12, 40)),
        502: known_figure_values(tables(5, 10)),  # too few requests
        503: known_figure_values(tables(20, 40)),
    }
    found = percentiles_among_peers(backend, rows, values, "grant_rate")
    assert found == {501: 100.0, 502: None, 503: None}


def test_the_league_page_has_a_peer_percentile_column(portal_client) -> None:  # type: ignore[no-untyped-def]
    html = portal_client.get("/league?province=宁夏回族自治区&year=2022").get_data(as_text=True)
    assert "公开率百分位（同类）" in html
    data = portal_client.get("/league.json?province=宁夏回族自治区&year=2022").get_json()
    assert all("disclosure_rate_percentile" in row for row in data["rows"])
