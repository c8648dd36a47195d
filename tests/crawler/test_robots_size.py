"""robots.txt is read up to 500 KiB, as major crawlers do; the rest is ignored, never loaded."""

from __future__ import annotations

from services import Services
from tests.crawler.conftest import crawl_url
from tests.gov_sites.pages import list_items, page, report_page, reports
from tests.gov_sites.server import MiB, Reply

REPORTS = reports()


def test_a_huge_robots_txt_is_read_up_to_its_head_and_obeyed(
    crawl_services: Services, serve
) -> None:  # type: ignore[no-untyped-def]
    # Bigger than the 20 MiB body cap: read whole, it would be refused and the host skipped.
    robots = b"User-agent: *\nDisallow: /private/\n" + b"# padding\n" * (3 * MiB)
    entries = [
        ("/public/a.html", REPORTS[0].title, REPORTS[0].published),
        ("/private/b.html", REPORTS[1].title, REPORTS[1].published),
    ]
    server = serve(
        {
            "/robots.txt": Reply(robots, content_type="text/plain"),
            "/list.html": Reply(page("年报", f'<ul class="list">{list_items(entries)}</ul>')),
            "/public/a.html": Reply(report_page(REPORTS[0])),
            "/private/b.html": Reply(report_page(REPORTS[1])),
        }
    )
    summary = crawl_url(crawl_services, server.url("/list.html"))
    assert summary.reports_new == 1
    assert server.count("/public/a.html") == 1
    assert server.count("/private/b.html") == 0
