"""Real pre-2019 reports whose prose figures were labelled by hand (tests/data/parsers/prose).

An agency's series before the 2019 template rests on figures read from sentences: a figure we
show is the one the report states for its own year, never a service centre's count, another
year's leftover sentence or a number the report contradicts.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from parsers import parse_document

ROOT = Path(__file__).resolve().parents[2]
PROSE = ROOT / "tests" / "data" / "parsers" / "prose"
sys.path.insert(0, str(ROOT / "scripts"))
from prose_accuracy import ProseScore, score_figures  # noqa: E402

EXPECTED: dict[str, dict] = json.loads((PROSE / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_no_prose_figure_of_a_real_report_is_misread(name: str) -> None:
    report = parse_document((PROSE / name).read_bytes(), filename=name)
    result = score_figures(report.prose_figures, EXPECTED[name])
    assert result.misread == 0, result.disagreements


def test_the_real_reports_stated_figures_are_read() -> None:
    total = ProseScore()
    for name, truth in EXPECTED.items():
        report = parse_document((PROSE / name).read_bytes(), filename=name)
        total.add(score_figures(report.prose_figures, truth))
    assert total.stated >= 50
    assert total.recall >= 98.0
