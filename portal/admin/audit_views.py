"""The audit log page."""

from __future__ import annotations

from flask import render_template, request

from portal.admin.audit import AUDIT_PAGE_SIZE, count_entries, recent_entries
from portal.admin.blueprint import admin_services, blueprint


@blueprint.route("/audit")
def list_audit_entries() -> str:
    """Who did what, when and from where, newest first."""
    page = request.args.get("page", 1, type=int) or 1
    with admin_services().database.session() as session:
        entries = recent_entries(session, page)
        total = count_entries(session)
    return render_template(
        "admin/audit.html",
        entries=entries,
        page=page,
        has_next=page * AUDIT_PAGE_SIZE < total,
        total=total,
    )
