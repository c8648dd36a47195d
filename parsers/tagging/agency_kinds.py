"""Kinds of agencies: the controlled vocabulary, abbreviations (科技局 → 科学技术局), central bodies."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

#: Endings of a Chinese organisation's name, used to accept kinds outside the vocabulary.
ORGANISATION_ENDINGS: tuple[str, ...] = (
    "局",
    "厅",
    "委员会",
    "办公室",
    "参事室",
    "中心",
    "院",
    "会",
    "处",
    "所",
    "站",
    "队",
    "署",
    "社",
    "委",
    "政府",
    "分局",
    "支队",
    "大队",
)


@dataclass(frozen=True)
class KindTables:
    """The vocabulary and abbreviation tables, read once from ``parsers/data``."""

    vocabulary: frozenset[str]
    abbreviations: dict[str, str]
    central: dict[str, str]


@lru_cache(maxsize=1)
def kind_tables() -> KindTables:
    """The kind tables (cached)."""
    lines = (DATA_DIR / "agency_kinds.txt").read_text(encoding="utf-8").splitlines()
    vocabulary = frozenset(
        line.strip() for line in lines if line.strip() and not line.startswith("#")
    )
    with (DATA_DIR / "agency_abbreviations.csv").open(encoding="utf-8", newline="") as handle:
        abbreviations = {row["short"]: row["full"] for row in csv.DictReader(handle)}
    central: dict[str, str] = {}
    with (DATA_DIR / "central_agencies.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            central[row["name"]] = row["name"]
            if row["short"]:
                central[row["short"]] = row["name"]
    unknown = set(abbreviations.values()) - vocabulary
    if unknown:
        raise ValueError(f"abbreviations expand to kinds outside the vocabulary: {sorted(unknown)}")
    return KindTables(vocabulary, abbreviations, central)


def expand_kind(text: str) -> str:
    """The full form of an agency kind as written: ``科技局`` → ``科学技术局``, ``管委会`` → ``管理委员会``."""
    tables = kind_tables()
    if text in tables.vocabulary:
        return text
    if text in tables.abbreviations:
        return tables.abbreviations[text]
    corrected = _one_character_off(text)
    if corrected is not None:
        return corrected
    for short in ("管委会", "政府办公室", "政府办", "政府"):
        if text.endswith(short) and not text.endswith("人民" + short):
            expanded = text[: -len(short)] + tables.abbreviations[short]
            if short != "政府" or len(text) == len(short):
                return expanded
    return text


#: Kinds at least this long are corrected for one wrong character (shorter ones are too alike).
_MIN_CORRECTED_LENGTH = 6


def _one_character_off(text: str) -> str | None:
    """The one vocabulary kind that ``text`` misspells by one character (``市场监管管理局`` →
    ``市场监督管理局``), keeping the last character (the kind's ending), or None."""
    if len(text) < _MIN_CORRECTED_LENGTH:
        return None
    found = {
        kind
        for kind in _vocabulary_by_length().get(len(text), ())
        if kind[-1] == text[-1] and sum(a != b for a, b in zip(kind, text, strict=True)) == 1
    }
    return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=1)
def _vocabulary_by_length() -> dict[int, tuple[str, ...]]:
    by_length: dict[int, list[str]] = {}
    for kind in kind_tables().vocabulary:
        by_length.setdefault(len(kind), []).append(kind)
    return {length: tuple(kinds) for length, kinds in by_length.items()}


def is_known_kind(text: str) -> bool:
    """True if ``text`` is a kind of the vocabulary, an abbreviation of one, or a central body."""
    tables = kind_tables()
    return text in tables.vocabulary or text in tables.abbreviations or text in tables.central


def central_agency(text: str) -> str | None:
    """The full name of a central body (``科技部`` → ``科学技术部``), or None."""
    return kind_tables().central.get(text)


def central_prefix(text: str) -> tuple[str, str] | None:
    """``(as written, full name)`` of the longest central body's name that ``text`` starts with."""
    central = kind_tables().central
    found = [written for written in central if text.startswith(written) and written != text]
    if not found:
        return None
    longest = max(found, key=len)
    return longest, central[longest]


def _longest_vocabulary_ending(expanded: str) -> str | None:
    endings = [kind for kind in kind_tables().vocabulary if expanded.endswith(kind)]
    return max(endings, key=len) if endings else None


def is_compound_kind(expanded: str) -> bool:
    """True for a kind outside the vocabulary that joins several fields of work into one body.

    ``旅游和文化广电体育局`` ends like the vocabulary's ``体育局``, but the ``和`` before that ending
    shows the whole text is one merged department, not a ``体育局`` with a prefix.
    """
    if expanded in kind_tables().vocabulary:
        return False
    ending = _longest_vocabulary_ending(expanded)
    if ending is None:
        return False
    prefix = expanded[: -len(ending)]
    return ("和" in prefix or prefix.endswith("、")) and len(expanded) <= 15


def vocabulary_kind(expanded: str) -> str | None:
    """The vocabulary entry equal to, or else the longest one ending, an expanded kind.

    A merged department outside the vocabulary (:func:`is_compound_kind`) has no vocabulary kind.
    """
    if expanded in kind_tables().vocabulary:
        return expanded
    if is_compound_kind(expanded):
        return None
    return _longest_vocabulary_ending(expanded)


def controlled_kind(expanded: str) -> str | None:
    """The kind to publish for an expanded kind, or None when it is not an organisation's name.

    Vocabulary entries win (``经济技术开发区管理委员会`` → ``管理委员会``); otherwise a short text
    ending like an organisation (``…中心``, ``…局``) is kept as written.
    """
    known = vocabulary_kind(expanded)
    if known:
        return known
    for government in ("人民政府", "政府"):
        # 上海市人民政府参事室, 某市人民政府重点建设项目领导小组办公室: a body of the government.
        if expanded.startswith(government) and len(expanded) > len(government) + 1:
            inner = controlled_kind(expanded[len(government) :])
            if inner is not None and inner not in ("人民政府", "政府"):
                return inner
    if (
        3 <= len(expanded) <= 15
        and expanded.endswith(ORGANISATION_ENDINGS)
        and not expanded.startswith(("我", "本", "该", "全", "各", "县", "市", "区"))
    ):
        return expanded
    return None
