"""The search index: how many documents it holds, and rebuilding it on demand."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from portal.admin.audit import record_action
from portal.admin.blueprint import admin_services, blueprint
from portal.admin.crawl_queue import latest_request_of_kind, queue_request
from portal.admin.forms import ConfirmForm
from portal.admin.index_status import index_status


@blueprint.route("/index")
def show_index() -> str:
    """Document count, last update and the latest rebuild request."""
    services = admin_services()
    with services.database.session() as session:
        last_rebuild = latest_request_of_kind(session, "reindex")
    return render_template(
        "admin/index.html",
        status=index_status(services),
        last_rebuild=last_rebuild,
        confirm_form=ConfirmForm(),
    )


@blueprint.route("/index/rebuild", methods=["POST"])
def rebuild_index() -> Response:
    """Queue a rebuild of the index for the scheduler (only it writes the index)."""
    with admin_services().database.session() as session:
        queued = queue_request(session, "reindex", None, current_user.name)
        record_action(session, "crawl_request.reindex", f"重建索引（请求 #{queued.id}）")
        request_id = queued.id
    flash("已加入队列：调度进程将重建索引。", "info")
    return redirect(url_for("admin.show_request", request_id=request_id))
