"""Query strings sent with raw (not percent-encoded) non-ASCII bytes.

A naive client writes ``?q=灵武市`` as raw UTF-8 bytes. Servers hand such bytes on as Latin-1
(PEP 3333), some re-quoting them on the way, and the arguments come out as mojibake
(``çµæ­¦å¸``): a search silently finds nothing. An argument whose characters are all Latin-1
and whose bytes are valid UTF-8 is read as the UTF-8 it was; an argument whose raw bytes are
not UTF-8 is left as it came (it cannot be told from Latin-1 text).
"""

from __future__ import annotations

from flask import Flask, request
from werkzeug.datastructures import ImmutableMultiDict


def repaired(value: str) -> str:
    """``value`` as the UTF-8 text its Latin-1 characters spell, when they spell one."""
    if value.isascii() or any(ord(ch) > 0xFF for ch in value):
        return value  # plain ASCII, or already real text (灵武市)
    try:
        return value.encode("latin-1").decode("utf-8")
    except UnicodeDecodeError:
        return value  # Latin-1 text (café), or bytes of another encoding: left as they came


def read_raw_utf8_arguments() -> None:
    """Re-read ``request.args`` when an argument arrived as raw UTF-8 bytes."""
    items = list(request.args.items(multi=True))
    fixed = [(repaired(key), repaired(value)) for key, value in items]
    if fixed != items:
        request.__dict__["args"] = ImmutableMultiDict(fixed)


def register(app: Flask) -> None:
    """Read raw UTF-8 query strings as UTF-8 on every request."""
    app.before_request(read_raw_utf8_arguments)
