"""``nianbao parse``: one report as JSON, or a batch manifest as JSON lines."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from cli.parse import parse_command

SEEDS = Path(__file__).resolve().parents[2] / "demo_portal" / "seeds"
SEED = SEEDS / "000_77fbe9a8d492d01e.txt"


def test_parse_prints_the_report_as_one_json_object() -> None:
    result = CliRunner().invoke(parse_command, [str(SEED), "--url", "http://example.gov.cn/a.html"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["url"] == "http://example.gov.cn/a.html"
    assert report["tables"]["active"]["rules"] == {"made": 0, "repealed": 0, "in_force": 0}
    assert report["consistency_status"] == "pass"
    assert "灵武市科学技术局" in result.output  # ensure_ascii=False


def test_batch_prints_one_line_per_manifest_entry_and_survives_failures(tmp_path: Path) -> None:
    (tmp_path / "files").mkdir()
    shutil.copy(SEED, tmp_path / "files" / "seed.txt")
    (tmp_path / "files" / "broken.pdf").write_bytes(b"%PDF-1.4\n garbage")
    manifest = tmp_path / "manifest.jsonl"
    manifest.write_text(
        "\n".join(
            json.dumps(entry, ensure_ascii=False)
            for entry in [
                {"path": "files/seed.txt", "url": "http://example.gov.cn/1.html"},
                {"path": "files/broken.pdf", "url": None},
                {"path": "files/missing.txt"},
                {"path": "files/seed.txt"},
            ]
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(parse_command, ["--batch", str(manifest)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert len(lines) == 4
    assert lines[0]["url"] == "http://example.gov.cn/1.html"
    assert lines[0]["year"] == 2021
    assert lines[1]["path"] == "files/broken.pdf" and "PDF" in lines[1]["error"]
    assert lines[2]["path"] == "files/missing.txt" and "error" in lines[2]
    assert lines[3]["tables"] == lines[0]["tables"]


def test_parse_without_a_path_or_batch_is_a_usage_error() -> None:
    result = CliRunner().invoke(parse_command, [])
    assert result.exit_code == 2
    assert "PATH" in result.output


def test_parse_of_an_unreadable_file_exits_with_an_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n garbage")
    result = CliRunner().invoke(parse_command, [str(broken)])
    assert result.exit_code == 1
    assert "PDF" in result.output
