"""Scanned reports: image-only PDFs are read by OCR into the same tags and tables as any report.

The scans under tests/data/parsers/scans/ are built by ``make_scans.py`` there: the layout
generator's tables printed by Chromium, rasterised at 150–200 dpi, skewed, stamped with a red
seal over the signature, speckled and JPEG-compressed, saved with no text layer.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image, ImageDraw

from parsers import parse_document
from parsers.extract import extract_document
from parsers.extract import pdf as pdf_reader
from parsers.extract.ocr import digits_of_lookalikes
from parsers.extract.ruled_tables import find_tables, skew_angle, straightened
from parsers.model import ParsedReport

SCANS = Path(__file__).resolve().parent.parent / "data" / "parsers" / "scans"
LAYOUTS = Path(__file__).resolve().parent.parent / "data" / "parsers" / "layouts"
EXPECTED: dict[str, dict[str, Any]] = json.loads(
    (SCANS / "expected.json").read_text(encoding="utf-8")
)

_cache: dict[str, ParsedReport] = {}


def parsed(name: str) -> ParsedReport:
    if name not in _cache:
        _cache[name] = parse_document((SCANS / name).read_bytes(), filename=name)
    return _cache[name]


def test_the_scans_have_no_text_layer_at_all() -> None:
    import pdfplumber

    for name in EXPECTED:
        with pdfplumber.open(SCANS / name) as pdf:
            assert all(not page.chars for page in pdf.pages)
            assert all(page.images for page in pdf.pages)


@pytest.mark.parametrize("name", list(EXPECTED))
def test_every_table_cell_of_a_scan_is_read_exactly(name: str) -> None:
    truth, report = EXPECTED[name], parsed(name)
    for table, rows in truth["tables"].items():
        assert list(report.tables[table]) == list(rows), f"{table}: rows differ"
        for row, columns in rows.items():
            assert report.tables[table][row] == pytest.approx(columns), f"{table}.{row}"


@pytest.mark.parametrize("name", list(EXPECTED))
def test_a_scan_is_tagged_and_marked_as_read_by_ocr(name: str) -> None:
    truth, report = EXPECTED[name], parsed(name)
    assert (report.agency, report.year, report.template) == (
        truth["agency"],
        truth["year"],
        truth["template"],
    )
    assert report.ocr is True
    assert report.ocr_confidence is not None and 0.9 < report.ocr_confidence <= 1
    assert "政府信息公开" in report.text
    assert [section.number for section in report.sections] == [1, 2, 3, 4, 5, 6]
    assert report.to_dict()["ocr"] is True


@pytest.mark.parametrize("name", list(EXPECTED))
def test_wrong_arithmetic_in_a_scan_is_flagged_as_an_extraction_doubt(name: str) -> None:
    truth, report = EXPECTED[name], parsed(name)
    statuses = {check.rule: check for check in report.checks}
    for rule, expected in truth["checks"].items():
        if expected["status"] == "fail":
            # OCR may misread a digit: never the public 存在不一致 badge on an OCR reading.
            assert statuses[rule].status == "doubtful"
            assert "OCR" in statuses[rule].message
        else:
            assert statuses[rule].status == expected["status"], rule


def test_one_scan_fixture_has_wrong_arithmetic() -> None:
    assert any("fail" in json.dumps(truth["checks"]) for truth in EXPECTED.values())


def test_a_born_digital_pdf_is_not_marked_as_ocr() -> None:
    name = "pdf_2021_two_pages.pdf"
    report = parse_document((LAYOUTS / name).read_bytes(), filename=name)
    assert report.ocr is False and report.ocr_confidence is None


def test_ocr_stops_at_the_page_budget_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_reader, "MAX_OCR_PAGES", 1)
    name = "scan_2021_clean_200dpi.pdf"
    document = extract_document((SCANS / name).read_bytes(), filename=name)
    assert document.ocr_pages == 1
    assert document.warnings == ["扫描件文字识别超过 1 页，第 2 页起未识别"]
    assert "总体情况" in document.text and "其他需要报告的事项" not in document.text


def test_a_blank_scanned_page_is_a_clear_parse_error() -> None:
    from parsers.model import ParseError

    buffer = io.BytesIO()
    Image.new("RGB", (600, 800), "white").save(buffer, "PDF", resolution=72)
    with pytest.raises(ParseError, match="OCR"):
        parse_document(buffer.getvalue(), filename="blank.pdf")


def _ruled_image(angle: float = 0.0) -> np.ndarray:
    """A 3 × 3 table whose first row is one merged cell and whose left column merges rows 2–3."""
    image = Image.new("L", (900, 500), 255)
    draw = ImageDraw.Draw(image)
    left, top, right, bottom = 100, 100, 800, 400
    for y in (top, 200, 300, bottom):
        draw.line([(left, y), (right, y)], fill=0, width=2)
    for x in (left, right):
        draw.line([(x, top), (x, bottom)], fill=0, width=2)
    for x in (330, 560):
        draw.line([(x, 200), (x, bottom)], fill=0, width=2)
    # Rows 2 and 3 of the first column are one cell: blank out the line between them.
    draw.line([(left + 2, 300), (328, 300)], fill=255, width=4)
    if angle:
        image = image.rotate(angle, fillcolor=255)
    return np.asarray(image)


def test_ruled_tables_give_the_grid_and_its_merged_cells() -> None:
    tables = find_tables(_ruled_image())
    assert len(tables) == 1
    owner = tables[0].owner
    assert len(owner) == 3 and len(owner[0]) == 3
    assert len(set(owner[0])) == 1  # the header spans the three columns
    assert owner[1][0] == owner[2][0]  # the left cell spans rows 2 and 3
    assert len({owner[1][1], owner[1][2], owner[2][1], owner[2][2]}) == 4


def test_a_skewed_page_is_straightened_before_its_tables_are_read() -> None:
    skewed = _ruled_image(angle=1.2)
    assert abs(skew_angle(skewed) + 1.2) < 0.2 or abs(skew_angle(skewed) - 1.2) < 0.2
    tables = find_tables(straightened(skewed))
    assert len(tables) == 1 and len(tables[0].owner) == 3 and len(tables[0].owner[0]) == 3


@pytest.mark.parametrize(
    ("read", "meant"),
    [("ε", "3"), ("1O", "10"), ("l2", "12"), ("2S", "25"), ("12", "12"), ("其他", "其他"),
     ("总计", "总计"), ("", ""), ("B", "8")],
)  # fmt: skip
def test_look_alike_letters_in_number_cells_are_read_as_digits(read: str, meant: str) -> None:
    assert digits_of_lookalikes(read) == meant


def test_a_poster_sized_scanned_page_is_rendered_no_larger_than_the_ocr_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from parsers.extract import ocr

    sizes: list[tuple[int, int]] = []
    real_read_page = ocr.read_page

    def measured(image: Image.Image) -> ocr.OcrPage:
        sizes.append(image.size)
        return real_read_page(image)

    monkeypatch.setattr(ocr, "read_page", measured)
    buffer = io.BytesIO()
    # 200 × 200 pixels at 2 dpi: a page of 7,200 × 7,200 points (about 2.5 m).
    Image.new("RGB", (200, 200), "white").save(buffer, "PDF", resolution=2)
    from parsers.model import ParseError

    with pytest.raises(ParseError, match="OCR"):
        parse_document(buffer.getvalue(), filename="poster.pdf")
    assert sizes and max(sizes[0]) <= pdf_reader.MAX_OCR_PIXELS
