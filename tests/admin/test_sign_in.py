"""Signing in and out: hashed passwords, disabled accounts, the rate limit and the audit log."""

from __future__ import annotations

import logging
import secrets

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from config import Settings
from portal.admin.accounts import authenticate, set_admin_disabled
from services import Services
from storage.models import AdminUser, AuditLogEntry
from tests.admin.conftest import ADMIN_PASSWORD, build_admin_app, post_form, sign_in


def audit_actions(services: Services) -> list[tuple[str | None, str, str | None]]:
    with services.database.session() as session:
        entries = session.scalars(select(AuditLogEntry).order_by(AuditLogEntry.id))
        return [(entry.user_name, entry.action, entry.remote_addr) for entry in entries]


def test_password_is_stored_as_a_slow_hash_that_verifies(
    services: Services, admin_account: str
) -> None:
    with services.database.session() as session:
        stored = session.scalar(
            select(AdminUser.password_hash).where(AdminUser.name == admin_account)
        )
        assert stored != ADMIN_PASSWORD
        assert ADMIN_PASSWORD not in stored
        assert stored.startswith("scrypt:")
        assert authenticate(session, admin_account, ADMIN_PASSWORD) is not None
        assert authenticate(session, admin_account, ADMIN_PASSWORD + "!") is None


def test_right_password_signs_in_and_opens_the_admin_area(
    client: FlaskClient, admin_account: str, services: Services
) -> None:
    response = sign_in(client, admin_account, ADMIN_PASSWORD)
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/sources"
    page = client.get("/admin/sources")
    assert page.status_code == 200
    assert "来源" in page.get_data(as_text=True)
    assert (admin_account, "sign_in", "127.0.0.1") in audit_actions(services)


def test_sign_in_returns_to_the_admin_page_asked_for(
    client: FlaskClient, admin_account: str
) -> None:
    redirect_to_sign_in = client.get("/admin/audit")
    assert redirect_to_sign_in.headers["Location"] == "/admin/sign-in?next=%2Fadmin%2Faudit"
    page = client.get(redirect_to_sign_in.headers["Location"]).get_data(as_text=True)
    assert 'name="next" type="hidden" value="/admin/audit"' in page
    response = sign_in(client, admin_account, ADMIN_PASSWORD, next_page="/admin/audit")
    assert response.headers["Location"] == "/admin/audit"


def test_sign_in_never_redirects_outside_the_admin_area(
    client: FlaskClient, admin_account: str
) -> None:
    response = sign_in(client, admin_account, ADMIN_PASSWORD, next_page="//evil.example/admin")
    assert response.headers["Location"] == "/admin/sources"


def test_wrong_password_is_refused_and_audited(
    client: FlaskClient, admin_account: str, services: Services
) -> None:
    response = sign_in(client, admin_account, "wrong password!")
    assert response.status_code == 401
    assert "用户名或密码错误" in response.get_data(as_text=True)
    assert client.get("/admin/sources").status_code == 302
    assert (admin_account, "sign_in.failed", "127.0.0.1") in audit_actions(services)


def test_disabled_admin_cannot_sign_in(
    client: FlaskClient, admin_account: str, services: Services
) -> None:
    with services.database.session() as session:
        set_admin_disabled(session, admin_account, True)
    response = sign_in(client, admin_account, ADMIN_PASSWORD)
    assert response.status_code == 401
    assert client.get("/admin/sources").status_code == 302


def test_disabling_an_admin_ends_their_session(
    signed_in_client: FlaskClient, admin_account: str, services: Services
) -> None:
    assert signed_in_client.get("/admin/sources").status_code == 200
    with services.database.session() as session:
        set_admin_disabled(session, admin_account, True)
    assert signed_in_client.get("/admin/sources").status_code == 302


def test_sign_out_ends_the_session_and_is_audited(
    signed_in_client: FlaskClient, admin_account: str, services: Services
) -> None:
    response = post_form(signed_in_client, "/admin/sources", "/admin/sign-out")
    assert response.status_code == 302
    assert signed_in_client.get("/admin/sources").status_code == 302
    assert (admin_account, "sign_out", "127.0.0.1") in audit_actions(services)


def test_repeated_wrong_passwords_are_stopped_with_429_and_logged(
    client: FlaskClient, admin_account: str, services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    allowed = 5  # the default login_rate_limit: "5 per minute"
    for _ in range(allowed):
        assert sign_in(client, admin_account, "guess guess guess").status_code == 401
    with caplog.at_level(logging.WARNING):
        blocked = sign_in(client, admin_account, "guess guess guess")
    assert blocked.status_code == 429
    assert "登录尝试次数过多" in blocked.get_data(as_text=True)
    assert "Retry-After" in blocked.headers
    assert any("rate limit" in record.getMessage() for record in caplog.records)
    assert (admin_account, "sign_in.rate_limited", "127.0.0.1") in audit_actions(services)
    # Even the right password waits until the window is over.
    assert sign_in(client, admin_account, ADMIN_PASSWORD).status_code == 429


def test_successful_sign_ins_do_not_use_up_the_limit(
    client: FlaskClient, admin_account: str
) -> None:
    for _ in range(7):
        assert sign_in(client, admin_account, ADMIN_PASSWORD).status_code == 302
        post_form(client, "/admin/sources", "/admin/sign-out")


def test_the_sign_in_limit_lives_in_the_configured_storage_and_outlasts_a_worker(
    settings: Settings, admin_account: str
) -> None:
    redis = pytest.importorskip("redis")
    try:
        redis.Redis(host="127.0.0.1", port=6379, socket_timeout=2).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("Redis not reachable at 127.0.0.1:6379")
    shared = settings.with_overrides(rate_limit_storage_url="redis://127.0.0.1:6379")
    # A fresh address per run, so counters of other runs in the shared Redis do not interfere.
    address = f"10.{secrets.randbelow(256)}.{secrets.randbelow(256)}.{secrets.randbelow(254) + 1}"
    first_worker = build_admin_app(shared)
    client = first_worker.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    for _ in range(5):
        assert sign_in(client, admin_account, "guess guess guess").status_code == 401
    first_worker.extensions["nianbao"].close()

    second_worker = build_admin_app(shared)
    other_client = second_worker.test_client()
    other_client.environ_base["REMOTE_ADDR"] = address
    assert sign_in(other_client, admin_account, ADMIN_PASSWORD).status_code == 429
    second_worker.extensions["nianbao"].close()


def test_a_session_cookie_replayed_after_sign_out_is_refused(
    signed_in_client: FlaskClient,
    app,
    admin_account: str,  # type: ignore[no-untyped-def]
) -> None:
    cookie = signed_in_client.get_cookie("session")
    assert cookie is not None
    stolen = cookie.value
    response = post_form(signed_in_client, "/admin/sources", "/admin/sign-out")
    assert response.status_code == 302

    replay = app.test_client()
    replay.set_cookie("session", stolen)
    assert replay.get("/admin/sources").status_code == 302  # back to the sign-in page
    assert replay.post("/admin/index/rebuild", data={}).status_code in (302, 400, 403)


def test_signing_in_again_after_sign_out_works(
    signed_in_client: FlaskClient, admin_account: str
) -> None:
    post_form(signed_in_client, "/admin/sources", "/admin/sign-out")
    assert sign_in(signed_in_client, admin_account, ADMIN_PASSWORD).status_code == 302
    assert signed_in_client.get("/admin/sources").status_code == 200


def test_a_flood_of_rate_limited_sign_ins_writes_one_audit_row_with_a_count(
    client: FlaskClient, admin_account: str, services: Services
) -> None:
    for _ in range(5):
        sign_in(client, admin_account, "guess guess guess")
    for _ in range(20):
        assert sign_in(client, admin_account, "guess guess guess").status_code == 429
    with services.database.session() as session:
        rows = list(
            session.scalars(
                select(AuditLogEntry).where(AuditLogEntry.action == "sign_in.rate_limited")
            )
        )
    assert len(rows) == 1
    assert rows[0].detail.endswith("（共 20 次）")
