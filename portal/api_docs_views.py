"""A readable page about the JSON API, generated from the same OpenAPI document the API serves."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from portal.openapi import openapi_document

blueprint = Blueprint("api_docs", __name__)

#: Example calls shown on the page, one per documented path.
EXAMPLES: dict[str, str] = {
    "/search": "/api/v1/search?q=依申请公开&province=宁夏回族自治区&year=2022&year=2023&sort=year&page_size=10",
    "/reports/{id}": "/api/v1/reports/1",
    "/compare/years": "/api/v1/compare/years?agency=灵武市科学技术局&years=2021&years=2022",
    "/compare/agencies": "/api/v1/compare/agencies?ids=1&ids=2",
    "/facets/{field}": "/api/v1/facets/province?year=2022",
}


@blueprint.get("/api")
def show() -> str:
    """Describe the API's endpoints, parameters and errors, with example calls."""
    document = openapi_document(server_url=request.host_url.rstrip("/") + "/api/v1")
    endpoints = [
        {
            "path": path,
            "summary": operation["get"]["summary"],
            "parameters": operation["get"].get("parameters", []),
            "responses": operation["get"]["responses"],
            "example": EXAMPLES.get(path),
        }
        for path, operation in document["paths"].items()
    ]
    return render_template("api_docs.html", document=document, endpoints=endpoints)
