"""The admin area (``/admin``): sign-in, sources, recrawl on demand, runs, index and audit log.

The app factory attaches :data:`blueprint` (see :mod:`portal.blueprints`) and runs
:func:`portal.security.init_app` for CSRF tokens, the sign-in rate limit and Flask-Login.
"""

from __future__ import annotations

from portal.admin import (  # noqa: F401  (each module adds its routes to the blueprint)
    agency_link_views,
    audit_views,
    corrections_views,
    index_views,
    recrawl_views,
    runs_views,
    sign_in_views,
    sources_views,
    watch_views,
)
from portal.admin.blueprint import blueprint

__all__ = ["blueprint"]
