"""Every admin page needs a session and a CSRF token; every page carries the security headers."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal.security import CONTENT_SECURITY_POLICY
from services import Services
from storage.models import Correction, CrawlRun, Report
from tests.admin.conftest import csrf_token_of

ROUTE_ARGUMENTS = {
    "run_id": "1",
    "request_id": "1",
    "name": "demo",
    "correction_id": "1",
    "watch_id": "1",
    "link_id": "1",
}


def admin_routes(app: Flask, method: str) -> list[str]:
    """Every admin URL answering ``method``, with placeholder arguments filled in."""
    paths = []
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("admin.") or rule.endpoint == "admin.sign_in":
            continue
        if method in (rule.methods or set()):
            path = rule.rule
            for argument in rule.arguments:
                path = re.sub(rf"<(?:\w+:)?{argument}>", ROUTE_ARGUMENTS[argument], path)
            paths.append(path)
    return paths


def test_the_admin_area_has_pages_and_actions_to_protect(app: Flask) -> None:
    assert len(admin_routes(app, "GET")) >= 10
    assert len(admin_routes(app, "POST")) >= 7


def test_every_admin_page_sends_anonymous_visitors_to_sign_in(
    app: Flask, client: FlaskClient
) -> None:
    for path in admin_routes(app, "GET"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.headers["Location"].startswith("/admin/sign-in"), path


def test_every_admin_action_refuses_anonymous_visitors_with_a_valid_token(
    app: Flask, client: FlaskClient
) -> None:
    token = csrf_token_of(client, "/admin/sign-in")
    for path in admin_routes(app, "POST"):
        response = client.post(path, data={"csrf_token": token})
        assert response.status_code == 302, path
        assert response.headers["Location"].startswith("/admin/sign-in"), path


def test_every_admin_action_refuses_a_post_without_csrf_token(
    app: Flask, signed_in_client: FlaskClient
) -> None:
    for path in admin_routes(app, "POST"):
        response = signed_in_client.post(path, data={"kind": "all"})
        assert response.status_code == 400, path


def test_every_admin_action_refuses_a_forged_csrf_token(
    app: Flask, signed_in_client: FlaskClient
) -> None:
    for path in admin_routes(app, "POST"):
        response = signed_in_client.post(path, data={"csrf_token": "forged", "kind": "all"})
        assert response.status_code == 400, path


def test_sign_in_itself_refuses_a_post_without_csrf_token(
    client: FlaskClient, admin_account: str
) -> None:
    response = client.post("/admin/sign-in", data={"name": admin_account, "password": "x"})
    assert response.status_code == 400


@pytest.mark.parametrize("path", ["/", "/search?q=年报", "/admin/sign-in", "/no-such-page"])
def test_public_and_admin_pages_carry_the_security_headers(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert "script-src 'self';" in response.headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] in {"same-origin", "strict-origin-when-cross-origin"}


def test_signed_in_admin_pages_carry_the_security_headers_and_are_not_cached(
    signed_in_client: FlaskClient,
) -> None:
    response = signed_in_client.get("/admin/sources")
    assert response.status_code == 200
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Cache-Control"] == "no-store"


def test_session_cookie_is_httponly_and_samesite_lax_over_http(client: FlaskClient) -> None:
    response = client.get("/admin/sign-in")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie


def test_session_cookie_is_secure_when_the_request_is_https(client: FlaskClient) -> None:
    response = client.get("/admin/sign-in", base_url="https://localhost")
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie
    assert "HttpOnly" in cookie
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_admin_pages_contain_no_inline_scripts(
    signed_in_client: FlaskClient, services: Services
) -> None:
    with services.database.session() as session:
        run = CrawlRun(source_name="demo", status="running")
        session.add(run)
        session.flush()
        run_id = run.id
    for path in [
        "/admin/sources",
        f"/admin/runs/{run_id}",
        "/admin/runs",
        "/admin/index",
        "/admin/audit",
    ]:
        html = signed_in_client.get(path).get_data(as_text=True)
        assert "<script>" not in html, path
        assert " style=" not in html, path
        assert " onclick=" not in html, path


def test_every_admin_page_renders_for_a_signed_in_admin(
    app: Flask, signed_in_client: FlaskClient, services: Services
) -> None:
    from sources.catalogue import SourceConfig, SourcesFile
    from storage.models import CrawlRequest, Watch

    SourcesFile(services.settings.sources_file).save(
        [SourceConfig(name="demo", start_urls=["http://127.0.0.1/xxgk/"])]
    )
    with services.database.session() as session:
        session.add(CrawlRun(source_name="demo", status="running"))
        session.add(CrawlRequest(kind="all"))
        report = Report(identity="https://www.example.gov.cn/nb.html", title="某局2023年报告")
        session.add(report)
        session.flush()
        session.add(Correction(report_id=report.id, message="表三读错了", field="agency"))
        session.add(Watch(token="admin-page", name="某局", query="公安局"))
    for path in admin_routes(app, "GET"):
        response = signed_in_client.get(path)
        assert response.status_code in {200, 302}, path
        if response.status_code == 302:
            assert response.headers["Location"].startswith("/admin/"), path


def test_a_refused_post_explains_itself_in_chinese(signed_in_client: FlaskClient) -> None:
    response = signed_in_client.post("/admin/index/rebuild")
    assert response.status_code == 400
    assert "表单已失效" in response.get_data(as_text=True)
