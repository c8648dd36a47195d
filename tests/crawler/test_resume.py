"""A crawl killed with SIGKILL resumes from its saved frontier: nothing refetched, nothing lost."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import select

from config import Settings
from services import Services
from sources.catalogue import SourceConfig, SourcesFile
from storage.models import CrawlRun, Report
from tests.gov_sites.server import Reply, SeenRequest
from tests.gov_sites.sites import generic_portal

NIANBAO = Path(sys.executable).parent / "nianbao"


def run_crawl(data_dir: Path, *args: str) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "NIANBAO_DATA_DIR": str(data_dir),
        "NIANBAO_ALLOW_PRIVATE_ADDRESSES": "1",
        "NIANBAO_CRAWL_DELAY": "0.05",
    }
    return subprocess.Popen(
        [str(NIANBAO), "crawl", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


@pytest.mark.slow
def test_a_killed_crawl_resumes_without_refetching(data_dir: Path, serve) -> None:  # type: ignore[no-untyped-def]
    portal = generic_portal()
    held_path = portal.report_paths[3]
    arrived, release = threading.Event(), threading.Event()
    held_reply = portal.routes[held_path]
    assert isinstance(held_reply, Reply)

    def hold_first_request(request: SeenRequest) -> Reply:
        if not arrived.is_set():
            arrived.set()
            release.wait(30)  # the crawler is killed while it waits for this answer
            return Reply(b"", status=503)
        return held_reply

    portal.routes[held_path] = hold_first_request
    server = serve(portal.routes)
    SourcesFile(data_dir / "sources.toml").add(
        SourceConfig(
            name="示例县", start_urls=[server.url(portal.start_path)], allowed_domains=["127.0.0.1"]
        )
    )

    first = run_crawl(data_dir, "--source", "示例县")
    assert arrived.wait(60), "the crawl never reached the held report"
    concurrent = run_crawl(data_dir, "--source", "示例县")
    refused, _ = concurrent.communicate(timeout=60)
    assert concurrent.returncode != 0 and "is running in process" in refused
    first.send_signal(signal.SIGKILL)
    first.communicate(timeout=10)
    release.set()
    fetched_before_kill = server.counts()

    second = run_crawl(data_dir, "--source", "示例县")
    output, _ = second.communicate(timeout=120)
    assert second.returncode == 0, output
    assert "续抓" in output

    counts = server.counts()
    for target, count in counts.items():
        if target == "/robots.txt":
            continue
        expected = 2 if target == held_path else 1
        assert count == expected, f"{target} fetched {count} times"
    assert len(fetched_before_kill) > 3
    services = Services.from_settings(Settings(data_dir=data_dir))
    with services.database.session() as session:
        identities = set(session.scalars(select(Report.identity)))
        assert identities == {server.url(path) for path in portal.report_paths}
        runs = session.scalars(select(CrawlRun)).all()
        assert [(run.status, run.reports_new) for run in runs] == [("finished", 5)]
    services.close()
