"""Evaluating saved searches (watches) against a batch of new reports.

``python -m benchmarks.watch_bench [--watches 1000] [--reports 1000]``: stores ``--watches``
watches (words, phrases, fields, numeric conditions and filters, like the portal's searches) in
a fresh SQLite archive, then times :func:`archive.watches.evaluate_watches` on a batch of
``--reports`` new synthetic reports (matches and notifications written). The issue's figure:
1,000 watches against 1,000 new reports in at most 10 s. Writes ``watch-bench.json``.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select

from archive.watches import Candidate, evaluate_watches
from benchmarks.corpus import generate_corpus
from benchmarks.query_mix import TERMS
from storage import Database
from storage.models import Base, Notification, Report, Watch, WatchMatch

CONDITIONS = ("复议纠正>0", "新收申请>=30", "公开率<0.5", "复议纠错率>0.3", "新收申请>=5")
PROVINCES = ("四川省", "广东省", "宁夏回族自治区", "浙江省", "河南省")
TARGET_SECONDS = 10.0


def random_watch(rng: random.Random, number: int) -> Watch:
    """A watch like those readers save: words, conditions, filters."""
    words = rng.sample(TERMS, rng.choice([0, 1, 1, 2]))
    query = " ".join(words)
    if rng.random() < 0.2:
        query = f"agency:{rng.choice(['公安局', '教育局', '人民政府'])} {query}".strip()
    conditions = rng.sample(CONDITIONS, rng.choice([0, 1, 1, 2]))
    filters: dict[str, list[str]] = {}
    if rng.random() < 0.5:
        filters["province"] = [rng.choice(PROVINCES)]
    if rng.random() < 0.3:
        filters["level"] = [rng.choice(["county", "city", "township"])]
    return Watch(
        token=f"bench-{number}",
        name=f"bench {number}",
        query=query,
        conditions=conditions,
        filters=filters,
        email="desk@example.org" if rng.random() < 0.3 else None,
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; returns 1 when the evaluation is slower than the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--watches", type=int, default=1000)
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--output", type=Path, default=Path("bench-results"))
    args = parser.parse_args(argv)
    rng = random.Random(18)
    with tempfile.TemporaryDirectory() as directory:
        database = Database(f"sqlite:///{directory}/bench.sqlite3")
        Base.metadata.create_all(database.engine)
        with database.session() as session:
            session.add_all(random_watch(rng, n) for n in range(args.watches))
            session.commit()
        documents = list(generate_corpus(args.reports, seed=7))
        with database.session() as session:  # the archived reports the matches point at
            session.add_all(
                Report(id=d.id, identity=d.url, url=d.url, title=d.title, agency=d.agency)
                for d in documents
            )
            session.commit()
        candidates = [Candidate(d, "new", None) for d in documents]
        began = time.perf_counter()
        recorded = evaluate_watches(database, candidates)
        seconds = time.perf_counter() - began
        with database.session() as session:
            matches = session.scalar(select(func.count()).select_from(WatchMatch)) or 0
            notifications = session.scalar(select(func.count()).select_from(Notification)) or 0
        database.engine.dispose()
    result = {
        "watches": args.watches,
        "reports": args.reports,
        "seconds": round(seconds, 2),
        "matches": matches,
        "notifications": notifications,
        "target_seconds": TARGET_SECONDS,
        "met": seconds <= TARGET_SECONDS,
    }
    assert recorded == matches
    args.output.mkdir(parents=True, exist_ok=True)
    path = args.output / "watch-bench.json"
    path.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print(
        f"{args.watches} watches × {args.reports} new reports: {seconds:.2f} s "
        f"({matches} matches, {notifications} notifications; target {TARGET_SECONDS} s: "
        f"{'met' if result['met'] else 'NOT met'}) → {path}"
    )
    return 0 if result["met"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
