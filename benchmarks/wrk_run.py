"""Load test of the portal under gunicorn with wrk: throughput, latency and errors (issue 6).

Starts ``gunicorn -w 2 wsgi:app`` on a free local port over an existing archive (built by
:mod:`benchmarks.bench_archive`), writes a file of request paths — distinct searches of
:mod:`benchmarks.query_mix` and report pages of random ids — and lets ``wrk`` request random
paths of it (``benchmarks/wrk/mix.lua``) from 50 connections for 60 seconds::

    .venv/bin/python -m benchmarks.wrk_run --data-dir /tmp/nianbao-bench/100k \\
        --search-backend tantivy --output bench-results

Skips with a message (exit status 0) when ``wrk`` is not installed (``apt-get install wrk``).
Every answer other than 2xx/3xx and every socket error (including wrk's timeouts) is an error.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, select

from benchmarks.portal_bench import search_url
from benchmarks.query_mix import distinct_searches
from config import Settings
from index import BACKENDS
from storage.models import Report

ROOT = Path(__file__).resolve().parents[1]
LUA_SCRIPT = Path(__file__).resolve().parent / "wrk" / "mix.lua"
GUNICORN = Path(sys.executable).with_name("gunicorn")
STARTUP_TIMEOUT_SECONDS = 60
#: wrk counts a request as a timeout error after this long.
WRK_TIMEOUT = "10s"


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def write_paths(
    data_dir: Path, path: Path, count: int, search_share: float, seed: int = 11
) -> dict[str, int]:
    """Write ``count`` request paths, ``search_share`` of them searches, in a random order."""
    engine = create_engine(Settings(data_dir=data_dir).sqlalchemy_url)
    with engine.connect() as connection:
        ids = list(connection.scalars(select(Report.id)))
    engine.dispose()
    rng = random.Random(seed)
    searches = round(count * search_share)
    lines = [search_url(search) for search in distinct_searches(searches, seed=seed)]
    lines += [f"/reports/{rng.choice(ids)}" for _ in range(count - searches)]
    rng.shuffle(lines)
    path.write_text("\n".join(lines) + "\n")
    return {"paths": len(lines), "search_paths": searches, "report_paths": count - searches}


@contextmanager
def gunicorn(
    data_dir: Path, search_backend: str, workers: int, port: int, log: Path
) -> Iterator[subprocess.Popen[bytes]]:
    """A running gunicorn serving the portal, stopped (SIGTERM) on exit."""
    env = {
        **os.environ,
        "NIANBAO_DATA_DIR": str(data_dir),
        "NIANBAO_SEARCH_BACKEND": search_backend,
        # Set, so the workers do not race to create DATA_DIR/secret_key.
        "NIANBAO_SECRET_KEY": os.environ.get("NIANBAO_SECRET_KEY", "bench"),
    }
    command = [str(GUNICORN), "-w", str(workers), "-b", f"127.0.0.1:{port}", "wsgi:app"]
    with log.open("wb") as handle:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=handle, stderr=handle)
    try:
        _wait_until_serving(port, process)
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_serving(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with status {process.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/search?q=warmup", timeout=30):
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"gunicorn did not answer within {STARTUP_TIMEOUT_SECONDS} s")


def worker_cpu_seconds(master_pid: int) -> dict[int, float]:
    """CPU seconds (user + system) used so far by each child of ``master_pid`` (Linux /proc)."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    ticks = os.sysconf("SC_CLK_TCK")
    used: dict[int, float] = {}
    for pid in children.read_text().split():
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        used[int(pid)] = (int(fields[11]) + int(fields[12])) / ticks
    return used


_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _milliseconds(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if not match:
        raise ValueError(f"not a wrk duration: {text!r}")
    return round(float(match.group(1)) * _UNITS_MS[match.group(2)], 2)


def parse_wrk_output(text: str) -> dict[str, Any]:
    """Throughput, latency percentiles and error counts from ``wrk --latency`` output."""
    figures: dict[str, Any] = {"non_2xx_3xx": 0, "socket_errors": {}}
    if match := re.search(r"Requests/sec:\s+([\d.]+)", text):
        figures["requests_per_second"] = float(match.group(1))
    if match := re.search(r"(\d+) requests in ([\d.]+\w+), ([\d.]+\w+) read", text):
        figures["requests"] = int(match.group(1))
        figures["duration_ms"] = _milliseconds(match.group(2))
        figures["read"] = match.group(3)
    if match := re.search(r"Latency\s+([\d.]+\w+)\s+([\d.]+\w+)\s+([\d.]+\w+)", text):
        figures["latency_mean_ms"] = _milliseconds(match.group(1))
        figures["latency_stdev_ms"] = _milliseconds(match.group(2))
        figures["latency_max_ms"] = _milliseconds(match.group(3))
    figures["latency_percentiles_ms"] = {
        f"p{percent}": _milliseconds(value)
        for percent, value in re.findall(r"^\s+(\d+)%\s+([\d.]+\w+)\s*$", text, re.MULTILINE)
    }
    if match := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text):
        figures["non_2xx_3xx"] = int(match.group(1))
    if match := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text
    ):
        names = ("connect", "read", "write", "timeout")
        figures["socket_errors"] = dict(zip(names, map(int, match.groups()), strict=True))
    figures["errors"] = figures["non_2xx_3xx"] + sum(figures["socket_errors"].values())
    return figures


def run(
    data_dir: Path,
    search_backend: str,
    *,
    workers: int = 2,
    connections: int = 50,
    threads: int = 2,
    duration_seconds: int = 60,
    paths: int = 20_000,
    search_share: float = 0.5,
) -> dict[str, Any]:
    """Serve ``data_dir`` with gunicorn and load it with wrk; return the figures."""
    wrk = shutil.which("wrk")
    if wrk is None:
        raise FileNotFoundError("wrk")
    with tempfile.TemporaryDirectory(prefix="nianbao-wrk-") as scratch:
        paths_file = Path(scratch) / "paths.txt"
        mix = write_paths(data_dir, paths_file, paths, search_share)
        port = free_port()
        log = Path(scratch) / "gunicorn.log"
        with gunicorn(data_dir, search_backend, workers, port, log) as server:
            load_before = round(os.getloadavg()[0], 2)
            cpu_before = worker_cpu_seconds(server.pid)
            command = [
                wrk,
                f"-t{threads}",
                f"-c{connections}",
                f"-d{duration_seconds}s",
                f"--timeout={WRK_TIMEOUT}",
                "--latency",
                "-s",
                str(LUA_SCRIPT),
                f"http://127.0.0.1:{port}",
                "--",
                str(paths_file),
            ]
            completed = subprocess.run(command, capture_output=True, text=True, check=True)
            load_after = round(os.getloadavg()[0], 2)
            cpu_after = worker_cpu_seconds(server.pid)
        server_errors = [
            line for line in log.read_text(errors="replace").splitlines() if "ERROR" in line
        ]
    figures = parse_wrk_output(completed.stdout)
    cpu_seconds = sum(cpu_after[pid] - cpu_before[pid] for pid in cpu_after if pid in cpu_before)
    figures["worker_cpu_seconds"] = round(cpu_seconds, 1)
    if figures.get("requests"):
        # CPU per request does not depend on how busy the shared machine was.
        figures["worker_cpu_ms_per_request"] = round(cpu_seconds * 1000 / figures["requests"], 2)
    figures.update(
        search_backend=search_backend,
        data_dir=str(data_dir),
        gunicorn_workers=workers,
        connections=connections,
        wrk_threads=threads,
        mix=mix,
        load_average={"before": load_before, "after": load_after},
        gunicorn_error_lines=server_errors[:20],
        wrk_output=completed.stdout,
    )
    return figures


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data-dir", type=Path, required=True, help="an existing archive")
    parser.add_argument("--search-backend", choices=BACKENDS, default="whoosh")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--duration", type=int, default=60, help="seconds")
    parser.add_argument("--paths", type=int, default=20_000, help="distinct request paths")
    parser.add_argument("--search-share", type=float, default=0.5, help="share of searches")
    parser.add_argument("--output", type=Path, help="JSON file, or directory for wrk-*.json")
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        print("wrk is not installed (apt-get install wrk): skipping the load test.")
        return 0
    figures = run(
        args.data_dir,
        args.search_backend,
        workers=args.workers,
        connections=args.connections,
        threads=args.threads,
        duration_seconds=args.duration,
        paths=args.paths,
        search_share=args.search_share,
    )
    print(figures["wrk_output"])
    summary = {key: value for key, value in figures.items() if key != "wrk_output"}
    print(json.dumps(summary, ensure_ascii=False, indent=2))
    if args.output:
        path = args.output
        if path.suffix != ".json":
            path = path / f"wrk-{args.search_backend}-{args.data_dir.name}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n")
    return 0 if figures["errors"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
