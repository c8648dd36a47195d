"""Unicode digits (``²``, ``٣``) in numeric parameters are refused cleanly, never a 500."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient


@pytest.mark.parametrize(
    "url",
    [
        "/search?q=公开&year=²⁰²³",
        "/compare/years?agency=某局&years=2021&years=٢٠٢٢",
        "/compare/agencies?ids=1&ids=²",
        "/league?year=２０２２",
        "/search.json?year=²",
    ],
)
def test_unicode_digits_never_make_a_server_error(client: FlaskClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code < 500
