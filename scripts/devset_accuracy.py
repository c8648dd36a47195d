"""Print the tagger's per-field accuracy on a labelled dev-set.

python scripts/devset_accuracy.py [PATH]     # default: tests/data/devset/devset.jsonl
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from parsers.tagging.devset import MEASURED_FIELDS, evaluate, load_devset  # noqa: E402
from parsers.tagging.gazetteer import get_gazetteer  # noqa: E402


def main() -> None:
    """Run the dev-set and print accuracy per field, then every miss."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "path", nargs="?", type=Path, default=ROOT / "tests/data/devset/devset.jsonl"
    )
    arguments = parser.parse_args()
    examples = load_devset(arguments.path)
    get_gazetteer()
    evaluate(examples[:1])  # warm the lazy tables so the timing is per report
    started = time.perf_counter()
    accuracy = evaluate(examples)
    elapsed = time.perf_counter() - started
    print(f"{accuracy.total} examples, {1000 * elapsed / max(accuracy.total, 1):.2f} ms per report")
    for name in MEASURED_FIELDS:
        print(
            f"{name:14} {100 * accuracy.share(name):6.1f}%  ({accuracy.correct[name]}/{accuracy.total})"
        )
    for label, name, expected, got in accuracy.misses:
        print(f"MISS {name}: {label!r}: expected {expected!r}, got {got!r}")


if __name__ == "__main__":
    main()
