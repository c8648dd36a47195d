"""The department a report means when it never writes its own name.

Many department reports speak only as ``我局``/``我厅``/``我委`` and name no body in any sentence
the mention patterns know, yet say which department they are in two ways a reader follows:

- by a bare level word before the kind (``市统计局成立了…``, ``区财政局对…``): the report's region's
  bureau of that kind;
- by what they report on (``统计公报``, ``统计执法`` in a 统计局's report; ``不动产登记``,
  ``自然资源`` in a 自然资源局's): the kind whose subject the opening keeps naming.

Both are read only once the report's region is known and nothing better names the author.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from parsers.tagging.agency_kinds import expand_kind, kind_tables

#: How a report refers to itself, and the ending of the kinds each reference can mean.
_SELF_ENDINGS = {"局": "局", "厅": "厅", "委": "委员会"}
_SELF_REFERENCE = re.compile(r"(?:我|本)(局|厅|委)")
_REGION_OR_TOWN_REFERENCE = re.compile(r"(?:我|本)(?:镇|乡|街道|县|区|市|省)(?![局委办厅])")

_GOVERNMENT_KINDS = frozenset({"人民政府", "人民政府办公室", "人民政府办公厅", "政府"})

#: A kind right after a bare level word that stands for the report's own region
#: (``，市统计局成立了…``); the level word must not end a longer name (``凌源市统计局`` is a
#: name the mention patterns read).
_LEVEL_WORD_BEFORE = re.compile(
    r"(?:^|(?<=[^\u4e00-\u9fff])|(?<=[年由对经和及与在将委了向]))(省|市|县|区|旗|州|盟)"
)

#: Subjects every report writes whatever its author (``统计期限``, ``人民政府``, ``财政预算``):
#: removed before the opening's subjects are counted.
_BOILERPLATE = re.compile(
    r"人民政府|[省市县区州旗]政府|统计(?:期限|数据|时限|日期|截止|时间|时段|口径|范围|期)"
    r"|数据统计|有关统计|所列数据|财政(?:预决算|预算|决算|资金|拨款|供养)|预决算"
)
#: Kinds' subjects too general to tell one department from another (a quarter or more of all
#: real reports in the dev corpus write them, or they name a function every body has).
_GENERIC_SUBJECTS = frozenset(
    {
        "管理",
        "数据",
        "监管",
        "规划",
        "行政执法",
        "档案",
        "人民政府办公",
        "行政审批",
        "监察",
        "政务服务",
        "政务服务管理",
        "信息",
        "经济",
    }
)
_MIN_SUBJECT_COUNT = 2
_OPENING = 3000


def self_reference_ending(body: str) -> str | None:
    """The ending of the kinds the report's own references allow (``我局`` → ``局``), when it
    speaks as a department more often than as a town or region; None otherwise."""
    opening = body[:_OPENING]
    references = Counter(m.group(1) for m in _SELF_REFERENCE.finditer(opening))
    if not references:
        return None
    if len(_REGION_OR_TOWN_REFERENCE.findall(opening)) >= sum(references.values()):
        return None
    return _SELF_ENDINGS[references.most_common(1)[0][0]]


def kind_by_level_word(body: str, region_name: str, ending: str) -> str | None:
    """The kind the opening names most often after a bare level word matching the region's own
    (``市统计局`` in a report of 凌源市), of the kind ending the report's self-references allow."""
    opening = body[:_OPENING]
    counts: Counter[str] = Counter()
    for match in _LEVEL_WORD_BEFORE.finditer(opening):
        if not region_name.endswith(match.group(1)):
            continue
        kind = _longest_kind_at(opening, match.end())
        if kind is None:
            continue
        full = expand_kind(kind)
        if full in _GOVERNMENT_KINDS or not full.endswith(ending):
            continue
        counts[full] += 1
    if not counts:
        return None
    ranked = counts.most_common(2)
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None  # two bureaus named as often: no telling which one reports
    return ranked[0][0]


def kind_by_subject(body: str, ending: str) -> str | None:
    """The kind whose subject the opening keeps naming (``统计`` five times in a 我局 report → 统计局),
    of the allowed ending; None unless one subject clearly leads."""
    opening = _BOILERPLATE.sub("\u3000", body[:_OPENING])
    subjects = _subjects(ending)
    counts = {s: opening.count(s) for s in subjects}
    counts = {s: n for s, n in counts.items() if n}
    if not counts:
        return None
    leader = max(counts, key=lambda s: (counts[s], len(s)))
    rivals = [n for s, n in counts.items() if leader not in s and s not in leader]
    if counts[leader] < _MIN_SUBJECT_COUNT or (rivals and 2 * max(rivals) > counts[leader]):
        return None
    # The fullest subject that extends the leader and is written at all (交通 → 交通运输,
    # 自然资源 → 自然资源和规划): the department's own, longer name.
    extended = max((s for s in counts if leader in s), key=len)
    return min(subjects[extended], key=len)


def _subjects(ending: str) -> dict[str, list[str]]:
    return _subject_table().get(ending, {})


@lru_cache(maxsize=1)
def _subject_table() -> dict[str, dict[str, list[str]]]:
    """Per kind ending, each vocabulary kind's subject (its name before the ending) → kinds."""
    table: dict[str, dict[str, list[str]]] = {}
    for kind in sorted(kind_tables().vocabulary):
        for ending in _SELF_ENDINGS.values():
            subject = kind[: -len(ending)]
            if kind.endswith(ending) and len(subject) >= 2 and subject not in _GENERIC_SUBJECTS:
                table.setdefault(ending, {}).setdefault(subject, []).append(kind)
    return table


def _longest_kind_at(text: str, position: int) -> str | None:
    for kind in _kinds_longest_first():
        if text.startswith(kind, position):
            return kind
    return None


@lru_cache(maxsize=1)
def _kinds_longest_first() -> tuple[str, ...]:
    tables = kind_tables()
    kinds = {k for k in (*tables.vocabulary, *tables.abbreviations) if len(k) >= 2}
    return tuple(sorted(kinds, key=len, reverse=True))
