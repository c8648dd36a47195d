"""The report page, its JSON and CSV, and the differences between stored versions."""

from __future__ import annotations

import csv
import io

from flask.testing import FlaskClient

from tests.portal.archive_factory import ArchiveIds


def test_report_page_shows_tags_sections_tables_and_original_link(
    portal_client: FlaskClient, archive: ArchiveIds
) -> None:
    html = portal_client.get(f"/reports/{archive.lingwu[2022]}").get_data(as_text=True)
    assert "灵武市科学技术局" in html
    assert "宁夏回族自治区" in html and "银川市" in html
    assert "2021年版格式" in html
    assert 'href="https://www.example.gov.cn/reports/lingwu-2022.html"' in html
    assert html.count('class="report-section"') == 6
    assert "收到和处理政府信息公开申请情况" in html
    assert '<caption id="caption-reviews">' in html
    assert "83.3%" in html  # disclosure rate (8 + 2) / 12
    assert "33.3%" in html  # review correction rate 1 / 3


def test_failing_cells_are_highlighted_in_the_tables(
    portal_client: FlaskClient, archive: ArchiveIds
) -> None:
    html = portal_client.get(f"/reports/{archive.education_2022}").get_data(as_text=True)
    assert 'class="num cell-failing" data-cell="applications.new.total"' in html
    assert 'class="num cell-failing" data-cell="applications.results_total.total"' in html
    assert 'class="num" data-cell="applications.granted.total"' in html
    assert "存在不一致" in html


def test_report_page_links_other_years_and_comparison(
    portal_client: FlaskClient, archive: ArchiveIds
) -> None:
    html = portal_client.get(f"/reports/{archive.lingwu[2021]}").get_data(as_text=True)
    assert f'href="/reports/{archive.lingwu[2022]}"' in html
    assert f'href="/reports/{archive.lingwu[2023]}"' in html
    assert "/compare/years?agency=" in html and "years=2023" in html


def test_unknown_report_id_gets_a_helpful_404_page(portal_client: FlaskClient) -> None:
    for url in (
        "/reports/999999",
        "/reports/abc",
        "/reports/999999.json",
        "/reports/999999/tables.csv",
    ):
        response = portal_client.get(url)
        assert response.status_code == 404, url
    html = portal_client.get("/reports/999999").get_data(as_text=True)
    assert "没有编号为 999999 的报告" in html and "返回首页" in html


def test_report_json_uses_the_public_field_names(
    portal_client: FlaskClient, archive: ArchiveIds
) -> None:
    data = portal_client.get(f"/reports/{archive.lingwu[2022]}.json").get_json()
    for name in (
        "title",
        "agency",
        "agency_kind",
        "province",
        "city",
        "county",
        "level",
        "year",
        "template",
        "sections",
        "tables",
        "checks",
        "versions",
    ):
        assert name in data
    assert data["tables"]["applications"]["new"]["total"] == 12
    assert data["figures"]["disclosure_rate"] == round(10 / 12, 4)


def test_report_tables_csv_has_a_bom_and_every_cell(
    portal_client: FlaskClient, archive: ArchiveIds
) -> None:
    response = portal_client.get(f"/reports/{archive.lingwu[2022]}/tables.csv")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    body = response.get_data()
    assert body.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    cells = {row["cell"]: row["value"] for row in rows}
    assert cells["applications.new.total"] == "12"
    assert cells["reviews.review.corrected"] == "1"


def test_versions_are_listed_and_their_text_differences_shown(
    portal_client: FlaskClient, archive: ArchiveIds
) -> None:
    html = portal_client.get(f"/reports/{archive.changed}").get_data(as_text=True)
    assert "版本（2）" in html and "与上一版本比较" in html
    diff = portal_client.get(f"/reports/{archive.changed}/diff").get_data(as_text=True)
    assert "<del>第一版</del>" in diff
    assert "<ins>修改后</ins>" in diff


def test_a_report_with_one_version_has_nothing_to_diff(
    portal_client: FlaskClient, archive: ArchiveIds
) -> None:
    html = portal_client.get(f"/reports/{archive.lingwu[2022]}/diff").get_data(as_text=True)
    assert "只有一个版本" in html
    assert portal_client.get(f"/reports/{archive.changed}/diff?from=999999").status_code == 404


def test_version_ids_out_of_range_are_404(portal_client: FlaskClient, archive: ArchiveIds) -> None:
    assert portal_client.get(f"/reports/{archive.changed}/diff?from={'9' * 25}").status_code == 404


def test_version_diff_shows_changed_paragraphs_unless_the_full_text_is_asked_for(
    portal_client: FlaskClient, archive: ArchiveIds
) -> None:
    short = portal_client.get(f"/reports/{archive.changed}/diff").get_data(as_text=True)
    full = portal_client.get(f"/reports/{archive.changed}/diff?full=1").get_data(as_text=True)
    assert short.count('class="diff-row') == 2  # the heading row and the one changed paragraph
    assert full.count('class="diff-row') > 10
    assert "显示全文对照" in short and "只显示有变化的段落" in full


def test_sections_whose_table_was_read_point_to_the_table_instead_of_raw_cells(
    portal_client: FlaskClient, archive: ArchiveIds
) -> None:
    html = portal_client.get(f"/reports/{archive.lingwu[2022]}").get_data(as_text=True)
    sections, tables = html.split('id="tables"')
    assert sections.count('href="#caption-') == tables.count('<caption id="caption-') >= 2
    assert "本年新收政府信息公开申请数量" not in sections.split("三、收到和处理")[1]
    assert "本年新收政府信息公开申请数量" in tables


def test_comparing_years_from_an_older_report_keeps_that_report_in() -> None:
    from portal.report_views import years_around

    assert years_around([2019, 2020, 2021, 2022, 2023], 2019) == [2019, 2020, 2021]
    assert years_around([2019, 2020, 2021, 2022, 2023], 2021) == [2020, 2021, 2022]
    assert years_around([2019, 2020, 2021, 2022, 2023], 2023) == [2021, 2022, 2023]
    assert years_around([2021, 2022], 2021) == [2021, 2022]


def test_the_compare_link_of_the_oldest_report_includes_its_year(
    portal_client: FlaskClient, archive: ArchiveIds
) -> None:
    oldest_year = min(archive.lingwu)
    html = portal_client.get(f"/reports/{archive.lingwu[oldest_year]}").get_data(as_text=True)
    link = html.split("比较各年度")[0].rsplit('href="', 1)[1]
    assert f"years={oldest_year}" in link.replace("&amp;", "&")
