"""End to end, as an admin: recrawl one report page after its portal changed it (a new version,
变更 1, and no walk through the site), and cancel a slow crawl from its run page.

A small portal runs in a thread on 127.0.0.1: one report page whose text the test changes, and
a listing of slow report pages. Screenshots land in ``test-artifacts/screenshots/journey-*.png``.
"""

# ruff: noqa: F811  (the browser fixtures are imported, and requested by name)
from __future__ import annotations

import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from werkzeug.serving import make_server

from tests.admin.test_admin_browser import (  # noqa: F401  (fixtures)
    ADMIN_NAME,
    ADMIN_PASSWORD,
    BIN,
    CRAWL_SECONDS,
    PROJECT_ROOT,
    SCREENSHOTS,
    browser,
    environment,
    scheduler,
    web_server,
)
from tests.gov_sites.pages import report_page, reports

pytest.importorskip("playwright.sync_api")
pytestmark = [pytest.mark.browser, pytest.mark.slow]

SLOW_PAGES = 40
SLOW_SECONDS = 0.5


class ChangingPortal:
    """A portal whose one report page changes when the test says so, plus slow report pages."""

    def __init__(self) -> None:
        self.report = reports()[0]
        self.changed = False
        self.requests: list[str] = []
        app = Flask(__name__)

        @app.get("/robots.txt")
        def robots() -> tuple[str, int, dict[str, str]]:
            return "User-agent: *\nAllow: /\n", 200, {"Content-Type": "text/plain"}

        @app.get("/xxgk/ndbg/report.html")
        def report() -> bytes:
            self.requests.append("report")
            extra = "<p>（2024年3月更正：第二部分数字有误，已更新）</p>" if self.changed else ""
            navigation = '<p><a href="/xxgk/ndbg/slow_1.html">下一篇：某局2022年政府信息公开工作年度报告</a></p>'
            return report_page(self.report, extra=extra + navigation)

        @app.get("/xxgk/ndbg/slow.html")
        def slow_listing() -> str:
            items = "".join(
                f'<li><a href="/xxgk/ndbg/slow_{n}.html">某局{2000 + n}年政府信息公开工作年度报告</a></li>'
                for n in range(SLOW_PAGES)
            )
            return f"<html><head><title>年报</title></head><body><ul>{items}</ul></body></html>"

        @app.get("/xxgk/ndbg/slow_<int:number>.html")
        def slow_report(number: int) -> bytes:
            self.requests.append(f"slow_{number}")
            time.sleep(SLOW_SECONDS)
            return report_page(reports()[number % len(reports())])

        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_port}{path}"


@pytest.fixture
def changing_portal() -> Iterator[ChangingPortal]:
    portal = ChangingPortal()
    portal.thread.start()
    yield portal
    portal.server.shutdown()


def shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"journey-{name}.png"), full_page=True)


def _request_url_crawl(page, url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/admin/sources")
    page.locator(".recrawl-form select[name=kind]").select_option("url")
    page.locator(".recrawl-form input[name=target]").fill(url)
    page.locator(".recrawl-form").get_by_role("button", name="立即抓取").click()
    page.wait_for_url("**/admin/requests/*")
    run_link = page.locator('#request-status [data-field="run"] a')
    run_link.wait_for(timeout=CRAWL_SECONDS * 1000)
    run_link.click()
    page.wait_for_url("**/admin/runs/*")


def test_an_admin_recrawls_a_changed_report_and_cancels_a_slow_crawl(  # type: ignore[no-untyped-def]
    environment: dict[str, str],
    web_server: str,
    scheduler: Path,
    browser,
    changing_portal: ChangingPortal,
) -> None:
    created = subprocess.run(
        [str(BIN / "nianbao"), "create-admin", ADMIN_NAME, "--password-stdin"],
        input=ADMIN_PASSWORD + "\n",
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        env=environment,
        timeout=60,
        check=False,
    )
    assert created.returncode == 0, created.stderr
    context = browser.new_context(
        base_url=web_server, viewport={"width": 1280, "height": 900}, locale="zh-CN"
    )
    page = context.new_page()
    page.goto("/admin/sources")
    page.get_by_label("用户名").fill(ADMIN_NAME)
    page.get_by_label("密码").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/admin/sources")

    # The report is archived, then its portal changes it; recrawling the URL keeps a new version.
    report_url = changing_portal.url("/xxgk/ndbg/report.html")
    finished = '#run-progress [data-field="status"][data-status="finished"]'
    _request_url_crawl(page, report_url)
    page.wait_for_selector(finished, timeout=CRAWL_SECONDS * 1000)
    assert page.locator('[data-field="reports_new"]').inner_text() == "1"
    changing_portal.changed = True
    _request_url_crawl(page, report_url)
    page.wait_for_selector(finished, timeout=CRAWL_SECONDS * 1000)
    assert page.locator('[data-field="reports_changed"]').inner_text() == "1"
    assert not [r for r in changing_portal.requests if r.startswith("slow_")]  # no site walk
    shot(page, "01-recrawled-changed-report")

    # A slow crawl is cancelled from its run page.
    _request_url_crawl(page, changing_portal.url("/xxgk/ndbg/slow.html"))
    page.get_by_role("button", name="取消任务").click()
    page.wait_for_selector(
        '#run-progress [data-field="status"][data-status="cancelled"]',
        timeout=CRAWL_SECONDS * 1000,
    )
    fetched = len([r for r in changing_portal.requests if r.startswith("slow_")])
    assert fetched < SLOW_PAGES
    shot(page, "02-cancelled")
    context.close()
