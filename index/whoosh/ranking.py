"""BM25 relevance of phrase matches, computed for a whole segment's matches in C.

A phrase found ``n`` times in a field of ``len`` characters scores
``boost · idf · n·(k1+1) / (n + k1·(1 − b + b·len/avglen))``, with ``idf`` from the number of
documents whose field holds the phrase; a document's score is the sum over the phrases and
fields it matched. tantivy ranks by the same BM25 (its own field norms and phrase statistics), so
both backends put the same reports on top for clear-cut queries (the contract tests pin it).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from itertools import repeat
from operator import add, mul, truediv

#: BM25's term-frequency saturation and length normalisation (tantivy's and Lucene's defaults).
BM25_K1 = 1.2
BM25_B = 0.75


def bm25_idf(documents: int, document_frequency: int) -> float:
    """BM25's inverse document frequency of a phrase found in ``document_frequency`` of
    ``documents`` documents."""
    return math.log(1 + (documents - document_frequency + 0.5) / (document_frequency + 0.5))


def bm25_norms(lengths: list[int], live: AbstractSet[int]) -> list[float]:
    """``docnum → k1·(1 − b + b·length/average length)`` of one field (average over ``live``)."""
    average = (sum(map(lengths.__getitem__, live)) / len(live)) if live else 0.0
    if average <= 0:
        return [BM25_K1] * len(lengths)
    scale = BM25_K1 * BM25_B / average
    return list(map(add, repeat(BM25_K1 * (1 - BM25_B)), map(mul, lengths, repeat(scale))))


def bm25_weights(
    occurrences: Iterable[int], norms: Iterable[float], factor: float
) -> Iterator[float]:
    """``factor · n·(k1+1) / (n + norm)`` for each match's occurrences ``n`` and length norm."""
    occurrences = list(occurrences)
    numerators = map(mul, occurrences, repeat(factor * (BM25_K1 + 1)))
    return map(truediv, numerators, map(add, occurrences, norms))
