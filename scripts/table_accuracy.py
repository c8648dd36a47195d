"""Statistics-table accuracy on the layout fixtures: % of cells read exactly, checks as expected.

Run ``.venv/bin/python scripts/table_accuracy.py [--details] [--set layouts|real|real_pdf]``. Every
fixture listed in ``<set>/expected.json`` is parsed (``layouts``: the synthetic layout fixtures
of ``tests/data/parsers/layouts``; ``real``: real published reports transcribed by hand, in
``tests/data/parsers/real``, whose expected checks are optional; ``real_pdf``: the real HTML
reports printed to PDF by a browser and by LibreOffice Writer); each expected cell of tables 二, 三 and 四
counts as exact only if the parser gives the same value (a missing table makes all its cells
wrong). The check columns say whether every table rule got the expected status and cells.
Exit status 1 when a layout is below 99.5 % or a check disagrees.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from parsers import parse_document  # noqa: E402
from parsers.model import ParsedReport  # noqa: E402

SETS = {
    "layouts": ROOT / "tests" / "data" / "parsers" / "layouts",
    "real": ROOT / "tests" / "data" / "parsers" / "real",
    "real_pdf": ROOT / "tests" / "data" / "parsers" / "real_pdf",
}
LAYOUTS_DIR = SETS["layouts"]
TARGET_PERCENT = 99.5
_TOLERANCE = 1e-6


@dataclass
class LayoutScore:
    """Cells compared, cells exact, and the disagreements of one fixture."""

    cells: int = 0
    exact: int = 0
    #: Cells read as a number that differs from the truth (worse than a cell left unknown).
    misread: int = 0
    wrong_cells: list[str] = field(default_factory=list)
    wrong_checks: list[str] = field(default_factory=list)

    @property
    def percent(self) -> float:
        return 100.0 if self.cells == 0 else 100.0 * self.exact / self.cells


def same(expected: Any, actual: Any) -> bool:
    """Equal values (numbers within a tolerance, ``None`` only equals ``None``)."""
    if expected is None or actual is None:
        return expected is None and actual is None
    return abs(expected - actual) <= _TOLERANCE


def score(report: ParsedReport, truth: dict[str, Any]) -> LayoutScore:
    """Compare a parsed report with a fixture's expected tables and checks."""
    result = LayoutScore()
    for table_name, rows in truth["tables"].items():
        actual_table = report.tables.get(table_name, {})
        for row, columns in rows.items():
            for column, expected in columns.items():
                result.cells += 1
                actual = actual_table.get(row, {}).get(column, "absent")
                if actual != "absent" and same(expected, actual):
                    result.exact += 1
                else:
                    if isinstance(actual, int | float) and expected is not None:
                        result.misread += 1
                    result.wrong_cells.append(f"{table_name}.{row}.{column}: {expected} ≠ {actual}")
    checks = {check.rule: check for check in report.checks}
    for rule, wanted in truth.get("checks", {}).items():
        check = checks.get(rule)
        if (
            check is None
            or check.status != wanted["status"]
            or set(check.cells) != set(wanted["cells"])
        ):
            got = "absent" if check is None else f"{check.status} {sorted(check.cells)}"
            result.wrong_checks.append(
                f"{rule}: want {wanted['status']} {wanted['cells']}, got {got}"
            )
    return result


def main(argv: list[str] | None = None) -> int:
    """Score every layout fixture and print one line per layout and a total."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="List wrong cells and checks.")
    parser.add_argument("--set", choices=sorted(SETS), default="layouts", dest="fixture_set")
    parser.add_argument("--only", nargs="*", default=None, help="Score only these fixtures.")
    args = parser.parse_args(argv)
    folder = SETS[args.fixture_set]
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    if args.only is not None:
        expected = {name: truth for name, truth in expected.items() if name in args.only}
    total = LayoutScore()
    failing = 0
    print(f"{'layout':45} {'cells':>6} {'exact %':>8} {'misread':>8} {'checks':>7}")
    for name, truth in expected.items():
        report = parse_document((folder / name).read_bytes(), filename=name)
        result = score(report, truth)
        total.cells += result.cells
        total.exact += result.exact
        total.misread += result.misread
        checks_ok = not result.wrong_checks
        if result.percent < TARGET_PERCENT or result.misread or not checks_ok:
            failing += 1
        print(
            f"{name:45} {result.cells:6d} {result.percent:8.2f} {result.misread:8d}"
            f" {'ok' if checks_ok else 'WRONG':>7}"
        )
        if args.details:
            for line in [*result.wrong_cells[:20], *result.wrong_checks]:
                print(f"    {line}")
    print(f"{'all layouts':45} {total.cells:6d} {total.percent:8.2f} {total.misread:8d}")
    print(f"layouts below {TARGET_PERCENT} %, with a misread cell or a wrong check: {failing}")
    return 1 if failing else 0


if __name__ == "__main__":
    raise SystemExit(main())
