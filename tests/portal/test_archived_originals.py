"""Every stored version of a report can be fetched as the bytes we archived, and an archived
HTML page can be read as a safe snapshot: a journalist can cite the original, not our reading."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from archive.pipeline import ArchivePipeline, FetchedDocument
from parsers import parse_document
from services import Services
from storage.models import Report

SEED = Path(__file__).resolve().parents[2] / "demo_portal" / "seeds"
HOSTILE_PAGE = """<!doctype html><html><head><meta charset="utf-8">
<title>灵武市科学技术局2021年政府信息公开工作年度报告</title>
<link rel="stylesheet" href="https://tracker.example.com/site.css">
<script>document.title = "stolen"</script></head>
<body onload="alert(1)"><h1 style="color: #333">灵武市科学技术局2021年政府信息公开工作年度报告</h1>
<p style="background: url(https://tracker.example.com/pixel.gif)">根据《条例》编制本报告。</p>
<img src="https://tracker.example.com/logo.png" alt="logo">
<iframe src="https://tracker.example.com/frame"></iframe>
<a href="javascript:alert(2)">点我</a> <a href="https://www.lingwu.gov.cn/">灵武市人民政府</a>
<table border="1"><tr><td colspan="2">本年新收政府信息公开申请数量</td><td>12</td></tr></table>
</body></html>"""


@pytest.fixture
def archived(services: Services) -> dict[str, int]:
    """One report with two versions (an HTML page, then its PDF attachment) and one DOCX."""
    seed_text = next(SEED.glob("*.txt")).read_bytes()
    parsed = parse_document(seed_text, filename="seed.txt")
    pdf_bytes = (
        b"%PDF-1.4\n% a stand-in body is enough: the route serves bytes, it does not parse\n"
    )
    with ArchivePipeline(services) as pipeline:
        page = pipeline.archive(
            FetchedDocument(
                identity="https://www.lingwu.gov.cn/xxgk/nb/2021.html",
                data=HOSTILE_PAGE.encode(),
                url="https://www.lingwu.gov.cn/xxgk/nb/2021.html",
                content_type="text/html; charset=utf-8",
            ),
            parsed=parsed,
        )
        pipeline.archive(
            FetchedDocument(
                identity="https://www.lingwu.gov.cn/xxgk/nb/2021.html",
                data=pdf_bytes,
                url="https://www.lingwu.gov.cn/xxgk/nb/2021.html",
                content_type="application/pdf",
                filename="灵武市科技局2021年报.pdf",
                role="attachment",
                fetched_url="https://www.lingwu.gov.cn/xxgk/nb/files/2021.pdf",
            ),
            parsed=parsed,
        )
    return {"report": page.report_id}


def _versions(client: FlaskClient, report_id: int) -> list[dict]:
    return client.get(f"/api/v1/reports/{report_id}").get_json()["versions"]


def test_every_version_is_served_as_the_bytes_that_were_archived(
    client: FlaskClient, archived: dict[str, int]
) -> None:
    versions = _versions(client, archived["report"])
    assert [v["number"] for v in versions] == [1, 2]
    for version in versions:
        response = client.get(version["original_url"])
        assert response.status_code == 200
        assert hashlib.sha256(response.data).hexdigest() == version["sha256"]
        assert len(response.data) == version["size"]
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in response.headers["Content-Security-Policy"]


def test_a_page_downloads_and_a_pdf_opens_inline_each_under_its_own_name(
    client: FlaskClient, archived: dict[str, int]
) -> None:
    page, pdf = _versions(client, archived["report"])
    page_response = client.get(page["original_url"])
    assert page_response.mimetype == "text/html"
    assert page_response.headers["Content-Disposition"].startswith("attachment;")
    pdf_response = client.get(pdf["original_url"])
    assert pdf_response.mimetype == "application/pdf"
    disposition = pdf_response.headers["Content-Disposition"]
    assert disposition.startswith("inline;")
    # The Chinese file name travels in RFC 5987 form, with an ASCII fallback for old clients.
    assert "filename*=UTF-8''%E7%81%B5%E6%AD%A6" in disposition
    assert re.search(r'filename="[A-Za-z0-9._-]+\.pdf"', disposition)


def test_the_snapshot_of_a_page_keeps_its_text_and_tables_and_drops_everything_active(
    client: FlaskClient, archived: dict[str, int]
) -> None:
    page, pdf = _versions(client, archived["report"])
    assert pdf["snapshot_url"] is None
    response = client.get(page["snapshot_url"])
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "根据《条例》编制本报告。" in html
    assert '<td colspan="2">本年新收政府信息公开申请数量</td>' in html
    for active in ("<script", "onload", "<iframe", "javascript:", "tracker.example.com", "<img"):
        assert active not in html, active
    assert 'style="color: #333"' in html  # the page's own inline style stays
    policy = response.headers["Content-Security-Policy"]
    assert "sandbox" in policy and "default-src 'none'" in policy
    assert "script-src" not in policy  # no script source is allowed at all
    assert "这是“年报”档案保存的网页快照" in html
    assert page["sha256"] in html


def test_a_version_that_is_not_a_page_has_no_snapshot(
    client: FlaskClient, archived: dict[str, int]
) -> None:
    response = client.get(f"/reports/{archived['report']}/versions/2/snapshot")
    assert response.status_code == 404
    assert "不是网页" in response.get_data(as_text=True)


def test_an_unknown_version_and_a_missing_blob_are_clear_404s(
    client: FlaskClient, services: Services, archived: dict[str, int]
) -> None:
    unknown = client.get(f"/reports/{archived['report']}/versions/9/original")
    assert unknown.status_code == 404
    assert "没有第 9 版（共 2 版）" in unknown.get_data(as_text=True)
    page = _versions(client, archived["report"])[0]
    services.blobs.path_for(page["sha256"]).unlink()
    missing = client.get(page["original_url"])
    assert missing.status_code == 404
    assert "存档文件缺失" in missing.get_data(as_text=True)
    assert client.get(page["snapshot_url"]).status_code == 404


def test_the_report_page_lists_each_version_with_its_hash_size_source_and_beijing_time(
    client: FlaskClient, services: Services, archived: dict[str, int]
) -> None:
    html = client.get(f"/reports/{archived['report']}").get_data(as_text=True)
    versions = _versions(client, archived["report"])
    for version in versions:
        assert version["sha256"] in html
        assert f'href="{version["original_url"]}"' in html
    assert f'href="{versions[0]["snapshot_url"]}"' in html
    assert "https://www.lingwu.gov.cn/xxgk/nb/files/2021.pdf" in html
    assert "第 1 版" in html and "第 2 版" in html
    with services.database.session() as session:
        fetched = session.get(Report, archived["report"]).versions[0].fetched_at
    beijing = (fetched.replace(tzinfo=dt.UTC) + dt.timedelta(hours=8)).strftime("%Y-%m-%d %H:%M")
    assert f"采集于 {beijing}（北京时间）" in html


def test_a_report_gone_from_its_portal_leads_with_the_archived_copy(
    client: FlaskClient, services: Services, archived: dict[str, int]
) -> None:
    page_before = client.get(f"/reports/{archived['report']}").get_data(as_text=True)
    actions_before = page_before.split('class="report-actions"')[1].split("</p>")[0]
    assert actions_before.index("查看政府网站原文") < actions_before.index("查看存档原件")
    with services.database.session() as session:
        session.get(Report, archived["report"]).gone_at = dt.datetime(2026, 1, 1)
        session.commit()
    page_after = client.get(f"/reports/{archived['report']}").get_data(as_text=True)
    actions = page_after.split('class="report-actions"')[1].split("</p>")[0]
    assert actions.index("查看存档原件") < actions.index("查看政府网站原文")
    assert "链接可能已失效" in actions


def test_a_report_from_a_portal_on_this_machine_leads_with_the_archived_copy(
    client: FlaskClient, services: Services
) -> None:
    # make demo crawls a demo portal on 127.0.0.1 and then stops it: its links are dead.
    seed_text = next(SEED.glob("*.txt")).read_bytes()
    with ArchivePipeline(services) as pipeline:
        report_id = pipeline.archive(
            FetchedDocument(
                identity="http://127.0.0.1:8123/xxgk/2021.html",
                data=HOSTILE_PAGE.encode(),
                url="http://127.0.0.1:8123/xxgk/2021.html",
                content_type="text/html",
            ),
            parsed=parse_document(seed_text, filename="seed.txt"),
        ).report_id
    html = client.get(f"/reports/{report_id}").get_data(as_text=True)
    actions = html.split('class="report-actions"')[1].split("</p>")[0]
    assert actions.index("查看存档原件") < actions.index("查看政府网站原文")
