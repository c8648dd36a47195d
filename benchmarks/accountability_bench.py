"""Every accountability rule over a synthetic archive: how long the whole archive takes.

``python -m benchmarks.accountability_bench [--reports 100000]``: synthetic reports (agencies ×
years, sections drawn from real report sentences, tables with figures) are checked with
:func:`accountability.evaluate.evaluate_report` (timeliness, completeness, stock continuity,
copying from the previous year) and each year's reports with
:func:`accountability.copies_across.closest_copies` (copies between agencies). The issue's
figure: the whole 100,000-report archive in at most 10 minutes. Writes
``accountability-bench.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import time
from pathlib import Path
from types import SimpleNamespace

from accountability.copies_across import CopyCandidate, closest_copies, judged_text
from accountability.evaluate import evaluate_report
from benchmarks.copy_bench import _paragraphs

YEARS = tuple(range(2016, 2026))
TARGET_SECONDS = 600.0


def _report(rng: random.Random, pool: list[str], agency: int, year: int) -> SimpleNamespace:
    sentences = rng.sample(pool, 14)
    sections = [
        {"number": n, "heading": "", "text": "。".join(sentences[2 * (n - 1) : 2 * n + 1]) + "。"}
        for n in range(1, 7)
    ]
    in_force = rng.randint(0, 50)
    tables = {
        "active": {
            "normative_documents": {"made": rng.randint(0, 5), "repealed": 0, "in_force": in_force}
        },
        "applications": {"new": {"total": rng.randint(0, 40)}},
        "reviews": {"review": {"total": 0}},
    }
    return SimpleNamespace(
        agency=f"机关{agency}",
        agency_kind=rng.choice(["公安局", "人民政府", "教育局"]),
        level=rng.choice(["county", "city", "township"]),
        province="四川省",
        year=year,
        published=dt.date(year + 1, rng.randint(1, 4), rng.randint(1, 28)),
        first_seen_at=dt.datetime(year + 1, 4, 1),
        sections=sections,
        tables=tables,
        findings=[],
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; returns 1 when it is slower than the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--output", type=Path, default=Path("bench-results"))
    args = parser.parse_args(argv)
    rng = random.Random(19)
    pool = _paragraphs()
    agencies = max(1, args.reports // len(YEARS))
    reports = [_report(rng, pool, a, y) for a in range(agencies) for y in YEARS]
    began = time.perf_counter()
    previous: dict[str, SimpleNamespace] = {}
    for report in reports:  # agency by agency, in year order
        report.findings = evaluate_report(report, previous.get(report.agency))
        previous[report.agency] = report
    per_report = time.perf_counter() - began
    for year in YEARS:
        candidates = [
            CopyCandidate(i, r.agency, judged_text(r.sections))
            for i, r in enumerate(reports)
            if r.year == year
        ]
        closest_copies(candidates)
    seconds = time.perf_counter() - began
    result = {
        "reports": len(reports),
        "per_report_rules_seconds": round(per_report, 1),
        "copies_between_agencies_seconds": round(seconds - per_report, 1),
        "seconds": round(seconds, 1),
        "target_seconds": TARGET_SECONDS,
        "met": seconds <= TARGET_SECONDS,
    }
    args.output.mkdir(parents=True, exist_ok=True)
    path = args.output / "accountability-bench.json"
    path.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print(
        f"{len(reports)} reports: every rule in {seconds:.0f} s (per-report rules {per_report:.0f} s, "
        f"copies between agencies {seconds - per_report:.0f} s; target {TARGET_SECONDS:.0f} s: "
        f"{'met' if result['met'] else 'NOT met'}) → {path}"
    )
    return 0 if result["met"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
