"""``nianbao reparse`` re-tags archived reports in place from their stored originals."""

from __future__ import annotations

from pathlib import Path

from flask.testing import FlaskCliRunner
from sqlalchemy import func, select

from archive.indexing import documents_from_database
from index.backend import SearchRequest
from services import Services
from storage.models import Report, ReportVersion


def _age_the_archive(services: Services) -> dict[int, str]:
    """Make the stored tags look like an older parser's: a wrong agency and no template basis."""
    original: dict[int, str] = {}
    with services.database.session() as session:
        for report in session.scalars(select(Report)):
            original[report.id] = report.agency or ""
            report.agency = "旧版解析器的机构名"
            report.template_basis = None
        session.commit()
    return original


def _versions(services: Services) -> int:
    with services.database.session() as session:
        return session.scalar(select(func.count(ReportVersion.id))) or 0


def test_reparse_restores_the_current_parsers_tags_and_prints_what_changed(
    cli_runner: FlaskCliRunner, services: Services, seed_paths: list[Path]
) -> None:
    cli_runner.invoke(args=["ingest", *map(str, seed_paths)])
    versions = _versions(services)
    original = _age_the_archive(services)

    result = cli_runner.invoke(args=["reparse", "--all"])

    assert result.exit_code == 0, result.output
    assert "读取 5 份，变化 5 份" in result.output
    assert "agency: 5 changed" in result.output
    assert "template_basis: 5 changed" in result.output
    with services.database.session() as session:
        reports = session.scalars(select(Report)).all()
        assert {r.id: r.agency for r in reports} == original
        assert all(r.template_basis in {"cited", "tables", "year"} for r in reports)
    assert _versions(services) == versions


def test_reparse_updates_the_search_index(
    cli_runner: FlaskCliRunner, services: Services, seed_paths: list[Path]
) -> None:
    cli_runner.invoke(args=["ingest", str(seed_paths[0])])
    _age_the_archive(services)
    services.search.index_reports(list(documents_from_database(services.database)))
    aged = SearchRequest(query="旧版解析器的机构名")
    assert services.search.search(aged).total == 1

    cli_runner.invoke(args=["reparse", "--all"])

    assert services.search.search(aged).total == 0
    with services.database.session() as session:
        agency = session.scalars(select(Report.agency)).one()
    fresh = services.search.search(SearchRequest(query=agency or ""))
    assert [hit.agency for hit in fresh.hits] == [agency]


def test_a_dry_run_writes_nothing(
    cli_runner: FlaskCliRunner, services: Services, seed_paths: list[Path]
) -> None:
    cli_runner.invoke(args=["ingest", *map(str, seed_paths)])
    _age_the_archive(services)
    result = cli_runner.invoke(args=["reparse", "--all", "--dry-run"])
    assert "试运行" in result.output and "变化 5 份" in result.output
    with services.database.session() as session:
        agencies = set(session.scalars(select(Report.agency)))
    assert agencies == {"旧版解析器的机构名"}


def test_a_missing_original_is_reported_and_the_others_are_reparsed(
    cli_runner: FlaskCliRunner, services: Services, seed_paths: list[Path]
) -> None:
    cli_runner.invoke(args=["ingest", *map(str, seed_paths[:2])])
    _age_the_archive(services)
    with services.database.session() as session:
        first = session.scalars(select(ReportVersion).order_by(ReportVersion.id)).first()
        assert first is not None
        broken_report = first.report_id
        services.blobs.path_for(first.sha256).unlink()

    result = cli_runner.invoke(args=["reparse", "--all"])

    assert f"失败 #{broken_report}" in result.output
    assert "变化 1 份" in result.output and "失败 1 份" in result.output
    with services.database.session() as session:
        agencies = {row.id: row.agency for row in session.execute(select(Report.id, Report.agency))}
    assert agencies[broken_report] == "旧版解析器的机构名"
    assert [a for i, a in agencies.items() if i != broken_report] != ["旧版解析器的机构名"]


def test_since_selects_reports_by_the_date_of_their_latest_version(
    cli_runner: FlaskCliRunner, services: Services, seed_paths: list[Path]
) -> None:
    cli_runner.invoke(args=["ingest", *map(str, seed_paths[:2])])
    assert "读取 0 份" in cli_runner.invoke(args=["reparse", "--since", "2999-01-01"]).output
    assert "读取 2 份" in cli_runner.invoke(args=["reparse", "--since", "2000-01-01"]).output
    refused = cli_runner.invoke(args=["reparse"])
    assert refused.exit_code != 0 and "--all" in refused.output
