"""Word 97 .doc and WPS files go through LibreOffice, bounded in time, leaving nothing running.

The fixtures (``doc_2021_word97.doc``, ``wps_2019_unbalanced.wps``) are read cell by cell in
``test_layouts.py``; this file covers the converter itself.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest

from parsers import parse_document
from parsers.extract import detect_format, legacy
from parsers.model import ParseError

LAYOUTS = Path(__file__).resolve().parent.parent / "data" / "parsers" / "layouts"
pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice (soffice) is not installed: run `make office`",
)


def _converters_running() -> list[str]:
    found = subprocess.run(["pgrep", "-af", "nianbao-doc-"], capture_output=True, text=True)
    return [line for line in found.stdout.splitlines() if "pgrep" not in line]


def test_a_wps_file_is_recognised_as_a_word_binary_and_read() -> None:
    data = (LAYOUTS / "wps_2019_unbalanced.wps").read_bytes()
    assert detect_format(data, filename="report.wps") == "doc"
    report = parse_document(data, filename="report.wps")
    assert report.template == "2019"
    assert report.tables["applications"]["new"]["total"] is not None


def test_a_converter_that_runs_too_long_is_killed_with_all_its_processes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(legacy, "CONVERTER_TIMEOUT_SECONDS", 0.2)
    data = (LAYOUTS / "doc_2021_word97.doc").read_bytes()
    started = time.monotonic()
    with pytest.raises(ParseError, match="超过 0 秒，已中止"):
        parse_document(data, filename="report.doc")
    assert time.monotonic() - started < 10
    deadline = time.monotonic() + 5
    while _converters_running() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _converters_running() == []


def test_each_conversion_uses_its_own_office_profile_and_cleans_it_up(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr("tempfile.tempdir", None)
    data = (LAYOUTS / "doc_2021_word97.doc").read_bytes()
    first = parse_document(data, filename="report.doc")
    second = parse_document(data, filename="report.doc")
    assert first.tables == second.tables and first.tables["applications"]
    assert list(tmp_path.iterdir()) == []


def test_a_corrupt_doc_is_a_clear_parse_error() -> None:
    data = (LAYOUTS / "doc_2021_word97.doc").read_bytes()[:4096]
    with pytest.raises(ParseError):
        parse_document(data, filename="report.doc")
