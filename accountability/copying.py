"""Is a report's text copied — from the same agency's previous year, or from another agency?

Texts are compared as sets of character 5-grams of their normalised wording, taken sentence by
sentence (whitespace and punctuation dropped, every number written ``#``: a copy with new
numbers or its sentences in another order is still a copy). Similarity is the share of the
smaller set found in the other when the two are of similar size (a sentence dropped or added
keeps a copy a copy), else the Jaccard index. Across a year's reports, 5-grams that many reports share (boilerplate such as
“以习近平新时代中国特色社会主义思想为指导”) are left out, candidates come from MinHash LSH
(datasketch), and each candidate is then compared exactly.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from accountability.findings import Finding

SHINGLE = 5
#: A section this similar to last year's is a copy.
COPY_THRESHOLD = 0.85
#: Sections whose wording (not their numbers) readers expect to change: 总体情况 and 存在的问题.
JUDGED_SECTIONS: tuple[int, ...] = (1, 5)
#: Shortest normalised text worth comparing (a section of a few words says nothing).
MIN_CHARS = 60

_NUMBER = re.compile(r"[0-9０-９一二三四五六七八九十百千万亿〇零两]+(?:[.．][0-9]+)?")


def normalise(text: str) -> str:
    """The wording of a text: NFKC, numbers as ``#``, no whitespace or punctuation."""
    text = unicodedata.normalize("NFKC", text)
    text = _NUMBER.sub("#", text)
    return "".join(ch for ch in text if ch.isalnum() or ch == "#")


_SENTENCE_END = re.compile(r"[。；;！!？?\n]+")


def shingles(text: str) -> set[str]:
    """The character 5-grams of a text's sentences, each normalised (none spans two sentences)."""
    grams: set[str] = set()
    for sentence in _SENTENCE_END.split(text):
        piece = normalise(sentence)
        if 0 < len(piece) < SHINGLE:
            grams.add(piece)
        grams.update(piece[i : i + SHINGLE] for i in range(len(piece) - SHINGLE + 1))
    # Runs of numbers (table rows flattened into the text) say nothing about the wording.
    return {gram for gram in grams if gram.count("#") < 3}


#: Texts this close in size are compared by containment (a copy with a sentence dropped or
#: added is still a copy); texts of very different sizes by the Jaccard index.
SIZE_RATIO = 0.7


def overlap(first: set[str], second: set[str]) -> float:
    """The share of the smaller set's 5-grams in the other when the two are of similar size,
    else the Jaccard index."""
    smaller, larger = sorted((len(first), len(second)))
    if not smaller:
        return 0.0
    shared = len(first & second)
    if smaller >= SIZE_RATIO * larger:
        return shared / smaller
    return shared / len(first | second)


def long_enough(text: str) -> bool:
    """Whether a text has enough wording to be compared."""
    return len(normalise(text)) >= MIN_CHARS


def similarity(first: str, second: str) -> float | None:
    """:func:`overlap` of two texts' 5-grams; None when either is too short to judge."""
    if not (long_enough(first) and long_enough(second)):
        return None
    return overlap(shingles(first), shingles(second))


def _sections(sections: Sequence[Mapping[str, Any]]) -> dict[int, str]:
    return {int(s.get("number") or 0): str(s.get("text") or "") for s in sections}


def previous_year_copying(
    sections: Sequence[Mapping[str, Any]],
    previous_sections: Sequence[Mapping[str, Any]] | None,
    previous_year: int | None,
    previous_findings: Iterable[Mapping[str, Any]] = (),
) -> list[Finding]:
    """Similarity of each section to last year's, and for how many years 第五部分 stood still."""
    if previous_sections is None:
        return [Finding("copying.previous_year", "unknown", "没有同一机关上一年度的报告，无法比较")]
    now, before = _sections(sections), _sections(previous_sections)
    scores = {
        number: similarity(now[number], before[number])
        for number in sorted(now.keys() & before.keys())
        if number
    }
    evidence = {
        "previous_year": previous_year,
        "sections": {str(n): None if s is None else round(s, 3) for n, s in scores.items()},
    }
    copied = [n for n in JUDGED_SECTIONS if (scores.get(n) or 0) >= COPY_THRESHOLD]
    judged = [n for n in JUDGED_SECTIONS if scores.get(n) is not None]
    findings = []
    if not judged:
        findings.append(
            Finding(
                "copying.previous_year", "unknown", "第一、第五部分过短或缺失，无法比较", evidence
            )
        )
    elif copied:
        parts = "、".join(f"第{'一二三四五六'[n - 1]}部分 {scores[n]:.0%}" for n in copied)
        findings.append(
            Finding(
                "copying.previous_year",
                "fail",
                f"与{previous_year}年度报告文字基本相同：{parts}",
                evidence,
            )
        )
    else:
        findings.append(
            Finding(
                "copying.previous_year", "pass", f"与{previous_year}年度报告的文字不同", evidence
            )
        )
    problems = scores.get(5)
    if problems is not None:
        findings.append(_problems_unchanged(problems, previous_year, previous_findings))
    return findings


def _problems_unchanged(
    score: float, previous_year: int | None, previous_findings: Iterable[Mapping[str, Any]]
) -> Finding:
    earlier = next(
        (f for f in previous_findings if f.get("rule") == "copying.problems_unchanged"), None
    )
    if score < COPY_THRESHOLD:
        return Finding(
            "copying.problems_unchanged", "pass", "“存在的主要问题”与上一年度不同", {"years": 0}
        )
    years = 1 + int((earlier or {}).get("evidence", {}).get("years", 0) or 0)
    return Finding(
        "copying.problems_unchanged",
        "fail",
        f"“存在的主要问题”连续 {years + 1} 年基本未变（{score:.0%} 相同）",
        {"years": years, "since": (previous_year or 0) - years + 1 if previous_year else None},
    )


#: A sentence whose 5-grams are at least this much in the other text is a shared passage.
SHARED_SENTENCE = 0.8
_SENTENCE_SPAN = re.compile(r"[^。；;！!？?\n]+[。；;！!？?]*")


def shared_passages(text: str, other: str) -> list[tuple[str, bool]]:
    """``text`` cut into runs, each marked True when it is a sentence (numbers ignored) that
    ``other`` also says: the copied passages a reader sees highlighted. Joined, the runs are
    ``text`` exactly."""
    grams = shingles(other)
    runs: list[tuple[str, bool]] = []
    position = 0
    for match in _SENTENCE_SPAN.finditer(text):
        if match.start() > position:
            runs.append((text[position : match.start()], False))
        sentence = match.group()
        own = shingles(sentence)
        shared = (
            len(normalise(sentence)) >= SHINGLE
            and bool(own)
            and len(own & grams) >= SHARED_SENTENCE * len(own)
        )
        if runs and runs[-1][1] == shared:
            runs[-1] = (runs[-1][0] + sentence, shared)
        else:
            runs.append((sentence, shared))
        position = match.end()
    if position < len(text):
        runs.append((text[position:], False))
    return runs
