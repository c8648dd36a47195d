"""Crawl requests are claimed with a lease: a killed scheduler's requests are queued again."""

from __future__ import annotations

import datetime as dt
import time

from crawler.scheduler import CrawlScheduler
from services import Services
from storage.models import CrawlRequest, utcnow


def _request(services: Services, request_id: int) -> CrawlRequest:
    with services.database.session() as session:
        request = session.get(CrawlRequest, request_id)
        assert request is not None
        session.expunge(request)
        return request


def test_a_request_left_running_by_a_killed_scheduler_is_done_by_the_next_one(
    crawl_services: Services,
) -> None:
    with crawl_services.database.session() as session:
        # What a scheduler killed with SIGKILL mid-request leaves: running, its lease run out.
        abandoned = CrawlRequest(
            kind="reindex",
            status="running",
            picked_at=utcnow() - dt.timedelta(minutes=5),
            lease_until=utcnow() - dt.timedelta(minutes=4),
        )
        session.add(abandoned)
        session.flush()
        request_id = abandoned.id
    scheduler = CrawlScheduler(crawl_services, poll_interval=0.2)
    scheduler.start()
    try:
        deadline = time.monotonic() + 20
        while _request(crawl_services, request_id).status != "done" and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        scheduler.shutdown()
    request = _request(crawl_services, request_id)
    assert request.status == "done"
    assert request.lease_until is None


def test_a_request_whose_lease_is_alive_is_left_to_its_scheduler(
    crawl_services: Services,
) -> None:
    with crawl_services.database.session() as session:
        live = CrawlRequest(
            kind="reindex",
            status="running",
            picked_at=utcnow(),
            lease_until=utcnow() + dt.timedelta(minutes=1),
        )
        session.add(live)
        session.flush()
        request_id = live.id
    scheduler = CrawlScheduler(crawl_services, poll_interval=0.2)
    assert scheduler.requeue_abandoned_requests() == 0
    assert _request(crawl_services, request_id).status == "running"
