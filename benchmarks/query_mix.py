"""A realistic mix of portal searches over the benchmark corpus: mostly distinct queries.

Readers type words and phrases from the reports, agency and region names, combine a few with
OR/NOT, use field queries (``agency:``, ``year:2019..2022``), click facets and page on. Each
generated search is a dict of URL arguments for ``/search`` (and ``/api/v1/search``) tagged with
its *kind*, so the benchmark can report latency per kind. Deterministic for a given seed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from benchmarks.corpus import YEARS, Region, load_agency_kinds, load_paragraphs, load_regions

#: Words and phrases a reader of these reports searches for.
TERMS: tuple[str, ...] = (
    "依申请公开",
    "政府开放日",
    "主动公开",
    "行政复议",
    "行政诉讼",
    "政务公开",
    "政府信息公开",
    "12345热线",
    "政策解读",
    "信息公开指南",
    "不予公开",
    "未收到政府信息公开申请",
    "规范性文件",
    "行政许可",
    "行政处罚",
    "R&D",
    "新闻发布会",
    "门户网站",
    "公开目录",
    "保密审查",
)
KIND_WEIGHTS: dict[str, int] = {
    "word": 30,
    "phrase": 10,
    "boolean": 10,
    "field": 10,
    "word+filter": 20,
    "filter-only": 12,
    "empty": 3,
    "deep-page": 5,
}
#: Characters with a meaning in the query language, left out of copied phrases.
QUERY_SYNTAX_CHARS = frozenset('"“”()（）:：-')
FILTER_FIELDS: tuple[str, ...] = ("province", "year", "level", "consistency", "template")


@dataclass(frozen=True)
class Search:
    """One search of the mix: its kind and its URL arguments."""

    kind: str
    args: tuple[tuple[str, str], ...] = field(default_factory=tuple)

    def as_dict(self) -> dict[str, list[str]]:
        """The arguments grouped by name (for ``urlencode(..., doseq=True)``)."""
        grouped: dict[str, list[str]] = {}
        for name, value in self.args:
            grouped.setdefault(name, []).append(value)
        return grouped


@dataclass(frozen=True)
class Vocabulary:
    """What queries are made of."""

    regions: tuple[Region, ...]
    kinds: tuple[str, ...]
    paragraphs: tuple[str, ...]


@cache
def load_vocabulary() -> Vocabulary:
    """The corpus's regions, agency kinds and seed paragraphs (read once)."""
    paragraphs = tuple(p for p in load_paragraphs() if len(p) >= 12 and "\t" not in p)
    return Vocabulary(tuple(load_regions()), tuple(load_agency_kinds()), paragraphs)


def _phrase(rng: random.Random, vocabulary: Vocabulary) -> str:
    """A 4–8 character run of a seed paragraph (what a reader copies from a report)."""
    paragraph = rng.choice(vocabulary.paragraphs)
    length = rng.randint(4, 8)
    start = rng.randrange(0, max(1, len(paragraph) - length))
    fragment = paragraph[start : start + length]
    phrase = "".join(char for char in fragment if char not in QUERY_SYNTAX_CHARS).strip()
    return phrase or rng.choice(TERMS)


def _word(rng: random.Random, vocabulary: Vocabulary) -> str:
    choice = rng.random()
    if choice < 0.45:
        return rng.choice(TERMS)
    if choice < 0.75:
        return rng.choice(vocabulary.regions).name
    if choice < 0.9:
        region = rng.choice(vocabulary.regions)
        return region.name + rng.choice(vocabulary.kinds)
    return rng.choice(vocabulary.kinds)


def _filters(rng: random.Random, vocabulary: Vocabulary) -> list[tuple[str, str]]:
    chosen = rng.sample(FILTER_FIELDS, k=rng.choice((1, 1, 2)))
    pairs: list[tuple[str, str]] = []
    for name in chosen:
        if name == "province":
            region = rng.choice(vocabulary.regions)
            pairs.append(("province", region.province))
            if region.city and rng.random() < 0.4:
                pairs.append(("city", region.city))
        elif name == "year":
            pairs.extend(("year", str(year)) for year in rng.sample(YEARS, k=rng.choice((1, 2))))
        elif name == "level":
            pairs.append(("level", rng.choice(("province", "city", "county"))))
        elif name == "consistency":
            pairs.append(("consistency", rng.choice(("pass", "fail", "unchecked"))))
        else:
            pairs.append(("template", rng.choice(("2021", "2019", "pre2019"))))
    return pairs


def make_search(rng: random.Random, vocabulary: Vocabulary) -> Search:
    """One search of the mix."""
    kind = rng.choices(list(KIND_WEIGHTS), weights=list(KIND_WEIGHTS.values()))[0]
    query = ""
    filters: list[tuple[str, str]] = []
    page = 1
    if kind == "word":
        query = _word(rng, vocabulary)
        if rng.random() < 0.3:
            query += " " + _word(rng, vocabulary)
    elif kind == "phrase":
        query = f'"{_phrase(rng, vocabulary)}"'
    elif kind == "boolean":
        first, second = _word(rng, vocabulary), _word(rng, vocabulary)
        query = rng.choice((f"{first} OR {second}", f"{first} NOT {second}", f"{first} -{second}"))
    elif kind == "field":
        region = rng.choice(vocabulary.regions)
        start = rng.choice(YEARS)
        query = rng.choice(
            (
                f"agency:{rng.choice(vocabulary.kinds)}",
                f"province:{region.province[:2]} {rng.choice(TERMS)}",
                f"year:{start}..{start + rng.randint(0, 4)} {rng.choice(TERMS)}",
                f"title:{region.name}",
            )
        )
    elif kind == "word+filter":
        query = _word(rng, vocabulary)
        filters = _filters(rng, vocabulary)
    elif kind == "filter-only":
        filters = _filters(rng, vocabulary)
    elif kind == "deep-page":
        query = rng.choice(TERMS)
        page = rng.randint(2, 30)
    args: list[tuple[str, str]] = []
    if query:
        args.append(("q", query))
    args.extend(filters)
    sort = rng.choices(("relevance", "year", "published"), weights=(6, 2, 1))[0]
    if sort != "relevance":
        args.append(("sort", sort))
    if page == 1 and rng.random() < 0.1:
        page = 2
    if page != 1:
        args.append(("page", str(page)))
    return Search(kind, tuple(args))


def distinct_searches(
    count: int, seed: int = 7, exclude: frozenset[Search] = frozenset()
) -> list[Search]:
    """``count`` different searches (none in ``exclude``), in a random order."""
    rng = random.Random(seed)
    vocabulary = load_vocabulary()
    seen: set[Search] = set(exclude)
    searches: list[Search] = []
    attempts = 0
    while len(searches) < count and attempts < count * 50:
        attempts += 1
        search = make_search(rng, vocabulary)
        if search not in seen:
            seen.add(search)
            searches.append(search)
    return searches


def iter_searches(seed: int = 7) -> Iterator[Search]:
    """An endless stream of searches of the mix (repeats allowed), for load generators."""
    rng = random.Random(seed)
    vocabulary = load_vocabulary()
    while True:
        yield make_search(rng, vocabulary)
