"""Work the admin area queues for the scheduler process (the web process never crawls).

A :class:`~storage.models.CrawlRequest` is inserted as ``queued``; the scheduler picks it, sets
``run_id`` as soon as its run starts (so the request page links the live run), and marks it
``done`` or ``failed``.
"""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import CrawlRequest

REQUEST_KINDS = ("all", "source", "url", "retry", "reindex", "corrections", "merge")
RECENT_REQUESTS = 20


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
