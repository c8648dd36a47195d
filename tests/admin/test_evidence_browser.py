"""End to end, as a journalist and an admin would: open a report, open its archived PDF, see where
a number was read, report it as misread; the admin accepts; the corrected value is what the
page, the API and the yearly export show, and a re-parse of the archive keeps it.

Real processes share one data directory: gunicorn, ``nianbao scheduler`` (which applies accepted
corrections: it is the only writer of reports and the index), and the ``nianbao`` commands.
Screenshots land in ``test-artifacts/screenshots/evidence-*.png``.
"""

# ruff: noqa: F811  (the browser fixtures are imported, and requested by name)
from __future__ import annotations

import json
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests.admin.test_admin_browser import (  # noqa: F401  (fixtures)
    ADMIN_NAME,
    ADMIN_PASSWORD,
    BIN,
    PROJECT_ROOT,
    SCREENSHOTS,
    browser,
    environment,
    scheduler,
    web_server,
)
from tests.parsers.test_extract_pdf_docx import build_pdf

pytest.importorskip("playwright.sync_api")
pytestmark = [pytest.mark.browser, pytest.mark.slow]

APPLY_SECONDS = 60
CELL = "applications.new.total"


def _nianbao(environment: dict[str, str], *args: str, stdin: str | None = None) -> str:
    done = subprocess.run(
        [str(BIN / "nianbao"), *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        env=environment,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _api(base_url: str, path: str) -> dict:
    with urllib.request.urlopen(base_url + path, timeout=10) as response:
        return json.loads(response.read().decode("utf-8"))


def shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"evidence-{name}.png"), full_page=True)


def test_a_misread_number_is_reported_corrected_and_stays_corrected(  # type: ignore[no-untyped-def]
    environment: dict[str, str], web_server: str, scheduler: Path, browser, tmp_path: Path
) -> None:
    pdf = tmp_path / "某某区教育局2022年政府信息公开工作年度报告.pdf"
    pdf.write_bytes(build_pdf())
    _nianbao(environment, "ingest", str(pdf))
    _nianbao(
        environment, "create-admin", ADMIN_NAME, "--password-stdin", stdin=ADMIN_PASSWORD + "\n"
    )
    hits = _api(
        web_server, "/api/v1/search?q=%E6%9F%90%E6%9F%90%E5%8C%BA%E6%95%99%E8%82%B2%E5%B1%80"
    )
    report_id = hits["hits"][0]["id"]
    before = _api(web_server, f"/api/v1/reports/{report_id}")
    read = before["tables"]["applications"]["new"]["total"]
    corrected = read + 10

    context = browser.new_context(
        base_url=web_server, viewport={"width": 1280, "height": 900}, locale="zh-CN"
    )
    page = context.new_page()
    page.goto(f"/reports/{report_id}")
    shot(page, "01-report")

    # The archived original: an ingested file has no portal link, so the archive leads.
    archived = page.get_by_role("link", name="查看存档原件")
    original = page.request.get(archived.get_attribute("href") or "")
    assert original.status == 200 and original.headers["content-type"] == "application/pdf"
    assert original.body() == pdf.read_bytes()

    # Where the number was read: the row's disclosure names the printed label and the page.
    row = page.locator("table.stats-applications tr", has_text="本年新收政府信息公开申请数量")
    row.locator("details.row-source summary").click()
    source = row.locator(".row-source-text").inner_text()
    assert "从表格读取" in source and "第 1 页" in source
    assert row.locator(f'td[data-cell="{CELL}"]').get_attribute("title")
    shot(page, "02-provenance")

    # A visitor reports the number as misread, without an account.
    page.get_by_text("发现标签或数字读错了？告诉我们").click()
    page.locator("#correction-field").select_option(CELL)
    page.locator("#correction-value").fill(str(corrected))
    page.locator("#correction-message").fill("原件第1页写的是另一个数")
    page.get_by_role("button", name="提交报错").click()
    page.wait_for_url(f"**/reports/{report_id}?correction=received*")
    assert "已收到您的报错" in page.locator("#report-error").inner_text()
    shot(page, "03-reported")

    # The admin accepts it beside the original.
    page.goto("/admin/corrections")
    page.wait_for_url("**/admin/sign-in?next=*")
    page.get_by_label("用户名").fill(ADMIN_NAME)
    page.get_by_label("密码").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/admin/corrections")
    page.locator("table.admin-table a", has_text="#").first.click()
    assert page.get_by_role("link", name="打开原件核对").is_visible()
    assert str(corrected) == page.locator("input[name=value]").input_value()
    page.locator("textarea[name=reason]").fill("核对原件第1页")
    shot(page, "04-admin-decides")
    page.get_by_role("button", name="提交决定").click()
    page.wait_for_url("**/admin/corrections")

    deadline = time.monotonic() + APPLY_SECONDS
    while (
        _api(web_server, f"/api/v1/reports/{report_id}")["tables"]["applications"]["new"]["total"]
        != corrected
    ):
        assert time.monotonic() < deadline, scheduler.read_text(errors="replace")[-3000:]
        time.sleep(0.5)

    page.goto(f"/reports/{report_id}")
    assert f"{read} → {corrected}" in page.locator("#manual-corrections").inner_text()
    cell = page.locator(f'td[data-cell="{CELL}"]')
    assert cell.inner_text().strip().startswith(str(corrected))
    assert "人工更正" in (cell.get_attribute("title") or "")
    shot(page, "05-corrected")
    year = before["year"]
    exported = page.request.get(f"/export/{year}.csv").text()
    assert f",{corrected}," in exported

    # Re-reading the archive with the parser (which still reads the old number) keeps it.
    _nianbao(environment, "reparse", "--all")
    after = _api(web_server, f"/api/v1/reports/{report_id}")
    assert after["tables"]["applications"]["new"]["total"] == corrected
    context.close()
