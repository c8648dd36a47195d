"""Statistics tables as spanning-cell layouts, rendered as HTML (plain or Word-exported), DOCX, PDF.

A layout is a list of rows of :class:`SpanCell` exactly as a ``<table>`` would write them: a cell
covered by a ``rowspan`` from above is not repeated. ``\\n`` in a cell's text is a line break
(``<br>`` in HTML, a new line in Word and PDF).
"""

from __future__ import annotations

import html
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from docx import Document
from docx.shared import Pt
from layout_values import (
    BOTTOM_ROWS,
    COLUMNS,
    NOTE,
    RESULTS_HEADING,
    TOP_ROWS,
    result_groups,
)
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle


@dataclass(frozen=True)
class SpanCell:
    """One ``<td>``: text, spans, and whether it is a label (left-aligned, may wrap)."""

    text: str
    rowspan: int = 1
    colspan: int = 1
    label: bool = False


Layout = list[list[SpanCell]]
Formatter = Callable[[str, str, Any], str]


def plain(row: str, column: str, value: Any) -> str:
    """Numbers written as they are."""
    return "" if value is None else str(value)


def vertical(text: str) -> str:
    """Text written one character per line, as narrow Word cells show it."""
    return "\n".join(text)


def applications_layout(
    values: dict[str, dict[str, Any]],
    template: str,
    *,
    corner: str = "note",
    formatter: Formatter = plain,
    broken_labels: bool = False,
) -> Layout:
    """Table 三 as published: 3 header rows, labels over 3 columns, rowspans for the groups."""
    corner_text = NOTE if corner == "note" else ""
    applicants = ["商业\n企业", "科研\n机构", "社会公益\n组织", "法律服务\n机构", "其他"]
    if not broken_labels:
        applicants = [name.replace("\n", "") for name in applicants]
    layout: Layout = [
        [SpanCell(corner_text, 3, 3, True), SpanCell("申请人情况", 1, 7, True)],
        [
            SpanCell("自然人", 2, 1, True),
            SpanCell("法人或其他组织", 1, 5, True),
            SpanCell("总计", 2, 1, True),
        ],
        [SpanCell(name, label=True) for name in applicants],
    ]

    def numbers(key: str) -> list[SpanCell]:
        return [SpanCell(formatter(key, column, values[key][column])) for column in COLUMNS]

    for key, label in TOP_ROWS:
        layout.append([SpanCell(label, 1, 3, True), *numbers(key)])
    groups = result_groups(template)
    heading_span = sum(len(rows) for _, rows in groups)
    heading = vertical(RESULTS_HEADING) if broken_labels else RESULTS_HEADING
    first = True
    for group, rows in groups:
        for position, (key, label) in enumerate(rows):
            cells: list[SpanCell] = []
            if first:
                cells.append(SpanCell(heading, heading_span, 1, True))
                first = False
            if group is None:
                cells.append(SpanCell(label, 1, 2, True))
            else:
                if position == 0:
                    cells.append(SpanCell(group, len(rows), 1, True))
                cells.append(SpanCell(label, label=True))
            layout.append([*cells, *numbers(key)])
    for key, label in BOTTOM_ROWS:
        layout.append([SpanCell(label, 1, 3, True), *numbers(key)])
    return layout


REVIEW_HEADS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def reviews_layout(
    reviews: dict[str, dict[str, Any]],
    *,
    vertical_labels: bool = False,
    split_numbers: bool = False,
    formatter: Formatter = plain,
) -> Layout:
    """Table 四: 行政复议 (5) and 行政诉讼 (10) over three header rows, then the 15 numbers."""
    write = vertical if vertical_labels else (lambda text: text)
    heads = [write(name) for name in REVIEW_HEADS]
    numbers = [
        SpanCell(formatter(group, column, reviews[group][column]))
        for group in ("review", "litigation", "litigation_after_review")
        for column in ("upheld", "corrected", "other", "pending", "total")
    ]
    layout: Layout = [
        [SpanCell(write("行政复议"), 1, 5, True), SpanCell(write("行政诉讼"), 1, 10, True)],
        [
            *(SpanCell(head, 2, 1, True) for head in heads),
            SpanCell("未经复议直接起诉", 1, 5, True),
            SpanCell("复议后起诉", 1, 5, True),
        ],
        [SpanCell(head, label=True) for head in heads * 2],
    ]
    if split_numbers:
        layout += [numbers[:10], numbers[10:]]
    else:
        layout.append(numbers)
    return layout


def active_layout(values: dict[str, dict[str, Any]], template: str) -> Layout:
    """Table 二 in four columns; single values span the three value columns."""

    def heading(text: str) -> list[SpanCell]:
        return [SpanCell(text, 1, 4, True)]

    def head(*names: str) -> list[SpanCell]:
        cells = [SpanCell("信息内容", label=True)] + [SpanCell(n, label=True) for n in names]
        if len(names) < 3:
            cells[-1] = SpanCell(names[-1], 1, 4 - len(names), True)
        return cells

    def row(label: str, key: str, columns: Sequence[str]) -> list[SpanCell]:
        cells = [SpanCell(label, label=True)] + [SpanCell(str(values[key][c])) for c in columns]
        if len(columns) < 3:
            last = cells[-1]
            cells[-1] = SpanCell(last.text, 1, 4 - len(columns))
        return cells

    def signed(key: str) -> None:
        change = values[key]["change"]
        values[key] = {**values[key], "change": f"+{change}" if change > 0 else str(change)}

    if template == "2021":
        return [
            heading("第二十条第（一）项"),
            head("本年制发件数", "本年废止件数", "现行有效件数"),
            row("规章", "rules", ("made", "repealed", "in_force")),
            row("行政规范性文件", "normative_documents", ("made", "repealed", "in_force")),
            heading("第二十条第（五）项"),
            head("本年处理决定数量"),
            row("行政许可", "licensing", ("decisions",)),
            heading("第二十条第（六）项"),
            head("本年处理决定数量"),
            row("行政处罚", "punishment", ("decisions",)),
            row("行政强制", "enforcement", ("decisions",)),
            heading("第二十条第（八）项"),
            head("本年收费金额（单位：万元）"),
            row("行政事业性收费", "fees", ("amount",)),
        ]
    values = {key: dict(row_values) for key, row_values in values.items()}
    for key in ("licensing", "other_services", "punishment", "enforcement", "fees"):
        signed(key)
    three = ("last_year_items", "change", "decisions")
    return [
        heading("第二十条第（一）项"),
        head("本年新制作数量", "本年新公开数量", "对外公开总数量"),
        row("规章", "rules", ("new_made", "new_published", "total_published")),
        row("规范性文件", "normative_documents", ("new_made", "new_published", "total_published")),
        heading("第二十条第（五）项"),
        head("上一年项目数量", "本年增/减", "处理决定数量"),
        row("行政许可", "licensing", three),
        row("其他对外管理服务事项", "other_services", three),
        heading("第二十条第（六）项"),
        head("上一年项目数量", "本年增/减", "处理决定数量"),
        row("行政处罚", "punishment", three),
        row("行政强制", "enforcement", three),
        heading("第二十条第（八）项"),
        head("上一年项目数量", "本年增/减"),
        row("行政事业性收费", "fees", ("last_year_items", "change")),
        heading("第二十条第（九）项"),
        head("采购项目数量", "采购总金额"),
        row("政府集中采购", "procurement", ("items", "amount")),
    ]


def placements(layout: Layout) -> list[tuple[int, int, SpanCell]]:
    """``(row, column, cell)`` of every cell, with the positions covered by spans skipped."""
    taken: set[tuple[int, int]] = set()
    placed = []
    for r, row in enumerate(layout):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            placed.append((r, c, cell))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            c += cell.colspan
    return placed


def width(layout: Layout) -> int:
    """The number of grid columns of a layout."""
    return max(c + cell.colspan for _, c, cell in placements(layout))


def clip(layout: Layout, start: int, end: int) -> Layout:
    """Rows ``start:end`` as their own table; a span cut at the top restarts as an empty cell."""
    rows: list[list[tuple[int, SpanCell]]] = [[] for _ in range(end - start)]
    for r, c, cell in placements(layout):
        last = r + cell.rowspan
        if last <= start or r >= end:
            continue
        top = max(r, start)
        text = cell.text if r >= start else ""
        span = min(last, end) - top
        rows[top - start].append((c, SpanCell(text, span, cell.colspan, cell.label)))
    return [[cell for _, cell in sorted(row, key=lambda item: item[0])] for row in rows]


WORD_LABEL = (
    '<p class=MsoNormal align=center style="text-align:center;line-height:15.0pt">'
    '<span style="font-size:10.0pt;font-family:宋体;mso-bidi-font-family:宋体">{}</span></p>'
)
WORD_NUMBER = (
    '<p class=MsoNormal align=center style="text-align:center"><span lang=EN-US '
    "style=\"font-size:10.0pt;font-family:'Times New Roman'\">{}<o:p></o:p></span></p>"
)


def html_table(layout: Layout, *, word: bool = False) -> str:
    """A layout as one ``<table>``; ``word`` writes cells as Word's HTML export does."""
    lines = [
        "<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 width=600 "
        'style="border-collapse:collapse;mso-table-layout-alt:fixed">'
        if word
        else '<table border="1" cellspacing="0" style="width:100%">'
    ]
    lines.append("<tbody>")
    for row in layout:
        cells = []
        for cell in row:
            content = html.escape(cell.text).replace("\n", "<br>").replace("\xa0", "&nbsp;")
            if word:
                if not content:
                    content = "&nbsp;"
                content = (WORD_LABEL if cell.label else WORD_NUMBER).format(content)
            spans = (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "") + (
                f' colspan="{cell.colspan}"' if cell.colspan > 1 else ""
            )
            style = ' width=48 valign=middle style="border:solid windowtext 1.0pt"' if word else ""
            cells.append(f"<td{spans}{style}>{content}</td>")
        lines.append("<tr>" + "".join(cells) + "</tr>")
    if word:  # Word's spacer row for misaligned columns
        spacer = "".join('<td width=48 style="border:none"></td>' for _ in range(width(layout)))
        lines.append(f"<![if !supportMisalignedColumns]><tr height=0>{spacer}</tr><![endif]>")
    lines.append("</tbody></table>")
    return "\n".join(lines)


def docx_table(document: Any, layout: Layout) -> None:
    """Append a layout to a python-docx document as a Word table with merged cells."""
    columns = width(layout)
    table = document.add_table(rows=len(layout), cols=columns)
    table.style = "Table Grid"
    for r, c, cell in placements(layout):
        target = table.cell(r, c)
        if cell.rowspan > 1 or cell.colspan > 1:
            target = target.merge(table.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
        target.text = cell.text


def docx_document(blocks: Sequence[str | Layout], title: str) -> bytes:
    """A .docx of paragraphs (strings) and tables (layouts), in order."""
    document = Document()
    document.styles["Normal"].font.size = Pt(10.5)
    document.core_properties.title = title
    for block in blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
        else:
            docx_table(document, block)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


FONT = "STSong-Light"


def pdf_table(layout: Layout, widths: Sequence[float], *, repeat_rows: int = 0) -> Table:
    """A reportlab table with spans, ruled on every cell, labels wrapped."""
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    label_style = ParagraphStyle("cell", fontName=FONT, fontSize=7, leading=8.5)
    grid: list[list[Any]] = [[""] * len(widths) for _ in layout]
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), 7),
        ("GRID", (0, 0), (-1, -1), 0.5, "black"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]
    for r, c, cell in placements(layout):
        text = html.escape(cell.text).replace("\n", "<br/>")
        grid[r][c] = Paragraph(text, label_style) if cell.label else cell.text
        if cell.rowspan > 1 or cell.colspan > 1:
            commands.append(("SPAN", (c, r), (c + cell.colspan - 1, r + cell.rowspan - 1)))
    table = Table(grid, colWidths=list(widths), repeatRows=repeat_rows)
    table.setStyle(TableStyle(commands))
    return table


def pdf_document(blocks: Sequence[Any], title: str) -> bytes:
    """A PDF of paragraphs (strings), spacers (numbers: points) and reportlab tables."""
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    style = ParagraphStyle("body", fontName=FONT, fontSize=10.5, leading=16)
    story: list[Any] = []
    for block in blocks:
        if isinstance(block, str):
            story.append(Paragraph(html.escape(block), style))
        elif isinstance(block, (int, float)):
            story.append(Spacer(1, block))
        else:
            story.append(block)
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer, pagesize=A4, title=title, leftMargin=36, rightMargin=36, invariant=1
    ).build(story)
    return buffer.getvalue()


APPLICATION_WIDTHS = (26, 48, 150, *([40] * 7))
REVIEW_WIDTHS = (34,) * 15
ACTIVE_WIDTHS = (180, 100, 100, 100)


def text_table(layout: Layout) -> list[str]:
    """A layout as "save as text" writes it: tab-separated, a merged cell's text only once."""
    grid = [[""] * width(layout) for _ in layout]
    for r, c, cell in placements(layout):
        grid[r][c] = cell.text.replace("\n", "")
    return ["\t".join(row) for row in grid]


def cell_per_line_table(layout: Layout, *, indent: str = "", blank_lines: bool = True) -> list[str]:
    """A layout copied out of a web page: one cell per line, rows apart by a blank line or not.

    Merged cells appear once; an empty cell becomes an empty line only when indented (an
    un-indented copy drops it, as browsers do).
    """
    grid: list[list[str | None]] = [[None] * width(layout) for _ in layout]
    for r, c, cell in placements(layout):
        grid[r][c] = cell.text.replace("\n", "")
    lines: list[str] = []
    for row in grid:
        cells = [text for text in row if text is not None]
        lines.extend(indent + text for text in cells if text or indent)
        if blank_lines:
            lines.append("")
    return lines


def pdf_dump_table(layout: Layout) -> list[str]:
    """A table as PDF text extraction writes it: a row's cells on one line, apart by spaces."""
    return [
        " ".join(cell for cell in row if cell)
        for row in (r.split("\t") for r in text_table(layout))
    ]
