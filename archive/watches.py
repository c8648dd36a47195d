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

from sqlalchemy import select
from sqlalchemy.orm import Session

from index.backend import IndexDocument, QuerySyntaxError, SearchRequest
from index.matching import CompiledSearch, MatchableDocument
from storage import Database
from storage.models import Notification, Report, Watch, WatchMatch

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
    with database.session() as session:
        for watch, search in compiled_watches(session):
            matched = [c for c, document in prepared if search.matches(document)]
            fresh = [c for c in matched if not _already_recorded(session, watch, c)]
            for candidate in fresh:
                session.add(
                    WatchMatch(
                        watch_id=watch.id,
                        report_id=candidate.document.id,
                        version_id=candidate.version_id,
                        kind=candidate.kind,
                    )
                )
            if fresh:
                _queue_notifications(session, watch, fresh)
            recorded += len(fresh)
    return recorded


def _already_recorded(session: Session, watch: Watch, candidate: Candidate) -> bool:
    statement = select(WatchMatch.id).where(
        WatchMatch.watch_id == watch.id,
        WatchMatch.report_id == candidate.document.id,
    )
    if candidate.version_id is None:
        statement = statement.where(WatchMatch.version_id.is_(None))
    else:
        statement = statement.where(WatchMatch.version_id == candidate.version_id)
    return session.scalar(statement) is not None


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
