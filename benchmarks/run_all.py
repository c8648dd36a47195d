"""``make bench``: run every benchmark and write their figures into one output directory.

Each benchmark is a module with ``main(argv) -> int | None`` that writes a JSON file of figures
into ``--output``. A benchmark that fails is reported and the others still run.
"""

from __future__ import annotations

import argparse
import importlib
import os
import time
import traceback

#: (module, extra arguments) in the order they run; sizes can be overridden from the environment.
BENCHMARKS: tuple[tuple[str, list[str]], ...] = (
    ("benchmarks.parse_speed", []),
    ("benchmarks.tag_speed", []),
    ("benchmarks.ocr_speed", []),
    *(
        (
            "benchmarks.crawl_bench",
            ["--reports", os.environ.get("BENCH_CRAWL_REPORTS", "2000"), "--search-backend", name],
        )
        for name in ("whoosh", "tantivy")
    ),
    (
        "benchmarks.search_bench",
        ["--sizes", *os.environ.get("BENCH_SEARCH_SIZES", "10000 100000").split()],
    ),
    ("benchmarks.portal_bench", []),
    ("benchmarks.watch_bench", []),
    ("benchmarks.copy_bench", []),
    ("benchmarks.accountability_bench", []),
    ("benchmarks.stats_bench", []),
)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks named on the command line (default: all)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output", default="bench-results", help="directory for the JSON figures")
    parser.add_argument("only", nargs="*", help="module names to run, e.g. parse_speed")
    args = parser.parse_args(argv)
    os.makedirs(args.output, exist_ok=True)
    failures = []
    for module_name, extra in BENCHMARKS:
        short = module_name.rsplit(".", 1)[1]
        label = " ".join([short, *extra[-1:]]) if "--search-backend" in extra else short
        if args.only and short not in args.only:
            continue
        print(f"\n=== {label} ===", flush=True)
        started = time.perf_counter()
        try:
            module = importlib.import_module(module_name)
            status = module.main(["--output", args.output, *extra])
        except Exception:  # one broken benchmark must not hide the others' figures
            traceback.print_exc()
            status = 1
        print(
            f"=== {short}: {'ok' if not status else 'FAILED'} in {time.perf_counter() - started:.0f} s"
        )
        if status:
            failures.append(short)
    if failures:
        print(f"failed: {', '.join(failures)}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
