"""Turn fetched HTML bytes into text, by the same rule the parser uses for report pages.

One decoder (:func:`parsers.extract.encoding.decode_page`) serves listings and reports, so a
listing and a report of the same site never decode differently.
"""

from __future__ import annotations

from parsers.extract.encoding import DecodedText, decode_page

#: A decoded page: its text, the encoding used, and a note when the declared charset was wrong.
DecodedPage = DecodedText


def decode_html(body: bytes, content_type: str | None = None) -> DecodedPage:
    """Decode ``body``; a declared charset that does not fit the bytes is noted in ``warning``."""
    return decode_page(body, content_type)
