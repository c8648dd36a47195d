"""PDF reports: text lines and ruled tables in reading order.

Pages with a text layer are read with pdfplumber; scanned pages (an image and no text) are
rendered with pdfium and read by OCR (:mod:`parsers.extract.ocr`), within a page and a time
budget so that a long scan cannot outlast the parse worker's time limit.

Merged cells are expanded by geometry (a position covered by a merged cell repeats its text). A
table that starts a page and has as many columns as the table that ended the previous page is
its continuation and is joined to it (a repeated header row is dropped).
"""

from __future__ import annotations

import io
import re
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pdfplumber
import pypdfium2 as pdfium
from pdfminer.pdftypes import resolve1
from pdfminer.utils import decode_text
from pdfplumber.page import Page
from pdfplumber.table import Table

from parsers.extract.html_render import collapse_whitespace
from parsers.extract.ocr_limits import MAX_OCR_PAGES, MAX_OCR_PIXELS, OCR_DPI, OCR_SECONDS_BUDGET
from parsers.extracted import ExtractedDocument
from parsers.model import ParseError

if TYPE_CHECKING:
    from parsers.extract.ocr import PageItem

Grid = list[list[str]]
#: A page with fewer text-layer characters than this and an image is treated as a scan.
_SCAN_MAX_CHARS = 20


@dataclass
class _Block:
    """A run of text lines or a table, in reading order."""

    lines: list[str] = field(default_factory=list)
    grid: Grid | None = None
    #: The 1-based page of each line, or of each row of the grid.
    pages: list[int] = field(default_factory=list)


def extract_pdf(data: bytes) -> ExtractedDocument:
    """An :class:`ExtractedDocument` of a PDF report; raises :class:`ParseError` if unreadable.

    Pages without a text layer (scans) are read by OCR, at most :data:`MAX_OCR_PAGES` of them.
    """
    blocks: list[_Block] = []
    scans = _ScannedPages(data)
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            title = metadata_title(pdf)
            for number, page in enumerate(pdf.pages):
                if _is_scanned(page):
                    _add_items(scans.read(number), blocks, number + 1)
                else:
                    _add_items(_page_items(page), blocks, number + 1)
    except ParseError:
        raise
    except Exception as error:  # pdfminer raises many unrelated types on corrupt input
        raise ParseError(
            f"corrupt or unreadable PDF file: {type(error).__name__}: {error}"
        ) from error
    lines: list[str] = []
    line_pages: list[int] = []
    grids: list[Grid] = []
    grid_pages: list[list[int]] = []
    for block in blocks:
        if block.grid is not None:
            grids.append(block.grid)
            grid_pages.append(block.pages)
            lines.extend("\t".join(row) for row in block.grid)
        else:
            lines.extend(block.lines)
        line_pages.extend(block.pages)
    text = "\n".join(lines)
    if not text.strip():
        raise ParseError("PDF has neither a text layer nor text that OCR could read")
    return ExtractedDocument(
        text=text,
        title=title,
        tables=grids,
        format="pdf",
        ocr_pages=scans.pages_read,
        ocr_confidence=scans.confidence,
        warnings=scans.warnings,
        table_pages=grid_pages,
        line_pages=line_pages,
    )


def metadata_title(pdf: pdfplumber.PDF) -> str | None:
    """The document-information Title, decoded from its raw bytes (see :func:`decode_pdf_string`)."""
    for info in pdf.doc.info:
        raw = resolve1(info.get("Title"))
        if isinstance(raw, bytes):
            title = decode_pdf_string(raw)
        elif isinstance(raw, str):
            title = raw
        else:
            continue
        title = collapse_whitespace(title.replace("\x00", ""))
        if title:
            return title
    return None


def decode_pdf_string(raw: bytes) -> str:
    """A PDF text string as the writer meant it.

    The standard allows UTF-16BE with a BOM or PDFDocEncoding, but Chinese office software also
    writes UTF-16LE with a BOM (read naively: ``ÿþ*mýl…``), UTF-8 and GBK.
    """
    if raw.startswith(b"\xfe\xff"):
        return raw[2:].decode("utf-16-be", errors="replace")
    if raw.startswith(b"\xff\xfe"):
        return raw[2:].decode("utf-16-le", errors="replace")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return decode_text(raw)


def _is_scanned(page: Page) -> bool:
    """A page whose text layer is (nearly) empty but that shows images: a scan."""
    return len(page.chars) < _SCAN_MAX_CHARS and bool(page.images)


class _ScannedPages:
    """OCR of a PDF's scanned pages, rendered by pdfium on first use."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._document: pdfium.PdfDocument | None = None
        self._started = 0.0
        self.pages_read = 0
        self.scores: list[float] = []
        self.warnings: list[str] = []

    def read(self, number: int) -> list[PageItem]:
        if self._document is None:
            self._document = pdfium.PdfDocument(self._data)
            self._started = time.monotonic()
        over_pages = self.pages_read >= MAX_OCR_PAGES
        over_time = time.monotonic() - self._started > OCR_SECONDS_BUDGET
        if over_pages or over_time:
            if not self.warnings:
                limit = f"{MAX_OCR_PAGES} 页" if over_pages else f"{OCR_SECONDS_BUDGET:.0f} 秒"
                self.warnings.append(f"扫描件文字识别超过 {limit}，第 {number + 1} 页起未识别")
            return []
        # Imported on first use: the OCR stack (ONNX Runtime, OpenCV) is heavy, and most
        # documents never need it.
        from parsers.extract.ocr import read_page

        page = self._document[number]
        width, height = page.get_size()
        scale = min(OCR_DPI / 72, MAX_OCR_PIXELS / max(width, height, 1.0))
        image = page.render(scale=scale).to_pil()
        page = read_page(image)
        self.pages_read += 1
        self.scores.extend(page.scores)
        return page.items

    @property
    def confidence(self) -> float | None:
        """The mean OCR confidence of the words read, or ``None`` without OCR."""
        return round(sum(self.scores) / len(self.scores), 3) if self.scores else None


def _page_items(page: Page) -> list[PageItem]:
    tables = page.find_tables()
    items: list[tuple[float, str | Grid]] = [(table.bbox[1], table_grid(table)) for table in tables]
    bboxes = [table.bbox for table in tables]

    def outside_tables(obj: dict) -> bool:
        return not any(
            obj["x0"] >= x0 - 1
            and obj["x1"] <= x1 + 1
            and obj["top"] >= top - 1
            and obj["bottom"] <= bottom + 1
            for x0, top, x1, bottom in bboxes
        )

    text_page = page.filter(outside_tables) if bboxes else page
    items.extend((line["top"], line["text"]) for line in text_page.extract_text_lines())
    items.sort(key=lambda item: item[0])
    return items


def _add_items(items: list[PageItem], blocks: list[_Block], page: int) -> None:
    """Append one page's items (text lines and grids, top to bottom) to the document's blocks."""
    for position, (_, item) in enumerate(items):
        if isinstance(item, str):
            if blocks and blocks[-1].grid is None:
                blocks[-1].lines.append(item)
                blocks[-1].pages.append(page)
            else:
                blocks.append(_Block(lines=[item], pages=[page]))
        elif position == 0 and _continues(blocks, item):
            previous = blocks[-1].grid
            assert previous is not None
            rows = item[1:] if item and previous and item[0] == previous[0] else item
            previous.extend(rows)
            blocks[-1].pages.extend([page] * len(rows))
        else:
            blocks.append(_Block(grid=item, pages=[page] * len(item)))


def _continues(blocks: list[_Block], grid: Grid) -> bool:
    """Whether a table at the top of a page continues the table that ended the previous page."""
    if not blocks or blocks[-1].grid is None or not grid:
        return False
    previous = blocks[-1].grid
    return bool(previous) and len(previous[-1]) == len(grid[0])


#: A cell holding a count or nothing: one cell of a row however many columns it spans.
_VALUE_CELL = re.compile(r"^[\d\s,，.．%+\-－—]*$")


def table_grid(table: Table) -> Grid:
    """A pdfplumber table as a grid, merged cells repeated into every position they cover.

    A value (or blank) cell spanning several columns of its own row is kept once: pdfplumber
    makes one column for every vertical line of the whole table, so a table whose header
    splits columns that its numbers' rows do not (or two tables ruled as one) would otherwise
    give a row more numbers than it has (``0 0 0 0 1 1 1`` for ``0 0 0 0 1 1``)."""
    extracted = table.extract()
    xs = sorted({cell[0] for cell in table.cells})
    tops = sorted({cell[1] for cell in table.cells})
    x_bounds = [*xs, table.bbox[2]]
    y_bounds = [*tops, table.bbox[3]]
    real: list[tuple[tuple[float, float, float, float], str]] = []
    for row, texts in zip(table.rows, extracted, strict=False):
        for bbox, text in zip(row.cells, texts, strict=False):
            if bbox is not None:
                real.append((bbox, collapse_whitespace(text or "")))
    grid: Grid = []
    for r, texts in enumerate(extracted):
        out: list[str] = []
        for c, text in enumerate(texts):
            if text is not None:
                out.append(collapse_whitespace(text))
                continue
            x = (x_bounds[c] + x_bounds[c + 1]) / 2
            y = (y_bounds[r] + y_bounds[r + 1]) / 2
            covering = next(
                (
                    (t, top)
                    for (x0, top, x1, bottom), t in real
                    if x0 <= x <= x1 and top <= y <= bottom
                ),
                None,
            )
            if covering is None:
                out.append("")
                continue
            text_covering, top = covering
            same_row = abs(top - y_bounds[r]) < 0.5
            if same_row and _VALUE_CELL.match(text_covering):
                continue  # the rest of a value cell spanning this row's columns
            out.append(text_covering)
        grid.append(out)
    return grid
