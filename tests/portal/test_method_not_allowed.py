"""A 405 says which methods the URL accepts (``Allow``), in the page's or the API's format."""

from __future__ import annotations

from flask.testing import FlaskClient


def test_a_405_carries_allow(client: FlaskClient) -> None:
    page = client.post("/search")
    assert page.status_code == 405
    assert "GET" in page.headers["Allow"]
    api = client.delete("/api/v1/search")
    assert api.status_code == 405
    assert "GET" in api.headers["Allow"]
    assert api.get_json()["error"]["code"] == "method_not_allowed"
