"""Recrawl now: the button queues a CrawlRequest for the scheduler and links to its run."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.admin.source_registry import add_source
from services import Services
from sources.catalogue import SourceConfig
from storage.models import AuditLogEntry, CrawlRequest, CrawlRun, utcnow
from tests.admin.conftest import post_form


def queued_requests(services: Services) -> list[CrawlRequest]:
    with services.database.session() as session:
        return list(session.scalars(select(CrawlRequest).order_by(CrawlRequest.id)))


def audit_entries(services: Services) -> list[AuditLogEntry]:
    with services.database.session() as session:
        return list(session.scalars(select(AuditLogEntry).order_by(AuditLogEntry.id)))


@pytest.mark.parametrize(
    ("kind", "target", "expected_target"),
    [
        ("all", "", None),
        ("source", "演示门户", "演示门户"),
        ("url", "http://127.0.0.1:8000/xxgk/ndbg/", "http://127.0.0.1:8000/xxgk/ndbg/"),
    ],
)
def test_recrawl_creates_a_queued_request_and_an_audit_entry(
    signed_in_client: FlaskClient,
    services: Services,
    kind: str,
    target: str,
    expected_target: str | None,
) -> None:
    add_source(services, SourceConfig("演示门户", ["http://127.0.0.1:8000/xxgk/ndbg/"]))
    response = post_form(
        signed_in_client, "/admin/sources", "/admin/recrawl", {"kind": kind, "target": target}
    )
    assert response.status_code == 302
    [request] = queued_requests(services)
    assert (request.kind, request.target, request.status) == (kind, expected_target, "queued")
    assert request.requested_by == "alice"
    assert request.run_id is None
    assert response.headers["Location"] == f"/admin/requests/{request.id}"
    entry = audit_entries(services)[-1]
    assert (entry.user_name, entry.action, entry.remote_addr) == (
        "alice",
        f"crawl_request.{kind}",
        "127.0.0.1",
    )
    assert f"请求 #{request.id}" in entry.detail


def test_recrawl_of_a_source_that_does_not_exist_is_refused(
    signed_in_client: FlaskClient, services: Services
) -> None:
    response = post_form(
        signed_in_client,
        "/admin/sources",
        "/admin/recrawl",
        {"kind": "source", "target": "无此来源"},
    )
    assert response.status_code == 400
    assert "没有名为“无此来源”的来源" in response.get_data(as_text=True)
    assert queued_requests(services) == []


def test_recrawl_of_a_url_needs_a_url(signed_in_client: FlaskClient, services: Services) -> None:
    response = post_form(
        signed_in_client, "/admin/sources", "/admin/recrawl", {"kind": "url", "target": "not a url"}
    )
    assert response.status_code == 400
    assert "网址" in response.get_data(as_text=True)
    assert queued_requests(services) == []


def test_request_page_says_when_it_was_queued_and_links_the_run_once_picked(
    signed_in_client: FlaskClient, services: Services
) -> None:
    post_form(signed_in_client, "/admin/sources", "/admin/recrawl", {"kind": "all"})
    [request] = queued_requests(services)
    page = signed_in_client.get(f"/admin/requests/{request.id}").get_data(as_text=True)
    assert "加入队列" in page
    assert "尚未开始" in page
    assert "/static/admin/request_status.js" in page
    status = signed_in_client.get(f"/admin/requests/{request.id}/status.json").get_json()
    assert (status["status"], status["run_url"]) == ("queued", None)

    # What the scheduler does when it picks the request.
    with services.database.session() as session:
        run = CrawlRun(status="running", trigger="admin")
        session.add(run)
        session.flush()
        picked = session.get(CrawlRequest, request.id)
        picked.status, picked.picked_at, picked.run_id = "running", utcnow(), run.id
        run_id = run.id

    page = signed_in_client.get(f"/admin/requests/{request.id}").get_data(as_text=True)
    assert f'href="/admin/runs/{run_id}"' in page
    status = signed_in_client.get(f"/admin/requests/{request.id}/status.json").get_json()
    assert status["status"] == "running"
    assert status["run_url"] == f"/admin/runs/{run_id}"
    assert status["picked_at"] is not None


def test_rebuild_index_is_queued_as_a_reindex_request(
    signed_in_client: FlaskClient, services: Services
) -> None:
    page = signed_in_client.get("/admin/index").get_data(as_text=True)
    assert "索引中的文档" in page
    response = post_form(signed_in_client, "/admin/index", "/admin/index/rebuild")
    assert response.status_code == 302
    [request] = queued_requests(services)
    assert (request.kind, request.status) == ("reindex", "queued")
    assert audit_entries(services)[-1].action == "crawl_request.reindex"
    assert f"#{request.id}" in signed_in_client.get("/admin/index").get_data(as_text=True)


def test_audit_page_shows_who_did_what_from_where(signed_in_client: FlaskClient) -> None:
    post_form(signed_in_client, "/admin/sources", "/admin/recrawl", {"kind": "all"})
    html = signed_in_client.get("/admin/audit").get_data(as_text=True)
    assert "请求重新抓取全部来源" in html and 'title="crawl_request.all"' in html
    assert "登录" in html
    assert "alice" in html
    assert "127.0.0.1" in html


def test_request_page_links_only_the_run_the_scheduler_recorded_for_it(
    signed_in_client: FlaskClient, services: Services
) -> None:
    add_source(services, SourceConfig("灵武市", ["http://127.0.0.1:8000/xxgk/ndbg/"]))
    post_form(
        signed_in_client, "/admin/sources", "/admin/recrawl", {"kind": "source", "target": "灵武市"}
    )
    [request] = queued_requests(services)
    with services.database.session() as session:
        picked = session.get(CrawlRequest, request.id)
        assert picked is not None
        picked.status, picked.picked_at = "running", utcnow()
        # Another run of the same source, started after the request was picked: no guessing.
        session.add(CrawlRun(source_name="灵武市", status="running", trigger="request"))
    status = signed_in_client.get(f"/admin/requests/{request.id}/status.json").get_json()
    assert (status["status"], status["run_url"]) == ("running", None)
    page = signed_in_client.get(f"/admin/requests/{request.id}").get_data(as_text=True)
    assert "尚未开始" in page


def test_an_all_sources_request_page_links_every_run_it_started(
    signed_in_client: FlaskClient, services: Services
) -> None:
    post_form(signed_in_client, "/admin/sources", "/admin/recrawl", {"kind": "all"})
    [request] = queued_requests(services)
    with services.database.session() as session:
        row = session.get(CrawlRequest, request.id)
        assert row is not None
        row.status, row.picked_at = "running", utcnow()
        ids = []
        for name in ("甲", "乙"):
            run = CrawlRun(source_name=name, status="finished", trigger="request",
                           settings={"request_id": request.id})  # fmt: skip
            session.add(run)
            session.flush()
            ids.append(run.id)
        session.add(CrawlRun(source_name="丙", status="running", trigger="request"))  # not ours
        row.run_id = ids[-1]
    page = signed_in_client.get(f"/admin/requests/{request.id}").get_data(as_text=True)
    assert "这次请求启动的全部抓取任务（2）" in page
    for run_id in ids:
        assert f"/admin/runs/{run_id}" in page
