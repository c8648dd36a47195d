"""Plain-text reports: decode and normalise line endings; tables stay in the text's own layout."""

from __future__ import annotations

from parsers.extract.encoding import decode_bytes
from parsers.extracted import ExtractedDocument


def extract_text(
    data: bytes, *, url: str | None = None, content_type: str | None = None
) -> ExtractedDocument:
    """An :class:`ExtractedDocument` of a plain-text report."""
    text, _ = decode_bytes(data, content_type)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u3000", " ")
    return ExtractedDocument(text=text, url=url, format="text")
