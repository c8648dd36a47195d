"""Crawled text is shown as text: no script, no event handler, no javascript: link survives."""

from __future__ import annotations

import re

from flask.testing import FlaskClient

from portal.links import safe_http_url
from tests.portal.archive_factory import ArchiveIds


def test_crawled_markup_on_the_report_page_is_escaped(
    portal_client: FlaskClient, archive: ArchiveIds
) -> None:
    html = portal_client.get(f"/reports/{archive.hostile}").get_data(as_text=True)
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "<b>粗</b>" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_a_javascript_url_from_a_report_never_becomes_a_link(
    portal_client: FlaskClient, archive: ArchiveIds
) -> None:
    for url in (f"/reports/{archive.hostile}", "/search?q=恶意测试局", "/search.atom?q=恶意测试局"):
        body = portal_client.get(url).get_data(as_text=True)
        assert not re.search(r'href="\s*javascript:', body, re.I), url


def test_search_snippets_and_titles_escape_crawled_markup(portal_client: FlaskClient) -> None:
    html = portal_client.get("/search", query_string={"q": "图片"}).get_data(as_text=True)
    assert "<mark>图片</mark>" in html
    assert "<img src=x" not in html and "<script>alert" not in html
    html = portal_client.get("/search", query_string={"q": "恶意"}).get_data(as_text=True)
    assert "恶意&lt;script&gt;" in html


def test_every_page_sends_a_strict_content_security_policy(
    portal_client: FlaskClient, archive: ArchiveIds
) -> None:
    for url in (
        "/",
        "/search",
        f"/reports/{archive.hostile}",
        "/compare/years?agency=灵武市科学技术局",
    ):
        policy = portal_client.get(url).headers["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_pages_have_no_inline_scripts_or_event_handlers(
    portal_client: FlaskClient, archive: ArchiveIds
) -> None:
    urls = [
        "/",
        "/search?q=科学",
        f"/reports/{archive.lingwu[2022]}",
        "/compare/years?agency=灵武市科学技术局",
        f"/compare/agencies?ids={archive.lingwu[2022]}&ids={archive.education_2022}",
        "/league",
        "/export/",
        "/reports/999999",
    ]
    for url in urls:
        html = portal_client.get(url).get_data(as_text=True)
        for script in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in script or 'type="application/json"' in script, (url, script)
        handlers = _event_handler_attributes(html)
        assert not handlers, (url, handlers)


def _event_handler_attributes(html: str) -> list[tuple[str, str]]:
    """``(tag, attribute)`` of every ``on…`` attribute of an element (escaped text is text)."""
    from html.parser import HTMLParser

    found: list[tuple[str, str]] = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.extend((tag, name) for name, _value in attrs if name.lower().startswith("on"))

    Collector().feed(html)
    return found


def test_the_event_handler_check_sees_a_handler() -> None:
    assert _event_handler_attributes('<img src="x" onerror="alert(1)">') == [("img", "onerror")]
    assert _event_handler_attributes("<p>&lt;img onerror=alert(1)&gt;</p>") == []


def test_only_absolute_http_urls_are_safe() -> None:
    assert safe_http_url("https://www.gov.cn/a.html") == "https://www.gov.cn/a.html"
    assert safe_http_url("http://www.nx.gov.cn") == "http://www.nx.gov.cn"
    for bad in (
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "data:text/html,x",
        "//evil.example",
        "/relative",
        "vbscript:x",
        "https:///nohost",
        "java\nscript:alert(1)",
        None,
        "",
    ):
        assert safe_http_url(bad) is None, bad


def test_csv_cells_cannot_smuggle_spreadsheet_formulas() -> None:
    from portal.csv_export import csv_lines

    text = "".join(csv_lines(["a", "b"], [['=HYPERLINK("http://x")', 3]]))
    assert "'=HYPERLINK" in text and text.endswith(",3\r\n")
