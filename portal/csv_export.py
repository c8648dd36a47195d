"""CSV responses that Excel opens correctly: UTF-8 with a byte-order mark, streamed row by row."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any
from urllib.parse import quote

from flask import Response, stream_with_context

UTF8_BOM = "\ufeff"


def csv_lines(
    header: Sequence[str], rows: Iterable[Sequence[Any]], *, bom: bool = True
) -> Iterator[str]:
    """The BOM (for Excel), the header line and one line per row, each a CSV-encoded string.

    The one CSV writer of the project: the web downloads and ``nianbao export`` both use it, so
    formulas are neutralised everywhere.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if bom:
        yield UTF8_BOM
    for row in _chain(header, rows):
        writer.writerow(["" if value is None else safe_cell(value) for value in row])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def _chain(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[Sequence[Any]]:
    yield header
    yield from rows


def safe_cell(value: Any) -> Any:
    """Neutralise spreadsheet formulas in text cells (CSV injection), keep numbers as numbers."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]], *, stream: bool = False
) -> Response:
    """A CSV download named ``filename`` (non-ASCII names are encoded per RFC 6266)."""
    lines = csv_lines(header, rows)
    body: Any = stream_with_context(lines) if stream else "".join(lines)
    response = Response(body, mimetype="text/csv")
    response.headers["Content-Type"] = "text/csv; charset=utf-8"
    response.headers["Content-Disposition"] = attachment_header(filename)
    return response


def attachment_header(filename: str) -> str:
    """A ``Content-Disposition`` value with an ASCII fallback and the UTF-8 name (RFC 6266).

    Names come from crawled data (a region's name): control characters, quotes and backslashes
    are dropped from the fallback, and the UTF-8 form is percent-encoded, so no name can end the
    header or start another.
    """
    cleaned = _UNSAFE_IN_NAME.sub("", filename) or "download.csv"
    fallback = cleaned.encode("ascii", "replace").decode("ascii").replace("?", "_")
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(cleaned, safe='')}"


_UNSAFE_IN_NAME = re.compile(r'[\x00-\x1f\x7f"\\;]')
