"""Parser throughput: HTML and plain-text reports parsed repeatedly on one core.

Run ``python -m benchmarks.parse_speed [--rounds N] [--output DIR]``; prints reports/second and
writes ``parse_speed.json`` into DIR (default ``bench-results/``). Target: ≥ 50 reports/second.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from pathlib import Path

from parsers import parse_document

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "demo_portal" / "seeds"
HTML_FIXTURE = ROOT / "tests" / "data" / "parsers" / "gbk_portal_page.html"
TARGET_REPORTS_PER_SECOND = 50.0


def sample_files() -> list[tuple[str, bytes]]:
    """The five text seeds and the saved HTML portal page."""
    files = [(path.name, path.read_bytes()) for path in sorted(SEEDS_DIR.glob("*.txt"))]
    if HTML_FIXTURE.exists():
        files.append((HTML_FIXTURE.name, HTML_FIXTURE.read_bytes()))
    return files


def measure(files: list[tuple[str, bytes]], rounds: int) -> dict[str, float]:
    """Parse every file ``rounds`` times; reports/second overall and per format."""
    results: dict[str, float] = {}
    for label, subset in (
        ("text", [f for f in files if f[0].endswith(".txt")]),
        ("html", [f for f in files if f[0].endswith(".html")]),
        ("all", files),
    ):
        if not subset:
            continue
        for name, data in subset:  # warm-up: imports, regex compilation
            parse_document(data, filename=name)
        started = time.perf_counter()
        for _ in range(rounds):
            for name, data in subset:
                parse_document(data, filename=name)
        elapsed = time.perf_counter() - started
        results[f"{label}_reports_per_second"] = round(rounds * len(subset) / elapsed, 1)
    return results


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, print the figure and write it as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40, help="Passes over the sample files.")
    parser.add_argument(
        "--output", type=Path, default=Path("bench-results"), help="Output directory."
    )
    args = parser.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    files = sample_files()
    results = measure(files, args.rounds)
    record = {
        "benchmark": "parse_speed",
        "rounds": args.rounds,
        "files": [name for name, _ in files],
        "target_reports_per_second": TARGET_REPORTS_PER_SECOND,
        "python": platform.python_version(),
        **results,
    }
    args.output.mkdir(parents=True, exist_ok=True)
    (args.output / "parse_speed.json").write_text(json.dumps(record, indent=2), encoding="utf-8")
    for key, value in results.items():
        print(f"{key}: {value}")
    ok = results["all_reports_per_second"] >= TARGET_REPORTS_PER_SECOND
    print(f"target {TARGET_REPORTS_PER_SECOND}/s: {'met' if ok else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
