"""Crawl requests from the admin area, as the scheduler runs them: source, retry, reindex."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import select

from crawler.scheduler import CrawlScheduler
from services import Services
from sources.catalogue import SourceConfig, SourcesFile
from storage.models import CrawlRequest, CrawlRun
from tests.crawler.conftest import crawl_url
from tests.gov_sites.pages import list_items, page, report_page, reports
from tests.gov_sites.server import PortalServer, Reply, SeenRequest
from tests.gov_sites.sites import vsb_portal


@pytest.fixture
def scheduler(crawl_services: Services) -> Iterator[CrawlScheduler]:
    """A scheduler that is not started: requests are handled in the test's thread."""
    yield CrawlScheduler.from_settings(crawl_services, fetcher_options={"backoff_base": 0.01})


def request(services: Services, kind: str, target: str | None = None) -> int:
    with services.database.session() as session:
        row = CrawlRequest(kind=kind, target=target)
        session.add(row)
        session.flush()
        return row.id


def finished_request(services: Services, request_id: int) -> CrawlRequest:
    with services.database.session() as session:
        row = session.get(CrawlRequest, request_id)
        assert row is not None
        return row


def test_source_then_retry_of_the_failed_pages(
    crawl_services: Services, scheduler: CrawlScheduler, serve
) -> None:  # type: ignore[no-untyped-def]
    portal = vsb_portal()
    broken = portal.report_paths[2]
    healthy = portal.routes[broken]
    portal.routes[broken] = Reply(b"maintenance", status=503)
    server = serve(portal.routes)
    SourcesFile(crawl_services.settings.sources_file).add(
        SourceConfig(name="博达", start_urls=[server.url(portal.start_path)])
    )
    first = request(crawl_services, "source", "博达")
    scheduler.poll()
    row = finished_request(crawl_services, first)
    assert row.status == "done" and row.run_id is not None and row.finished_at is not None
    with crawl_services.database.session() as session:
        run = session.get(CrawlRun, row.run_id)
        assert (
            run is not None
            and run.reports_new == 4
            and run.errors == 1
            and run.trigger == "request"
        )

    server.routes[broken] = healthy
    retry = request(crawl_services, "retry", str(row.run_id))
    scheduler.poll()
    retried = finished_request(crawl_services, retry)
    assert retried.status == "done"
    with crawl_services.database.session() as session:
        run = session.get(CrawlRun, retried.run_id)
        assert run is not None and run.reports_new == 1 and run.pages_fetched == 1
    assert server.count(portal.start_path) == 1  # the retry fetched only the failed page


def test_retry_of_a_url_list_and_reindex(
    crawl_services: Services, scheduler: CrawlScheduler, serve
) -> None:  # type: ignore[no-untyped-def]
    server = serve({"/a.html": Reply(report_page(reports()[0]))})
    retry = request(crawl_services, "retry", json.dumps([server.url("/a.html")]))
    scheduler.poll()
    assert finished_request(crawl_services, retry).status == "done"
    crawl_services.search.clear()
    reindex = request(crawl_services, "reindex")
    scheduler.poll()
    assert finished_request(crawl_services, reindex).status == "done"
    assert crawl_services.search.document_count() == 1


def test_a_bad_request_fails_with_its_reason(
    crawl_services: Services, scheduler: CrawlScheduler
) -> None:
    unknown = request(crawl_services, "source", "没有这个来源")
    scheduler.poll()
    row = finished_request(crawl_services, unknown)
    assert row.status == "failed" and "没有这个来源" in (row.error or "")


def test_requests_are_taken_in_order_and_only_once(
    crawl_services: Services, scheduler: CrawlScheduler, serve
) -> None:  # type: ignore[no-untyped-def]
    seen: list[str] = []

    def record(request: SeenRequest) -> Reply:
        seen.append(request.path)
        return Reply(report_page(reports()[0]))

    server = serve({"/one.html": record, "/two.html": record})
    for path in ("/one.html", "/two.html"):
        request(crawl_services, "retry", json.dumps([server.url(path)]))
    scheduler.poll()
    scheduler.poll()
    assert seen == ["/one.html", "/two.html"]
    with crawl_services.database.session() as session:
        assert set(session.scalars(select(CrawlRequest.status))) == {"done"}


def portal_watching_request(
    services: Services, serve: Callable[..., PortalServer], observed: list[tuple[str, int | None]]
) -> PortalServer:
    """A listing and one report; when the report is asked for (mid-run), the crawl request row
    is read from a separate session and its (status, run_id) appended to ``observed``."""
    report = reports()[0]

    def report_while_watching(seen: SeenRequest) -> Reply:
        with services.database.session() as session:
            row = session.scalars(select(CrawlRequest)).one()
            observed.append((row.status, row.run_id))
        return Reply(report_page(report))

    listing = list_items([("/a.html", report.title, report.published)])
    return serve(
        {
            "/list.html": Reply(page("政府信息公开年报", f'<ul class="list">{listing}</ul>')),
            "/a.html": report_while_watching,
        }
    )


def test_a_request_links_its_run_as_soon_as_the_run_starts(
    crawl_services: Services, scheduler: CrawlScheduler, serve
) -> None:  # type: ignore[no-untyped-def]
    observed: list[tuple[str, int | None]] = []
    server = portal_watching_request(crawl_services, serve, observed)
    queued = request(crawl_services, "url", server.url("/list.html"))
    scheduler.poll()
    row = finished_request(crawl_services, queued)
    assert row.status == "done" and row.run_id is not None
    assert observed == [("running", row.run_id)]


def test_a_request_that_resumes_an_interrupted_run_links_that_run_while_it_runs(
    crawl_services: Services, scheduler: CrawlScheduler, serve
) -> None:  # type: ignore[no-untyped-def]
    observed: list[tuple[str, int | None]] = []
    server = portal_watching_request(crawl_services, serve, observed)
    stop = threading.Event()
    interrupted = crawl_url(
        crawl_services, server.url("/list.html"), stop_event=stop, progress=lambda _: stop.set()
    )
    assert interrupted.status == "interrupted" and server.count("/a.html") == 0
    queued = request(crawl_services, "url", server.url("/list.html"))
    scheduler.poll()
    assert finished_request(crawl_services, queued).run_id == interrupted.run_id
    assert observed == [("running", interrupted.run_id)]


def test_an_idle_scheduler_logs_nothing_per_poll(
    crawl_services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    import logging
    import time

    running = CrawlScheduler(crawl_services, poll_interval=0.1)
    caplog.set_level(logging.INFO)
    running.start()
    try:
        time.sleep(1.2)  # about ten idle polls
    finally:
        running.shutdown()
    polls = [r for r in caplog.records if r.levelno >= logging.INFO and "poll" in r.getMessage()]
    assert len(polls) <= 2, [r.getMessage() for r in polls]  # started / stopped, not every poll
    assert not [r for r in caplog.records if r.name.startswith("apscheduler.executors")]


def test_an_all_sources_request_records_every_run_it_started(
    crawl_services: Services, scheduler: CrawlScheduler, serve
) -> None:  # type: ignore[no-untyped-def]
    from portal.admin.recrawl_views import runs_of_request

    first, second = vsb_portal(), vsb_portal()
    sources = SourcesFile(crawl_services.settings.sources_file)
    for name, portal in (("甲", first), ("乙", second)):
        server = serve(portal.routes)
        sources.add(SourceConfig(name=name, start_urls=[server.url(portal.start_path)]))
    request_id = request(crawl_services, "all")
    scheduler.poll()
    with crawl_services.database.session() as session:
        row = session.get(CrawlRequest, request_id)
        assert row is not None and row.status == "done"
        runs = runs_of_request(session, row)
        assert sorted(run.source_name for run in runs) == ["乙", "甲"]
        assert row.run_id == runs[-1].id  # the live link follows the latest


def test_a_url_recrawl_of_a_report_page_archives_it_instead_of_walking_the_site(
    crawl_services: Services, serve
) -> None:  # type: ignore[no-untyped-def]
    report = reports()[0]
    navigation = (
        '<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/xxgk/ndbg/">年报</a></div>'
        f'<p><a href="/xxgk/ndbg/prev.html">上一篇：{reports()[1].title}</a> '
        f'<a href="/xxgk/ndbg/next.html">下一篇：{reports()[2].title}</a></p>'
    )
    server = serve(
        {
            "/xxgk/ndbg/this.html": Reply(report_page(report, extra=navigation)),
            "/xxgk/ndbg/prev.html": Reply(report_page(reports()[1])),
            "/xxgk/ndbg/next.html": Reply(report_page(reports()[2])),
            "/xxgk/ndbg/": Reply(b"<html><body>list</body></html>"),
        }
    )
    summary = crawl_url(crawl_services, server.url("/xxgk/ndbg/this.html"))
    assert summary.reports_new == 1
    assert server.count("/xxgk/ndbg/prev.html") == server.count("/xxgk/ndbg/next.html") == 0
    with crawl_services.database.session() as session:
        from storage.models import Report

        assert session.scalars(select(Report.agency)).all() == [report.agency]
