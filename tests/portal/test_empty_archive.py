"""A fresh installation with no reports: every page explains itself instead of failing."""

from __future__ import annotations

import os
from pathlib import Path

from flask.testing import FlaskClient

from config import Settings
from index import open_backend
from index.formats import FORMAT_FILE


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


def test_an_index_in_an_older_format_asks_for_a_rebuild_instead_of_failing(
    client: FlaskClient, settings: Settings
) -> None:
    open_backend(settings.search_backend, settings.index_dir).close()  # before the portal does
    generation = Path(os.path.realpath(settings.index_dir / settings.search_backend))
    (generation / FORMAT_FILE).write_text("1\n")
    page = client.get("/search?q=公开")
    assert page.status_code == 503
    assert "nianbao reindex" in page.get_data(as_text=True)
    api = client.get("/api/v1/search?q=公开")
    assert api.status_code == 503
    assert api.get_json()["error"]["code"] == "index_needs_rebuild"
