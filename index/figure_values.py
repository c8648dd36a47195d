"""One figure of every indexed report, arranged for numeric conditions, sorting and totals.

Built once per index generation and figure from the ``key=value`` terms of the ``figures``
keyword field (:func:`index.shared.figure_terms`): the distinct values in order, the documents
holding each, and each document's value.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet

import numpy as np


class FigureValues:
    """``docnum → value`` of one figure, and the docnums of each value in value order."""

    def __init__(self, docs_by_value: Mapping[float, Iterable[int]]) -> None:
        self.values: list[float] = sorted(docs_by_value)
        self.docs: list[list[int]] = [list(docs_by_value[value]) for value in self.values]
        self.value_of: dict[int, float] = {
            docnum: value
            for value, docs in zip(self.values, self.docs, strict=True)
            for docnum in docs
        }
        size = max(self.value_of, default=-1) + 1
        #: ``docnum → value`` as an array (NaN where the document has no value), for sums.
        self.array = np.full(size, np.nan)
        if self.value_of:
            self.array[np.fromiter(self.value_of, dtype=np.int64)] = np.fromiter(
                self.value_of.values(), dtype=np.float64
            )

    def matching(self, op: str, value: float) -> set[int]:
        """The docnums whose value satisfies ``value_of[doc] op value``."""
        low, high = 0, len(self.values)
        if op == ">":
            low = bisect_right(self.values, value)
        elif op == ">=":
            low = bisect_left(self.values, value)
        elif op == "<":
            high = bisect_left(self.values, value)
        elif op == "<=":
            high = bisect_right(self.values, value)
        elif op in ("=", "!="):
            low, high = bisect_left(self.values, value), bisect_right(self.values, value)
            if op == "!=":
                found = {d for docs in self.docs[:low] for d in docs}
                found.update(d for docs in self.docs[high:] for d in docs)
                return found
        else:
            raise ValueError(f"unknown operator {op!r}")
        return {docnum for docs in self.docs[low:high] for docnum in docs}

    def ranked(
        self, docs: AbstractSet[int], wanted: int, descending: bool
    ) -> list[tuple[int, float]]:
        """The first ``wanted`` of ``docs`` by value (ties: later additions first), as
        ``(docnum, 0.0)``; documents without the figure come after all others."""
        value_of = self.value_of
        with_value = [(value_of[d], d) for d in docs if d in value_of]
        if descending:
            top = heapq.nlargest(wanted, with_value)
        else:
            top = heapq.nsmallest(wanted, with_value, key=lambda pair: (pair[0], -pair[1]))
        ranked = [(docnum, 0.0) for _value, docnum in top]
        if len(ranked) < wanted:
            missing = heapq.nlargest(wanted - len(ranked), (d for d in docs if d not in value_of))
            ranked.extend((docnum, 0.0) for docnum in missing)
        return ranked

    def total(self, docs: AbstractSet[int]) -> tuple[float, int]:
        """The sum of the figure over ``docs`` and how many of them have it."""
        picked = self.picked(docnum_array(docs))
        known = ~np.isnan(picked)
        return float(picked[known].sum()), int(known.sum())

    def picked(self, docnums: np.ndarray) -> np.ndarray:
        """The values of ``docnums`` (NaN where missing), in their order."""
        mask = docnums < len(self.array)
        if mask.all():
            return self.array[docnums]
        values = np.full(len(docnums), np.nan)
        values[mask] = self.array[docnums[mask]]
        return values

    def grouped_totals(
        self, docnums: np.ndarray, codes: np.ndarray, groups: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """Sums and counts of the figure per group code (``codes[i]`` is ``docnums[i]``'s)."""
        picked = self.picked(docnums)
        known = ~np.isnan(picked)
        sums = np.bincount(codes[known], weights=picked[known], minlength=groups)
        counts = np.bincount(codes[known], minlength=groups)
        return sums, counts


def docnum_array(docs: AbstractSet[int]) -> np.ndarray:
    """``docs`` as a sorted int64 array."""
    array = np.fromiter(docs, dtype=np.int64, count=len(docs))
    array.sort()
    return array
