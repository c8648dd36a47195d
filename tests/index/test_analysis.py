"""Tokenization: CJK bigrams framed by run unigrams, whole letter/digit runs, marks, spaces."""

from __future__ import annotations

import random
import re

from index.analysis import (
    SPACE_TOKEN,
    PhrasePlan,
    index_text,
    index_tokens,
    normalize,
    phrase_tokens,
)
from tests.index.conftest import seed_documents
from tests.index.test_backend_contract import contains


def test_cjk_runs_become_bigrams_framed_by_their_first_and_last_character() -> None:
    assert index_tokens("公安局") == ["公", "公安", "安局", "局"]
    assert index_tokens("局") == ["局"]


def test_letters_and_digits_are_kept_whole_however_short_and_lower_cased() -> None:
    assert index_tokens("收到5件") == ["收", "收到", "到", "5", "件"]
    assert index_tokens("R&D") == ["r", "&", "d"]
    assert index_tokens("12345热线") == ["12345", "热", "热线", "线"]


def test_stop_characters_are_not_dropped() -> None:
    assert index_tokens("的了和") == ["的", "的了", "了和", "和"]


def test_whitespace_runs_become_one_space_token() -> None:
    assert index_tokens("5 \n 件") == ["5", SPACE_TOKEN, "件"]


def test_normalization_maps_full_width_ascii_and_keeps_the_length() -> None:
    text = "ＡＢＣ１２３　Ｒ＆Ｄ"
    assert normalize(text) == "abc123 r&d"
    assert len(normalize(text)) == len(text)


def test_a_phrase_inside_a_run_needs_no_framing_unigrams() -> None:
    assert phrase_tokens("政府开放日") == PhrasePlan(tokens=("政府", "府开", "开放", "放日"))


def test_runs_at_the_edges_of_a_mixed_phrase_may_continue_in_the_text() -> None:
    # "2023年" must match "2023年度": the trailing run gets its lead unigram only.
    assert phrase_tokens("2023年") == PhrasePlan(tokens=("2023", "年"))
    assert phrase_tokens("安局2023") == PhrasePlan(tokens=("安局", "局", "2023"))


def test_a_lone_cjk_character_is_a_prefix_search() -> None:
    assert phrase_tokens("局") == PhrasePlan(prefix="局")
    assert phrase_tokens("  ").is_empty


MIXED = [*"公开申请公开局", *"5１aＲ", *"、&_＿.", " ", "\n", "\u3000", "①", "é", "\U00020000"]
#: Mostly three CJK characters: long runs whose bigrams recur with different neighbours.
RUNS = [*"公开局" * 6, "5", "、", " "]


def _random_texts(count: int, seed: int, alphabet: list[str] = MIXED) -> list[str]:
    """Short texts over a small alphabet, so phrases and near-misses recur often."""
    rng = random.Random(seed)
    return ["".join(rng.choices(alphabet, k=rng.randint(0, 14))) for _ in range(count)]


def test_fast_index_text_writes_exactly_the_index_tokens() -> None:
    texts = _random_texts(3000, seed=1) + [d.body for d in seed_documents()]
    for text in texts:
        assert index_text(text) == " ".join(index_tokens(text)), repr(text)


def test_sparse_phrase_plans_keep_every_second_bigram_of_a_run_and_its_last() -> None:
    assert phrase_tokens("依申请公开").sparse_tokens() == [(0, "依申"), (2, "请公"), (3, "公开")]
    assert phrase_tokens("人民政府").sparse_tokens() == [(0, "人民"), (2, "政府")]


def test_sparse_phrase_plans_leave_out_the_lead_and_trail_unigrams_of_inner_runs() -> None:
    assert phrase_tokens("12345热线").sparse_tokens() == [(0, "12345"), (2, "热线")]
    assert phrase_tokens("公安局2023").sparse_tokens() == [(0, "公安"), (1, "安局"), (3, "2023")]
    # A one-character run is its only token: kept.
    assert phrase_tokens("5件").sparse_tokens() == [(0, "5"), (1, "件")]


def _matches(tokens: list[str], plan: list[tuple[int, str]]) -> bool:
    """Whether ``plan`` occurs in ``tokens``, as a phrase query with offsets does it."""
    return any(
        all(
            start + offset < len(tokens) and tokens[start + offset] == token
            for offset, token in plan
        )
        for start in range(len(tokens))
    )


def _plain(text: str) -> str:
    """Normalized text with every whitespace run as one space (as the index sees it)."""
    return re.sub(r"\s+", " ", normalize(text))


def test_sparse_phrase_plans_find_exactly_the_texts_containing_the_phrase() -> None:
    texts = _random_texts(300, seed=2) + _random_texts(300, seed=3, alphabet=RUNS)
    samples = _random_texts(100, seed=4) + _random_texts(100, seed=5, alphabet=RUNS)
    phrases = {text[i:j].strip() for text in samples for i, j in ((0, 6), (2, 10))}
    checked = 0
    for phrase in sorted(phrases):
        plan = phrase_tokens(phrase)
        if not plan.tokens:
            continue
        sparse = plan.sparse_tokens()
        for text in texts:
            tokens = index_tokens(text)
            truth = contains(_plain(text), _plain(phrase))
            assert _matches(tokens, sparse) == truth, (phrase, text)
            checked += 1
    assert checked > 50_000
