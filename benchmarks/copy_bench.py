"""Copy detection between agencies: recall and precision against planted copies.

``python -m benchmarks.copy_bench [--reports 5000] [--copies 500]``: a year of synthetic reports
whose 总体情况 and 存在的问题 are drawn from real report paragraphs, plus planted copies of some
of them — partial (a paragraph dropped), reordered, with changed numbers, or both. Every report
is checked with :func:`accountability.copies_across.closest_copies`; a report is flagged when its
closest other-agency report reaches the copy threshold. The issue's figures: recall ≥ 95 % and
precision ≥ 95 %. Writes ``copy-bench.json``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from pathlib import Path

from accountability.copies_across import CopyCandidate, closest_copies, copy_finding, judged_text
from accountability.copying import long_enough
from benchmarks.corpus import load_paragraphs

TRANSFORMS = ("partial", "reordered", "numbers", "reordered+numbers")
TARGET = 0.95


REAL_PAGES = Path(__file__).resolve().parents[1] / "tests" / "data" / "realworld" / "dev.jsonl"


def _paragraphs() -> list[str]:
    """Distinct sentences of real report pages (the tagging corpus) and of the seed reports."""
    texts = list(load_paragraphs())
    if REAL_PAGES.exists():
        texts += [json.loads(line)["text"] for line in REAL_PAGES.read_text("utf-8").splitlines()]
    sentences = {
        sentence.strip()
        for text in texts
        for sentence in re.split(r"[。；！？\n]", text)
        if 20 <= len(sentence.strip()) <= 200
    }
    return sorted(sentences)


def _report(rng: random.Random, pool: list[str]) -> list[str]:
    return rng.sample(pool, 12)


def _renumber(rng: random.Random, paragraph: str) -> str:
    return re.sub(r"\d+", lambda m: str(rng.randint(1, 999)), paragraph)


def _copy(rng: random.Random, source: list[str], how: str) -> list[str]:
    copied = list(source)
    if how == "partial":
        copied.pop(rng.randrange(len(copied)))
    if "reordered" in how:
        rng.shuffle(copied)
    if "numbers" in how:
        copied = [_renumber(rng, p) for p in copied]
    return copied


def _sections(paragraphs: list[str]) -> list[dict[str, object]]:
    return [
        {"number": 1, "text": "。".join(paragraphs[:8]) + "。"},
        {"number": 5, "text": "。".join(paragraphs[8:]) + "。"},
    ]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; returns 1 when recall or precision is below the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=5000)
    parser.add_argument("--copies", type=int, default=500)
    parser.add_argument("--output", type=Path, default=Path("bench-results"))
    args = parser.parse_args(argv)
    rng = random.Random(19)
    pool = _paragraphs()
    texts = {i: _report(rng, pool) for i in range(1, args.reports + 1)}
    family: dict[int, int] = {}  # report → the original its text comes from
    kinds: dict[int, str] = {}
    for n in range(args.copies):
        source = rng.randint(1, args.reports)
        copy_id = args.reports + n + 1
        how = TRANSFORMS[n % len(TRANSFORMS)]
        texts[copy_id] = _copy(rng, texts[source], how)
        family[source] = source
        family[copy_id] = source
        kinds[copy_id] = how
    candidates = [
        CopyCandidate(i, f"机关{i}", judged_text(_sections(paragraphs)))
        for i, paragraphs in texts.items()
    ]
    began = time.perf_counter()
    closest = closest_copies(candidates)
    seconds = time.perf_counter() - began
    flagged = {
        c.report_id: closest[c.report_id]
        for c in candidates
        if copy_finding(closest[c.report_id], long_enough(c.text)).status == "fail"
    }
    # Copies of one original are copies of each other too.
    true_flags = [
        i
        for i, found in flagged.items()
        if found and i in family and family.get(found.report_id) == family[i]
    ]
    copies_found = [copy_id for copy_id in kinds if copy_id in true_flags]
    recall = len(copies_found) / len(kinds) if kinds else 1.0
    precision = len(true_flags) / len(flagged) if flagged else 1.0
    by_kind = {
        how: round(
            sum(1 for c in copies_found if kinds[c] == how)
            / max(1, sum(1 for k in kinds.values() if k == how)),
            4,
        )
        for how in TRANSFORMS
    }
    result = {
        "reports": len(texts),
        "planted_copies": len(kinds),
        "flagged": len(flagged),
        "recall": round(recall, 4),
        "precision": round(precision, 4),
        "recall_by_transform": by_kind,
        "reports_in_copied_families": len(family),
        "seconds": round(seconds, 2),
        "target": TARGET,
    }
    args.output.mkdir(parents=True, exist_ok=True)
    path = args.output / "copy-bench.json"
    path.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print(
        f"{len(texts)} reports, {len(kinds)} planted copies: recall {recall:.1%}, precision "
        f"{precision:.1%} ({len(flagged)} flagged) in {seconds:.1f} s; by transform {by_kind} → {path}"
    )
    return 0 if recall >= TARGET and precision >= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
