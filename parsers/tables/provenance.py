"""Where each row of a statistics table was read: its label as printed, how it was read (a grid
of a real table, a line of text, OCR of a scan), the page and the grid or line it sits on.

A cell's provenance is its row's, plus its column: ``provenance["applications.new"]`` describes
every cell ``applications.new.*``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from parsers.extracted import ExtractedDocument
from parsers.tables.grid import rows_from_text_with_lines


@dataclass(frozen=True)
class RowOrigin:
    """Where one table row came from in the document."""

    method: str
    page: int | None = None
    #: For a grid row: the grid's and the row's 1-based numbers; for a text row: its line.
    grid: int | None = None
    row: int | None = None
    line: int | None = None


def row_origins(document: ExtractedDocument) -> list[RowOrigin]:
    """One origin per row of :func:`parsers.tables.document_rows`, in the same order."""
    scanned = document.ocr_pages > 0
    origins: list[RowOrigin] = []
    if document.tables:
        for grid_index, grid in enumerate(document.tables):
            pages = (
                document.table_pages[grid_index] if grid_index < len(document.table_pages) else []
            )
            for row_index in range(len(grid)):
                page = pages[row_index] if row_index < len(pages) else None
                origins.append(
                    RowOrigin("ocr" if scanned else "grid", page, grid_index + 1, row_index + 1)
                )
        return origins
    for _, line in rows_from_text_with_lines(document.text):
        page = document.line_pages[line] if line < len(document.line_pages) else None
        origins.append(RowOrigin("ocr" if scanned else "text", page, line=line + 1))
    return origins


def row_provenance(
    label: str, origin: RowOrigin | None, confidence: float | None
) -> dict[str, Any]:
    """The JSON provenance of one row (REPORT_SCHEMA.md ``provenance``)."""
    return {
        "label": label,
        "method": origin.method if origin else None,
        "page": origin.page if origin else None,
        "grid": origin.grid if origin else None,
        "row": origin.row if origin else None,
        "line": origin.line if origin else None,
        "confidence": confidence if origin and origin.method == "ocr" else None,
    }
