"""Registration of the portal's feature blueprints, one per feature.

Further areas (e.g. ``portal/admin/``) add their blueprint module to the tuple in
:func:`register` below.
"""

from __future__ import annotations

from flask import Flask

from portal import query_strings
from portal.converters import RecordIdConverter
from portal.errors import register_error_handlers
from portal.home_cache import TtlCache
from portal.resources import HOME_CACHE_KEY
from portal.template_helpers import register_template_helpers


def register(app: Flask) -> None:
    """Attach every blueprint and template helper to ``app``."""
    from portal import (
        api,
        api_docs_views,
        changes_views,
        compare_views,
        corrections_views,
        export_views,
        home_views,
        league_views,
        originals,
        region_views,
        report_views,
        rules_views,
        search_views,
        stats_views,
        totals_views,
        watch_views,
    )

    app.url_map.converters["id"] = RecordIdConverter
    for module in (
        home_views,
        search_views,
        totals_views,
        watch_views,
        changes_views,
        rules_views,
        stats_views,
        region_views,
        report_views,
        originals,
        corrections_views,
        compare_views,
        league_views,
        export_views,
        api,
        api_docs_views,
    ):
        app.register_blueprint(module.blueprint)
    app.extensions[HOME_CACHE_KEY] = TtlCache()
    register_template_helpers(app)
    register_error_handlers(app)
    query_strings.register(app)
