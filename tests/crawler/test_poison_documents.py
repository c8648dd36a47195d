"""One bad document never stops a crawl, an ingest or a parse: it is recorded with its reason.

The files in ``tests/data/parsers/poison`` broke the parsers in an audit: a zip of an unknown
version, malformed document XML, a DOCX python-docx cannot read, a zlib stream cut short, an HTML
page with a control character in its chrome, and a PDF whose cyclic page tree loops pdfminer.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from flask.testing import FlaskCliRunner
from sqlalchemy import func, select

from parsers import ParseError, parse_document
from services import Services
from storage.models import FetchResult, Report
from tests.crawler.conftest import crawl_url
from tests.gov_sites.pages import list_items, page, report_page, reports
from tests.gov_sites.server import Reply

POISON = Path(__file__).resolve().parents[1] / "data" / "parsers" / "poison"
CRASHING = sorted(POISON.glob("crash-*.docx"))
HANGING = POISON / "hang-pdf_2019_two_pages_unbalanced.pdf"
REPORTS = reports()
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.mark.parametrize("path", CRASHING, ids=lambda p: p.name)
def test_a_broken_file_is_a_parse_error_with_its_reason_that_pickles(path: Path) -> None:
    with pytest.raises(ParseError) as caught:
        parse_document(path.read_bytes(), filename=path.name)
    assert "无法读取的文档" in str(caught.value)
    assert str(pickle.loads(pickle.dumps(caught.value))) == str(caught.value)


def test_a_page_with_control_characters_in_its_chrome_is_read() -> None:
    path = POISON / "crash-gbk_portal_page.html"
    report = parse_document(path.read_bytes(), filename=path.name)
    assert report.title and "\x0b" not in report.title
    assert report.agency


def test_parse_stops_a_hanging_file_at_its_timeout(cli_runner: FlaskCliRunner) -> None:
    result = cli_runner.invoke(args=["parse", "--timeout", "2", str(HANGING)])
    assert result.exit_code != 0
    assert "解析超过 2 秒未完成" in result.output


def test_ingest_skips_broken_and_hanging_files_and_stores_the_rest(
    cli_runner: FlaskCliRunner, services: Services, seed_paths: list[Path]
) -> None:
    files = [*map(str, CRASHING), str(HANGING), *map(str, seed_paths[:2])]
    result = cli_runner.invoke(args=["ingest", "--timeout", "2", *files])
    assert result.exit_code == 0, result.output
    assert f"导入 2 个文件，跳过 {len(CRASHING) + 1} 个" in result.output
    assert "Traceback" not in result.output
    with services.database.session() as session:
        assert session.scalar(select(func.count(Report.id))) == 2


def test_a_crawl_records_poison_documents_and_archives_every_good_report(
    crawl_services: Services, serve
) -> None:  # type: ignore[no-untyped-def]
    routes: dict[str, Reply] = {}
    entries = []
    for number, path in enumerate(CRASHING):
        target = f"/poison_{number}.docx"
        routes[target] = Reply(path.read_bytes(), content_type=DOCX)
        entries.append(
            (target, f"某局2022年政府信息公开工作年度报告（附件{number}）", "2023-01-10")
        )
    for number in range(2):
        target = f"/good_{number}.html"
        routes[target] = Reply(report_page(REPORTS[number]))
        entries.append((target, REPORTS[number].title, REPORTS[number].published))
    routes["/list.html"] = Reply(
        page("政府信息公开年报", f'<ul class="list">{list_items(entries)}</ul>')
    )
    server = serve(routes)

    summary = crawl_url(crawl_services, server.url("/list.html"))

    assert summary.reports_new == 2
    with crawl_services.database.session() as session:
        failed = dict(
            session.execute(
                select(FetchResult.url, FetchResult.error).where(FetchResult.ok.is_(False))
            ).all()
        )
    poison_errors = {url: error for url, error in failed.items() if "/poison_" in url}
    assert len(poison_errors) == len(CRASHING)
    assert all("无法读取的文档" in (error or "") for error in poison_errors.values())


@pytest.mark.parametrize("path", sorted(POISON.glob("damaged-xml-*.docx")), ids=lambda p: p.name)
def test_a_docx_with_damaged_xml_is_read_as_far_as_it_can_be_and_says_so(path: Path) -> None:
    # Found by scripts/fuzz_readers.py: python-docx gives up on the first XML error.
    report = parse_document(path.read_bytes(), filename=path.name)
    assert report.warnings[0].startswith("DOCX 文件的 XML 已损坏")
    assert "政府信息公开" in report.text and report.sections
