"""Crawl runs: the list, one run with live progress and its failures, cancel and retry."""

from __future__ import annotations

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from portal.admin.audit import record_action
from portal.admin.blueprint import admin_services, blueprint
from portal.admin.crawl_queue import queue_retry
from portal.admin.forms import ConfirmForm
from portal.admin.run_queries import (
    RUNS_PAGE_SIZE,
    count_runs,
    failed_fetches,
    failed_urls,
    find_run,
    list_runs,
    progress_of,
    request_cancel,
    run_is_active,
)

#: How often the run page asks for fresh counters.
PROGRESS_POLL_MILLISECONDS = 2000


@blueprint.route("/runs")
def list_runs_page() -> str:
    """Every run, newest first."""
    page = request.args.get("page", 1, type=int) or 1
    with admin_services().database.session() as session:
        runs = list_runs(session, page)
        total = count_runs(session)
    return render_template(
        "admin/runs.html",
        runs=runs,
        page=page,
        has_next=page * RUNS_PAGE_SIZE < total,
        total=total,
    )


@blueprint.route("/runs/<id:run_id>")
def show_run(run_id: int) -> str:
    """One run: counters that update themselves, its log and its failed URLs."""
    with admin_services().database.session() as session:
        run = find_run(session, run_id)
        if run is None:
            abort(404)
        failures = failed_fetches(session, run_id)
        progress = progress_of(run)
    return render_template(
        "admin/run.html",
        run=run,
        progress=progress,
        failures=failures,
        active=run_is_active(run),
        confirm_form=ConfirmForm(),
        poll_milliseconds=PROGRESS_POLL_MILLISECONDS,
    )


@blueprint.route("/runs/<id:run_id>/progress.json")
def show_run_progress(run_id: int) -> Response:
    """The run's status and counters, polled every two seconds by the run page."""
    with admin_services().database.session() as session:
        run = find_run(session, run_id)
        if run is None:
            abort(404)
        return jsonify(progress_of(run))


@blueprint.route("/runs/<id:run_id>/cancel", methods=["POST"])
def cancel_run(run_id: int) -> Response:
    """Ask the scheduler to stop this run at its next check."""
    with admin_services().database.session() as session:
        if find_run(session, run_id) is None:
            abort(404)
        cancelled = request_cancel(session, run_id)
        if cancelled:
            record_action(session, "run.cancel", f"抓取任务 #{run_id}")
    flash(
        "已请求取消，任务将在当前网址完成后停止。" if cancelled else "任务已结束，无需取消。",
        "info",
    )
    return redirect(url_for("admin.show_run", run_id=run_id))


@blueprint.route("/runs/<id:run_id>/retry-failed", methods=["POST"])
def retry_failed_urls(run_id: int) -> Response:
    """Queue a crawl of exactly the URLs this run failed to fetch."""
    with admin_services().database.session() as session:
        if find_run(session, run_id) is None:
            abort(404)
        urls = failed_urls(session, run_id)
        if not urls:
            flash("该任务没有失败的网址。", "info")
            return redirect(url_for("admin.show_run", run_id=run_id))
        queued = queue_retry(session, urls, current_user.name)
        record_action(
            session,
            "crawl_request.retry",
            f"重试抓取任务 #{run_id} 的 {len(urls)} 个失败网址（请求 #{queued.id}）",
        )
        request_id = queued.id
    flash(f"已将 {len(urls)} 个失败网址加入抓取队列。", "info")
    return redirect(url_for("admin.show_request", request_id=request_id))
