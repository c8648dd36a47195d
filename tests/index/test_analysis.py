"""Tokenization: CJK bigrams framed by run unigrams, whole letter/digit runs, marks, spaces."""

from __future__ import annotations

from index.analysis import SPACE_TOKEN, PhrasePlan, index_tokens, normalize, phrase_tokens


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
