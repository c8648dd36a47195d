"""Runs: the list, live progress as JSON, cancelling, and retrying failed URLs."""

from __future__ import annotations

import json

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from services import Services
from storage.models import AuditLogEntry, CrawlRequest, CrawlRun, FetchResult, utcnow
from tests.admin.conftest import post_form


def add_run(services: Services, **counters: object) -> int:
    with services.database.session() as session:
        run = CrawlRun(source_name="演示门户", start_urls=["http://127.0.0.1/xxgk/"], **counters)
        session.add(run)
        session.flush()
        return run.id


def test_progress_json_reflects_the_run_counters(
    signed_in_client: FlaskClient, services: Services
) -> None:
    run_id = add_run(
        services,
        status="running",
        pages_fetched=7,
        reports_new=3,
        reports_changed=1,
        reports_unchanged=2,
        errors=1,
    )
    progress = signed_in_client.get(f"/admin/runs/{run_id}/progress.json").get_json()
    assert progress["status"] == "running"
    assert progress["active"] is True
    assert (progress["pages_fetched"], progress["reports_new"], progress["reports_changed"]) == (
        7,
        3,
        1,
    )
    assert (progress["reports_unchanged"], progress["errors"]) == (2, 1)
    assert progress["finished_at"] is None

    with services.database.session() as session:
        run = session.get(CrawlRun, run_id)
        run.pages_fetched, run.reports_new, run.status, run.finished_at = 9, 5, "finished", utcnow()
    progress = signed_in_client.get(f"/admin/runs/{run_id}/progress.json").get_json()
    assert (progress["pages_fetched"], progress["reports_new"]) == (9, 5)
    assert progress["status"] == "finished"
    assert progress["active"] is False
    assert progress["finished_at"].endswith("Z")


def test_progress_json_of_an_unknown_run_is_404(signed_in_client: FlaskClient) -> None:
    assert signed_in_client.get("/admin/runs/999/progress.json").status_code == 404


def test_run_page_shows_counters_log_failures_and_the_polling_script(
    signed_in_client: FlaskClient, services: Services
) -> None:
    run_id = add_run(services, status="running", pages_fetched=4, log="开始抓取\n")
    with services.database.session() as session:
        session.add(
            FetchResult(
                run_id=run_id,
                url="http://127.0.0.1/broken.html",
                ok=False,
                status_code=500,
                error="HTTP 500 服务器错误",
            )
        )
        session.add(FetchResult(run_id=run_id, url="http://127.0.0.1/fine.html", ok=True))
    html = signed_in_client.get(f"/admin/runs/{run_id}").get_data(as_text=True)
    assert f'data-progress-url="/admin/runs/{run_id}/progress.json"' in html
    assert "/static/admin/run_progress.js" in html
    assert "开始抓取" in html
    assert "http://127.0.0.1/broken.html" in html
    assert "HTTP 500 服务器错误" in html
    assert "http://127.0.0.1/fine.html" not in html
    assert "取消任务" in html


def test_runs_list_links_every_run(signed_in_client: FlaskClient, services: Services) -> None:
    first, second = add_run(services, status="finished"), add_run(services, status="running")
    html = signed_in_client.get("/admin/runs").get_data(as_text=True)
    assert f'href="/admin/runs/{first}"' in html
    assert f'href="/admin/runs/{second}"' in html
    assert "运行中" in html and "已完成" in html


def test_cancel_sets_the_flag_on_a_running_crawl_and_is_audited(
    signed_in_client: FlaskClient, services: Services
) -> None:
    run_id = add_run(services, status="running")
    response = post_form(signed_in_client, f"/admin/runs/{run_id}", f"/admin/runs/{run_id}/cancel")
    assert response.status_code == 302
    with services.database.session() as session:
        assert session.get(CrawlRun, run_id).cancel_requested is True
        actions = list(session.scalars(select(AuditLogEntry.action)))
    assert "run.cancel" in actions
    assert "已请求取消" in signed_in_client.get(f"/admin/runs/{run_id}").get_data(as_text=True)


def test_cancel_leaves_a_finished_run_alone(
    signed_in_client: FlaskClient, services: Services
) -> None:
    run_id = add_run(services, status="finished")
    post_form(signed_in_client, f"/admin/runs/{run_id}", f"/admin/runs/{run_id}/cancel")
    with services.database.session() as session:
        assert session.get(CrawlRun, run_id).cancel_requested is False


def test_retry_queues_exactly_the_failed_urls(
    signed_in_client: FlaskClient, services: Services
) -> None:
    run_id = add_run(services, status="finished", errors=3)
    failed = ["http://127.0.0.1/a.html", "http://127.0.0.1/b.pdf"]
    with services.database.session() as session:
        for url in [*failed, failed[0]]:
            session.add(FetchResult(run_id=run_id, url=url, ok=False, error="timeout"))
        session.add(FetchResult(run_id=run_id, url="http://127.0.0.1/ok.html", ok=True))
    response = post_form(
        signed_in_client, f"/admin/runs/{run_id}", f"/admin/runs/{run_id}/retry-failed"
    )
    assert response.status_code == 302
    with services.database.session() as session:
        request = session.scalars(select(CrawlRequest)).one()
        actions = list(session.scalars(select(AuditLogEntry.action)))
    assert response.headers["Location"] == f"/admin/requests/{request.id}"
    assert request.kind == "retry"
    assert request.status == "queued"
    assert request.requested_by == "alice"
    assert json.loads(request.target) == failed
    assert "crawl_request.retry" in actions


@pytest.mark.parametrize(
    "path",
    ["/admin/runs/{n}", "/admin/runs/{n}/progress.json", "/admin/requests/{n}",
     "/admin/requests/{n}/status.json"],
)  # fmt: skip
def test_admin_pages_of_ids_beyond_any_record_are_404_not_500(
    signed_in_client: FlaskClient, path: str
) -> None:
    for number in ("9" * 25, str(2**63), "0"):
        assert signed_in_client.get(path.format(n=number)).status_code == 404


def test_fetch_errors_are_shown_in_chinese_with_the_original_as_a_tooltip() -> None:
    from portal.admin.display import fetch_error_label

    assert (
        fetch_error_label("connection failed: [Errno 111] refused")
        == "连接失败：[Errno 111] refused"
    )
    assert (
        fetch_error_label("HTTP 503 Service Unavailable") == "网站返回 HTTP 503 Service Unavailable"
    )
    assert fetch_error_label("read timeout: 30 s") == "读取超时：30 s"
    assert "NIANBAO_ALLOW_PRIVATE_ADDRESSES" in fetch_error_label(
        "127.0.0.1 resolves to non-public address 127.0.0.1"
    )
    assert fetch_error_label(None) == ""


def test_a_skipped_host_says_why_in_chinese() -> None:
    from portal.admin.display import fetch_error_label

    label = fetch_error_label(
        "robots.txt unavailable (connection failed: connection refused); host skipped"
    )
    assert label == "无法读取 robots.txt，本次跳过该网站（连接失败：connection refused）"


def test_a_runs_log_reads_in_chinese_and_beijing_time_for_admins() -> None:
    from portal.admin.display import run_log_for_admins

    log = (
        "2026-12-04 07:30:00 started: 演示门户\n"
        "2026-12-04 07:30:05 error http://x.example/a.html: connection failed: refused\n"
        "2026-12-04 07:31:00 finished: 5 pages this session, 5 new, 0 changed, 0 unchanged, "
        "1 errors, 0 gone\n"
    )
    shown = run_log_for_admins(log).splitlines()
    assert shown[0] == "2026-12-04 15:30:00 开始：演示门户"
    assert shown[1] == "2026-12-04 15:30:05 出错 http://x.example/a.html：连接失败：refused"
    assert shown[2].startswith("2026-12-04 15:31:00 已完成：本次抓取 5 页，新增 5")
    assert "started" not in run_log_for_admins(log) and "pages this session" not in "\n".join(shown)
