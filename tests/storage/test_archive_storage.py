"""Storage of reports and their versions, on SQLite and on the real PostgreSQL server."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import func, inspect, select

from archive.pipeline import ArchivePipeline, FetchedDocument
from config import Settings
from parsers.model import Check, ParsedReport, Section
from services import Services
from storage.models import CrawlRun, FetchResult, Report, ReportVersion

EXPECTED_TABLES = {
    "sources",
    "reports",
    "report_versions",
    "crawl_runs",
    "fetch_results",
    "crawl_frontier",
    "http_cache",
    "crawl_requests",
    "admin_users",
    "audit_log",
}


@pytest.fixture(params=["sqlite", "postgresql"])
def storage_services(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Services]:
    """Services on a fresh SQLite file or a fresh PostgreSQL database."""
    url = "" if request.param == "sqlite" else request.getfixturevalue("postgres_url")
    settings = Settings(data_dir=tmp_path / "data", database_url=url)
    services = Services.from_settings(settings)
    yield services
    services.close()


def a_parsed_report(**changes: object) -> ParsedReport:
    report = ParsedReport(
        title="灵武市科学技术局2021年政府信息公开工作年度报告",
        agency="灵武市科学技术局",
        agency_kind="科学技术局",
        province="宁夏回族自治区",
        city="银川市",
        county="灵武市",
        level="county",
        division_code="640181",
        year=2021,
        template="2021",
        published=dt.date(2022, 1, 20),
        sections=[Section(1, "一、总体情况", "主动公开…")],
        tables={"applications": {"new": {"total": 0, "natural_person": None}}},
        checks=[Check("applications_balance", "pass", "勾稽关系成立", ["applications.new.total"])],
        text="灵武市科学技术局 2021 年政府信息公开工作年度报告 依申请公开",
    )
    for name, value in changes.items():
        setattr(report, name, value)
    return report


def test_upgrade_creates_every_table_and_is_idempotent(storage_services: Services) -> None:
    database = storage_services.database
    assert set(inspect(database.engine).get_table_names()) >= EXPECTED_TABLES
    revision = database.current_revision()
    database.upgrade()
    head = ScriptDirectory.from_config(database._alembic_config()).get_current_head()
    assert database.current_revision() == revision == head


def test_a_new_report_is_stored_with_its_tags_and_first_version(storage_services: Services) -> None:
    page = "<html>灵武市科学技术局2021年报</html>".encode()
    with ArchivePipeline(storage_services) as pipeline:
        outcome = pipeline.archive(
            FetchedDocument(
                identity="https://www.nxlw.gov.cn/a.html",
                data=page,
                url="https://www.nxlw.gov.cn/a.html",
            ),
            parsed=a_parsed_report(),
        )
    assert outcome.outcome == "new"
    with storage_services.database.session() as session:
        report = session.get(Report, outcome.report_id)
        assert report is not None
        assert (report.agency, report.county, report.year) == ("灵武市科学技术局", "灵武市", 2021)
        assert report.published == dt.date(2022, 1, 20)
        assert report.tables["applications"]["new"] == {"total": 0, "natural_person": None}
        assert report.checks[0]["cells"] == ["applications.new.total"]
        assert report.consistency_status == "pass"
        assert [v.sha256 for v in report.versions] == [storage_services.blobs.put(page)]
    assert storage_services.blobs.get(report.versions[0].sha256) == page


def test_refetching_identical_bytes_adds_no_version(storage_services: Services) -> None:
    document = FetchedDocument(
        identity="https://x.gov.cn/r.html", data=b"same", url="https://x.gov.cn/r.html"
    )
    with ArchivePipeline(storage_services) as pipeline:
        first = pipeline.archive(document, parsed=a_parsed_report())
        second = pipeline.archive(document, parsed=a_parsed_report())
    assert (first.outcome, second.outcome) == ("new", "unchanged")
    with storage_services.database.session() as session:
        assert session.scalar(select(func.count()).select_from(ReportVersion)) == 1


def test_a_silent_edit_keeps_both_versions_and_flags_the_report(storage_services: Services) -> None:
    url = "https://x.gov.cn/r.html"
    with ArchivePipeline(storage_services) as pipeline:
        pipeline.archive(
            FetchedDocument(identity=url, data=b"v1", url=url), parsed=a_parsed_report()
        )
        edited = pipeline.archive(
            FetchedDocument(identity=url, data=b"v2", url=url),
            parsed=a_parsed_report(title="灵武市科学技术局2021年政府信息公开工作年度报告（修订）"),
        )
    assert edited.outcome == "changed"
    with storage_services.database.session() as session:
        report = session.get(Report, edited.report_id)
        assert report is not None
        assert report.changed_after_publication is True
        assert report.title.endswith("（修订）")
        assert [v.parsed["title"] for v in report.versions] == [
            "灵武市科学技术局2021年政府信息公开工作年度报告",
            "灵武市科学技术局2021年政府信息公开工作年度报告（修订）",
        ]
        assert [storage_services.blobs.get(v.sha256) for v in report.versions] == [b"v1", b"v2"]


def test_a_report_stored_in_a_rolled_back_transaction_leaves_no_row_and_no_index_entry(
    storage_services: Services,
) -> None:
    url = "https://x.gov.cn/r.html"
    pipeline = ArchivePipeline(storage_services)
    with pytest.raises(RuntimeError), storage_services.database.session() as session:
        archived = pipeline.store(
            session, FetchedDocument(identity=url, data=b"v1", url=url), a_parsed_report()
        )
        assert archived.outcome == "new" and archived.index_documents
        raise RuntimeError("the page's bookkeeping failed")
    pipeline.flush()
    with storage_services.database.session() as session:
        assert session.scalar(select(func.count()).select_from(Report)) == 0
    assert storage_services.search.document_count() == 0


def test_crawl_runs_keep_each_failed_url_with_its_error(storage_services: Services) -> None:
    with storage_services.database.session() as session:
        run = CrawlRun(source_name="演示", start_urls=["https://x.gov.cn/"])
        run.fetches.append(
            FetchResult(
                url="https://x.gov.cn/gone.html", ok=False, status_code=404, error="HTTP 404"
            )
        )
        session.add(run)
    with storage_services.database.session() as session:
        failure = session.scalars(select(FetchResult).where(FetchResult.ok.is_(False))).one()
        assert (failure.url, failure.status_code, failure.error) == (
            "https://x.gov.cn/gone.html",
            404,
            "HTTP 404",
        )
        assert failure.run.source_name == "演示"


def _applications(carried_over: int, carried_forward: int) -> dict[str, dict[str, int | None]]:
    columns = (
        "natural_person",
        "commercial",
        "research",
        "public_interest",
        "legal_service",
        "other_org",
    )
    return {
        "carried_over": {
            **{c: 0 for c in columns},
            "natural_person": carried_over,
            "total": carried_over,
        },
        "carried_forward": {
            **{c: 0 for c in columns},
            "natural_person": carried_forward,
            "total": carried_forward,
        },
    }


def test_continuity_with_last_years_report_is_checked_in_both_arrival_orders(
    storage_services: Services,
) -> None:
    def continuity(report_id: int) -> dict[str, object]:
        with storage_services.database.session() as session:
            report = session.get(Report, report_id)
            assert report is not None
            return next(c for c in report.checks if c["rule"] == "carried_over_continuity")

    with ArchivePipeline(storage_services) as pipeline:
        later = pipeline.archive(
            FetchedDocument(identity="https://x.gov.cn/2022.html", data=b"2022"),
            parsed=a_parsed_report(
                year=2022, tables={"applications": _applications(3, 0)}, checks=[]
            ),
        )
        assert continuity(later.report_id)["status"] == "not_assessable"
        pipeline.archive(
            FetchedDocument(identity="https://x.gov.cn/2021.html", data=b"2021"),
            parsed=a_parsed_report(
                year=2021, tables={"applications": _applications(0, 2)}, checks=[]
            ),
        )
    finding = continuity(later.report_id)
    assert finding["status"] == "fail"
    assert finding["cells"] == [
        "applications.carried_over.natural_person",
        "applications.carried_over.total",
    ]
    with storage_services.database.session() as session:
        stored = session.get(Report, later.report_id)
        assert stored is not None and stored.consistency_status == "fail"


def test_report_json_is_stored_as_utf8_not_ascii_escapes(storage_services: Services) -> None:
    with ArchivePipeline(storage_services) as pipeline:
        pipeline.archive(
            FetchedDocument(identity="https://x.gov.cn/u.html", data=b"u"), parsed=a_parsed_report()
        )
    with storage_services.database.engine.connect() as connection:
        raw = connection.exec_driver_sql("SELECT CAST(sections AS TEXT) FROM reports").scalar_one()
    assert "一、总体情况" in raw
    assert "\\\\u4e00" not in raw
