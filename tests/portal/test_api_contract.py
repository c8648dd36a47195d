"""Every API response in the suite is checked against the served document, and drift fails.

The response schemas are generated from the typed models of ``portal.api_models``, which forbid
undeclared fields and require every declared one (``tests/api_contract.py`` does the checking).
"""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from portal import api
from portal.api_models import component_schemas
from tests.portal.archive_factory import ArchiveIds


def test_report_and_hit_schemas_come_from_the_report_declaration() -> None:
    from parsers.model import TAG_FIELDS

    schemas = component_schemas()
    for name in ("Tags", "Report"):
        assert set(TAG_FIELDS) <= set(schemas[name]["properties"]), name
        assert schemas[name]["additionalProperties"] is False
    assert set(schemas["Report"]["required"]) == set(schemas["Report"]["properties"])
    hit = schemas["Hit"]["properties"]
    assert "consistency_status" in hit and "consistency" not in hit
    assert set(schemas["Tags"]["properties"]["level"]["anyOf"][0]["enum"]) == {
        "central", "province", "city", "county", "township",
    }  # fmt: skip


@pytest.mark.parametrize(
    "change",
    [
        lambda document: {**document, "undeclared_field": 1},
        lambda document: {key: value for key, value in document.items() if key != "agency"},
        lambda document: {**document, "year": "二〇二三"},
    ],
    ids=["extra field", "missing field", "wrong type"],
)
def test_a_response_that_drifts_from_the_document_fails_the_test_that_sees_it(
    archive_app: tuple[Flask, ArchiveIds],
    monkeypatch: pytest.MonkeyPatch,
    change: Any,
) -> None:
    app, archive = archive_app
    original = api.report_document
    monkeypatch.setattr(api, "report_document", lambda report: change(original(report)))
    report_id = next(iter(archive.seeds.values()))
    with pytest.raises(AssertionError, match="disagrees with the served OpenAPI document"):
        app.test_client().get(f"/api/v1/reports/{report_id}")


def test_undocumented_responses_are_not_checked(archive_app: tuple[Flask, ArchiveIds]) -> None:
    response = archive_app[0].test_client().get("/api/v1/openapi.json")
    assert response.status_code == 200 and response.json["openapi"] == "3.1.0"
