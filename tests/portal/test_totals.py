"""Totals of a search: the page, its CSV and JSON, the API; sums equal those of the reports."""

from __future__ import annotations

import csv
import io

from flask.testing import FlaskClient


def _all_hits(client: FlaskClient, query: str = "") -> list[dict]:
    return client.get(f"/search.json?page_size=100&q={query}").get_json()["hits"]


def test_the_totals_of_a_search_are_the_sums_of_its_reports(portal_client: FlaskClient) -> None:
    hits = _all_hits(portal_client)
    data = portal_client.get("/totals.json").get_json()
    whole = data["groups"][0]
    assert whole["group"] is None and whole["reports"] == len(hits)
    applications = [h["figures"]["applications"] for h in hits if "applications" in h["figures"]]
    assert applications, "the test archive has reports with tables"
    assert whole["totals"]["applications"] == sum(applications)
    assert whole["known"]["applications"] == len(applications)
    rate = next(f for f in data["figures"] if f["key"] == "disclosure_rate")
    assert rate["formula"] and "办理结果总计" in rate["formula"]
    granted, partial = whole["totals"].get("granted", 0), whole["totals"].get("partial", 0)
    if whole["totals"].get("results_total"):
        expected = round((granted + partial) / whole["totals"]["results_total"], 4)
        assert whole["rates"]["disclosure_rate"] == expected


def test_totals_by_province_add_up_to_the_whole(portal_client: FlaskClient) -> None:
    data = portal_client.get("/totals.json?by=province").get_json()
    whole, groups = data["groups"][0], data["groups"][1:]
    assert data["by"] == "province" and len(groups) >= 2
    assert sum(g["reports"] for g in groups) == whole["reports"]
    assert (
        sum(g["totals"].get("applications", 0) for g in groups) == whole["totals"]["applications"]
    )


def test_totals_follow_the_search_conditions(portal_client: FlaskClient) -> None:
    hits = _all_hits(portal_client, "新收申请>=10")
    data = portal_client.get("/totals.json?cond=新收申请>=10").get_json()
    assert data["groups"][0]["reports"] == len(hits) > 0
    assert data["groups"][0]["totals"]["applications"] == sum(
        h["figures"]["applications"] for h in hits
    )


def test_the_totals_page_shows_a_table_with_formulas_and_downloads(
    portal_client: FlaskClient,
) -> None:
    html = portal_client.get("/totals?by=level").get_data(as_text=True)
    assert "合计与比率" in html and "按层级" in html and "县级" in html
    assert "（予以公开＋部分公开）÷ 办理结果总计" in html
    assert "/totals.csv?by=level" in html
    search = portal_client.get("/search?q=科学技术局").get_data(as_text=True)
    assert "/totals?q=" in search


def test_the_totals_csv_has_one_line_per_group_and_the_whole_first(
    portal_client: FlaskClient,
) -> None:
    body = portal_client.get("/totals.csv?by=year").get_data().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert rows[0]["group"] == "合计"
    assert {"applications", "applications_reports", "disclosure_rate"} <= set(rows[0])
    assert sum(int(r["reports"]) for r in rows[1:]) == int(rows[0]["reports"])


def test_bad_totals_arguments_are_refused(portal_client: FlaskClient) -> None:
    assert portal_client.get("/totals?by=title").status_code == 400
    assert portal_client.get("/totals.json?cond=新收").status_code == 400
    api = portal_client.get("/api/v1/totals?by=nothing")
    assert api.status_code == 400 and api.get_json()["error"]["message"]


def test_the_api_lists_every_figure_with_its_label_and_formula(
    portal_client: FlaskClient,
) -> None:
    figures = portal_client.get("/api/v1/figures").get_json()["figures"]
    by_key = {f["key"]: f for f in figures}
    assert by_key["reviews_corrected"]["label"] == "复议纠正"
    assert by_key["review_correction_rate"]["kind"] == "rate"
    assert by_key["applications.granted.natural_person"]["kind"] == "cell"
    api = portal_client.get("/api/v1/totals?by=province").get_json()
    assert api["by"] == "province" and api["groups"][0]["reports"] >= 1
