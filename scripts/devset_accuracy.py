"""Print the tagger's per-field accuracy on a labelled set, its misses and its confusions.

python scripts/devset_accuracy.py [PATH ...] [--input text|html|both] [--misses FIELD ...]

PATH defaults to the clean dev-set ``tests/data/devset/devset.jsonl``; the raw real-world corpus
is ``tests/data/realworld/dev.jsonl`` (score ``blind.jsonl`` once, at the end of a round).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from parsers.tagging.devset import (  # noqa: E402
    INPUTS,
    MEASURED_FIELDS,
    evaluate,
    load_devset,
)
from parsers.tagging.gazetteer import get_gazetteer  # noqa: E402


def report(path: Path, source: str, miss_fields: set[str] | None) -> None:
    """Score one set read one way and print the figures."""
    examples = load_devset(path)
    get_gazetteer()
    evaluate(examples[:1], source)  # warm the lazy tables so the timing is per report
    started = time.perf_counter()
    accuracy = evaluate(examples, source)
    elapsed = time.perf_counter() - started
    print(f"== {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path} as {source}")
    print(f"{accuracy.total} examples, {1000 * elapsed / max(accuracy.total, 1):.2f} ms per report")
    for name in MEASURED_FIELDS:
        labelled = accuracy.labelled[name]
        print(
            f"{name:14} {100 * accuracy.share(name):6.1f}%  ({accuracy.correct[name]}/{labelled})"
        )
    for name, counts in accuracy.confusion.items():
        if counts:
            pairs = ", ".join(f"{e}→{g}: {n}" for (e, g), n in counts.most_common(12))
            print(f"confusion {name}: {pairs}")
    for label, name, expected, got in accuracy.misses:
        if miss_fields is None or name in miss_fields:
            print(f"MISS {name}: {label}: expected {expected!r}, got {got!r}")


def main() -> None:
    """Score every given set."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "paths", nargs="*", type=Path, default=[ROOT / "tests/data/devset/devset.jsonl"]
    )
    parser.add_argument("--input", choices=[*INPUTS, "both"], default="text")
    parser.add_argument("--misses", nargs="*", help="print misses of these fields only")
    arguments = parser.parse_args()
    sources = INPUTS if arguments.input == "both" else (arguments.input,)
    miss_fields = set(arguments.misses) if arguments.misses is not None else None
    for path in arguments.paths:
        for source in sources:
            if source == "html" and "realworld" not in str(path):
                continue
            report(path.resolve(), source, miss_fields)


if __name__ == "__main__":
    main()
