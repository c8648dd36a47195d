"""Rebuild the search index from the database (a ``reindex`` crawl request, or ``nianbao reindex``).

The new index is built in a fresh directory and swapped in atomically, so searches keep working
on the old one while the rebuild runs.
"""

from __future__ import annotations

from crawler.indexing import READ_BATCH, documents_from_database
from index import rebuild_index
from services import Services


def reindex_all(services: Services, batch_size: int = READ_BATCH) -> int:
    """Index every stored report into a new index and swap it in; returns the number indexed."""
    settings = services.settings
    return rebuild_index(
        settings.search_backend,
        settings.index_dir,
        documents_from_database(services.database, batch_size),
    )
