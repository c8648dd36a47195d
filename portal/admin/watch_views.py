"""Watches in the admin area: every saved search, and the e-mail address or webhook an admin
attaches to one. Webhooks to private addresses are refused here already (unless configured),
and every change is in the audit log."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from werkzeug.wrappers import Response
from wtforms import BooleanField, EmailField, URLField
from wtforms.validators import Length, Optional, Regexp

from portal.admin.audit import record_action
from portal.admin.blueprint import admin_services, blueprint
from portal.watch_views import describe
from sources.webhooks import DeliveryRefused, check_webhook_url
from storage.models import Notification, Watch, WatchMatch

LIST_SIZE = 200


class AlertsForm(FlaskForm):
    """Where a watch's new matches are sent."""

    email = EmailField(
        "提醒邮箱",
        validators=[
            Optional(),
            Regexp(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", message="邮箱地址无效。"),
            Length(max=300),
        ],
    )
    webhook_url = URLField("网络钩子（POST JSON）", validators=[Optional(), Length(max=2000)])
    active = BooleanField("启用", default=True)


@blueprint.route("/watches")
def list_watches() -> str:
    """Every watch, newest first, with its number of matches and pending alerts."""
    with admin_services().database.session() as session:
        watches = list(session.scalars(select(Watch).order_by(Watch.id.desc()).limit(LIST_SIZE)))
        matches = dict(
            session.execute(
                select(WatchMatch.watch_id, func.count()).group_by(WatchMatch.watch_id)
            ).all()
        )
        pending = dict(
            session.execute(
                select(Notification.watch_id, func.count())
                .where(Notification.status == "pending")
                .group_by(Notification.watch_id)
            ).all()
        )
        rows = [
            (watch, describe(watch), matches.get(watch.id, 0), pending.get(watch.id, 0))
            for watch in watches
        ]
    return render_template("admin/watches.html", rows=rows)


@blueprint.route("/watches/<int:watch_id>", methods=["GET", "POST"])
def edit_watch(watch_id: int) -> Response | str | tuple[str, int]:
    """Attach (or remove) an e-mail address and a webhook; pause or resume the watch."""
    services = admin_services()
    with services.database.session() as session:
        watch = session.get(Watch, watch_id)
        if watch is None:
            abort(404, description="没有这个订阅。")
        form = AlertsForm(obj=watch)
        status = 200
        if form.validate_on_submit():
            url = (form.webhook_url.data or "").strip() or None
            try:
                if url:
                    check_webhook_url(url, allow_private=services.settings.webhook_allow_private)
            except (DeliveryRefused, RuntimeError) as error:
                form.webhook_url.errors = [f"不能使用这个地址：{error}"]
                status = 400
            else:
                watch.email = (form.email.data or "").strip() or None
                watch.webhook_url = url
                watch.active = bool(form.active.data)
                record_action(
                    session,
                    "watch_alerts",
                    f"订阅 {watch.id}：邮箱 {watch.email or '无'}，钩子 {watch.webhook_url or '无'}，"
                    f"{'启用' if watch.active else '停用'}",
                )
                session.commit()
                flash("订阅的提醒已保存。")
                return redirect(url_for("admin.edit_watch", watch_id=watch_id), code=303)
        elif form.is_submitted():
            status = 400
        notifications = list(
            session.scalars(
                select(Notification)
                .where(Notification.watch_id == watch_id)
                .order_by(Notification.id.desc())
                .limit(20)
            )
        )
        return render_template(
            "admin/watch.html",
            watch=watch,
            description=describe(watch),
            form=form,
            notifications=notifications,
        ), status
