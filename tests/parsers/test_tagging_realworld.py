"""The tagger holds its ground on raw real-world pages, read as text and as HTML.

``tests/data/realworld`` holds real report pages exactly as portals and mirrors served them
(chrome, metadata lines, typos, traditional script), labelled by hand (see LABELLING.md). The
blind half of each round is scored once and then joins the dev data, so these targets guard
against regressions on everything seen so far; the figures of each blind round are in ROUNDS.md.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from parsers.tagging.devset import Accuracy, evaluate, load_devset

CORPUS = Path(__file__).resolve().parents[1] / "data" / "realworld"
#: Floors on the dev data (every record seen, tuned on): a change that loses ground on pages
#: already handled fails here. These are NOT the issue's targets (agency ≥ 90 %, kind ≥ 95 %,
#: level ≥ 97 % …), which are judged on each round's blind half, scored once (ROUNDS.md); after
#: round 5 the dev figures themselves are below some of those targets. Set after round 10
#: (1,183 records; round 10's 139 added after its blind half was scored): agency 91.5 %, kind
#: 94.0 %, level 95.9 %, province/city/county 99.0/98.9/97.5 %, year 99.2 %, template 99.4 %.
TARGETS = {
    "year": 0.99,
    "province": 0.99,
    "city": 0.985,
    "county": 0.975,
    "level": 0.965,
    "agency_kind": 0.955,
    "agency": 0.93,
    "template": 0.99,
}


def corpus() -> list[dict]:
    # The dev half only: a blind half is scored once, with scripts/devset_accuracy.py, never
    # by the suite (whose failure messages would show its misses before it is scored).
    return load_devset(CORPUS / "dev.jsonl")


@cache
def accuracy(source: str) -> Accuracy:
    return evaluate(corpus(), source)


def test_the_corpus_covers_every_level_and_many_places_and_kinds() -> None:
    # Rounds 1–10 hold 1,183 records (the issue asks for 400: see ROUNDS.md); it only grows.
    records = corpus()
    assert len(records) >= 1760
    expected = [e["expected"] for e in records]
    assert {e["level"] for e in expected} == {"central", "province", "city", "county", "township"}
    assert len({e["province"] for e in expected} - {None}) >= 17
    assert len({e["agency_kind"] for e in expected}) >= 20
    assert len({e["url"] for e in records}) == len(records)


@pytest.mark.parametrize("source", ["text", "html"])
@pytest.mark.parametrize(("field", "target"), sorted(TARGETS.items()))
def test_real_pages_are_tagged_as_labelled(source: str, field: str, target: float) -> None:
    result = accuracy(source)
    misses = [m for m in result.misses if m[1] == field]
    assert result.share(field) >= target, misses[:20]
