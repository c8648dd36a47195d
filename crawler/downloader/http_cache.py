"""Validators of earlier fetches (ETag, Last-Modified, content hash) for conditional GET."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage import Database
from storage.models import HttpCacheEntry, utcnow


@dataclass(frozen=True)
class Validators:
    """What we know about the last successful fetch of a URL."""

    etag: str | None = None
    last_modified: str | None = None
    sha256: str | None = None

    def request_headers(self) -> dict[str, str]:
        """``If-None-Match`` / ``If-Modified-Since`` headers for a conditional GET."""
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


class HttpCache:
    """The ``http_cache`` table."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def get(self, url: str) -> Validators | None:
        """Validators stored for ``url``, if any."""
        with self.database.session() as session:
            entry = session.scalar(select(HttpCacheEntry).where(HttpCacheEntry.url == url))
            if entry is None:
                return None
            return Validators(entry.etag, entry.last_modified, entry.sha256)

    def store(self, url: str, validators: Validators) -> None:
        """Remember the validators of a successful fetch of ``url``."""
        with self.database.session() as session:
            self.store_in(session, url, validators)

    @staticmethod
    def store_in(session: Session, url: str, validators: Validators) -> None:
        """:meth:`store` inside the caller's transaction (committed with the page's bookkeeping)."""
        entry = session.scalar(select(HttpCacheEntry).where(HttpCacheEntry.url == url))
        if entry is None:
            entry = HttpCacheEntry(url=url)
            session.add(entry)
        entry.etag = validators.etag
        entry.last_modified = validators.last_modified
        entry.sha256 = validators.sha256
        entry.fetched_at = utcnow()
