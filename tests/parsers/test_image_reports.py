"""Reports published as images (PNG/JPEG pages, a multi-page TIFF) are read by OCR like scans.

The images are the pages of a scanned PDF fixture (``tests/data/parsers/scans``) rendered at
150 dpi, so the same tags and table cells are expected.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from PIL import Image

from parsers import parse_document
from parsers.extract import detect_format
from parsers.model import ParseError

SCANS = Path(__file__).resolve().parent.parent / "data" / "parsers" / "scans"
SCAN = "scan_2021_stamped_skewed_150dpi.pdf"
EXPECTED: dict[str, Any] = json.loads((SCANS / "expected.json").read_text(encoding="utf-8"))[SCAN]


def _pages() -> list[Image.Image]:
    document = pdfium.PdfDocument((SCANS / SCAN).read_bytes())
    return [page.render(scale=150 / 72).to_pil().convert("RGB") for page in document]


def _encoded(image: Image.Image, image_format: str, **options: Any) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **options)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def tiff_report() -> bytes:
    """Every page of the scan in one multi-page TIFF."""
    first, *rest = _pages()
    return _encoded(first, "TIFF", save_all=True, append_images=rest, compression="tiff_lzw")


def test_images_are_recognised_by_their_bytes_whatever_their_name() -> None:
    page = _pages()[0].resize((40, 40))
    assert detect_format(_encoded(page, "PNG"), filename="report.html") == "image"
    assert detect_format(_encoded(page, "JPEG")) == "image"
    assert detect_format(_encoded(page, "TIFF")) == "image"


def test_a_multi_page_tiff_report_is_tagged_and_its_tables_read(tiff_report: bytes) -> None:
    report = parse_document(tiff_report, filename="年报.tif")
    assert report.ocr and report.ocr_confidence is not None and report.ocr_confidence > 0.8
    assert (report.agency, report.year, report.template) == (
        EXPECTED["agency"],
        EXPECTED["year"],
        EXPECTED["template"],
    )
    cells = [
        (table, row, column, value)
        for table, rows in EXPECTED["tables"].items()
        for row, columns in rows.items()
        for column, value in columns.items()
    ]
    exact = sum(
        report.tables.get(table, {}).get(row, {}).get(column) == value
        for table, row, column, value in cells
    )
    assert exact == len(cells)


def test_a_single_page_image_is_read() -> None:
    report = parse_document(_encoded(_pages()[0], "JPEG", quality=85), filename="p1.jpg")
    assert report.ocr and EXPECTED["agency"] in report.text


@pytest.mark.parametrize(
    "data",
    [b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, b"\xff\xd8\xff\xe0" + b"garbage" * 10],
    ids=["truncated PNG", "corrupt JPEG"],
)
def test_a_broken_image_is_a_clear_parse_error(data: bytes) -> None:
    with pytest.raises(ParseError, match="image"):
        parse_document(data, filename="scan.png")


def test_a_blank_image_says_it_holds_no_text() -> None:
    blank = _encoded(Image.new("RGB", (800, 600), "white"), "PNG")
    with pytest.raises(ParseError, match="no text"):
        parse_document(blank, filename="blank.png")
