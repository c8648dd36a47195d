"""The portal's pure building blocks: search URLs, figures and rates, text diffs, the TTL cache."""

from __future__ import annotations

import datetime as dt

import pytest
from werkzeug.datastructures import MultiDict

from portal.figures import FIGURES_BY_KEY, figure_value, format_figure
from portal.home_cache import TtlCache
from portal.search_params import InvalidSearchArguments, SearchParams, parse_search_args
from portal.textdiff import diff_texts
from tests.portal.archive_factory import applications_table, reviews_table


def test_search_arguments_round_trip_through_the_url() -> None:
    args = MultiDict(
        [
            ("q", "依申请公开"),
            ("year", "2022"),
            ("year", "2021"),
            ("province", "宁夏回族自治区"),
            ("sort", "year"),
            ("page", "3"),
        ]
    )
    params = parse_search_args(args)
    assert params.filters == {"year": ("2022", "2021"), "province": ("宁夏回族自治区",)}
    assert parse_search_args(MultiDict(params.url_args(include_page=True))) == params


def test_removing_a_province_also_removes_the_city_and_county_below_it() -> None:
    params = SearchParams(
        filters={
            "province": ("宁夏回族自治区",),
            "city": ("银川市",),
            "county": ("灵武市",),
            "year": ("2022",),
        },
        page=4,
    )
    removed = params.with_filter_toggled("province", "宁夏回族自治区")
    assert removed.filters == {"year": ("2022",)}
    assert removed.page == 1
    added = params.with_filter_toggled("year", "2021")
    assert added.filters["year"] == ("2022", "2021")


def test_strict_parsing_rejects_unknown_fields_but_pages_ignore_them() -> None:
    args = MultiDict([("colour", "red")])
    assert parse_search_args(args).filters == {}
    with pytest.raises(InvalidSearchArguments) as error:
        parse_search_args(args, strict=True)
    assert error.value.code == "unknown_filter"


def test_disclosure_rate_is_granted_plus_partial_over_results_total() -> None:
    tables = {"applications": applications_table(new=10, granted=6, partial=2, not_held=2)}
    assert figure_value(tables, FIGURES_BY_KEY["disclosure_rate"]) == pytest.approx(0.8)
    assert format_figure(0.8, FIGURES_BY_KEY["disclosure_rate"]) == "80.0%"


def test_a_rate_with_a_zero_or_missing_denominator_is_a_dash() -> None:
    rate = FIGURES_BY_KEY["review_correction_rate"]
    assert figure_value({"reviews": reviews_table(0, 0)}, rate) is None
    assert figure_value({}, rate) is None
    assert format_figure(None, rate) == "—"
    assert figure_value({"reviews": reviews_table(4, 1)}, rate) == 0.25


def test_missing_tables_are_not_zero() -> None:
    assert figure_value({}, FIGURES_BY_KEY["applications"]) is None
    assert (
        figure_value({"applications": applications_table(0, 0, 0)}, FIGURES_BY_KEY["applications"])
        == 0
    )


def test_text_diff_aligns_paragraphs_and_marks_changed_characters() -> None:
    diff = diff_texts(
        "第一段。\n收到申请3件。\n结尾。", "第一段。\n收到申请12件。\n新增一段。\n结尾。"
    )
    assert diff.changed_rows == 2
    changed = diff.rows[1]
    assert [(s.kind, s.text) for s in changed.left] == [
        ("same", "收到申请"),
        ("removed", "3"),
        ("same", "件。"),
    ]
    assert [(s.kind, s.text) for s in changed.right] == [
        ("same", "收到申请"),
        ("added", "12"),
        ("same", "件。"),
    ]
    assert diff.rows[2].left == [] and diff.rows[2].right[0].kind == "added"
    assert diff_texts("同样", "同样").identical


def test_ttl_cache_recomputes_only_after_expiry() -> None:
    now = [100.0]
    cache = TtlCache(dt.timedelta(seconds=60), clock=lambda: now[0])
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    assert cache.get("k", compute) == 1
    now[0] += 59
    assert cache.get("k", compute) == 1
    now[0] += 2
    assert cache.get("k", compute) == 2
