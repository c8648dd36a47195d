"""Shared fixtures: settings on a temporary data directory, the app, its clients, the demo portal,
and a throw-away PostgreSQL database when the server answers."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from cli import main
from config import Settings
from demo_portal.server import DemoPortalServer
from portal import create_app
from services import Services
from tests.api_contract import ContractCheckingClient

POSTGRES_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
SEEDS_DIR = Path(__file__).resolve().parent.parent / "demo_portal" / "seeds"


@pytest.fixture(autouse=True, scope="session")
def api_responses_checked_against_the_document() -> Iterator[None]:
    """Every app's test client checks each API response against the served OpenAPI document."""
    before = Flask.test_client_class
    Flask.test_client_class = ContractCheckingClient
    yield
    Flask.test_client_class = before


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """An empty data directory."""
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def settings(data_dir: Path) -> Settings:
    """Settings for tests: a temporary data directory, crawling of 127.0.0.1 allowed, no delay."""
    return Settings(
        data_dir=data_dir,
        allow_private_addresses=True,
        crawl_delay=0.0,
        secret_key="test-secret-key",
    )


@pytest.fixture
def app(settings: Settings) -> Iterator[Flask]:
    """The portal on the temporary data directory."""
    application = create_app(settings)
    application.config["TESTING"] = True
    yield application
    application.extensions["nianbao"].close()


@pytest.fixture
def services(app: Flask) -> Services:
    """The app's database, blob store and search backend."""
    return app.extensions["nianbao"]


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client of the portal."""
    return app.test_client()


class NianbaoCliRunner(FlaskCliRunner):
    """A CLI runner whose default command group is ``nianbao`` (not the bare ``flask`` group)."""

    def invoke(self, cli: Any = None, args: Any = None, **kwargs: Any) -> Any:  # type: ignore[override]
        return super().invoke(cli or main, args, **kwargs)


@pytest.fixture
def cli_runner(app: Flask) -> FlaskCliRunner:
    """Runs ``nianbao`` commands against the app: ``cli_runner.invoke(args=["export"])``."""
    return NianbaoCliRunner(app)


@pytest.fixture
def demo_portal() -> Iterator[DemoPortalServer]:
    """The demo government portal, serving the five seeds on a free port."""
    with DemoPortalServer() as server:
        yield server


@pytest.fixture
def seed_paths() -> list[Path]:
    """The five seed reports as text files."""
    return sorted(SEEDS_DIR.glob("*.txt"))


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL database on the local server, dropped afterwards.

    Skips with the reason when no server answers on 127.0.0.1:5432.
    """
    sqlalchemy = pytest.importorskip("sqlalchemy")
    admin = sqlalchemy.create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"nianbao_test_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    except sqlalchemy.exc.OperationalError as error:
        admin.dispose()
        pytest.skip(f"PostgreSQL not reachable at 127.0.0.1:5432 ({error.orig})")
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()
