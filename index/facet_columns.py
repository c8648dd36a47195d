"""Counting a keyword field's values over a set of documents, in C.

A facet with few values (level, year, template, province, …) is kept as one byte per document,
a code into its sorted values: the codes of the documents counted are gathered into one
``bytes`` and each value's count is one ``bytes.count``. That is about half the cost of a
``Counter`` of the values themselves, which hashes a string per document; fields with more
than 256 values (city, county, agency) are counted that way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

#: Distinct values that one byte per document can code.
MAX_CODED_VALUES = 256


class FacetColumn:
    """A keyword field's value for each docnum ('' where missing)."""

    def __init__(self, values: list[str]) -> None:
        self.values = values
        distinct = sorted(set(values))
        self._distinct: list[str] | None = None
        self._codes = b""
        if len(distinct) <= MAX_CODED_VALUES:
            code_of = {value: code for code, value in enumerate(distinct)}
            self._distinct = distinct
            self._codes = bytes(map(code_of.__getitem__, values))

    def counts(self, docnums: Iterable[int]) -> Counter[str]:
        """How many of ``docnums`` have each value (values no document has are left out)."""
        if self._distinct is None:
            return Counter(map(self.values.__getitem__, docnums))
        picked = bytes(map(self._codes.__getitem__, docnums))
        found = map(picked.count, range(len(self._distinct)))
        return Counter(
            {value: count for value, count in zip(self._distinct, found, strict=True) if count}
        )
