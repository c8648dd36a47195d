"""Crawl benchmark: a local portal of N reports, politeness off, through fetch → parse → store → index.

    python -m benchmarks.crawl_bench --reports 2000 --output bench-results

The portal runs in its own process (TRS-style lists of 20 reports, ``createPageHTML`` paging);
the crawler runs here with the real pipeline on a temporary data directory. Reported: reports per
second, and resident memory sampled at 25/50/75/100 % of the crawl (it should stay flat), for
the crawler process and, separately, for its worker processes (parsing, index writing). CPU time
per report (main process and workers) is reported too: unlike reports per second it does not
depend on what else the machine is running.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

PER_PAGE = 20


def build_routes(count: int) -> dict[str, object]:
    """Routes of a portal with ``count`` distinct reports (variants of the five seeds)."""
    from dataclasses import replace

    from tests.gov_sites.pages import list_items, page, report_page, reports
    from tests.gov_sites.server import Reply

    seeds = reports()
    routes: dict[str, object] = {}
    entries = []
    for number in range(count):
        seed = seeds[number % len(seeds)]
        agency = (
            seed.agency.replace("科学技术局", f"第{number}科学技术局")
            if "科学技术局" in seed.agency
            else f"{seed.agency}{number}"
        )
        variant = replace(
            seed,
            agency=agency,
            title=seed.title.replace(seed.agency, agency),
            text=seed.text.replace(seed.agency, agency),
        )
        path = f"/xxgk/ndbg/{number // 100}/t2024_{number}.html"
        routes[path] = Reply(report_page(variant))
        entries.append((path, variant.title, variant.published))
    pages = [entries[i : i + PER_PAGE] for i in range(0, len(entries), PER_PAGE)]
    for index, chunk in enumerate(pages):
        name = "index.html" if index == 0 else f"index_{index}.html"
        body = (
            f'<ul class="list">{list_items(chunk)}</ul>'
            f'<script>createPageHTML({len(pages)}, {index}, "index", "html");</script>'
        )
        routes[f"/xxgk/ndbg/{name}"] = Reply(page("政府信息公开年报", body))
    return routes


def serve(count: int) -> None:
    """Child process: serve the portal and print its base URL."""
    from tests.gov_sites.server import PortalServer

    with PortalServer(build_routes(count)) as server:  # type: ignore[arg-type]
        print(server.base_url, flush=True)
        sys.stdin.read()  # until the parent closes stdin


def rss_mb(pid: int | str = "self") -> float:
    """Resident memory of a process (this one by default) in MiB."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def helper_processes(exclude: set[int]) -> list[int]:
    """Descendants of this process (parse workers, their fork server), minus ``exclude``."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii") as handle:
                fields = handle.read().rsplit(") ", 1)[1].split()
        except (OSError, IndexError):
            continue
        parents[int(entry)] = int(fields[1])
    found: list[int] = []
    frontier = [os.getpid()]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent and pid not in exclude]
        found.extend(children)
        frontier.extend(children)
    return found


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            fields = handle.read().rsplit(") ", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class RssSampler:
    """Samples this process's RSS every 0.1 s; ``peak_since_mark`` gives each phase's peak.

    Helper processes (the parse workers, not the portal in ``exclude``) are sampled too: their
    summed RSS per phase, and the CPU time each used (last sample before it exits).
    """

    def __init__(self, exclude: set[int] | None = None) -> None:
        self.peak = 0.0
        self.helpers_peak = 0.0
        self.helper_cpu: dict[int, float] = {}
        self.exclude = exclude or set()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.1):
            self.peak = max(self.peak, rss_mb())
            helpers = helper_processes(self.exclude)
            self.helpers_peak = max(self.helpers_peak, sum(rss_mb(pid) for pid in helpers))
            for pid in helpers:
                self.helper_cpu[pid] = max(self.helper_cpu.get(pid, 0.0), cpu_seconds(pid))

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def peak_since_mark(self) -> float:
        """The highest RSS since the previous call."""
        peak, self.peak = max(self.peak, rss_mb()), 0.0
        return round(peak, 1)

    def helpers_peak_since_mark(self) -> float:
        """The highest summed RSS of the helper processes since the previous call."""
        peak, self.helpers_peak = self.helpers_peak, 0.0
        return round(peak, 1)


def stage_costs(routes: dict[str, object], backend: str, sample: int = 200) -> dict[str, float]:
    """Milliseconds per report of parsing alone and of indexing alone, on ``sample`` reports."""
    from index import open_backend
    from index.backend import IndexDocument
    from parsers import parse_document

    pages = [reply.body for path, reply in routes.items() if "/t2024_" in path][:sample]  # type: ignore[attr-defined]
    started = time.perf_counter()
    parsed = [parse_document(body, filename="report.html") for body in pages]
    parse_ms = (time.perf_counter() - started) * 1000 / len(pages)
    with tempfile.TemporaryDirectory(prefix="nianbao-crawl-bench-index-") as index_dir:
        search = open_backend(backend, Path(index_dir))
        documents = [
            IndexDocument(id=n + 1, title=p.title, agency=p.agency or "", body=p.text, year=p.year)
            for n, p in enumerate(parsed)
        ]
        started = time.perf_counter()
        for start in range(0, len(documents), 100):
            search.index_reports(documents[start : start + 100])
        index_ms = (time.perf_counter() - started) * 1000 / len(documents)
    return {"parse_ms_per_report": round(parse_ms, 1), "index_ms_per_report": round(index_ms, 1)}


def run(count: int, output: Path, search_backend: str = "whoosh") -> dict[str, object]:
    """Crawl a portal of ``count`` reports and write the figures to ``output``."""
    from config import Settings
    from crawler.engine import PageEvent
    from crawler.service import crawl_target, url_target
    from services import Services

    load_at_start = round(os.getloadavg()[0], 2)
    child = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.crawl_bench", "--serve", str(count)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stdin is not None
    base_url = child.stdout.readline().strip()
    samples: dict[str, float] = {}
    worker_samples: dict[str, float] = {}
    marks = {int(count * share / 100): f"{share}%" for share in (25, 50, 75, 100)}
    archived = 0

    sampler = RssSampler(exclude={child.pid})

    def progress(event: PageEvent) -> None:
        nonlocal archived
        if event.kind == "report" and event.outcome == "new":
            archived += 1
            if archived in marks:
                samples[marks[archived]] = sampler.peak_since_mark()
                worker_samples[marks[archived]] = sampler.helpers_peak_since_mark()

    with tempfile.TemporaryDirectory(prefix="nianbao-crawl-bench-") as data_dir:
        settings = Settings(
            data_dir=Path(data_dir),
            allow_private_addresses=True,
            crawl_delay=0.0,
            search_backend=search_backend,
        )
        services = Services.from_settings(settings)
        rss_start = rss_mb()
        with sampler:
            sampler.peak_since_mark()
            sampler.helpers_peak_since_mark()
            cpu_start = resource.getrusage(resource.RUSAGE_SELF)
            started = time.perf_counter()
            summary = crawl_target(
                services, url_target(base_url + "/xxgk/ndbg/index.html"), progress=progress
            )
            elapsed = time.perf_counter() - started
            cpu_end = resource.getrusage(resource.RUSAGE_SELF)
            samples["after the final index flush"] = sampler.peak_since_mark()
        main_cpu = (cpu_end.ru_utime - cpu_start.ru_utime) + (cpu_end.ru_stime - cpu_start.ru_stime)
        helper_cpu = sum(sampler.helper_cpu.values())
        indexed = services.search.document_count()
        services.close()
    child.stdin.close()
    child.wait(10)
    figures: dict[str, object] = {
        "benchmark": "crawl",
        "reports": count,
        "reports_new": summary.reports_new,
        "pages_fetched": summary.pages_fetched,
        "errors": summary.errors,
        "indexed": indexed,
        "seconds": round(elapsed, 2),
        "reports_per_second": round(summary.reports_new / elapsed, 1),
        "pages_per_second": round(summary.pages_fetched / elapsed, 1),
        "rss_mb_start": round(rss_start, 1),
        "peak_rss_mb_per_quarter": samples,
        "max_rss_mb_during_crawl": max(samples.values()),
        "max_rss_mb_process": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "worker_processes_peak_rss_mb_per_quarter": worker_samples,
        "cpu_ms_per_report_crawler_process": round(
            main_cpu * 1000 / max(summary.reports_new, 1), 1
        ),
        "cpu_ms_per_report_worker_processes": round(
            helper_cpu * 1000 / max(summary.reports_new, 1), 1
        ),
        "load_average_1m_at_start": load_at_start,
        "database": "sqlite",
        "search_backend": settings.search_backend,
        "cpu_count": os.cpu_count(),
        "load_average_1m_at_end": round(os.getloadavg()[0], 2),
        "stage_costs_measured_separately": stage_costs(build_routes(200), search_backend),
    }
    output.mkdir(parents=True, exist_ok=True)
    (output / f"crawl_bench_{search_backend}.json").write_text(
        json.dumps(figures, ensure_ascii=False, indent=2)
    )
    return figures


def main() -> None:
    """Command line entry point."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument("--output", type=Path, default=Path("bench-results"))
    parser.add_argument("--search-backend", default="whoosh", choices=["whoosh", "tantivy"])
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve)
        return
    figures = run(args.reports, args.output, args.search_backend)
    print(json.dumps(figures, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
