"""Access to the application's shared resources from inside a request."""

from __future__ import annotations

from flask import current_app

from portal.home_cache import TtlCache
from services import Services

HOME_CACHE_KEY = "nianbao.home_cache"


def services() -> Services:
    """The :class:`services.Services` of the running app."""
    return current_app.extensions["nianbao"]


def home_cache() -> TtlCache:
    """The app's short-lived cache of home-page statistics."""
    return current_app.extensions[HOME_CACHE_KEY]
