"""Turn stored reports into search-index documents (the only place that knows both shapes)."""

from __future__ import annotations

from index.backend import IndexDocument
from storage.models import Report


def index_document_from_report(report: Report) -> IndexDocument:
    """The index document of a report's current version."""
    return IndexDocument(
        id=report.id,
        title=report.title or "",
        agency=report.agency or "",
        body=report.text or "",
        agency_kind=report.agency_kind,
        province=report.province,
        city=report.city,
        county=report.county,
        township=report.township,
        level=report.level,
        year=report.year,
        template=report.template,
        published=report.published,
        consistency=report.consistency_status or "unchecked",
        url=report.url,
    )
