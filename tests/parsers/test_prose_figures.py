"""Reports without statistics tables: key figures are read from unambiguous sentences of the prose."""

from __future__ import annotations

from pathlib import Path

import pytest

from parsers import parse_document
from parsers.tables.prose_figures import read_prose_figures

LAYOUTS = Path(__file__).resolve().parent.parent / "data" / "parsers" / "layouts"


def values(text: str) -> dict[str, int]:
    return {cell: figure.value for cell, figure in read_prose_figures(text).items()}


def test_a_pre2019_report_gives_its_applications_and_no_contested_cases() -> None:
    text = (
        "2015年，本局共受理政府信息公开申请12件，其中当面申请3件、网上申请9件。已按时答复12件。\n"
        "2015年，本局未发生因政府信息公开申请行政复议、提起行政诉讼的情况。"
    )
    assert values(text) == {
        "applications.new.total": 12,
        "reviews.review.total": 0,
        "reviews.litigation.total": 0,
        "reviews.litigation_after_review.total": 0,
    }


def test_outcomes_are_read_from_their_own_clauses() -> None:
    text = "全年共收到政府信息公开申请25件，其中同意公开18件，同意部分公开3件，不予公开2件，信息不存在2件。"
    assert values(text) == {
        "applications.new.total": 25,
        "applications.granted.total": 18,
        "applications.partial.total": 3,
    }


def test_each_figure_keeps_the_words_it_was_read_from() -> None:
    figures = read_prose_figures("本年度共收到申请10件，予以公开6件；部分公开2件。")
    assert figures["applications.granted.total"].quote == "予以公开6件"
    assert figures["applications.partial.total"].to_dict() == {"value": 2, "quote": "部分公开2件"}


@pytest.mark.parametrize(
    "text",
    [
        "本年度共主动公开政府信息1286条，予以公开的规范性文件12件。",  # active disclosure
        "比上年予以公开增加3件。",  # a change, not a count
        "不予公开2件。",  # a refusal is not a grant
        "行政诉讼2件。",  # direct or after review? not said
        "全部予以公开。",  # no number
    ],
)
def test_sentences_that_do_not_name_one_cell_give_nothing(text: str) -> None:
    assert values(text) == {}


def test_statements_that_disagree_give_no_figure() -> None:
    assert "applications.granted.total" not in values("予以公开6件。后经复核，予以公开7件。")


def test_a_review_count_is_read_and_litigation_without_its_kind_is_not() -> None:
    assert values("全年受理依申请公开8件。发生行政复议1件，行政诉讼2件。") == {
        "applications.new.total": 8,
        "reviews.review.total": 1,
    }


def test_figures_of_a_table_that_was_read_are_not_taken_from_the_prose() -> None:
    text = "共收到申请5件，予以公开3件。未发生行政复议。"
    assert values(text) != {}
    assert read_prose_figures(text, skip_tables={"applications", "reviews"}) == {}


def test_the_pre2019_fixture_has_prose_figures_and_a_2021_report_has_none() -> None:
    old = parse_document((LAYOUTS / "txt_pre2019.txt").read_bytes(), filename="txt_pre2019.txt")
    assert old.tables == {}
    assert old.prose_figures["applications.new.total"]["value"] == 12
    assert old.prose_figures["reviews.review.total"]["value"] == 0
    assert old.to_dict()["prose_figures"] == old.prose_figures
    new = parse_document((LAYOUTS / "html_trs_2021_word.html").read_bytes(), filename="a.html")
    assert new.prose_figures == {}


def test_a_service_centre_s_applications_are_not_disclosure_requests() -> None:
    text = (
        "目前，区县已入驻审批服务部门和单位13个，开设窗口26个，共受理申请121510件。\n"
        "2014年全区收到有关政府信息公开的信函申请1条，已受理回复。"
    )
    assert values(text)["applications.new.total"] == 1


def test_counts_written_with_条_are_read() -> None:
    text = "2012年全县共收到有关政府信息公开的申请21条，其中同意公开答复数17条。"
    assert values(text) == {"applications.new.total": 21, "applications.granted.total": 17}


def test_a_sentence_dated_with_another_year_is_not_this_report_s() -> None:
    text = (
        "三、依申请公开情况\n2015年未收到有关政府信息公开申请。\n"
        "五、行政复议情况\n2015年未收到有关政府信息公开行政复议、提起行政诉讼的申请。"
    )
    assert values(text) != {}
    assert {cell: f.value for cell, f in read_prose_figures(text, year=2016).items()} == {}


def test_a_review_counted_in_份_is_not_read_as_none() -> None:
    text = "2013年全区未收到有关政府信息公开的申请，收到1份有关政府信息公开行政复议申请已及时处理。"
    assert "reviews.review.total" not in values(text)
