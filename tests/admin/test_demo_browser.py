"""The public journey on the demo a newcomer gets from ``make demo``: search → report → compare
years → league, in Chromium, against the archive ``nianbao demo build`` makes (the five seeds
and the demonstration years). Screenshots land in ``test-artifacts/screenshots/demo-*.png``.
"""

# ruff: noqa: F811  (the browser fixtures are imported, and requested by name)
from __future__ import annotations

import subprocess

import pytest

from tests.admin.test_admin_browser import (  # noqa: F401  (fixtures)
    BIN,
    PROJECT_ROOT,
    SCREENSHOTS,
    browser,
    environment,
    web_server,
)

pytest.importorskip("playwright.sync_api")
pytestmark = [pytest.mark.browser, pytest.mark.slow]


def shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"demo-{name}.png"), full_page=True)


def test_a_newcomer_searches_opens_a_report_compares_its_years_and_reads_the_league(  # type: ignore[no-untyped-def]
    environment: dict[str, str], web_server: str, browser
) -> None:
    built = subprocess.run(
        [str(BIN / "nianbao"), "demo", "build", "--portal-port", "0"],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        env=environment,
        timeout=300,
        check=False,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    context = browser.new_context(
        base_url=web_server, viewport={"width": 1280, "height": 900}, locale="zh-CN"
    )
    page = context.new_page()
    page.goto("/")
    page.get_by_role("searchbox").first.fill("灵武市科学技术局")
    page.get_by_role("button", name="检索").first.click()
    page.wait_for_url("**/search?*")
    shot(page, "01-search")
    page.locator(".report-card a", has_text="2023").first.click()
    page.wait_for_url("**/reports/*")
    assert "【演示数据】" in page.locator("#sections").inner_text()
    assert "存在不一致" in page.locator(".report-header").inner_text()  # the planted error
    shot(page, "02-report")

    page.get_by_role("link", name="比较各年度").first.click()
    page.wait_for_url("**/compare/years?*")
    table = page.locator("table.compare-table").first.inner_text()
    assert "2021年" in table and "2022年" in table and "2023年" in table
    assert "Δ +8" in page.content()  # 新收申请 12 → 20
    shot(page, "03-compare-years")

    page.goto("/league?year=2023")
    league = page.locator("main").inner_text()
    assert "灵武市科学技术局" in league
    shot(page, "04-league")
    context.close()
