"""The scheduler process: persistent cron jobs per source, crawl requests, clean SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select, text

from config import Settings
from services import Services
from sources.catalogue import SourceConfig, SourcesFile
from storage.models import CrawlRequest, CrawlRun, Report
from tests.gov_sites.server import Reply
from tests.gov_sites.sites import trs_portal

NIANBAO = Path(sys.executable).parent / "nianbao"


def wait_for(condition, timeout: float = 60.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.slow
def test_scheduler_runs_requests_keeps_jobs_and_stops_on_sigterm(data_dir: Path, serve) -> None:  # type: ignore[no-untyped-def]
    portal = trs_portal()
    server = serve(portal.routes)
    SourcesFile(data_dir / "sources.toml").add(
        SourceConfig(
            name="每周一", start_urls=[server.url(portal.start_path)], schedule="0 3 * * 1"
        )
    )
    settings = Settings(data_dir=data_dir)
    services = Services.from_settings(settings)
    env = {
        **os.environ,
        "NIANBAO_DATA_DIR": str(data_dir),
        "NIANBAO_ALLOW_PRIVATE_ADDRESSES": "1",
        "NIANBAO_CRAWL_DELAY": "0",
    }
    process = subprocess.Popen(
        [str(NIANBAO), "scheduler", "--poll-interval", "0.5"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        with services.database.session() as session:
            request = CrawlRequest(
                kind="url", target=server.url(portal.start_path), requested_by="admin"
            )
            session.add(request)
            session.flush()
            request_id = request.id

        def finished() -> bool:
            with services.database.session() as session:
                row = session.get(CrawlRequest, request_id)
                return row is not None and row.status in ("done", "failed")

        assert wait_for(finished), "the request was not processed"
        with services.database.session() as session:
            row = session.get(CrawlRequest, request_id)
            assert row is not None and row.status == "done" and row.error is None
            assert row.picked_at is not None and row.finished_at is not None
            run = session.get(CrawlRun, row.run_id)
            assert run is not None and run.status == "finished" and run.trigger == "request"
            assert len(session.scalars(select(Report)).all()) == 5
            jobs = session.execute(text("SELECT id FROM apscheduler_jobs")).scalars().all()
            assert jobs == ["source:每周一"]
    finally:
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=30)
        services.close()
    assert process.returncode == 0, output
    assert "scheduler stopped" in output


def start_scheduler(data_dir: Path) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "NIANBAO_DATA_DIR": str(data_dir),
        "NIANBAO_ALLOW_PRIVATE_ADDRESSES": "1",
        "NIANBAO_CRAWL_DELAY": "0",
    }
    return subprocess.Popen(
        [str(NIANBAO), "scheduler", "--poll-interval", "0.5"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


@pytest.mark.slow
def test_sigterm_mid_crawl_interrupts_the_run_and_the_next_start_resumes_it(
    data_dir: Path, serve
) -> None:  # type: ignore[no-untyped-def]
    portal = trs_portal()
    for path in portal.report_paths:
        reply = portal.routes[path]
        assert isinstance(reply, Reply)
        reply.delay = 0.4
    server = serve(portal.routes)
    services = Services.from_settings(Settings(data_dir=data_dir))
    with services.database.session() as session:
        queued = CrawlRequest(kind="url", target=server.url(portal.start_path))
        session.add(queued)
        session.flush()
        request_id = queued.id

    def reports_fetched() -> int:
        return sum(server.count(path) for path in portal.report_paths)

    process = start_scheduler(data_dir)
    assert wait_for(lambda: reports_fetched() >= 2)
    process.send_signal(signal.SIGTERM)
    output, _ = process.communicate(timeout=30)
    assert process.returncode == 0, output
    with services.database.session() as session:
        run = session.scalars(select(CrawlRun)).one()
        assert run.status == "interrupted" and run.finished_at is None
        row = session.get(CrawlRequest, request_id)
        assert row is not None and row.status == "queued" and row.run_id == run.id

    process = start_scheduler(data_dir)
    try:

        def done() -> bool:
            with services.database.session() as session:
                row = session.get(CrawlRequest, request_id)
                return row is not None and row.status == "done"

        assert wait_for(done)
    finally:
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=30)
    with services.database.session() as session:
        run = session.scalars(select(CrawlRun)).one()
        assert run.status == "finished" and run.reports_new == 5
    assert all(server.count(path) == 1 for path in portal.report_paths)
    services.close()
