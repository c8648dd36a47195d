"""Crawl runs: start a new one or resume an unfinished one, append to its log, finish it."""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, update

from crawler.errors import CrawlAlreadyRunning
from storage import Database
from storage.models import CrawlRun, utcnow

UNFINISHED = ("running", "interrupted")
#: A run's log keeps at most this many error lines; the rest are in its fetch results.
MAX_LOGGED_ERRORS = 200


@dataclass
class CrawlTarget:
    """What to crawl: a configured source or an ad-hoc listing URL."""

    name: str | None
    start_urls: list[str]
    allowed_domains: list[str]
    delay: float | None = None
    hints: dict[str, str] = field(default_factory=dict)
    #: ``(url, kind)`` pairs to start from instead of the start URLs as listings (retries).
    seeds: list[tuple[str, str, dict[str, Any]]] | None = None
    #: Whether a finished run of this target may mark unlisted reports as gone.
    exhaustive: bool = True
    #: A start URL that is a report page (with breadcrumbs, 上一篇/下一篇 links) is archived as
    #: a report, not walked as a listing (an admin's "recrawl this URL").
    start_may_be_report: bool = False

    @property
    def label(self) -> str:
        """How the target is named in logs."""
        return self.name or ", ".join(self.start_urls)


def find_unfinished_run(database: Database, target: CrawlTarget) -> int | None:
    """The latest running/interrupted run of the same target, if any.

    Raises :class:`CrawlAlreadyRunning` when that run belongs to a live process on this host.
    """
    with database.session() as session:
        query = select(CrawlRun).where(CrawlRun.status.in_(UNFINISHED)).order_by(CrawlRun.id.desc())
        if target.name is not None:
            query = query.where(CrawlRun.source_name == target.name)
        else:
            query = query.where(CrawlRun.source_name.is_(None))
        for run in session.scalars(query.limit(20)):
            if target.name is None and list(run.start_urls) != list(target.start_urls):
                continue
            if target.seeds is not None or (run.settings or {}).get("retry_of"):
                continue
            owner = run.settings or {}
            if run.status == "running" and _is_alive_elsewhere(owner):
                raise CrawlAlreadyRunning(
                    f"run #{run.id} of {target.label} is running in process {owner.get('pid')}"
                )
            return run.id
    return None


def _is_alive_elsewhere(owner: dict[str, Any]) -> bool:
    pid = owner.get("pid")
    if not isinstance(pid, int) or owner.get("host") != socket.gethostname():
        return False
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return _is_not_zombie(pid)


def _is_not_zombie(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().split(") ", 1)[1][0] != "Z"
    except (OSError, IndexError):
        return True


def create_run(
    database: Database, target: CrawlTarget, *, trigger: str, settings: dict[str, Any]
) -> int:
    """A new run in state ``running``."""
    with database.session() as session:
        run = CrawlRun(
            source_name=target.name,
            start_urls=list(target.start_urls),
            status="running",
            trigger=trigger,
            started_at=utcnow(),
            settings={**settings, **owner_marker()},
            log=f"{_stamp()} started: {target.label}\n",
        )
        session.add(run)
        session.flush()
        return run.id


def claim_run(database: Database, run_id: int, *, note: str) -> None:
    """Mark an unfinished run as running in this process (when resuming it)."""
    with database.session() as session:
        run = session.get(CrawlRun, run_id)
        assert run is not None
        run.status = "running"
        run.finished_at = None
        run.settings = {**(run.settings or {}), **owner_marker()}
        run.log = (run.log or "") + f"{_stamp()} {note}\n"


def owner_marker() -> dict[str, Any]:
    """Who is running a run: this host and process."""
    return {"pid": os.getpid(), "host": socket.gethostname()}


def append_log(database: Database, run_id: int, line: str) -> None:
    """Append one line to a run's log (concatenated in SQL: the log is never read back)."""
    with database.session() as session:
        session.execute(
            update(CrawlRun)
            .where(CrawlRun.id == run_id)
            .values(log=CrawlRun.log.concat(f"{_stamp()} {line}\n"))
        )


def cancel_requested(database: Database, run_id: int) -> bool:
    """Whether the admin asked this run to stop."""
    with database.session() as session:
        return bool(session.scalar(select(CrawlRun.cancel_requested).where(CrawlRun.id == run_id)))


def _stamp() -> str:
    return utcnow().strftime("%Y-%m-%d %H:%M:%S")


def log_line(line: str) -> str:
    """A timestamped log line (with newline) for SQL concatenation."""
    return f"{_stamp()} {line}\n"
