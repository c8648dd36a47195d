"""Signing in and out. Failed sign-ins count against a per-address rate limit."""

from __future__ import annotations

from flask import current_app, flash, g, redirect, render_template, request, session, url_for
from flask_limiter import RequestLimit
from flask_login import current_user, login_user, logout_user
from werkzeug.wrappers import Response

from portal.admin.accounts import authenticate, end_sessions
from portal.admin.audit import record_action, record_repeated_action
from portal.admin.blueprint import admin_services, blueprint
from portal.admin.forms import SignInForm
from portal.security import limiter


def login_rate_limit() -> str:
    """The app's sign-in limit, e.g. ``5 per minute``."""
    limit: str = current_app.config["NIANBAO_SETTINGS"].login_rate_limit
    return limit


def sign_in_failed(_response: Response) -> bool:
    """Only failed attempts use up the limit."""
    return bool(g.get("sign_in_failed"))


def report_sign_in_flood(limit: RequestLimit) -> None:
    """Log a client that hit the sign-in limit, to the app log and the audit log."""
    name = (request.form.get("name") or "").strip()[:100] or None
    current_app.logger.warning(
        "Sign-in rate limit %s exceeded from %s (name %r)", limit.limit, request.remote_addr, name
    )
    with admin_services().database.session() as db_session:
        record_repeated_action(
            db_session, "sign_in.rate_limited", f"超过登录频率限制 {limit.limit}", user_name=name
        )


@blueprint.route("/sign-in", methods=["GET", "POST"])
@limiter.limit(
    login_rate_limit,
    methods=["POST"],
    deduct_when=sign_in_failed,
    on_breach=report_sign_in_flood,
)
def sign_in() -> Response | str | tuple[str, int]:
    """Show the sign-in form; on a right password start a session."""
    if current_user.is_authenticated:
        return redirect(url_for("admin.list_sources"))
    form = SignInForm()
    if request.method == "GET":
        form.next.data = request.args.get("next", "")
    if not form.validate_on_submit():
        return render_template("admin/sign_in.html", form=form)
    name = (form.name.data or "").strip()
    with admin_services().database.session() as db_session:
        admin = authenticate(db_session, name, form.password.data or "")
        if admin is None:
            record_action(
                db_session, "sign_in.failed", "用户名或密码错误，或账号已停用", user_name=name
            )
        else:
            record_action(db_session, "sign_in", "", user_name=admin.name)
    if admin is None:
        g.sign_in_failed = True
        flash("用户名或密码错误，或账号已停用。", "error")
        return render_template("admin/sign_in.html", form=form), 401
    session.clear()
    login_user(admin)
    return redirect(_safe_next(form.next.data) or url_for("admin.list_sources"))


@blueprint.route("/sign-out", methods=["POST"])
def sign_out() -> Response:
    """End the session."""
    with admin_services().database.session() as db_session:
        record_action(db_session, "sign_out")
        if current_user.is_authenticated:
            # A copied or replayed cookie of this session must not outlive the sign-out.
            end_sessions(db_session, int(current_user.id))
    logout_user()
    session.clear()
    flash("已退出登录。", "info")
    return redirect(url_for("admin.sign_in"))


def _safe_next(target: str | None) -> str | None:
    """``target`` if it is a path inside the admin area, else None (no open redirects)."""
    if not target or not target.startswith("/admin") or "//" in target or "\\" in target:
        return None
    return target
