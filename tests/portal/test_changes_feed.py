"""发布后被修改: every report whose document changed after we first archived it is an event in a
public Atom and JSON feed, newest first, linking to the differences between its versions."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

from flask.testing import FlaskClient

from archive.pipeline import ArchivePipeline, FetchedDocument
from services import Services
from storage.models import Report

SEED = Path(__file__).resolve().parents[2] / "demo_portal" / "seeds" / "000_77fbe9a8d492d01e.txt"
ATOM = "{http://www.w3.org/2005/Atom}"


def _archive(services: Services, text: str, url: str) -> int:
    with ArchivePipeline(services) as pipeline:
        return pipeline.archive(
            FetchedDocument(identity=url, data=text.encode(), url=url, filename="r.txt")
        ).report_id


def test_a_report_changed_after_publication_is_a_feed_event(
    client: FlaskClient, services: Services
) -> None:
    text = SEED.read_text(encoding="utf-8")
    url = "https://www.lingwu.gov.cn/2021.html"
    report_id = _archive(services, text, url)
    _archive(
        services,
        SEED.read_text(encoding="utf-8").replace("灵武市", "吴忠市"),
        "https://x.gov.cn/b.html",
    )
    assert client.get("/changes.json").get_json()["changes"] == []

    changed = _archive(services, text.replace("主动公开", "主动公开（修订）", 1), url)
    assert changed == report_id
    data = client.get("/changes.json").get_json()
    assert [c["report"]["id"] for c in data["changes"]] == [report_id]
    entry = data["changes"][0]
    assert entry["event"] == "changed_after_publication" and entry["versions"] == 2
    assert entry["report"]["diff"].endswith(f"/reports/{report_id}/diff")

    response = client.get("/changes.atom")
    assert response.mimetype == "application/atom+xml"
    feed = ET.fromstring(response.data)
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 1
    assert entries[0].findtext(f"{ATOM}title", "").startswith("［发布后修改］")
    link = entries[0].find(f"{ATOM}link[@rel='alternate']")
    assert link is not None and link.get("href", "").endswith(f"/reports/{report_id}/diff")
    assert "2 个版本" in entries[0].findtext(f"{ATOM}summary", "")

    # Filters narrow the feed; a bad filter is a clear 400.
    province = client.get(f"/api/v1/reports/{report_id}").get_json()["province"]
    assert len(client.get(f"/changes.json?province={province}").get_json()["changes"]) == 1
    assert client.get("/changes.json?province=海南省").get_json()["changes"] == []
    assert client.get("/changes.json?year=2021").get_json()["changes"] != []
    assert client.get("/changes.json?year=2020").get_json()["changes"] == []
    assert client.get("/changes.json?level=galaxy").status_code == 400
    assert "changes.atom" in client.get("/stats").get_data(as_text=True)


def test_a_crawled_title_is_escaped_in_the_changes_feed(
    client: FlaskClient, services: Services
) -> None:
    text = SEED.read_text(encoding="utf-8")
    url = "https://www.lingwu.gov.cn/x.html"
    report_id = _archive(services, text, url)
    _archive(services, text + "\n（修订）\n", url)
    with services.database.session() as session:  # any title a page could carry
        report = session.get(Report, report_id)
        assert report is not None
        report.title = "年报<script>alert(1)</script>"
        session.commit()
    body = client.get("/changes.atom").get_data(as_text=True)
    assert "<script>" not in body and "&lt;script&gt;" in body
    entry = ET.fromstring(body).find(f"{ATOM}entry")
    assert entry is not None and "<script>" in entry.findtext(f"{ATOM}title", "")
