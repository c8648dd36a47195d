"""The app the end-to-end test serves with gunicorn: settings from the environment, admin wired in.

``gunicorn 'tests.admin.served_app:create_served_app()'`` — once ``create_app`` wires the admin
area and security itself, this adds nothing.
"""

from __future__ import annotations

from flask import Flask

from config import Settings
from tests.admin.conftest import build_admin_app


def create_served_app() -> Flask:
    """The portal with the admin area, configured from ``NIANBAO_*`` variables."""
    application = build_admin_app(Settings.from_env())
    application.config["TESTING"] = False
    return application
