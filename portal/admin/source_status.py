"""The health of every source: last run, last success, reports held, errors, next run."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from sources.run_outcomes import REPEATED_FAILURES, consecutive_failures, run_outcome
from sources.schedules import DEFAULT_TIMEZONE, next_run_at
from storage.models import CrawlRun, FetchResult, Report, Source

#: A source with no successful run for this long is highlighted.
STALE_AFTER_DAYS = 14
STALE_AFTER = dt.timedelta(days=STALE_AFTER_DAYS)
#: Runs per source read to judge its health.
RECENT_RUNS = 10


@dataclass(frozen=True)
class SourceStatus:
    """One row of the sources page."""

    name: str
    enabled: bool
    schedule: str
    delay: float | None
    start_urls: list[str]
    last_run_id: int | None
    last_run_status: str | None
    last_run_at: dt.datetime | None
    last_run_errors: int
    last_success_at: dt.datetime | None
    reports_held: int
    next_run_at: dt.datetime | None
    stale: bool
    #: ``success``, ``partial``, ``failed`` … of the latest run (see run_outcomes).
    last_run_outcome: str | None = None
    #: Latest finished runs that failed in a row.
    failures_in_a_row: int = 0


def source_statuses(
    session: Session, now: dt.datetime, timezone: str = DEFAULT_TIMEZONE
) -> list[SourceStatus]:
    """Every source with its health, by name; ``now`` is naive UTC."""
    sources = list(session.scalars(select(Source).order_by(Source.name)))
    owned = dict(
        session.execute(
            select(Report.source_id, func.count(Report.id)).group_by(Report.source_id)
        ).all()
    )
    # A report reached by several sources counts for each (it is attributed to the first).
    reached = dict(
        session.execute(
            select(CrawlRun.source_name, func.count(distinct(FetchResult.url)))
            .join(FetchResult, FetchResult.run_id == CrawlRun.id)
            .where(
                FetchResult.kind == "report",
                FetchResult.ok.is_(True),
                FetchResult.outcome.is_not(None),
            )
            .group_by(CrawlRun.source_name)
        ).all()
    )
    recent: dict[str, list[CrawlRun]] = {}
    names = [source.name for source in sources]
    for recent_run in session.scalars(
        select(CrawlRun).where(CrawlRun.source_name.in_(names)).order_by(CrawlRun.id.desc())
    ):
        kept = recent.setdefault(recent_run.source_name or "", [])
        if len(kept) < RECENT_RUNS:
            kept.append(recent_run)
    # 最近成功: the newest run that read something (a run whose every fetch failed is no success).
    last_success = {
        name: next((r.finished_at for r in runs if run_outcome(r) in ("success", "partial")), None)
        for name, runs in recent.items()
    }
    last_runs = {name: runs[0] for name, runs in recent.items() if runs}
    rows = []
    for source in sources:
        run = last_runs.get(source.name)
        success_at = last_success.get(source.name)
        failures = consecutive_failures(recent.get(source.name, []))
        rows.append(
            SourceStatus(
                name=source.name,
                enabled=source.enabled,
                schedule=source.schedule,
                delay=source.delay,
                start_urls=list(source.start_urls),
                last_run_id=run.id if run else None,
                last_run_status=run.status if run else None,
                last_run_at=run.started_at if run else None,
                last_run_errors=run.errors if run else 0,
                last_success_at=success_at,
                reports_held=max(owned.get(source.id, 0), reached.get(source.name, 0)),
                next_run_at=next_run_at(source.schedule, now, timezone) if source.enabled else None,
                stale=is_stale(success_at, source.created_at, now) or failures >= REPEATED_FAILURES,
                last_run_outcome=run_outcome(run) if run else None,
                failures_in_a_row=failures,
            )
        )
    return rows


def is_stale(
    last_success_at: dt.datetime | None, created_at: dt.datetime, now: dt.datetime
) -> bool:
    """No success for :data:`STALE_AFTER` (counting from the source's creation if never)."""
    reference = last_success_at or created_at
    return now - reference > STALE_AFTER
