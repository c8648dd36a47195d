"""DNS rebinding: the address a connection actually reaches is checked, not only the first lookup.

There is no DNS server here, so the up-front check is given a resolver that answers a public
address (as a rebinding DNS server would to the first lookup); the connection itself is a real TCP
connection to a local portal on a loopback address (as the second answer would send it).
"""

from __future__ import annotations

import ipaddress

import pytest
from sqlalchemy import select

from config import Settings
from crawler.downloader import AddressGuard, Fetcher, FetchRequest
from crawler.engine import CrawlEngine, CrawlSummary
from crawler.errors import PrivateAddressRefused
from crawler.service import url_target
from services import Services
from storage.models import FetchResult, Report
from tests.gov_sites.pages import list_items, page, report_page, reports
from tests.gov_sites.server import PortalServer, Reply

REPORTS = reports()
PUBLIC_ADDRESS = "93.184.215.14"


def answers_public(host: str) -> list[str]:
    """A resolver that, like a rebinding DNS server's first answer, says every host is public."""
    return [PUBLIC_ADDRESS]


def portal_with_one_report(host: str = "127.0.0.1") -> PortalServer:
    title, published = REPORTS[0].title, REPORTS[0].published
    listing = page(
        "政府信息公开年报", f'<ul class="list">{list_items([("/a.html", title, published)])}</ul>'
    )
    return PortalServer(
        {"/list.html": Reply(listing), "/a.html": Reply(report_page(REPORTS[0]))}, host=host
    ).start()


def crawl_behind_rebinding_dns(
    services: Services, url: str, *, allow_private: bool
) -> CrawlSummary:
    """Crawl ``url`` with an up-front check that sees only public answers."""
    settings = services.settings.with_overrides(allow_private_addresses=allow_private)
    engine = CrawlEngine(
        services,
        Fetcher.from_settings(settings, backoff_base=0.01),
        AddressGuard(allow_private=False, resolve=answers_public),
        delay=0.0,
    )
    try:
        return engine.crawl(url_target(url))
    finally:
        engine.close()


def test_a_host_that_rebinds_to_loopback_is_refused_when_connected_to(
    crawl_services: Services,
) -> None:
    server = portal_with_one_report()
    try:
        summary = crawl_behind_rebinding_dns(
            crawl_services, server.url("/list.html"), allow_private=False
        )
    finally:
        server.close()
    assert server.requests == []  # refused before a byte was sent, robots.txt included
    assert summary.reports_new == 0 and summary.errors == 1
    with crawl_services.database.session() as session:
        failures = session.execute(
            select(FetchResult.url, FetchResult.error).where(FetchResult.ok.is_(False))
        ).all()
        assert session.scalar(select(Report.id)) is None
    refusal = "connection to 127.0.0.1 reached non-public address 127.0.0.1; refused"
    assert sorted(failures) == [
        (server.url("/list.html"), refusal),
        (server.url("/robots.txt"), refusal),
    ]


def test_the_same_crawl_succeeds_when_private_addresses_are_allowed(
    crawl_services: Services,
) -> None:
    server = portal_with_one_report()
    try:
        summary = crawl_behind_rebinding_dns(
            crawl_services, server.url("/list.html"), allow_private=True
        )
    finally:
        server.close()
    assert summary.reports_new == 1 and summary.errors == 0
    assert server.count("/a.html") == 1


@pytest.mark.parametrize("scheme", ["http", "https"])
def test_the_fetcher_raises_private_address_refused_for_the_url_and_downloads_nothing(
    crawl_settings: Settings, scheme: str
) -> None:
    server = portal_with_one_report()
    # https: refused right after the TCP connect, before the TLS handshake (it would fail here).
    url = server.url("/a.html").replace("http:", f"{scheme}:")
    fetcher = Fetcher.from_settings(crawl_settings.with_overrides(allow_private_addresses=False))
    guard = AddressGuard(allow_private=False, resolve=answers_public)
    try:
        with pytest.raises(PrivateAddressRefused) as refused:
            fetcher.fetch(FetchRequest(url), check_url=guard.check, delay=0.0)
    finally:
        fetcher.close()
        server.close()
    assert refused.value.url == url
    assert server.requests == []


def test_a_redirect_to_a_host_that_rebinds_to_a_refused_address_is_refused(
    crawl_settings: Settings,
) -> None:
    # 127.0.0.2 stands in for a public server; 127.0.0.1 is the refused address.
    refused_address = ipaddress.ip_address("127.0.0.1")
    inner = portal_with_one_report("127.0.0.1")
    outer = PortalServer(
        {"/away.html": Reply(status=302, headers={"Location": inner.url("/a.html")})},
        host="127.0.0.2",
    ).start()
    fetcher = Fetcher.from_settings(
        crawl_settings, refuse_address=lambda address: address == refused_address
    )
    guard = AddressGuard(allow_private=False, resolve=answers_public)
    try:
        with pytest.raises(PrivateAddressRefused) as refused:
            fetcher.fetch(FetchRequest(outer.url("/away.html")), check_url=guard.check, delay=0.0)
    finally:
        fetcher.close()
        outer.close()
        inner.close()
    assert outer.count("/away.html") == 1
    assert refused.value.url == inner.url("/a.html")
    assert inner.requests == []
