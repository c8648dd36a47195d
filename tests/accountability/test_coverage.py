"""Coverage: who should have reported in a region and year, and who did, was late or is missing."""

from __future__ import annotations

from pathlib import Path

from flask.testing import FlaskClient

from accountability.coverage import Body, ReportFacts, body_statuses
from archive.pipeline import ArchivePipeline, FetchedDocument
from services import Services

SEED = Path(__file__).resolve().parents[2] / "demo_portal" / "seeds" / "000_77fbe9a8d492d01e.txt"


def facts(
    report_id: int,
    agency: str,
    year: int,
    *,
    kind: str = "公安局",
    code: str = "510521",
    late: bool = False,
) -> ReportFacts:
    return ReportFacts(report_id, agency, kind, code, year, late)


def test_found_late_missing_and_unknown() -> None:
    governments = [
        Body("gov:510521", "泸县人民政府", "510521", True),
        Body("gov:510521100", "福集镇人民政府", "510521100", True),
    ]
    reports = [
        facts(1, "泸县人民政府", 2023, kind="人民政府"),  # the government, found
        facts(2, "泸县公安局", 2022),  # published last year only: missing
        facts(3, "泸县教育局", 2023, late=True),  # late
        facts(4, "泸县水务局", 2024),  # only later: unknown for 2023, not blamed
    ]
    statuses = {s.body.name: s for s in body_statuses(governments, reports, 2023)}
    assert statuses["泸县人民政府"].status == "found" and statuses["泸县人民政府"].report_id == 1
    assert statuses["泸县公安局"].status == "missing" and statuses["泸县公安局"].last_year == 2022
    assert statuses["泸县教育局"].status == "late"
    assert statuses["泸县水务局"].status == "unknown"
    assert statuses["福集镇人民政府"].status == "unknown"  # never seen: counted, not blamed


def test_a_government_report_counts_for_the_listed_government() -> None:
    governments = [Body("gov:510521", "泸县人民政府", "510521", True)]
    reports = [facts(1, "泸县政府", 2023, kind="人民政府")]
    statuses = body_statuses(governments, reports, 2023)
    assert [(s.body.name, s.status) for s in statuses] == [("泸县人民政府", "found")]


def test_the_region_page_lists_missing_bodies_and_sub_regions(
    client: FlaskClient, services: Services
) -> None:
    url = "https://www.example.gov.cn/lw/2021.html"
    with ArchivePipeline(services) as pipeline:  # 灵武市科学技术局, 2021
        pipeline.archive(
            FetchedDocument(identity=url, data=SEED.read_bytes(), url=url, filename="r.txt")
        )
    page = client.get("/regions/640181?year=2022").get_data(as_text=True)
    assert "灵武市" in page and "2022年度报告情况" in page
    missing = page.split('id="missing-heading"')[1]
    assert "灵武市科学技术局" in missing and "2021年度" in missing
    assert "下辖地区" in page  # its towns
    city = client.get("/regions/6401?year=2022").get_data(as_text=True)
    assert "/regions/640181?year=2022" in city
    assert client.get("/regions/99").status_code == 404
