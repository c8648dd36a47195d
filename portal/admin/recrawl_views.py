"""Recrawl now: queue work for the scheduler and follow it until its run exists."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, jsonify, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.wrappers import Response

from portal.admin.audit import record_action
from portal.admin.blueprint import admin_services, blueprint
from portal.admin.crawl_queue import queue_request, recent_requests, retry_urls
from portal.admin.display import REQUEST_KIND_LABELS
from portal.admin.forms import RecrawlForm
from portal.admin.source_registry import source_config
from storage.models import CrawlRequest, CrawlRun


@blueprint.route("/recrawl", methods=["POST"])
def queue_recrawl() -> Response | tuple[str, int]:
    """Queue a crawl of everything, one source or one URL, then show the queued request."""
    form = RecrawlForm()
    if not form.validate():
        errors = [error for field_errors in form.errors.values() for error in field_errors]
        return render_template("admin/recrawl_invalid.html", errors=errors), 400
    kind = form.kind.data
    target = None if kind == "all" else (form.target.data or "").strip()
    if kind == "source" and source_config(admin_services(), target or "") is None:
        errors = [f"没有名为“{target}”的来源，请先在来源列表中添加。"]
        return render_template("admin/recrawl_invalid.html", errors=errors), 400
    with admin_services().database.session() as session:
        request = queue_request(session, kind, target, current_user.name)
        record_action(session, f"crawl_request.{kind}", _describe(kind, target, request.id))
        request_id = request.id
    flash("已加入抓取队列，调度进程将很快开始。", "info")
    return redirect(url_for("admin.show_request", request_id=request_id))


@blueprint.route("/requests")
def list_requests() -> str:
    """The newest queued work and what became of it."""
    with admin_services().database.session() as session:
        requests = recent_requests(session, limit=100)
    return render_template("admin/requests.html", requests=requests)


@blueprint.route("/requests/<id:request_id>")
def show_request(request_id: int) -> str:
    """When a request was queued, whether it was picked, and a link to its run."""
    with admin_services().database.session() as session:
        request = session.get(CrawlRequest, request_id)
        if request is None:
            abort(404)
        runs = runs_of_request(session, request)
    return render_template(
        "admin/request.html",
        request=request,
        run_id=request.run_id,
        runs=runs,
        urls=retry_urls(request),
    )


def runs_of_request(session: Session, request: CrawlRequest) -> list[CrawlRun]:
    """Every run a request started (a 全部来源 request starts one per source), as the scheduler
    recorded them (``settings["request_id"]`` of each run): never guessed from times."""
    if request.picked_at is None:
        return []
    candidates = session.scalars(
        select(CrawlRun)
        .where(CrawlRun.trigger.in_(("request", "retry")), CrawlRun.started_at >= request.picked_at)
        .order_by(CrawlRun.id)
    )
    return [run for run in candidates if (run.settings or {}).get("request_id") == request.id]


@blueprint.route("/requests/<id:request_id>/status.json")
def request_status(request_id: int) -> Response:
    """The request's state, polled by the request page until the run exists."""
    with admin_services().database.session() as session:
        request = session.get(CrawlRequest, request_id)
        if request is None:
            abort(404)
        return jsonify(request_status_of(request))


def request_status_of(request: CrawlRequest) -> dict[str, Any]:
    """What the request page needs to know about ``request`` and the run doing it (the scheduler
    records ``run_id`` as soon as that run starts)."""
    run_id = request.run_id
    return {
        "id": request.id,
        "status": request.status,
        "run_id": run_id,
        "run_url": url_for("admin.show_run", run_id=run_id) if run_id else None,
        "picked_at": _iso(request.picked_at),
        "finished_at": _iso(request.finished_at),
        "error": request.error,
    }


def _describe(kind: str, target: str | None, request_id: int) -> str:
    label = REQUEST_KIND_LABELS[kind]
    return f"{label}{('：' + target) if target else ''}（请求 #{request_id}）"


def _iso(moment: Any) -> str | None:
    return moment.isoformat(timespec="seconds") + "Z" if moment is not None else None
