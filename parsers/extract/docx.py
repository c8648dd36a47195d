"""Word .docx reports: body paragraphs and tables in document order; merged cells become grids."""

from __future__ import annotations

import io
import zipfile
import zlib

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from parsers.extract.html_render import collapse_whitespace
from parsers.extracted import ExtractedDocument
from parsers.model import ParseError

Grid = list[list[str]]


def extract_docx(data: bytes) -> ExtractedDocument:
    """An :class:`ExtractedDocument` of a .docx report (tables also rendered as tab-separated lines).

    A file whose XML is damaged is read as far as it can be (see :func:`salvage_docx`).
    """
    try:
        document = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, zlib.error) as error:
        raise ParseError(f"无法读取的文档（DOCX 文件已损坏：{error}）") from error
    except etree.XMLSyntaxError as error:
        return salvage_docx(data, error)
    lines: list[str] = []
    grids: list[Grid] = []
    for block in _iter_blocks(document):
        if isinstance(block, Paragraph):
            text = block.text.strip()
            if text:
                lines.append(text)
        else:
            try:
                grid = table_grid(block)
            except (ValueError, IndexError) as error:
                # An inconsistent merged-cell layout (``gridSpan`` past the row's end).
                return salvage_docx(data, error)
            if grid:
                grids.append(grid)
                lines.extend("\t".join(row) for row in grid)
    title = (document.core_properties.title or "").strip() or None
    return ExtractedDocument(text="\n".join(lines), title=title, tables=grids, format="docx")


def salvage_docx(data: bytes, error: Exception) -> ExtractedDocument:
    """The paragraphs and tables of a .docx whose XML is damaged, read with a recovering parser.

    Word itself opens such files after "repairing" them; so do we, and say so in a warning.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            xml = archive.read("word/document.xml")
            core = (
                archive.read("docProps/core.xml")
                if "docProps/core.xml" in archive.namelist()
                else b""
            )
    except (zipfile.BadZipFile, KeyError, zlib.error, OSError) as failure:
        raise ParseError(f"无法读取的文档（DOCX 文件已损坏：{failure}）") from failure
    recovering = etree.XMLParser(recover=True, huge_tree=False)
    root = etree.fromstring(xml, recovering)
    body = root.find(qn("w:body")) if root is not None else None
    if body is None:
        raise ParseError(f"无法读取的文档（DOCX 文件已损坏：{error}）")
    lines: list[str] = []
    grids: list[Grid] = []
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            text = _text_of(child)
            if text:
                lines.append(text)
        elif child.tag == qn("w:tbl"):
            grid = [
                [_text_of(cell) for cell in row.iterchildren(qn("w:tc"))]
                for row in child.iterchildren(qn("w:tr"))
            ]
            grid = [row for row in grid if row]
            if grid:
                grids.append(grid)
                lines.extend("\t".join(row) for row in grid)
    if not lines:
        raise ParseError(f"无法读取的文档（DOCX 文件已损坏：{error}）")
    core_root = etree.fromstring(core, recovering) if core else None
    title_node = (
        core_root.find("{http://purl.org/dc/elements/1.1/}title") if core_root is not None else None
    )
    title = collapse_whitespace(title_node.text or "") if title_node is not None else ""
    return ExtractedDocument(
        text="\n".join(lines),
        title=title or None,
        tables=grids,
        format="docx",
        warnings=[f"DOCX 文件的 XML 已损坏，按可恢复的部分读取（{str(error)[:120]}）"],
    )


def _text_of(element: etree._Element) -> str:
    """The text of a paragraph or cell: its ``w:t`` runs, paragraphs joined without a break."""
    return collapse_whitespace("".join(node.text or "" for node in element.iter(qn("w:t"))))


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
