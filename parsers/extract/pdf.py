"""Text-based PDF reports (pdfplumber): text lines and ruled tables in reading order.

Merged cells are expanded by geometry (a position covered by a merged cell repeats its text). A
table that starts a page and has as many columns as the table that ended the previous page is
its continuation and is joined to it (a repeated header row is dropped).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import pdfplumber
from pdfplumber.page import Page
from pdfplumber.table import Table

from parsers.extract.html_render import collapse_whitespace
from parsers.extracted import ExtractedDocument
from parsers.model import ParseError

Grid = list[list[str]]


@dataclass
class _Block:
    """A run of text lines or a table, in reading order."""

    lines: list[str] = field(default_factory=list)
    grid: Grid | None = None


def extract_pdf(data: bytes) -> ExtractedDocument:
    """An :class:`ExtractedDocument` of a PDF report; raises :class:`ParseError` if unreadable."""
    blocks: list[_Block] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            title = (pdf.metadata or {}).get("Title")
            for page in pdf.pages:
                _add_page(page, blocks)
    except ParseError:
        raise
    except Exception as error:  # pdfminer raises many unrelated types on corrupt input
        raise ParseError(
            f"corrupt or unreadable PDF file: {type(error).__name__}: {error}"
        ) from error
    lines: list[str] = []
    grids: list[Grid] = []
    for block in blocks:
        if block.grid is not None:
            grids.append(block.grid)
            lines.extend("\t".join(row) for row in block.grid)
        else:
            lines.extend(block.lines)
    text = "\n".join(lines)
    if not text.strip():
        raise ParseError("PDF has no text layer (scanned image?): OCR is not supported")
    return ExtractedDocument(
        text=text,
        title=title.strip() if isinstance(title, str) and title.strip() else None,
        tables=grids,
        format="pdf",
    )


def _add_page(page: Page, blocks: list[_Block]) -> None:
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
    for position, (_, item) in enumerate(items):
        if isinstance(item, str):
            if blocks and blocks[-1].grid is None:
                blocks[-1].lines.append(item)
            else:
                blocks.append(_Block(lines=[item]))
        elif position == 0 and _continues(blocks, item):
            previous = blocks[-1].grid
            assert previous is not None
            rows = item[1:] if item and previous and item[0] == previous[0] else item
            previous.extend(rows)
        else:
            blocks.append(_Block(grid=item))


def _continues(blocks: list[_Block], grid: Grid) -> bool:
    """Whether a table at the top of a page continues the table that ended the previous page."""
    if not blocks or blocks[-1].grid is None or not grid:
        return False
    previous = blocks[-1].grid
    return bool(previous) and len(previous[-1]) == len(grid[0])


def table_grid(table: Table) -> Grid:
    """A pdfplumber table as a grid, merged cells repeated into every position they cover."""
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
                (t for (x0, top, x1, bottom), t in real if x0 <= x <= x1 and top <= y <= bottom), ""
            )
            out.append(covering)
        grid.append(out)
    return grid
