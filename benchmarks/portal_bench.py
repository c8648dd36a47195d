"""Server-time benchmark of the portal's pages over a benchmark archive (issue 6).

Times requests through the WSGI app in-process (routing, search, database, templates; no
network), on an existing archive (``--data-dir`` built by :mod:`benchmarks.bench_archive`) or on
one built first when the directory holds fewer than ``--reports`` reports::

    .venv/bin/python -m benchmarks.bench_archive --reports 100000 \\
        --data-dir /tmp/nianbao-bench/100k --search-backend tantivy
    .venv/bin/python -m benchmarks.portal_bench --data-dir /tmp/nianbao-bench/100k \\
        --search-backend tantivy --requests 300 --output bench-results

Figures (milliseconds, p50/p95/p99/mean):

* ``search_page_cold`` — distinct searches of :mod:`benchmarks.query_mix` (words, phrases,
  boolean and field queries, facet filters, later pages), each asked once, so the backend's
  result cache never answers; ``search_page_cold_by_kind`` splits them by kind;
* ``search_page_warm`` — a few searches asked again and again (popular queries, cache hits);
* ``search_backend_cold`` — the backend alone on the cold searches (in its own app), so the
  difference to ``search_page_cold`` is what the portal adds;
* ``report_page``, ``report_json`` (random reports), ``home_page``, ``api_search`` (distinct
  searches, cold).

Before timing, the first request of each app opens the database and the index, and
``WARMUP_SEARCHES`` other searches warm the operating system's file cache: "cold" means a cold
result cache, not a cold disk (a freshly started portal is slower still).

Targets (issue 6): search page p95 ≤ 150 ms and report page p95 ≤ 50 ms at 100k reports.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from flask import Flask
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from benchmarks.bench_archive import build_archive
from benchmarks.query_mix import Search, distinct_searches
from config import Settings
from index import BACKENDS
from portal import create_app
from portal.search_params import parse_search_args
from portal.searching import run_search
from storage.models import Report

#: Searches repeated for the warm-cache figure (fewer than the backends' result cache holds).
WARM_SEARCHES = 20
#: Searches run (untimed) before the timed ones, to warm the operating system's file cache.
WARMUP_SEARCHES = 50
TARGETS_MS: dict[str, float] = {"search_page_cold": 150.0, "report_page": 50.0}


@dataclass
class Samples:
    """Wall-clock and CPU milliseconds of timed calls, in the order they ran."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    def add(self, wall_ms: float, cpu_ms: float) -> None:
        """Record one call."""
        self.wall.append(wall_ms)
        self.cpu.append(cpu_ms)


def _pick(ordered: list[float], q: float) -> float:
    return round(ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))], 2)


def percentiles(samples: Samples) -> dict[str, float]:
    """``n``, p50, p95, p99 and mean of the wall-clock times, p50 and p95 of the CPU times.

    On a shared machine the wall-clock times include waiting for a core; the CPU times do not.
    """
    wall, cpu = sorted(samples.wall), sorted(samples.cpu)
    return {
        "n": len(wall),
        "p50_ms": _pick(wall, 0.5),
        "p95_ms": _pick(wall, 0.95),
        "p99_ms": _pick(wall, 0.99),
        "mean_ms": round(statistics.fmean(wall), 2),
        "cpu_p50_ms": _pick(cpu, 0.5),
        "cpu_p95_ms": _pick(cpu, 0.95),
    }


def _timed(call: Callable[[], object], samples: Samples) -> None:
    wall, cpu = time.perf_counter(), time.process_time()
    call()
    samples.add((time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000)


def search_url(search: Search, path: str = "/search") -> str:
    """The URL of a search of the mix."""
    return f"{path}?{urlencode(search.as_dict(), doseq=True)}" if search.args else path


def _app(data_dir: Path, search_backend: str) -> Flask:
    return create_app(
        Settings(data_dir=data_dir, search_backend=search_backend, secret_key="bench")
    )


class _Timer:
    """Times GET requests through one app's test client; any non-200 answer is an error."""

    def __init__(self, app: Flask) -> None:
        self.client = app.test_client()
        self.client.get("/search?q=warmup")  # open the database pool and the index once

    def get(self, url: str) -> None:
        response = self.client.get(url)
        response.get_data()
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")

    def many(self, urls: list[str]) -> Samples:
        samples = Samples()
        for url in urls:
            _timed(partial(self.get, url), samples)
        return samples


def measure(
    data_dir: Path, requests: int, search_backend: str = "whoosh", seed: int = 7
) -> dict[str, Any]:
    """Time every page kind on ``requests`` requests; return percentiles in milliseconds."""
    rng = random.Random(seed)
    searches = distinct_searches(requests, seed=seed)
    api_searches = distinct_searches(requests, seed=seed + 1, exclude=frozenset(searches))
    warm = searches[:WARM_SEARCHES]
    # Searches outside the timed sets, run first so the operating system's file cache holds the
    # index as it would in a running portal: "cold" means a cold result cache, not a cold disk.
    warmup = distinct_searches(
        WARMUP_SEARCHES, seed=seed + 2, exclude=frozenset(searches) | frozenset(api_searches)
    )

    backend_app = _app(data_dir, search_backend)
    backend = backend_app.extensions["nianbao"].search
    for search in warmup:
        run_search(backend, parse_search_args(MultiDict(list(search.args))))
    backend_samples = Samples()
    for search in searches:
        params = parse_search_args(MultiDict(list(search.args)))
        _timed(partial(run_search, backend, params), backend_samples)
    backend_app.extensions["nianbao"].close()

    app = _app(data_dir, search_backend)
    services = app.extensions["nianbao"]
    with services.database.session() as session:
        ids = list(session.scalars(select(Report.id)))
    timer = _Timer(app)
    load_before = os.getloadavg()[0]

    cold_samples = timer.many([search_url(search) for search in searches])
    by_kind: dict[str, Samples] = defaultdict(Samples)
    for search, wall, cpu in zip(searches, cold_samples.wall, cold_samples.cpu, strict=True):
        by_kind[search.kind].add(wall, cpu)
    warm_urls = [search_url(search) for search in warm]
    timer.many(warm_urls)  # fill the result cache
    warm_samples = timer.many([warm_urls[i % len(warm_urls)] for i in range(requests)])
    report_urls = [f"/reports/{rng.choice(ids)}" for _ in range(requests)]
    result: dict[str, Any] = {
        "reports": len(ids),
        "search_backend": search_backend,
        "distinct_searches": len(searches),
        "search_backend_cold": percentiles(backend_samples),
        "search_page_cold": percentiles(cold_samples),
        "search_page_cold_by_kind": {
            kind: percentiles(samples) for kind, samples in sorted(by_kind.items())
        },
        "search_page_warm": percentiles(warm_samples),
        "report_page": percentiles(timer.many(report_urls)),
        "report_json": percentiles(timer.many([url + ".json" for url in report_urls])),
        "home_page": percentiles(timer.many(["/"] * requests)),
        "api_search": percentiles(
            timer.many([search_url(search, "/api/v1/search") for search in api_searches])
        ),
    }
    result["load_average"] = {"before": round(load_before, 2), "after": _load()}
    result["targets_met"] = {
        kind: result[kind]["p95_ms"] <= target for kind, target in TARGETS_MS.items()
    }
    services.close()
    return result


def _load() -> float:
    return round(os.getloadavg()[0], 2)


def output_path(output: Path, search_backend: str, reports: int) -> Path:
    """``output`` itself when it names a JSON file, else a file named after the run inside it."""
    if output.suffix == ".json":
        return output
    return output / f"portal-{search_backend}-{reports}.json"


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--data-dir", type=Path, help="archive directory (kept; completed if it has fewer reports)"
    )
    parser.add_argument("--reports", type=int, default=2000, help="reports to have in the archive")
    parser.add_argument("--search-backend", choices=BACKENDS, default="whoosh")
    parser.add_argument("--requests", type=int, default=200, help="timed requests per page kind")
    parser.add_argument("--seed", type=int, default=7, help="seed of the query mix and report ids")
    parser.add_argument(
        "--output", type=Path, help="JSON file, or directory for portal-<backend>-<reports>.json"
    )
    args = parser.parse_args(argv)
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="nianbao-bench-"))
    build = build_archive(data_dir, args.reports, args.search_backend)
    if build.reports_added or build.index_rebuilt:
        print(
            f"archive: {build.reports_added} reports added in {build.database_seconds} s, "
            f"{build.index_backend} index rebuilt in {build.index_seconds} s",
            flush=True,
        )
    result = measure(data_dir, args.requests, args.search_backend, seed=args.seed)
    result["data_dir"] = str(data_dir)
    text = json.dumps(result, ensure_ascii=False, indent=2)
    print(text)
    if args.output:
        path = output_path(args.output, args.search_backend, result["reports"])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
