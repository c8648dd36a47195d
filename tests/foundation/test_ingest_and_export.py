"""``nianbao ingest`` imports local files through the parser; ``nianbao export`` writes their tags."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from flask.testing import FlaskCliRunner
from sqlalchemy import select

from parsers.model import TAG_FIELDS
from storage.models import Report


def test_ingest_stores_readable_files_and_reports_the_unreadable(
    cli_runner: FlaskCliRunner, seed_paths: list[Path], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 this is not really a pdf")
    result = cli_runner.invoke(args=["ingest", *map(str, seed_paths), str(broken)])
    assert result.exit_code == 0, result.output
    assert "导入 5 个文件，跳过 1 个" in result.output
    assert "broken.pdf" in result.output


def test_ingesting_the_same_file_twice_adds_nothing(
    cli_runner: FlaskCliRunner, seed_paths: list[Path]
) -> None:
    cli_runner.invoke(args=["ingest", str(seed_paths[0])])
    result = cli_runner.invoke(args=["ingest", str(seed_paths[0])])
    assert "unchanged" in result.output


def test_export_jsonl_prints_one_object_per_report_with_the_tag_fields(
    cli_runner: FlaskCliRunner, seed_paths: list[Path]
) -> None:
    cli_runner.invoke(args=["ingest", *map(str, seed_paths)])
    result = cli_runner.invoke(args=["export", "--format", "jsonl"])
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert len(rows) == 5
    assert set(rows[0]) == {"id", "url", *TAG_FIELDS}
    assert {row["year"] for row in rows} == {2020, 2021, 2023, 2024}
    assert "灵武市科学技术局" in {row["agency"] for row in rows}


def test_export_csv_has_a_header_and_a_row_per_report(
    cli_runner: FlaskCliRunner, seed_paths: list[Path]
) -> None:
    cli_runner.invoke(args=["ingest", *map(str, seed_paths)])
    result = cli_runner.invoke(args=["export", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert len(rows) == 5
    assert list(rows[0]) == ["id", *TAG_FIELDS, "url"]


def test_export_csv_neutralises_formulas_like_the_web_downloads(
    cli_runner: FlaskCliRunner,
    services,
    seed_paths: list[Path],  # type: ignore[no-untyped-def]
) -> None:
    from sqlalchemy import select

    from storage.models import Report

    cli_runner.invoke(args=["ingest", str(seed_paths[0])])
    with services.database.session() as session:
        report = session.scalars(select(Report)).one()
        report.title = '=HYPERLINK("http://evil.example","点我")'
        report.agency = "@SUM(1+1)"
        session.commit()
    result = cli_runner.invoke(args=["export", "--format", "csv"])
    row = next(csv.DictReader(io.StringIO(result.output)))
    assert row["title"].startswith("'=")
    assert row["agency"] == "'@SUM(1+1)"


def test_an_ingested_scan_is_stored_as_read_by_ocr_and_says_so_on_its_page(
    cli_runner: FlaskCliRunner,
    client,  # type: ignore[no-untyped-def]
) -> None:
    scan = Path(__file__).resolve().parent.parent / "data/parsers/scans/scan_2019_skewed_150dpi.pdf"
    result = cli_runner.invoke(args=["ingest", str(scan)])
    assert result.exit_code == 0 and "导入 1 个文件" in result.output, result.output
    services = client.application.extensions["nianbao"]
    with services.database.session() as session:
        report_id = session.scalars(select(Report.id)).one()
    document = client.get(f"/api/v1/reports/{report_id}").get_json()
    assert document["ocr"] is True and document["ocr_confidence"] > 0.9
    assert document["agency"] == "示范市教育局"
    page = client.get(f"/reports/{report_id}").get_data(as_text=True)
    assert "本报告原件为扫描件" in page and "平均识别置信度" in page


def test_a_pre2019_report_shows_the_figures_of_its_prose_marked_as_such(
    cli_runner: FlaskCliRunner,
    client,  # type: ignore[no-untyped-def]
) -> None:
    old = Path(__file__).resolve().parent.parent / "data/parsers/layouts/txt_pre2019.txt"
    result = cli_runner.invoke(args=["ingest", str(old)])
    assert result.exit_code == 0, result.output
    services = client.application.extensions["nianbao"]
    with services.database.session() as session:
        report_id = session.scalars(select(Report.id)).one()
    document = client.get(f"/api/v1/reports/{report_id}").get_json()
    assert document["tables"] == {}
    assert document["figures"]["applications"] == 12
    assert document["figures"]["reviews"] == 0
    assert document["prose_figures"]["applications.new.total"]["value"] == 12
    page = client.get(f"/reports/{report_id}").get_data(as_text=True)
    assert "据正文" in page and "受理政府信息公开申请12件" in page
