"""Turn stored reports into search-index documents (the only place that knows both shapes)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from sqlalchemy import select

from figures.values import known_figure_values, report_tables
from index.backend import IndexDocument
from parsers.model import TAG_FIELDS
from storage import Database
from storage.models import Report

READ_BATCH = 500


#: Tag fields of a report (``parsers.model.TAG_FIELDS``) that the index keeps, copied as they are.
INDEXED_TAGS: tuple[str, ...] = tuple(
    name
    for name in TAG_FIELDS
    if name in {field.name for field in dataclasses.fields(IndexDocument)}
    and name not in ("title", "agency")
)


def index_document_from_report(report: Report) -> IndexDocument:
    """The index document of a report's current version."""
    tags = {name: getattr(report, name) for name in INDEXED_TAGS}
    return IndexDocument(
        id=report.id,
        title=report.title or "",
        agency=report.agency or "",
        body=report.text or "",
        consistency=report.consistency_status or "unchecked",
        url=report.url,
        figures=known_figure_values(report_tables(report)),
        timeliness=_finding_status(report, "timeliness"),
        changed_after_publication="true" if report.changed_after_publication else "false",
        **tags,
    )


def _finding_status(report: Report, rule: str) -> str | None:
    """The status of one accountability rule's finding on ``report``."""
    for finding in report.findings or []:
        if finding.get("rule") == rule:
            return str(finding.get("status"))
    return None


def documents_from_database(
    database: Database, batch_size: int = READ_BATCH
) -> Iterator[IndexDocument]:
    """Every report as an :class:`IndexDocument`, read in id order, ``batch_size`` rows at a time."""
    last_id = 0
    while True:
        with database.session() as session:
            statement = select(Report).where(Report.id > last_id).order_by(Report.id)
            reports = session.scalars(statement.limit(batch_size)).all()
            documents = [index_document_from_report(report) for report in reports]
        if not documents:
            return
        yield from documents
        last_id = documents[-1].id
