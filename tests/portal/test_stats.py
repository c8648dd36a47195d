"""/stats: the national picture, each count linked to its reports, as page, CSV and JSON."""

from __future__ import annotations

import csv
import io

from flask.testing import FlaskClient


def _reports(client: FlaskClient, **filters: str) -> list[dict]:
    query = "&".join(f"{k}={v}" for k, v in filters.items())
    hits = client.get(f"/search.json?page_size=100&{query}").get_json()["hits"]
    return [client.get(f"/api/v1/reports/{h['id']}").get_json() for h in hits]


def test_the_yearly_counts_equal_the_reports_of_each_year(portal_client: FlaskClient) -> None:
    data = portal_client.get("/api/v1/stats").get_json()
    assert data["by_year"], "the test archive has reports"
    for row in data["by_year"]:
        reports = _reports(portal_client, year=str(row["year"]))
        assert row["reports"] == len(reports)
        failing = [r for r in reports if r["consistency_status"] == "fail"]
        checked = [r for r in reports if r["consistency_status"] in ("pass", "fail")]
        assert (row["arithmetic_errors"], row["checked"]) == (len(failing), len(checked))
        on_time = [
            r
            for r in reports
            for f in r["findings"]
            if f["rule"] == "timeliness" and f["status"] == "pass"
        ]
        assert row["on_time"] == len(on_time)


def test_the_province_and_level_rows_add_up_to_the_year(portal_client: FlaskClient) -> None:
    data = portal_client.get("/api/v1/stats").get_json()
    year = data["year"]
    national = next(r for r in data["by_year"] if r["year"] == year)
    assert sum(r["reports"] for r in data["by_level"]) <= national["reports"]
    assert sum(r["reports"] for r in data["by_province"]) <= national["reports"]
    assert data["by_province"], "the latest year has reports with a province"


def test_the_stats_page_links_each_count_to_its_reports(portal_client: FlaskClient) -> None:
    data = portal_client.get("/api/v1/stats").get_json()
    html = portal_client.get("/stats").get_data(as_text=True)
    assert (
        "全国概况" in html
        and "按时发布率" in html
        and 'data-chart-source="stats-chart-data"' in html
    )
    year = data["by_year"][0]["year"]
    assert f"/search?year={year}&amp;consistency=fail" in html
    assert f"/search?year={year}&amp;timeliness=fail" in html
    # The late count links to exactly the late reports of that year.
    late = portal_client.get(f"/search.json?year={year}&timeliness=fail&page_size=100")
    assert len(late.get_json()["hits"]) == data["by_year"][0]["late"]
    assert portal_client.get("/stats?year=abc").status_code == 400


def test_the_stats_csv_has_national_province_and_level_rows(portal_client: FlaskClient) -> None:
    body = portal_client.get("/stats.csv").get_data().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert {r["dimension"] for r in rows} == {"national", "province", "level"}
    assert {"on_time_rate", "arithmetic_error_rate", "review_correction_rate"} <= set(rows[0])


def test_a_province_row_opens_its_region_page(portal_client: FlaskClient) -> None:
    data = portal_client.get("/api/v1/stats").get_json()
    html = portal_client.get("/stats").get_data(as_text=True)
    assert any(row["province"] == "宁夏回族自治区" for row in data["by_province"])
    assert f"/regions/64?year={data['year']}" in html
    region = portal_client.get(f"/regions/64?year={data['year']}").get_data(as_text=True)
    assert "宁夏回族自治区" in region and "下辖地区" in region


def test_the_median_similarity_is_that_of_the_reports_compared_with_their_previous_year(
    portal_client: FlaskClient,
) -> None:
    from portal.stats import previous_year_similarity

    data = portal_client.get("/api/v1/stats").get_json()
    assert any(row["similarity_compared"] for row in data["by_year"])
    for row in data["by_year"]:
        reports = _reports(portal_client, year=str(row["year"]))
        scores = sorted(
            s for r in reports if (s := previous_year_similarity(r["findings"])) is not None
        )
        assert row["similarity_compared"] == len(scores)
        if scores:
            middle = scores[(len(scores) - 1) // 2]
            assert abs(row["median_similarity"] - round(middle * 100) / 100) <= 0.01
        else:
            assert row["median_similarity"] is None
        for key in ("grant_rate", "denial_rate", "litigation_correction_rate"):
            assert key in row["rates"]


def test_previous_year_similarity_reads_the_judged_sections_of_the_copying_finding() -> None:
    from portal.stats import previous_year_similarity

    finding = {
        "rule": "copying.previous_year",
        "evidence": {"sections": {"1": 0.42, "2": 0.99, "5": 0.9}},
    }
    assert previous_year_similarity([finding]) == 0.9  # section 2 is not judged
    unknown = {"rule": "copying.previous_year", "status": "unknown", "evidence": {}}
    assert previous_year_similarity([unknown]) is None
    assert previous_year_similarity([]) is None
