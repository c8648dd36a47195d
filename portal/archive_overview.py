"""What the archive holds — counts, regions, newest reports — read through the short-lived cache.

The home page, the league table's region pickers and the downloads page share these values, so
the whole-table queries behind them run at most once per :data:`portal.home_cache.HOME_CACHE_TTL`.
"""

from __future__ import annotations

from flask import render_template, request
from markupsafe import Markup

from portal import queries
from portal.resources import home_cache, services
from storage.models import Report

NEWEST_REPORTS = 8


def archive_stats() -> queries.ArchiveStats:
    """Counts, years and last crawl (cached)."""

    def compute() -> queries.ArchiveStats:
        with services().database.session() as session:
            return queries.archive_stats(session)

    return home_cache().get("stats", compute)


def region_tree() -> list[queries.RegionNode]:
    """Provinces → cities → counties with report counts (cached)."""

    def compute() -> list[queries.RegionNode]:
        with services().database.session() as session:
            return queries.region_tree(session)

    return home_cache().get("regions", compute)


def region_tree_html() -> Markup:
    """The home page's region tree as HTML (cached: it holds a link for every county, and
    building thousands of URLs took most of the home page's time)."""

    def compute() -> Markup:
        return Markup(render_template("macros/region_tree.html", regions=region_tree()))

    return home_cache().get(f"regions_html:{request.script_root}", compute)


def newest_reports() -> list[Report]:
    """The reports most recently added (cached)."""

    def compute() -> list[Report]:
        with services().database.session() as session:
            return queries.newest_reports(session, NEWEST_REPORTS)

    return home_cache().get("newest", compute)


def children_of(regions: list[queries.RegionNode], name: str) -> list[queries.RegionNode]:
    """The regions directly below the region called ``name`` (empty when unknown)."""
    for node in regions:
        if node.name == name:
            return node.children
    return []
