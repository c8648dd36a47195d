"""Tagger throughput on one core: raw real-world pages (as text and as HTML) and the clean dev-set.

Run ``python -m benchmarks.tag_speed [--rounds N] [--output DIR]``; prints reports/second per
input and writes ``tag_speed.json`` into DIR (default ``bench-results/``). Target: ≥ 200 reports
per second for the tagger alone (the HTML figure includes the HTML extractor).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from pathlib import Path
from typing import Any

from parsers.extracted import ExtractedDocument
from parsers.tagging import tag_report
from parsers.tagging.devset import document_of, load_devset

ROOT = Path(__file__).resolve().parent.parent
REALWORLD = ROOT / "tests" / "data" / "realworld"
CLEAN = ROOT / "tests" / "data" / "devset"
TARGET_REPORTS_PER_SECOND = 200.0


def inputs() -> dict[str, list[dict[str, Any]]]:
    """The labelled sets to tag, by name (every record of the raw corpus, both halves)."""
    raw = [e for name in ("dev", "blind") for e in _load(REALWORLD / f"{name}.jsonl")]
    clean = [e for name in ("devset", "blind") for e in _load(CLEAN / f"{name}.jsonl")]
    return {"raw_text": raw, "raw_html": raw, "clean": clean}


def _load(path: Path) -> list[dict[str, Any]]:
    return load_devset(path) if path.exists() else []


def measure(rounds: int) -> dict[str, float]:
    """Tag every set ``rounds`` times; reports/second per set."""
    results: dict[str, float] = {}
    for name, examples in inputs().items():
        if not examples:
            continue
        source = "html" if name == "raw_html" else "text"
        documents: list[ExtractedDocument] | None = None
        if source == "text":
            documents = [document_of(e, source) for e in examples]
        for example in examples[:5]:  # warm-up: gazetteer, converters, compiled patterns
            tag_report(document_of(example, source))
        started = time.perf_counter()
        for _ in range(rounds):
            if documents is not None:
                for document in documents:
                    tag_report(document)
            else:
                for example in examples:
                    tag_report(document_of(example, source))
        elapsed = time.perf_counter() - started
        results[f"{name}_reports_per_second"] = round(rounds * len(examples) / elapsed, 1)
        results[f"{name}_reports"] = len(examples)
    return results


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, print the figures and write them as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="Passes over each set.")
    parser.add_argument(
        "--output", type=Path, default=Path("bench-results"), help="Output directory."
    )
    args = parser.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    results = measure(args.rounds)
    record = {
        "benchmark": "tag_speed",
        "rounds": args.rounds,
        "target_reports_per_second": TARGET_REPORTS_PER_SECOND,
        "python": platform.python_version(),
        "load_average": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
        **results,
    }
    args.output.mkdir(parents=True, exist_ok=True)
    (args.output / "tag_speed.json").write_text(json.dumps(record, indent=2), encoding="utf-8")
    for key, value in results.items():
        print(f"{key}: {value}")
    slowest = min(v for k, v in results.items() if k.endswith("_per_second") and "html" not in k)
    print(
        f"target {TARGET_REPORTS_PER_SECOND}/s: {'met' if slowest >= TARGET_REPORTS_PER_SECOND else 'NOT met'}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
