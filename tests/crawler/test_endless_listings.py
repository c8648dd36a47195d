"""Endless 下一页 links end: a chain is cut when it repeats itself or grows too long, and the run
records the cut."""

from __future__ import annotations

from sqlalchemy import select

from services import Services
from storage.models import CrawlRun
from tests.crawler.conftest import crawl_url
from tests.gov_sites.pages import list_items, page, report_page, reports
from tests.gov_sites.server import Reply, SeenRequest

REPORTS = reports()


def _number(request: SeenRequest) -> int:
    for part in request.query.split("&"):
        if part.startswith("page="):
            return int(part[5:])
    return 1


def _log(services: Services) -> str:
    with services.database.session() as session:
        return "\n".join(session.scalars(select(CrawlRun.log)))


def test_a_list_that_repeats_the_same_records_forever_is_cut(
    crawl_services: Services, serve
) -> None:  # type: ignore[no-untyped-def]
    entries = [(f"/r{n}.html", REPORTS[n].title, REPORTS[n].published) for n in range(2)]

    def listing(request: SeenRequest) -> Reply:
        following = f'<a href="/list.jsp?page={_number(request) + 1}">下一页</a>'
        return Reply(page("年报", f'<ul class="list">{list_items(entries)}</ul>{following}'))

    server = serve(
        {
            "/list.jsp": listing,
            "/r0.html": Reply(report_page(REPORTS[0])),
            "/r1.html": Reply(report_page(REPORTS[1])),
        }
    )
    summary = crawl_url(crawl_services, server.url("/list.jsp?page=1"))
    listing_pages = sum(1 for r in server.requests if r.path == "/list.jsp")
    assert summary.reports_new == 2
    assert listing_pages <= 1 + crawl_services.settings.max_stale_listing_pages
    assert "without a new report" in _log(crawl_services)


def test_a_chain_that_keeps_showing_new_links_stops_at_its_page_cap(crawl_settings, serve) -> None:  # type: ignore[no-untyped-def]
    def listing(request: SeenRequest) -> Reply:
        number = _number(request)
        title = f"示范县第{number}局2022年政府信息公开工作年度报告"
        item = [(f"/missing_{number}.html", title, "2023-01-01")]
        following = f'<a href="/list.jsp?page={number + 1}">下一页</a>'
        return Reply(page("年报", f'<ul class="list">{list_items(item)}</ul>{following}'))

    server = serve({"/list.jsp": listing})
    services = Services.from_settings(crawl_settings.with_overrides(max_listing_chain=8))
    try:
        crawl_url(services, server.url("/list.jsp?page=1"))
        log = _log(services)
    finally:
        services.close()
    listing_pages = sum(1 for r in server.requests if r.path == "/list.jsp")
    assert listing_pages <= 9
    assert "after 8 pages of one chain" in log
