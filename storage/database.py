"""Database access: engine and sessions, and schema upgrades through Alembic."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


class Database:
    """An engine plus a session factory for one database URL."""

    def __init__(self, url: str) -> None:
        self.url = url
        connect_args = {"timeout": 30} if url.startswith("sqlite") else {}
        self.engine: Engine = create_engine(
            url,
            connect_args=connect_args,
            pool_pre_ping=True,
            # Chinese text as UTF-8, not \uXXXX escapes: half the bytes for report JSON.
            json_serializer=_json_dumps,
        )
        if url.startswith("sqlite"):
            event.listen(self.engine, "connect", _configure_sqlite)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session committed on success and rolled back on error."""
        session = self.sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def upgrade(self, revision: str = "head") -> None:
        """Bring the schema up to ``revision`` (idempotent)."""
        command.upgrade(self._alembic_config(), revision)

    def current_revision(self) -> str | None:
        """The schema revision stored in the database, or None for an empty database."""
        with self.engine.connect() as connection:
            if not inspect(connection).has_table("alembic_version"):
                return None
            row = connection.exec_driver_sql("SELECT version_num FROM alembic_version").first()
            return row[0] if row else None

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()

    def _alembic_config(self) -> AlembicConfig:
        config = AlembicConfig()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        config.attributes["engine"] = self.engine
        return config


def _json_dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    """WAL lets the web process read while the crawler writes; foreign keys on.

    ``synchronous=NORMAL`` is safe with WAL against a crash of the process (a power cut may lose
    the last commits, never corrupt the database) and makes per-page commits much cheaper.
    """
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()
