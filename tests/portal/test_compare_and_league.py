"""Comparison of years and agencies, and league tables."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from flask.testing import FlaskClient

from tests.portal.archive_factory import ArchiveIds

YEARS_URL = "/compare/years?agency=灵武市科学技术局&years=2021&years=2022&years=2023"


def test_year_comparison_aligns_sections_and_highlights_text_changes(
    portal_client: FlaskClient,
) -> None:
    html = portal_client.get(YEARS_URL).get_data(as_text=True)
    assert "2021年 → 2022年" in html and "2022年 → 2023年" in html
    assert "<ins>2022年共收到政府信息公开申请12件。</ins>" in html


def test_year_comparison_shows_every_table_cell_with_its_change(portal_client: FlaskClient) -> None:
    html = portal_client.get(YEARS_URL).get_data(as_text=True)
    row = re.search(
        r'<tr class="row-changed">\s*<th scope="row">一、本年新收政府信息公开申请数量 · 总计</th>(.*?)</tr>',
        html,
        re.S,
    )
    assert row is not None
    cells = re.findall(
        r'data-cell="applications.new.total">\s*(\S+)\s*(?:<span class="delta delta-(\w+)">Δ ([^<]+)</span>)?',
        row.group(1),
    )
    assert cells == [("0", "", ""), ("12", "up", "+12"), ("20", "up", "+8")]


def test_year_comparison_can_show_only_changed_cells(portal_client: FlaskClient) -> None:
    everything = portal_client.get(YEARS_URL).get_data(as_text=True)
    changed = portal_client.get(YEARS_URL + "&changes=only").get_data(as_text=True)
    assert changed.count("<tr") < everything.count("<tr")
    assert "applications.denied_state_secret.total" not in changed


def test_year_comparison_has_chart_data_and_the_same_numbers_as_a_table(
    portal_client: FlaskClient,
) -> None:
    html = portal_client.get(YEARS_URL).get_data(as_text=True)
    block = re.search(
        r'<script type="application/json" id="figures-chart-data">(.*?)</script>', html, re.S
    )
    assert block is not None
    data = json.loads(block.group(1))
    assert data["years"] == [2021, 2022, 2023]
    applications = next(s for s in data["series"] if s["key"] == "applications")
    assert applications["values"] == [0, 12, 20]
    assert 'id="figures-by-year"' in html
    assert "/static/vendor/chartjs/chart.umd.min.js" in html


def test_year_comparison_defaults_to_the_last_two_years(portal_client: FlaskClient) -> None:
    html = portal_client.get("/compare/years?agency=灵武市科学技术局").get_data(as_text=True)
    assert "2022年 → 2023年" in html and "2021年 → 2022年" not in html


def test_year_comparison_bad_input_gets_helpful_4xx(portal_client: FlaskClient) -> None:
    assert portal_client.get("/compare/years").status_code == 400
    assert portal_client.get("/compare/years?agency=不存在的机关").status_code == 404
    missing = portal_client.get("/compare/years?agency=灵武市科学技术局&years=2021&years=2030")
    assert missing.status_code == 404 and "2030" in missing.get_data(as_text=True)
    assert portal_client.get("/compare/years?agency=灵武市科学技术局&years=abc").status_code == 400
    single = portal_client.get("/compare/years?agency=灵武市科学技术局&years=2021")
    assert single.status_code == 400 and "至少选择两个年度" in single.get_data(as_text=True)


def test_agency_comparison_shows_key_figures_side_by_side(
    portal_client: FlaskClient, archive: ArchiveIds
) -> None:
    html = portal_client.get(
        f"/compare/agencies?ids={archive.lingwu[2022]}&ids={archive.education_2022}"
    ).get_data(as_text=True)
    assert "灵武市科学技术局 2022" in html and "灵武市教育局 2022" in html
    row = re.search(r"<th scope=\"row\">实质公开率</th>(.*?)</tr>", html, re.S)
    assert row is not None
    assert re.findall(r'<td class="num">([^<]+)</td>', row.group(1)) == ["83.3%", "80.0%"]
    correction = re.search(r"<th scope=\"row\">复议纠错率</th>(.*?)</tr>", html, re.S)
    assert correction is not None
    assert re.findall(r'<td class="num">([^<]+)</td>', correction.group(1)) == [
        "33.3%",
        "—",
    ]  # 0 reviews → "—"


def test_agency_comparison_bad_input(portal_client: FlaskClient, archive: ArchiveIds) -> None:
    assert portal_client.get("/compare/agencies").status_code == 400
    assert portal_client.get(f"/compare/agencies?ids={archive.lingwu[2022]}").status_code == 400
    assert portal_client.get("/compare/agencies?ids=x&ids=2").status_code == 400
    missing = portal_client.get(f"/compare/agencies?ids={archive.lingwu[2022]}&ids=999999")
    assert missing.status_code == 404 and "999999" in missing.get_data(as_text=True)


def test_league_table_ranks_agencies_by_any_figure(
    portal_client: FlaskClient, archive: ArchiveIds
) -> None:
    html = portal_client.get(
        "/league?province=宁夏回族自治区&year=2022&sort=applications"
    ).get_data(as_text=True)
    order = re.findall(r'<th scope="row"><a href="/reports/(\d+)">', html)
    assert order[:2] == [str(archive.education_2022), str(archive.lingwu[2022])]
    html = portal_client.get(
        "/league?province=宁夏回族自治区&year=2022&sort=disclosure_rate"
    ).get_data(as_text=True)
    order = re.findall(r'<th scope="row"><a href="/reports/(\d+)">', html)
    assert order[:2] == [str(archive.lingwu[2022]), str(archive.education_2022)]
    assert 'aria-sort="descending"' in html


def test_league_table_ascending_order_and_missing_values_last(
    portal_client: FlaskClient, archive: ArchiveIds
) -> None:
    html = portal_client.get("/league?year=2022&sort=applications&order=asc").get_data(as_text=True)
    order = re.findall(r'<th scope="row"><a href="/reports/(\d+)">', html)
    assert order == [str(archive.lingwu[2022]), str(archive.education_2022), str(archive.hostile)]


def test_league_csv_has_rates_with_empty_zero_denominators(
    portal_client: FlaskClient, archive: ArchiveIds
) -> None:
    body = portal_client.get("/league.csv?province=宁夏回族自治区&year=2022").get_data()
    assert body.startswith("\ufeff".encode())
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(body.decode("utf-8-sig")))}
    assert rows[str(archive.education_2022)]["review_correction_rate"] == ""
    assert float(rows[str(archive.lingwu[2022])]["disclosure_rate"]) == round(10 / 12, 4)


def test_league_bad_input(portal_client: FlaskClient) -> None:
    assert portal_client.get("/league?sort=nonsense").status_code == 400
    assert portal_client.get("/league?year=20x2").status_code == 400
    assert portal_client.get("/league?order=sideways").status_code == 400
    assert "这个地区和年度没有报告" in portal_client.get("/league?year=1999").get_data(as_text=True)


def test_league_json_has_the_same_ranking_as_the_page(
    portal_client: FlaskClient, archive: ArchiveIds
) -> None:
    data = portal_client.get(
        "/league.json?province=宁夏回族自治区&year=2022&sort=disclosure_rate"
    ).get_json()
    assert [row["id"] for row in data["rows"]] == [
        archive.lingwu[2022],
        archive.education_2022,
        archive.hostile,
    ]
    assert [row["rank"] for row in data["rows"]] == [1, 2, None]
    assert data["rows"][1]["figures"]["review_correction_rate"] is None
    response = portal_client.get("/league.json?sort=nonsense")
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "invalid_sort"


def test_league_table_drills_down_to_cities_and_counties(
    portal_client: FlaskClient, archive: ArchiveIds
) -> None:
    html = portal_client.get("/league?province=宁夏回族自治区&year=2022").get_data(as_text=True)
    assert '<option value="银川市">银川市</option>' in html
    html = portal_client.get(
        "/league?province=宁夏回族自治区&city=银川市&county=灵武市&year=2022"
    ).get_data(as_text=True)
    assert '<option value="灵武市" selected>灵武市</option>' in html
    assert f'href="/reports/{archive.education_2022}"' in html
    empty = portal_client.get("/league?province=宁夏回族自治区&city=吴忠市&year=2022").get_data(
        as_text=True
    )
    assert f'href="/reports/{archive.education_2022}"' not in empty


def test_a_city_outside_the_chosen_province_is_dropped(
    portal_client: FlaskClient, archive: ArchiveIds
) -> None:
    html = portal_client.get("/league?province=宁夏回族自治区&city=巴彦淖尔市&year=2022").get_data(
        as_text=True
    )
    assert f'href="/reports/{archive.lingwu[2022]}"' in html


def test_year_comparison_csv_has_value_and_change_per_year(portal_client: FlaskClient) -> None:
    body = portal_client.get(
        "/compare/years.csv?agency=灵武市科学技术局&years=2022&years=2023"
    ).get_data()
    assert body.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    new = next(row for row in rows if row["cell"] == "applications.new.total")
    assert (new["value_2022"], new["change_2022"], new["value_2023"], new["change_2023"]) == (
        "12",
        "",
        "20",
        "8",
    )
    assert portal_client.get("/compare/years.csv").status_code == 400
    assert portal_client.get("/compare/years.csv?agency=无此机关").status_code == 404


def test_agency_comparison_csv_lists_the_reports_with_figures(
    portal_client: FlaskClient, archive: ArchiveIds
) -> None:
    body = portal_client.get(
        f"/compare/agencies.csv?ids={archive.lingwu[2022]},{archive.education_2022}"
    ).get_data()
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert [row["agency"] for row in rows] == ["灵武市科学技术局", "灵武市教育局"]
    assert rows[1]["review_correction_rate"] == ""
    assert portal_client.get("/compare/agencies.csv").status_code == 400
    assert portal_client.get("/compare/agencies.csv?ids=999999").status_code == 404


def test_long_league_tables_show_the_top_rows_and_point_to_the_csv(
    portal_client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from portal import league_views

    monkeypatch.setattr(league_views, "LEAGUE_PAGE_ROWS", 1)
    html = portal_client.get("/league?province=宁夏回族自治区&year=2022").get_data(as_text=True)
    assert len(re.findall(r'<th scope="row"><a href="/reports/', html)) == 1
    assert "3 个机关，显示前 1 个" in html


def test_league_table_filters_by_level_and_agency_kind(
    portal_client: FlaskClient, archive: ArchiveIds
) -> None:
    everyone = portal_client.get("/league.json?province=宁夏回族自治区&year=2022").get_json()
    assert len(everyone["rows"]) >= 2
    kind = portal_client.get(
        "/league.json?province=宁夏回族自治区&year=2022&agency_kind=教育局"
    ).get_json()
    assert [row["id"] for row in kind["rows"]] == [archive.education_2022]
    assert kind["agency_kind"] == "教育局"
    county = portal_client.get("/league.json?year=2022&level=县级").get_json()
    assert county["level"] == "county" and county["rows"]
    ids = {row["id"] for row in county["rows"]}
    reports = {i: portal_client.get(f"/api/v1/reports/{i}").get_json() for i in ids}
    assert all(report["level"] == "county" for report in reports.values())
    html = portal_client.get("/league?year=2022&level=county").get_data(as_text=True)
    assert '<option value="county" selected>县级</option>' in html
    assert portal_client.get("/league?level=镇长").status_code == 400


def test_an_agency_comparison_narrows_to_one_kind_and_shows_the_current_formulas(
    portal_client: FlaskClient, archive: ArchiveIds
) -> None:
    ids = f"ids={archive.lingwu[2022]}&ids={archive.education_2022}"
    both = portal_client.get(f"/compare/agencies?{ids}").get_data(as_text=True)
    assert "灵武市科学技术局 2022" in both and "灵武市教育局 2022" in both
    assert '<option value="教育局">教育局</option>' in both
    assert "复议纠正 ÷（行政复议总计 − 尚未审结）" in both and "复议结果纠正 ÷ 复议总计" not in both
    narrowed = portal_client.get(f"/compare/agencies?{ids}&agency_kind=教育局").get_data(
        as_text=True
    )
    assert "灵武市教育局 2022" in narrowed and "灵武市科学技术局 2022" not in narrowed
    county = portal_client.get(f"/compare/agencies?{ids}&level=县级").get_data(as_text=True)
    assert "灵武市科学技术局 2022" in county
