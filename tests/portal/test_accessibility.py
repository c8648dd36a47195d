"""axe-core (run in Chromium) finds no serious or critical accessibility problem on the main
pages: contrast (WCAG AA), names of controls and links, headings, landmarks, language."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.portal.archive_factory import ArchiveIds
from tests.portal.test_browser_journeys import CHROMIUM, CHROMIUM_ARGS, base_url  # noqa: F401

playwright_sync = pytest.importorskip("playwright.sync_api")
axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")

pytestmark = pytest.mark.browser

SERIOUS = ("serious", "critical")


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (make browser)")
    with playwright_sync.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _pages(archive: ArchiveIds) -> list[str]:
    report = archive.lingwu[max(archive.lingwu)]
    years = "&".join(f"years={year}" for year in sorted(archive.lingwu))
    return [
        "/",
        "/search?q=依申请公开",
        "/search?q=不存在的短语",
        f"/reports/{report}",
        f"/reports/{archive.education_2022}",
        f"/compare/years?agency=灵武市科学技术局&{years}",
        "/league",
        "/export/",
        "/api",
        "/about",
        "/admin/sign-in",
    ]


def test_the_main_pages_have_no_serious_accessibility_violations(
    chromium,  # type: ignore[no-untyped-def]
    base_url: str,  # noqa: F811
    archive: ArchiveIds,
) -> None:
    axe = axe_module.Axe()
    context = chromium.new_context(base_url=base_url, locale="zh-CN", bypass_csp=True)
    page = context.new_page()
    problems: dict[str, list[str]] = {}
    for path in _pages(archive):
        page.goto(path)
        results = axe.run(page)
        serious = [
            f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']} — {v['help']}"
            for v in results.response["violations"]
            if v.get("impact") in SERIOUS
        ]
        if serious:
            problems[path] = serious
    context.close()
    assert problems == {}


def test_the_admin_pages_have_no_serious_accessibility_violations(
    chromium,  # type: ignore[no-untyped-def]
    base_url: str,  # noqa: F811
    archive_app,  # type: ignore[no-untyped-def]
) -> None:
    from portal.admin.accounts import create_admin
    from storage.models import CrawlRun

    services = archive_app[0].extensions["nianbao"]
    with services.database.session() as session:
        create_admin(session, "axe-admin", "a password for the axe check")
        run = CrawlRun(source_name="演示门户", status="running", start_urls=["http://127.0.0.1/"])
        session.add(run)
        session.flush()
        run_id = run.id
    axe = axe_module.Axe()
    context = chromium.new_context(base_url=base_url, locale="zh-CN", bypass_csp=True)
    page = context.new_page()
    page.goto("/admin/sign-in")
    page.get_by_label("用户名").fill("axe-admin")
    page.get_by_label("密码").fill("a password for the axe check")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/admin/**")
    problems: dict[str, list[str]] = {}
    for path in (
        "/admin/sources",
        "/admin/sources/new",
        "/admin/runs",
        f"/admin/runs/{run_id}",
        "/admin/requests",
        "/admin/corrections",
        "/admin/index",
        "/admin/audit",
    ):
        page.goto(path)
        results = axe.run(page)
        serious = [
            f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']} — {v['help']}"
            for v in results.response["violations"]
            if v.get("impact") in SERIOUS
        ]
        if serious:
            problems[path] = serious
    context.close()
    assert problems == {}
