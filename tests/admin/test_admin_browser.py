"""End to end: sign in through Chromium, recrawl the demo portal, watch the run live, search.

Three real processes share one data directory, as in production: the web server (gunicorn),
``nianbao scheduler`` and the ``nianbao create-admin`` command. The demo government portal runs
on 127.0.0.1. Screenshots land in ``test-artifacts/screenshots/admin-*.png``.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from demo_portal.server import DemoPortalServer

playwright_sync = pytest.importorskip("playwright.sync_api")

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PROJECT_ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
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
SCREENSHOTS = PROJECT_ROOT / "test-artifacts" / "screenshots"
ADMIN_NAME = "e2e-admin"
ADMIN_PASSWORD = "a password for the browser test"
DEMO_REPORTS = 5
SERVER_START_SECONDS = 30
CRAWL_SECONDS = 180


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def environment(tmp_path: Path) -> dict[str, str]:
    """``NIANBAO_*`` variables of the three processes: one data directory, no crawl delay, one
    retry (the test portals answer or refuse at once; backoff is specified in tests/crawler)."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    return {
        **os.environ,
        "NIANBAO_DATA_DIR": str(data_dir),
        "NIANBAO_ALLOW_PRIVATE_ADDRESSES": "1",
        "NIANBAO_CRAWL_DELAY": "0",
        "NIANBAO_MAX_RETRIES": "1",
        "PYTHONPATH": str(PROJECT_ROOT),
    }


def start_process(
    command: list[str], environment: dict[str, str], log: Path
) -> subprocess.Popen[bytes]:
    with log.open("wb") as output:
        return subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT
        )


def stop_process(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@pytest.fixture
def web_server(environment: dict[str, str], tmp_path: Path) -> Iterator[str]:
    """The portal with its admin area, served by gunicorn on a free port."""
    port = free_port()
    log = tmp_path / "web.log"
    command = [
        str(BIN / "gunicorn"),
        "--bind", f"127.0.0.1:{port}",
        "--workers", "1",
        "--threads", "4",
        "tests.admin.served_app:create_served_app()",
    ]  # fmt: skip
    process = start_process(command, environment, log)
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START_SECONDS
        while True:
            try:
                with urllib.request.urlopen(f"{base_url}/admin/sign-in", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:  # refused, reset or timed out while gunicorn starts
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"web server did not start:\n{log.read_text(errors='replace')}")
            time.sleep(0.3)
        yield base_url
    finally:
        stop_process(process)


@pytest.fixture
def scheduler(environment: dict[str, str], tmp_path: Path, web_server: str) -> Iterator[Path]:
    """``nianbao scheduler``, polling the crawl requests every second; yields its log file."""
    log = tmp_path / "scheduler.log"
    process = start_process(
        [str(BIN / "nianbao"), "scheduler", "--poll-interval", "1"], environment, log
    )
    try:
        yield log
    finally:
        stop_process(process)


@pytest.fixture
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (make browser)")
    with playwright_sync.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"admin-{name}.png"), full_page=True)


def test_admin_recrawls_a_portal_and_watches_the_run_finish(  # type: ignore[no-untyped-def]
    environment: dict[str, str],
    web_server: str,
    scheduler: Path,
    browser,
    demo_portal: DemoPortalServer,
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
    assert ADMIN_NAME in created.stdout

    context = browser.new_context(
        base_url=web_server, viewport={"width": 1280, "height": 900}, locale="zh-CN"
    )
    page = context.new_page()
    console_errors: list[str] = []
    page.on(
        "console", lambda message: message.type == "error" and console_errors.append(message.text)
    )

    page.goto("/admin/runs")
    page.wait_for_url("**/admin/sign-in?next=*")
    shot(page, "01-sign-in")
    page.get_by_label("用户名").fill(ADMIN_NAME)
    page.get_by_label("密码").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/admin/runs")

    page.goto("/admin/sources")
    page.locator(".recrawl-form select[name=kind]").select_option("url")
    page.locator(".recrawl-form input[name=target]").fill(demo_portal.listing_url)
    shot(page, "02-sources-recrawl")
    page.locator(".recrawl-form").get_by_role("button", name="立即抓取").click()
    page.wait_for_url("**/admin/requests/*")
    assert "加入队列" in page.locator("#request-status").inner_text()
    shot(page, "03-request-queued")

    # The request page polls until the scheduler has picked the request and its run exists.
    run_link = page.locator('#request-status [data-field="run"] a')
    run_link.wait_for(timeout=CRAWL_SECONDS * 1000)
    shot(page, "04-request-picked")
    run_link.click()
    page.wait_for_url("**/admin/runs/*")
    shot(page, "05-run-progress")

    # The run page updates itself (no reload by the test) until the run has finished.
    page.wait_for_selector(
        '#run-progress [data-field="status"][data-status="finished"]', timeout=CRAWL_SECONDS * 1000
    )
    page.wait_for_load_state()
    shot(page, "06-run-finished")
    assert page.locator('[data-field="reports_new"]').inner_text() == str(DEMO_REPORTS), (
        scheduler.read_text()
    )
    assert int(page.locator('[data-field="pages_fetched"]').inner_text()) >= DEMO_REPORTS
    assert page.locator('[data-field="finished_at"]').inner_text() != "—"

    # Add the portal as a source through the form, then recrawl just that source from its row.
    page.goto("/admin/sources/new")
    page.get_by_label("名称").fill("演示门户")
    page.get_by_label("起始网址（每行一个）").fill(demo_portal.listing_url)
    page.get_by_label("抓取计划（cron）").fill("0 3 * * mon")
    shot(page, "09-add-source")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url("**/admin/sources")
    row = page.locator(".sources-table tbody tr", has_text="演示门户")
    assert "0 3 * * mon" in row.inner_text()
    row.get_by_role("button", name="立即抓取").click()
    page.wait_for_url("**/admin/requests/*")
    source_run_link = page.locator('#request-status [data-field="run"] a')
    source_run_link.wait_for(timeout=CRAWL_SECONDS * 1000)
    source_run_link.click()
    page.wait_for_selector(
        '#run-progress [data-field="status"][data-status="finished"]', timeout=CRAWL_SECONDS * 1000
    )
    assert page.locator('[data-field="reports_new"]').inner_text() == "0"
    page.goto("/admin/sources")
    row = page.locator(".sources-table tbody tr", has_text="演示门户")
    assert "从未成功" not in row.inner_text()
    assert "成功" in row.inner_text()  # the run read its pages (an all-failed run says 失败)
    shot(page, "10-sources-after-crawl")

    page.goto("/search?q=依申请公开")
    shot(page, "07-search")
    assert page.locator(".report-card").count() >= 1

    page.goto("/admin/audit")
    audit = page.locator(".audit-table").inner_text()
    assert "请求重新抓取网址" in audit
    assert "请求重新抓取来源" in audit
    assert "添加来源" in audit
    assert "创建管理员" in audit
    shot(page, "08-audit")
    assert console_errors == [], console_errors
    context.close()

    searched = subprocess.run(
        [str(BIN / "nianbao"), "search", "--json", "依申请公开"],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        env=environment,
        timeout=60,
        check=True,
    )
    assert json.loads(searched.stdout)["total"] >= 1
