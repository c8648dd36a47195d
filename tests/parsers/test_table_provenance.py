"""Every table row says where it was read: its label as printed, how, on which page and where."""

from __future__ import annotations

from pathlib import Path

from parsers import parse_document
from parsers.corrections import AcceptedCorrection, apply_corrections

LAYOUTS = Path(__file__).resolve().parents[1] / "data" / "parsers" / "layouts"


def _parse(name: str):
    path = LAYOUTS / name
    return parse_document(path.read_bytes(), filename=path.name)


def test_a_pdf_table_row_names_its_printed_label_page_and_grid_row() -> None:
    report = _parse("pdf_2021_two_pages.pdf")
    new = report.provenance["applications.new"]
    assert new["label"] == "一、本年新收政府信息公开申请数量"
    assert (new["method"], new["page"]) == ("grid", 1)
    assert new["grid"] and new["row"]
    # The table runs over two pages: its last row is on the second.
    assert report.provenance["applications.carried_forward"]["page"] == 2


def test_a_text_row_names_its_line() -> None:
    report = _parse("txt_2021_pdf_dump.txt")
    new = report.provenance["applications.new"]
    assert (new["method"], new["page"], new["grid"]) == ("text", None, None)
    line = report.text.splitlines()[new["line"] - 1]
    assert "本年新收政府信息公开申请数量" in line


def test_every_read_row_has_provenance_and_unread_rows_have_none() -> None:
    report = _parse("html_trs_2021_word.html")
    for table, rows in report.tables.items():
        for row, cells in rows.items():
            read = any(value is not None for value in cells.values())
            assert (f"{table}.{row}" in report.provenance) == read, (table, row)
    reviews = report.provenance["reviews.review"]["label"]
    assert reviews.startswith("行政复议") and "行政复议 / 行政复议" not in reviews


def test_a_cell_corrected_by_hand_says_so() -> None:
    report = _parse("html_trs_2021_word.html")
    corrected, _ = apply_corrections(report, [AcceptedCorrection(7, "applications.new.total", 999)])
    assert corrected.provenance["applications.new.total"]["method"] == "manual"
    assert corrected.provenance["applications.new.total"]["correction"] == 7
    assert "applications.new.total" not in report.provenance
