"""The scheduler process: cron jobs per source, and the queue of crawl requests from the admin area.

APScheduler 3 keeps one job per enabled source in a persistent job store (its own table in the
same database), with ``max_instances=1`` and ``coalesce`` so a source never runs twice at once.
A short interval job polls ``crawl_requests`` so the web process never crawls. On shutdown the
running crawls finish their current page and are left ``interrupted``, to resume later.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from functools import partial
from typing import Any

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import create_engine, select, update
from sqlalchemy.pool import NullPool

from archive.dedupe import merge_reports
from archive.notifications import deliver_due
from archive.reindex import reindex_all
from archive.reparse import reapply_corrections
from crawler.downloader import HostThrottle
from crawler.engine import CrawlSummary
from crawler.runs import CrawlTarget
from crawler.service import crawl_target, retry_target, source_target, url_target
from services import Services
from sources.catalogue import SourceError, load_sources
from sources.run_outcomes import REPEATED_FAILURES, consecutive_failures
from sources.schedules import cron_trigger
from storage.models import CrawlRequest, CrawlRun, utcnow

log = logging.getLogger("nianbao.scheduler")

JOBS_TABLE = "apscheduler_jobs"
SOURCE_JOB_PREFIX = "source:"
POLL_JOB_ID = "poll-crawl-requests"
REQUEST_KINDS = ("all", "source", "url", "retry", "reindex", "corrections", "merge")

#: The scheduler of this process; jobs in the persistent store refer to it by function name.
_active: CrawlScheduler | None = None


def run_scheduled_source(name: str) -> None:
    """Job function of a source's cron job (referenced by name from the job store)."""
    if _active is not None:
        _active.crawl_source(name, trigger="schedule")


class CrawlScheduler:
    """Cron jobs for the sources plus the crawl-request poller, in one process."""

    def __init__(
        self,
        services: Services,
        *,
        poll_interval: float = 5.0,
        max_workers: int = 2,
        fetcher_options: dict[str, Any] | None = None,
    ) -> None:
        self.services = services
        self.poll_interval = poll_interval
        self.fetcher_options = fetcher_options
        self.stop_event = threading.Event()
        self.throttle = HostThrottle()
        self._locks_guard = threading.Lock()
        self._running: set[str] = set()
        self._sources_mtime: float | None = None
        # Its own engine without a pool: the job store is touched rarely, and a connection in
        # use while the scheduler shuts down is closed on return instead of left dangling.
        self._jobs_engine = create_engine(services.settings.sqlalchemy_url, poolclass=NullPool)
        self.scheduler = BackgroundScheduler(
            jobstores={
                "default": SQLAlchemyJobStore(engine=self._jobs_engine, tablename=JOBS_TABLE),
                "memory": MemoryJobStore(),
            },
            executors={"default": ThreadPoolExecutor(max_workers + 1)},
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600},
        )

    @classmethod
    def from_settings(cls, services: Services, **options: Any) -> CrawlScheduler:
        """A scheduler for ``services`` (options: ``poll_interval``, ``max_workers``)."""
        return cls(services, **options)

    # -- lifecycle -----------------------------------------------------------------------------

    def start(self) -> None:
        """Register the jobs and start the scheduler threads (requests a killed scheduler left
        ``running`` are queued again first)."""
        # APScheduler logs two INFO lines per job run: every poll (about 35,000 lines a day).
        # What happens is logged here (requests taken, runs and their outcome), not idle polls.
        logging.getLogger("apscheduler.executors.default").setLevel(logging.WARNING)
        global _active
        _active = self
        requeued = self.requeue_abandoned_requests()
        if requeued:
            log.warning("re-queued %s crawl request(s) abandoned by a stopped scheduler", requeued)
        self.scheduler.start()
        self.sync_jobs()
        self.scheduler.add_job(
            self.poll,
            "interval",
            seconds=self.poll_interval,
            id=POLL_JOB_ID,
            jobstore="memory",
            next_run_time=dt.datetime.now(dt.UTC),
            replace_existing=True,
        )
        log.info("scheduler started; polling crawl requests every %s s", self.poll_interval)

    def shutdown(self) -> None:
        """Stop: running crawls end after their current page (left ``interrupted``)."""
        global _active
        self.stop_event.set()
        self.scheduler.shutdown(wait=True)
        self._jobs_engine.dispose()
        _active = None
        log.info("scheduler stopped")

    # -- jobs ----------------------------------------------------------------------------------

    def sync_jobs(self) -> None:
        """One cron job per enabled source; jobs of removed or disabled sources are dropped."""
        path = self.services.settings.sources_file
        self._sources_mtime = path.stat().st_mtime if path.exists() else None
        try:
            sources = load_sources(self.services)
        except SourceError as error:
            log.error("sources file not usable, jobs unchanged: %s", error)
            return
        wanted = {}
        for source in sources:
            if source.enabled:
                wanted[SOURCE_JOB_PREFIX + source.name] = source
        for job in self.scheduler.get_jobs(jobstore="default"):
            if job.id.startswith(SOURCE_JOB_PREFIX) and job.id not in wanted:
                job.remove()
        for job_id, source in wanted.items():
            self.scheduler.add_job(
                "crawler.scheduler:run_scheduled_source",
                cron_trigger(source.schedule, self.services.settings.schedule_timezone),
                args=[source.name],
                id=job_id,
                name=f"crawl {source.name}",
                jobstore="default",
                replace_existing=True,
            )

    def poll(self) -> None:
        """Pick up changes to sources.toml, then run the queued crawl requests in order."""
        path = self.services.settings.sources_file
        mtime = path.stat().st_mtime if path.exists() else None
        if mtime != self._sources_mtime:
            self.sync_jobs()
        while not self.stop_event.is_set():
            request_id = self._claim_next_request()
            if request_id is None:
                break
            self.handle_request(request_id)
        self.deliver_notifications()

    def deliver_notifications(self) -> None:
        """Send the watches' alerts whose time has come (e-mail, webhooks); never raises."""
        try:
            counts = deliver_due(self.services.database, self.services.settings)
        except Exception:
            log.exception("watch notifications not delivered")
            return
        if counts.delivered or counts.failed:
            log.info(
                "watch notifications: %s delivered, %s to retry, %s given up",
                counts.delivered,
                counts.retried,
                counts.failed,
            )

    def crawl_source(
        self, name: str, *, trigger: str, request_id: int | None = None
    ) -> CrawlSummary | None:
        """Crawl one source unless it is already being crawled in this process.

        With ``request_id``, that crawl request learns the run's id as soon as the run starts.
        """
        sources = {source.name: source for source in load_sources(self.services)}
        if name not in sources:
            raise SourceError(f"no source named {name!r}")
        return self._crawl(source_target(sources[name]), trigger=trigger, request_id=request_id)

    def _crawl(
        self, target: CrawlTarget, *, trigger: str, request_id: int | None = None
    ) -> CrawlSummary | None:
        key = target.label
        with self._locks_guard:
            if key in self._running:
                log.info("%s is already being crawled; skipped", key)
                return None
            self._running.add(key)
        try:
            summary = crawl_target(
                self.services,
                target,
                trigger=trigger,
                stop_event=self.stop_event,
                throttle=self.throttle,
                fetcher_options=self.fetcher_options,
                on_run_started=(
                    None if request_id is None else partial(self._record_run, request_id)
                ),
            )
            log.info("run #%s of %s: %s", summary.run_id, key, summary.status)
            self._warn_on_repeated_failures(key)
            return summary
        finally:
            with self._locks_guard:
                self._running.discard(key)

    # -- crawl requests ------------------------------------------------------------------------

    def _warn_on_repeated_failures(self, source_name: str) -> None:
        """Log a warning when a source's latest runs all failed (every fetch an error)."""
        with self.services.database.session() as session:
            runs = list(
                session.scalars(
                    select(CrawlRun)
                    .where(CrawlRun.source_name == source_name)
                    .order_by(CrawlRun.id.desc())
                    .limit(10)
                )
            )
            failures = consecutive_failures(runs)
        if failures >= REPEATED_FAILURES:
            log.warning(
                "%s: the last %s runs failed (no page could be read)", source_name, failures
            )

    def requeue_abandoned_requests(self) -> int:
        """Queue again the ``running`` requests whose lease ran out (or that never had one):
        the scheduler that claimed them is gone. Returns how many."""
        with self.services.database.session() as session:
            result = session.execute(
                update(CrawlRequest)
                .where(
                    CrawlRequest.status == "running",
                    (CrawlRequest.lease_until.is_(None)) | (CrawlRequest.lease_until < utcnow()),
                )
                .values(status="queued", picked_at=None, lease_until=None)
            )
            return int(result.rowcount or 0)  # type: ignore[attr-defined]

    def _claim_next_request(self) -> int | None:
        self.requeue_abandoned_requests()
        with self.services.database.session() as session:
            candidates = session.scalars(
                select(CrawlRequest.id)
                .where(CrawlRequest.status == "queued")
                .order_by(CrawlRequest.id)
                .limit(5)
            ).all()
            for request_id in candidates:
                claimed = session.execute(
                    update(CrawlRequest)
                    .where(CrawlRequest.id == request_id, CrawlRequest.status == "queued")
                    .values(
                        status="running",
                        picked_at=utcnow(),
                        error=None,
                        lease_until=self._lease_end(),
                    )
                )
                if claimed.rowcount:  # type: ignore[attr-defined]
                    return request_id
        return None

    def _lease_end(self) -> dt.datetime:
        """When a claim made or renewed now runs out (``request_lease`` setting)."""
        return utcnow() + dt.timedelta(seconds=self.services.settings.request_lease)

    def _renew_lease(self, request_id: int, done: threading.Event) -> None:
        """Keep a claimed request's lease alive while this scheduler works on it."""
        while not done.wait(self.services.settings.request_lease / 3):
            with self.services.database.session() as session:
                session.execute(
                    update(CrawlRequest)
                    .where(CrawlRequest.id == request_id, CrawlRequest.status == "running")
                    .values(lease_until=self._lease_end())
                )

    def _record_run(self, request_id: int, run_id: int) -> None:
        """Link a running request to its run as soon as the run exists (the admin page follows
        it live); a request of all sources links each run in turn."""
        with self.services.database.session() as session:
            session.execute(
                update(CrawlRequest).where(CrawlRequest.id == request_id).values(run_id=run_id)
            )
            run = session.get(CrawlRun, run_id)
            if run is not None:  # every run of a 全部来源 request stays findable from it
                run.settings = {**(run.settings or {}), "request_id": request_id}

    def handle_request(self, request_id: int) -> None:
        """Run one claimed request and record its outcome."""
        with self.services.database.session() as session:
            request = session.get(CrawlRequest, request_id)
            assert request is not None
            kind, target = request.kind, request.target
        log.info("crawl request #%s: %s %s", request_id, kind, target or "")
        status, error, run_id = "done", None, None
        done = threading.Event()
        renewer = threading.Thread(
            target=self._renew_lease, args=(request_id, done), name="lease", daemon=True
        )
        renewer.start()
        try:
            summaries = self._run_request(request_id, kind, target)
            for summary in summaries:
                run_id = summary.run_id
                if summary.status == "interrupted":
                    status = "queued"
                elif summary.status == "failed":
                    status, error = "failed", f"run #{summary.run_id} failed"
        except Exception as exc:
            log.exception("crawl request #%s failed", request_id)
            status, error = "failed", f"{type(exc).__name__}: {exc}"
        finally:
            done.set()
            renewer.join()
        with self.services.database.session() as session:
            request = session.get(CrawlRequest, request_id)
            assert request is not None
            request.status = status
            request.error = error
            request.lease_until = None
            if run_id is not None:
                request.run_id = run_id
            if status == "queued":
                request.picked_at = None
            else:
                request.finished_at = utcnow()

    def _run_request(self, request_id: int, kind: str, target: str | None) -> list[CrawlSummary]:
        if kind not in REQUEST_KINDS:
            raise ValueError(f"unknown request kind {kind!r}")
        if kind == "reindex":
            count = reindex_all(self.services)
            log.info("reindexed %s reports", count)
            return []
        if kind == "merge":
            first, _, second = (target or "").partition(",")
            if not (first.isdigit() and second.isdigit()):
                raise ValueError("a merge request needs two report ids, e.g. '12,34'")
            merged = merge_reports(self.services, int(first), int(second), "管理员合并的重复记录")
            if merged is None:
                raise ValueError(f"reports {target} cannot be merged (gone, or the same one)")
            log.info("report %s merged into %s", merged.merge_id, merged.keep_id)
            return []
        if kind == "corrections":
            if not target or not target.isdigit():
                raise ValueError("a corrections request needs a report id")
            if not reapply_corrections(self.services, int(target)):
                raise ValueError(f"report {target} has no stored version")
            log.info("corrections of report %s applied", target)
            return []
        if kind == "all":
            summaries = []
            for source in load_sources(self.services):
                if source.enabled and not self.stop_event.is_set():
                    summary = self._crawl(
                        source_target(source), trigger="request", request_id=request_id
                    )
                    if summary is not None:
                        summaries.append(summary)
            return summaries
        if not target:
            raise ValueError(f"a {kind!r} request needs a target")
        if kind == "source":
            summary = self.crawl_source(target, trigger="request", request_id=request_id)
        elif kind == "url":
            summary = self._crawl(url_target(target), trigger="request", request_id=request_id)
        else:
            retry = retry_target(self.services, target)
            summary = self._crawl(retry, trigger="retry", request_id=request_id)
        if summary is None:
            raise RuntimeError("already being crawled by this scheduler; request again later")
        return [summary]
