"""Saved searches (watches): evaluated against the reports a crawl archives or changes.

A report that matches a watch when it is new, or when a new version of it matches, becomes a
:class:`~storage.models.WatchMatch` (the watch's Atom and JSON feeds list them). A watch with an
e-mail address or a webhook also gets one :class:`~storage.models.Notification` per batch,
delivered by :mod:`archive.notifications` from the scheduler process, never from the web.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from index.backend import IndexDocument, QuerySyntaxError, SearchRequest
from index.matching import CompiledSearch, MatchableDocument
from storage import Database
from storage.models import Notification, Report, Watch, WatchMatch, utcnow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Candidate:
    """A report just archived (``new``) or changed, as the index now holds it."""

    document: IndexDocument
    kind: str
    version_id: int | None = None


def watch_request(watch: Watch) -> SearchRequest:
    """The search a watch saved."""
    query = watch.query or ""
    conditions = [c for c in (watch.conditions or []) if c]
    if conditions:
        query = " ".join([f"({query})" if query else "", *conditions]).strip()
    filters = {name: list(values) for name, values in (watch.filters or {}).items() if values}
    return SearchRequest(query=query, filters=filters, facets=())


def compiled_watches(session: Session) -> list[tuple[Watch, CompiledSearch]]:
    """The active watches with their searches parsed (a watch that no longer parses is skipped
    and logged)."""
    compiled = []
    for watch in session.scalars(select(Watch).where(Watch.active.is_(True)).order_by(Watch.id)):
        try:
            compiled.append((watch, CompiledSearch.of(watch_request(watch))))
        except QuerySyntaxError as error:
            log.warning("watch %s cannot be evaluated: %s", watch.id, error)
    return compiled


def evaluate_watches(database: Database, candidates: Iterable[Candidate]) -> int:
    """Record the matches of every active watch among ``candidates``; queue notifications.
    Returns the number of new matches. A report already recorded for a watch in the same
    version is not recorded again (re-running a batch changes nothing)."""
    prepared = [(c, MatchableDocument.of(c.document)) for c in candidates]
    if not prepared:
        return 0
    recorded = 0
    report_ids = [c.document.id for c, _ in prepared]
    with database.session() as session:
        seen = _recorded_matches(session, report_ids)
        rows: list[dict[str, object]] = []
        now = utcnow()
        for watch, search in compiled_watches(session):
            fresh = [
                c
                for c, document in prepared
                if (watch.id, c.document.id, c.version_id) not in seen and search.matches(document)
            ]
            rows.extend(
                {
                    "watch_id": watch.id,
                    "report_id": c.document.id,
                    "version_id": c.version_id,
                    "kind": c.kind,
                    "matched_at": now,
                }
                for c in fresh
            )
            if fresh:
                _queue_notifications(session, watch, fresh)
            recorded += len(fresh)
        if rows:
            session.execute(insert(WatchMatch), rows)
        session.commit()
    return recorded


def _recorded_matches(session: Session, report_ids: list[int]) -> set[tuple[int, int, int | None]]:
    """``(watch, report, version)`` of the matches already recorded for these reports."""
    found: set[tuple[int, int, int | None]] = set()
    for start in range(0, len(report_ids), 500):
        chunk = report_ids[start : start + 500]
        rows = session.execute(
            select(WatchMatch.watch_id, WatchMatch.report_id, WatchMatch.version_id).where(
                WatchMatch.report_id.in_(chunk)
            )
        ).all()
        found.update((row[0], row[1], row[2]) for row in rows)
    return found


def _queue_notifications(session: Session, watch: Watch, fresh: list[Candidate]) -> None:
    payload = {
        "watch": {"token": watch.token, "name": watch.name},
        "matches": [
            {
                "report_id": c.document.id,
                "kind": c.kind,
                "title": c.document.title,
                "agency": c.document.agency,
                "year": c.document.year,
                "url": c.document.url,
            }
            for c in fresh
        ],
    }
    if watch.email:
        session.add(
            Notification(watch_id=watch.id, channel="email", target=watch.email, payload=payload)
        )
    if watch.webhook_url:
        session.add(
            Notification(
                watch_id=watch.id, channel="webhook", target=watch.webhook_url, payload=payload
            )
        )


def latest_version_ids(session: Session, report_ids: Iterable[int]) -> dict[int, int | None]:
    """The newest version id of each report (a change is a new version)."""
    found: dict[int, int | None] = {}
    for report_id in report_ids:
        report = session.get(Report, report_id)
        found[report_id] = (
            report.versions[-1].id if report is not None and report.versions else None
        )
    return found
