"""Rebuild the search index from the database (a ``reindex`` crawl request)."""

from __future__ import annotations

from sqlalchemy import select

from crawler.indexing import index_document_from_report
from services import Services
from storage.models import Report

BATCH_SIZE = 500


def reindex_all(services: Services) -> int:
    """Clear the index and index every stored report again; returns the number indexed."""
    search = services.search
    search.clear()
    count = 0
    last_id = 0
    while True:
        with services.database.session() as session:
            reports = session.scalars(
                select(Report).where(Report.id > last_id).order_by(Report.id).limit(BATCH_SIZE)
            ).all()
            documents = [index_document_from_report(report) for report in reports]
        if not documents:
            return count
        search.index_reports(documents)
        count += len(documents)
        last_id = documents[-1].id
