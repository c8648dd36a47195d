"""The archive stage shared by the crawler and ``nianbao ingest``: parse → store → index.

A fetched (or local) file becomes a :class:`FetchedDocument`; :meth:`ArchivePipeline.archive`
parses it with the one parser, keeps the bytes in the blob store, records a new
:class:`~storage.models.ReportVersion` only when the content changed, updates the report's tags
and queues it for the search index. Index writes are batched; call :meth:`flush` (or use the
pipeline as a context manager) to commit them.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import TracebackType
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from crawler.indexing import index_document_from_report
from index.backend import IndexDocument
from parsers import parse_document
from parsers.checks import check_carried_over_continuity
from parsers.model import ParsedReport, consistency_status_of
from services import Services
from storage.models import Report, ReportVersion, Source, utcnow

Outcome = Literal["new", "changed", "unchanged"]
INDEX_BATCH_SIZE = 100


@dataclass
class FetchedDocument:
    """Bytes of a report as found at a source, before parsing."""

    #: Stable identity of the report: its page URL, or ``file:<name>#<sha256>`` for local files.
    identity: str
    data: bytes
    #: Public URL of the report page, when it came from the web.
    url: str | None = None
    content_type: str | None = None
    filename: str | None = None
    #: ``page``, ``attachment`` or ``file``.
    role: str = "page"
    #: URL the bytes came from (differs from ``url`` for attachments).
    fetched_url: str | None = None
    source_name: str | None = None


@dataclass
class ArchiveOutcome:
    """What archiving one document did."""

    report_id: int
    outcome: Outcome
    parsed: ParsedReport


class ArchivePipeline:
    """Parse, store and index documents for one data directory."""

    def __init__(self, services: Services, *, index_batch_size: int = INDEX_BATCH_SIZE) -> None:
        self.services = services
        self.index_batch_size = index_batch_size
        self._pending_index: dict[int, IndexDocument] = {}

    def archive(
        self, document: FetchedDocument, parsed: ParsedReport | None = None
    ) -> ArchiveOutcome:
        """Archive one document. Raises :class:`parsers.model.ParseError` if it cannot be read."""
        if parsed is None:
            parsed = parse_document(
                document.data,
                filename=document.filename,
                url=document.url or document.fetched_url,
                content_type=document.content_type,
            )
        digest = self.services.blobs.put(document.data)
        with self.services.database.session() as session:
            report, outcome = self._store(session, document, digest, parsed)
            session.flush()
            if outcome != "unchanged":
                for linked in link_continuity(session, report):
                    self._pending_index[linked.id] = index_document_from_report(linked)
            report_id = report.id
        if len(self._pending_index) >= self.index_batch_size:
            self.flush()
        return ArchiveOutcome(report_id=report_id, outcome=outcome, parsed=parsed)

    def flush(self) -> None:
        """Commit queued documents to the search index."""
        if not self._pending_index:
            return
        documents = list(self._pending_index.values())
        self.services.search.index_reports(documents)
        self._pending_index.clear()

    def __enter__(self) -> ArchivePipeline:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.flush()

    # -- storage -------------------------------------------------------------------------------

    def _store(
        self, session: Session, document: FetchedDocument, digest: str, parsed: ParsedReport
    ) -> tuple[Report, Outcome]:
        report = session.scalar(select(Report).where(Report.identity == document.identity))
        now = utcnow()
        if report is None:
            report = Report(identity=document.identity, url=document.url, first_seen_at=now)
            if document.source_name:
                report.source = _source_named(session, document.source_name)
            session.add(report)
            outcome: Outcome = "new"
        else:
            known = {version.sha256 for version in report.versions}
            outcome = "unchanged" if digest in known else "changed"
        report.last_seen_at = now
        report.gone_at = None
        if outcome == "unchanged":
            return report, outcome
        if outcome == "changed":
            report.last_changed_at = now
            report.changed_after_publication = True
        report.versions.append(
            ReportVersion(
                sha256=digest,
                size=len(document.data),
                content_type=document.content_type,
                filename=document.filename,
                fetched_url=document.fetched_url or document.url,
                role=document.role,
                fetched_at=now,
                parsed=parsed.to_dict(),
            )
        )
        _apply_parsed(report, parsed)
        return report, outcome


def link_continuity(session: Session, report: Report) -> list[Report]:
    """Re-run ``carried_over_continuity`` between ``report`` and the same agency's adjacent years.

    Returns the reports whose checks were (re)computed: ``report`` itself and, when stored, the
    next year's report (its 上年结转 is compared with this report's 结转下年度).
    """
    touched = [report]
    if not report.agency or report.year is None:
        return touched
    previous = _report_of(session, report.agency, report.year - 1)
    _set_continuity(report, previous)
    following = _report_of(session, report.agency, report.year + 1)
    if following is not None:
        _set_continuity(following, report)
        touched.append(following)
    return touched


def _report_of(session: Session, agency: str, year: int) -> Report | None:
    """The most recently updated report of ``agency`` for ``year``."""
    return session.scalar(
        select(Report)
        .where(Report.agency == agency, Report.year == year)
        .order_by(Report.updated_at.desc(), Report.id.desc())
        .limit(1)
    )


def _set_continuity(report: Report, previous: Report | None) -> None:
    """Replace ``report``'s continuity check with one computed against ``previous``."""
    previous_parsed = (
        ParsedReport(title=previous.title, tables=previous.tables) if previous else None
    )
    check = check_carried_over_continuity(report.tables or {}, previous_parsed)
    checks = [c for c in report.checks or [] if c.get("rule") != check.rule]
    checks.append(
        {"rule": check.rule, "status": check.status, "message": check.message, "cells": check.cells}
    )
    report.checks = checks
    report.consistency_status = consistency_status_of(c["status"] for c in checks)


def _source_named(session: Session, name: str) -> Source:
    source = session.scalar(select(Source).where(Source.name == name))
    if source is None:
        source = Source(name=name)
        session.add(source)
    return source


def _apply_parsed(report: Report, parsed: ParsedReport) -> None:
    """Copy the parsed report's fields onto the stored report."""
    data = parsed.to_dict()
    report.title = parsed.title
    for name in (
        "agency",
        "agency_kind",
        "province",
        "city",
        "county",
        "township",
        "level",
        "division_code",
        "year",
        "template",
    ):
        setattr(report, name, data[name])
    report.published = parsed.published
    report.sections = data["sections"]
    report.tables = data["tables"]
    report.checks = data["checks"]
    report.warnings = data["warnings"]
    report.consistency_status = parsed.consistency_status
    report.text = parsed.text
