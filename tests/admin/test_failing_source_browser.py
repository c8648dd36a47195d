"""End to end: a source whose portal is down does not look healthy. Its runs say 失败 with the
reason in Chinese, and after two of them the sources page flags it. Screenshots land in
``test-artifacts/screenshots/failing-*.png``.
"""

# ruff: noqa: F811  (the browser fixtures are imported, and requested by name)
from __future__ import annotations

import socket
import subprocess
from pathlib import Path

import pytest

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

pytest.importorskip("playwright.sync_api")
pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _closed_port() -> int:
    """A port nothing listens on (connections to it are refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"failing-{name}.png"), full_page=True)


def test_a_source_that_cannot_be_reached_is_flagged_after_failing_twice(  # type: ignore[no-untyped-def]
    environment: dict[str, str], web_server: str, scheduler: Path, browser
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
    page.goto("/admin/sources/new")
    page.get_by_label("用户名").fill(ADMIN_NAME)
    page.get_by_label("密码").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/admin/sources/new")
    page.get_by_label("名称").fill("停机的门户")
    page.get_by_label("起始网址（每行一个）").fill(
        f"http://127.0.0.1:{_closed_port()}/xxgk/ndbg/index.html"
    )
    page.get_by_label("抓取计划（cron）").fill("0 3 * * 1")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url("**/admin/sources")

    for attempt in (1, 2):
        row = page.locator(".sources-table tbody tr", has_text="停机的门户")
        row.get_by_role("button", name="立即抓取").click()
        page.wait_for_url("**/admin/requests/*")
        run_link = page.locator('#request-status [data-field="run"] a')
        run_link.wait_for(timeout=CRAWL_SECONDS * 1000)
        run_link.click()
        page.wait_for_selector(
            '#run-progress [data-field="status"][data-status="finished"]',
            timeout=CRAWL_SECONDS * 1000,
        )
        page.reload()
        errors = page.locator("td.error").all_inner_texts()
        assert errors and all("连接失败" in error or "网站返回" in error for error in errors), (
            errors
        )
        shot(page, f"run-{attempt}")
        page.goto("/admin/sources")

    row = page.locator(".sources-table tbody tr", has_text="停机的门户")
    text = row.inner_text()
    assert "失败" in text and "连续 2 次失败" in text and "从未成功" in text
    shot(page, "sources")
    runs = page.goto("/admin/runs")
    assert runs is not None and "已完成：失败" in page.locator("main").inner_text()
    context.close()
