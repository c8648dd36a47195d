"""Where a report comes from: weigh every clue to a region and pick the division it points to.

Clues are names in the title, the publisher, the opening lines, addresses and the body, plus
postcodes, telephone area codes and the URL's host. Each clue supports one or more divisions
(an ambiguous name such as 朝阳区 splits its weight). A division's *support* counts the clues on
it, on the units inside it, and on the units enclosing it. When the agency's name already says
which unit it is (``金凤区科学技术局``), the clues only choose among the divisions of that name;
otherwise the tagger walks down from the province while one child clearly dominates. Ties leave
the lower levels empty rather than guess.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from parsers.tagging.contacts import addresses, divisions_for_phone_numbers, divisions_for_postcodes
from parsers.tagging.credit_codes import divisions_for_credit_codes
from parsers.tagging.domains import divisions_for_url
from parsers.tagging.gazetteer import MUNICIPALITIES, Division, Gazetteer
from parsers.tagging.short_names import short_forms
from parsers.tagging.url_units import county_in_host, divisions_for_path

#: Weight of one clue, by where it was found.
WEIGHTS: dict[str, float] = {
    "title": 10.0,
    "publisher": 10.0,
    "top_line": 6.0,
    "address": 5.0,
    "postcode": 3.0,
    "phone": 3.0,
    "domain": 4.0,
    "credit_code": 4.0,
    "domain_generated": 2.0,
    "path": 1.5,
    "body": 1.0,
}
#: A body name counts at most this many times.
BODY_MENTION_CAP = 6
#: The winner among siblings must have this many times the runner-up's support.
DOMINANCE = 1.5
#: Characters of the body scanned for names, from the start and from the end.
HEAD_CHARS = 1500
TAIL_CHARS = 600


@dataclass
class Clue:
    """Evidence that the report comes from one of ``divisions``."""

    divisions: tuple[Division, ...]
    weight: float
    source: str


@dataclass
class Support:
    """Clue weights summed per division code."""

    direct: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    subtree: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    def score(self, division: Division, gazetteer: Gazetteer) -> float:
        """Support of a division from clues on it, inside it and on its enclosing units."""
        return self.subtree.get(division.code, 0.0) + sum(
            self.direct.get(a.code, 0.0) for a in gazetteer.ancestors(division)
        )


#: A cited document number (``川办便函〔2021〕306号``): its issuer is another body, often a higher one.
DOCUMENT_NUMBER = re.compile(
    r"[\u4e00-\u9fff]{1,10}\s*[〔\[（(【［]\s*(?:19|20)\d\d\s*[〕\]）)】］]\s*(?:第\s*)?\d+\s*号"
)


def scanned_part(body: str) -> str:
    """The opening and closing parts of the body, where reports state who and where they are."""
    if len(body) <= HEAD_CHARS + TAIL_CHARS:
        return body
    return body[:HEAD_CHARS] + "\n" + body[-TAIL_CHARS:]


def _name_clues(gazetteer: Gazetteer, text: str, source: str, cap: int | None = None) -> list[Clue]:
    counts: dict[str, int] = defaultdict(int)
    clues = []
    for _, name in gazetteer.scan(text):
        counts[name] += 1
        if cap is not None and counts[name] > cap:
            continue
        clues.append(Clue(gazetteer.lookup(name), WEIGHTS[source], source))
    return clues


def collect_clues(
    gazetteer: Gazetteer,
    *,
    title: str,
    publisher: str,
    top_lines: Iterable[str],
    body: str,
    url: str | None,
    codes_text: str = "",
) -> list[Clue]:
    """Every clue to the report's region, weighted by where it was found.

    ``codes_text`` is the page's text with its metadata fields, where credit codes are written.
    """
    clues = _name_clues(gazetteer, title, "title") + _name_clues(gazetteer, publisher, "publisher")
    for line in top_lines:
        clues += _name_clues(gazetteer, line, "top_line")
    scanned = DOCUMENT_NUMBER.sub("", scanned_part(body))
    clues += _name_clues(gazetteer, scanned, "body", BODY_MENTION_CAP)
    for address in addresses(scanned):
        clues += _name_clues(gazetteer, address, "address")
    clues += [Clue(ds, WEIGHTS["postcode"], "postcode") for ds in divisions_for_postcodes(scanned)]
    clues += [Clue(ds, WEIGHTS["phone"], "phone") for ds in divisions_for_phone_numbers(scanned)]
    clues += [
        Clue((d,), WEIGHTS["credit_code"], "credit_code")
        for d in divisions_for_credit_codes(codes_text, gazetteer)
    ]
    for divisions, manual in divisions_for_url(url):
        source = "domain" if manual else "domain_generated"
        clues.append(Clue(settled_by_short_name(divisions, scanned), WEIGHTS[source], source))
    for divisions in divisions_for_path(url):
        clues.append(Clue(divisions, WEIGHTS["path"], "path"))  # a mirror's /xilinhaote/ folder
    county = county_in_host(url)
    if county is not None:
        clues.append(Clue((county,), WEIGHTS["domain"], "domain"))  # ht.sanya.gov.cn: 海棠区
    return [clue for clue in clues if clue.divisions]


def settled_by_short_name(divisions: tuple[Division, ...], text: str) -> tuple[Division, ...]:
    """Of the places a shared host label spells (``weibin``: 卫滨区 and 渭滨区), the one whose short
    name the text writes (``爱渭滨APP``, ``《渭滨统计》``) when it writes no other's."""
    if len(divisions) < 2:
        return divisions
    written = [
        d for d in divisions if any(form in text for form, _ in short_forms(d.name, d.level))
    ]
    return (written[0],) if len(written) == 1 else divisions


def tally(clues: Iterable[Clue], gazetteer: Gazetteer) -> Support:
    """Sum clue weights onto divisions and their enclosing units."""
    support = Support()
    for clue in clues:
        share = clue.weight / len(clue.divisions)
        for division in clue.divisions:
            support.direct[division.code] += share
            support.subtree[division.code] += share
            for ancestor in gazetteer.ancestors(division):
                support.subtree[ancestor.code] += share
    return support


def discriminating(
    clues: Iterable[Clue], candidates: Iterable[Division], gazetteer: Gazetteer
) -> list[Clue]:
    """The clues that do not support every candidate alike (an ambiguous name supports them all)."""
    candidates = list(candidates)

    def supports(clue: Clue, candidate: Division) -> bool:
        return any(
            gazetteer.is_within(candidate, d) or gazetteer.is_within(d, candidate)
            for d in clue.divisions
        )

    return [c for c in clues if not all(supports(c, candidate) for candidate in candidates)]


def common_ancestor(divisions: list[Division], gazetteer: Gazetteer) -> Division | None:
    """The most specific division containing all of ``divisions`` (or None)."""
    if not divisions:
        return None
    paths = [[*reversed(gazetteer.ancestors(d)), d] for d in divisions]
    result = None
    for level_units in zip(*paths, strict=False):
        if all(unit == level_units[0] for unit in level_units):
            result = level_units[0]
        else:
            break
    return result


def choose_among(
    candidates: Iterable[Division], support: Support, gazetteer: Gazetteer
) -> tuple[Division | None, bool]:
    """The best-supported candidate, and whether it was clear.

    When several candidates tie, the result is their common enclosing unit (maybe None) and
    ``False``: the name alone cannot say which one it is.
    """
    ranked = sorted(
        ((support.score(d, gazetteer), d) for d in set(candidates)),
        key=lambda p: (-p[0], p[1].code),
    )
    if not ranked:
        return None, False
    if len(ranked) == 1:
        return ranked[0][1], True
    best_score = ranked[0][0]
    if best_score > 0 and best_score >= DOMINANCE * ranked[1][0]:
        return ranked[0][1], True
    tied = [d for score, d in ranked if score >= best_score / DOMINANCE]
    return common_ancestor(tied, gazetteer), False


def descend(
    support: Support,
    gazetteer: Gazetteer,
    accept: Callable[[Division], bool],
    deepest_level: str = "county",
) -> Division | None:
    """Walk down from the provinces while one child dominates; the deepest accepted unit on the way."""
    children_of: dict[str | None, list[Division]] = defaultdict(list)
    for code, weight in support.subtree.items():
        division = gazetteer.divisions[code]
        if weight > 0 and division.level != "township":
            children_of[division.parent_code].append(division)
    node: Division | None = None
    chosen: Division | None = None
    while True:
        children = sorted(
            children_of.get(node.code if node else None, []),
            key=lambda d: (-support.subtree[d.code], d.code),
        )
        if not children:
            break
        top = children[0]
        top_weight = support.subtree[top.code]
        if len(children) > 1 and top_weight < DOMINANCE * support.subtree[children[1].code]:
            break
        # A unit that already fits stays the answer unless a child has at least its own support.
        if node is not None and accept(node) and top_weight < support.direct.get(node.code, 0.0):
            break
        node = top
        if accept(node):
            chosen = node
        if node.level == deepest_level:
            break
    return chosen


def accepts_level_word(word: str | None) -> Callable[[Division], bool]:
    """Which divisions a bare level word (``市`` in ``市科技局``) can stand for."""

    def accept(division: Division) -> bool:
        name, level = division.name, division.level
        if word is None:
            return True
        if word == "市":
            return name.endswith("市") and (level != "province" or division.code in MUNICIPALITIES)
        if word in ("省", "自治区"):
            return level == "province" and name.endswith(word)
        if word in ("州", "盟", "自治州"):
            return level == "city" and name.endswith(word)
        if word == "林区":
            return level == "county" and name.endswith("林区")
        if word in ("区", "县", "旗"):
            # Lenient: counties become cities or districts (抚远县 → 抚远市) and reports keep the old word.
            return level == "county"
        return level == "township" and name.endswith(word)

    return accept


def level_of_word(word: str, division: Division | None) -> str:
    """The level of a body named by a bare level word, given the region it was resolved to."""
    if word == "市":
        if division is not None and division.name.endswith("市"):
            return division.level
        return "city"
    if word in ("省", "自治区"):
        return "province"
    if word in ("州", "盟", "自治州"):
        return "city"
    if word in ("区", "县", "旗", "林区"):
        return "county"
    return "township"
