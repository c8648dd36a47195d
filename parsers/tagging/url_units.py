"""Units a report's URL path names by their pinyin initials.

Government portals file each unit's pages under a folder named after the unit's initials:
``…/xzxxgkml/xtz/xxgknb/…`` is 咸塘镇 on the 衡南县 portal, ``…/dxgjdbsc/…`` is 大溪沟街道办事处,
``…/qgzbm/qrsj/gknb/…`` is the district's 人社局 (区人社局), ``…/fqsmzj/…`` 福清市民政局. A report
that calls itself only 我镇 or 我局 can be placed from that folder once its county is known.
The match must be exact and unique among the county's townships (or among the kinds), so an
unrelated folder name never picks a body.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from pypinyin import Style, lazy_pinyin, pinyin

from parsers.tagging.agency_kinds import kind_tables
from parsers.tagging.domains import (
    SERVICE_LABELS,
    divisions_for_url,
    domain_tables,
    host_kind_table,
    host_labels,
)
from parsers.tagging.gazetteer import Division, Gazetteer, get_gazetteer
from parsers.tagging.short_names import short_forms

#: Characters whose second reading place names use (长滩 is changtan or zhangtan in folders).
_POLYPHONES = frozenset("朝长重乐六番单莘解会都行蚌厦尉曲藏降")
#: Words a folder may append to a township's initials (镇, 乡, 街道, 办事处, 人民政府 …).
_TOWNSHIP_ENDINGS = ("", "z", "x", "jd", "bsc", "jdbsc", "rmzf", "zrmzf", "xrmzf", "zf")
#: Level letters a folder may put before a department's kind (``qrsj``: 区人社局).
_LEVEL_LETTERS = ("", "q", "x", "s", "z")


def initials(text: str) -> set[str]:
    """The pinyin initials of ``text`` under its usual and its place-name readings."""
    choices = pinyin(text, style=Style.NORMAL, heteronym=True)
    first = [syllables[0][0] for syllables in choices]
    spelt = {"".join(first)}
    for position, syllables in enumerate(choices):
        if text[position] in _POLYPHONES:
            for alternative in syllables[1:]:
                spelt.add("".join([*first[:position], alternative[0], *first[position + 1 :]]))
    return {label for label in spelt if label.isascii() and label.isalpha()}


def path_segments(url: str | None) -> list[str]:
    """Lower-case letter runs of the URL's path folders (``/zwgk/xtz/xxgknb/`` → ``xtz`` …)."""
    if not url:
        return []
    try:
        path = unquote(urlsplit(url if "//" in url else "//" + url).path)
    except ValueError:
        return []
    folders = path.split("/")[:-1]  # the last part is the page itself
    segments = []
    for folder in folders:
        for piece in re.split(r"[_\-.\d]+", folder.lower()):
            if len(piece) >= 3 and piece.isascii() and piece.isalpha():
                segments.append(piece)
    return segments


@lru_cache(maxsize=1)
def _townships_by_county() -> dict[str, list[Division]]:
    by_county: dict[str, list[Division]] = defaultdict(list)
    for division in get_gazetteer().divisions.values():
        if division.level == "township" and division.parent_code:
            by_county[division.parent_code].append(division)
    return by_county


@lru_cache(maxsize=4096)
def _township_labels(name: str, county_name: str) -> frozenset[str]:
    """Folder names a township may go by: its initials with or without its level word, alone or
    after its county's initials (``hsszwz``: 鹤山市宅梧镇)."""
    stems = {name}
    for ending in ("街道办事处", "街道", "镇", "乡", "苏木", "民族乡"):
        if name.endswith(ending) and len(name) > len(ending) + 1:
            stems.add(name[: -len(ending)])
    own: set[str] = set()
    for stem in stems:
        for spelt in initials(stem):
            own.update(spelt + ending for ending in _TOWNSHIP_ENDINGS)
    county_forms = {county_name, *(form for form, _ in short_forms(county_name, "county"))}
    prefixes = {p for form in county_forms for p in initials(form)}
    labels = own | {p + label for p in prefixes for label in own}
    return frozenset(label for label in labels if len(label) >= 3)


@lru_cache(maxsize=1024)
def _county_labels(county_name: str) -> frozenset[str]:
    """Folder names of the county itself (``tkxx``: 托克逊县), never one of its towns (托克逊镇)."""
    forms = {county_name, *(form for form, _ in short_forms(county_name, "county"))}
    return frozenset(
        spelt + ending
        for form in forms
        for spelt in initials(form)
        for ending in ("", "x", "q", "s", "qi", "xxgk", "zf", "rmzf")
    )


def township_in_path(url: str | None, county: Division, gazetteer: Gazetteer) -> Division | None:
    """The one township of ``county`` whose initials name a folder of the URL's path, if any."""
    segments = set(path_segments(url)) - _county_labels(county.name)
    if not segments or county.level != "county":
        return None
    found = [
        township
        for township in _townships_by_county().get(county.code, [])
        if segments & _township_labels(township.name, county.name)
    ]
    return found[0] if len(found) == 1 else None


@lru_cache(maxsize=1)
def _kind_labels() -> dict[str, str]:
    """Folder names of departments' kinds: the department-site table, then the initials of every
    kind in the vocabulary that no other kind shares (``scjdglj``: 市场监督管理局)."""
    labels: dict[str, set[str]] = defaultdict(set)
    for kind in kind_tables().vocabulary:
        if kind.endswith(("局", "委员会", "办公室", "厅")) and len(kind) >= 3:
            for spelt in initials(kind):
                labels[spelt].add(kind)
    table = {label: next(iter(kinds)) for label, kinds in labels.items() if len(kinds) == 1}
    table.update(host_kind_table())
    table.update(_GOVERNMENT_FOLDERS)
    return table


#: Folders of a region's own government and its office (``szf``: 市政府, ``dcqzf``: 东城区政府).
_GOVERNMENT_FOLDERS = {
    "zf": "人民政府",
    "rmzf": "人民政府",
    "zfb": "人民政府办公室",
    "zfbgs": "人民政府办公室",
    "zfbgt": "人民政府办公厅",
}
#: Words a folder may carry after the body's initials (``szfxxgk``: 市政府信息公开).
_FOLDER_TAILS = ("xxgk", "gknb", "ndbg", "nb")


def kind_in_path(url: str | None, region: Division | None = None) -> str | None:
    """The kind of department a folder of the URL's path names (``qrsj`` → 人力资源和社会保障局),
    with a level letter or the region's initials before it, when exactly one kind is named."""
    table = _kind_labels()
    prefixes = set(_LEVEL_LETTERS)
    if region is not None:
        forms = {region.name, *(form for form, _ in short_forms(region.name, region.level))}
        prefixes |= {p for form in forms for p in initials(form)}
    found = set()
    for segment in path_segments(url):
        stems = {segment, *(segment[: -len(t)] for t in _FOLDER_TAILS if segment.endswith(t))}
        for stem in stems:
            for prefix in prefixes:
                kind = table.get(stem[len(prefix) :]) if stem.startswith(prefix) else None
                # a government's folder needs its level (szf); zfxxgk is any portal's column
                if kind is not None and (prefix or kind not in _GOVERNMENT_FOLDERS.values()):
                    found.add(kind)
    return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=1)
def _counties_by_city() -> dict[str, list[Division]]:
    by_city: dict[str, list[Division]] = defaultdict(list)
    for division in get_gazetteer().divisions.values():
        if division.level == "county" and division.parent_code:
            by_city[division.parent_code].append(division)
    return by_city


def county_in_host(url: str | None) -> Division | None:
    """The county a city portal's subdomain names (``ht.sanya.gov.cn``: 海棠区 of 三亚市), when
    the registered name is one city's and the subdomain spells exactly one of its counties."""
    labels = host_labels(url) if url else []
    if len(labels) < 2:
        return None
    cities = [
        d for divisions, _ in divisions_for_url(url)[:1] for d in divisions if d.level == "city"
    ]
    if len(cities) != 1 or len(divisions_for_url(url)[0][0]) != 1:
        return None
    subdomain = labels[1]
    found = []
    for county in _counties_by_city().get(cities[0].code, []):
        if subdomain in _county_spellings(county.name):
            found.append(county)
    return found[0] if len(found) == 1 else None


@lru_cache(maxsize=4096)
def _county_spellings(name: str) -> frozenset[str]:
    """A county's initials and full pinyin, with and without a ``q`` for 区 (``ht``, ``htq``)."""
    forms = {name, *(form for form, _ in short_forms(name, "county"))}
    spelt = {s for form in forms for s in initials(form)}
    spelt |= {"".join(lazy_pinyin(form)) for form in forms}
    return frozenset(spelt | {s + "q" for s in spelt})


def kind_in_host(url: str | None) -> str | None:
    """The kind a department's own subdomain spells by its initials (``scjdglj.qinzhou.gov.cn``:
    市场监督管理局), beyond the department-site table."""
    labels = host_labels(url) if url else []
    if len(labels) < 2:
        return None
    return _kind_labels().get(labels[1])


#: Times a town must be named for a report that speaks as 我镇 to be taken as that town's.
_MIN_TOWN_MENTIONS = 1


def town_named_in_text(text: str, county: Division) -> Division | None:
    """The one town of ``county`` that ``text`` names (``海青镇…``, or once in
    ``《殷祖镇基层政务公开标准目录》``) when no other town of the county is named at all; the
    caller asks only of a report that speaks as 我镇."""
    named = [
        (text.count(township.name), township)
        for township in _townships_by_county().get(county.code, [])
        if len(township.name) >= 3 and township.name in text
    ]
    if len(named) != 1 or named[0][0] < _MIN_TOWN_MENTIONS:
        return None
    return named[0][1]


#: Shortest folder name read as a place: shorter runs of initials name anything.
_MIN_PLACE_FOLDER = 5
#: Pinyin words of web columns that happen to spell a place (舆情 yuqing is also 余庆).
_COLUMN_WORDS = frozenset(
    {"yuqing", "xinwen", "zixun", "gonggao", "zhengce", "jiedu", "dongtai", "tongzhi", "huodong",
     "shipin", "tupian", "zhuanti", "fuwu", "hudong", "zhengwu", "gongkai", "baogao", "nianbao"}
)  # fmt: skip


def divisions_for_path(url: str | None) -> list[tuple[Division, ...]]:
    """Places the URL's folders spell (``/xilinhaote/``: 锡林浩特市; ``/wltqq/``: 乌拉特前旗), as a
    mirror keeps the portal's folders under its own domain. Only names of five letters or more
    that the domain tables know, each folder once."""
    manual, generated = domain_tables()
    found = []
    for segment in dict.fromkeys(path_segments(url)):
        if len(segment) < _MIN_PLACE_FOLDER or segment in SERVICE_LABELS | _COLUMN_WORDS:
            continue
        divisions = manual.get(segment) or generated.get(segment)
        if divisions:
            found.append(divisions)
    return found
