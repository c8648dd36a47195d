"""A body keeps its identity across renames and mergers (机构改革): its names, its current
name, coverage that does not blame a renamed body, and the links worth suggesting."""

from __future__ import annotations

from accountability.coverage import ReportFacts, body_statuses
from accountability.identity import Lineage, Link, suggest_links


def test_a_chain_of_renames_leads_to_the_newest_name() -> None:
    lineage = Lineage(
        [
            Link("某县卫生局", "某县卫生和计划生育局", 2014),
            Link("某县卫生和计划生育局", "某县卫生健康局", 2019),
        ]
    )
    assert lineage.current_name("某县卫生局") == "某县卫生健康局"
    assert lineage.current_name("某县卫生健康局") == "某县卫生健康局"
    assert lineage.names("某县卫生和计划生育局") == {
        "某县卫生局",
        "某县卫生和计划生育局",
        "某县卫生健康局",
    }
    assert lineage.former_names("某县卫生健康局") == ["某县卫生和计划生育局", "某县卫生局"]


def test_a_merger_joins_every_predecessor_and_an_unlinked_name_stands_alone() -> None:
    lineage = Lineage(
        [
            ("某市工商行政管理局", "某市市场监督管理局", 2019),
            ("某市食品药品监督管理局", "某市市场监督管理局", 2019),
        ]
    )
    assert lineage.current_name("某市食品药品监督管理局") == "某市市场监督管理局"
    assert lineage.names("某市工商行政管理局") == {
        "某市工商行政管理局",
        "某市食品药品监督管理局",
        "某市市场监督管理局",
    }
    assert lineage.names("某市教育局") == {"某市教育局"}
    assert not Lineage()


def test_a_cycle_an_admin_made_does_not_loop() -> None:
    lineage = Lineage([("甲局", "乙局", 2019), ("乙局", "甲局", 2020)])
    assert lineage.current_name("甲局") in {"甲局", "乙局"}


def test_coverage_counts_a_renamed_agency_as_found_not_missing() -> None:
    reports = [
        ReportFacts(1, "泸县环境保护局", "环境保护局", "510521", 2018, False),
        ReportFacts(2, "泸县生态环境局", "生态环境局", "510521", 2019, False),
    ]
    unlinked = {s.body.name: s.status for s in body_statuses([], reports, 2019)}
    assert unlinked == {"泸县环境保护局": "missing", "泸县生态环境局": "found"}
    lineage = Lineage([("泸县环境保护局", "泸县生态环境局", 2019)])
    linked = body_statuses([], reports, 2019, lineage)
    assert [(s.body.name, s.status, s.report_id) for s in linked] == [
        ("泸县生态环境局", "found", 2)
    ]
    assert linked[0].body.former_names == ("泸县环境保护局",)
    # The year before, the same body was found under its former name, not "unknown".
    earlier = body_statuses([], reports, 2018, lineage)
    assert [(s.body.name, s.status, s.report_id) for s in earlier] == [
        ("泸县生态环境局", "found", 1)
    ]


def test_reform_renames_are_suggested_within_a_region_when_the_years_follow() -> None:
    years = {
        "泸县环境保护局": {2016, 2017, 2018},
        "泸县生态环境局": {2019, 2020},
        "泸县农业局": {2017, 2018, 2019},  # still reporting in 2019: not a predecessor
        "泸县农业农村局": {2019},
        "江阳区国土资源局": {2018},  # another region's body
        "泸县自然资源局": {2019},
    }
    regions = {name: "510521" for name in years} | {"江阳区国土资源局": "510502"}
    suggestions = suggest_links(years, regions, Lineage())
    assert [(s.predecessor, s.successor, s.since_year) for s in suggestions] == [
        ("泸县环境保护局", "泸县生态环境局", 2019)
    ]
    assert "环境保护局 → 生态环境局" in suggestions[0].reason
    linked = Lineage([("泸县环境保护局", "泸县生态环境局", 2019)])
    assert suggest_links(years, regions, linked) == []
    assert (
        suggest_links(years, regions, Lineage(), rejected=[("泸县环境保护局", "泸县生态环境局")])
        == []
    )
