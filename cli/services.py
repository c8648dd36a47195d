"""Access to the app's resources from inside a CLI command."""

from __future__ import annotations

from flask import current_app

from services import Services


def current_services() -> Services:
    """The :class:`services.Services` of the app the command runs in."""
    services: Services = current_app.extensions["nianbao"]
    return services
