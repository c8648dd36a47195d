"""Decoding bytes of Chinese web pages and text files whatever they claim to be.

Order of evidence: a byte-order mark; valid UTF-8 (GBK text practically never is); the charsets
declared by the HTTP header and the ``<meta>`` tag, each used only if it decodes cleanly (so a page
that declares utf-8 but is GBK still comes out right); GB18030 (the superset of GB2312 and GBK);
charset-normalizer; finally GB18030 with replacement characters.
"""

from __future__ import annotations

import codecs
import re

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


def decode_bytes(data: bytes, content_type: str | None = None) -> tuple[str, str]:
    """``(text, encoding used)`` for the bytes of a page or text file."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace"), encoding
    attempts = ["utf-8", *declared_charsets(data, content_type), "gb18030"]
    for name in attempts:
        codec = _codec_name(name)
        if codec is None:
            continue
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            continue
    best = from_bytes(data).best()
    if best is not None and best.encoding:
        return str(best), best.encoding
    return data.decode("gb18030", errors="replace"), "gb18030"


def _codec_name(name: str) -> str | None:
    """Python's codec for a declared charset name, or ``None`` if unknown."""
    lowered = name.strip().lower()
    lowered = _SUPERSETS.get(lowered, lowered)
    try:
        return codecs.lookup(lowered).name
    except LookupError:
        return None
