"""Whoosh phrase matching counts every occurrence of a phrase exactly.

A phrase of several 4-grams is matched a document at a time where the starts of its rarest
4-gram, moved to another 4-gram's offset, lie together in that 4-gram's positions, and start by
start where that 4-gram also occurs between them. Both must give the count of (overlapping)
occurrences of the marked phrase in the marked text.
"""

from __future__ import annotations

import random
from functools import partial
from pathlib import Path

import pytest

import index.whoosh.phrases as phrases
import index.whoosh.postings as postings
from index.analysis import marked_text, phrase_plan
from index.backend import IndexDocument
from index.whoosh.backend import WhooshBackend

#: Few characters, so 4-grams recur in many contexts and phrases overlap themselves.
ALPHABET = [*"公开申请", "公", "开", "5", " "]


def _occurrences(text: str, phrase: str) -> int:
    marked, wanted = marked_text(text), marked_text(phrase)
    return sum(marked.startswith(wanted, at) for at in range(len(marked)))


def _phrase_counts_by_id(backend: WhooshBackend, phrase: str) -> dict[int, int]:
    with backend._generation_in_use() as generation:
        return _counts_by_id(generation.searcher.reader(), phrase)


def _counts_by_id(reader, phrase: str) -> dict[int, int]:  # type: ignore[no-untyped-def]
    plan = phrase_plan(phrase, partial(reader.frequency, "body_quadgrams"))
    assert plan.prefix is None and len(plan.terms) >= 2, phrase
    counts: dict[int, int] = {}
    for leaf, offset in reader.leaf_readers():
        for docnum, count in phrases.phrase_counts(leaf, "body_quadgrams", plan.terms).items():
            if leaf.is_deleted(docnum):
                continue
            counts[int(reader.stored_fields(docnum + offset)["id"])] = count
    return counts


@pytest.fixture
def paths_taken(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How many documents were settled in runs and how many were taken apart."""
    taken = {"in runs": 0, "apart": 0}
    found_in_runs = phrases._found_in_runs

    def counting(*args):  # type: ignore[no-untyped-def]
        in_runs = found_in_runs(*args)
        taken["in runs"] += sum(in_runs)
        taken["apart"] += len(in_runs) - sum(in_runs)
        return in_runs

    monkeypatch.setattr(phrases, "_found_in_runs", counting)
    return taken


def test_phrase_occurrences_are_counted_exactly_in_runs_and_start_by_start(
    tmp_path: Path, paths_taken: dict[str, int]
) -> None:
    rng = random.Random(5)
    texts = {n: "".join(rng.choices(ALPHABET, k=rng.randint(20, 120))) for n in range(1, 301)}
    texts[301] = "公开申请公开申请公开申请"  # overlapping and repeated: one run
    texts[302] = "公开申请 公开申 公开申请开"  # the last 4-gram also occurs between the starts
    backend = WhooshBackend(tmp_path / "whoosh")
    numbers = sorted(texts)
    for batch in (numbers[:150], numbers[150:]):  # two segments
        backend.index_reports(
            [IndexDocument(id=n, title="", agency="", body=texts[n]) for n in batch]
        )
    phrases = {"公开申请公开", "申请公开申", "开申请 公开", "公开申请开"}
    for text in rng.sample(list(texts.values()), 40):
        start = rng.randint(0, 10)
        phrases.add(text[start : start + rng.randint(5, 9)].strip())
    checked = 0
    for phrase in sorted(p for p in phrases if len(marked_text(p)) >= 5):
        expected = {n: count for n, text in texts.items() if (count := _occurrences(text, phrase))}
        assert _phrase_counts_by_id(backend, phrase) == expected, phrase
        checked += 1
    assert checked >= 30
    assert paths_taken["in runs"] > 100 and paths_taken["apart"] > 100


def test_starts_before_the_rarest_grams_offset_start_no_phrase(tmp_path: Path) -> None:
    # 申请开放 is the rarest 4-gram of 公开申请开放 (offset 2); its occurrence at text position 0
    # would put the phrase's start at -2.
    backend = WhooshBackend(tmp_path / "whoosh")
    bodies = {1: "申请开放公开申请开放", 2: "公开申请" * 30, 3: "申请开放"}
    backend.index_reports(
        [IndexDocument(id=n, title="", agency="", body=b) for n, b in bodies.items()]
    )
    assert _phrase_counts_by_id(backend, "公开申请开放") == {1: 1}


def test_byte_planes_hold_any_positions_and_give_them_back() -> None:
    from array import array

    rng = random.Random(3)
    for size in (0, 1, 7, 1024):
        positions = sorted(rng.randrange(1 << rng.choice((8, 16, 24, 32))) for _ in range(size))
        packed = array("I", positions).tobytes()
        planes = postings.to_planes(packed)
        assert len(planes) == len(packed)
        assert postings.from_planes(planes) == packed
    assert postings.to_planes(array("I", [1, 2]).tobytes()) == bytes([1, 2, 0, 0, 0, 0, 0, 0])
