"""User journeys in a real Chromium (Debian's) against the portal served on a free port.

Screenshots of every page land in ``test-artifacts/screenshots/`` for a person to look at.
"""

from __future__ import annotations

import csv
import io
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from werkzeug.serving import make_server

from tests.portal.archive_factory import HOSTILE_TEXT, ArchiveIds

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


@pytest.fixture(scope="module")
def base_url(archive_app: tuple[Flask, ArchiveIds]) -> Iterator[str]:
    """The portal served by werkzeug in a thread on a free port."""
    server = make_server("127.0.0.1", 0, archive_app[0], threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (make browser)")
    with playwright_sync.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, base_url: str) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A fresh page that records console errors and dialogs (none may appear)."""
    context = browser.new_context(
        base_url=base_url,
        viewport={"width": 1280, "height": 900},
        locale="zh-CN",
        accept_downloads=True,
    )
    page = context.new_page()
    page.console_errors = []
    page.dialogs = []
    page.on(
        "console",
        lambda message: message.type == "error" and page.console_errors.append(message.text),
    )
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    context.close()


def _shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"portal-{name}.png"), full_page=True)


def test_search_facet_report_compare_and_export_journey(page, archive: ArchiveIds) -> None:  # type: ignore[no-untyped-def]
    page.goto("/")
    _shot(page, "01-home")
    page.get_by_label("检索年报").fill("科学技术局")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=*")
    assert page.locator(".report-card").count() > 0
    _shot(page, "02-search")

    page.locator("#facet-province + ul").get_by_role("link", name="宁夏回族自治区").click()
    page.wait_for_url("**province=*")
    assert page.locator(".chip").filter(has_text="宁夏回族自治区").count() == 1
    page.locator("#facet-city + ul").get_by_role("link", name="银川市").click()
    page.wait_for_url("**city=*")
    _shot(page, "03-search-facets")

    page.get_by_role("link", name="灵武市科学技术局2022年政府信息公开工作年度报告").click()
    page.wait_for_url(f"**/reports/{archive.lingwu[2022]}")
    assert page.locator("h1").inner_text() == "灵武市科学技术局2022年政府信息公开工作年度报告"
    assert page.locator("table.stats-applications").count() == 1
    _shot(page, "04-report")

    page.get_by_role("link", name="比较各年度", exact=True).click()
    page.wait_for_url("**/compare/years?*")
    page.wait_for_selector("canvas[data-chart-ready=true]")
    assert page.locator("del, ins").count() > 0
    _shot(page, "05-compare-years")

    page.goto("/search?year=2022")
    page.check(f"#pick-{archive.lingwu[2022]}")
    page.check(f"#pick-{archive.education_2022}")
    page.get_by_role("button", name="比较所选机关").click()
    page.wait_for_url("**/compare/agencies?*")
    assert "灵武市教育局" in page.locator("#agency-figures").inner_text()
    _shot(page, "06-compare-agencies")

    page.goto("/league?province=宁夏回族自治区&year=2022")
    _shot(page, "07-league")
    page.goto("/search?province=宁夏回族自治区")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV").click()
    content = Path(download_info.value.path()).read_bytes()
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["id", "title", "agency"] and len(rows) > 1
    assert page.console_errors == [], page.console_errors


def test_failing_cells_are_visible_in_the_browser(page, archive: ArchiveIds) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"/reports/{archive.education_2022}")
    cell = page.locator('td[data-cell="applications.new.total"]')
    assert "cell-failing" in (cell.get_attribute("class") or "")
    background = cell.evaluate("element => getComputedStyle(element).backgroundColor")
    assert background != "rgba(0, 0, 0, 0)"
    cell.scroll_into_view_if_needed()
    _shot(page, "08-report-failing-cells")


def test_hostile_report_text_is_shown_as_text_and_runs_nothing(page, archive: ArchiveIds) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"/reports/{archive.hostile}")
    assert page.dialogs == []
    assert page.locator("img").count() == 0
    assert HOSTILE_TEXT in page.locator("#sections").inner_text()
    assert page.locator("a[href^='javascript']").count() == 0
    _shot(page, "09-hostile-report")
    page.goto("/search?q=图片")
    assert page.dialogs == []
    assert page.locator(".snippet img").count() == 0


def test_pages_work_on_a_phone_sized_screen(browser, base_url: str, archive: ArchiveIds) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(
        base_url=base_url, viewport={"width": 390, "height": 844}, locale="zh-CN"
    )
    page = context.new_page()
    try:
        for name, url in (
            ("10-mobile-search", "/search?province=宁夏回族自治区"),
            ("11-mobile-report", f"/reports/{archive.lingwu[2022]}"),
        ):
            page.goto(url)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, (url, width)
            _shot(page, name)
    finally:
        context.close()


def test_keyboard_users_can_skip_to_the_content_and_reach_facets(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/search")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "跳到正文"
    page.keyboard.press("Enter")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('facet-option')"):
            break
    else:
        pytest.fail("no facet value is reachable with the keyboard")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?*")
    assert page.locator(".chip").count() == 1


def test_errors_are_explained_in_chinese_in_the_browser(page) -> None:  # type: ignore[no-untyped-def]
    response = page.goto("/reports/999999")
    assert response is not None and response.status == 404
    assert "没有编号为 999999 的报告" in page.locator("main").inner_text()
    _shot(page, "12-not-found")
    response = page.goto("/search?q=%22%E6%9C%AA%E9%97%AD%E5%90%88")
    assert response is not None and response.status == 400
    assert "无法完成检索" in page.locator("main").inner_text()
    _shot(page, "13-malformed-query")
    page.goto("/api")
    _shot(page, "14-api-docs")
    page.goto("/export/")
    _shot(page, "15-exports")
    assert page.console_errors == [] or all("404" in e or "400" in e for e in page.console_errors)


def test_version_differences_are_marked_in_the_browser(page, archive: ArchiveIds) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"/reports/{archive.changed}")
    page.get_by_role("link", name="与上一版本比较").click()
    page.wait_for_url(f"**/reports/{archive.changed}/diff?*")
    assert page.locator(".diff del").first.inner_text() == "第一版"
    assert page.locator(".diff ins").first.inner_text() == "修改后"
    _shot(page, "16-version-diff")


def test_the_home_page_loads_its_region_tree_after_it_is_shown(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/")
    tree = page.locator("#region-tree ul.region-tree")
    tree.wait_for(timeout=10_000)
    tree.locator("summary", has_text="宁夏回族自治区").click()
    assert page.locator("#region-tree a", has_text="灵武市").first.is_visible()
    assert page.console_errors == []
