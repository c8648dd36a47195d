"""Search benchmark: build speed, index size, memory, latency and exactness per backend and size.

Run ``python -m benchmarks.search_bench --sizes 10000 100000 --output bench-results``. For every
size and backend, a child process builds the index with :func:`index.rebuild_index` from the
synthetic corpus (``benchmarks/corpus.py``), then runs a fixed query set several times (result
cache off), each query asking for the top 20 hits, the total and the counts of every facet. The
first round is reported on its own as the *cold* latency (fresh searcher, facet columns not yet
read); p50/p95 are over the later rounds. The hit totals of the phrase queries are compared with a
substring scan of the corpus. The load average is recorded before and after each backend, since
the machine may be shared. Results are written to ``<output>/search-<backend>-<size>.json`` and
printed as a table.

With ``--reuse --work-dir DIR`` the index of each backend and size is kept in
``DIR/<backend>-<size>`` and queried again by later runs without rebuilding (their build figures
are then ``null``), so query-side changes can be measured on a large index quickly.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import re
import resource
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.corpus import corpus_fingerprint, generate_corpus
from index import BACKENDS, rebuild_index
from index.backend import SearchRequest
from index.formats import IndexFormatError

#: Queries whose hits must equal the documents containing the phrase (substring truth).
PHRASE_QUERIES: tuple[str, ...] = (
    "依申请公开",
    "政府开放日",
    "人民政府",
    "公安局",
    '"以公开为常态、不公开为例外"',
    "未收到政府信息公开申请",
    "国办公开办函〔2021〕30号",
    "12345热线",
    "R&D",
    "2023年",
    "5件",
    "15件",
    "局",
)
#: Boolean, field and facet-filter queries: (query, filters, sort).
OTHER_QUERIES: tuple[tuple[str, dict[str, list[str]], str], ...] = (
    ("", {}, "relevance"),
    ("", {"province": ["宁夏回族自治区"], "year": ["2021", "2022"]}, "relevance"),
    ("依申请公开 OR 政府开放日", {}, "relevance"),
    ("政府开放日 -12345热线", {}, "relevance"),
    ("(5件 OR 15件) 人民政府", {}, "relevance"),
    ("agency:公安局", {}, "relevance"),
    ("year:2019..2022 依申请公开", {}, "year"),
    ("province:宁夏 政府开放日", {"level": ["county"]}, "published"),
)
#: Searches a journalist builds: numeric conditions with filters, answered with facets and
#: the totals by province (the issue's figure: p95 ≤ 150 ms tantivy / 600 ms Whoosh at 100k).
NUMERIC_QUERIES: tuple[tuple[str, dict[str, list[str]]], ...] = (
    ("复议纠正>0", {}),
    ("复议纠正>0 year:2019..2024", {"level": ["county"]}),
    ("新收申请>=30", {}),
    ("公开率<0.5 新收申请>=10", {}),
    ("复议纠错率>0.3", {"province": ["四川省"]}),
    ("agency:公安局 复议纠正>0", {}),
    ("依申请公开 新收申请>=5", {"year": ["2022"]}),
    ("applications.granted.total=0 新收申请>0", {}),
)
ROUNDS = 5
_ALNUM = r"[^\W_\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"


def _truth_pattern(query: str) -> re.Pattern[str]:
    """Substring truth (letter/digit runs at the edges match whole words)."""
    phrase = query.strip('"').lower()
    pattern = re.escape(phrase)
    if re.match(_ALNUM, phrase):
        pattern = f"(?<!{_ALNUM})" + pattern
    if re.search(_ALNUM + "$", phrase):
        pattern += f"(?!{_ALNUM})"
    return re.compile(pattern)


def substring_truth(size: int) -> dict[str, int]:
    """How many corpus documents contain each phrase query, by scanning the text."""
    patterns = {query: _truth_pattern(query) for query in PHRASE_QUERIES}
    counts = dict.fromkeys(PHRASE_QUERIES, 0)
    for document in generate_corpus(size):
        text = f"{document.title}\n{document.agency}\n{document.body}".lower()
        for query, pattern in patterns.items():
            if pattern.search(text):
                counts[query] += 1
    return counts


def _directory_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def run_backend(
    name: str, size: int, work_dir: str, truth: dict[str, int], *, reuse: bool = False
) -> dict[str, Any]:
    """Build and query one backend (runs in a child process, so peak memory is its own).

    With ``reuse``, an index of ``size`` documents already in ``work_dir`` is queried as it is
    (unless it is in an older format).
    """
    from index import _backend_class

    index_dir = Path(work_dir) / name
    fingerprint_file = Path(work_dir) / "corpus.sha256"
    fingerprint = corpus_fingerprint(size)
    build_seconds: float | None = None
    count = -1
    same_corpus = fingerprint_file.exists() and fingerprint_file.read_text().strip() == fingerprint
    if reuse and same_corpus and (index_dir / name).exists():
        try:
            count = _backend_class(name)(index_dir / name).document_count()
        except IndexFormatError:  # written by an earlier version: rebuilt below
            count = -1
    if count != size:
        # Built afresh: none reused, or built from another corpus (the agency-kind vocabulary
        # or the seeds changed since), or in an older format.
        fingerprint_file.unlink(missing_ok=True)
        started = time.perf_counter()
        count = rebuild_index(name, index_dir, generate_corpus(size))
        build_seconds = time.perf_counter() - started
        fingerprint_file.write_text(fingerprint + "\n")
    load_after_build = os.getloadavg()
    backend = _backend_class(name)(index_dir / name, cache_size=0)
    requests = [SearchRequest(query=q) for q in PHRASE_QUERIES]
    requests += [SearchRequest(query=q, filters=f, sort=s) for q, f, s in OTHER_QUERIES]  # type: ignore[arg-type]
    samples: dict[str, list[float]] = {r.query + json.dumps(r.filters): [] for r in requests}
    cold: list[float] = []
    totals: dict[str, int] = {}
    for round_number in range(ROUNDS + 1):
        for request in requests:
            began = time.perf_counter()
            result = backend.search(request)
            elapsed = (time.perf_counter() - began) * 1000
            key = request.query + json.dumps(request.filters)
            if round_number > 0:  # round 0 warms the searcher and the facet arrays
                samples[key].append(elapsed)
            else:
                cold.append(elapsed)
            totals[key] = result.total
    everything = [ms for values in samples.values() for ms in values]
    numeric = _numeric_latencies(backend)
    agreement = {q: {"hits": totals[q + "{}"], "truth": truth[q]} for q in PHRASE_QUERIES}
    return {
        "backend": name,
        "size": size,
        "documents": count,
        "build_seconds": None if build_seconds is None else round(build_seconds, 2),
        "build_reports_per_second": None
        if build_seconds is None
        else round(count / build_seconds, 1),
        "index_bytes": _directory_bytes((index_dir / name).resolve()),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "latency_ms": {
            "p50": round(_percentile(everything, 0.50), 2),
            "p95": round(_percentile(everything, 0.95), 2),
            "max": round(max(everything), 2),
        },
        "cold_latency_ms": {
            "p50": round(_percentile(cold, 0.50), 2),
            "p95": round(_percentile(cold, 0.95), 2),
            "max": round(max(cold), 2),
        },
        "latency_ms_by_query": {k: round(statistics.median(v), 2) for k, v in samples.items()},
        "numeric_with_totals_ms": {
            "p50": round(_percentile(numeric, 0.50), 2),
            "p95": round(_percentile(numeric, 0.95), 2),
            "max": round(max(numeric), 2),
        },
        "load_average_after_build": [round(x, 2) for x in load_after_build],
        "load_average_after_queries": [round(x, 2) for x in os.getloadavg()],
        "totals": totals,
        "phrase_agreement": agreement,
        "phrase_agreement_rate": sum(a["hits"] == a["truth"] for a in agreement.values())
        / len(agreement),
    }


def _numeric_latencies(backend: Any) -> list[float]:
    """Server time of a numeric-condition search with facets plus its totals by province."""
    samples: list[float] = []
    for round_number in range(ROUNDS + 1):
        for query, filters in NUMERIC_QUERIES:
            request = SearchRequest(
                query=query, filters=filters, include_totals=True, totals_by="province"
            )
            began = time.perf_counter()
            backend.search(request)
            if round_number > 0:
                samples.append((time.perf_counter() - began) * 1000)
    return samples


def _child(
    name: str, size: int, work_dir: str, truth: dict[str, int], reuse: bool, queue: Any
) -> None:
    queue.put(run_backend(name, size, work_dir, truth, reuse=reuse))


def _wait_for(process: Any, queue: Any) -> dict[str, Any]:
    """The child's result; raises if the child died without one."""
    import queue as queue_module

    while True:
        try:
            result: dict[str, Any] = queue.get(timeout=5)
        except queue_module.Empty as error:
            if not process.is_alive():
                raise RuntimeError(
                    f"benchmark child failed with exit code {process.exitcode}"
                ) from error
            continue
        process.join()
        return result


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns the exit status (1 when a phrase query disagrees)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument("--backends", nargs="+", choices=BACKENDS, default=list(BACKENDS))
    parser.add_argument("--output", type=Path, default=Path("bench-results"))
    parser.add_argument("--work-dir", type=Path, default=None, help="Where to build the indexes.")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="Keep the indexes in --work-dir and query them again in later runs without a rebuild.",
    )
    args = parser.parse_args(argv)
    if args.reuse and args.work_dir is None:
        parser.error("--reuse needs --work-dir")
    args.output.mkdir(parents=True, exist_ok=True)
    if args.work_dir is not None:
        args.work_dir.mkdir(parents=True, exist_ok=True)
    context = multiprocessing.get_context("spawn")
    status = 0
    for size in args.sizes:
        began = time.perf_counter()
        truth = substring_truth(size)
        print(f"size {size}: substring truth in {time.perf_counter() - began:.1f} s: {truth}")
        for name in args.backends:
            if args.reuse:
                work_dir = str(args.work_dir / f"{name}-{size}")
                os.makedirs(work_dir, exist_ok=True)
            else:
                work_dir = tempfile.mkdtemp(prefix=f"search-bench-{name}-", dir=args.work_dir)
            queue = context.Queue()
            process = context.Process(
                target=_child, args=(name, size, work_dir, truth, args.reuse, queue)
            )
            process.start()
            result = _wait_for(process, queue)
            if not args.reuse:
                shutil.rmtree(work_dir, ignore_errors=True)
            path = args.output / f"search-{name}-{size}.json"
            path.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
            latency = result["latency_ms"]
            rate = result["build_reports_per_second"]
            print(
                f"{name:8} {size:>7}: build {'reused' if rate is None else rate:>7} reports/s, "
                f"index {result['index_bytes'] / 2**20:8.1f} MiB, peak {result['peak_rss_mb']} MB, "
                f"p50 {latency['p50']} ms, p95 {latency['p95']} ms, "
                f"numeric+totals p95 {result['numeric_with_totals_ms']['p95']} ms "
                f"(cold p95 {result['cold_latency_ms']['p95']} ms), "
                f"phrase agreement {result['phrase_agreement_rate']:.0%}, "
                f"load {result['load_average_after_queries'][0]} → {path}",
                flush=True,
            )
            if result["phrase_agreement_rate"] < 1:
                status = 1
    return status


if __name__ == "__main__":
    raise SystemExit(main())
