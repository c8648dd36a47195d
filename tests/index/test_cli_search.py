"""``nianbao reindex`` and ``nianbao search`` on a small database."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import flask
import pytest
from click.testing import Result

from archive.indexing import index_document_from_report
from cli.reindex import reindex_command
from cli.search import search_command
from config import Settings
from services import Services
from storage.models import Report
from tests.index.conftest import corpus


@pytest.fixture(params=["whoosh", "tantivy"])
def cli_app(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[flask.Flask]:
    """A minimal app whose database holds the test corpus as reports."""
    app = flask.Flask("t")
    settings = Settings(data_dir=tmp_path, search_backend=request.param)
    services = Services.from_settings(settings)
    app.extensions["nianbao"] = services
    with services.database.session() as session:
        for document in corpus():
            session.add(
                Report(
                    id=document.id,
                    identity=f"https://example.gov.cn/{document.id}.html",
                    url=f"https://example.gov.cn/{document.id}.html",
                    title=document.title,
                    agency=document.agency,
                    agency_kind=document.agency_kind,
                    province=document.province,
                    city=document.city,
                    county=document.county,
                    level=document.level,
                    year=document.year,
                    template=document.template,
                    published=document.published,
                    consistency_status=document.consistency,
                    text=document.body,
                )
            )
    yield app
    services.close()


def run(app: flask.Flask, command, *args: str) -> Result:  # type: ignore[no-untyped-def]
    return app.test_cli_runner().invoke(command, list(args))


def test_reindex_indexes_every_report_of_the_database(cli_app: flask.Flask) -> None:
    result = run(cli_app, reindex_command, "--batch-size", "4")
    assert result.exit_code == 0, result.output
    assert "9 份报告" in result.output
    assert cli_app.extensions["nianbao"].search.document_count() == 9


def test_search_json_lists_total_hits_and_facets(cli_app: flask.Flask) -> None:
    run(cli_app, reindex_command)
    result = run(cli_app, search_command, "公安局", "--filter", "year=2022", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["total"] == 1
    hit = data["hits"][0]
    assert (hit["id"], hit["agency"], hit["year"]) == (11, "银川市公安局", 2022)
    assert hit["url"] == "https://example.gov.cn/11.html"
    assert "<mark>公安局</mark>" in hit["snippet"]
    assert {"value": "2019", "count": 1} in data["facets"]["year"]
    assert set(data["facets"]) >= {"province", "city", "county", "year", "consistency"}


def test_search_sorts_and_limits(cli_app: flask.Flask) -> None:
    run(cli_app, reindex_command)
    result = run(cli_app, search_command, "", "--sort", "year", "--limit", "3", "--json")
    data = json.loads(result.output)
    assert data["total"] == 9
    assert [hit["year"] for hit in data["hits"]] == [2024, 2023, 2022]


def test_search_text_output_shows_marks_as_brackets(cli_app: flask.Flask) -> None:
    run(cli_app, reindex_command)
    result = run(cli_app, search_command, "5件")
    assert result.exit_code == 0
    assert "共 1 份报告" in result.output
    assert "收到【5件】申请" in result.output


def test_search_reports_query_errors_in_chinese(cli_app: flask.Flask) -> None:
    result = run(cli_app, search_command, '"依申请公开')
    assert result.exit_code == 2
    assert "引号不成对" in result.output
    bad_filter = run(cli_app, search_command, "公开", "--filter", "year")
    assert bad_filter.exit_code == 2
    assert "FIELD=VALUE" in bad_filter.output


def test_index_document_from_report_copies_the_tags() -> None:
    report = Report(
        id=7,
        title="标题",
        agency="机关",
        text="正文",
        province="浙江省",
        township="沙头镇",
        year=2020,
        published=dt.date(2021, 2, 3),
        consistency_status="fail",
        url="https://example.gov.cn/7",
    )
    document = index_document_from_report(report)
    assert (document.id, document.body, document.township, document.consistency) == (
        7,
        "正文",
        "沙头镇",
        "fail",
    )
    assert document.published == dt.date(2021, 2, 3)
