"""Search links are built without one url_for per link, and are identical to url_for's."""

from __future__ import annotations

import pytest
from flask import Flask, url_for

from portal.search_params import SearchParams
from portal.search_views import _multi, search_link


@pytest.mark.parametrize(
    "params",
    [
        SearchParams(query='依申请公开 "以公开为常态、不公开为例外" R&D year:2019..2022 -NOT'),
        SearchParams(
            query="a b/c?d=e",
            filters={"province": ["宁夏回族自治区", "内蒙古自治区"], "year": ["2021"]},
            sort="year",
            page=3,
        ),
        SearchParams(query=""),
    ],
)
@pytest.mark.parametrize("endpoint", ["search.search", "search.export_csv"])
def test_search_link_equals_url_for(app: Flask, params: SearchParams, endpoint: str) -> None:
    with app.test_request_context("/"):
        expected = url_for(endpoint, **_multi(params.url_args(include_page=True)))
        assert search_link(params, endpoint) == expected
