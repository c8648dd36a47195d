"""Where a report's text names its author, and how a mention is cut to the organisation's name.

Reports name themselves in their first sentences (``2025年，某县水利局坚持…``,
``…由某市科学技术局结合有关统计数据编制``, ``现发布《某区水利局2023年…》``), in a contact line
(``请与某街道党政综合办公室联系``) and in 发布机构/来源 fields that run on (``某市人力资源和社会保障局
政务网``). :func:`find_agency_in_body` finds the mentions; :func:`trim_to_organisation` cuts each
to the organisation it names, or rejects it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from parsers.tagging.agency import AgencyName, clean_agency_text, split_agency
from parsers.tagging.agency_kinds import (
    central_prefix,
    controlled_kind,
    kind_tables,
    vocabulary_kind,
)
from parsers.tagging.gazetteer import Gazetteer
from parsers.tagging.page_text import strip_glued_buttons

_NAME = r"[^，。；;,、：:（(《》\s“”\"]"
#: Verbs that follow the reporting body at the start of 总体情况 (``2023年，市水利局坚持…``).
_OPENING_VERBS = (
    "坚持|认真|深入|紧紧|全面|始终|紧密|持续|严格|按照|围绕|在|以|高度|积极|扎实|不断|进一步|聚焦|"
    "贯彻|着力|立足|依托|牢牢|切实|把|将|结合|根据|进一步|共|主动|充分|加强|强化|继续|大力|重点|"
    "着眼|对标|坚决|精心|稳步|有序|全力|健全|围|通过|依法|紧扣|依据|依照"
)
#: An alias in brackets after a body's name (``某区司法局（区行政复议局）``).
_ALIAS = r"(?:[（(][^（()）]{1,15}[)）])?"
#: 由某省人民政府办公厅综合各市…的报告编制: a region-wide report, the government's own.
_REGION_WIDE_COMPILER = re.compile(
    rf"由({_NAME}{{1,30}}?)(?:人民)?政府(?:办公厅|办公室|政务公开办公室|政务公开办)(?:在)?综合"
)
_BODY_PATTERNS: tuple[re.Pattern[str], ...] = (
    # 现发布《某区水利局2023年政府信息公开工作年度报告》, 现向社会公布2023年度区水利局政府信息…
    re.compile(
        rf"(?:发布|公布|公开|印发|制定|编制|现就)[《<〈“]?(?:\d{{4}}\s*年度?)?(?![度年]|[和与及]?政府信息|[和与及]?政务|信息公开)"
        rf"({_NAME}{{2,30}}?)"
        r"(?:\d{4}\s*年度?)?(?:的)?(?:政府信息公开|政务公开|信息公开)(?:工作)?"
        r"(?:\d{4}\s*)?(?:年度)?(?:报告|年报|情况)"
    ),
    # 《某区水利局2023年政府信息公开工作年度报告》 (not 《国务院办公厅2015年政务公开工作要点》)
    re.compile(
        rf"《({_NAME}{{2,30}}?)\s*\d{{4}}\s*年度?(?:的)?(?:政府信息公开|政务公开)(?:工作)?"
        r"(?:年度)?(?:报告|年报)"
    ),
    # 现将某区某街道办事处2024年度政府信息（公开）工作年度报告予以公开
    re.compile(
        rf"现将({_NAME}{{2,30}}?)\s*\d{{4}}\s*年度?(?:的)?(?:政府信息|政务)(?:公开)?(?:工作)?"
        r"(?:年度)?(?:报告|年报)"
    ),
    # 现将2023年陇县城关镇人民政府信息公开工作年度报告予以公布
    re.compile(
        rf"现将\d{{4}}\s*年度?({_NAME}{{2,30}}?(?:人民政府|局|委员会|办公室|办事处))"
        r"(?:政府)?信息公开(?:工作)?(?:年度)?(?:报告|年报)"
    ),
    _REGION_WIDE_COMPILER,
    # 由某市科学技术局结合有关统计数据编制
    re.compile(rf"由({_NAME}{{2,40}}?)(?:负责)?(?:编制|制作|编写|撰写)"),
    # 由某经济技术开发区管理委员会（以下简称经开区管委会）编制
    re.compile(rf"由({_NAME}{{2,40}}?)\s*[（(]以下简称[^)）]{{1,20}}[)）]\s*(?:负责)?编制"),
    re.compile(rf"由({_NAME}{{2,30}}?)(?:根据|按照|依据|依照|结合)"),
    # …，某县人民政府办公室编制了本报告; …，某镇人民政府特此编制2024年度…报告
    re.compile(rf"(?:^|[，。；,;\n])({_NAME}{{2,30}}?)(?:负责)?编制(?:了)?(?:本|此)(?:年度)?报告"),
    re.compile(rf"(?:^|[，。；,;\n])({_NAME}{{2,30}}?)特此?编制(?:了)?(?:\d{{4}}\s*年度?)"),
    # …要求，四川省人民政府国防动员办公室编制了2023年政府信息公开工作年度报告
    re.compile(
        rf"(?:^|[，。；,;\n)）])({_NAME}{{4,30}}?)编制了(?:\d{{4}}\s*年度?)(?:政府)?信息公开(?:工作)?年度?报告"
    ),
    # 2025年，某县水利局坚持…
    re.compile(
        rf"(?:^|[，。；\n]|总体情况|概述|概况)[\s?？]*在?"
        rf"(?:\d{{4}}\s*年(?:度)?(?:以来|来)?|今年(?:以来)?|一年来|本年度)"
        rf"\s*[，,]?\s*({_NAME}{{2,30}}?){_ALIAS}(?:{_OPENING_VERBS})"
    ),
    # 某区司法局（区行政复议局）根据《条例》…编制本报告: the first sentence names the author
    re.compile(
        rf"(?:^|\n)\s*({_NAME}{{2,30}}?){_ALIAS}(?:根据|依据|依照|按照)[^。\n]{{0,80}}?"
        r"编制(?:了)?(?:本|此)"
    ),
    # 一、总体情况 县教育体育局把政府信息公开工作作为…: the body opening the first section
    re.compile(
        rf"[、.．]\s*(?:总体情况|概述|概况)\s+(?:\(一\)|（一）)?[^，,。\n]{{0,12}}?\s*"
        rf"({_NAME}{{2,30}}?)(?:{_OPENING_VERBS})"
    ),
    # 某局高度重视政府信息公开工作: a paragraph opening with the body
    re.compile(rf"(?:^|\n)[\s?？]*({_NAME}{{2,30}}?)高度重视(?:政府信息公开|政务公开)"),
    # 2025年，某街道党工委、办事处按照区委…: a township or street by its party and government
    re.compile(
        rf"(?:^|[，。；\n])\s*(?:\d{{4}}\s*年(?:度)?(?:以来|来)?\s*[，,]\s*)?"
        rf"({_NAME}{{2,20}}?)(?:党工委|党委)[、和及](?:办事处|人民政府|政府)"
    ),
    # 在区委、区政府的坚强领导下，某街道办事处认真贯彻…
    re.compile(rf"(?:领导|指导|部署)下\s*[，,]\s*({_NAME}{{2,30}}?)(?:{_OPENING_VERBS})"),
    # 现公布某市自然资源局政府信息公开工作2022年度报告
    re.compile(
        rf"(?:发布|公布|公开)({_NAME}{{2,30}}?)(?:政府信息公开|政务公开)(?:工作)?\d{{4}}\s*年度?报告"
    ),
    # 为认真做好某市卫生健康局政府信息公开工作，我局…
    re.compile(rf"做好({_NAME}{{2,30}}?)(?:的)?(?:政府信息公开|政务公开)(?:工作)?[，,]"),
    # 请与某县水利局办公室联系, 联系单位：某街道党政综合办公室
    re.compile(rf"(?:请|可)(?:直接)?(?:与|向|致电|联系)({_NAME}{{2,30}}?)(?:联系|咨询|反映)"),
    re.compile(rf"联系(?:单位|部门|机构)\s*[:：]\s*({_NAME}{{2,30}})"),
    # 联系电话：0000-1234567（某县水利局办公室）
    re.compile(rf"联系电话[^。\n]{{0,30}}?[（(]({_NAME}{{2,30}}?)[)）]"),
    # 请联络:商务部信息化司综合处
    re.compile(rf"(?:联络|联系)\s*[:：]\s*({_NAME}{{2,30}})"),
    # 某开发区某办事处向社会公布2021年度本级政府信息公开年度报告
    re.compile(rf"(?:^|\n)\s*({_NAME}{{2,30}}?)(?:特)?向社会公布(?:\d{{4}}\s*年度?)?"),
    # 崇礼镇政府信息公开工作依托两种渠道开展
    re.compile(
        rf"(?:^|[，。；\n)）])\s*({_NAME}{{2,20}}?)(?:人民)?政府信息公开工作(?:依托|由|坚持|在)"
    ),
)
#: A document of the body's own cited in its report (``《某市人力资源和社会保障局…实施细则》``):
#: the last resort for a report that calls itself only ``我局``.
SELF_CITATION = re.compile(
    rf"《({_NAME}{{4,30}}?(?:局|委员会|厅|办公室))(?:关于|政府信息|[^》]{{0,30}}》)"
    # its own website: 在百色市投资促进局网站公开信息457条
    rf"|(?:在|通过|依托|利用|发挥)({_NAME}{{4,30}}?(?:局|委员会|厅|办公室))(?:门户|官方)?(?:网站|政务网)"
)
#: Offices and sub-units of a body; a mention ending with one names the body before it.
_SUB_UNITS = re.compile(
    r"(?:党政综合办公室|党政办公室|综合办公室|党政综合办|党政办|综合办|政务公开办公室|政务公开办|"
    r"(?:政府)?信息公开办公室|信息公开办|政务公开科|办公室|综合科|综合股|政务科|信息科|法规科|政策法规科|政务服务科|秘书科|"
    r"政府信息公开(?:工作)?领导小组(?:办公室)?|政务公开(?:工作)?领导小组(?:办公室)?|"
    r"政务网|门户网站|网站|政府网|官网|信息公开专栏|公众号)$"
)
#: Characters an organisation's name (or a bare region name) can end with.
_ENDINGS = frozenset("局厅委会室府处心院所站队署社部区县市镇乡道旗盟州组办司行")
#: A name starts with a Chinese character (``-政府`` is a breadcrumb's tail).
_CJK = re.compile(r"[\u4e00-\u9fff]")
_JOINT_NAMES = re.compile(r"[•·・]")
#: Words that never name the reporting body.
_NOT_A_BODY = re.compile(
    r"^(?:我[局委办厅院处司部]|本(?:局|委|办|厅|机关|单位|部门|级)|该(?:局|委|办)|全[市县区省旗州]|"
    r"各(?:级|地|部门|单位)|上级|有关|相关|所属|下属|[县市区]直|根据|按照|依据|依照|关于|对于|"
    r"由于|现将|为了|为进一步|在)|首页|走进|当前位置|网站|新闻中心|通知|意见|办法|规定|条例|关于|"
    r"贯彻|落实|推进|是"
    # a bureau's party committee written alone (局党委) is not the reporting body
    r"|^[局委办厅]?党(?:委|组|总支|支部)$"
)


def find_agency_in_body(text: str) -> list[str]:
    """Agency mentions in the opening text, in the order the patterns trust them."""
    found = []
    for pattern in _BODY_PATTERNS:
        for match in pattern.finditer(text):
            mention = clean_agency_text(match.group(1))
            if pattern is _REGION_WIDE_COMPILER:
                mention = re.sub(r"(?:人民)?政府$", "", mention) + "人民政府"
            found.append(mention)
    return found


#: Bodies of a government named ``办公室`` that report on their own, unlike its desks
#: (``四川省人民政府国防动员办公室``, ``某市人民政府外事办公室``).
_GOVERNMENT_OFFICE_BODIES = frozenset(
    {
        "国防动员办公室",
        "人民防空办公室",
        "外事办公室",
        "侨务办公室",
        "港澳事务办公室",
        "台湾事务办公室",
        "金融工作办公室",
        "口岸办公室",
        "扶贫开发办公室",
        "合作交流办公室",
    }
)


def _government_body(name: AgencyName) -> bool:
    """A region's ``人民政府`` followed by a body of its own outside the vocabulary (参事室), not
    by one of its desks (信息公开办公室, 综合督考办公室)."""
    if not name.chain or not name.kind_text:
        return False
    for government in ("人民政府", "政府"):
        inner = name.kind_text[len(government) :]
        if not name.kind_text.startswith(government) or len(inner) < 2:
            continue
        desk = _SUB_UNITS.search(inner)
        if desk is not None and desk.start() == 0:
            return False
        kind = controlled_kind(inner)
        # Desks of the government end 办公室 or 领导小组…; its own bodies 参事室, 研究室, 中心 …
        if kind in _GOVERNMENT_OFFICE_BODIES:
            return True
        return (
            kind is not None
            and kind not in ("人民政府", "政府")
            and not kind.endswith(("办公室", "办事处", "领导小组"))
            and vocabulary_kind(inner) is None
        )
    return False


def _is_whole_town(name: AgencyName) -> bool:
    """A town or street written with its parents and their government (``广元市利州区人民政府
    嘉陵街道``): the town's own name, not its district's government with words after it."""
    if name.kind_text or len(name.chain) < 2 or not name.infixes:
        return False
    divisions = name.chain[-1][1]
    return bool(divisions) and all(d.level == "township" for d in divisions)


def _is_settled(name: AgencyName) -> bool:
    """True for a central body, or a name whose kind is a vocabulary kind.

    After a region (``甘肃省人民政府国有资产监督管理委员会``) the kind may run longer than its
    vocabulary ending; without one it must be the kind exactly (``根据某省人民政府办公厅`` is not).
    """
    if name.central:
        return True
    if not name.kind_text:
        return False
    known = vocabulary_kind(name.kind_text)
    if name.chain and name.kind == "公安分局":
        return True  # 淄博市公安局高新区分局: a branch for a zone that is no division
    if name.chain or name.level_prefix:
        return known is not None
    return known == name.kind_text


def trim_to_organisation(text: str, gazetteer: Gazetteer) -> str | None:
    """The organisation a mention names, cut where the name ends, or None.

    ``某市科学技术局结合有关统计数据`` → ``某市科学技术局``; ``某街道党政综合办公室`` → ``某街道``;
    ``深圳市南山区科技创新局`` stays whole (a kind outside the vocabulary that ends like a body).
    """
    text = clean_agency_text(strip_glued_buttons(text))
    if len(text) < 2 or not _CJK.match(text) or _NOT_A_BODY.search(text):
        return None
    joint = _JOINT_NAMES.split(text, maxsplit=1)
    if len(joint) == 2 and len(joint[0]) >= 3:
        # 北京市统计局•国家统计局北京调查总队: a joint report is filed under the body named first.
        return trim_to_organisation(joint[0], gazetteer)
    whole = split_agency(text, gazetteer)
    parent = central_prefix(text)
    if parent is not None and whole.central_parent is None:
        # 商务部信息化司综合处: a department of a central body names the body (a regional
        # branch, 国家税务总局广州市税务局, is split by :func:`split_agency` instead).
        return parent[0]
    if _is_settled(whole) or _is_whole_town(whole):
        return text
    if _government_body(whole) and len(text) <= 30:
        return text  # 上海市人民政府参事室: a body of the government, not the government
    sub_unit = _SUB_UNITS.search(text)
    # …局办公室 names the bureau; …规划建设管理办公室 is an office of its own.
    if sub_unit and sub_unit.start() >= 2 and text[sub_unit.start() - 1] in _ENDINGS:
        inner = trim_to_organisation(text[: sub_unit.start()], gazetteer)
        if inner is not None:
            return inner
    for end in range(len(text) - 1, 1, -1):
        if text[end - 1] not in _ENDINGS:
            continue
        piece = text[:end]
        if _is_settled(split_agency(piece, gazetteer)):
            return piece
    ends_like_body = (whole.chain and not whole.kind_text) or controlled_kind(whole.kind_text)
    if whole.is_usable and ends_like_body and len(text) <= 25:
        return text
    for end in range(len(text) - 1, 1, -1):
        prefix = split_agency(text[:end], gazetteer)
        if prefix.chain and not prefix.kind_text:
            return text[:end]
    return None


#: Kinds a body named in passing is never taken as: the portal's government and its office,
#: and vertical bodies a region's report mentions (拉萨海关).
_PASSING_GOVERNMENT_KINDS = frozenset(
    {"人民政府", "人民政府办公室", "人民政府办公厅", "海关", "海事局", "调查队", "调查总队"}
)


def named_departments(text: str, gazetteer: Gazetteer) -> list[str]:
    """Departments the text names as ``<region><kind>`` (``尚志市医疗保障局``, ``南通市自然资源和
    规划局门户网站``), most often named first: the fallback for a report that never writes its
    author in a sentence the patterns know. Governments and their offices are left out (a page
    names its portal's government in passing)."""
    counts: dict[str, int] = {}
    for start, name in gazetteer.scan(text):
        end = start + len(name)
        kind = _longest_kind_at(text, end)
        if kind is None:
            continue
        written = name + kind
        split = split_agency(written, gazetteer)
        if not split.chain or split.kind is None or split.kind in _PASSING_GOVERNMENT_KINDS:
            continue
        counts[written] = counts.get(written, 0) + 1
    return sorted(counts, key=lambda written: -counts[written])


def _longest_kind_at(text: str, position: int) -> str | None:
    """The longest kind of body (or its abbreviation) written at ``position``."""
    for kind in _kinds_longest_first():
        if text.startswith(kind, position):
            return kind
    return None


@lru_cache(maxsize=1)
def _kinds_longest_first() -> tuple[str, ...]:
    tables = kind_tables()
    kinds = {k for k in (*tables.vocabulary, *tables.abbreviations) if len(k) >= 2}
    return tuple(sorted(kinds, key=len, reverse=True))
