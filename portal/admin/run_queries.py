"""Crawl runs as the admin area shows them: lists, progress counters, failures, cancelling."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.admin.display import run_log_for_admins
from storage.models import CrawlRun, FetchResult

RUNS_PAGE_SIZE = 50
#: Statuses of a run that will not change any more.
FINISHED_STATUSES = frozenset({"finished", "failed", "cancelled", "interrupted"})


def list_runs(session: Session, page: int = 1) -> list[CrawlRun]:
    """One page of runs, newest first."""
    offset = (max(page, 1) - 1) * RUNS_PAGE_SIZE
    statement = select(CrawlRun).order_by(CrawlRun.id.desc()).offset(offset).limit(RUNS_PAGE_SIZE)
    return list(session.scalars(statement))


def count_runs(session: Session) -> int:
    """How many runs there are."""
    return session.scalar(select(func.count(CrawlRun.id))) or 0


def find_run(session: Session, run_id: int) -> CrawlRun | None:
    """The run with this id, if any."""
    return session.get(CrawlRun, run_id)


def failed_fetches(session: Session, run_id: int) -> list[FetchResult]:
    """The run's failed fetches, in the order they happened."""
    statement = (
        select(FetchResult)
        .where(FetchResult.run_id == run_id, FetchResult.ok.is_(False))
        .order_by(FetchResult.id)
    )
    return list(session.scalars(statement))


def failed_urls(session: Session, run_id: int) -> list[str]:
    """The distinct URLs the run failed to fetch, in first-failure order."""
    return list(dict.fromkeys(fetch.url for fetch in failed_fetches(session, run_id)))


def run_is_active(run: CrawlRun) -> bool:
    """Whether the run may still change (queued or running)."""
    return run.status not in FINISHED_STATUSES


def progress_of(run: CrawlRun) -> dict[str, Any]:
    """The run's counters as ``/admin/runs/<id>/progress.json`` serves them."""
    return {
        "id": run.id,
        "status": run.status,
        "active": run_is_active(run),
        "cancel_requested": run.cancel_requested,
        "pages_fetched": run.pages_fetched,
        "reports_new": run.reports_new,
        "reports_changed": run.reports_changed,
        "reports_unchanged": run.reports_unchanged,
        "errors": run.errors,
        "started_at": _iso(run.started_at),
        "finished_at": _iso(run.finished_at),
        "log": run_log_for_admins(run.log),
    }


def request_cancel(session: Session, run_id: int) -> bool:
    """Ask a running crawl to stop; False if the run is unknown or already over."""
    run = session.get(CrawlRun, run_id)
    if run is None or not run_is_active(run):
        return False
    run.cancel_requested = True
    return True


def _iso(moment: Any) -> str | None:
    """An ISO 8601 UTC timestamp, or None."""
    return moment.isoformat(timespec="seconds") + "Z" if moment is not None else None
