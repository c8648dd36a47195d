"""The home page: the search box, what the archive holds, the newest reports, browse by region."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template

from portal import archive_overview

blueprint = Blueprint("home", __name__)


@blueprint.get("/")
def index() -> str:
    """Show the home page (statistics and region tree come from a short-lived cache)."""
    return render_template(
        "home.html",
        stats=archive_overview.archive_stats(),
        regions=archive_overview.region_tree(),
        region_tree_html=archive_overview.region_tree_html(),
        newest=archive_overview.newest_reports(),
    )


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
