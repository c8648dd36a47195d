"""A report page whose report is images (scanned pages as <img>) is archived and read by OCR.

The site is served on 127.0.0.1 like a county portal: a listing, a report page with a site logo,
a QR code, share icons and two page images (the pages of a scanned fixture), nothing else.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from sqlalchemy import select

from crawler.discovery import parse_html
from crawler.discovery.page_images import combined_pdf, report_images
from services import Services
from storage.models import FetchResult, Report, ReportVersion
from tests.crawler.conftest import crawl_url
from tests.gov_sites.server import Reply

SCANS = Path(__file__).resolve().parents[1] / "data" / "parsers" / "scans"
SCAN = "scan_2021_clean_200dpi.pdf"
EXPECTED = json.loads((SCANS / "expected.json").read_text(encoding="utf-8"))[SCAN]

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府信息公开年报</title></head>
<body><header><img src="/images/logo.png" alt="某县人民政府"><img src="/images/wza.png"></header>
<nav><a href="/">首页</a> &gt; <a href="/xxgk/">政府信息公开</a></nav>
<div class="article"><h1>2023年度政府信息公开工作年度报告</h1>
<p>发布时间：2024-01-20</p>
<p><img src="/uploads/nb-p1.png" width="800"></p>
<p><a href="/uploads/nb-p2.jpg"><img src="/uploads/nb-p2.jpg" alt="第2页"></a></p>
<img src="/images/share-weixin.png" width="24" height="24"></div>
<footer><img src="/images/ewm.jpg" alt="二维码"><img src="/images/conac.png"></footer>
</body></html>"""

LISTING = (
    '<html><body><ul class="list"><li><a href="/xxgk/nb/1.html">2023年度政府信息公开工作年度报告'
    "</a></li></ul></body></html>"
)


def _page_images() -> list[bytes]:
    document = pdfium.PdfDocument((SCANS / SCAN).read_bytes())
    images = []
    for number, page in enumerate(document):
        buffer = io.BytesIO()
        image = page.render(scale=150 / 72).to_pil().convert("RGB")
        image.save(buffer, format="PNG" if number == 0 else "JPEG", quality=90)
        images.append(buffer.getvalue())
    return images


def test_only_the_content_images_of_a_page_are_the_report() -> None:
    found = report_images(parse_html(PAGE), "http://gov.example/xxgk/nb/1.html")
    assert found == ["http://gov.example/uploads/nb-p1.png", "http://gov.example/uploads/nb-p2.jpg"]


def test_the_combined_pdf_is_the_same_bytes_for_the_same_images() -> None:
    images = _page_images()
    assert combined_pdf(images) == combined_pdf(images)
    assert combined_pdf(images).startswith(b"%PDF")
    with pytest.raises(ValueError, match="page image 2"):
        combined_pdf([images[0], b"not an image"])


def test_an_image_report_page_is_archived_tagged_and_read_by_ocr(
    crawl_services: Services, serve
) -> None:  # type: ignore[no-untyped-def]
    first, second = _page_images()
    server = serve(
        {
            "/xxgk/": Reply(LISTING.encode()),
            "/xxgk/nb/1.html": Reply(PAGE.encode()),
            "/uploads/nb-p1.png": Reply(first, content_type="image/png"),
            "/uploads/nb-p2.jpg": Reply(second, content_type="image/jpeg"),
        }
    )
    crawl_url(crawl_services, server.url("/xxgk/"))
    with crawl_services.database.session() as session:
        report = session.scalars(select(Report)).one()
        version = session.scalars(select(ReportVersion)).one()
        assert report.identity == server.url("/xxgk/nb/1.html")
        assert (version.role, version.filename) == ("page_images", "page-images.pdf")
        assert (
            report.ocr and report.agency == EXPECTED["agency"] and report.year == EXPECTED["year"]
        )
        assert report.tables["applications"]["new"] == EXPECTED["tables"]["applications"]["new"]
        errors = session.scalars(select(FetchResult).where(FetchResult.ok.is_(False))).all()
        assert errors == []
    asked = {request.path for request in server.requests}
    assert {"/uploads/nb-p1.png", "/uploads/nb-p2.jpg"} <= asked
    assert not asked & {"/images/logo.png", "/images/ewm.jpg", "/images/share-weixin.png"}
    assert crawl_services.search.document_count() == 1


def test_a_missing_page_image_is_an_error_against_the_page_and_the_crawl_goes_on(
    crawl_services: Services, serve
) -> None:  # type: ignore[no-untyped-def]
    server = serve(  # the page images answer 404
        {"/xxgk/": Reply(LISTING.encode()), "/xxgk/nb/1.html": Reply(PAGE.encode())}
    )
    summary = crawl_url(crawl_services, server.url("/xxgk/"))
    assert summary.status != "failed"
    with crawl_services.database.session() as session:
        assert session.scalars(select(Report)).all() == []
        failed = session.scalars(select(FetchResult).where(FetchResult.ok.is_(False))).all()
        assert [result.url for result in failed] == [server.url("/xxgk/nb/1.html")]
        assert "page image" in (failed[0].error or "")
