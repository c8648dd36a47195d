"""A reader can see where each number was read, on the page and in the tables CSV."""

from __future__ import annotations

import csv
import io

from flask.testing import FlaskClient

from tests.portal.archive_factory import ArchiveIds


def _report_with_applications(client: FlaskClient, archive: ArchiveIds) -> int:
    for report_id in archive.seeds.values():
        document = client.get(f"/api/v1/reports/{report_id}").get_json()
        if "applications.new" in document["provenance"]:
            return report_id
    raise AssertionError("no seed with a read 表三")


def test_each_read_row_shows_where_it_was_read(
    portal_client: FlaskClient, archive: ArchiveIds
) -> None:
    report_id = _report_with_applications(portal_client, archive)
    source = portal_client.get(f"/api/v1/reports/{report_id}").get_json()["provenance"][
        "applications.new"
    ]
    html = portal_client.get(f"/reports/{report_id}").get_data(as_text=True)
    assert "这一行的读取来源" in html
    assert f"原文行标题“{source['label']}”" in html
    assert ("从文本行读取" in html) or ("从表格读取" in html)


def test_the_tables_csv_carries_each_cells_printed_label_and_method(
    portal_client: FlaskClient, archive: ArchiveIds
) -> None:
    report_id = _report_with_applications(portal_client, archive)
    text = portal_client.get(f"/reports/{report_id}/tables.csv").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    new_total = next(row for row in rows if row["cell"] == "applications.new.total")
    assert "本年新收" in new_total["printed_label"]
    assert new_total["read_method"] in {"text", "grid"}
    assert new_total["source_location"]
