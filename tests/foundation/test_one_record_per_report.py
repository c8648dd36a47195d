"""One record per report: a report published on two portals and as an attachment, or ingested
from a file, is one record with several sources; the league, exports and search count it once."""

from __future__ import annotations

import csv
import dataclasses
import io
from pathlib import Path

import pytest
from click.testing import Result
from flask.testing import FlaskClient
from sqlalchemy import func, select

from archive.dedupe import source_role
from archive.pipeline import ArchivePipeline, FetchedDocument
from parsers import parse_document
from parsers.model import ParsedReport
from services import Services
from storage.models import Report, ReportSource, ReportVersion

SEEDS = Path(__file__).resolve().parents[2] / "demo_portal" / "seeds"
OFFICIAL = "http://www.lingwu.gov.cn/xxgk/ndbg/2021.html"
PROVINCE_PORTAL = "http://www.nx.gov.cn/zwgk/ndbg/lingwu-kjj-2021.html"
MIRROR = "https://www.example-mirror.com/news/2021-lingwu.html"


def _lingwu() -> tuple[bytes, ParsedReport]:
    path = next(p for p in sorted(SEEDS.glob("*.txt")) if "灵武" in p.read_text(encoding="utf-8"))
    parsed = parse_document(path.read_bytes(), filename=path.name)
    parsed.province, parsed.city, parsed.county = "宁夏回族自治区", "银川市", "灵武市"
    return path.read_bytes(), parsed


def _archive(services: Services, url: str, data: bytes, parsed: ParsedReport) -> int:
    with ArchivePipeline(services) as pipeline:
        return pipeline.archive(
            FetchedDocument(identity=url, data=data, url=url, filename="report.txt"), parsed=parsed
        ).report_id


def _reports(services: Services) -> int:
    with services.database.session() as session:
        return session.scalar(select(func.count(Report.id))) or 0


def test_a_mirror_copy_found_first_becomes_a_source_of_the_official_record(
    services: Services, client: FlaskClient
) -> None:
    data, parsed = _lingwu()
    chrome = "转载自灵武市人民政府网站 | 分享到微信 | 上一篇 下一篇\n"
    mirrored = dataclasses.replace(parsed, text=chrome + parsed.text)
    _archive(services, MIRROR, chrome.encode() + data, mirrored)
    kept = _archive(services, OFFICIAL, data, parsed)
    _archive(services, PROVINCE_PORTAL, data + b"\n", parsed)
    assert _reports(services) == 1
    with services.database.session() as session:
        report = session.get(Report, kept)
        assert report is not None and report.identity == OFFICIAL
        sources = {s.identity: s for s in session.scalars(select(ReportSource))}
        assert set(sources) == {MIRROR, PROVINCE_PORTAL}
        assert sources[MIRROR].role == "mirror"
        assert "正文相似度" in sources[MIRROR].reason and sources[MIRROR].similarity >= 0.8
        versions = session.scalars(select(ReportVersion.report_id)).all()
        assert set(versions) == {kept} and len(versions) == 3  # every source keeps its versions
    api = client.get(f"/api/v1/reports/{kept}").get_json()
    assert {s["role"] for s in api["sources"]} == {"official", "mirror"}
    page = client.get(f"/reports/{kept}").get_data(as_text=True)
    assert "官方来源" in page and "转载/镜像" in page and MIRROR in page
    hits = client.get("/api/v1/search", query_string={"q": "灵武市科学技术局"}).get_json()
    assert [hit["id"] for hit in hits["hits"]] == [kept]
    exported = client.get(f"/export/{parsed.year}.csv").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(exported.lstrip("\ufeff"))))
    assert [row["id"] for row in rows if row["agency"] == parsed.agency] == [str(kept)]
    league = client.get("/league", query_string={"year": parsed.year}).get_data(as_text=True)
    assert league.count(f'/reports/{kept}"') == 1


def test_a_mirror_met_again_adds_its_version_to_the_record_without_overriding_it(
    services: Services,
) -> None:
    data, parsed = _lingwu()
    kept = _archive(services, OFFICIAL, data, parsed)
    _archive(services, MIRROR, b"copy " + data, parsed)
    garbled = dataclasses.replace(parsed, agency="某镜像站转载")
    assert _archive(services, MIRROR, b"changed copy " + data, garbled) == kept
    with services.database.session() as session:
        report = session.get(Report, kept)
        assert report is not None and report.agency == parsed.agency  # the official parse stands
        assert session.scalar(select(func.count(ReportVersion.id))) == 3


def test_two_different_reports_of_one_agency_and_year_stay_apart(services: Services) -> None:
    data, parsed = _lingwu()
    _archive(services, OFFICIAL, data, parsed)
    other = dataclasses.replace(parsed, text="完全不同的另一份报告。" * 200)
    _archive(services, "http://www.lingwu.gov.cn/xxgk/other.html", b"other", other)
    assert _reports(services) == 2


@pytest.mark.parametrize(
    ("url", "role"),
    [
        (OFFICIAL, "official"),
        (PROVINCE_PORTAL, "official"),  # the government portal of the region above
        ("http://www.beijing.gov.cn/x.html", "government"),
        (MIRROR, "mirror"),
        ("file:report.pdf#abc", "file"),
    ],
)
def test_sources_are_ranked_official_government_mirror_file(url: str, role: str) -> None:
    report = Report(identity=url, province="宁夏回族自治区", city="银川市", county="灵武市")
    assert source_role(url, report) == role


def test_dedupe_merges_existing_duplicates_with_a_dry_run_first(
    services: Services, cli_runner: object
) -> None:
    _, parsed = _lingwu()
    with services.database.session() as session:  # two records stored before dedupe existed
        for url in (MIRROR, OFFICIAL):
            session.add(
                Report(
                    identity=url, url=url, agency=parsed.agency, year=parsed.year,
                    template=parsed.template, text=parsed.text, province="宁夏回族自治区",
                    city="银川市", county="灵武市", title=parsed.title,
                )
            )  # fmt: skip
    dry: Result = cli_runner.invoke(args=["dedupe", "--dry-run"])  # type: ignore[attr-defined]
    assert dry.exit_code == 0, dry.output
    assert "将合并 1 份" in dry.output and MIRROR in dry.output
    assert _reports(services) == 2
    done: Result = cli_runner.invoke(args=["dedupe"])  # type: ignore[attr-defined]
    assert done.exit_code == 0, done.output
    assert _reports(services) == 1
    with services.database.session() as session:
        assert session.scalars(select(Report.identity)).one() == OFFICIAL


def test_the_same_bytes_from_two_addresses_are_one_record_with_one_version(
    services: Services,
) -> None:
    data, parsed = _lingwu()
    kept = _archive(services, OFFICIAL, data, parsed)
    assert _archive(services, "http://www.lingwu.gov.cn/xxgk/copy.html", data, parsed) == kept
    with services.database.session() as session:
        assert session.scalar(select(func.count(ReportVersion.id))) == 1
        assert session.scalars(select(ReportSource.identity)).all() == [
            "http://www.lingwu.gov.cn/xxgk/copy.html"
        ]
