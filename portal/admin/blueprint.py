"""The ``admin`` blueprint: every page under ``/admin`` needs a signed-in administrator."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, render_template, request
from flask_login import current_user
from werkzeug.exceptions import TooManyRequests

from portal.admin.display import template_helpers
from services import Services

blueprint = Blueprint("admin", __name__, url_prefix="/admin")

#: Endpoints an anonymous visitor may reach.
PUBLIC_ENDPOINTS = frozenset({"admin.sign_in"})


def admin_services() -> Services:
    """The database, search backend and settings of the current app."""
    services: Services = current_app.extensions["nianbao"]
    return services


blueprint.context_processor(template_helpers)


@blueprint.before_request
def require_signed_in_admin() -> Response | None:
    """Send anonymous visitors to the sign-in page (Flask-Login remembers where they were going)."""
    if request.endpoint in PUBLIC_ENDPOINTS or current_user.is_authenticated:
        return None
    response: Response = current_app.login_manager.unauthorized()  # type: ignore[attr-defined]
    return response


@blueprint.after_request
def forbid_caching(response: Response) -> Response:
    """Admin pages hold state that must not sit in shared or browser caches."""
    response.headers["Cache-Control"] = "no-store"
    return response


@blueprint.errorhandler(TooManyRequests)
def show_rate_limited(error: TooManyRequests) -> tuple[str, int]:
    """Too many sign-in attempts: say so, in Chinese."""
    return render_template("admin/rate_limited.html", description=error.description), 429
