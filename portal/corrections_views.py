"""报告解析错误: any visitor tells us a report or one of its numbers was read wrong.

No account is needed. The form carries a CSRF token, every field has a length limit, submissions
are rate-limited per address, and nothing a visitor wrote is ever rendered unescaped. A report
lands in the admins' queue as ``pending``; only an admin's decision changes what the archive
shows (see :mod:`portal.admin.corrections_views`).
"""

from __future__ import annotations

import hashlib
from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from parsers.corrections import CORRECTABLE_TAGS
from portal import queries
from portal.resources import services
from portal.security import limiter
from portal.table_views import build_tables
from storage.models import Correction, Report

blueprint = Blueprint("corrections", __name__)

#: Submissions per visitor address (a person reports a few errors; a flood is refused).
SUBMISSION_LIMIT = "5 per minute;30 per hour;100 per day"
MAX_MESSAGE = 2000
MAX_VALUE = 200
MAX_CONTACT = 200
#: The choice for "not sure which field".
UNSPECIFIED = ""


class CorrectionReportForm(FlaskForm):
    """What is wrong, the right value (optional), how to reach the reader (optional)."""

    field = SelectField("哪里读错了", choices=[], validate_choice=True, default=UNSPECIFIED)
    proposed_value = StringField("正确的值（可选）", validators=[Optional(), Length(max=MAX_VALUE)])
    message = TextAreaField(
        "说明（必填）",
        validators=[DataRequired(message="请说明哪里有错。"), Length(max=MAX_MESSAGE)],
    )
    contact = StringField("联系方式（可选）", validators=[Optional(), Length(max=MAX_CONTACT)])


def field_labels(report: Report) -> dict[str, str]:
    """The fields a reader can point at, with their labels: the tags, then every cell of the
    report's tables (``applications.new.total`` → ``表三：本年新收政府信息公开申请数量 · 总计``)."""
    labels = {UNSPECIFIED: "不确定 / 其他问题"}
    labels.update({name: f"标签：{label}" for name, label in CORRECTABLE_TAGS.items()})
    for table in build_tables(report.tables):
        for row in table.rows:
            for column, cell in zip(table.columns, row.cells, strict=False):
                labels[cell.path] = f"{table.caption}：{row.label} · {column}"
    return labels


def field_choices(report: Report, *, with_unspecified: bool = True) -> list[SelectChoice]:
    """:func:`field_labels` as select choices, grouped by tags and tables."""
    choices = []
    for value, label in field_labels(report).items():
        if value == UNSPECIFIED and not with_unspecified:
            continue
        group, _, text = label.partition("：") if value else ("", "", label)
        choices.append(SelectChoice(value, text or label, optgroup=group or None))
    return choices


def correction_form(report: Report, data: Any = None) -> CorrectionReportForm:
    """The form for ``report`` (bound to ``data`` when given)."""
    form = CorrectionReportForm(formdata=data)
    form.field.choices = field_choices(report)
    return form


@blueprint.post("/reports/<id:report_id>/corrections")
@limiter.limit(SUBMISSION_LIMIT)
def submit(report_id: int) -> Response | tuple[str, int]:
    """Store a reader's report of a parsing error as ``pending``."""
    with services().database.session() as session:
        report = queries.report_by_id(session, report_id)
    if report is None:
        abort(404, description=f"没有编号为 {report_id} 的报告。")
    form = correction_form(report, request.form)
    if not form.validate():
        return render_template("correction_invalid.html", report=report, form=form), 400
    with services().database.session() as session:
        session.add(
            Correction(
                report_id=report.id,
                field=form.field.data or None,
                proposed_value=(form.proposed_value.data or "").strip() or None,
                message=(form.message.data or "").strip(),
                contact=(form.contact.data or "").strip() or None,
                submitter_hash=_address_hash(),
                status="pending",
            )
        )
        session.commit()
    return redirect(
        url_for("reports.show", report_id=report.id, correction="received", _anchor="report-error"),
        code=303,
    )


def _address_hash() -> str:
    """A salted hash of the visitor's address: enough to see a flood, never the address."""
    salt = str(current_app.config.get("SECRET_KEY") or "")
    return hashlib.sha256(f"{salt}|{request.remote_addr}".encode()).hexdigest()
