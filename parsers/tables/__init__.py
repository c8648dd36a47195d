"""The statistics tables of a report (二 active, 三 applications, 四 reviews), read by row labels.

:func:`read_tables` turns an :class:`~parsers.extracted.ExtractedDocument` into ``tables`` as in
REPORT_SCHEMA.md. A table that cannot be read is omitted with a warning, never filled with zeros.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from parsers.extracted import ExtractedDocument
from parsers.model import Tables
from parsers.tables.active import ActiveTable, parse_active_table
from parsers.tables.applications import (
    ApplicationsTable,
    find_applications_rows,
    parse_application_table,
)
from parsers.tables.grid import Row, rows_from_grids, rows_from_text
from parsers.tables.provenance import RowOrigin, row_origins, row_provenance
from parsers.tables.reviews import ReviewsTable, parse_review_table

__all__ = ["TablesReading", "document_rows", "read_tables"]


@dataclass
class TablesReading:
    """The tables found in a document, the template their shape points to, and warnings."""

    tables: Tables
    #: ``2021`` or ``2019`` from the tables' shape; ``None`` without evidence.
    template: str | None = None
    warnings: list[str] = field(default_factory=list)
    #: Cell name prefixes (``applications.denied_query``) whose reading is in doubt.
    doubtful: list[str] = field(default_factory=list)
    #: Where each row was read (``applications.new`` → label as printed, method, page …).
    provenance: dict[str, dict[str, Any]] = field(default_factory=dict)


def document_rows(document: ExtractedDocument) -> list[Row]:
    """A document's table rows: its grids, or for plain text the rows laid out in the text."""
    if document.tables:
        return rows_from_grids(document.tables)
    return rows_from_text(document.text)


def read_tables(document: ExtractedDocument) -> TablesReading:
    """Read tables 二, 三 and 四 of a document.

    A document with grids is read from its grids; where that leaves a table or a row unread
    (a PDF row that fell outside its ruled table at a page break, a grid with a label cut off),
    the document's text, which holds the same tables laid out in reading order, is read too and
    fills what the grids left unread, unless the two readings disagree on a row both read.
    """
    reading = _read_rows(document, document_rows(document))
    if document.tables and document.text and _has_unread(reading.tables):
        as_text = replace(document, tables=[], table_pages=[])
        _fill_unread(reading, _read_rows(as_text, rows_from_text(document.text)))
    return reading


#: The tables a report must hold, and how many rows each has at least.
_TABLE_NAMES = ("active", "applications", "reviews")


def _is_unread(cells: dict[str, Any]) -> bool:
    return all(value is None for value in cells.values())


def _has_unread(tables: Tables) -> bool:
    """True when a table is missing or one of its rows was left unread."""
    for name in _TABLE_NAMES:
        table = tables.get(name)
        if table is None or any(_is_unread(cells) for cells in table.values()):
            return True
    return False


def _fill_unread(reading: TablesReading, other: TablesReading) -> None:
    """Fill ``reading``'s missing tables and unread rows from ``other``, a second reading of the
    same document; a table whose two readings disagree on a row both read is left as it was."""
    for name in _TABLE_NAMES:
        theirs = other.tables.get(name)
        if theirs is None:
            continue
        ours = reading.tables.get(name)
        if ours is None:
            reading.tables[name] = theirs
            filled = list(theirs)
        else:
            if any(
                row in ours
                and not _is_unread(ours[row])
                and not _is_unread(cells)
                and ours[row] != cells
                for row, cells in theirs.items()
            ):
                continue
            filled = [
                row
                for row, cells in theirs.items()
                if not _is_unread(cells) and (row not in ours or _is_unread(ours[row]))
            ]
            for row in filled:
                ours[row] = theirs[row]
        for row in filled:
            key = f"{name}.{row}"
            if key in other.provenance:
                reading.provenance[key] = other.provenance[key]
            if key in other.doubtful and key not in reading.doubtful:
                reading.doubtful.append(key)
        if reading.template is None:
            reading.template = other.template


def _read_rows(document: ExtractedDocument, rows: list[Row]) -> TablesReading:
    """Read the three tables from a document's rows."""
    span = find_applications_rows(rows)
    before = rows[: span[0]] if span else rows
    after_start = span[1] + 1 if span else 0

    active = parse_active_table(before, document.text)
    applications = parse_application_table(rows, span)
    reviews = parse_review_table(rows, after_start)

    tables: Tables = {}
    if active.table is not None:
        tables["active"] = active.table
    if applications.table is not None:
        tables["applications"] = applications.table
    if reviews.table is not None:
        tables["reviews"] = reviews.table
    template = applications.template or (active.template if active.table is not None else None)
    return TablesReading(
        tables=tables,
        template=template,
        warnings=[*active.warnings, *applications.warnings, *reviews.warnings],
        doubtful=[
            *(f"active.{row}" for row in active.doubtful_rows),
            *(f"applications.{row}" for row in applications.doubtful_rows),
        ],
        provenance=_provenance(document, tables, active, applications, reviews),
    )


def _provenance(
    document: ExtractedDocument,
    tables: Tables,
    active: ActiveTable,
    applications: ApplicationsTable,
    reviews: ReviewsTable,
) -> dict[str, dict[str, Any]]:
    """Each read row's provenance, keyed ``<table>.<row>``."""
    origins = row_origins(document)
    confidence = document.ocr_confidence

    def origin(index: int) -> RowOrigin | None:
        return origins[index] if 0 <= index < len(origins) else None

    found: dict[str, dict[str, Any]] = {}
    for table_name, result in (("active", active), ("applications", applications)):
        if table_name not in tables:
            continue
        for key, (label, index) in result.sources.items():
            found[f"{table_name}.{key}"] = row_provenance(label, origin(index), confidence)
    if "reviews" in tables and reviews.source is not None:
        label, index = reviews.source
        for group in tables["reviews"]:
            found[f"reviews.{group}"] = row_provenance(label, origin(index), confidence)
    return found
