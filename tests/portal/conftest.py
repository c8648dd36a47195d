"""Fixtures of the portal tests: an app whose archive was built through the real pipeline."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from config import Settings
from portal import create_app
from tests.portal.archive_factory import ArchiveIds, build_archive


@pytest.fixture(scope="module")
def archive_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Flask, ArchiveIds]]:
    """The portal over an archive of the five seeds plus generated variants (built once per module)."""
    data_dir: Path = tmp_path_factory.mktemp("portal-data")
    app = create_app(Settings(data_dir=data_dir, secret_key="portal-tests"))
    app.config["TESTING"] = True
    archive = build_archive(app.extensions["nianbao"])
    yield app, archive
    app.extensions["nianbao"].close()


@pytest.fixture
def archive(archive_app: tuple[Flask, ArchiveIds]) -> ArchiveIds:
    """Ids of the archived reports."""
    return archive_app[1]


@pytest.fixture
def portal_client(archive_app: tuple[Flask, ArchiveIds]) -> FlaskClient:
    """A test client of the portal over the test archive."""
    return archive_app[0].test_client()
