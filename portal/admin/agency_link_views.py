"""Agencies' identity across renames and mergers (机构改革) in the admin area: the links admins
made, the links the archive suggests (a reform-renamed kind whose reports begin the year after
the old name's end), and adding or removing one. Every change is in the audit log; coverage,
continuity checks (after ``nianbao accountability``) and the year comparison follow the links."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from werkzeug.wrappers import Response
from wtforms import IntegerField, StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from accountability.identity import Lineage, suggest_links
from portal.admin.audit import record_action
from portal.admin.blueprint import admin_services, blueprint
from portal.admin.forms import ConfirmForm
from storage.agency_links import agency_years, link_rows
from storage.models import AgencyLink

#: Suggestions listed at most.
SUGGESTIONS_SHOWN = 100


class AgencyLinkForm(FlaskForm):
    """A predecessor's name, its successor's, and the first year under the new name."""

    predecessor = StringField("前身（原机关名称）", validators=[DataRequired(), Length(max=300)])
    successor = StringField("现名（承继机关名称）", validators=[DataRequired(), Length(max=300)])
    since_year = IntegerField(
        "现名首个报告年度", validators=[Optional(), NumberRange(min=2000, max=2100)]
    )
    note = StringField("说明", validators=[Optional(), Length(max=500)])


def _page(form: AgencyLinkForm, status: int = 200) -> tuple[str, int]:
    with admin_services().database.session() as session:
        links = list(
            session.scalars(select(AgencyLink).order_by(AgencyLink.successor, AgencyLink.id))
        )
        years, regions = agency_years(session)
        suggestions = suggest_links(years, regions, Lineage(link_rows(session)))
    return render_template(
        "admin/agency_links.html",
        form=form,
        links=links,
        suggestions=suggestions[:SUGGESTIONS_SHOWN],
        more_suggestions=max(0, len(suggestions) - SUGGESTIONS_SHOWN),
    ), status


@blueprint.get("/agency-links")
def list_agency_links() -> tuple[str, int]:
    """The links, the suggestions, and the form to add one."""
    return _page(AgencyLinkForm())


@blueprint.post("/agency-links")
def add_agency_link() -> Response | tuple[str, int]:
    """Join a predecessor to its successor (refused when they are already one body)."""
    form = AgencyLinkForm()
    if not form.validate_on_submit():
        return _page(form, 400)
    predecessor = (form.predecessor.data or "").strip()
    successor = (form.successor.data or "").strip()
    services = admin_services()
    with services.database.session() as session:
        if predecessor == successor:
            form.successor.errors = ["前身和现名相同。"]
            return _page(form, 400)
        if successor in Lineage(link_rows(session)).names(predecessor):
            form.successor.errors = [f"“{predecessor}”和“{successor}”已经是同一机关。"]
            return _page(form, 400)
        session.add(
            AgencyLink(
                predecessor=predecessor,
                successor=successor,
                since_year=form.since_year.data,
                note=(form.note.data or "").strip(),
                created_by=current_user.name,
            )
        )
        record_action(session, "agency_link_add", f"{predecessor} → {successor}")
        session.commit()
    flash(f"已关联：{predecessor} → {successor}。问责检查在下次“nianbao accountability”后更新。")
    return redirect(url_for("admin.list_agency_links"), code=303)


@blueprint.post("/agency-links/<int:link_id>/delete")
def delete_agency_link(link_id: int) -> Response:
    """Remove one link."""
    if not ConfirmForm().validate_on_submit():
        abort(400, description="表单已过期，请刷新页面后重试。")
    with admin_services().database.session() as session:
        link = session.get(AgencyLink, link_id)
        if link is None:
            abort(404, description="没有这个关联。")
        detail = f"{link.predecessor} → {link.successor}"
        session.delete(link)
        record_action(session, "agency_link_delete", detail)
        session.commit()
    flash(f"已取消关联：{detail}。")
    return redirect(url_for("admin.list_agency_links"), code=303)
