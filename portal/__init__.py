"""The Nianbao web portal: ``create_app`` is the only way to build the Flask application."""

from __future__ import annotations

import os
import secrets
import time
from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from config import Settings
from services import Services

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def asset_dir(name: str) -> Path:
    """``templates`` or ``static``: inside the installed package (a wheel ships them as
    ``portal/<name>``, see setup.py), else at the top of the source tree."""
    packaged = Path(__file__).resolve().parent / name
    return packaged if packaged.is_dir() else PROJECT_ROOT / name


def create_app(settings: Settings | None = None) -> Flask:
    """Build the portal for ``settings`` (default: from the environment).

    The schema is upgraded on start; resources are reachable as
    ``app.extensions["nianbao"]`` (a :class:`services.Services`).
    """
    settings = settings or Settings.from_env()
    services = Services.from_settings(settings)
    app = Flask(
        __name__,
        template_folder=str(asset_dir("templates")),
        static_folder=str(asset_dir("static")),
    )
    app.config["SECRET_KEY"] = settings.secret_key or _load_or_create_secret(settings.data_dir)
    app.config["NIANBAO_SETTINGS"] = settings
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.extensions["nianbao"] = services

    from portal import admin, blueprints, compression, security

    blueprints.register(app)
    app.register_blueprint(admin.blueprint)
    security.init_app(app)
    compression.register(app)
    if settings.proxy_fix_hops:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=settings.proxy_fix_hops, x_proto=settings.proxy_fix_hops
        )
    return app


def _load_or_create_secret(data_dir: Path) -> str:
    """The secret key kept in the data directory, generated on first start.

    Several workers may start at once: the file is created exclusively, so exactly one key is
    written and every worker reads that one.
    """
    path = data_dir / "secret_key"
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        for _ in range(50):  # the creating worker may not have written it yet
            key = path.read_text().strip()
            if key:
                return key
            time.sleep(0.1)
        raise RuntimeError(f"{path} exists but is empty; delete it to generate a new key") from None
    key = secrets.token_hex(32)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(key)
    return key
