"""Run control: cancellation from the admin area, graceful interruption, resumption."""

from __future__ import annotations

import threading

from sqlalchemy import select, update

from crawler.engine import PageEvent
from crawler.lookahead import LOOKAHEAD_DEPTH
from services import Services
from storage.models import CrawlRun
from tests.crawler.conftest import crawl_url
from tests.gov_sites.sites import trs_portal


def test_a_cancel_request_stops_the_run_between_pages(crawl_services: Services, serve) -> None:  # type: ignore[no-untyped-def]
    portal = trs_portal()
    server = serve(portal.routes)

    def cancel_after_first_page(event: PageEvent) -> None:
        with crawl_services.database.session() as session:
            session.execute(update(CrawlRun).values(cancel_requested=True))

    summary = crawl_url(
        crawl_services, server.url(portal.start_path), progress=cancel_after_first_page
    )
    assert summary.status == "cancelled" and summary.pages_fetched == 1
    with crawl_services.database.session() as session:
        run = session.scalars(select(CrawlRun)).one()
        assert run.status == "cancelled" and run.finished_at is not None


def test_an_interrupted_run_is_resumed_by_the_next_crawl(crawl_services: Services, serve) -> None:  # type: ignore[no-untyped-def]
    portal = trs_portal()
    server = serve(portal.routes)
    stop = threading.Event()

    def stop_after_three_pages(event: PageEvent) -> None:
        if event.done >= 3:
            stop.set()

    first = crawl_url(
        crawl_services,
        server.url(portal.start_path),
        stop_event=stop,
        progress=stop_after_three_pages,
    )
    # Pages already fetched ahead when the stop came are still stored, never thrown away.
    assert first.status == "interrupted" and 3 <= first.pages_fetched < 3 + LOOKAHEAD_DEPTH
    second = crawl_url(crawl_services, server.url(portal.start_path))
    assert second.resumed and second.run_id == first.run_id and second.status == "finished"
    assert first.reports_new + second.reports_new == 5
    assert all(count == 1 for target, count in server.counts().items() if target != "/robots.txt")
