"""The JSON API under /api/v1 and its OpenAPI document."""

from __future__ import annotations

from flask.testing import FlaskClient

from index.backend import FACET_FIELDS
from tests.portal.archive_factory import ArchiveIds


def _error(client: FlaskClient, url: str, status: int) -> dict:
    response = client.get(url)
    assert response.status_code == status, (url, response.get_data(as_text=True))
    body = response.get_json()
    assert set(body["error"]) == {"code", "message"}
    return body["error"]


def test_api_search_filters_by_field_name_and_pages(portal_client: FlaskClient) -> None:
    data = portal_client.get(
        "/api/v1/search?province=宁夏回族自治区&year=2022&page_size=2&sort=year"
    ).get_json()
    assert data["total"] == 3
    assert len(data["hits"]) == 2
    assert all(hit["province"] == "宁夏回族自治区" and hit["year"] == 2022 for hit in data["hits"])
    assert data["hits"][0]["links"]["html"].startswith("/reports/")


def test_api_search_speaks_nianbao_query_language(portal_client: FlaskClient) -> None:
    data = portal_client.get("/api/v1/search", query_string={"q": "agency:教育局"}).get_json()
    assert [hit["agency"] for hit in data["hits"]] == ["灵武市教育局"]


def test_api_search_can_limit_facets(portal_client: FlaskClient) -> None:
    data = portal_client.get("/api/v1/search?facets=year,level").get_json()
    assert set(data["facets"]) == {"year", "level"}


def test_api_search_rejects_bad_input_with_json_errors(portal_client: FlaskClient) -> None:
    assert _error(portal_client, "/api/v1/search?color=red", 400)["code"] == "unknown_filter"
    assert _error(portal_client, "/api/v1/search?q=(", 400)["code"] == "malformed_query"
    assert _error(portal_client, "/api/v1/search?page=0", 400)["code"] == "invalid_page"
    assert _error(portal_client, "/api/v1/search?page_size=101", 400)["code"] == "invalid_page_size"
    assert _error(portal_client, "/api/v1/search?facets=color", 400)["code"] == "unknown_facet"
    assert _error(portal_client, "/api/v1/search?year=2022a", 400)["code"] == "invalid_filter_value"


def test_api_page_beyond_the_results_is_empty_with_the_total(portal_client: FlaskClient) -> None:
    data = portal_client.get("/api/v1/search?page=10000").get_json()
    assert data["hits"] == [] and data["total"] == 10 and data["page"] == 10000


def test_api_report_and_unknown_ids(portal_client: FlaskClient, archive: ArchiveIds) -> None:
    data = portal_client.get(f"/api/v1/reports/{archive.lingwu[2023]}").get_json()
    assert data["year"] == 2023 and data["tables"]["applications"]["new"]["total"] == 20
    assert len(data["versions"]) == 1
    assert _error(portal_client, "/api/v1/reports/999999", 404)["code"] == "not_found"
    assert _error(portal_client, "/api/v1/reports/abc", 404)["code"] == "not_found"
    assert _error(portal_client, "/api/v1/no-such-endpoint", 404)["code"] == "not_found"


def test_api_compare_years(portal_client: FlaskClient) -> None:
    data = portal_client.get(
        "/api/v1/compare/years?agency=灵武市科学技术局&years=2022,2023"
    ).get_json()
    assert data["years"] == [2022, 2023]
    cell = next(c for c in data["cells"] if c["cell"] == "applications.new.total")
    assert cell["values"] == [12, 20] and cell["changes"] == [None, 8]
    assert data["series"]["years"] == [2021, 2022, 2023]
    assert data["reports"][1]["figures"]["applications"] == 20
    assert _error(portal_client, "/api/v1/compare/years", 400)["code"] == "missing_agency"
    assert (
        _error(portal_client, "/api/v1/compare/years?agency=无此机关", 404)["code"] == "not_found"
    )
    assert (
        _error(portal_client, "/api/v1/compare/years?agency=灵武市科学技术局&years=1999", 404)[
            "code"
        ]
        == "not_found"
    )
    assert (
        _error(portal_client, "/api/v1/compare/years?agency=灵武市科学技术局&years=x", 400)["code"]
        == "invalid_year"
    )


def test_api_compare_agencies(portal_client: FlaskClient, archive: ArchiveIds) -> None:
    data = portal_client.get(
        f"/api/v1/compare/agencies?ids={archive.lingwu[2022]}&ids={archive.education_2022}"
    ).get_json()
    assert [r["agency"] for r in data["reports"]] == ["灵武市科学技术局", "灵武市教育局"]
    assert data["reports"][1]["figures"]["review_correction_rate"] is None
    assert _error(portal_client, "/api/v1/compare/agencies", 400)["code"] == "missing_ids"
    assert (
        _error(portal_client, "/api/v1/compare/agencies?ids=1,999999", 404)["code"] == "not_found"
    )
    assert _error(portal_client, "/api/v1/compare/agencies?ids=-1", 400)["code"] == "invalid_id"


def test_api_facet_values(portal_client: FlaskClient) -> None:
    data = portal_client.get("/api/v1/facets/year").get_json()
    counts = {v["value"]: v["count"] for v in data["values"]}
    assert counts["2022"] == 3 and counts["2021"] == 2
    filtered = portal_client.get("/api/v1/facets/city?province=内蒙古自治区").get_json()
    assert [v["value"] for v in filtered["values"]] == ["巴彦淖尔市"]
    assert _error(portal_client, "/api/v1/facets/colour", 404)["code"] == "unknown_facet"
    assert _error(portal_client, "/api/v1/facets/year?bogus=1", 400)["code"] == "unknown_filter"


def test_openapi_document_describes_every_endpoint(portal_client: FlaskClient) -> None:
    document = portal_client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) == {
        "/search",
        "/reports/{id}",
        "/compare/years",
        "/compare/agencies",
        "/facets/{field}",
        "/totals",
        "/figures",
        "/stats",
    }
    search_parameters = {p["name"] for p in document["paths"]["/search"]["get"]["parameters"]}
    assert set(FACET_FIELDS) <= search_parameters
    assert {"q", "sort", "page", "page_size", "facets", "cond"} <= search_parameters
    # Every documented path answers.
    for path in document["paths"]:
        url = "/api/v1" + path.replace("{id}", "1").replace("{field}", "year")
        if path == "/compare/years":
            url += "?agency=灵武市科学技术局"
        if path == "/compare/agencies":
            url += "?ids=1,2"
        assert portal_client.get(url).status_code == 200, url


def test_the_api_page_describes_every_endpoint_for_people(portal_client: FlaskClient) -> None:
    html = portal_client.get("/api").get_data(as_text=True)
    for path in (
        "/search",
        "/reports/{id}",
        "/compare/years",
        "/compare/agencies",
        "/facets/{field}",
    ):
        assert f"<code>GET /api/v1{path}</code>" in html
    assert 'href="/api/v1/openapi.json"' in html


def test_ids_too_large_for_the_database_are_4xx_not_500(portal_client: FlaskClient) -> None:
    huge = "9" * 25
    assert _error(portal_client, f"/api/v1/reports/{huge}", 404)["code"] == "not_found"
    assert (
        _error(portal_client, f"/api/v1/compare/agencies?ids={huge}", 400)["code"] == "invalid_id"
    )
    assert portal_client.get(f"/reports/{huge}").status_code == 404
    assert portal_client.get(f"/reports/{huge}.json").status_code == 404
    assert portal_client.get(f"/compare/agencies?ids={huge}&ids=1").status_code == 400
    assert portal_client.get(f"/search?page={huge}").status_code == 200


def test_the_api_docs_page_shows_code_not_backticks_and_links_nothing_private(
    portal_client: FlaskClient,
) -> None:
    html = portal_client.get("/api").get_data(as_text=True)
    assert "`" not in html
    assert "<code>province</code>" in html
    assert "REPORT_SCHEMA.md" not in html
