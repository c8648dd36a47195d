"""The admin area (``/admin``): sign-in, sources, recrawl on demand, runs, index and audit log.

``register(app)`` attaches the blueprint; :func:`portal.security.init_app` must run too, for
CSRF tokens, the sign-in rate limit and Flask-Login.
"""

from __future__ import annotations

from flask import Flask

from portal.admin import (  # noqa: F401  (each module adds its routes to the blueprint)
    audit_views,
    index_views,
    recrawl_views,
    runs_views,
    sign_in_views,
    sources_views,
)
from portal.admin.blueprint import blueprint

__all__ = ["blueprint", "register"]


def register(app: Flask) -> None:
    """Attach the admin blueprint to ``app``."""
    app.register_blueprint(blueprint)
