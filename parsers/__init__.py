"""Parsers: pure functions from a report file's bytes to a structured :class:`ParsedReport`.

No network, no database. The stages are ``parsers.extract`` (bytes → text, metadata, table
grids), ``parsers.tagging`` (region, agency, year, template …), ``parsers.sections``,
``parsers.tables`` and ``parsers.checks``; :func:`parse_document` runs them all.
"""

from __future__ import annotations

from parsers.document import parse_document, parse_extracted
from parsers.model import ParsedReport, ParseError

__all__ = ["ParseError", "ParsedReport", "parse_document", "parse_extracted"]
