"""The corrections queue: readers' reports of parsing errors, decided by an admin beside the
archived original.

Accepting stores the decision as its own record (who, when, old → new, the reason) and queues a
``corrections`` request: the scheduler (the only writer of reports and the index) lays the value
over the report, re-runs the checks and re-indexes it. Rejecting closes the report. Both are in
the audit log.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from werkzeug.wrappers import Response
from wtforms import SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from parsers.corrections import CorrectionError, current_value, normalise_value
from parsers.model import ParsedReport
from portal import queries
from portal.admin.audit import record_action
from portal.admin.blueprint import admin_services, blueprint
from portal.admin.crawl_queue import queue_request
from portal.corrections_views import field_choices, field_labels
from portal.originals import original_links
from storage.models import Correction, Report, utcnow

QUEUE_PAGE_SIZE = 100


class DecisionForm(FlaskForm):
    """Accept with a value (for a named field) or reject; a reason either way."""

    decision = SelectField(
        "决定",
        choices=[
            SelectChoice("accept", "接受并更正"),
            SelectChoice("merge", "与另一条记录合并（同一份报告）"),
            SelectChoice("reject", "驳回"),
        ],
    )
    duplicate_id = StringField(
        "重复记录的报告编号（合并时填写）", validators=[Optional(), Length(max=12)]
    )
    field = SelectField("更正的字段", choices=[], validate_choice=True)
    value = StringField("正确的值", validators=[Optional(), Length(max=200)])
    reason = TextAreaField(
        "理由", validators=[DataRequired(message="请写明理由。"), Length(max=1000)]
    )


@blueprint.route("/corrections")
def list_corrections() -> str:
    """Pending reports first, then the latest decisions."""
    with admin_services().database.session() as session:
        pending = list(
            session.scalars(
                select(Correction)
                .where(Correction.status == "pending")
                .order_by(Correction.submitted_at)
                .limit(QUEUE_PAGE_SIZE)
            )
        )
        decided = list(
            session.scalars(
                select(Correction)
                .where(Correction.status != "pending")
                .order_by(Correction.decided_at.desc(), Correction.id.desc())
                .limit(QUEUE_PAGE_SIZE)
            )
        )
        pending_count = session.scalar(
            select(func.count(Correction.id)).where(Correction.status == "pending")
        )
    return render_template(
        "admin/corrections.html", pending=pending, decided=decided, pending_count=pending_count
    )


@blueprint.route("/corrections/<int:correction_id>", methods=["GET", "POST"])
def show_correction(correction_id: int) -> Response | str | tuple[str, int]:
    """One reader's report beside the report's current value and its archived original."""
    services = admin_services()
    with services.database.session() as session:
        correction = session.get(Correction, correction_id)
        if correction is None:
            abort(404, description=f"没有编号为 {correction_id} 的报错。")
        report = queries.report_by_id(session, correction.report_id)
    if report is None:
        abort(404, description="报错所指的报告已不存在。")
    form = DecisionForm()
    form.field.choices = field_choices(report, with_unspecified=False)
    if request.method == "GET":
        form.field.data = correction.field or ""
        form.value.data = correction.proposed_value or ""
    newest = report.versions[-1] if report.versions else None
    context = {
        "correction": correction,
        "report": report,
        "form": form,
        "labels": field_labels(report),
        "current": _current(report, correction.field) if correction.field else None,
        "archived": original_links(report, newest) if newest else None,
    }
    if request.method == "GET" or correction.status != "pending":
        return render_template("admin/correction.html", **context)
    if not form.validate_on_submit():
        return render_template("admin/correction.html", **context), 400
    if form.decision.data == "reject":
        return _reject(correction_id, form.reason.data or "")
    if form.decision.data == "merge":
        other = (form.duplicate_id.data or "").strip()
        with services.database.session() as session:
            exists = other.isdigit() and session.get(Report, int(other)) is not None
        if not exists or int(other) == report.id:
            form.duplicate_id.errors = ["请填写另一条已存档报告的编号。"]
            return render_template("admin/correction.html", **context), 400
        return _merge(correction_id, report.id, int(other), form.reason.data or "")
    try:
        value = normalise_value(form.field.data or "", form.value.data or "")
    except CorrectionError as error:
        form.value.errors = [str(error)]
        return render_template("admin/correction.html", **context), 400
    return _accept(correction_id, form.field.data or "", value, form.reason.data or "")


def _current(report: object, field: str) -> object:
    parsed = ParsedReport(title="", tables=getattr(report, "tables", None) or {})
    if not field.count("."):
        return getattr(report, field, None)
    try:
        return current_value(parsed, field)
    except CorrectionError:
        return None


def _accept(correction_id: int, field: str, value: object, reason: str) -> Response:
    with admin_services().database.session() as session:
        correction = session.get(Correction, correction_id)
        assert correction is not None
        report = queries.report_by_id(session, correction.report_id)
        assert report is not None
        correction.field = field
        correction.old_value = _current(report, field)
        correction.new_value = value
        correction.reason = reason.strip()
        correction.status = "accepted"
        correction.decided_by = current_user.name
        correction.decided_at = utcnow()
        queued = queue_request(session, "corrections", str(report.id), current_user.name)
        record_action(
            session,
            "correction.accept",
            f"接受报错 #{correction_id}：报告 {report.id} 的 {field} 由 "
            f"{correction.old_value!r} 更正为 {value!r}（请求 #{queued.id}）",
        )
    flash("已接受。调度进程将把更正应用到报告、校验和检索索引。", "info")
    return redirect(url_for("admin.list_corrections"))


def _merge(correction_id: int, report_id: int, other_id: int, reason: str) -> Response:
    with admin_services().database.session() as session:
        correction = session.get(Correction, correction_id)
        assert correction is not None
        correction.field = None
        correction.new_value = other_id
        correction.status = "accepted"
        correction.reason = reason.strip()
        correction.decided_by = current_user.name
        correction.decided_at = utcnow()
        queued = queue_request(session, "merge", f"{report_id},{other_id}", current_user.name)
        record_action(
            session,
            "correction.merge",
            f"报错 #{correction_id}：报告 {report_id} 与 {other_id} 为同一份报告，合并（请求 #{queued.id}）",
        )
    flash("已加入队列：调度进程将把两条记录合并为一条（保留更官方的来源）。", "info")
    return redirect(url_for("admin.list_corrections"))


def _reject(correction_id: int, reason: str) -> Response:
    with admin_services().database.session() as session:
        correction = session.get(Correction, correction_id)
        assert correction is not None
        correction.status = "rejected"
        correction.reason = reason.strip()
        correction.decided_by = current_user.name
        correction.decided_at = utcnow()
        record_action(
            session,
            "correction.reject",
            f"驳回报错 #{correction_id}（报告 {correction.report_id}）",
        )
    flash("已驳回。", "info")
    return redirect(url_for("admin.list_corrections"))
