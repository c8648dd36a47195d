"""The home page and the search results page."""

from __future__ import annotations

import re

from flask.testing import FlaskClient
from markupsafe import Markup

from tests.portal.archive_factory import ArchiveIds


def test_home_page_shows_archive_counts_newest_reports_and_region_browsing(
    portal_client: FlaskClient,
) -> None:
    html = portal_client.get("/").get_data(as_text=True)
    assert '<span class="stat-value">10</span><span class="stat-label">份报告</span>' in html
    assert "2019–2024" in html
    assert "灵武市财政局2019年政府信息公开工作年度报告" in html  # newest archived
    county_link = 'href="/search?province=%E5%AE%81%E5%A4%8F%E5%9B%9E%E6%97%8F%E8%87%AA%E6%B2%BB%E5%8C%BA&amp;city=%E9%93%B6%E5%B7%9D%E5%B8%82&amp;county=%E7%81%B5%E6%AD%A6%E5%B8%82"'
    # The tree (a link per county) comes after the page: a fragment, or a page of its own.
    assert county_link not in html and 'href="/regions"' in html
    assert 'data-src="/regions.fragment"' in html
    assert county_link in portal_client.get("/regions.fragment").get_data(as_text=True)
    assert county_link in portal_client.get("/regions").get_data(as_text=True)


def test_home_page_statistics_come_from_the_short_lived_cache(archive_app) -> None:
    app, _archive = archive_app
    cache = app.extensions["nianbao.home_cache"]
    cache.clear()
    client = app.test_client()
    client.get("/")
    sentinel = object()
    assert cache.get("stats", lambda: sentinel) is not sentinel  # filled by the first visit


def test_the_rendered_region_tree_is_reused_until_the_cache_expires(archive_app) -> None:
    app, _archive = archive_app
    cache = app.extensions["nianbao.home_cache"]
    cache.clear()
    client = app.test_client()
    first = client.get("/regions.fragment").get_data(as_text=True)
    assert "灵武市" in first
    cached = cache.get("regions_html:", lambda: None)
    assert cached is not None and "灵武市" in cached  # rendered once, by the first visit
    cache._entries["regions_html:"].value = Markup('<ul class="region-tree"><li>缓存的地区树</li>')
    assert "<li>缓存的地区树</li>" in client.get("/regions.fragment").get_data(as_text=True)
    cache.clear()
    assert "缓存的地区树" not in client.get("/regions.fragment").get_data(as_text=True)


def test_search_shows_total_highlighted_snippets_and_facet_counts(
    portal_client: FlaskClient,
) -> None:
    html = portal_client.get("/search?q=科学技术局").get_data(as_text=True)
    assert re.search(r"共 <strong>\d+</strong> 份报告", html)
    assert "<mark>" in html
    assert 'id="facet-province"' in html
    assert 'id="facet-year"' in html and 'id="facet-consistency"' in html
    assert 'id="facet-city"' not in html  # the drill-down starts at the province


def test_choosing_a_province_drills_down_to_cities_and_shows_a_removable_chip(
    portal_client: FlaskClient,
) -> None:
    html = portal_client.get("/search?province=宁夏回族自治区").get_data(as_text=True)
    assert 'id="facet-city"' in html
    assert "银川市" in html
    assert 'class="chip"' in html and "宁夏回族自治区" in html
    # Removing the chip leads back to the unfiltered search.
    chip = re.search(r'<a class="chip" href="([^"]+)"', html)
    assert chip is not None and chip.group(1) == "/search"


def test_several_values_of_one_facet_are_combined_with_or(portal_client: FlaskClient) -> None:
    one = portal_client.get("/search.json?year=2021").get_json()
    two = portal_client.get("/search.json?year=2021&year=2022").get_json()
    only_2022 = portal_client.get("/search.json?year=2022").get_json()
    assert two["total"] == one["total"] + only_2022["total"]
    assert {hit["year"] for hit in two["hits"]} == {2021, 2022}


def test_search_can_be_sorted_by_year_and_the_url_keeps_the_state(
    portal_client: FlaskClient,
) -> None:
    data = portal_client.get("/search.json?sort=year").get_json()
    years = [hit["year"] for hit in data["hits"]]
    assert years == sorted(years, reverse=True)
    html = portal_client.get("/search?q=科学&sort=year&year=2022").get_data(as_text=True)
    assert 'aria-current="true" class="is-active">按年度' in html
    # Export links carry the same search.
    assert "/search.csv?q=%E7%A7%91%E5%AD%A6&amp;year=2022&amp;sort=year" in html


def test_search_results_are_paginated(portal_client: FlaskClient) -> None:
    first = portal_client.get("/search.json?page_size=3").get_json()
    second = portal_client.get("/search.json?page_size=3&page=2").get_json()
    assert first["total"] == 10 and len(first["hits"]) == 3
    assert not {h["id"] for h in first["hits"]} & {h["id"] for h in second["hits"]}
    html = portal_client.get("/search?page=2").get_data(as_text=True)
    assert 'rel="prev"' in html or "第 1 页" in html


def test_a_search_without_matches_offers_help(portal_client: FlaskClient) -> None:
    html = portal_client.get("/search?q=完全不存在的词语组合&province=宁夏回族自治区").get_data(
        as_text=True
    )
    assert "没有找到符合条件的报告" in html
    assert "清除全部筛选" in html
    assert "只按筛选条件查看" in html


def test_a_malformed_query_gets_a_friendly_chinese_error_not_a_500(
    portal_client: FlaskClient,
) -> None:
    for query in ['"没有闭合的引号', "(科学", "OR", "year:abc"]:
        response = portal_client.get("/search", query_string={"q": query})
        assert response.status_code == 400, query
        assert "无法完成检索" in response.get_data(as_text=True)


def test_bad_search_arguments_are_400_pages(portal_client: FlaskClient) -> None:
    for query in ["page=0", "page=abc", "sort=random", "year=abcd", "level=galaxy"]:
        response = portal_client.get(f"/search?{query}")
        assert response.status_code == 400, query
        assert "无法完成检索" in response.get_data(as_text=True)


def test_unknown_arguments_are_ignored_by_the_html_page(portal_client: FlaskClient) -> None:
    assert portal_client.get("/search?utm_source=weibo").status_code == 200


def test_a_page_far_beyond_the_results_keeps_the_total(portal_client: FlaskClient) -> None:
    response = portal_client.get("/search?page=10000")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "这一页没有结果" in html and "共 10 份报告" in html


def test_results_can_be_picked_for_agency_comparison(
    portal_client: FlaskClient, archive: ArchiveIds
) -> None:
    html = portal_client.get("/search?year=2022").get_data(as_text=True)
    assert f'name="ids" value="{archive.education_2022}"' in html
    assert 'action="/compare/agencies"' in html


def test_the_header_search_box_keeps_the_query(portal_client: FlaskClient) -> None:
    html = portal_client.get("/search?q=行政复议").get_data(as_text=True)
    assert 'id="header-q" type="search" name="q" value="行政复议"' in html


def test_the_about_page_names_the_crawler_its_manners_and_how_to_opt_out(
    portal_client: FlaskClient,
) -> None:
    settings = portal_client.application.config["NIANBAO_SETTINGS"]
    html = portal_client.get("/about").get_data(as_text=True)
    assert settings.user_agent in html
    assert "robots.txt" in html and "Disallow" in html
    assert settings.contact_url in html
    home = portal_client.get("/").get_data(as_text=True)
    assert 'href="/about"' in home
