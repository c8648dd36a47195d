"""Word .docx reports: body paragraphs and tables in document order; merged cells become grids."""

from __future__ import annotations

import io
import zipfile

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from parsers.extract.html_render import collapse_whitespace
from parsers.extracted import ExtractedDocument
from parsers.model import ParseError

Grid = list[list[str]]


def extract_docx(data: bytes) -> ExtractedDocument:
    """An :class:`ExtractedDocument` of a .docx report (tables also rendered as tab-separated lines)."""
    try:
        document = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise ParseError(f"corrupt DOCX file: {error}") from error
    lines: list[str] = []
    grids: list[Grid] = []
    for block in _iter_blocks(document):
        if isinstance(block, Paragraph):
            text = block.text.strip()
            if text:
                lines.append(text)
        else:
            grid = table_grid(block)
            if grid:
                grids.append(grid)
                lines.extend("\t".join(row) for row in grid)
    title = (document.core_properties.title or "").strip() or None
    return ExtractedDocument(text="\n".join(lines), title=title, tables=grids, format="docx")


def _iter_blocks(document: DocxDocument):
    """Paragraphs and tables of the body, in document order."""
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, document)
        elif child.tag == qn("w:tbl"):
            yield Table(child, document)


def table_grid(table: Table) -> Grid:
    """A table as a grid; horizontally and vertically merged cells repeat their text."""
    grid: Grid = []
    for row in table.rows:
        grid.append([collapse_whitespace(cell.text) for cell in row.cells])
    return grid
