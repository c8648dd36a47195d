"""CSV, JSON, Atom and the yearly bulk downloads."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

from flask.testing import FlaskClient

from parsers.model import TAG_FIELDS
from tests.portal.archive_factory import ArchiveIds

ATOM = "{http://www.w3.org/2005/Atom}"


def _csv_rows(body: bytes) -> list[list[str]]:
    assert body.startswith("\ufeff".encode()), "Excel needs the UTF-8 byte-order mark"
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_search_csv_has_tag_columns_figures_and_consistency_for_every_result(
    portal_client: FlaskClient,
) -> None:
    response = portal_client.get("/search.csv?province=宁夏回族自治区")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = _csv_rows(response.get_data())
    header = rows[0]
    assert header[: len(TAG_FIELDS) + 3] == ["id", *TAG_FIELDS, "url", "consistency_status"]
    assert {"applications", "reviews_corrected", "disclosure_rate"} <= set(header)
    total = portal_client.get("/search.json?province=宁夏回族自治区").get_json()["total"]
    assert len(rows) - 1 == total
    assert all(row[header.index("province")] == "宁夏回族自治区" for row in rows[1:])
    assert any(row[header.index("applications")] not in ("", "0") for row in rows[1:])
    assert {row[header.index("consistency_status")] for row in rows[1:]} <= {
        "pass",
        "fail",
        "unchecked",
        "not_assessable",
        "doubtful",
    }


def test_search_by_numeric_condition_as_query_or_cond_argument(
    portal_client: FlaskClient,
) -> None:
    everything = portal_client.get("/search.json?page_size=100").get_json()["hits"]
    expected = {h["id"] for h in everything if (h["figures"].get("applications") or 0) >= 10}
    assert expected and len(expected) < len(everything)
    by_query = portal_client.get("/search.json?q=新收申请>=10&page_size=100").get_json()
    by_cond = portal_client.get("/search.json?cond=新收申请>=10&page_size=100").get_json()
    assert {h["id"] for h in by_query["hits"]} == expected
    assert {h["id"] for h in by_cond["hits"]} == expected and by_cond["conditions"] == [
        "新收申请>=10"
    ]
    bad = portal_client.get("/search.json?cond=新收申请")
    assert bad.status_code == 400 and "数值条件" in bad.get_json()["error"]["message"]
    unknown = portal_client.get("/search.json?q=复议纠错>0")
    assert unknown.status_code == 400 and "复议纠错率" in unknown.get_json()["error"]["message"]


def test_search_sorts_by_a_figure(portal_client: FlaskClient) -> None:
    hits = portal_client.get("/search.json?sort=figure:applications&page_size=100").get_json()[
        "hits"
    ]
    values = [h["figures"]["applications"] for h in hits if "applications" in h["figures"]]
    assert len(values) >= 2 and values == sorted(values, reverse=True)
    assert portal_client.get("/search.json?sort=figure:nothing").status_code == 400


def test_field_values_in_chinese_mean_the_same_as_in_english(portal_client: FlaskClient) -> None:
    def ids(url: str) -> set[int]:
        return {h["id"] for h in portal_client.get(url).get_json()["hits"]}

    county = ids("/search.json?q=level:county&page_size=100")
    assert county
    assert ids("/search.json?q=level:县级&page_size=100") == county
    assert ids("/search.json?q=层级:县级&page_size=100") == county
    assert ids("/search.json?level=县级&page_size=100") == county
    assert portal_client.get("/search.json?q=level:镇长").status_code == 400


def test_search_json_has_hits_total_and_facets(portal_client: FlaskClient) -> None:
    data = portal_client.get("/search.json?q=科学技术局&year=2022").get_json()
    assert data["total"] >= 1
    assert data["filters"] == {"year": ["2022"]}
    assert {"id", "title", "agency", "year", "snippet_html"} <= set(data["hits"][0])
    assert "province" in data["facets"]


def test_search_exports_answer_bad_input_with_400(portal_client: FlaskClient) -> None:
    assert portal_client.get("/search.csv?q=(").status_code == 400
    response = portal_client.get("/search.json?q=(")
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "malformed_query"
    assert portal_client.get("/search.atom?year=abc").status_code == 400


def test_atom_feed_lists_new_reports_of_a_region(
    portal_client: FlaskClient, archive: ArchiveIds
) -> None:
    response = portal_client.get("/search.atom?province=宁夏回族自治区")
    assert response.mimetype == "application/atom+xml"
    feed = ET.fromstring(response.get_data())
    assert "宁夏回族自治区" in feed.findtext(f"{ATOM}title", "")
    entries = feed.findall(f"{ATOM}entry")
    total = portal_client.get("/search.json?province=宁夏回族自治区").get_json()["total"]
    assert len(entries) == total
    ids = {entry.findtext(f"{ATOM}id") for entry in entries}
    assert f"http://localhost/reports/{archive.lingwu[2022]}" in ids
    assert f"http://localhost/reports/{archive.seeds['巴彦淖尔市科学技术局']}" not in ids


def test_yearly_jsonl_download_streams_every_report_of_the_year(
    portal_client: FlaskClient, archive: ArchiveIds
) -> None:
    response = portal_client.get("/export/2022.jsonl")
    assert response.is_streamed
    lines = [json.loads(line) for line in response.get_data(as_text=True).splitlines()]
    assert sorted(line["id"] for line in lines) == sorted(
        [archive.lingwu[2022], archive.education_2022, archive.hostile]
    )
    assert all(line["year"] == 2022 for line in lines)
    assert {"sections", "tables", "checks", "text"} <= set(lines[0])


def test_yearly_csv_download_has_tags_and_figures(
    portal_client: FlaskClient, archive: ArchiveIds
) -> None:
    response = portal_client.get("/export/2022.csv")
    assert response.is_streamed
    rows = _csv_rows(response.get_data())
    assert rows[0][: len(TAG_FIELDS) + 2] == ["id", *TAG_FIELDS, "url"]
    assert "disclosure_rate" in rows[0]
    by_id = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert by_id[str(archive.lingwu[2022])]["applications"] == "12"


def test_a_year_without_reports_is_404(portal_client: FlaskClient) -> None:
    assert portal_client.get("/export/1990.jsonl").status_code == 404
    assert portal_client.get("/export/1990.csv").status_code == 404
    assert "2022" in portal_client.get("/export/").get_data(as_text=True)


def test_a_control_character_in_the_query_leaves_the_atom_feed_valid_xml(
    portal_client: FlaskClient, archive: ArchiveIds
) -> None:
    response = portal_client.get("/search.atom?q=%E7%A7%91%E5%AD%A6%01%0B")
    assert response.status_code == 200
    feed = ET.fromstring(response.get_data())  # raises on invalid XML
    assert "科学" in feed.findtext(f"{ATOM}title", "")
    assert "\x01" not in response.get_data(as_text=True)
