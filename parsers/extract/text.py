"""Plain-text reports: decode, normalise line endings, and drop markdown residue.

Text saved from a converted web page often keeps markdown: ``#`` heading markers, ``**bold**``
and pipe tables (``| 规章 | 2 | 1 | 13 |``). Markers are removed so they reach neither search
snippets nor the report page; pipe-table lines become tab-separated rows (the layout tables are
read from) and their ``|---|`` rules are dropped.
"""

from __future__ import annotations

import re

from parsers.extract.encoding import decode_bytes
from parsers.extracted import ExtractedDocument

_HEADING_MARKER = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(?=\S)", re.M)
_BOLD = re.compile(r"\*\*")
_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$")
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")


def extract_text(
    data: bytes, *, url: str | None = None, content_type: str | None = None
) -> ExtractedDocument:
    """An :class:`ExtractedDocument` of a plain-text report."""
    text, _ = decode_bytes(data, content_type)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u3000", " ")
    return ExtractedDocument(text=strip_markdown(text), url=url, format="text")


def strip_markdown(text: str) -> str:
    """Text without markdown heading markers and bold markers, pipe tables as tab rows."""
    if "#" not in text and "*" not in text and "|" not in text:
        return text
    text = _HEADING_MARKER.sub("", text)
    text = _BOLD.sub("", text)
    lines = []
    for line in text.split("\n"):
        if _PIPE_RULE.match(line):
            continue
        if _PIPE_ROW.match(line):
            line = "\t".join(cell.strip() for cell in line.strip()[1:-1].split("|"))
        lines.append(line)
    return "\n".join(lines)
