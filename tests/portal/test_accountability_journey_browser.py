"""A journalist in Chromium: /stats → the province with the highest late rate → its late and
missing bodies → a late report copied from last year → the two years side by side."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from werkzeug.serving import make_server

from archive.pipeline import ArchivePipeline, FetchedDocument
from config import Settings
from portal import create_app
from tests.portal.test_browser_journeys import CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS
from tests.portal.test_numbers_journey_browser import county_police_report

playwright_sync = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser

#: (county, city, province, year, published): 泸县 is late in 2023 and copies 2022; 叙永县
#: published 2022 only (missing in 2023); 宁夏 is on time.
REPORTS = [
    ("泸县", "泸州市", "四川省", 2022, "2023-01-20"),
    ("泸县", "泸州市", "四川省", 2023, "2024-03-10"),
    ("叙永县", "泸州市", "四川省", 2022, "2023-01-15"),
    ("古蔺县", "泸州市", "四川省", 2023, "2024-01-10"),
    ("灵武市", "银川市", "宁夏回族自治区", 2023, "2024-01-12"),
]


def test_from_the_national_picture_to_a_late_copied_report(tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (make browser)")
    app = create_app(Settings(data_dir=tmp_path, secret_key="journey"))
    services = app.extensions["nianbao"]
    with ArchivePipeline(services) as pipeline:
        for county, city, province, year, published in REPORTS:
            text = county_police_report(county, city, province, year, "0 0 0 0 0")
            text += f"\n\n发布日期：{published}\n"
            url = f"https://www.example.gov.cn/{county}/{year}.html"
            pipeline.archive(
                FetchedDocument(identity=url, data=text.encode(), url=url, filename="r.txt")
            )
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    errors: list[str] = []
    try:
        with playwright_sync.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page: Any = browser.new_page(base_url=f"http://127.0.0.1:{server.server_port}")
            page.on("console", lambda m: m.type == "error" and errors.append(m.text))
            page.goto("/stats")
            page.wait_for_selector("canvas#stats-chart[data-chart-ready=true]")
            rows = page.locator("#by-province-caption >> xpath=.. >> tbody tr")
            rates = {
                rows.nth(i).locator("th").inner_text(): rows.nth(i)
                .locator("td")
                .nth(1)
                .inner_text()
                for i in range(rows.count())
            }
            # 四川省: one of two decided reports late; 宁夏: none.
            assert rates["四川省"].startswith("50.0%") and rates["宁夏回族自治区"].startswith(
                "100.0%"
            )
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / "accountability-stats.png"), full_page=True)
            page.get_by_role("link", name="四川省", exact=True).click()
            page.wait_for_load_state()
            assert "四川省 · 2023年度报告情况" in page.inner_text("h1")
            late = page.locator("#late-heading >> xpath=..").inner_text()
            missing = page.locator("#missing-heading >> xpath=..").inner_text()
            assert "泸县公安局" in late and "叙永县公安局" in missing and "2022年度" in missing
            page.screenshot(path=str(SCREENSHOTS / "accountability-region.png"), full_page=True)
            page.locator("#late-heading >> xpath=..").get_by_role("link", name="泸县公安局").click()
            page.wait_for_load_state()
            findings = page.locator(".findings").inner_text()
            assert "逾期" in findings and "与2022年度报告文字基本相同" in findings
            page.get_by_role("link", name="对照上一年度").click()
            page.wait_for_load_state()
            sections = page.locator("#compare-sections").inner_text()
            assert "2022年 → 2023年" in sections and "无变化" in sections
            assert "文字相同度 100%" in sections and "与上年基本相同" in sections
            # The copied passages are highlighted in both years' columns.
            shared = page.locator("#compare-sections .shared-view[open] mark.shared")
            assert shared.count() >= 2 and shared.first.is_visible()
            page.screenshot(path=str(SCREENSHOTS / "accountability-compare.png"), full_page=True)
            browser.close()
    finally:
        server.shutdown()
        services.close()
    assert not errors, errors
