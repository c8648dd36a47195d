"""A journalist's journey in Chromium: "every county 公安局 in 四川 whose 行政复议 was corrected,
2019–2024" built from the search box and the facets, sorted by 复议纠错率, exported as CSV, saved
as a watch; a crawl of a portal then archives a new matching report, the watch's Atom feed shows
it and the alert e-mail reaches a real SMTP server.
"""

from __future__ import annotations

import csv
import io
import socket
import threading
from collections.abc import Iterator
from email import message_from_bytes
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from aiosmtpd.controller import Controller
from flask import Flask
from sqlalchemy import select
from werkzeug.serving import make_server

from archive.notifications import deliver_due
from archive.pipeline import ArchivePipeline, FetchedDocument
from config import Settings
from crawler.service import crawl_target, url_target
from portal import create_app
from storage.models import Watch
from tests.portal.test_browser_journeys import CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS

playwright_sync = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser

SEED = Path(__file__).resolve().parents[2] / "demo_portal" / "seeds" / "000_77fbe9a8d492d01e.txt"


def county_police_report(county: str, city: str, province: str, year: int, review: str) -> str:
    """The 灵武市科学技术局 seed report rewritten as another county's 公安局 report, with its
    表四 行政复议 row (``upheld corrected other pending total``) and year replaced."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    lines[86] = "\t".join(review.split() + ["0"] * 10)
    text = "\n".join(lines)
    for old, new in [
        ("灵武市科学技术局", f"{county}公安局"),
        ("宁夏回族自治区", province),
        ("银川市", city),
        ("灵武市", county),
        ("2021", "\0YEAR\0"),
        ("2022", str(year + 1)),
        ("\0YEAR\0", str(year)),
    ]:
        text = text.replace(old, new)
    return text


#: (county, city, province, year, 行政复议 row): the archive before the crawl.
ARCHIVED = [
    ("泸县", "泸州市", "四川省", 2020, "1 1 0 0 2"),  # 复议纠错率 50 %
    ("叙永县", "泸州市", "四川省", 2022, "0 3 0 1 4"),  # 100 %
    ("合江县", "泸州市", "四川省", 2021, "2 0 0 0 2"),  # not corrected: left out
    ("江安县", "宜宾市", "四川省", 2018, "0 1 0 0 1"),  # before 2019: left out
    ("灵武市", "银川市", "宁夏回族自治区", 2022, "0 1 0 0 1"),  # another province
]
CRAWLED = ("古蔺县", "泸州市", "四川省", 2023, "1 2 0 0 3")  # 复议纠错率 66.7 %


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[bytes] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(envelope.original_content)
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _serve(app: Flask) -> tuple[Any, str]:
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


def _county_portal() -> Flask:
    """A county portal listing one new annual report (the crawl's target)."""
    portal = Flask("county_portal")
    county, city, province, year, review = CRAWLED
    text = county_police_report(county, city, province, year, review)

    @portal.get("/robots.txt")
    def robots() -> tuple[str, int, dict[str, str]]:
        return "User-agent: *\nAllow: /\n", 200, {"Content-Type": "text/plain"}

    @portal.get("/xxgk/ndbg/")
    def listing() -> str:
        return (
            "<html><head><title>政府信息公开年报</title></head><body><ul>"
            f'<li><a href="/xxgk/ndbg/{year}.html">{county}公安局{year}年政府信息公开工作年度报告</a></li>'
            "</ul></body></html>"
        )

    @portal.get(f"/xxgk/ndbg/{year}.html")
    def report() -> str:
        paragraphs = "".join(f"<p>{line}</p>" for line in text.split("\n") if line.strip())
        return (
            f"<html><head><title>{county}公安局{year}年政府信息公开工作年度报告</title></head>"
            f"<body><h1>{county}公安局{year}年政府信息公开工作年度报告</h1>{paragraphs}</body></html>"
        )

    return portal


@pytest.fixture
def setup(tmp_path: Path) -> Iterator[dict[str, Any]]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (make browser)")
    inbox = _Inbox()
    smtp = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    smtp.start()
    settings = Settings(
        data_dir=tmp_path,
        secret_key="journey",
        allow_private_addresses=True,
        crawl_delay=0.0,
        smtp_host="127.0.0.1",
        smtp_port=smtp.port,
    )
    app = create_app(settings)
    services = app.extensions["nianbao"]
    with ArchivePipeline(services) as pipeline:
        for county, city, province, year, review in ARCHIVED:
            text = county_police_report(county, city, province, year, review)
            url = f"https://www.example.gov.cn/{quote(county)}/{year}.html"
            pipeline.archive(
                FetchedDocument(identity=url, data=text.encode(), url=url, filename="r.txt")
            )
    server, base_url = _serve(app)
    county_server, county_url = _serve(_county_portal())
    yield {
        "settings": settings,
        "services": services,
        "base_url": base_url,
        "county_url": county_url,
        "inbox": inbox,
    }
    server.shutdown()
    county_server.shutdown()
    smtp.stop()
    services.close()


def _shot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"numbers-{name}.png"), full_page=True)


def test_a_journalist_builds_sorts_exports_and_watches_a_numeric_search(
    setup: dict[str, Any],
) -> None:
    services = setup["services"]
    with playwright_sync.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(
            base_url=setup["base_url"], locale="zh-CN", accept_downloads=True
        )
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))

        # The question, typed as a journalist would.
        page.goto("/")
        page.fill("#home-q", "公安局 复议纠正>0 year:2019..2024")
        page.press("#home-q", "Enter")
        page.wait_for_load_state()
        page.get_by_role("link", name="四川省").first.click()
        page.wait_for_load_state()
        page.get_by_role("link", name="县级").first.click()
        page.wait_for_load_state()
        assert "共 2 份报告" in page.inner_text("#results-heading")

        # Sorted by 复议纠错率, highest first: 叙永县 (100 %) before 泸县 (50 %).
        page.select_option("select[name=sort]", "figure:review_correction_rate")
        page.click(".figure-sort button")
        page.wait_for_load_state()
        titles = page.locator(".report-card-title").all_inner_texts()
        assert ["叙永县" in titles[0], "泸县" in titles[1]] == [True, True], titles
        assert "100.0%" in page.locator(".report-card").first.inner_text()
        _shot(page, "sorted")

        # The CSV carries the figures of exactly these reports.
        with page.expect_download() as download:
            page.get_by_role("link", name="CSV").click()
        rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text("utf-8-sig"))))
        assert sorted(r["county"] for r in rows) == ["叙永县", "泸县"]
        assert {r["county"]: r["review_correction_rate"] for r in rows}["叙永县"] == "1.0"

        # Saved as a watch.
        page.fill(".watch-form input[name=name]", "四川县级公安局复议纠正")
        page.click(".watch-form button")
        page.wait_for_load_state()
        assert "订阅：四川县级公安局复议纠正" in page.inner_text("h1")
        watch_path = page.url.split(setup["base_url"])[1].split("?")[0]
        _shot(page, "watch")

        # An admin asks for e-mail alerts (tested through the admin form elsewhere).
        with services.database.session() as session:
            session.scalars(select(Watch)).one().email = "desk@example.org"

        # A crawl of the county portal archives a new matching report.
        summary = crawl_target(services, url_target(setup["county_url"] + "/xxgk/ndbg/"))
        assert summary.reports_new == 1, summary

        page.goto(watch_path)
        assert "古蔺县公安局2023年政府信息公开工作年度报告" in page.inner_text(".watch-matches")
        feed = page.request.get(watch_path + ".atom").text()
        assert "古蔺县公安局2023年" in feed and "［新报告］" in feed

        # The scheduler's delivery round sends the alert through the SMTP server.
        counts = deliver_due(services.database, setup["settings"])
        assert counts.delivered == 1
        message = message_from_bytes(setup["inbox"].messages[0])
        body = message.get_payload(decode=True).decode("utf-8")
        assert message["To"] == "desk@example.org" and "古蔺县公安局" in body
        assert not errors, errors
        browser.close()
