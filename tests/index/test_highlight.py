"""Snippets: escaped text, matches in <mark>, a window around the densest cluster of matches."""

from __future__ import annotations

from index.highlight import find_matches, make_snippet


def test_everything_but_our_marks_is_escaped() -> None:
    snippet = make_snippet("<b>依申请公开</b> & <script>", ["依申请公开"])
    assert snippet == "&lt;b&gt;<mark>依申请公开</mark>&lt;/b&gt; &amp; &lt;script&gt;"


def test_overlapping_matches_are_merged_into_one_mark() -> None:
    assert make_snippet("政府开放日", ["政府开放", "开放日"]) == "<mark>政府开放日</mark>"


def test_numbers_match_whole_and_full_width_text_is_found() -> None:
    assert find_matches("收到15件，又收到5件", ["5件"]) == [(9, 11)]
    assert make_snippet("ＲＡＮＤ和Ｒ＆Ｄ", ["R&D"]) == "ＲＡＮＤ和<mark>Ｒ＆Ｄ</mark>"


def test_the_window_moves_to_the_matches_in_a_long_text() -> None:
    text = "甲" * 500 + "政府开放日" + "乙" * 500
    snippet = make_snippet(text, ["政府开放日"], width=100)
    assert snippet.startswith("…") and snippet.endswith("…")
    assert "<mark>政府开放日</mark>" in snippet
    assert len(snippet.replace("<mark>", "").replace("</mark>", "")) <= 102


def test_without_matches_the_snippet_is_the_beginning_of_the_text() -> None:
    assert make_snippet("一二三四五", [], width=3) == "一二三…"


def test_matches_are_found_in_the_original_text_whatever_its_width_and_case() -> None:
    text = "Ｒ＆Ｄ、r&d、R&D、R&DX、１２３４５　热线"
    assert find_matches(text, ["r&d"]) == [(0, 3), (4, 7), (8, 11)]
    assert find_matches(text, ["12345 热线"]) == [(17, 25)]
