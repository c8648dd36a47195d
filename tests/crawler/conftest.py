"""Fixtures for crawler tests: services on a temporary data directory and local portals."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from config import Settings
from crawler.engine import CrawlSummary
from crawler.runs import CrawlTarget
from crawler.service import crawl_target
from services import Services
from tests.gov_sites.server import PortalServer, Route

FAST_RETRIES = {"backoff_base": 0.01}


@pytest.fixture
def crawl_settings(settings: Settings) -> Settings:
    """Test settings with short timeouts and one retry."""
    return settings.with_overrides(connect_timeout=2.0, read_timeout=1.0, max_retries=1)


@pytest.fixture
def crawl_services(crawl_settings: Settings) -> Iterator[Services]:
    """Services (database, blobs, index) without the web app."""
    services = Services.from_settings(crawl_settings)
    yield services
    services.close()


@pytest.fixture
def serve() -> Iterator[Callable[[dict[str, Route]], PortalServer]]:
    """Start a portal with the given routes; all are stopped after the test."""
    servers: list[PortalServer] = []

    def start(routes: dict[str, Route]) -> PortalServer:
        server = PortalServer(routes).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


def crawl_url(services: Services, url: str, **options: object) -> CrawlSummary:
    """Crawl ``url`` ad hoc with fast retries."""
    from crawler.service import url_target

    return crawl_target(services, url_target(url), fetcher_options=FAST_RETRIES, **options)  # type: ignore[arg-type]


def crawl_source(services: Services, target: CrawlTarget, **options: object) -> CrawlSummary:
    """Crawl a source target with fast retries."""
    return crawl_target(services, target, fetcher_options=FAST_RETRIES, **options)  # type: ignore[arg-type]
