"""The archive stage shared by the crawler and ``nianbao ingest``: parse → store → index.

A fetched (or local) file becomes a :class:`FetchedDocument`; :meth:`ArchivePipeline.archive`
parses it with the one parser, keeps the bytes in the blob store, records a new
:class:`~storage.models.ReportVersion` only when the content changed, updates the report's tags
and queues it for the search index. Index writes are batched; call :meth:`flush` (or use the
pipeline as a context manager) to commit them. The crawler stores in its own transaction with
:meth:`ArchivePipeline.store` and queues the outcome with :meth:`ArchivePipeline.queue_for_index`
once committed, so the index never holds a report the database rolled back.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from accountability.evaluate import TownshipRules, evaluate_report, parse_township_deadlines
from accountability.identity import Lineage
from archive.corrections import corrected_for
from archive.dedupe import SOURCE_RANK, apply_merge, duplicate_of, source_role
from archive.index_writer import IndexWriterProcess, PendingBatch
from archive.indexing import index_document_from_report
from archive.watches import Candidate, evaluate_watches, latest_version_ids
from index.backend import IndexDocument
from index.shared import content_hash
from parsers import parse_document
from parsers.checks import check_carried_over_continuity
from parsers.model import TAG_FIELDS, ParsedReport, consistency_status_of
from services import Services
from storage.agency_links import link_rows
from storage.models import Report, ReportSource, ReportVersion, Source, utcnow

Outcome = Literal["new", "changed", "unchanged"]
#: Reports per index commit (an interrupted crawl re-indexes what it stored on resume).
INDEX_BATCH_SIZE = 250


log = logging.getLogger(__name__)


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
    #: Index documents of the reports whose stored fields changed (queued once committed).
    index_documents: list[IndexDocument] = field(default_factory=list)
    #: Reports folded into another record (one record per report): out of the index.
    removed_ids: list[int] = field(default_factory=list)


class ArchivePipeline:
    """Parse, store and index documents for one data directory."""

    def __init__(
        self,
        services: Services,
        *,
        index_batch_size: int = INDEX_BATCH_SIZE,
        background_index: bool = False,
    ) -> None:
        self.services = services
        self.index_batch_size = index_batch_size
        #: Local deadlines of township reports (``NIANBAO_TOWNSHIP_DEADLINES``).
        self.township_rules = parse_township_deadlines(services.settings.township_deadlines)
        self._pending_index: dict[int, IndexDocument] = {}
        #: Reports archived (``new``) or changed since the last batch: checked against watches.
        self._watch_candidates: dict[int, str] = {}
        #: With ``background_index``, full batches are written by one index writer process
        #: (still the only writer) while the caller goes on; at most one batch is in flight.
        self._index_writer = (
            IndexWriterProcess(
                services.settings.search_backend, services.settings.index_dir, services.search
            )
            if background_index
            else None
        )
        self._batch_in_flight: PendingBatch | None = None

    def archive(
        self, document: FetchedDocument, parsed: ParsedReport | None = None
    ) -> ArchiveOutcome:
        """Archive one document in its own transaction.

        Raises :class:`parsers.model.ParseError` if it cannot be read.
        """
        if parsed is None:
            parsed = parse_document(
                document.data,
                filename=document.filename,
                url=document.url or document.fetched_url,
                content_type=document.content_type,
            )
        with self.services.database.session() as session:
            archived = self.store(session, document, parsed)
        self.queue_for_index(archived)
        return archived

    def store(
        self, session: Session, document: FetchedDocument, parsed: ParsedReport
    ) -> ArchiveOutcome:
        """Store a parsed document in the caller's transaction (the crawler commits it together
        with the page's bookkeeping). Hand the outcome to :meth:`queue_for_index` once committed.

        The bytes are kept in the blob store first (a no-op when a parse worker already did), so
        no committed row ever points at a missing blob.
        """
        digest = self.services.blobs.put(document.data)
        report, outcome = self._store(session, document, digest, parsed)
        session.flush()
        removed: list[int] = []
        if outcome == "new":
            merge = duplicate_of(session, report)
            if merge is not None:
                # The same report, reached before from elsewhere: one record, several sources.
                apply_merge(session, merge)
                removed.append(merge.merge_id)
                kept = session.get(Report, merge.keep_id)
                assert kept is not None
                report = kept
        archived = ArchiveOutcome(report_id=report.id, outcome=outcome, parsed=parsed)
        archived.removed_ids = removed
        if outcome != "unchanged":
            archived.index_documents = [
                index_document_from_report(linked)
                for linked in link_continuity(session, report, self.township_rules)
            ]
        else:
            # Stored before, but maybe never indexed (a crawl killed between its commit and its
            # index batch, through another target): the index's own hash says.
            current = index_document_from_report(report)
            if self._indexed_hash(report.id) != content_hash(current):
                archived.index_documents = [current]
        return archived

    def _indexed_hash(self, report_id: int) -> str | None:
        if report_id in self._pending_index:
            return content_hash(self._pending_index[report_id])
        return self.services.search.stored_hashes([report_id]).get(report_id)

    def queue_for_index(self, archived: ArchiveOutcome) -> None:
        """Queue a committed outcome's documents for the index; flushes full batches. Reports
        folded into another record leave the index at once (after the batches before them)."""
        if archived.removed_ids:
            for removed in archived.removed_ids:
                self._pending_index.pop(removed, None)
            self.flush()
            for removed in archived.removed_ids:
                self.services.search.delete_report(removed)
        for document in archived.index_documents:
            self._pending_index[document.id] = document
        if archived.outcome in ("new", "changed"):
            self._watch_candidates[archived.report_id] = archived.outcome
        if len(self._pending_index) >= self.index_batch_size:
            self._send_batch()

    def flush(self) -> None:
        """Commit queued documents to the search index, and wait for a batch in flight.

        An error of a background batch is raised here (or at the next full batch).
        """
        self._send_batch()
        self._wait_for_batch()

    def close(self) -> None:
        """:meth:`flush`, then stop the index writer process."""
        try:
            self.flush()
        finally:
            if self._index_writer is not None:
                self._index_writer.close()

    def _send_batch(self) -> None:
        """Hand the queued documents to the index (after the previous batch is committed)."""
        if not self._pending_index:
            return
        documents = list(self._pending_index.values())
        self._pending_index.clear()
        if self._index_writer is None:
            self.services.search.index_reports(documents)
        else:
            self._wait_for_batch()
            self._batch_in_flight = self._index_writer.submit(documents)
        self._check_watches(documents)

    def _check_watches(self, documents: list[IndexDocument]) -> None:
        """Record the watches' matches among the new and changed reports of a batch. A failure
        here is logged and never stops the crawl (the reports stay archived and indexed)."""
        kinds = {i: self._watch_candidates.pop(i) for i in list(self._watch_candidates)}
        wanted = [d for d in documents if d.id in kinds]
        if not wanted:
            return
        try:
            with self.services.database.session() as session:
                versions = latest_version_ids(session, [d.id for d in wanted])
            candidates = [Candidate(d, kinds[d.id], versions.get(d.id)) for d in wanted]
            evaluate_watches(self.services.database, candidates)
        except Exception:
            log.exception("watches not evaluated for %s report(s)", len(wanted))

    def _wait_for_batch(self) -> None:
        batch, self._batch_in_flight = self._batch_in_flight, None
        if batch is not None:
            batch.result()

    def __enter__(self) -> ArchivePipeline:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # -- storage -------------------------------------------------------------------------------

    def _store(
        self, session: Session, document: FetchedDocument, digest: str, parsed: ParsedReport
    ) -> tuple[Report, Outcome]:
        report = session.scalar(select(Report).where(Report.identity == document.identity))
        now = utcnow()
        source = None
        if report is None:
            # Another place the same report was reached from (merged by archive.dedupe).
            source = session.scalar(
                select(ReportSource).where(ReportSource.identity == document.identity)
            )
            report = session.get(Report, source.report_id) if source is not None else None
            if source is not None:
                source.last_seen_at = now
        if report is None:
            report = Report(identity=document.identity, url=document.url, first_seen_at=now)
            if document.source_name:
                report.source = _source_named(session, document.source_name)
            session.add(report)
            outcome: Outcome = "new"
        else:
            known = session.scalar(
                select(ReportVersion.id)
                .where(ReportVersion.report_id == report.id, ReportVersion.sha256 == digest)
                .limit(1)
            )
            outcome = "unchanged" if known is not None else "changed"
        report.last_seen_at = now
        report.gone_at = None
        if outcome == "unchanged":
            return report, outcome
        # A less official source (a mirror of the record's portal page) keeps its versions, but
        # its reading never replaces the record's.
        applies = (
            source is None
            or SOURCE_RANK[source.role]
            >= SOURCE_RANK[source_role(report.url or report.identity, report)]
        )
        if outcome == "changed" and applies:
            report.last_changed_at = now
            report.changed_after_publication = True
        data = parsed.to_dict()
        # Setting the parent (not appending to ``report.versions``) leaves the versions unloaded.
        session.add(
            ReportVersion(
                report=report,
                sha256=digest,
                size=len(document.data),
                content_type=document.content_type,
                filename=document.filename,
                fetched_url=document.fetched_url or document.url,
                role=document.role,
                fetched_at=now,
                parsed=data,
            )
        )
        if applies:
            shown = corrected_for(session, report.id, parsed)
            apply_parsed(report, shown, data if shown is parsed else shown.to_dict())
        return report, outcome


def link_continuity(
    session: Session, report: Report, township_rules: TownshipRules | None = None
) -> list[Report]:
    """Re-run ``carried_over_continuity`` between ``report`` and the same agency's adjacent years.

    Returns the reports whose checks were (re)computed: ``report`` itself and, when stored, the
    next year's report (its 上年结转 is compared with this report's 结转下年度).
    """
    touched = [report]
    if not report.agency or report.year is None:
        report.findings = evaluate_report(report, None, township_rules)
        return touched
    adjacent = _latest_by_year(session, report.agency, (report.year - 1, report.year + 1))
    _set_continuity(report, adjacent.get(report.year - 1), township_rules)
    following = adjacent.get(report.year + 1)
    if following is not None:
        _set_continuity(following, report, township_rules)
        touched.append(following)
    return touched


def _latest_by_year(session: Session, agency: str, years: tuple[int, ...]) -> dict[int, Report]:
    """The most recently updated report of ``agency`` (under any of its names) for each of
    ``years``."""
    latest: dict[int, Report] = {}
    reports = session.scalars(
        select(Report)
        .where(Report.agency.in_(Lineage(link_rows(session)).names(agency)), Report.year.in_(years))
        .order_by(Report.updated_at.desc(), Report.id.desc())
    )
    for found in reports:
        if found.year is not None:
            latest.setdefault(found.year, found)
    return latest


def _set_continuity(
    report: Report, previous: Report | None, township_rules: TownshipRules | None = None
) -> None:
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
    report.findings = evaluate_report(report, previous, township_rules)


def _source_named(session: Session, name: str) -> Source:
    source = session.scalar(select(Source).where(Source.name == name))
    if source is None:
        source = Source(name=name)
        session.add(source)
    return source


def apply_parsed(report: Report, parsed: ParsedReport, data: dict[str, Any]) -> None:
    """Copy the parsed report's fields (``data`` is ``parsed.to_dict()``) onto the report."""
    for name in TAG_FIELDS:  # the declaration's tag fields, as parsed (dates as dates)
        setattr(report, name, getattr(parsed, name))
    report.ocr = parsed.ocr
    report.ocr_confidence = parsed.ocr_confidence
    report.prose_figures = data.get("prose_figures") or {}
    report.provenance = data.get("provenance") or {}
    report.sections = data["sections"]
    report.tables = data["tables"]
    report.checks = data["checks"]
    report.warnings = data["warnings"]
    report.consistency_status = parsed.consistency_status
    report.text = parsed.text
