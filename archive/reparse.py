"""Re-tag archived reports in place: stored originals re-read with the current parser.

Each report's current (latest) version is read back from the blob store and parsed again, as the
crawler parsed it. The report's fields and the version's parsed JSON take the new result; no
version is added or removed (the bytes did not change). Reports whose stored fields changed are
re-indexed. A version whose bytes are missing or fail to parse is reported and skipped.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session, object_session

from accountability.evaluate import parse_township_deadlines
from archive.corrections import corrected_for
from archive.indexing import index_document_from_report
from archive.pipeline import apply_parsed, link_continuity
from index.backend import IndexDocument
from parsers import parse_document
from parsers.model import TAG_FIELDS, ParsedReport
from services import Services
from storage.models import Report, ReportVersion

#: Report fields compared before and after, and counted per field when they change.
COMPARED_FIELDS: tuple[str, ...] = (
    *(name for name in TAG_FIELDS if name != "published"),
    "published",
    "tables",
    "checks",
    "consistency_status",
)
#: Reports read per database transaction.
BATCH_SIZE = 100


@dataclass
class ReparseSummary:
    """What a reparse did: reports read, changed, unchanged, failed; changes per field."""

    read: int = 0
    changed: int = 0
    unchanged: int = 0
    failed: list[tuple[int, str]] = field(default_factory=list)
    changes_by_field: Counter[str] = field(default_factory=Counter)


def selected_report_ids(services: Services, since: dt.date | None) -> list[int]:
    """Ids of the reports to re-read: all, or those whose latest version was fetched on or after
    ``since`` (UTC date)."""
    with services.database.session() as session:
        if since is None:
            return list(session.scalars(select(Report.id).order_by(Report.id)))
        latest = (
            select(ReportVersion.report_id, func.max(ReportVersion.fetched_at).label("fetched"))
            .group_by(ReportVersion.report_id)
            .subquery()
        )
        start = dt.datetime.combine(since, dt.time.min)
        statement = select(latest.c.report_id).where(latest.c.fetched >= start)
        return sorted(session.scalars(statement))


def reparse_reports(
    services: Services,
    report_ids: list[int],
    *,
    dry_run: bool = False,
    progress: Callable[[int, str], None] | None = None,
) -> ReparseSummary:
    """Parse each report's latest stored version again and update the report in place."""
    summary = ReparseSummary()
    to_index: list[IndexDocument] = []
    for batch in _batches(report_ids, BATCH_SIZE):
        with services.database.session() as session:
            for report_id in batch:
                report = session.get(Report, report_id)
                if report is None:
                    continue
                summary.read += 1
                outcome = _reparse_one(services, report, summary)
                if progress is not None:
                    progress(report_id, outcome)
                if outcome != "changed":
                    continue
                if dry_run:
                    continue
                linked = link_continuity(session, report, _township_rules(services))
                to_index.extend(index_document_from_report(r) for r in linked)
            if dry_run:
                session.rollback()
            else:
                session.commit()
    if to_index and not dry_run:
        unique = {document.id: document for document in to_index}
        services.search.index_reports(list(unique.values()))
    return summary


def _reparse_one(services: Services, report: Report, summary: ReparseSummary) -> str:
    """``changed``, ``unchanged`` or ``failed`` for one report (the report is updated in place)."""
    version = max(report.versions, key=lambda v: v.id, default=None)
    if version is None:
        summary.failed.append((report.id, "没有存档的版本"))
        return "failed"
    try:
        data = services.blobs.get(version.sha256)
        parsed = parse_document(
            data,
            filename=version.filename,
            url=report.url or version.fetched_url,
            content_type=version.content_type,
        )
    except Exception as error:  # any failure of one document is recorded; the rest go on
        summary.failed.append((report.id, f"{type(error).__name__}: {error}"))
        return "failed"
    before = {name: _comparable(getattr(report, name)) for name in COMPARED_FIELDS}
    new_data = parsed.to_dict()
    shown = corrected_for(_session_of(report), report.id, parsed)
    apply_parsed(report, shown, new_data if shown is parsed else shown.to_dict())
    version.parsed = new_data
    changed = [
        name for name in COMPARED_FIELDS if _comparable(getattr(report, name)) != before[name]
    ]
    if not changed:
        summary.unchanged += 1
        return "unchanged"
    summary.changed += 1
    summary.changes_by_field.update(changed)
    return "changed"


def _comparable(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value


def _batches(items: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def reapply_corrections(services: Services, report_id: int) -> bool:
    """Lay the report's accepted corrections over its latest version's stored parse (no
    re-parse), store the result, re-run continuity and re-index. False if there is no such
    report or version."""
    with services.database.session() as session:
        report = session.get(Report, report_id)
        version = max(report.versions, key=lambda v: v.id, default=None) if report else None
        if report is None or version is None:
            return False
        parsed = ParsedReport.from_dict(version.parsed or {})
        shown = corrected_for(session, report.id, parsed)
        apply_parsed(report, shown, shown.to_dict())
        linked = link_continuity(session, report, _township_rules(services))
        documents = [index_document_from_report(r) for r in linked]
        session.commit()
    services.search.index_reports(documents)
    return True


def _township_rules(services: Services) -> dict[str, tuple[int, int]]:
    return parse_township_deadlines(services.settings.township_deadlines)


def _session_of(report: Report) -> Session:
    session = object_session(report)
    if session is None:
        raise RuntimeError("a report being re-parsed must belong to a session")
    return session
