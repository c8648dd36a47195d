"""Fixtures of the admin area: the app with security wired in, an account, a signed-in client.

CSRF protection stays on: helpers read the token from the page, as a browser would.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from config import Settings
from portal import create_app
from portal.admin.accounts import create_admin
from services import Services

ADMIN_NAME = "alice"
ADMIN_PASSWORD = "correct horse battery staple"
CSRF_INPUT = re.compile(r'<input[^>]*name="csrf_token"[^>]*value="([^"]+)"')


def build_admin_app(settings: Settings) -> Flask:
    """The portal as ``create_app`` builds it: admin area and security included."""
    application = create_app(settings)
    assert "csrf" in application.extensions and "admin" in application.blueprints
    application.config["TESTING"] = True
    return application


@pytest.fixture
def app(settings: Settings) -> Iterator[Flask]:
    """The portal with the admin area, CSRF protection on."""
    application = build_admin_app(settings)
    yield application
    application.extensions["nianbao"].close()


@pytest.fixture
def admin_account(services: Services) -> str:
    """An enabled administrator; returns its name (password :data:`ADMIN_PASSWORD`)."""
    with services.database.session() as session:
        create_admin(session, ADMIN_NAME, ADMIN_PASSWORD)
    return ADMIN_NAME


def csrf_token_of(client: FlaskClient, path: str) -> str:
    """The CSRF token of the form on the page at ``path``."""
    response = client.get(path)
    match = CSRF_INPUT.search(response.get_data(as_text=True))
    assert match, f"no CSRF token on {path} ({response.status_code})"
    return match.group(1)


def sign_in(client: FlaskClient, name: str, password: str, next_page: str = "") -> TestResponse:
    """Post the sign-in form with a valid token, as a browser would; returns the response."""
    token = csrf_token_of(client, "/admin/sign-in")
    fields = {"csrf_token": token, "name": name, "password": password, "next": next_page}
    return client.post("/admin/sign-in", data=fields)


def post_form(
    client: FlaskClient, page: str, action: str, data: dict[str, str] | None = None
) -> TestResponse:
    """Post to ``action`` with the CSRF token of ``page``, as the page's button would."""
    fields = {"csrf_token": csrf_token_of(client, page), **(data or {})}
    return client.post(action, data=fields)


@pytest.fixture
def signed_in_client(client: FlaskClient, admin_account: str) -> FlaskClient:
    """A client with an administrator's session."""
    response = sign_in(client, admin_account, ADMIN_PASSWORD)
    assert response.status_code == 302, response.get_data(as_text=True)
    return client
