"""Nianbao's query language: parsed by our own code into a small tree."""

from __future__ import annotations

import pytest

from index.backend import QuerySyntaxError
from index.query import (
    And,
    MatchAll,
    Not,
    Or,
    Phrase,
    ValueMatch,
    YearRange,
    matching_values,
    parse_query,
    positive_phrases,
)


def test_words_are_anded_and_quotes_keep_spaces_in_a_phrase() -> None:
    assert parse_query('依申请公开 "政府 开放日"') == And(
        (Phrase("依申请公开"), Phrase("政府 开放日"))
    )
    assert parse_query("“以公开为常态”") == Phrase("以公开为常态")


def test_or_binds_looser_than_and() -> None:
    assert parse_query("a b OR c") == Or((And((Phrase("a"), Phrase("b"))), Phrase("c")))
    assert parse_query("a (b OR c)") == And((Phrase("a"), Or((Phrase("b"), Phrase("c")))))


def test_not_and_minus_negate() -> None:
    assert parse_query("a NOT b") == And((Phrase("a"), Not(Phrase("b"))))
    assert parse_query("a -b") == And((Phrase("a"), Not(Phrase("b"))))
    assert parse_query('-"x y"') == Not(Phrase("x y"))
    assert parse_query("COVID-19") == Phrase("COVID-19")


def test_fields() -> None:
    assert parse_query("agency:公安局") == Phrase("公安局", "agency")
    assert parse_query('agency:"公安 局"') == Phrase("公安 局", "agency")
    assert parse_query("province:宁夏") == ValueMatch("province", "宁夏", exact=False)
    assert parse_query("level:city") == ValueMatch("level", "city", exact=True)
    assert parse_query("year:2023") == YearRange(2023, 2023)
    assert parse_query("year:2019..2022") == YearRange(2019, 2022)
    assert parse_query("year:2020..") == YearRange(2020, None)
    assert parse_query("12:30") == Phrase("12:30")


def test_the_empty_query_matches_everything() -> None:
    assert parse_query("   ") == MatchAll()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('"依申请公开', "引号不成对"),
        ('依申请公开"', "引号不成对"),
        ("(依申请公开", "括号不成对"),
        ("依申请公开)", "括号不成对"),
        ("()", "括号内没有检索词"),
        ("color:red", "未知字段“color”"),
        ("agency:", "缺少要检索的值"),
        ("year:2023年", "年份"),
        ("year:2022..2019", "起始年份大于结束年份"),
        ("OR 公开", "OR"),
        ("公开 NOT", "检索式不完整"),
    ],
)
def test_malformed_queries_explain_the_problem_in_chinese(query: str, message: str) -> None:
    with pytest.raises(QuerySyntaxError, match=message):
        parse_query(query)


def test_positive_phrases_leave_out_negated_and_metadata_terms() -> None:
    tree = parse_query("依申请公开 -政府开放日 province:宁夏 (12345热线 OR body:R&D)")
    assert positive_phrases(tree) == ["依申请公开", "12345热线", "R&D"]


def test_contains_fields_match_values_containing_the_name() -> None:
    known = ["宁夏回族自治区", "内蒙古自治区", "北京市"]
    assert matching_values(ValueMatch("province", "宁夏", exact=False), known) == ["宁夏回族自治区"]
    assert matching_values(ValueMatch("province", "自治区", exact=False), known) == known[:2]
    assert matching_values(ValueMatch("level", "cit", exact=True), ["city"]) == []
