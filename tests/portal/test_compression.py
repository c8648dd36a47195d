"""Public pages, the API and the exports are sent compressed; admin pages and PDFs are not."""

from __future__ import annotations

import gzip
import json

from flask.testing import FlaskClient

from tests.portal.archive_factory import ArchiveIds

GZIP = {"Accept-Encoding": "gzip"}


def test_the_home_page_and_the_api_are_gzipped_for_a_client_that_accepts_it(
    portal_client: FlaskClient, archive: ArchiveIds
) -> None:
    page = portal_client.get("/", headers=GZIP)
    assert page.headers.get("Content-Encoding") == "gzip"
    assert "政府信息公开" in gzip.decompress(page.data).decode("utf-8")
    api = portal_client.get(f"/api/v1/reports/{archive.all_ids[0]}", headers=GZIP)
    assert api.headers.get("Content-Encoding") == "gzip"
    assert json.loads(gzip.decompress(api.data))["id"] == archive.all_ids[0]
    plain = portal_client.get("/")
    assert "Content-Encoding" not in plain.headers


def test_admin_pages_and_archived_pdfs_are_not_compressed(portal_client: FlaskClient) -> None:
    admin = portal_client.get("/admin/sign-in", headers=GZIP)
    assert "Content-Encoding" not in admin.headers


def test_static_files_may_be_cached(portal_client: FlaskClient) -> None:
    with portal_client.get("/static/css/nianbao.css") as css:
        assert "max-age=3600" in css.headers.get("Cache-Control", "")
