"""Wiring: one object that turns Settings into the database, blob store and search backend.

The web app, the CLI, the crawler and the scheduler all build their resources through
:class:`Services`, so there is exactly one place that knows how the pieces connect.
"""

from __future__ import annotations

import fcntl
from dataclasses import dataclass, field
from functools import cached_property

from config import Settings
from index import open_backend
from index.backend import SearchBackend
from storage import BlobStore, Database


@dataclass
class Services:
    """Lazily opened resources for one data directory."""

    settings: Settings
    _closed: bool = field(default=False, repr=False)

    @classmethod
    def from_settings(cls, settings: Settings, *, upgrade: bool = True) -> Services:
        """Create the data directory and, unless ``upgrade`` is false, migrate the schema."""
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        services = cls(settings)
        if upgrade:
            # Workers starting together (gunicorn, the scheduler) upgrade one at a time.
            with open(settings.data_dir / ".upgrade.lock", "w") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                services.database.upgrade()
        return services

    @cached_property
    def database(self) -> Database:
        """The relational database."""
        return Database(self.settings.sqlalchemy_url)

    @cached_property
    def blobs(self) -> BlobStore:
        """The raw-file store."""
        return BlobStore(self.settings.blobs_dir)

    @cached_property
    def search(self) -> SearchBackend:
        """The configured search backend."""
        return open_backend(self.settings.search_backend, self.settings.index_dir)

    def close(self) -> None:
        """Release database connections and open index files."""
        if "database" in self.__dict__:
            self.database.dispose()
        if "search" in self.__dict__:
            self.search.close()
        self._closed = True
