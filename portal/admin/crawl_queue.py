"""Work the admin area queues for the scheduler process (the web process never crawls).

A :class:`~storage.models.CrawlRequest` is inserted as ``queued``; the scheduler picks it, sets
``run_id`` once its run exists, and marks it ``done`` or ``failed``.
"""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import CrawlRequest, CrawlRun

REQUEST_KINDS = ("all", "source", "url", "retry", "reindex")
RECENT_REQUESTS = 20
#: Triggers the scheduler gives runs started for a crawl request.
REQUEST_TRIGGERS = {"all": "request", "source": "request", "url": "request", "retry": "retry"}


def queue_request(
    session: Session, kind: str, target: str | None, requested_by: str | None
) -> CrawlRequest:
    """Queue one piece of work; raises ValueError for an unknown kind."""
    if kind not in REQUEST_KINDS:
        raise ValueError(f"unknown crawl request kind {kind!r}")
    request = CrawlRequest(kind=kind, target=target, requested_by=requested_by, status="queued")
    session.add(request)
    session.flush()
    return request


def queue_retry(session: Session, urls: list[str], requested_by: str | None) -> CrawlRequest:
    """Queue a crawl of exactly ``urls`` (target: their JSON list)."""
    return queue_request(session, "retry", json.dumps(urls, ensure_ascii=False), requested_by)


def recent_requests(session: Session, limit: int = RECENT_REQUESTS) -> list[CrawlRequest]:
    """The newest requests, newest first."""
    statement = select(CrawlRequest).order_by(CrawlRequest.id.desc()).limit(limit)
    return list(session.scalars(statement))


def latest_request_of_kind(session: Session, kind: str) -> CrawlRequest | None:
    """The newest request of ``kind``, if any."""
    statement = (
        select(CrawlRequest)
        .where(CrawlRequest.kind == kind)
        .order_by(CrawlRequest.id.desc())
        .limit(1)
    )
    return session.scalar(statement)


def retry_urls(request: CrawlRequest) -> list[str]:
    """The URLs of a ``retry`` request."""
    if request.kind != "retry" or not request.target:
        return []
    urls = json.loads(request.target)
    return [str(url) for url in urls]


def run_of_request(session: Session, request: CrawlRequest) -> int | None:
    """The run doing the work of ``request``: its ``run_id`` once the scheduler recorded it.

    While a picked request has no ``run_id`` yet, the run is recognised as the newest run with
    the request's trigger and target that started after the request was picked, so the page can
    follow it live. (A resumed older run is not recognised until ``run_id`` is set.)
    """
    if request.run_id is not None:
        return request.run_id
    trigger = REQUEST_TRIGGERS.get(request.kind)
    if request.status != "running" or request.picked_at is None or trigger is None:
        return None
    statement = (
        select(CrawlRun.id)
        .where(CrawlRun.trigger == trigger, CrawlRun.started_at >= request.picked_at)
        .order_by(CrawlRun.id.desc())
        .limit(1)
    )
    if request.kind == "source":
        statement = statement.where(CrawlRun.source_name == request.target)
    elif request.kind in {"url", "retry"}:
        statement = statement.where(CrawlRun.source_name.is_(None))
    return session.scalar(statement)
