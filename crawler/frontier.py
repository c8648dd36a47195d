"""The frontier of a run, saved in ``crawl_frontier`` so a killed run resumes where it stopped."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from crawler.discovery import DiscoveredLink
from storage import Database
from storage.models import FrontierEntry


@dataclass
class PendingEntry:
    """A frontier entry to work on (a plain copy, detached from any session)."""

    id: int
    url: str
    kind: str
    depth: int
    referer: str | None
    data: dict[str, object]

    @property
    def method(self) -> str:
        """``GET``, or ``POST`` for Hanweb dataproxy requests."""
        return str(self.data.get("method", "GET"))

    @property
    def form(self) -> dict[str, str] | None:
        """The POST form, if any."""
        form = self.data.get("form")
        return dict(form) if isinstance(form, dict) else None


class Frontier:
    """URLs discovered by one run, each with a state: ``pending``, ``done`` or ``failed``."""

    def __init__(self, database: Database, run_id: int) -> None:
        self.database = database
        self.run_id = run_id
        with database.session() as session:
            self._known = set(
                session.scalars(select(FrontierEntry.url).where(FrontierEntry.run_id == run_id))
            )

    def __contains__(self, url: str) -> bool:
        return url in self._known

    def add(
        self,
        session: Session,
        links: list[DiscoveredLink],
        *,
        depth: int,
        referer: str | None,
    ) -> int:
        """Add the links not yet known to this run (in ``session``); returns how many were new."""
        added = 0
        for link in links:
            if link.url in self._known:
                continue
            data: dict[str, object] = dict(link.data)
            if link.method != "GET":
                data["method"] = link.method
            if link.form is not None:
                data["form"] = link.form
            if link.label:
                data["label"] = link.label[:200]
            session.add(
                FrontierEntry(
                    run_id=self.run_id,
                    url=link.url,
                    kind=link.kind,
                    depth=depth,
                    referer=referer,
                    state="pending",
                    data=data,
                )
            )
            self._known.add(link.url)
            added += 1
        return added

    def pending_after(self, after_id: int, limit: int) -> list[PendingEntry]:
        """Up to ``limit`` pending entries with an id above ``after_id``, oldest first.

        Entries only ever get higher ids than those before them, so walking the frontier with
        this keeps the oldest-first order while some entries are still in flight.
        """
        if limit <= 0:
            return []
        with self.database.session() as session:
            entries = session.scalars(
                select(FrontierEntry)
                .where(
                    FrontierEntry.run_id == self.run_id,
                    FrontierEntry.state == "pending",
                    FrontierEntry.id > after_id,
                )
                .order_by(FrontierEntry.id)
                .limit(limit)
            ).all()
            return [
                PendingEntry(
                    entry.id,
                    entry.url,
                    entry.kind,
                    entry.depth,
                    entry.referer,
                    dict(entry.data or {}),
                )
                for entry in entries
            ]

    @staticmethod
    def mark(session: Session, entry_id: int, state: str) -> None:
        """Set an entry's state (``done`` or ``failed``) in ``session``."""
        session.execute(
            update(FrontierEntry).where(FrontierEntry.id == entry_id).values(state=state)
        )

    def counts(self) -> dict[str, int]:
        """Number of entries per state."""
        with self.database.session() as session:
            rows = session.execute(
                select(FrontierEntry.state, func.count())
                .where(FrontierEntry.run_id == self.run_id)
                .group_by(FrontierEntry.state)
            ).all()
        return {state: count for state, count in rows}

    def urls(self, kind: str, *, state: str | None = None) -> set[str]:
        """URLs of one kind (optionally in one state)."""
        query = select(FrontierEntry.url).where(
            FrontierEntry.run_id == self.run_id, FrontierEntry.kind == kind
        )
        if state is not None:
            query = query.where(FrontierEntry.state == state)
        with self.database.session() as session:
            return set(session.scalars(query))
