"""Turn fetched HTML bytes into text: the declared charset when it fits, a detected one otherwise."""

from __future__ import annotations

import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", re.IGNORECASE)
#: Declared names that are subsets of GB18030, the encoding actually needed to read them.
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "gb_2312-80", "euc-cn"}


@dataclass
class DecodedPage:
    """A page's text, the encoding used, and a note when the declared charset was wrong."""

    text: str
    encoding: str
    warning: str | None = None


def declared_charset(body: bytes, content_type: str | None) -> str | None:
    """The charset named by the Content-Type header or else a ``<meta>`` tag."""
    if content_type:
        match = _HEADER_CHARSET.search(content_type)
        if match:
            return match.group(1).lower()
    meta = _META_CHARSET.search(body[:4096])
    return meta.group(1).decode("ascii").lower() if meta else None


def decode_html(body: bytes, content_type: str | None = None) -> DecodedPage:
    """Decode ``body``; a declared charset that does not fit the bytes is noted in ``warning``."""
    declared = declared_charset(body, content_type)
    codec = _codec(declared) if declared else None
    is_ascii = body.isascii()
    if not is_ascii and codec != "utf-8" and _strict(body, "utf-8") is not None:
        # Valid multi-byte UTF-8 almost never happens by chance in GBK text.
        text = body.decode("utf-8")
        warning = None
        if declared and codec is not None:
            warning = f"declared charset {declared} does not match the content; decoded as utf-8"
        return DecodedPage(text, "utf-8", warning)
    if codec is not None:
        strict = _strict(body, codec)
        if strict is not None:
            return DecodedPage(strict, codec)
    for fallback in ("utf-8", "gb18030"):
        strict = _strict(body, fallback)
        if strict is not None:
            warning = (
                f"declared charset {declared} does not match the content; decoded as {fallback}"
                if declared
                else None
            )
            return DecodedPage(strict, fallback, warning)
    best = from_bytes(body).best()
    encoding = best.encoding if best is not None else "utf-8"
    text = body.decode(encoding, errors="replace")
    problem = (
        f"declared charset {declared} does not match the content" if declared else "no charset"
    )
    return DecodedPage(
        text, encoding, f"{problem}; undecodable bytes, decoded as {encoding} with replacements"
    )


def _codec(name: str) -> str | None:
    """The Python codec for a declared charset name; None for unknown names."""
    name = name.lower()
    if name in _GB_FAMILY:
        return "gb18030"
    if name in ("utf8", "utf-8"):
        return "utf-8"
    try:
        import codecs

        return codecs.lookup(name).name
    except LookupError:
        return None


def _strict(body: bytes, codec: str) -> str | None:
    try:
        return body.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None
