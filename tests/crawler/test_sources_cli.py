"""``nianbao sources`` and ``nianbao crawl``: sources.toml mirrored in the database, crawls with a summary."""

from __future__ import annotations

import tomllib

from flask.testing import FlaskCliRunner
from sqlalchemy import select

from config import Settings
from services import Services
from storage.models import Source
from tests.gov_sites.sites import hanweb_portal


def test_sources_add_list_remove_keep_file_and_table_in_sync(
    cli_runner: FlaskCliRunner, settings: Settings, services: Services
) -> None:
    added = cli_runner.invoke(
        args=[
            "sources",
            "add",
            "灵武市",
            "http://www.lingwu.gov.cn/xxgk/ndbg/",
            "--schedule",
            "30 2 * * *",
            "--delay",
            "2",
            "--link-pattern",
            r"/art/\d+/",
        ]
    )
    assert added.exit_code == 0, added.output
    document = tomllib.loads(settings.sources_file.read_text(encoding="utf-8"))
    assert document["sources"][0]["allowed_domains"] == ["www.lingwu.gov.cn"]
    assert document["sources"][0]["hints"] == {"link_pattern": r"/art/\d+/"}

    listed = cli_runner.invoke(args=["sources", "list"])
    assert "灵武市" in listed.output and "30 2 * * *" in listed.output

    bad = cli_runner.invoke(
        args=["sources", "add", "坏的", "http://x.gov.cn/", "--schedule", "every day"]
    )
    assert bad.exit_code != 0 and "cron" in bad.output

    removed = cli_runner.invoke(args=["sources", "remove", "灵武市"])
    assert removed.exit_code == 0
    with services.database.session() as session:
        row = session.scalar(select(Source).where(Source.name == "灵武市"))
        assert row is not None and row.enabled is False and row.delay == 2.0


def test_crawl_command_prints_progress_and_a_summary(cli_runner: FlaskCliRunner, serve) -> None:  # type: ignore[no-untyped-def]
    portal = hanweb_portal()
    server = serve(portal.routes)
    result = cli_runner.invoke(
        args=["crawl", "--start-url", server.url(portal.start_path), "--delay", "0"]
    )
    assert result.exit_code == 0, result.output
    assert "新增 5" in result.output and "错误 0" in result.output
    assert "dataproxy.jsp" in result.output  # one log line per page when not on a terminal

    again = cli_runner.invoke(
        args=["crawl", "--start-url", server.url(portal.start_path), "--max-pages", "2"]
    )
    assert "抓取页面 2" in again.output

    neither = cli_runner.invoke(args=["crawl"])
    assert neither.exit_code != 0
