"""Real reports printed to PDF by a browser and by LibreOffice Writer (tests/data/parsers/real_pdf).

The numbers are the real reports' own, transcribed by hand; only the file is a PDF. A cell is
read exactly or left unknown, never wrong, and the layouts read in full today stay read in full.
"""

from __future__ import annotations

import json
import logging
import sys
from functools import cache
from pathlib import Path

import pytest

from parsers import parse_document
from parsers.model import ParsedReport

ROOT = Path(__file__).resolve().parents[2]
PRINTED = ROOT / "tests" / "data" / "parsers" / "real_pdf"
sys.path.insert(0, str(ROOT / "scripts"))
from table_accuracy import score  # noqa: E402

EXPECTED: dict[str, dict] = json.loads((PRINTED / "expected.json").read_text(encoding="utf-8"))
#: Printed reports whose cells are not all read today (SCORES.md, batch 5): the Writer exports
#: whose narrow label columns clip the labels' text, so the rows cannot be named.
NOT_YET_IN_FULL = {
    "pingtan_2024.writer.pdf",
    "pingtan_tourism_bureau_2019.writer.pdf",
    "shanghai_gov_office_2019.writer.pdf",
    "shuyang_drc_2023.writer.pdf",
}


@cache
def parsed(name: str) -> ParsedReport:
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    return parse_document((PRINTED / name).read_bytes(), filename=name)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_no_cell_of_a_printed_real_report_is_misread(name: str) -> None:
    result = score(parsed(name), EXPECTED[name])
    misread = [line for line in result.wrong_cells if not line.endswith(("None", "absent"))]
    assert result.misread == 0, misread


@pytest.mark.parametrize("name", sorted(set(EXPECTED) - NOT_YET_IN_FULL))
def test_printed_real_reports_are_read_in_full(name: str) -> None:
    result = score(parsed(name), EXPECTED[name])
    assert result.percent == 100.0, result.wrong_cells[:10]
