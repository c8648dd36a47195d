"""报告解析错误: a visitor reports a misread number, an admin accepts it, and the corrected value
is what the archive shows everywhere — until the parser reads it right by itself."""

from __future__ import annotations

import csv
import dataclasses
import io
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from archive.pipeline import ArchivePipeline, FetchedDocument
from crawler.scheduler import CrawlScheduler
from parsers import parse_document
from parsers.model import ParsedReport
from services import Services
from storage.models import AuditLogEntry, Correction, CrawlRequest, Report, ReportSource
from tests.admin.conftest import csrf_token_of, post_form

SEEDS = Path(__file__).resolve().parents[2] / "demo_portal" / "seeds"
CELL = "applications.new.total"


def _seed_with_applications() -> tuple[bytes, ParsedReport]:
    for path in sorted(SEEDS.glob("*.txt")):
        parsed = parse_document(path.read_bytes(), filename=path.name)
        if parsed.tables.get("applications", {}).get("new", {}).get("total") is not None:
            return path.read_bytes(), parsed
    raise AssertionError("no seed with a read 表三")


def _archive(services: Services, data: bytes, parsed: ParsedReport) -> int:
    with ArchivePipeline(services) as pipeline:
        return pipeline.archive(
            FetchedDocument(
                identity="https://www.example.gov.cn/nb/2021.html",
                data=data,
                url="https://www.example.gov.cn/nb/2021.html",
                filename="report.txt",
            ),
            parsed=parsed,
        ).report_id


@pytest.fixture
def report_id(services: Services) -> int:
    data, parsed = _seed_with_applications()
    return _archive(services, data, parsed)


def _report_error(client: FlaskClient, report_id: int, **fields: str):
    token = csrf_token_of(client, f"/reports/{report_id}")
    return client.post(f"/reports/{report_id}/corrections", data={"csrf_token": token, **fields})


def _run_queued_requests(services: Services) -> None:
    scheduler = CrawlScheduler(services)
    while (request_id := scheduler._claim_next_request()) is not None:
        scheduler.handle_request(request_id)


def _count(services: Services, model: type) -> int:
    with services.database.session() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_a_visitor_reports_an_error_without_an_account(
    client: FlaskClient, services: Services, report_id: int
) -> None:
    response = _report_error(
        client, report_id, field=CELL, proposed_value="13", message="原件写的是13件", contact=""
    )
    assert response.status_code == 303
    assert client.get(response.headers["Location"]).get_data(as_text=True).count("已收到您的报错")
    with services.database.session() as session:
        stored = session.scalars(select(Correction)).one()
        assert (stored.field, stored.proposed_value, stored.status) == (CELL, "13", "pending")
        assert stored.submitter_hash and "127.0.0.1" not in stored.submitter_hash


def test_a_report_without_its_csrf_token_is_refused(
    client: FlaskClient, services: Services, report_id: int
) -> None:
    response = client.post(f"/reports/{report_id}/corrections", data={"message": "x"})
    assert response.status_code == 400
    assert _count(services, Correction) == 0


@pytest.mark.parametrize(
    "fields",
    [
        {"message": "x" * 1_000_000},  # a 1 MB text
        {"message": ""},  # nothing said
        {"message": "有错", "field": "tables.__class__"},  # a field the report has not
        {"message": "有错", "contact": "c" * 201},
    ],
)
def test_oversized_empty_or_unknown_input_is_refused_and_nothing_is_stored(
    client: FlaskClient, services: Services, report_id: int, fields: dict[str, str]
) -> None:
    response = _report_error(client, report_id, **fields)
    assert response.status_code in (400, 413)
    assert _count(services, Correction) == 0


def test_a_flood_from_one_address_is_refused(
    client: FlaskClient, services: Services, report_id: int
) -> None:
    statuses = [_report_error(client, report_id, message=f"第{n}条").status_code for n in range(7)]
    assert statuses[:5] == [303] * 5
    assert statuses[5:] == [429, 429]
    assert _count(services, Correction) == 5


def test_what_a_visitor_wrote_is_shown_escaped_to_the_admin(
    client: FlaskClient, signed_in_client: FlaskClient, services: Services, report_id: int
) -> None:
    script = "<script>alert('x')</script>"
    _report_error(client, report_id, message=script, proposed_value=script[:40], contact=script)
    with services.database.session() as session:
        correction_id = session.scalars(select(Correction.id)).one()
    queue = signed_in_client.get("/admin/corrections").get_data(as_text=True)
    page = signed_in_client.get(f"/admin/corrections/{correction_id}").get_data(as_text=True)
    for html in (queue, page):
        assert "<script>alert" not in html
        assert "&lt;script&gt;" in html


def test_an_accepted_correction_overrides_the_value_everywhere_and_survives_a_recrawl(
    client: FlaskClient, signed_in_client: FlaskClient, services: Services, report_id: int
) -> None:
    data, parsed = _seed_with_applications()
    read = parsed.tables["applications"]["new"]["total"]
    corrected = read + 7
    _report_error(client, report_id, field=CELL, proposed_value=str(corrected), message="读错了")
    with services.database.session() as session:
        correction_id = session.scalars(select(Correction.id)).one()

    page = f"/admin/corrections/{correction_id}"
    response = post_form(
        signed_in_client,
        page,
        page,
        {"decision": "accept", "field": CELL, "value": str(corrected), "reason": "核对原件"},
    )
    assert response.status_code == 302
    with services.database.session() as session:
        decided = session.get(Correction, correction_id)
        assert decided is not None
        assert (decided.status, decided.old_value, decided.new_value) == (
            "accepted",
            read,
            corrected,
        )
        assert decided.decided_by == "alice"
        assert session.scalars(select(CrawlRequest.kind)).all() == ["corrections"]
        actions = session.scalars(select(AuditLogEntry.action)).all()
        assert "correction.accept" in actions

    _run_queued_requests(services)  # the scheduler applies it: the only writer of reports

    api = client.get(f"/api/v1/reports/{report_id}").get_json()
    assert api["tables"]["applications"]["new"]["total"] == corrected
    report_page = client.get(f"/reports/{report_id}").get_data(as_text=True)
    assert "人工更正" in report_page and f"{read} → {corrected}" in report_page
    year = api["year"]
    exported = client.get(f"/export/{year}.csv").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(exported.lstrip("\ufeff"))))
    exported_row = next(row for row in rows if row["agency"] == parsed.agency)
    assert exported_row["applications"] == str(corrected)  # the 新收申请 column
    hits = client.get("/api/v1/search", query_string={"q": parsed.agency or ""}).get_json()
    assert report_id in [hit["id"] for hit in hits["hits"]]

    # A re-crawl finds a changed page that the parser still reads the old way: the correction holds.
    _archive(services, data + b"\n", parsed)
    assert (
        client.get(f"/api/v1/reports/{report_id}").get_json()["tables"]["applications"]["new"][
            "total"
        ]
        == corrected
    )


def test_a_parse_that_reads_the_corrected_value_retires_the_correction(
    services: Services, report_id: int
) -> None:
    data, parsed = _seed_with_applications()
    read = parsed.tables["applications"]["new"]["total"]
    with services.database.session() as session:
        session.add(
            Correction(
                report_id=report_id, field=CELL, message="m", status="accepted",
                old_value=read, new_value=read + 1,
            )
        )  # fmt: skip
    fixed = ParsedReport.from_dict(parsed.to_dict())
    fixed.tables["applications"]["new"]["total"] = read + 1
    _archive(services, data + b"\n", fixed)
    with services.database.session() as session:
        correction = session.scalars(select(Correction)).one()
        assert correction.status == "retired" and correction.retired_at is not None
        report = session.get(Report, report_id)
        assert report is not None
        assert report.tables["applications"]["new"]["total"] == read + 1


def test_a_rejected_report_changes_nothing(
    client: FlaskClient, signed_in_client: FlaskClient, services: Services, report_id: int
) -> None:
    before = client.get(f"/api/v1/reports/{report_id}").get_json()["tables"]
    _report_error(client, report_id, field=CELL, proposed_value="999", message="我觉得不对")
    with services.database.session() as session:
        correction_id = session.scalars(select(Correction.id)).one()
    page = f"/admin/corrections/{correction_id}"
    post_form(
        signed_in_client, page, page, {"decision": "reject", "field": CELL, "reason": "原件即如此"}
    )
    with services.database.session() as session:
        assert session.get(Correction, correction_id).status == "rejected"  # type: ignore[union-attr]
        assert session.scalar(select(func.count(CrawlRequest.id))) == 0
    assert client.get(f"/api/v1/reports/{report_id}").get_json()["tables"] == before


def test_an_admin_value_that_is_not_a_number_is_refused_for_a_cell(
    client: FlaskClient, signed_in_client: FlaskClient, services: Services, report_id: int
) -> None:
    _report_error(client, report_id, field=CELL, message="读错了")
    with services.database.session() as session:
        correction_id = session.scalars(select(Correction.id)).one()
    page = f"/admin/corrections/{correction_id}"
    response = post_form(
        signed_in_client,
        page,
        page,
        {"decision": "accept", "field": CELL, "value": "十三", "reason": "r"},
    )
    assert response.status_code == 400
    assert "只能是数字" in response.get_data(as_text=True)
    with services.database.session() as session:
        assert session.get(Correction, correction_id).status == "pending"  # type: ignore[union-attr]


def test_an_admin_merges_two_records_a_reader_says_are_one_report(
    client: FlaskClient, signed_in_client: FlaskClient, services: Services, report_id: int
) -> None:
    data, parsed = _seed_with_applications()
    other = dataclasses.replace(parsed, text="转载：" + parsed.text[: len(parsed.text) // 2])
    with ArchivePipeline(services) as pipeline:  # too different for the automatic merge
        mirror_id = pipeline.archive(
            FetchedDocument(
                identity="https://mirror.example.com/copy.html",
                data=b"mirror " + data,
                url="https://mirror.example.com/copy.html",
            ),
            parsed=other,
        ).report_id
    assert mirror_id != report_id
    _report_error(client, report_id, message=f"和报告 {mirror_id} 是同一份")
    with services.database.session() as session:
        correction_id = session.scalars(select(Correction.id)).one()
    page = f"/admin/corrections/{correction_id}"
    refused = post_form(
        signed_in_client,
        page,
        page,
        {"decision": "merge", "field": "agency", "duplicate_id": "999999", "reason": "r"},
    )
    assert refused.status_code == 400
    response = post_form(
        signed_in_client,
        page,
        page,
        {
            "decision": "merge",
            "field": "agency",  # the form's select sends its value, as a browser would
            "duplicate_id": str(mirror_id),
            "reason": "同一份报告的转载",
        },
    )
    assert response.status_code == 302
    _run_queued_requests(services)
    with services.database.session() as session:
        assert session.scalars(select(Report.id)).all() == [report_id]  # the official one kept
        sources = session.scalars(select(ReportSource)).all()
        assert [s.identity for s in sources] == ["https://mirror.example.com/copy.html"]
        assert "管理员合并" in sources[0].reason
        assert "correction.merge" in session.scalars(select(AuditLogEntry.action)).all()
    assert client.get(f"/api/v1/reports/{mirror_id}").status_code == 404
