"""Archived reports carry their findings: stored, shown on the report page, counted on /rules."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from flask.testing import FlaskClient, FlaskCliRunner

from archive.pipeline import ArchivePipeline, FetchedDocument
from cli import main
from services import Services
from storage.models import Report

SEED = Path(__file__).resolve().parents[2] / "demo_portal" / "seeds" / "000_77fbe9a8d492d01e.txt"


def _archive(services: Services, text: str, url: str) -> int:
    with ArchivePipeline(services) as pipeline:
        return pipeline.archive(
            FetchedDocument(identity=url, data=text.encode(), url=url, filename="r.txt")
        ).report_id


def test_an_archived_report_is_checked_and_the_next_year_compares_its_stocks(
    client: FlaskClient, services: Services
) -> None:
    text = SEED.read_text(encoding="utf-8")  # 灵武市科学技术局, 2021
    first = _archive(services, text, "https://www.example.gov.cn/2021.html")
    following = text.replace("2022", "2023").replace("2021", "2022")
    second = _archive(services, following, "https://www.example.gov.cn/2022.html")
    with services.database.session() as session:
        earlier = session.get(Report, first)
        later = session.get(Report, second)
        assert earlier is not None and later is not None
        rules = {f["rule"]: f for f in earlier.findings}
        assert {"timeliness", "completeness.sections", "completeness.tables"} <= set(rules)
        assert rules["timeliness"]["evidence"]["deadline"] == "2022-01-31"  # a county bureau
        stock = {f["rule"]: f for f in later.findings}["continuity.stock"]
        # The same 表二 both years: the stock carries over only if nothing was made or repealed.
        rows = [later.tables["active"][row] for row in ("rules", "normative_documents")]
        carries = all(row["made"] == row["repealed"] for row in rows)
        assert stock["status"] == ("pass" if carries else "fail")
        assert stock["evidence"]["previous_year"] == 2021
    page = client.get(f"/reports/{first}").get_data(as_text=True)
    assert "问责检查" in page and "按时发布" in page
    data = client.get(f"/api/v1/reports/{first}").get_json()
    assert {f["rule"] for f in data["findings"]} >= {"timeliness"}
    counts = {r["id"]: r["counts"] for r in client.get("/rules.json").get_json()["rules"]}
    assert sum(counts["timeliness"].values()) == 2
    assert "现行有效件数前后衔接" in client.get("/rules").get_data(as_text=True)


def test_timeliness_and_later_changes_are_search_facets_and_export_columns(
    client: FlaskClient, services: Services
) -> None:
    report_id = _archive(
        services, SEED.read_text(encoding="utf-8"), "https://www.example.gov.cn/a.html"
    )
    with services.database.session() as session:
        report = session.get(Report, report_id)
        assert report is not None
        status = {f["rule"]: f["status"] for f in report.findings}["timeliness"]
    data = client.get("/search.json").get_json()
    assert {v["value"] for v in data["facets"]["timeliness"]} == {status}
    assert {v["value"] for v in data["facets"]["changed_after_publication"]} == {"false"}
    chinese = {"pass": "按时", "fail": "逾期", "unknown": "无法判断"}[status]
    assert client.get(f"/search.json?timeliness={chinese}").get_json()["total"] == 1
    assert client.get(f"/search.json?q=按时发布:{chinese}").get_json()["total"] == 1
    other = next(s for s in ("pass", "fail", "unknown") if s != status)
    assert client.get(f"/search.json?timeliness={other}").get_json()["total"] == 0
    body = client.get("/search.csv").get_data().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert [row["timeliness"] for row in rows] == [status]


def test_nianbao_copies_finds_another_agencys_report_copied_the_same_year(
    client: FlaskClient, services: Services, cli_runner: FlaskCliRunner
) -> None:
    text = SEED.read_text(encoding="utf-8")  # 灵武市科学技术局 2021
    original = _archive(services, text, "https://www.example.gov.cn/kjj.html")
    copy = _archive(
        services,
        text.replace("灵武市科学技术局", "灵武市教育局"),
        "https://www.example.gov.cn/jyj.html",
    )
    result = cli_runner.invoke(main, ["copies"])
    assert result.exit_code == 0, result.output
    assert "2021年：发现 2 份照抄其他机关的报告" in result.output
    with services.database.session() as session:
        report = session.get(Report, copy)
        assert report is not None
        finding = {f["rule"]: f for f in report.findings}["copying.others"]
        assert finding["status"] == "fail" and finding["evidence"]["report_id"] == original
    page = client.get(f"/reports/{copy}").get_data(as_text=True)
    assert "未照抄其他机关" in page and "灵武市科学技术局" in page


def test_nianbao_accountability_rechecks_every_report(
    services: Services, cli_runner: FlaskCliRunner
) -> None:
    report_id = _archive(
        services, SEED.read_text(encoding="utf-8"), "https://www.example.gov.cn/r.html"
    )
    with services.database.session() as session:
        report = session.get(Report, report_id)
        assert report is not None
        report.findings = []  # as if archived before the rules existed
    result = cli_runner.invoke(main, ["accountability"])
    assert result.exit_code == 0 and "已重新检查 1 份报告" in result.output
    with services.database.session() as session:
        report = session.get(Report, report_id)
        assert report is not None and "timeliness" in {f["rule"] for f in report.findings}
