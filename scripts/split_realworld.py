"""Split the collected real-world records into a dev half and a blind half, by a hash of the URL.

python scripts/split_realworld.py [--round N] [--exclude 'part-r13*']

Reads ``tests/data/realworld/collected/*.jsonl``, drops records whose URL was seen before, and
writes ``dev.jsonl`` and ``blind.jsonl`` beside them. Records scored blind in an earlier round
(their URLs listed in ``scored_round*.txt``) are dev data from then on; the others are split by
a hash of the URL and the round, so a record never moves between halves as more are collected.
``--exclude`` leaves out parts still being collected for a later round.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "realworld"


def half_of(url: str, round_number: int) -> str:
    """``dev`` or ``blind``: the half a URL belongs to in a round."""
    digest = hashlib.sha256(f"{round_number}:{url}".encode()).digest()
    return "blind" if digest[0] % 2 else "dev"


def main() -> None:
    """Write dev.jsonl and blind.jsonl from the collected parts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--round", type=int, default=4)
    parser.add_argument(
        "--exclude", action="append", default=[], help="glob of part files to leave out"
    )
    arguments = parser.parse_args()
    scored = {
        line.strip()
        for path in CORPUS.glob("scored_round*.txt")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    seen: set[str] = set()
    halves: dict[str, list[str]] = {"dev": [], "blind": []}
    excluded = {
        path for pattern in arguments.exclude for path in (CORPUS / "collected").glob(pattern)
    }
    for part in sorted(set((CORPUS / "collected").glob("*.jsonl")) - excluded):
        for line in part.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            record = json.loads(line)
            url = record["url"]
            if url in seen or not record.get("text") or not record.get("expected"):
                continue
            seen.add(url)
            half = "dev" if url in scored else half_of(url, arguments.round)
            halves[half].append(json.dumps(record, ensure_ascii=False))
    for name, lines in halves.items():
        (CORPUS / f"{name}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{name}: {len(lines)} records")


if __name__ == "__main__":
    main()
