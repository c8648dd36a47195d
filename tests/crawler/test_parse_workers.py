"""Parsing in worker processes: a dying worker fails its page only, and blobs precede their rows."""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

import crawler.engine
from archive.parsing import (
    ParseJob,
    ParseTimedOut,
    ParseWorkerCrashed,
    ParseWorkers,
    ParseWorkersUnavailable,
    parse_and_keep,
)
from parsers.model import ParsedReport, ParseError
from services import Services
from storage.blobs import BlobStore, sha256_of
from storage.models import FetchResult, Report, ReportVersion
from tests.crawler.conftest import crawl_url
from tests.gov_sites.pages import list_items, page, report_page, reports
from tests.gov_sites.server import PortalServer, Reply, Route

REPORTS = reports()
#: A document carrying this marker kills the worker process that parses it.
CRASH_MARKER = b"<!-- kill the parse worker -->"


#: A document carrying this marker makes the parser hang.
HANG_MARKER = b"<!-- hang the parse worker -->"


def parse_or_hang(job: ParseJob, blobs_root: Path | None) -> ParsedReport:
    """Parse as the crawler does, but never return on a marked document."""
    if HANG_MARKER in job.data:
        time.sleep(3600)
    return parse_and_keep(job, blobs_root)


def parse_or_die(job: ParseJob, blobs_root: Path | None) -> ParsedReport:
    """Parse as the crawler does, but end the worker process abruptly on a marked document."""
    if CRASH_MARKER in job.data:
        os._exit(70)
    return parse_and_keep(job, blobs_root)


def listing(*entries: tuple[str, int]) -> Reply:
    """A list page linking to report pages (path, seed number)."""
    items = [(path, REPORTS[number].title, REPORTS[number].published) for path, number in entries]
    return Reply(page("政府信息公开年报", f'<ul class="list">{list_items(items)}</ul>'))


def test_a_dying_parse_worker_fails_its_page_and_the_crawl_goes_on(
    crawl_services: Services,
    serve: Callable[[dict[str, Route]], PortalServer],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(
        crawler.engine, "ParseWorkers", functools.partial(ParseWorkers, parse=parse_or_die)
    )
    server = serve(
        {
            "/list.html": listing(("/a.html", 0), ("/poison.html", 1), ("/b.html", 2)),
            "/a.html": Reply(report_page(REPORTS[0])),
            "/poison.html": Reply(report_page(REPORTS[1]) + CRASH_MARKER),
            "/b.html": Reply(report_page(REPORTS[2])),
        }
    )
    summary = crawl_url(crawl_services, server.url("/list.html"))
    assert summary.status == "finished"
    assert summary.reports_new == 2 and summary.errors == 1
    with crawl_services.database.session() as session:
        failed = session.execute(
            select(FetchResult.url, FetchResult.error).where(FetchResult.ok.is_(False))
        ).all()
        identities = set(session.scalars(select(Report.identity)))
        digests = list(session.scalars(select(ReportVersion.sha256)))
    assert [
        (url.removeprefix(server.base_url), "died" in (error or "")) for url, error in failed
    ] == [("/poison.html", True)]
    assert identities == {server.url("/a.html"), server.url("/b.html")}
    assert digests and all(crawl_services.blobs.exists(digest) for digest in digests)


def test_a_document_that_kills_its_worker_twice_is_reported_and_the_pool_recovers(
    tmp_path: Path,
) -> None:
    workers = ParseWorkers(1, blobs_root=tmp_path, parse=parse_or_die)
    try:
        with pytest.raises(ParseWorkerCrashed):
            workers.result(workers.submit(ParseJob(CRASH_MARKER, filename="poison.html")))
        parsed = workers.result(workers.submit(ParseJob(report_page(REPORTS[0]), "a.html")))
        assert parsed.agency == REPORTS[0].agency
        with pytest.raises(ParseError):
            workers.result(workers.submit(ParseJob(b"\x00\xff" * 10, "broken.pdf")))
    finally:
        workers.close()


def test_workers_that_die_on_every_document_stop_the_run(tmp_path: Path) -> None:
    workers = ParseWorkers(1, blobs_root=tmp_path, parse=parse_or_die)
    try:
        for _ in range(2):
            with pytest.raises(ParseWorkerCrashed):
                workers.result(workers.submit(ParseJob(CRASH_MARKER, filename="poison.html")))
        with pytest.raises(ParseWorkersUnavailable):
            workers.result(workers.submit(ParseJob(CRASH_MARKER, filename="poison.html")))
    finally:
        workers.close()


def test_a_parsed_document_is_kept_in_the_blob_store_by_the_worker(tmp_path: Path) -> None:
    data = report_page(REPORTS[0])
    workers = ParseWorkers(1, blobs_root=tmp_path)
    try:
        workers.result(workers.submit(ParseJob(data, filename="a.html")))
    finally:
        workers.close()
    assert BlobStore(tmp_path).get(sha256_of(data)) == data


def test_a_document_that_hangs_the_parser_times_out_and_the_next_one_parses(
    tmp_path: Path,
) -> None:
    workers = ParseWorkers(1, blobs_root=tmp_path, parse=parse_or_hang, timeout=2.0)
    try:
        with pytest.raises(ParseTimedOut, match="解析超过 2 秒"):
            workers.result(workers.submit(ParseJob(HANG_MARKER, filename="stuck.html")))
        parsed = workers.result(workers.submit(ParseJob(report_page(REPORTS[0]), "a.html")))
        assert parsed.agency == REPORTS[0].agency
    finally:
        workers.close(wait=False)
