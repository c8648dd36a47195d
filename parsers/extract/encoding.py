"""Decoding bytes of Chinese web pages and text files whatever they claim to be.

Order of evidence: a byte-order mark; valid UTF-8 (GBK text practically never is); the charsets
declared by the HTTP header and the ``<meta>`` tag, each used only if it decodes cleanly (so a page
that declares utf-8 but is GBK still comes out right); GB18030 (the superset of GB2312 and GBK);
charset-normalizer; finally GB18030 with replacement characters.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-:.]+)", re.I)
#: Declared Chinese charsets are decoded with their superset.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030"}
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_SCAN_BYTES = 4096


def declared_charsets(data: bytes, content_type: str | None = None) -> list[str]:
    """Charsets named by the HTTP Content-Type and by ``<meta>`` tags, most authoritative first."""
    names: list[str] = []
    if content_type and (match := _HEADER_CHARSET.search(content_type)):
        names.append(match.group(1))
    names.extend(
        m.group(1).decode("ascii", "ignore")
        for m in _META_CHARSET.finditer(data[:_META_SCAN_BYTES])
    )
    return names


@dataclass(frozen=True)
class DecodedText:
    """Text decoded from bytes, the encoding used, and a note when a declared charset was wrong
    or bytes had to be replaced."""

    text: str
    encoding: str
    warning: str | None = None


def decode_page(data: bytes, content_type: str | None = None) -> DecodedText:
    """Decode the bytes of a listing page, a report page or a text file (one rule for all)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return DecodedText(data[len(bom) :].decode(encoding, errors="replace"), encoding)
    declared = declared_charsets(data, content_type)
    declared_codecs = [codec for name in declared if (codec := _codec_name(name))]
    for codec in ["utf-8", *declared_codecs, "gb18030"]:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        warning = None
        if declared and codec not in declared_codecs and not data.isascii():
            warning = (
                f"declared charset {declared[0]} does not match the content; decoded as {codec}"
            )
        return DecodedText(text, codec, warning)
    problem = (
        f"declared charset {declared[0]} does not match the content" if declared else "no charset"
    )
    best = from_bytes(data).best()
    if best is not None and best.encoding:
        return DecodedText(str(best), best.encoding, f"{problem}; decoded as {best.encoding}")
    return DecodedText(
        data.decode("gb18030", errors="replace"),
        "gb18030",
        f"{problem}; undecodable bytes, decoded as gb18030 with replacements",
    )


def decode_bytes(data: bytes, content_type: str | None = None) -> tuple[str, str]:
    """``(text, encoding used)`` for the bytes of a page or text file."""
    decoded = decode_page(data, content_type)
    return decoded.text, decoded.encoding


def _codec_name(name: str) -> str | None:
    """Python's codec for a declared charset name, or ``None`` if unknown."""
    lowered = name.strip().lower()
    lowered = _SUPERSETS.get(lowered, lowered)
    try:
        return codecs.lookup(lowered).name
    except LookupError:
        return None
