"""Web security for the whole app: CSRF tokens, sign-in rate limits, sessions and response headers.

``init_app(app)`` wires the three Flask extensions (Flask-WTF's CSRFProtect, Flask-Limiter and
Flask-Login) to the app and adds the security headers to every response, public portal included.
The extensions are module-level objects, as Flask extensions usually are, so views can use
``limiter.limit(...)`` as a decorator; their per-app configuration comes from the app's settings.
"""

from __future__ import annotations

from flask import Flask, Request, Response, render_template, request
from flask.sessions import SecureCookieSessionInterface
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_wtf.csrf import CSRFError, CSRFProtect

from config import Settings

#: The Content-Security-Policy of every page: no inline scripts or styles, no framing.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
)

SECURITY_HEADERS: dict[str, str] = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
}

#: Sent on https responses only: browsers ignore it over plain http.
STRICT_TRANSPORT_SECURITY = "max-age=31536000"

csrf = CSRFProtect()
limiter = Limiter(key_func=get_remote_address)
login_manager = LoginManager()


class RequestAwareSessionInterface(SecureCookieSessionInterface):
    """Signed-cookie sessions whose cookie is ``Secure`` whenever the request came over https.

    ``SESSION_COOKIE_SECURE`` still forces the flag (for https terminated by a proxy that does not
    forward the scheme).
    """

    def get_cookie_secure(self, app: Flask) -> bool:
        """True when the app says so or the current request is https."""
        return bool(app.config["SESSION_COOKIE_SECURE"]) or _request_is_secure(request)


def init_app(app: Flask) -> None:
    """Protect ``app``: CSRF on every POST, rate limits, sign-in sessions, security headers."""
    settings: Settings = app.config["NIANBAO_SETTINGS"]

    app.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        RATELIMIT_STORAGE_URI=settings.rate_limit_storage_url,
        RATELIMIT_HEADERS_ENABLED=True,
    )
    # Secure cookies even over plain http when https ends at a proxy.
    force_secure = settings.session_cookie_secure
    app.config["SESSION_COOKIE_SECURE"] = force_secure
    app.config["REMEMBER_COOKIE_SECURE"] = force_secure
    app.session_interface = RequestAwareSessionInterface()

    csrf.init_app(app)
    limiter.init_app(app)

    from portal.admin import accounts

    login_manager.init_app(app)
    login_manager.login_view = "admin.sign_in"
    login_manager.login_message = "请先登录管理后台。"
    login_manager.login_message_category = "warning"
    login_manager.user_loader(accounts.load_signed_in_admin)

    app.after_request(add_security_headers)
    app.register_error_handler(CSRFError, show_csrf_error)


def add_security_headers(response: Response) -> Response:
    """Add the security headers to ``response`` (keeping any a view set on purpose)."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if _request_is_secure(request):
        response.headers.setdefault("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY)
    return response


def show_csrf_error(error: CSRFError) -> tuple[str, int]:
    """A form posted without a valid token (expired page, or a forged request): 400, in Chinese."""
    return render_template("admin/csrf_error.html", reason=error.description), 400


def _request_is_secure(current: Request) -> bool:
    """Whether the current request came over https (false outside a request)."""
    try:
        return current.is_secure
    except RuntimeError:
        return False
