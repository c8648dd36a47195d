"""The crawler and the scheduler's job store on PostgreSQL."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import select, text

from config import Settings
from crawler.engine import PageEvent
from crawler.scheduler import CrawlScheduler
from services import Services
from sources.catalogue import SourceConfig, SourcesFile
from storage.models import CrawlRun, Report
from tests.crawler.conftest import crawl_url
from tests.gov_sites.sites import hanweb_portal


@pytest.mark.postgres
def test_crawl_resume_and_jobs_on_postgres(postgres_url: str, data_dir: Path, serve) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(
        data_dir=data_dir, database_url=postgres_url, allow_private_addresses=True, crawl_delay=0.0
    )
    services = Services.from_settings(settings)
    portal = hanweb_portal()
    server = serve(portal.routes)
    stop = threading.Event()

    def stop_after_four(event: PageEvent) -> None:
        if event.done >= 4:
            stop.set()

    first = crawl_url(
        services, server.url(portal.start_path), stop_event=stop, progress=stop_after_four
    )
    second = crawl_url(services, server.url(portal.start_path))
    assert first.status == "interrupted" and second.resumed and second.status == "finished"
    with services.database.session() as session:
        assert len(session.scalars(select(Report)).all()) == 5
        run = session.scalars(select(CrawlRun)).one()
        assert "resumed" in run.log and "finished" in run.log

    SourcesFile(settings.sources_file).add(
        SourceConfig(name="汉威", start_urls=[server.url(portal.start_path)])
    )
    scheduler = CrawlScheduler.from_settings(services, poll_interval=60)
    scheduler.start()
    scheduler.shutdown()
    with services.database.session() as session:
        assert session.execute(text("SELECT id FROM apscheduler_jobs")).scalars().all() == [
            "source:汉威"
        ]
    services.close()
