"""DOCX (merged cells), PDF (a table over two pages), legacy DOC/WPS and format detection."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from parsers import ParseError, parse_document
from parsers.extract import detect_format, extract_document
from tests.parsers.sample_reports import LABELS_2021

ROW_VALUES = {
    "new": ["4", "1", "0", "0", "0", "0", "5"],
    "carried_over": ["0", "0", "0", "0", "0", "0", "0"],
    "granted": ["2", "1", "0", "0", "0", "0", "3"],
    "unavailable_not_held": ["2", "0", "0", "0", "0", "0", "2"],
    "results_total": ["4", "1", "0", "0", "0", "0", "5"],
    "carried_forward": ["0", "0", "0", "0", "0", "0", "0"],
}
EXPECTED_NEW = {
    "natural_person": 4, "commercial": 1, "research": 0, "public_interest": 0,
    "legal_service": 0, "other_org": 0, "total": 5,
}  # fmt: skip


def application_label_rows() -> list[tuple[str, list[str]]]:
    """(most specific label, seven values) for every 2021 row."""
    return [
        (label.split("\t")[-1], ROW_VALUES.get(key, ["0"] * 7))
        for key, label in LABELS_2021.items()
    ]


def build_docx() -> bytes:
    document = Document()
    document.add_paragraph("某某区教育局2022年政府信息公开工作年度报告")
    document.add_paragraph("一、总体情况")
    document.add_paragraph("2022年，本局共收到政府信息公开申请5件。")
    document.add_paragraph("三、收到和处理政府信息公开申请情况")
    rows = application_label_rows()
    table = document.add_table(rows=len(rows) + 1, cols=9)
    header = table.cell(0, 0).merge(table.cell(0, 1))
    header.text = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    table.cell(0, 2).merge(table.cell(0, 8)).text = "申请人情况"
    for index, (label, values) in enumerate(rows, start=1):
        table.cell(index, 1).text = label
        for offset, value in enumerate(values):
            table.cell(index, 2 + offset).text = value
    # 三、本年度办理结果 spans the 23 result rows vertically.
    table.cell(3, 0).merge(table.cell(24, 0)).text = "三、本年度办理结果"
    for index in (1, 2, 25):
        table.cell(index, 0).text = rows[index - 1][0]
    document.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")
    return _save(document)


def _save(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_merged_cells_become_grids_and_tables_are_parsed() -> None:
    data = build_docx()
    extracted = extract_document(data, filename="report.docx")
    assert extracted.format == "docx"
    grid = extracted.tables[0]
    assert grid[0][:2] == [grid[0][0]] * 2 and grid[0][2:] == ["申请人情况"] * 7
    assert [row[0] for row in grid[3:25]] == ["三、本年度办理结果"] * 22
    assert extracted.text.index("一、总体情况") < extracted.text.index("申请人情况")
    report = parse_document(data, filename="report.docx")
    assert report.tables["applications"]["new"] == EXPECTED_NEW
    assert report.tables["applications"]["unavailable_not_held"]["total"] == 2
    statuses = {c.rule: c.status for c in report.checks}
    assert statuses["applications_balance"] == "pass"
    assert statuses["text_vs_tables"] == "pass"


def build_pdf() -> bytes:
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("body", fontName="STSong-Light", fontSize=11, leading=16)
    header = [
        "项目",
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "总计",
    ]
    cell_style = ParagraphStyle("cell", fontName="STSong-Light", fontSize=7, leading=9)
    data = [header] + [
        [Paragraph(label, cell_style), *values] for label, values in application_label_rows()
    ]
    table = Table(data, repeatRows=1, colWidths=[170] + [45] * 7)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), "STSong-Light"),
                ("FONTSIZE", (0, 0), (-1, -1), 7),
                ("GRID", (0, 0), (-1, -1), 0.5, "black"),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    story = [
        Paragraph("某某区教育局2022年政府信息公开工作年度报告", style),
        Paragraph("一、总体情况", style),
        Paragraph("2022年，本局共收到政府信息公开申请5件。", style),
        Spacer(1, 380),
        Paragraph("三、收到和处理政府信息公开申请情况", style),
        table,
        Paragraph("四、政府信息公开行政复议、行政诉讼情况", style),
    ]
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer, pagesize=A4, title="某某区教育局2022年政府信息公开工作年度报告"
    ).build(story)
    return buffer.getvalue()


def test_a_pdf_table_spanning_two_pages_is_joined_and_parsed() -> None:
    data = build_pdf()
    extracted = extract_document(data, filename="report.pdf")
    assert extracted.format == "pdf"
    assert len(extracted.tables) == 1
    grid = extracted.tables[0]
    assert len(grid) == 1 + len(LABELS_2021)  # the repeated header row is dropped
    assert grid[-1][0] == "四、结转下年度继续办理"
    report = parse_document(data, filename="report.pdf")
    assert report.tables["applications"]["new"] == EXPECTED_NEW
    assert report.tables["applications"]["carried_forward"]["total"] == 0
    assert {c.rule: c.status for c in report.checks}["text_vs_tables"] == "pass"


def test_the_pdf_really_spans_two_pages() -> None:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(build_pdf())) as pdf:
        assert len(pdf.pages) >= 2
        assert all(page.find_tables() for page in pdf.pages[:2])


def test_a_corrupt_pdf_raises_a_clear_parse_error() -> None:
    truncated = build_pdf()[:300]
    with pytest.raises(ParseError, match="corrupt or unreadable PDF"):
        parse_document(truncated, filename="report.pdf")


def test_a_file_named_pdf_that_is_not_a_pdf_raises_parse_error() -> None:
    with pytest.raises(ParseError, match="declared as PDF"):
        parse_document(b"\x00\x01\x02garbage\xff" * 20, filename="report.pdf")


def test_a_doc_file_without_a_converter_names_what_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    ole2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    with pytest.raises(ParseError, match=r"LibreOffice.*antiword"):
        parse_document(ole2, filename="report.doc")


def test_magic_bytes_decide_the_format_before_the_extension() -> None:
    assert detect_format(b"%PDF-1.7 ...", filename="report.html") == "pdf"
    assert (
        detect_format(b"<!DOCTYPE html><html><body>x</body></html>", filename="report.pdf")
        == "html"
    )
    assert detect_format("一、总体情况".encode(), filename="report.txt") == "text"
    assert detect_format(b"<html><body>", content_type="text/html; charset=gbk") == "html"
    assert detect_format(build_docx(), filename="report.bin") == "docx"


def test_an_empty_file_raises_parse_error() -> None:
    with pytest.raises(ParseError, match="empty"):
        parse_document(b"", filename="report.txt")


def _pdf_with_raw_title(raw_title_hex: str) -> bytes:
    """A one-page PDF whose document-information Title is the given raw hex string."""
    from reportlab.pdfgen import canvas

    placeholder = "A" * len(raw_title_hex)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=1)
    pdf.setTitle(placeholder)
    pdf.drawString(100, 700, "Report text")
    pdf.save()
    # Same length, so the cross-reference offsets stay right.
    return buffer.getvalue().replace(f"({placeholder})".encode(), f"<{raw_title_hex}>".encode())


@pytest.mark.parametrize(
    ("encoding", "bom"), [("utf-16-le", "FFFE"), ("utf-16-be", "FEFF"), ("gbk", ""), ("utf-8", "")]
)
def test_a_pdf_title_is_decoded_in_the_encoding_its_writer_used(encoding: str, bom: str) -> None:
    title = "示范市教育局2021年政府信息公开工作年度报告"
    data = _pdf_with_raw_title(bom + title.encode(encoding).hex().upper())
    assert extract_document(data, filename="report.pdf").title == title


def test_control_characters_never_leave_the_extract_stage_whatever_the_format() -> None:
    text = "示范局\x012021年政府信息公开工作年度报告\x0b一、总体情况\x07\n本年度\x1f未收到申请。"
    pdf_title = "FEFF" + "示范局\x01年度报告".encode("utf-16-be").hex().upper()
    for name, data in (
        ("report.txt", text.encode("utf-8")),
        ("report.html", f"<html><body><h1>{text}</h1></body></html>".encode()),
        ("report.pdf", _pdf_with_raw_title(pdf_title)),
    ):
        document = extract_document(data, filename=name)
        for value in (document.text, document.title or "", *document.metadata.values()):
            assert not any(ord(char) < 32 and char not in "\t\n\r" for char in value), name
    assert (
        extract_document(_pdf_with_raw_title(pdf_title), filename="a.pdf").title == "示范局年度报告"
    )
