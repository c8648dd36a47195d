"""Hostile inputs at the edges get a clear 4xx, never a 500."""

from __future__ import annotations

from flask.testing import FlaskClient

from index.query import MAX_NESTING, QuerySyntaxError, parse_query


def test_a_query_nested_hundreds_of_parentheses_deep_is_refused_clearly() -> None:
    query = "(" * 245 + "公开" + ")" * 245
    try:
        parse_query(query)
    except QuerySyntaxError as error:
        assert "嵌套过深" in str(error)
    else:  # pragma: no cover - the assertion below documents the failure
        raise AssertionError("a 245-deep query was accepted")


def test_nesting_within_the_limit_still_parses() -> None:
    depth = MAX_NESTING
    assert parse_query("(" * depth + "公开" + ")" * depth) is not None


def test_many_nots_in_a_row_do_not_recurse() -> None:
    assert parse_query("NOT " * 5000 + "公开") is not None


def test_deep_queries_and_huge_years_are_client_errors(client: FlaskClient) -> None:
    deep = "(" * 245 + "公开" + ")" * 245
    assert client.get("/search", query_string={"q": deep}).status_code < 500
    assert client.get("/api/v1/search", query_string={"q": deep}).status_code < 500
    assert client.get("/export/99999999999999999999999.csv").status_code == 404


def test_an_empty_result_has_no_empty_facet_box_and_a_long_query_is_not_the_heading(
    portal_client: FlaskClient,
) -> None:
    empty = portal_client.get("/search", query_string={"q": "这个短语在档案中不存在"})
    html = empty.get_data(as_text=True)
    assert "共 <strong>0</strong> 份报告" in html
    assert 'class="facets"' not in html
    long_query = "政" * 2000
    page = portal_client.get("/search", query_string={"q": long_query}).get_data(as_text=True)
    heading = page.split('<h1 class="page-title">')[1].split("</h1>")[0]
    assert len(heading) < 80 and long_query not in heading
