"""The served OpenAPI document holds: generated requests get no server error and no schema violation.

Schemathesis reads ``/api/v1/openapi.json`` from the app over the test archive and sends each
operation a bounded number of generated requests (valid and edge-case parameters), checking
status codes, content types and response bodies against the document. (Its pytest plugin does
not run on this pytest version, so the operations are driven through its Python API.)
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.portal.archive_factory import ArchiveIds

#: Generated requests per operation: bounded so the suite stays fast.
EXAMPLES_PER_OPERATION = int(os.environ.get("NIANBAO_SCHEMATHESIS_EXAMPLES", "40"))
#: Operations whose ``q`` is a query language: a string the schema allows may still be a
#: malformed query (an unclosed parenthesis), answered 400 by design, not a schema gap.
QUERY_LANGUAGE_OPERATIONS = {"GET /search", "GET /facets/{field}"}


def _operations(app: Flask) -> dict[str, object]:
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = {}
    for result in schema.get_all_operations():
        operation = result.ok()
        operations[f"{operation.method.upper()} {operation.path}"] = operation
    return operations


def test_the_document_lists_every_public_api_operation(
    archive_app: tuple[Flask, ArchiveIds],
) -> None:
    assert set(_operations(archive_app[0])) >= {
        "GET /search",
        "GET /reports/{id}",
        "GET /compare/years",
        "GET /compare/agencies",
        "GET /facets/{field}",
    }


@pytest.mark.parametrize(
    "name",
    ["GET /search", "GET /reports/{id}", "GET /compare/years", "GET /compare/agencies",
     "GET /facets/{field}"],
)  # fmt: skip
def test_generated_requests_get_no_server_error_and_match_the_document(
    archive_app: tuple[Flask, ArchiveIds], name: str
) -> None:
    operation = _operations(archive_app[0])[name]
    seen: list[int] = []

    @given(operation.as_strategy())  # type: ignore[attr-defined]
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
        derandomize=os.environ.get("NIANBAO_SCHEMATHESIS_EXAMPLES") is None,
    )
    def check(case) -> None:  # type: ignore[no-untyped-def]
        excluded = [positive_data_acceptance] if name in QUERY_LANGUAGE_OPERATIONS else []
        # Uncompressed: schemathesis reads a WSGI response body as it is (compression has its
        # own test, tests/portal/test_compression.py).
        response = case.call_and_validate(
            excluded_checks=excluded, headers={"Accept-Encoding": "identity"}
        )
        seen.append(response.status_code)

    check()
    assert seen and all(status < 500 for status in seen)
