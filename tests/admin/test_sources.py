"""The sources page: health columns, stale sources, adding, editing, enabling, schedules."""

from __future__ import annotations

import datetime as dt

from flask.testing import FlaskClient
from sqlalchemy import select

from portal.admin.source_status import source_statuses
from services import Services
from sources.catalogue import SourceConfig, SourcesFile
from sources.schedules import next_run_at
from storage.models import AuditLogEntry, CrawlRun, FetchResult, Report, Source, utcnow
from tests.admin.conftest import post_form

START_URL = "http://127.0.0.1:8000/xxgk/ndbg/"


def write_sources(services: Services, *configs: SourceConfig) -> SourcesFile:
    sources = SourcesFile(services.settings.sources_file)
    sources.save(list(configs))
    return sources


def source_form(**changes: str) -> dict[str, str]:
    fields = {
        "name": "灵武市",
        "start_urls": START_URL,
        "allowed_domains": "",
        "schedule": "30 2 * * *",
        "delay": "2.5",
        "enabled": "y",
    }
    fields.update(changes)
    return fields


def test_next_run_is_the_next_fire_time_of_the_cron_expression() -> None:
    now = dt.datetime(2026, 11, 22, 12, 7, 30)
    quarter_hourly = next_run_at("*/15 * * * *", now)
    assert quarter_hourly is not None
    assert now < quarter_hourly <= now + dt.timedelta(minutes=15)
    assert quarter_hourly.minute % 15 == 0 and quarter_hourly.second == 0
    daily = next_run_at("0 3 * * *", now)
    assert daily is not None
    assert now < daily <= now + dt.timedelta(days=1)
    assert next_run_at("not cron", now) is None
    assert next_run_at("0 3 * * 1 extra", now) is None


def test_source_health_counts_runs_reports_and_flags_sources_without_recent_success(
    services: Services,
) -> None:
    now = utcnow()
    write_sources(
        services,
        SourceConfig(name="健康", start_urls=["http://a.example/"]),
        SourceConfig(name="失联", start_urls=["http://b.example/"]),
    )
    from sources.catalogue import load_sources

    load_sources(services)
    with services.database.session() as session:
        healthy = session.scalar(select(Source).where(Source.name == "健康"))
        session.add_all(
            [
                CrawlRun(
                    source_name="健康", status="finished", finished_at=now - dt.timedelta(days=1)
                ),
                CrawlRun(source_name="健康", status="failed", errors=4),
                CrawlRun(
                    source_name="失联", status="finished", finished_at=now - dt.timedelta(days=20)
                ),
                Report(identity="http://a.example/1", source_id=healthy.id),
                Report(identity="http://a.example/2", source_id=healthy.id),
            ]
        )
    with services.database.session() as session:
        statuses = {status.name: status for status in source_statuses(session, now)}
    healthy_status, lost_status = statuses["健康"], statuses["失联"]
    assert healthy_status.reports_held == 2
    assert healthy_status.last_run_status == "failed"
    assert healthy_status.last_run_errors == 4
    assert healthy_status.last_success_at == now - dt.timedelta(days=1)
    assert healthy_status.stale is False
    assert healthy_status.next_run_at is not None and healthy_status.next_run_at > now
    assert lost_status.stale is True
    assert lost_status.reports_held == 0


def test_sources_page_lists_the_sources_file_and_highlights_stale_ones(
    signed_in_client: FlaskClient, services: Services
) -> None:
    write_sources(services, SourceConfig(name="久未成功", start_urls=["http://c.example/"]))
    with services.database.session() as session:
        session.add(
            CrawlRun(
                source_name="久未成功",
                status="finished",
                finished_at=utcnow() - dt.timedelta(days=30),
            )
        )
    html = signed_in_client.get("/admin/sources").get_data(as_text=True)
    assert "久未成功" in html
    assert 'class="stale"' in html
    assert "14 天未成功" in html
    assert "立即抓取" in html


def test_adding_a_source_writes_the_sources_file_and_the_audit_log(
    signed_in_client: FlaskClient, services: Services
) -> None:
    response = post_form(
        signed_in_client, "/admin/sources/new", "/admin/sources/new", source_form()
    )
    assert response.status_code == 302
    [config] = SourcesFile(services.settings.sources_file).load()
    assert (config.name, config.start_urls, config.schedule, config.delay) == (
        "灵武市",
        [START_URL],
        "30 2 * * *",
        2.5,
    )
    assert config.allowed_domains == ["127.0.0.1"]
    with services.database.session() as session:
        assert (
            session.scalar(select(Source.schedule).where(Source.name == "灵武市")) == "30 2 * * *"
        )
        assert session.scalars(select(AuditLogEntry.action)).all()[-1] == "source.add"


def test_an_invalid_cron_expression_is_refused(
    signed_in_client: FlaskClient, services: Services
) -> None:
    response = post_form(
        signed_in_client,
        "/admin/sources/new",
        "/admin/sources/new",
        source_form(schedule="every day"),
    )
    assert response.status_code == 200
    assert "cron" in response.get_data(as_text=True)
    assert SourcesFile(services.settings.sources_file).load() == []


def test_editing_changes_schedule_and_politeness(
    signed_in_client: FlaskClient, services: Services
) -> None:
    write_sources(
        services,
        SourceConfig(name="灵武市", start_urls=[START_URL], hints={"list_selector": "ul.list"}),
    )
    page = signed_in_client.get("/admin/sources/灵武市/edit").get_data(as_text=True)
    assert "ul.list" in page
    response = post_form(
        signed_in_client,
        "/admin/sources/灵武市/edit",
        "/admin/sources/灵武市/edit",
        source_form(schedule="0 4 1 * *", delay="5", list_selector="ul.list"),
    )
    assert response.status_code == 302
    config = SourcesFile(services.settings.sources_file).get("灵武市")
    assert (config.schedule, config.delay, config.hints) == (
        "0 4 1 * *",
        5.0,
        {"list_selector": "ul.list"},
    )
    with services.database.session() as session:
        entry = session.scalars(select(AuditLogEntry).order_by(AuditLogEntry.id.desc())).first()
    assert entry.action == "source.edit"
    assert "0 4 1 * *" in entry.detail


def test_disabling_and_enabling_a_source(signed_in_client: FlaskClient, services: Services) -> None:
    sources = write_sources(services, SourceConfig(name="灵武市", start_urls=[START_URL]))
    post_form(signed_in_client, "/admin/sources", "/admin/sources/灵武市/disable")
    assert sources.get("灵武市").enabled is False
    with services.database.session() as session:
        assert session.scalar(select(Source.enabled).where(Source.name == "灵武市")) is False
    post_form(signed_in_client, "/admin/sources", "/admin/sources/灵武市/enable")
    assert sources.get("灵武市").enabled is True


def test_editing_an_unknown_source_is_404(signed_in_client: FlaskClient) -> None:
    assert signed_in_client.get("/admin/sources/nobody/edit").status_code == 404


def test_the_schedule_help_says_beijing_time_and_crontab_weekday_numbers(
    signed_in_client: FlaskClient,
) -> None:
    html = signed_in_client.get("/admin/sources/new").get_data(as_text=True)
    assert "按北京时间执行" in html
    assert "0 和 7 都是周日" in html and "数字 0 当作周一" not in html


def test_a_source_whose_every_fetch_failed_is_not_healthy(
    services: Services, signed_in_client: FlaskClient
) -> None:
    now = utcnow()
    write_sources(services, SourceConfig(name="全失败", start_urls=["http://c.example/"]))
    from sources.catalogue import load_sources

    load_sources(services)
    with services.database.session() as session:
        session.add_all(
            [
                CrawlRun(
                    source_name="全失败", status="finished", pages_fetched=3, errors=0,
                    reports_unchanged=3, finished_at=now - dt.timedelta(days=3),
                ),
                CrawlRun(
                    source_name="全失败", status="finished", pages_fetched=5, errors=5,
                    finished_at=now - dt.timedelta(days=2),
                ),
                CrawlRun(
                    source_name="全失败", status="finished", pages_fetched=4, errors=4,
                    finished_at=now - dt.timedelta(days=1),
                ),
            ]
        )  # fmt: skip
    with services.database.session() as session:
        status = {s.name: s for s in source_statuses(session, now)}["全失败"]
    assert status.last_run_outcome == "failed"
    assert status.failures_in_a_row == 2
    assert status.last_success_at == now - dt.timedelta(days=3)  # not the runs that read nothing
    assert status.stale is True
    html = signed_in_client.get("/admin/sources").get_data(as_text=True)
    assert "连续 2 次失败" in html and "（4 个错误）" in html


def test_run_outcomes_tell_success_partial_and_failure_apart() -> None:
    from sources.run_outcomes import run_outcome

    assert run_outcome(CrawlRun(status="finished", errors=0, pages_fetched=3)) == "success"
    assert (
        run_outcome(CrawlRun(status="finished", errors=2, pages_fetched=6, reports_new=1))
        == "partial"
    )
    assert run_outcome(CrawlRun(status="finished", errors=5, pages_fetched=5)) == "failed"
    assert run_outcome(CrawlRun(status="failed")) == "failed"
    assert run_outcome(CrawlRun(status="running")) == "running"


def test_a_report_reached_from_two_sources_counts_for_both(services: Services) -> None:
    write_sources(
        services,
        SourceConfig(name="市政府网站", start_urls=["http://city.example/"]),
        SourceConfig(name="部门网站", start_urls=["http://dept.example/"]),
    )
    from sources.catalogue import load_sources

    load_sources(services)
    with services.database.session() as session:
        first = session.scalar(select(Source).where(Source.name == "市政府网站"))
        session.add(Report(identity="http://city.example/nb/2023.html", source_id=first.id))
        for name, outcome in (("市政府网站", "new"), ("部门网站", "unchanged")):
            run = CrawlRun(source_name=name, status="finished", pages_fetched=1)
            session.add(run)
            session.flush()
            session.add(
                FetchResult(
                    run_id=run.id, url="http://city.example/nb/2023.html", kind="report",
                    ok=True, outcome=outcome,
                )
            )  # fmt: skip
    with services.database.session() as session:
        statuses = {s.name: s for s in source_statuses(session, utcnow())}
    assert statuses["市政府网站"].reports_held == 1
    assert statuses["部门网站"].reports_held == 1
