"""The run page's script under the real Content-Security-Policy: counters change without a reload."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from werkzeug.serving import make_server

from services import Services
from storage.models import CrawlRun, utcnow
from tests.admin.conftest import ADMIN_PASSWORD

playwright_sync = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
#: Two polls of two seconds, plus slack.
UPDATE_MILLISECONDS = 10_000


@pytest.fixture
def base_url(app: Flask) -> Iterator[str]:
    """The app served by werkzeug in a thread on a free port."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture
def page(base_url: str) -> Iterator[object]:
    """A Chromium page that records console errors (CSP violations show up there)."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (make browser)")
    with playwright_sync.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(base_url=base_url, locale="zh-CN")
        page = context.new_page()
        page.console_errors = []
        page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
        yield page
        browser.close()


def test_run_page_counters_follow_the_run_without_reloading(  # type: ignore[no-untyped-def]
    page, services: Services, admin_account: str
) -> None:
    with services.database.session() as session:
        run = CrawlRun(source_name="演示门户", status="running", pages_fetched=1)
        session.add(run)
        session.flush()
        run_id = run.id

    page.goto(f"/admin/runs/{run_id}")
    page.get_by_label("用户名").fill(admin_account)
    page.get_by_label("密码").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"**/admin/runs/{run_id}")
    assert page.locator('[data-field="pages_fetched"]').inner_text() == "1"
    page.evaluate("window.loadedOnce = true")

    with services.database.session() as session:
        running = session.get(CrawlRun, run_id)
        running.pages_fetched, running.reports_new, running.errors = 12, 4, 2
        running.log = "抓取到第 12 页\n"
    playwright_sync.expect(page.locator('[data-field="pages_fetched"]')).to_have_text(
        "12", timeout=UPDATE_MILLISECONDS
    )
    assert page.locator('[data-field="reports_new"]').inner_text() == "4"
    assert page.locator('[data-field="errors"]').inner_text() == "2"
    assert "抓取到第 12 页" in page.locator('[data-field="log"]').inner_text()
    assert page.evaluate("window.loadedOnce") is True, "the page was reloaded"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "admin-live-progress.png"), full_page=True)

    with services.database.session() as session:
        finished = session.get(CrawlRun, run_id)
        finished.status, finished.finished_at = "finished", utcnow()
    page.wait_for_selector(
        '[data-field="status"][data-status="finished"]', timeout=UPDATE_MILLISECONDS
    )
    assert page.locator('[data-field="status"]').inner_text() == "已完成"
    assert page.console_errors == [], page.console_errors
