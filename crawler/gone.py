"""Reports that disappeared from their source get ``gone_at`` set; they are never deleted."""

from __future__ import annotations

from sqlalchemy import select, update

from storage import Database
from storage.models import Report, Source, utcnow


def mark_gone(database: Database, identity: str) -> bool:
    """Flag one report as gone (404/410 on refetch); True if a report was newly flagged."""
    with database.session() as session:
        result = session.execute(
            update(Report)
            .where(Report.identity == identity, Report.gone_at.is_(None))
            .values(gone_at=utcnow())
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]


def mark_unlisted_gone(database: Database, source_name: str, listed: set[str]) -> list[str]:
    """After a complete crawl: flag the source's reports no longer listed; returns their URLs."""
    with database.session() as session:
        source_id = session.scalar(select(Source.id).where(Source.name == source_name))
        if source_id is None:
            return []
        reports = session.scalars(
            select(Report).where(Report.source_id == source_id, Report.gone_at.is_(None))
        ).all()
        now = utcnow()
        gone = []
        for report in reports:
            if report.identity not in listed:
                report.gone_at = now
                gone.append(report.identity)
        return gone


def mark_seen(database: Database, identity: str) -> bool:
    """A report answered 304 Not Modified: it is still there. True if such a report exists."""
    with database.session() as session:
        result = session.execute(
            update(Report)
            .where(Report.identity == identity)
            .values(last_seen_at=utcnow(), gone_at=None)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]
