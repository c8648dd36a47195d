"""The home page: the search box, what the archive holds, the newest reports, browse by region."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template

from portal import archive_overview

blueprint = Blueprint("home", __name__)


@blueprint.get("/")
def index() -> str:
    """Show the home page (statistics come from a short-lived cache). The region tree, a link
    for every county, is loaded after the page (``/regions.fragment``) or opened as its own page."""
    return render_template(
        "home.html",
        stats=archive_overview.archive_stats(),
        regions=archive_overview.region_tree(),
        newest=archive_overview.newest_reports(),
    )


@blueprint.get("/regions")
def regions() -> str:
    """Every region with reports, as a page of its own (the home page's tree without script)."""
    return render_template(
        "regions.html",
        regions=archive_overview.region_tree(),
        region_tree_html=archive_overview.region_tree_html(),
    )


@blueprint.get("/regions.fragment")
def regions_fragment() -> str:
    """The region tree alone, which the home page loads after it has been shown."""
    return str(archive_overview.region_tree_html())


@blueprint.get("/about")
def about() -> str:
    """Who runs the archive and its crawler, how the crawler behaves, how to reach us or opt out."""
    settings = current_app.config["NIANBAO_SETTINGS"]
    return render_template(
        "about.html",
        user_agent=settings.user_agent,
        contact_url=settings.contact_url,
        crawl_delay=settings.crawl_delay,
    )
