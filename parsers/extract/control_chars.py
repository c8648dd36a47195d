"""Control characters removed from extracted text: they break XML parsers and Atom feeds.

Word writes a manual line break as ``\\x0b`` and a page break as ``\\x0c``: those become line
breaks. Every other C0 control (but tab, newline and carriage return) and DEL is dropped.
"""

from __future__ import annotations

import re

_BREAKS = re.compile(r"[\x0b\x0c]")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def strip_control_characters(text: str) -> str:
    """``text`` without control characters (vertical tab and form feed become newlines)."""
    return _CONTROLS.sub("", _BREAKS.sub("\n", text))
