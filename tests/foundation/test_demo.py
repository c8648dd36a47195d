"""The demo: the demo portal is crawled into an archive where `依申请公开` finds the five seeds and
the four demonstration years derived from two of them (so comparison, charts, checks and the
league have something to show)."""

from __future__ import annotations

import os
import re
import socket
from pathlib import Path

import requests
from flask.testing import FlaskClient, FlaskCliRunner

from config import Settings
from demo_portal.server import DemoPortalServer, create_demo_portal, load_demo_reports
from index.formats import FORMAT_FILE
from parsers import parse_document

#: Reports in the demo archive: the five seeds and four demonstration years.
DEMO_ARCHIVE_REPORTS = 9


def test_demo_portal_is_labelled_and_lists_reports_with_a_non_report_notice(
    demo_portal: DemoPortalServer,
) -> None:
    listing = requests.get(demo_portal.listing_url, timeout=10).text
    assert "演示门户" in listing
    assert "关于做好2024年政府信息公开工作年度报告编制发布工作的通知" in listing
    assert (
        listing.count("政府信息公开工作年度报告</a>") + listing.count("政府信息公开年度报告</a>")
        == 3
    )
    second_page = requests.get(demo_portal.base_url + "/xxgk/ndbg/index_1.html", timeout=10).text
    assert "下一页" not in second_page
    assert second_page.count("年度报告</a>") == 2


def test_demo_build_archives_the_seeds_and_demonstration_years_and_search_finds_them(
    cli_runner: FlaskCliRunner, client: FlaskClient
) -> None:
    result = cli_runner.invoke(args=["demo", "build", "--portal-port", "0"])
    assert result.exit_code == 0, result.output
    assert f"新增 {DEMO_ARCHIVE_REPORTS} 份" in result.output

    page = client.get("/search", query_string={"q": "依申请公开"})
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    report_links = sorted(set(re.findall(r'href="(/reports/\d+)"', html)))
    assert len(report_links) == DEMO_ARCHIVE_REPORTS
    assert html.count("<mark>依申请公开</mark>") >= 5
    assert "编制发布工作的通知" not in html

    for link in report_links:
        report_page = client.get(link)
        assert report_page.status_code == 200
        assert "科学技术局" in report_page.get_data(as_text=True)


def test_demo_build_twice_finds_nothing_new(cli_runner: FlaskCliRunner) -> None:
    port = _free_port()
    cli_runner.invoke(args=["demo", "build", "--portal-port", str(port)])
    again = cli_runner.invoke(args=["demo", "build", "--portal-port", str(port)])
    assert again.exit_code == 0, again.output
    assert "新增 0 份" in again.output


def test_demo_build_rebuilds_an_index_left_by_an_older_version(
    cli_runner: FlaskCliRunner, client: FlaskClient, settings: Settings
) -> None:
    port = _free_port()
    cli_runner.invoke(args=["demo", "build", "--portal-port", str(port)])
    services = cli_runner.app.extensions["nianbao"]
    services.search.close()
    del services.search  # as a new process after an upgrade would open it
    generation = Path(os.path.realpath(settings.index_dir / settings.search_backend))
    (generation / FORMAT_FILE).write_text("1\n")

    again = cli_runner.invoke(args=["demo", "build", "--portal-port", str(port)])

    assert again.exit_code == 0, again.output
    assert "正在从数据库重建" in again.output
    assert f"已重建索引：{DEMO_ARCHIVE_REPORTS} 份报告" in again.output
    page = client.get("/search", query_string={"q": "依申请公开"})
    assert page.status_code == 200
    links = set(re.findall(r'href="(/reports/\d+)"', page.get_data(as_text=True)))
    assert len(links) == DEMO_ARCHIVE_REPORTS


def test_the_demo_shows_an_agencys_years_side_by_side_and_a_planted_inconsistency(
    cli_runner: FlaskCliRunner, client: FlaskClient
) -> None:
    result = cli_runner.invoke(args=["demo", "build", "--portal-port", "0"])
    assert result.exit_code == 0, result.output
    comparison = client.get(
        "/api/v1/compare/years",
        query_string=[
            ("agency", "灵武市科学技术局"),
            ("years", 2021),
            ("years", 2022),
            ("years", 2023),
        ],
    ).get_json()
    assert [column["year"] for column in comparison["reports"]] == [2021, 2022, 2023]
    found = client.get(
        "/api/v1/search", query_string={"q": "灵武市科学技术局 year:2023"}
    ).get_json()
    report = client.get(f"/api/v1/reports/{found['hits'][0]['id']}").get_json()
    assert report["tables"]["applications"]["new"]["total"] == 20
    assert report["consistency_status"] == "fail"  # the planted inconsistency
    assert "【演示数据】" in client.get(f"/reports/{report['id']}").get_data(as_text=True)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_every_demo_page_parses_to_the_same_tables_as_its_seed_text() -> None:
    portal = create_demo_portal()
    client = portal.test_client()
    for report in load_demo_reports():
        page = parse_document(client.get(report.path).data, url="http://demo.gov.cn" + report.path)
        seed = parse_document(report.text.encode("utf-8"))
        assert set(page.tables) == {"active", "applications", "reviews"}, report.slug
        assert page.tables == seed.tables, report.slug
        assert page.published is not None
        assert page.consistency_status == "pass"
