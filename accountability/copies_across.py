"""Copies between agencies: for each report of a year, the other agency's report whose 总体情况
and 存在的问题 are most alike (MinHash LSH from datasketch finds candidates; each candidate is
then compared exactly)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from datasketch import MinHash, MinHashLSH

from accountability.copying import COPY_THRESHOLD, JUDGED_SECTIONS, long_enough, overlap, shingles
from accountability.findings import Finding

#: LSH finds candidates from this estimated similarity (below the verdict's threshold: recall).
CANDIDATE_THRESHOLD = 0.6
PERMUTATIONS = 128


@dataclass(frozen=True)
class CopyCandidate:
    """A report of the year: its agency and the text judged (sections 1 and 5)."""

    report_id: int
    agency: str
    text: str


@dataclass(frozen=True)
class ClosestCopy:
    """The most similar other agency's report."""

    report_id: int
    agency: str
    similarity: float


def judged_text(sections: Sequence[Mapping[str, Any]]) -> str:
    """The text of sections 1 and 5 (the ones readers expect to be one's own)."""
    parts = [
        str(s.get("text") or "") for s in sections if int(s.get("number") or 0) in JUDGED_SECTIONS
    ]
    return "\n".join(parts)


#: A 5-gram in more than this share of a year's reports (and at least :data:`MIN_COMMON`) is
#: boilerplate, left out of the comparison.
COMMON_SHARE = 0.02
MIN_COMMON = 5


def without_boilerplate(grams: dict[int, set[str]]) -> dict[int, set[str]]:
    """Each report's 5-grams without those shared by many reports of the year."""
    frequency: Counter[str] = Counter()
    for found in grams.values():
        frequency.update(found)
    limit = max(MIN_COMMON, COMMON_SHARE * len(grams))
    common = {gram for gram, count in frequency.items() if count > limit}
    return {report_id: found - common for report_id, found in grams.items()}


def closest_copies(candidates: Sequence[CopyCandidate]) -> dict[int, ClosestCopy | None]:
    """For each report, the most similar report of another agency (None: nothing alike)."""
    usable = [c for c in candidates if long_enough(c.text)]
    grams = without_boilerplate({c.report_id: shingles(c.text) for c in usable})
    lsh = MinHashLSH(threshold=CANDIDATE_THRESHOLD, num_perm=PERMUTATIONS)
    hashes: dict[int, MinHash] = {}
    for candidate in usable:
        minhash = MinHash(num_perm=PERMUTATIONS)
        minhash.update_batch([gram.encode("utf-8") for gram in grams[candidate.report_id]])
        hashes[candidate.report_id] = minhash
        lsh.insert(str(candidate.report_id), minhash)
    by_id = {c.report_id: c for c in usable}
    result: dict[int, ClosestCopy | None] = {c.report_id: None for c in candidates}
    for candidate in usable:
        best: ClosestCopy | None = None
        mine = grams[candidate.report_id]
        for key in lsh.query(hashes[candidate.report_id]):
            other = by_id[int(key)]
            if other.report_id == candidate.report_id or other.agency == candidate.agency:
                continue
            theirs = grams[other.report_id]
            score = overlap(mine, theirs)
            if best is None or score > best.similarity:
                best = ClosestCopy(other.report_id, other.agency, round(score, 3))
        result[candidate.report_id] = best
    return result


def copy_finding(closest: ClosestCopy | None, judged: bool) -> Finding:
    """The ``copying.others`` finding of one report."""
    if not judged:
        return Finding("copying.others", "unknown", "第一、第五部分过短或缺失，无法比较")
    if closest is None:
        return Finding("copying.others", "pass", "同一年度没有文字相近的其他机关报告")
    evidence = {
        "report_id": closest.report_id,
        "agency": closest.agency,
        "similarity": closest.similarity,
    }
    if closest.similarity >= COPY_THRESHOLD:
        return Finding(
            "copying.others",
            "fail",
            f"与{closest.agency}同年度报告的文字 {closest.similarity:.0%} 相同",
            evidence,
        )
    return Finding(
        "copying.others",
        "pass",
        f"最相近的是{closest.agency}的报告（{closest.similarity:.0%}），未达照抄标准",
        evidence,
    )
