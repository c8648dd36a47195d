"""Rebuild the search index from the database (a ``reindex`` crawl request, or ``nianbao reindex``).

The new index is built in a fresh directory and swapped in atomically, so searches keep working
on the old one while the rebuild runs. A crawl may store reports meanwhile and index them into the
old directory; those writes are carried over in two catch-up passes, so nothing stored during a
rebuild ends up unsearchable:

1. before the swap, every report changed since the rebuild started is written into the new index;
2. after the swap (writers now follow the link to the new index), every report changed since the
   first pass started is written again through the live backend.
"""

from __future__ import annotations

import datetime as dt
from itertools import islice

from sqlalchemy import select

from archive.indexing import READ_BATCH, documents_from_database, index_document_from_report
from index import rebuild_index
from index.backend import SearchBackend
from services import Services
from storage.models import Report, utcnow

#: Clock slack between a report's ``updated_at`` and the moment a pass starts.
CATCH_UP_SLACK = dt.timedelta(seconds=2)


def reindex_all(services: Services, batch_size: int = READ_BATCH) -> int:
    """Index every stored report into a new index and swap it in; returns the number indexed."""
    settings = services.settings
    started = utcnow() - CATCH_UP_SLACK
    second_pass_from = started

    def catch_up(new_index: SearchBackend) -> None:
        nonlocal second_pass_from
        second_pass_from = utcnow() - CATCH_UP_SLACK
        index_changed_since(services, new_index, started, batch_size)

    count = rebuild_index(
        settings.search_backend,
        settings.index_dir,
        documents_from_database(services.database, batch_size),
        before_swap=catch_up,
    )
    index_changed_since(services, services.search, second_pass_from, batch_size)
    return count


def index_changed_since(
    services: Services, backend: SearchBackend, since: dt.datetime, batch_size: int = READ_BATCH
) -> int:
    """Write every report updated at or after ``since`` into ``backend``; returns how many."""
    with services.database.session() as session:
        ids = session.scalars(
            select(Report.id).where(Report.updated_at >= since).order_by(Report.id)
        ).all()
    remaining = iter(ids)
    written = 0
    while chunk := list(islice(remaining, batch_size)):
        with services.database.session() as session:
            reports = session.scalars(select(Report).where(Report.id.in_(chunk))).all()
            documents = [index_document_from_report(report) for report in reports]
        backend.index_reports(documents)
        written += len(documents)
    return written
