"""Reliability under kill -9: crawls, schedulers and rebuilds killed at random, then checked.

    python -m benchmarks.reliability --rounds 3 --fuzz-minutes 2 --output bench-results

Not part of ``make test``. A local portal (the crawl benchmark's, in its own process) publishes
``--reports`` reports. Each round, on a fresh data directory:

1. **crawl**: ``nianbao crawl`` is started and killed with SIGKILL at a random moment, several
   times, then run to the end;
2. **reindex**: ``nianbao reindex`` is killed the same way, then run to the end;
3. **reindex during a crawl**: a second crawl (of the same portal under another start URL) runs
   while a reindex runs, both to the end;
4. **scheduler**: admin crawl requests are queued and ``nianbao scheduler`` is killed and
   restarted until every request is finished.

After each round: reports lost (published but not stored), duplicated (one URL stored twice),
unsearchable (``index verify``: missing or stale), abandoned index generations, and requests
stuck. Then the parser fuzz (``scripts/fuzz_readers.py``) runs for ``--fuzz-minutes``: crashes
and hangs. Every figure should be 0; they are printed and written to ``reliability.json``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

NIANBAO = Path(sys.executable).parent / "nianbao"
LISTING = "/xxgk/ndbg/index.html"


def _env(data_dir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "NIANBAO_DATA_DIR": str(data_dir),
        "NIANBAO_ALLOW_PRIVATE_ADDRESSES": "1",
        "NIANBAO_CRAWL_DELAY": "0",
        "NIANBAO_REQUEST_LEASE": "3",
    }


def _start(data_dir: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [str(NIANBAO), *args],
        env=_env(data_dir),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def _kill(process: subprocess.Popen[str]) -> None:
    """SIGKILL the command and the workers it started (its whole session)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate(timeout=30)


def _run(data_dir: Path, *args: str, timeout: float = 900) -> str:
    process = _start(data_dir, *args)
    output, _ = process.communicate(timeout=timeout)
    if process.returncode != 0:
        raise RuntimeError(f"nianbao {' '.join(args)} failed:\n{output[-2000:]}")
    return output


def _kill_loop(
    data_dir: Path, args: tuple[str, ...], kills: int, rng: random.Random, longest: float
) -> int:
    """Start the command ``kills`` times, each killed after a random delay; returns the kills
    that landed while it was still running."""
    landed = 0
    for _ in range(kills):
        process = _start(data_dir, *args)
        time.sleep(rng.uniform(0.3, longest))
        if process.poll() is None:
            landed += 1
        _kill(process)
    return landed


def _check(data_dir: Path, expected_urls: set[str]) -> dict[str, int]:
    """Lost, duplicated and unsearchable reports, abandoned generations, stuck requests."""
    from sqlalchemy import func, select

    from archive.index_check import verify_index
    from config import Settings
    from index.generations import BUILDING_MARK
    from services import Services
    from storage.models import CrawlRequest, Report

    services = Services.from_settings(Settings.from_env(_env(data_dir)))
    try:
        with services.database.session() as session:
            stored = session.execute(select(Report.url, func.count(Report.id)).group_by(Report.url))
            counts = {url: count for url, count in stored}
            stuck = session.scalar(
                select(func.count(CrawlRequest.id)).where(
                    CrawlRequest.status.in_(("queued", "running"))
                )
            )
        difference = verify_index(services)
        index_dir = services.settings.index_dir
        abandoned = sum(
            1 for path in index_dir.glob(f"*{'.gen-'}*") if (path / BUILDING_MARK).exists()
        )
    finally:
        services.close()
    return {
        "lost": len(expected_urls - set(counts)),
        "duplicated": sum(count - 1 for count in counts.values() if count > 1),
        "unsearchable": len(difference.missing) + len(difference.stale),
        "extra_in_index": len(difference.extra),
        "abandoned_generations": abandoned,
        "requests_stuck": int(stuck or 0),
    }


def _queue_requests(data_dir: Path, base_url: str, count: int) -> None:
    from config import Settings
    from services import Services
    from storage.models import CrawlRequest

    services = Services.from_settings(Settings.from_env(_env(data_dir)))
    try:
        with services.database.session() as session:
            for number in range(count):
                kind, target = ("reindex", None) if number % 2 else ("url", base_url + LISTING)
                session.add(CrawlRequest(kind=kind, target=target, requested_by="benchmark"))
            session.commit()
    finally:
        services.close()


def _requests_open(data_dir: Path) -> int:
    return _check(data_dir, set())["requests_stuck"]


def run_round(base_url: str, urls: set[str], rng: random.Random, kills: int) -> dict[str, Any]:
    """One round of every kill scenario on a fresh data directory."""
    figures: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="nianbao-reliability-") as tmp:
        data_dir = Path(tmp)
        crawl = ("crawl", "--start-url", base_url + LISTING)
        figures["crawl_kills"] = _kill_loop(data_dir, crawl, kills, rng, 6.0)
        _run(data_dir, *crawl)
        figures["after_crawl"] = _check(data_dir, urls)

        figures["reindex_kills"] = _kill_loop(data_dir, ("reindex",), kills, rng, 3.0)
        _run(data_dir, "reindex")
        figures["after_reindex"] = _check(data_dir, urls)

        # The same portal through a second start URL: every report is met again, "unchanged".
        second = _start(data_dir, "crawl", "--start-url", base_url + LISTING + "?from=2")
        time.sleep(rng.uniform(0.5, 2.0))
        _run(data_dir, "reindex")
        output, _ = second.communicate(timeout=900)
        if second.returncode != 0:
            raise RuntimeError(f"second crawl failed:\n{output[-2000:]}")
        figures["after_reindex_during_crawl"] = _check(data_dir, urls)

        _queue_requests(data_dir, base_url, 4)
        restarts = 0
        deadline = time.monotonic() + 600
        while _requests_open(data_dir) and time.monotonic() < deadline:
            scheduler = _start(data_dir, "scheduler", "--poll-interval", "0.5")
            time.sleep(rng.uniform(1.0, 5.0))
            _kill(scheduler)
            restarts += 1
            if restarts > kills:  # then let one scheduler finish the queue
                scheduler = _start(data_dir, "scheduler", "--poll-interval", "0.5")
                while _requests_open(data_dir) and time.monotonic() < deadline:
                    time.sleep(1)
                scheduler.send_signal(signal.SIGTERM)
                scheduler.communicate(timeout=60)
        figures["scheduler_kills"] = restarts
        figures["after_scheduler"] = _check(data_dir, urls)
    return figures


def main(argv: list[str] | None = None) -> int:
    """Run the rounds and the fuzz; print and write the figures; 1 if any figure is not 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--kills", type=int, default=4, help="kills per scenario and round")
    parser.add_argument("--reports", type=int, default=300)
    parser.add_argument("--fuzz-minutes", type=float, default=2.0)
    parser.add_argument("--seed", type=int, default=20261203)
    parser.add_argument("--output", type=Path, default=Path("bench-results"))
    args = parser.parse_args(argv)
    from benchmarks.crawl_bench import build_routes

    rng = random.Random(args.seed)
    portal = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.crawl_bench", "--serve", str(args.reports)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert portal.stdout is not None and portal.stdin is not None
    base_url = portal.stdout.readline().strip()
    urls = {base_url + path for path in build_routes(args.reports) if "/t2024_" in path}
    rounds = []
    try:
        for number in range(args.rounds):
            started = time.monotonic()
            figures = run_round(base_url, urls, rng, args.kills)
            figures["seconds"] = round(time.monotonic() - started, 1)
            rounds.append(figures)
            print(f"round {number + 1}: {json.dumps(figures, ensure_ascii=False)}", flush=True)
    finally:
        portal.stdin.close()
        portal.wait(10)
    totals: dict[str, int] = {}
    for figures in rounds:
        for key, value in figures.items():
            if key.startswith("after_"):
                for name, count in value.items():
                    totals[name] = totals.get(name, 0) + count
    fuzz = subprocess.run(
        [sys.executable, str(Path(__file__).resolve().parent.parent / "scripts" / "fuzz_readers.py"),
         "--minutes", str(args.fuzz_minutes), "--seed", str(args.seed)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    fuzz_summary = [
        line for line in fuzz.stdout.splitlines() if line.startswith(("findings", "mutants"))
    ]
    fuzz_line = next((line for line in fuzz.stdout.splitlines() if " mutants in " in line), "")
    print(fuzz_line)
    findings = next((line for line in fuzz.stdout.splitlines() if line.startswith("findings")), "")
    print(findings)
    record = {
        "benchmark": "reliability",
        "rounds": rounds,
        "totals": totals,
        "fuzz": {"summary": fuzz_line, "findings": findings, "exit_status": fuzz.returncode},
        "fuzz_lines": fuzz_summary,
    }
    args.output.mkdir(parents=True, exist_ok=True)
    (args.output / "reliability.json").write_text(
        json.dumps(record, indent=2, ensure_ascii=False), encoding="utf-8"
    )
    print("totals: " + ", ".join(f"{name} {count}" for name, count in sorted(totals.items())))
    return 0 if not any(totals.values()) and fuzz.returncode == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
