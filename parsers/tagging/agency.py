"""Agency names: where a report names its author, and how a name splits into region and kind.

``宁夏吴忠市利通区科技局`` splits into the region chain ``宁夏 / 吴忠市 / 利通区`` and the kind
``科学技术局``; ``市科技局`` into the level prefix ``市`` and the same kind; ``科技部`` is a central body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from parsers.tagging.agency_kinds import (
    central_agency,
    central_prefix,
    controlled_kind,
    expand_kind,
    is_compound_kind,
    is_known_kind,
    kind_tables,
    vocabulary_kind,
)
from parsers.tagging.gazetteer import Division, Gazetteer

#: ``公安局XX分局`` after a city: the city bureau's branch for a district or a zone.
_POLICE_BRANCH = re.compile(r"^公安局[\u4e00-\u9fff]{1,10}分局$")

#: Endings of zones the division list carries as units: their body is a 管理委员会.
ZONE_ENDINGS: tuple[str, ...] = ("开发区", "高新区", "园区", "示范区", "试验区", "实验区", "合作区")
#: Zones whose names a report writes after a place name (``来凤经济开发区``, ``黄花综合保税区``).
_ZONE_KINDS = re.compile(
    r"^[\u4e00-\u9fff]{0,8}(?:开发区|高新区|园区|示范区|试验区|实验区|合作区|保税区|工业集中区|新区)$"
)


#: Short forms of zone names, written in full (``井冈山经开区`` → ``井冈山经济技术开发区``).
ZONE_SHORT_FORMS = {"经开区": "经济技术开发区", "高新区": "高新技术产业开发区"}
_ZONE_SHORT = re.compile(r"^(经开区|高新区)(?=管委会|管理委员会|$)")


def _is_bare_zone(kind_text: str) -> bool:
    """True for a kind that names a zone itself rather than a body (``经济技术开发区``)."""
    return bool(_ZONE_KINDS.match(kind_text)) and not is_known_kind(kind_text)


#: Level words that stand for "this report's own region" in abbreviated names (市科技局, 区教体局).
LEVEL_PREFIXES: tuple[str, ...] = (
    "自治区",
    "自治州",
    "街道",
    "苏木",
    "省",
    "市",
    "州",
    "盟",
    "县",
    "林区",
    "区",
    "旗",
    "镇",
    "乡",
)

_NOISE = re.compile(r"[\s#*（(【\[].*?[)）】\]]|[\s#*“”\"'《》<>〈〉:：,，。]")
_YEAR = re.compile(r"(?:19|20)\d\d\s*年度?|[二][〇零O○0][〇零O○0一二三四五六七八九]{2}\s*年度?")
_REPORT_WORDS = re.compile(
    r"(?:关于)?(?:的)?(?:政府信息公开|政务公开|信息公开|年度报告|工作报告|工作年报|年报)"
)


@dataclass
class AgencyName:
    """An agency name split into its parts."""

    written: str
    #: The region names at its start, each with the divisions it may mean, outermost first.
    chain: list[tuple[str, tuple[Division, ...]]] = field(default_factory=list)
    #: A bare level word standing for the report's region (``市`` in ``市科技局``).
    level_prefix: str | None = None
    #: The rest, abbreviations expanded (``科学技术局``); empty for a bare region (``灵武市``).
    kind_text: str = ""
    #: The full name of a central body, when it is one.
    central: str | None = None
    #: The central body a regional branch belongs to (``国家税务总局`` in ``国家税务总局浙江省税务局``).
    central_parent: str | None = None
    #: For a branch named ``<kind><region>分局`` (``生态环境局达拉特旗分局``), the parent's kind as
    #: written; the last name of ``chain`` is then the branch's region.
    branch_parent: str | None = None
    #: Words written after a region of the chain (``人民政府`` in ``鼓楼区人民政府华侨路街道``),
    #: by the index of that region.
    infixes: dict[int, str] = field(default_factory=dict)

    @property
    def kind(self) -> str | None:
        """The controlled kind; a bare region name means its government (``人民政府``)."""
        if self.central:
            return self.central
        if not self.kind_text:
            if not self.chain:
                return None
            return self.bare_kind
        if _POLICE_BRANCH.match(self.kind_text):
            return "公安分局"  # 淄博市公安局高新区分局: a zone's branch, the zone no division
        return controlled_kind(self.kind_text)

    @property
    def bare_kind(self) -> str:
        """The body a bare region name stands for: its government, a street's office, or the
        management committee of a zone listed as a division (呼和浩特经济技术开发区)."""
        if self.is_street:
            return "街道办事处"
        if self.chain and self.chain[-1][0].endswith(ZONE_ENDINGS):
            return "管理委员会"
        if self.chain and self.chain[-1][0].endswith("地区"):
            return "行政公署"  # 阿里地区: a prefecture's government is its 行政公署
        return "人民政府"

    @property
    def is_street(self) -> bool:
        """True when the innermost unit is a 街道 (written ``大石街道`` or ``大石街``)."""
        if not self.chain:
            return False
        written, divisions = self.chain[-1]
        return written.endswith("街道") or (
            bool(divisions)
            and all(d.level == "township" and d.name.endswith("街道") for d in divisions)
        )

    @property
    def is_usable(self) -> bool:
        """True if this names an organisation (a region, a kind or a central body)."""
        return bool(self.central or self.chain or (self.kind_text and self.kind))


#: Words no government body's name contains, which spam mirrors write in place of a region.
_SPAM_WORDS = re.compile(r"^.*(?:官网|中文网|网投|投注|博彩|彩票|赌场|百家乐|娱乐|棋牌)[_¥￥$\s]*")


def clean_agency_text(text: str) -> str:
    """Drop spaces, markdown, quotes and bracketed remarks from a written agency name; a zone's
    party committee written with its committee (``某开发区党工委管委会``) is the committee."""
    cleaned = _NOISE.sub("", text)
    # A spam mirror's gambling words put in place of the region: 新葡京博彩官网区人民政府…
    cleaned = _SPAM_WORDS.sub("", cleaned)
    # 区人民政府北京街道办事处 with the district's name lost: the street office.
    cleaned = re.sub(
        r"^[区县市旗](?:人民)?政府(?=.{2,}(?:街道办事处|镇人民政府|乡人民政府))", "", cleaned
    )
    # A clause's verb glued before the name: 并公布某区发展和改革局…, 并向社会公开某局…, 编制了某乡…
    cleaned = re.sub(
        r"^(?:(?:并|现|特|予以)?(?:向社会)?(?:公布|发布|印发|公开)|了)(?=.{2,}[局委办府厅署室处])",
        "",
        cleaned,
    )
    # 我区人民政府办公室: the report's own region, like 区人民政府办公室.
    cleaned = re.sub(
        r"^我(?=(?:自治区|自治州|省|市|州|盟|县|区|旗|镇|乡)[^，。,]{2,})", "", cleaned
    )
    cleaned = re.sub(r"^(?:\d{4}\s*年)?年度(?=[\u4e00-\u9fff]{2,})", "", cleaned)  # 2025年年度某局
    cleaned = re.sub(r"党工委[、和及与]?(?=管委会|管理委员会)", "", cleaned)
    cleaned = re.sub(r"(?<=盟|区)行署(?!行政公署)", "行政公署", cleaned)  # 兴安盟行署, 地区行署
    return re.sub(r"((?:开发区|经开区|高新区|园区|新区|示范区))党工委$", r"\1管委会", cleaned)


def agency_from_title(title: str) -> str | None:
    """The agency part of a report title: ``灵武市科学技术局2021年政府信息公开工作年度报告`` → ``灵武市科学技术局``."""
    # ``每日一报|辽宁2015年…报告``, ``某局2023年…报告_某市人民政府``: the part naming the report.
    parts = [part for part in re.split(r"[_|｜]|——| - ", title) if part.strip()]
    title = next((part for part in parts if "报告" in part), title)
    text = re.sub(r"\s+", "", title)
    text = _NAVIGATION_PREFIX.sub("", text)  # 返回上一级2025年某街道办事处…报告
    text = re.sub(
        r"^(?:关于)?(?:(?:19|20)\d\d年度?|[二][〇零O○0][〇零O○0一二三四五六七八九]{2}年度?)",
        "",
        text,
    )
    cut = len(text)
    for pattern in (_YEAR, _REPORT_WORDS):
        match = pattern.search(text)
        if match:
            cut = min(cut, match.start())
    candidate = text[:cut]
    inner = _BODY_AFTER_YEAR.match(text[cut:])
    if inner and inner.group(1)[:2] == candidate[:2] and len(inner.group(1)) + 2 > len(candidate):
        # 托克逊县人民政府2024年托克逊县夏镇人民政府信息公开…: the portal's name, then the body's.
        candidate = inner.group(1) + "政府"
    candidate = re.sub(r"^关于|关于$", "", candidate)  # 某省卫生健康委关于2022年…的年度报告
    if candidate.endswith("人民"):
        candidate += "政府"
    candidate = clean_agency_text(candidate)
    if len(candidate) < 2:
        # 2024年政府信息公开工作年度报告（上海市浦东新区曹路镇人民政府）: the name after the title.
        after = _NAME_AFTER_TITLE.search(text)
        candidate = clean_agency_text(after.group(1)) if after else candidate
    return candidate if len(candidate) >= 2 else None


#: After a title's year, a fuller name of a government body run into 政府信息公开.
_BODY_AFTER_YEAR = re.compile(r"^(?:(?:19|20)\d\d\s*年度?)([\u4e00-\u9fff]{2,30}?人民)政府信息公开")

#: Page navigation run into a title line.
_NAVIGATION_PREFIX = re.compile(
    r"^.{0,12}?(?:返回上一级|返回上级|返回列表|返回首页|当前位置[:：]?|您的位置[:：]?|您现在的位置[:：]?)"
    r"(?=(?:19|20)\d\d)"
)
_NAME_AFTER_TITLE = re.compile(
    r"(?:报告|年报)[（(]([^（()）]{2,40}?(?:府|局|委员会|委|办公室|办公厅|处|厅|会|室))[)）]$"
)


#: A town's name alone (龙山满族乡, 沿江街道): the body is its government or street office.
_BARE_TOWNSHIP = re.compile(
    r"^(?:(?!政府|办|局|委|会|全)[\u4e00-\u9fff]){1,12}?(?:镇|乡|街道|苏木)$"
)


def split_agency(written: str, gazetteer: Gazetteer) -> AgencyName:
    """Split a written agency name into region chain, level prefix and expanded kind."""
    text = clean_agency_text(written)
    result = AgencyName(written=text)
    central = central_agency(text)
    if central:
        result.central = central
        return result
    parent = central_prefix(text)
    if parent is not None and _longest_name_at(text, len(parent[0]), gazetteer) is not None:
        # A central body's regional branch: 国家税务总局浙江省税务局 is a 浙江省 body.
        result.central_parent = parent[1]
        text = text[len(parent[0]) :]
    position = 0
    while position < len(text):
        rest = text[position:]
        if is_known_kind(rest) or rest.startswith(("人民政府", "政府", "管委会", "党工委")):
            infix = _government_before_unit(text, position, result, gazetteer)
            if infix is None:
                break
            # 南京市鼓楼区人民政府华侨路街道办事处: the district's government, then the street.
            result.infixes[len(result.chain) - 1] = infix
            position += len(infix)
            continue
        within = result.chain[-1][1] if result.chain else ()
        match = _longest_name_at(text, position, gazetteer, within)
        if match is None:
            break
        if result.chain and match[0] not in gazetteer.official_names and _starts_with_kind(rest):
            break  # 广州市公安局天河区分局: 公安 is the kind here, not 公安县's short name
        match = _with_level_suffix(text, position, match)
        result.chain.append(match)
        position += len(match[0])
    rest = text[position:]
    if not result.chain and not is_known_kind(rest):
        for prefix in LEVEL_PREFIXES:
            remainder = rest[len(prefix) :]
            if rest.startswith(prefix) and _names_a_kind(expand_kind(remainder)):
                result.level_prefix = prefix
                rest = remainder
                break
    if result.chain and result.chain[-1][0].endswith("街道") and rest == "办":
        rest = "街道办事处"  # 百花洲街道办
    result.kind_text = expand_kind(rest) if rest else ""
    if result.chain and _BARE_TOWNSHIP.match(rest) and not is_known_kind(rest):
        outer = result.chain[-1][1]
        fuller = [
            (rest + suffix, inside)
            for suffix in ("镇", "乡")
            if (
                inside := tuple(
                    d
                    for d in gazetteer.lookup_township(rest + suffix)
                    if any(gazetteer.is_within(d, o) for o in outer)
                )
            )
        ]
        if fuller:
            result.chain.append(fuller[0])  # 龙游县湖镇: the town 湖镇镇, written short
            result.kind_text = ""
        else:
            # 公主岭市龙山满族乡: a town the list no longer carries, written without its body.
            result.kind_text = rest + ("办事处" if rest.endswith("街道") else "人民政府")
    street = _street_office_written_short(rest, result, gazetteer)
    if street is not None:
        result.chain.append(street)  # 西秀区东街办事处: the street 东街街道's office
        result.kind_text = "街道办事处"
    if result.chain and vocabulary_kind(result.kind_text) is None:
        # 西藏自治区政府国资委: the government's own body, its short kind expanded.
        for government in ("人民政府", "政府"):
            inner = rest[len(government) :]
            if rest.startswith(government) and len(inner) >= 2:
                expanded = expand_kind(inner)
                if vocabulary_kind(expanded) == expanded:
                    result.kind_text = "人民政府" + expanded
                break
    result.kind_text = _ZONE_SHORT.sub(lambda m: ZONE_SHORT_FORMS[m.group(1)], result.kind_text)
    if result.chain and _is_bare_zone(result.kind_text):
        # 来凤经济开发区: a zone named without its body is the zone's management committee.
        result.kind_text += "管理委员会"
    if result.chain:
        _split_branch(result, gazetteer)
    if result.is_street and result.kind_text in ("人民政府", "政府"):
        result.kind_text = "街道办事处"  # 大洼街道政府: a street has an office, not a government
    return result


_SHORT_STREET_OFFICE = re.compile(r"^(?P<street>[\u4e00-\u9fff]{1,5}?)办事处$")


def street_of_short_office(
    written: str, within: tuple[Division, ...], gazetteer: Gazetteer
) -> Division | None:
    """The street ``X街道`` inside ``within`` that an office written ``X办事处`` (no 街道) belongs
    to, when exactly one such street is listed there."""
    match = _SHORT_STREET_OFFICE.match(written)
    if match is None or match.group("street").endswith(("街道", "镇", "乡")):
        return None
    inside = [
        d
        for d in gazetteer.lookup_township(match.group("street") + "街道")
        if any(gazetteer.is_within(d, outer) for outer in within)
    ]
    return inside[0] if len(inside) == 1 else None


def _street_office_written_short(
    rest: str, result: AgencyName, gazetteer: Gazetteer
) -> tuple[str, tuple[Division, ...]] | None:
    if not result.chain:
        return None
    street = street_of_short_office(rest, result.chain[-1][1], gazetteer)
    return (street.name, (street,)) if street is not None else None


#: Level words a report may write after a short name, old or new (普兰店市 for today's 普兰店区).
_LEVEL_SUFFIXES: tuple[str, ...] = ("市", "县", "区", "旗")


def _government_before_unit(
    text: str, position: int, result: AgencyName, gazetteer: Gazetteer
) -> str | None:
    """``人民政府`` (or ``政府``) at ``position`` when a unit inside the chain's last region follows."""
    if not result.chain:
        return None
    for word in ("人民政府", "政府"):
        if not text.startswith(word, position):
            continue
        outer = result.chain[-1][1]
        start = position + len(word)
        limit = min(
            len(text), start + max(gazetteer.max_name_length, gazetteer.max_township_length)
        )
        for end in range(limit, start + 1, -1):
            piece = text[start:end]
            divisions = gazetteer.lookup(piece) or gazetteer.lookup_township(piece)
            if any(gazetteer.is_within(d, o) and d != o for d in divisions for o in outer):
                return word
        return None
    return None


def _starts_with_kind(text: str) -> bool:
    """True if ``text`` starts with a kind of three or more characters (``公安局…``)."""
    return any(text.startswith(kind) for kind in _kind_prefixes())


@lru_cache(maxsize=1)
def _kind_prefixes() -> tuple[str, ...]:
    tables = kind_tables()
    return tuple(k for k in (*tables.vocabulary, *tables.abbreviations) if len(k) >= 3)


def _names_a_kind(expanded: str) -> bool:
    return bool(vocabulary_kind(expanded) or is_compound_kind(expanded))


def _with_level_suffix(
    text: str, position: int, match: tuple[str, tuple[Division, ...]]
) -> tuple[str, tuple[Division, ...]]:
    """A short name followed by a level word it no longer carries is one name.

    ``普兰店市人民政府``: ``普兰店`` is today's 普兰店区; the ``市`` belongs to the name as written
    then, not to the kind. ``海原市场监管局`` keeps its ``市`` for the kind (``市场监督管理局``).
    """
    name, divisions = match
    end = position + len(name)
    suffix = text[end : end + 1]
    if suffix not in _LEVEL_SUFFIXES or any(d.name == name for d in divisions):
        return match
    without, with_suffix = text[end:], text[end + 1 :]
    if _is_kind_or_empty(without) or not _is_kind_or_empty(with_suffix):
        return match
    return name + suffix, divisions


def _is_kind_or_empty(rest: str) -> bool:
    """True if ``rest`` is nothing or exactly a kind (``县人民政府`` is not: it starts with a level)."""
    expanded = expand_kind(rest)
    return (
        not rest
        or is_known_kind(rest)
        or vocabulary_kind(expanded) == expanded
        or is_compound_kind(expanded)
    )


_BRANCH = re.compile(r"^(.{2,12}?局)(.{2,12})分局$")


def _split_branch(result: AgencyName, gazetteer: Gazetteer) -> None:
    """``鄂尔多斯市生态环境局达拉特旗分局``: the branch lies in 达拉特旗; its kind is 生态环境分局."""
    match = _BRANCH.match(result.kind_text)
    if match is None:
        return
    outer = result.chain[-1][1]
    inside = tuple(
        d
        for d in gazetteer.lookup(match.group(2))
        if any(gazetteer.is_within(d, o) and d != o for o in outer)
    )
    if not inside:
        return
    result.chain.append((match.group(2), inside))
    result.branch_parent = match.group(1)
    result.kind_text = match.group(1)[:-1] + "分局"


def _longest_name_at(
    text: str,
    position: int,
    gazetteer: Gazetteer,
    within: tuple[Division, ...] = (),
) -> tuple[str, tuple[Division, ...]] | None:
    """The longest division name (county and above, or township) starting at ``position``.

    With ``within`` (the units written before it), the longest name of a unit inside one of them
    wins over a longer name found elsewhere (``新华街道`` of 花都区, not the ``新华街道办事处`` of
    another province).
    """
    limit = min(len(text), position + max(gazetteer.max_name_length, gazetteer.max_township_length))
    longest: tuple[str, tuple[Division, ...]] | None = None
    for end in range(limit, position + 1, -1):
        piece = text[position:end]
        divisions = gazetteer.lookup(piece) or gazetteer.lookup_township(piece)
        if not divisions:
            continue
        if not within:
            return piece, divisions
        if longest is None:
            longest = (piece, divisions)
        if any(gazetteer.is_within(d, w) and d != w for d in divisions for w in within):
            return piece, divisions
    if longest is not None and all(d.level != "township" for d in longest[1]):
        # 郑州高新技术产业开发区双桥办事处: a county elsewhere (承德市双桥区) never follows a
        # region it is not inside; the name goes on as the unit's own (a street office).
        return None
    return longest


def find_agency_lines(lines: list[str]) -> list[str]:
    """Short lines at the top of the body that look like an agency's name (the seeds' first line)."""
    found = []
    for line in lines[:3]:
        text = clean_agency_text(line)
        if 2 <= len(text) <= 30 and "报告" not in text and not re.search(r"\d", text):
            found.append(text)
    return found
