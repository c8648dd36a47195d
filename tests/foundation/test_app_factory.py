"""The app factory: secret key kept in the data directory, schema upgraded on start, also when
several worker processes start together on an empty data directory."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from sqlalchemy import inspect

from config import Settings
from portal import create_app


def _start_worker(data_dir: str) -> str:
    """What a gunicorn worker does on start; returns the app's secret key."""
    return str(create_app(Settings(data_dir=Path(data_dir))).config["SECRET_KEY"])


def test_workers_starting_together_share_one_secret_key_and_one_schema(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    with context.Pool(4) as pool:
        keys = set(pool.map(_start_worker, [str(tmp_path)] * 4))
    assert len(keys) == 1
    key = keys.pop()
    assert len(key) == 64
    assert (tmp_path / "secret_key").read_text() == key
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
    app = create_app(Settings(data_dir=tmp_path))
    assert app.config["SECRET_KEY"] == key
    assert app.extensions["nianbao"].database.current_revision() is not None


def test_a_configured_secret_key_is_used_and_nothing_is_written(tmp_path: Path) -> None:
    app = create_app(Settings(data_dir=tmp_path, secret_key="from-the-environment"))
    assert app.config["SECRET_KEY"] == "from-the-environment"
    assert not (tmp_path / "secret_key").exists()


def test_the_schema_is_upgraded_when_the_app_starts(tmp_path: Path) -> None:
    app = create_app(Settings(data_dir=tmp_path / "fresh"))
    database = app.extensions["nianbao"].database
    assert database.current_revision() is not None
    assert "reports" in inspect(database.engine).get_table_names()
