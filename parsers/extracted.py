"""The output of the extract stage: a document's text, title, page metadata and table grids."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ExtractedDocument:
    """Plain content pulled out of an HTML page, text file, DOCX or PDF, before any tagging.

    ``text`` keeps the line structure of the report body (site chrome removed); tables found as
    real table objects (HTML ``<table>``, DOCX, PDF) are also given as grids in ``tables``, with
    merged cells repeated into every position they span.
    """

    text: str
    title: str | None = None
    #: Page metadata such as ``{"发布机构": ..., "发布日期": ..., "成文日期": ..., "索引号": ...}``.
    metadata: dict[str, str] = field(default_factory=dict)
    #: Table grids: ``tables[i][row][col]`` is a cell's text.
    tables: list[list[list[str]]] = field(default_factory=list)
    url: str | None = None
    #: ``html``, ``text``, ``docx``, ``pdf``, ``doc``.
    format: str = "text"
    #: How many pages were read by OCR (scans), and the mean confidence of the words read.
    ocr_pages: int = 0
    ocr_confidence: float | None = None
    #: Non-fatal problems met while extracting (pages skipped, ...).
    warnings: list[str] = field(default_factory=list)
    #: For paged documents (PDF): the 1-based page of each row of each grid in ``tables``, and
    #: of each line of ``text``; empty when the format has no pages.
    table_pages: list[list[int]] = field(default_factory=list)
    line_pages: list[int] = field(default_factory=list)
