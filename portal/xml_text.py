"""Text made safe for XML documents (the Atom feeds)."""

from __future__ import annotations

import re

#: Characters XML 1.0 does not allow even escaped (a query or an old title may carry them).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` without the characters that make an XML document invalid."""
    return _NOT_XML.sub("", text)
