"""One body across renames and mergers (机构改革): its names, its current name, and the links an
admin may want to add.

A link says that the reports of ``predecessor`` are earlier years of ``successor`` (卫生和计划
生育委员会 → 卫生健康委员会). Links chain (A → B → C) and merge (A → C, B → C); a body's
identity is every name joined to it by links, and its current name is the one no link leads
away from (for a split, the most recent successor).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

#: Department kinds renamed by the 2018 reform of State Council and local government bodies:
#: an old kind ending → the new one. Used only to *suggest* links; an admin confirms them.
REFORM_RENAMES: dict[str, str] = {
    "卫生和计划生育委员会": "卫生健康委员会",
    "卫生和计划生育局": "卫生健康局",
    "卫生计生委": "卫生健康委员会",
    "卫生局": "卫生健康局",
    "国土资源局": "自然资源局",
    "国土资源厅": "自然资源厅",
    "国土资源和规划局": "自然资源和规划局",
    "环境保护局": "生态环境局",
    "环境保护厅": "生态环境厅",
    "农业局": "农业农村局",
    "农业委员会": "农业农村局",
    "农业厅": "农业农村厅",
    "安全生产监督管理局": "应急管理局",
    "文化广电新闻出版局": "文化和旅游局",
    "文化广电新闻出版旅游局": "文化和旅游局",
    "文化广电旅游局": "文化和旅游局",
    "文化局": "文化和旅游局",
    "旅游发展委员会": "文化和旅游局",
    "旅游局": "文化和旅游局",
    "文化厅": "文化和旅游厅",
    "工商行政管理局": "市场监督管理局",
    "食品药品监督管理局": "市场监督管理局",
    "质量技术监督局": "市场监督管理局",
    "民族宗教事务委员会": "民族宗教事务局",
    "法制办公室": "司法局",
    "人民政府法制办公室": "司法局",
    "水务局": "水利局",
    "城乡规划局": "自然资源和规划局",
    "规划局": "自然资源和规划局",
    "粮食局": "粮食和物资储备局",
}


class Link(NamedTuple):
    """``predecessor``'s reports are earlier years of ``successor`` (a plain
    ``(predecessor, successor, since_year)`` row does as well)."""

    predecessor: str
    successor: str
    since_year: int | None = None


@dataclass(frozen=True)
class Suggestion:
    """A link worth an admin's look: one name's reports stop the year before another's start."""

    predecessor: str
    successor: str
    since_year: int
    reason: str


class Lineage:
    """Every body's names and current name, from the confirmed links."""

    def __init__(self, links: Iterable[tuple[str, str, int | None]] = ()) -> None:
        self._successors: dict[str, list[Link]] = defaultdict(list)
        self._neighbours: dict[str, set[str]] = defaultdict(set)
        for row in links:
            link = Link(*row)
            if link.predecessor == link.successor:
                continue
            self._successors[link.predecessor].append(link)
            self._neighbours[link.predecessor].add(link.successor)
            self._neighbours[link.successor].add(link.predecessor)

    def __bool__(self) -> bool:
        return bool(self._successors)

    def current_name(self, name: str) -> str:
        """The newest name of ``name``'s body (``name`` itself when no link leads away)."""
        seen = {name}
        while self._successors.get(name):
            newest = max(self._successors[name], key=lambda link: link.since_year or 0)
            if newest.successor in seen:  # a cycle an admin made: stop where it closes
                break
            seen.add(newest.successor)
            name = newest.successor
        return name

    def names(self, name: str) -> set[str]:
        """Every name of ``name``'s body: itself and every name linked to it, in any direction."""
        found, stack = {name}, [name]
        while stack:
            for other in self._neighbours.get(stack.pop(), ()):
                if other not in found:
                    found.add(other)
                    stack.append(other)
        return found

    def former_names(self, name: str) -> list[str]:
        """The other names of ``name``'s body, sorted."""
        return sorted(self.names(name) - {name})


def _reform_pair(old: str, new: str) -> str | None:
    """The reform rename that turns ``old`` into ``new`` with the same region prefix, if any."""
    for old_kind, new_kind in REFORM_RENAMES.items():
        if not old.endswith(old_kind) or not new.endswith(new_kind):
            continue
        if old[: -len(old_kind)] == new[: -len(new_kind)]:
            return f"机构改革：{old_kind} → {new_kind}"
    return None


def suggest_links(
    years_by_agency: dict[str, set[int]],
    region_of: dict[str, str | None],
    lineage: Lineage,
    rejected: Iterable[tuple[str, str]] = (),
) -> list[Suggestion]:
    """Links an admin may want to confirm: within one region, an agency whose reports stop and
    another, named as the 2018 reform renamed its kind, whose reports start the next year (or
    later, with no year of overlap). Names already joined, and pairs in ``rejected``, are left
    out."""
    refused = set(rejected)
    by_region: dict[str | None, list[str]] = defaultdict(list)
    for agency in years_by_agency:
        by_region[region_of.get(agency)].append(agency)
    suggestions = []
    for agencies in by_region.values():
        for old in agencies:
            old_years = years_by_agency[old]
            for new in agencies:
                if old == new or (old, new) in refused or new in lineage.names(old):
                    continue
                new_years = years_by_agency[new]
                if not old_years or not new_years or max(old_years) >= min(new_years):
                    continue
                reason = _reform_pair(old, new)
                if reason:
                    suggestions.append(Suggestion(old, new, min(new_years), reason))
    return sorted(suggestions, key=lambda s: (s.successor, s.predecessor))
