"""Every API response a test receives is checked against the OpenAPI document the app serves.

:class:`ContractCheckingClient` is the test client of every app the suite builds: each response
to a ``/api/v1/`` operation that the document describes is validated by schemathesis (status
code documented, content type, body against the response schema). So a field the API sends but
the document does not declare, or declares and does not send, fails the test that saw it.
"""

from __future__ import annotations

import gzip
import re
from functools import cache
from typing import Any

import schemathesis
from flask.testing import FlaskClient

from portal.openapi import openapi_document

API_PREFIX = "/api/v1"
#: Responses not described by the document (the document itself).
UNDESCRIBED = {f"{API_PREFIX}/openapi.json"}


@cache
def _schema() -> Any:
    return schemathesis.openapi.from_dict(openapi_document(API_PREFIX))


@cache
def _templates() -> list[tuple[re.Pattern[str], str]]:
    """``(regex of concrete paths, path template)`` for every documented path."""
    found = []
    for template in openapi_document(API_PREFIX)["paths"]:
        pattern = re.escape(template)
        pattern = re.sub(r"\\\{[^}]+\\\}", "[^/]+", pattern)
        found.append((re.compile(f"{re.escape(API_PREFIX)}{pattern}"), template))
    return found


def operation_for(method: str, path: str) -> Any | None:
    """The documented operation serving ``method path``, or ``None``."""
    for pattern, template in _templates():
        if pattern.fullmatch(path):
            try:
                return _schema()[template][method.upper()]
            except LookupError:  # the method is not documented for this path
                return None
    return None


def check_response(method: str, path: str, response: Any) -> None:
    """Raise when ``response`` to a documented operation disagrees with the document."""
    if not path.startswith(API_PREFIX + "/") or path in UNDESCRIBED:
        return
    operation = operation_for(method, path)
    if operation is None or response.status_code == 405:
        return
    try:
        operation.validate_response(_decoded(response))
    except Exception as error:  # schemathesis raises a group of check failures
        raise AssertionError(
            f"{method} {path} → {response.status_code} disagrees with the served OpenAPI "
            f"document: {error}"
        ) from error


def _decoded(response: Any) -> Any:
    """The response as the client reads it: a gzip-compressed body decompressed (a copy)."""
    if response.headers.get("Content-Encoding") != "gzip":
        return response
    return response.__class__(
        gzip.decompress(response.get_data()),
        status=response.status,
        headers=[
            (k, v) for k, v in response.headers if k not in ("Content-Encoding", "Content-Length")
        ],
        request=response.request,
    )


class ContractCheckingClient(FlaskClient):
    """Flask's test client, checking every API response against the OpenAPI document."""

    def open(self, *args: Any, **kwargs: Any) -> Any:
        response = super().open(*args, **kwargs)
        request = response.request
        check_response(request.method, request.path, response)
        return response
