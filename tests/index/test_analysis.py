"""Analysis: marked text, its bigrams and 4-grams, and phrase plans that find exactly the phrase."""

from __future__ import annotations

import random
import re
from itertools import pairwise

from index.analysis import (
    SPACE,
    TEXT_END,
    WORD_END,
    WORD_START,
    PhrasePlan,
    bigrams,
    chargrams,
    cheapest_cover,
    marked_text,
    normalize,
    phrase_plan,
    quadgrams,
)
from tests.index.test_backend_contract import contains

W, E = WORD_START, WORD_END


def test_letter_and_digit_runs_are_wrapped_whole_and_lower_cased() -> None:
    assert marked_text("收到5件") == f"收到{W}5{E}件"
    assert marked_text("R&D") == f"{W}r{E}&{W}d{E}"
    assert marked_text("12345热线") == f"{W}12345{E}热线"


def test_whitespace_runs_become_one_space_mark() -> None:
    assert marked_text("5 \n 件\u3000局") == f"{W}5{E}{SPACE}件{SPACE}局"


def test_characters_that_would_read_as_marks_are_replaced() -> None:
    assert marked_text(f"a{SPACE}{TEXT_END}") == f"{W}a{E}\ufffd\ufffd"


def test_stop_characters_are_kept() -> None:
    assert marked_text("的了和") == "的了和"


def test_normalization_maps_full_width_ascii_and_keeps_the_length() -> None:
    text = "ＡＢＣ１２３　Ｒ＆Ｄ"
    assert normalize(text) == "abc123 r&d"
    assert len(normalize(text)) == len(text)


def test_every_character_starts_a_bigram_and_a_4_gram() -> None:
    assert bigrams("公安局") == ["公安", "安局", f"局{TEXT_END}"]
    assert quadgrams("公安局长") == ["公安局长", f"安局长{TEXT_END}"]
    assert quadgrams("局") == []
    assert bigrams("") == []
    assert chargrams("公安局") == ["公", "安", "局", "公安", "安局"]


def test_short_phrases_are_one_character_or_bigram_or_a_4_gram_prefix() -> None:
    assert phrase_plan("局") == PhrasePlan("chars", terms=((0, "局"),))
    assert phrase_plan("政府") == PhrasePlan("chars", terms=((0, "政府"),))
    assert phrase_plan("公安局") == PhrasePlan("quadgrams", prefix="公安局")
    assert phrase_plan("  ").is_empty


def test_longer_phrases_are_covered_by_4_grams_every_four_characters_and_at_the_end() -> None:
    assert phrase_plan("人民政府") == PhrasePlan("quadgrams", terms=((0, "人民政府"),))
    assert phrase_plan("未收到政府信息公开申请") == PhrasePlan(
        "quadgrams", terms=((0, "未收到政"), (4, "府信息公"), (7, "公开申请"))
    )
    assert phrase_plan("5件") == PhrasePlan("quadgrams", terms=((0, f"{W}5{E}件"),))


MIXED = [*"公开申请公开局", *"5１aＲ", *"、&_＿.", " ", "\n", "\u3000", "①", "é", "\U00020000"]
#: Mostly three CJK characters: long runs whose grams recur with different neighbours.
RUNS = [*"公开局" * 6, "5", "、", " "]


def _random_texts(count: int, seed: int, alphabet: list[str] = MIXED) -> list[str]:
    """Short texts over a small alphabet, so phrases and near-misses recur often."""
    rng = random.Random(seed)
    return ["".join(rng.choices(alphabet, k=rng.randint(0, 14))) for _ in range(count)]


def _plan_matches(plan: PhrasePlan, text: str) -> bool:
    """Whether an index of ``text`` answers ``plan``, as the backends query it."""
    marked = marked_text(text)
    grams = chargrams(marked) if plan.view == "chars" else quadgrams(marked)
    if plan.prefix is not None:
        return any(gram.startswith(plan.prefix) for gram in grams)
    return any(
        all(start + at < len(grams) and grams[start + at] == term for at, term in plan.terms)
        for start in range(len(grams))
    )


def _plain(text: str) -> str:
    """Normalized text with every whitespace run as one space."""
    return re.sub(r"\s+", " ", normalize(text))


def test_phrase_plans_find_exactly_the_texts_containing_the_phrase() -> None:
    texts = _random_texts(300, seed=2) + _random_texts(300, seed=3, alphabet=RUNS)
    samples = _random_texts(100, seed=4) + _random_texts(100, seed=5, alphabet=RUNS)
    phrases = {text[i:j].strip() for text in samples for i, j in ((0, 1), (0, 3), (0, 6), (2, 10))}
    checked = matched = 0
    for phrase in sorted(phrases):
        plan = phrase_plan(phrase)
        if plan.is_empty:
            continue
        for text in texts:
            truth = contains(_plain(text), _plain(phrase))
            assert _plan_matches(plan, text) == truth, (phrase, text)
            checked += 1
            matched += truth
    assert checked > 50_000
    assert matched > 2_000  # phrases that are found, not only phrases that are missing


def test_the_cheapest_cover_skips_a_costly_4_gram_and_still_covers_the_phrase() -> None:
    assert cheapest_cover([1] * 8) == [0, 3, 7]
    assert cheapest_cover([5]) == [0]
    # 府信息公 (offset 4) is very common: rarer 4-grams cover its characters instead.
    costs = [1, 9, 1, 9, 100, 9, 1, 1]
    assert cheapest_cover(costs) == [0, 2, 6, 7]
    rng = random.Random(7)
    for _ in range(500):
        costs = [rng.choice((0, 1, 5, 50)) for _ in range(rng.randint(1, 20))]
        offsets = cheapest_cover(costs)
        assert offsets[0] == 0 and offsets[-1] == len(costs) - 1
        assert all(0 < b - a <= 4 for a, b in pairwise(offsets))


def test_plans_with_gram_costs_find_exactly_the_texts_containing_the_phrase() -> None:
    rng = random.Random(8)
    texts = _random_texts(200, seed=9, alphabet=RUNS)
    phrases = {text[i : i + rng.randint(5, 12)].strip() for text in texts[:100] for i in (0, 3)}
    checked = matched = 0
    costs: dict[str, int] = {}  # a random cost per 4-gram

    def cost(gram: str) -> int:
        return costs.setdefault(gram, rng.randint(0, 9))

    for phrase in sorted(phrases):
        plan = phrase_plan(phrase, cost)
        if plan.is_empty or plan.prefix is not None:
            continue
        for text in texts:
            truth = contains(_plain(text), _plain(phrase))
            assert _plan_matches(plan, text) == truth, (phrase, text, plan)
            checked += 1
            matched += truth
    assert checked > 5_000 and matched > 200
