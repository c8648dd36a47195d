"""OCR cost: seconds per scanned page and cells read exactly, on the scan fixtures, on one core.

Run ``python -m benchmarks.ocr_speed [--output DIR]``; prints one line per scan and writes
``ocr_speed.json`` into DIR (default ``bench-results/``). The scans are built by
``tests/data/parsers/scans/make_scans.py`` (150–200 dpi, skewed, stamped, speckled).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from pathlib import Path
from typing import Any

from parsers import parse_document
from parsers.extract import extract_document

ROOT = Path(__file__).resolve().parent.parent
SCANS_DIR = ROOT / "tests" / "data" / "parsers" / "scans"


def cells_exact(tables: dict[str, Any], truth: dict[str, Any]) -> tuple[int, int]:
    """(exact, all) expected cells of the three tables."""
    exact = total = 0
    for table, rows in truth.items():
        for row, columns in rows.items():
            for column, value in columns.items():
                total += 1
                got = tables.get(table, {}).get(row, {}).get(column)
                exact += got is not None and abs(got - value) < 1e-9
    return exact, total


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, print the figures and write them as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--output", type=Path, default=Path("bench-results"), help="Output directory."
    )
    args = parser.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    expected = json.loads((SCANS_DIR / "expected.json").read_text(encoding="utf-8"))
    extract_document((SCANS_DIR / next(iter(expected))).read_bytes())  # warm-up: model load
    scans: list[dict[str, Any]] = []
    for name, truth in expected.items():
        data = (SCANS_DIR / name).read_bytes()
        started = time.perf_counter()
        report = parse_document(data, filename=name)
        elapsed = time.perf_counter() - started
        pages = extract_document(data, filename=name).ocr_pages
        exact, total = cells_exact(report.tables, truth["tables"])
        scans.append(
            {
                "scan": name,
                "pages": pages,
                "seconds": round(elapsed, 2),
                "seconds_per_page": round(elapsed / max(pages, 1), 2),
                "cells_exact": exact,
                "cells": total,
                "ocr_confidence": report.ocr_confidence,
            }
        )
        print(
            f"{name:40} {pages} pages {elapsed / max(pages, 1):5.2f} s/page "
            f"cells {exact}/{total} confidence {report.ocr_confidence}"
        )
    pages = sum(scan["pages"] for scan in scans)
    seconds = sum(scan["seconds"] for scan in scans)
    exact = sum(scan["cells_exact"] for scan in scans)
    total = sum(scan["cells"] for scan in scans)
    record = {
        "benchmark": "ocr_speed",
        "python": platform.python_version(),
        "seconds_per_page": round(seconds / max(pages, 1), 2),
        "cells_exact_percent": round(100 * exact / max(total, 1), 2),
        "scans": scans,
    }
    args.output.mkdir(parents=True, exist_ok=True)
    (args.output / "ocr_speed.json").write_text(json.dumps(record, indent=2), encoding="utf-8")
    print(f"all scans: {record['seconds_per_page']} s/page, {exact}/{total} cells exact")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
