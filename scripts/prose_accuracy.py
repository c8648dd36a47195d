"""Prose-figure accuracy on real pre-2019 reports whose figures were labelled by hand.

Run ``.venv/bin/python scripts/prose_accuracy.py [--details] [--only NAME …]``. Every report
listed in ``tests/data/parsers/prose/expected.json`` is parsed, and each of its labelled key
figures (``applications.new.total`` …) is compared with ``prose_figures`` of the parsed report:

- **stated**: the labeller found the figure stated unambiguously (a value, not null);
- **read**: the reader gave the stated value;
- **missed**: stated, but the reader gave nothing;
- **misread**: the reader gave a value that is not the stated one, or a value where the text
  states none (worse than a miss: a wrong number in an agency's series).

Recall is read / stated; precision is read / (read + misread). Exit status 1 when a figure is
misread.
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

PROSE_SET = ROOT / "tests" / "data" / "parsers" / "prose"


@dataclass
class ProseScore:
    """Counts of one report (or of all) and the disagreements."""

    stated: int = 0
    read: int = 0
    missed: int = 0
    misread: int = 0
    disagreements: list[str] = field(default_factory=list)

    def add(self, other: ProseScore) -> None:
        """Add another score's counts to this one."""
        self.stated += other.stated
        self.read += other.read
        self.missed += other.missed
        self.misread += other.misread

    @property
    def recall(self) -> float:
        return 100.0 if self.stated == 0 else 100.0 * self.read / self.stated

    @property
    def precision(self) -> float:
        answered = self.read + self.misread
        return 100.0 if answered == 0 else 100.0 * self.read / answered


def score_figures(read: dict[str, dict[str, Any]], truth: dict[str, Any]) -> ProseScore:
    """Compare the reader's prose figures with one report's hand labels."""
    result = ProseScore()
    for cell, label in truth["figures"].items():
        expected = label.get("value")
        actual = read.get(cell, {}).get("value")
        if expected is not None:
            result.stated += 1
        if expected is not None and actual == expected:
            result.read += 1
        elif expected is not None and actual is None:
            result.missed += 1
            result.disagreements.append(f"missed {cell}: {expected} ({label.get('quote')})")
        elif actual is not None:
            result.misread += 1
            quote = read[cell].get("quote")
            result.disagreements.append(f"MISREAD {cell}: {actual} from {quote!r}, want {expected}")
    return result


def main(argv: list[str] | None = None) -> int:
    """Score every labelled report and print one line per report and a total."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="List every disagreement.")
    parser.add_argument("--only", nargs="*", default=None, help="Score only these reports.")
    args = parser.parse_args(argv)
    expected = json.loads((PROSE_SET / "expected.json").read_text(encoding="utf-8"))
    if args.only is not None:
        expected = {name: truth for name, truth in expected.items() if name in args.only}
    total = ProseScore()
    print(f"{'report':45} {'stated':>6} {'read':>5} {'missed':>6} {'misread':>7}")
    for name, truth in expected.items():
        report = parse_document((PROSE_SET / name).read_bytes(), filename=name)
        result = score_figures(report.prose_figures, truth)
        total.add(result)
        print(
            f"{name:45} {result.stated:6d} {result.read:5d} {result.missed:6d} {result.misread:7d}"
        )
        if args.details:
            for line in result.disagreements:
                print(f"    {line}")
    print(
        f"{'all reports':45} {total.stated:6d} {total.read:5d} {total.missed:6d} {total.misread:7d}"
    )
    print(f"recall {total.recall:.1f} % · precision {total.precision:.1f} %")
    return 1 if total.misread else 0


if __name__ == "__main__":
    raise SystemExit(main())
