"""Politeness (robots.txt, User-Agent, delay) and faults: each error is recorded, the crawl goes on."""

from __future__ import annotations

import itertools
import time

from sqlalchemy import select

from config import Settings
from crawler.downloader import AddressGuard
from crawler.errors import PrivateAddressRefused
from services import Services
from storage.models import FetchResult, Report
from tests.crawler.conftest import crawl_url
from tests.gov_sites.pages import list_items, page, report_page, reports
from tests.gov_sites.server import MiB, Reply, SeenRequest

REPORTS = reports()


def listing(*entries: tuple[str, int]) -> Reply:
    """A list page linking to report pages (path, seed number)."""
    items = [(path, REPORTS[number].title, REPORTS[number].published) for path, number in entries]
    return Reply(page("政府信息公开年报", f'<ul class="list">{list_items(items)}</ul>'))


def errors_by_url(services: Services, base: str) -> dict[str, str | None]:
    with services.database.session() as session:
        rows = session.execute(
            select(FetchResult.url, FetchResult.error).where(FetchResult.ok.is_(False))
        ).all()
    return {url.removeprefix(base): error for url, error in rows}


def test_robots_txt_disallow_is_obeyed(crawl_services: Services, serve) -> None:  # type: ignore[no-untyped-def]
    server = serve(
        {
            "/robots.txt": Reply(
                b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"
            ),
            "/list.html": listing(("/public/a1.html", 0), ("/private/a2.html", 1)),
            "/public/a1.html": Reply(report_page(REPORTS[0])),
            "/private/a2.html": Reply(report_page(REPORTS[1])),
        }
    )
    summary = crawl_url(crawl_services, server.url("/list.html"))
    assert server.count("/private/a2.html") == 0
    assert server.count("/public/a1.html") == 1
    assert summary.reports_new == 1
    assert "robots.txt" in (
        errors_by_url(crawl_services, server.base_url)["/private/a2.html"] or ""
    )


def test_a_robots_txt_server_error_means_disallow_all_and_404_means_allow(
    crawl_services: Services, serve
) -> None:  # type: ignore[no-untyped-def]
    failing = serve(
        {"/robots.txt": Reply(b"oops", status=503), "/list.html": listing(("/a.html", 0))}
    )
    summary = crawl_url(crawl_services, failing.url("/list.html"))
    assert failing.count("/list.html") == 0 and summary.errors == 1
    missing = serve(
        {"/list.html": listing(("/a.html", 0)), "/a.html": Reply(report_page(REPORTS[0]))}
    )
    assert crawl_url(crawl_services, missing.url("/list.html")).reports_new == 1


def test_requests_carry_our_user_agent_and_keep_the_delay(crawl_services: Services, serve) -> None:  # type: ignore[no-untyped-def]
    server = serve(
        {
            "/list.html": listing(("/a.html", 0), ("/b.html", 1)),
            "/a.html": Reply(report_page(REPORTS[0])),
            "/b.html": Reply(report_page(REPORTS[1])),
        }
    )
    crawl_url(crawl_services, server.url("/list.html"), delay=0.3)
    pages = [r for r in server.requests if r.path != "/robots.txt"]
    assert all(r.headers["User-Agent"].startswith("NianbaoBot/") for r in server.requests)
    gaps = [later.at - earlier.at for earlier, later in itertools.pairwise(pages)]
    assert len(gaps) == 2 and min(gaps) >= 0.29


def test_a_server_error_is_retried_and_a_404_is_not(crawl_services: Services, serve) -> None:  # type: ignore[no-untyped-def]
    answers = iter([Reply(b"busy", status=500)])

    def flaky(request: SeenRequest) -> Reply:
        return next(answers, Reply(report_page(REPORTS[0])))

    server = serve(
        {"/list.html": listing(("/flaky.html", 0), ("/missing.html", 1)), "/flaky.html": flaky}
    )
    summary = crawl_url(crawl_services, server.url("/list.html"))
    assert server.count("/flaky.html") == 2 and summary.reports_new == 1
    assert server.count("/missing.html") == 1
    assert errors_by_url(crawl_services, server.base_url)["/missing.html"] == "HTTP 404 Not Found"


def test_timeouts_truncated_bodies_and_redirect_loops_are_recorded(
    crawl_services: Services, serve
) -> None:  # type: ignore[no-untyped-def]
    body = report_page(REPORTS[2])
    server = serve(
        {
            "/list.html": listing(
                ("/slow.html", 0), ("/cut.html", 1), ("/loop.html", 2), ("/ok.html", 3)
            ),
            "/slow.html": Reply(report_page(REPORTS[0]), delay=1.5),
            "/cut.html": Reply(body[:2000], declared_length=len(body)),
            "/loop.html": Reply(status=302, headers={"Location": "/loop2.html"}),
            "/loop2.html": Reply(status=302, headers={"Location": "/loop.html"}),
            "/ok.html": Reply(report_page(REPORTS[3])),
        }
    )
    summary = crawl_url(crawl_services, server.url("/list.html"))
    errors = errors_by_url(crawl_services, server.base_url)
    assert "timed out" in (errors["/slow.html"] or "") and server.count("/slow.html") == 2
    assert "truncated" in (errors["/cut.html"] or "")
    assert "redirect loop" in (errors["/loop.html"] or "")
    assert summary.reports_new == 1 and summary.errors == 3


def test_a_huge_file_is_rejected_without_reading_it(crawl_settings: Settings, serve) -> None:  # type: ignore[no-untyped-def]
    services = Services.from_settings(crawl_settings.with_overrides(max_body_bytes=5 * MiB))
    declared = Reply(stream_bytes=50 * MiB, content_type="application/pdf")
    undeclared = Reply(stream_bytes=50 * MiB, content_type="application/pdf", declared_length=-1)
    server = serve(
        {
            "/list.html": listing(("/big.pdf", 0), ("/big2.pdf", 1)),
            "/big.pdf": declared,
            "/big2.pdf": undeclared,
        }
    )
    crawl_url(services, server.url("/list.html"))
    errors = errors_by_url(services, server.base_url)
    assert "exceeds the limit" in (errors["/big.pdf"] or "")
    assert "exceeds the limit" in (errors["/big2.pdf"] or "")
    assert server.bytes_streamed < 20 * MiB  # aborted after the 5 MiB limit, not read to 100
    services.close()


def test_redirects_off_the_allowed_host_are_refused(crawl_services: Services, serve) -> None:  # type: ignore[no-untyped-def]
    other = serve({"/a.html": Reply(report_page(REPORTS[0]))})
    server = serve(
        {
            "/list.html": listing(("/away.html", 0)),
            "/away.html": Reply(
                status=301,
                headers={"Location": other.url("/a.html").replace("127.0.0.1", "localhost")},
            ),
        }
    )
    crawl_url(crawl_services, server.url("/list.html"))
    assert other.count("/a.html") == 0
    assert "outside the allowed domains" in (
        errors_by_url(crawl_services, server.base_url)["/away.html"] or ""
    )


def test_a_wrong_declared_charset_is_recorded_and_the_report_still_read(
    crawl_services: Services, serve
) -> None:  # type: ignore[no-untyped-def]
    wrong = report_page(REPORTS[0], charset="utf-8", declared="gbk")
    server = serve(
        {
            "/list.html": listing(("/wrong.html", 0)),
            "/wrong.html": Reply(wrong, content_type="text/html; charset=gbk"),
        }
    )
    summary = crawl_url(crawl_services, server.url("/list.html"))
    assert summary.reports_new == 1
    with crawl_services.database.session() as session:
        result = session.scalar(
            select(FetchResult).where(FetchResult.url == server.url("/wrong.html"))
        )
        assert result is not None and "declared charset gbk" in (result.error or "")
        assert session.scalar(select(Report.agency)) == REPORTS[0].agency


def test_private_and_loopback_addresses_are_refused_unless_allowed() -> None:
    guard = AddressGuard(allow_private=False)
    for url in (
        "http://127.0.0.1/",
        "http://10.1.2.3/",
        "http://169.254.169.254/latest",
        "http://[::1]/",
    ):
        try:
            guard.check(url)
        except PrivateAddressRefused:
            continue
        raise AssertionError(f"{url} was not refused")
    AddressGuard(allow_private=True).check("http://127.0.0.1/")


def test_the_crawl_goes_on_after_a_failing_page(crawl_services: Services, serve) -> None:  # type: ignore[no-untyped-def]
    server = serve(
        {
            "/list.html": listing(("/broken.html", 0), ("/fine.html", 1)),
            "/broken.html": Reply(b"\x00\xff" * 10, content_type="application/pdf"),
            "/fine.html": Reply(report_page(REPORTS[1])),
        }
    )
    started = time.monotonic()
    summary = crawl_url(crawl_services, server.url("/list.html"))
    assert summary.reports_new == 1 and summary.errors == 1
    assert "parse error" in (errors_by_url(crawl_services, server.base_url)["/broken.html"] or "")
    assert time.monotonic() - started < 10
