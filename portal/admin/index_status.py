"""What the admin area shows about the search index."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from services import Services
from storage.models import Report


@dataclass(frozen=True)
class IndexStatus:
    """Document count, report count and when the index files last changed."""

    document_count: int | None
    report_count: int
    last_updated_at: dt.datetime | None
    error: str | None = None


def index_status(services: Services) -> IndexStatus:
    """The index's state; a backend that cannot be opened is reported, not raised."""
    with services.database.session() as session:
        report_count = session.scalar(select(func.count(Report.id))) or 0
    last_updated_at = last_modified(services.settings.index_dir)
    try:
        document_count = services.search.document_count()
    except Exception as error:  # any backend failure is shown to the admin instead of a 500
        return IndexStatus(None, report_count, last_updated_at, error=str(error))
    return IndexStatus(document_count, report_count, last_updated_at)


def last_modified(directory: Path) -> dt.datetime | None:
    """The newest modification time (naive UTC) of the files under ``directory``."""
    if not directory.is_dir():
        return None
    times = [path.stat().st_mtime for path in directory.rglob("*") if path.is_file()]
    if not times:
        return None
    return dt.datetime.fromtimestamp(max(times), dt.UTC).replace(tzinfo=None)
