"""A server that trickles bytes cannot hold a fetch past its wall-clock deadline."""

from __future__ import annotations

import time

from sqlalchemy import select

from services import Services
from storage.models import FetchResult
from tests.crawler.conftest import crawl_url
from tests.gov_sites.pages import list_items, page, report_page, reports
from tests.gov_sites.server import Reply

REPORTS = reports()


def test_a_trickling_report_is_cut_off_at_the_deadline_and_the_crawl_goes_on(
    crawl_services: Services, serve
) -> None:  # type: ignore[no-untyped-def]
    entries = [
        ("/slow.html", REPORTS[0].title, REPORTS[0].published),
        ("/fast.html", REPORTS[1].title, REPORTS[1].published),
    ]
    server = serve(
        {
            "/list.html": Reply(page("年报", f'<ul class="list">{list_items(entries)}</ul>')),
            # One byte every 0.3 s: each read gets data well inside the read timeout.
            "/slow.html": Reply(b"x" * 200, trickle=0.3),
            "/fast.html": Reply(report_page(REPORTS[1])),
        }
    )
    services = Services.from_settings(crawl_services.settings.with_overrides(fetch_deadline=2.0))
    try:
        started = time.monotonic()
        summary = crawl_url(services, server.url("/list.html"))
        elapsed = time.monotonic() - started
        with services.database.session() as session:
            errors = dict(
                session.execute(
                    select(FetchResult.url, FetchResult.error).where(FetchResult.ok.is_(False))
                ).all()
            )
    finally:
        services.close()
    assert summary.reports_new == 1
    assert "deadline" in (errors[server.url("/slow.html")] or "")
    assert elapsed < 20  # 200 bytes at 0.3 s would take 60 s per attempt
