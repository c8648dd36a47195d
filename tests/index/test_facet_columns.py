"""Facet columns count values over sets of documents, coded or not."""

from __future__ import annotations

import random
from collections import Counter

from index.facet_columns import MAX_CODED_VALUES, FacetColumn


def test_a_column_of_few_values_counts_what_a_counter_counts() -> None:
    rng = random.Random(2)
    values = [rng.choice(["2019", "2020", "2021", ""]) for _ in range(500)]
    docnums = rng.sample(range(500), 200)
    assert FacetColumn(values).counts(docnums) == Counter(values[d] for d in docnums)


def test_a_column_of_many_values_counts_them_too() -> None:
    values = [f"县{n % (MAX_CODED_VALUES + 50)}" for n in range(2000)]
    docnums = range(0, 2000, 3)
    assert FacetColumn(values).counts(docnums) == Counter(values[d] for d in docnums)


def test_values_no_counted_document_has_are_left_out() -> None:
    column = FacetColumn(["a", "b", "c"])
    assert column.counts([0, 2, 2]) == {"a": 1, "c": 2}
    assert column.counts([]) == {}
