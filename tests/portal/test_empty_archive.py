"""A fresh installation with no reports: every page explains itself instead of failing."""

from __future__ import annotations

from flask.testing import FlaskClient


def test_pages_of_an_empty_archive_answer_without_errors(client: FlaskClient) -> None:
    expectations = {
        "/": 200,
        "/search": 200,
        "/search?q=科学技术局": 200,
        "/search.csv": 200,
        "/search.json": 200,
        "/search.atom": 200,
        "/league": 200,
        "/league.csv": 200,
        "/export/": 200,
        "/export/2022.jsonl": 404,
        "/compare/years?agency=灵武市科学技术局": 404,
        "/compare/agencies?ids=1&ids=2": 404,
        "/api/v1/search": 200,
        "/api/v1/facets/year": 200,
        "/api/v1/reports/1": 404,
        "/api": 200,
    }
    for url, status in expectations.items():
        assert client.get(url).status_code == status, url


def test_the_empty_home_page_says_how_to_fill_the_archive(client: FlaskClient) -> None:
    html = client.get("/").get_data(as_text=True)
    assert "档案中还没有报告" in html
    assert "没有找到符合条件的报告" in client.get("/search").get_data(as_text=True)
