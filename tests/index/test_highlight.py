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


def test_snippets_come_from_prose_not_table_cells_or_markdown() -> None:
    text = (
        "**某县水利局2023年政府信息公开工作年度报告**\n# 一、总体情况\n"
        "2023年，本局共收到政府信息公开申请5件，均已按期答复。\n"
        "三、收到和处理政府信息公开申请情况\t自然人\t总计\n"
        "0 0 0 0 0 0 0\n5\n| 新收申请 | 5 |\n|---|---|\n"
    )
    snippet = make_snippet(text, ["申请"])
    assert "<mark>申请</mark>5件" in snippet
    assert "**" not in snippet and "#" not in snippet
    assert "0 0 0" not in snippet and "|" not in snippet and "自然人" not in snippet


def test_a_phrase_only_in_a_table_shows_the_opening_prose() -> None:
    text = "一、总体情况\n本局依法公开政府信息。\n行政许可\t12\t3\t4\n"
    snippet = make_snippet(text, ["行政许可"])
    assert snippet.startswith("一、总体情况") and "<mark>" not in snippet
