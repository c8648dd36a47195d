"""Tagging: region, agency, level, year, template and publication date of a report.

:func:`tag_report` is the one entry point. It reads the agency's name from the title, the page's
publisher field, the opening lines or the opening paragraph; splits it into region and kind
(:mod:`parsers.tagging.agency`); weighs every clue to the region (:mod:`parsers.tagging.region`);
and finds the covered year, the template and the publication date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from urllib.parse import parse_qs, unquote, urlsplit

from parsers.extracted import ExtractedDocument
from parsers.tagging.agency import (
    AgencyName,
    agency_from_title,
    clean_agency_text,
    find_agency_lines,
    split_agency,
    street_of_short_office,
)
from parsers.tagging.agency_kinds import vocabulary_kind
from parsers.tagging.agency_mentions import (
    SELF_CITATION,
    find_agency_in_body,
    named_departments,
    trim_to_organisation,
)
from parsers.tagging.domains import kind_for_url
from parsers.tagging.gazetteer import Division, Gazetteer, get_gazetteer
from parsers.tagging.normalize import normalize_dates, squeeze_spaces
from parsers.tagging.page_text import PageReading, is_report_title, read_page
from parsers.tagging.published import find_published
from parsers.tagging.region import (
    Clue,
    accepts_level_word,
    choose_among,
    collect_clues,
    descend,
    discriminating,
    level_of_word,
    scanned_part,
    tally,
)
from parsers.tagging.script import is_traditional, strip_pinyin_notes, to_simplified
from parsers.tagging.short_names import short_forms
from parsers.tagging.template import find_template
from parsers.tagging.unnamed_body import (
    kind_by_level_word,
    kind_by_subject,
    self_reference_ending,
)
from parsers.tagging.url_units import (
    kind_in_host,
    kind_in_path,
    town_named_in_text,
    township_in_path,
)
from parsers.tagging.year import find_year

PUBLISHER_KEYS: tuple[str, ...] = (
    "发布机构",
    "发文机关",
    "发布单位",
    "来源",
    "信息来源",
    "公开责任部门",
)


#: Kinds whose bodies are named after a short place name, never the division's (湛江海关).
KEPT_SHORT_KINDS = frozenset({"海关", "海事局", "调查队", "调查总队"})


@dataclass
class ReportTags:
    """The identity and tag fields of REPORT_SCHEMA.md."""

    title: str
    agency: str | None = None
    agency_kind: str | None = None
    province: str | None = None
    city: str | None = None
    county: str | None = None
    township: str | None = None
    level: str | None = None
    division_code: str | None = None
    year: int | None = None
    template: str | None = None
    #: How ``template`` was decided: ``cited`` (the notice is cited or named), ``year`` (the
    #: template in force that year); the table reader adds ``tables`` (the tables' shape).
    template_basis: str | None = None
    published: dt.date | None = None


def tag_report(document: ExtractedDocument) -> ReportTags:
    """Tag a document from its title, metadata, text and URL.

    The text may be a whole page as a portal serves it (menus, banners, metadata written as
    text) and may be in traditional script: :mod:`parsers.tagging.page_text` sorts the page,
    :mod:`parsers.tagging.script` reads it as simplified. The tags keep the names as normalised.
    """
    gazetteer = get_gazetteer()
    url = original_url(document.url)
    head = strip_pinyin_notes(scanned_part(document.text))
    raw_title = strip_pinyin_notes((document.title or "").strip() or _title_in_url(url))
    metadata = dict(document.metadata)
    if is_traditional(head + raw_title + "".join(metadata.values())):
        head, raw_title = to_simplified(head), to_simplified(raw_title)
        metadata = {key: to_simplified(value) for key, value in metadata.items()}
    page = read_page(head)
    for key, value in page.metadata.items():
        metadata.setdefault(key, value)
    lines = page.lines
    title = _choose_title(raw_title, page)
    if not title or not is_report_title(title):
        title = _title_in_opening(lines) or title
    publishers = [metadata[k] for k in PUBLISHER_KEYS if metadata.get(k)]
    publisher = publishers[0] if publishers else ""
    body = normalize_dates("\n".join(lines))
    agency = _choose_agency(title, publishers, _lines_near_title(page), body, gazetteer)
    if agency is None:
        agency = _agency_of_own_site_or_citation(url, body, gazetteer)
    if agency is None and not _speaks_as_region(body):
        # No sentence names the author: the department the opening names most often.
        named = _usable_names(named_departments(body[:3000], gazetteer)[:1], gazetteer)
        agency = named[0] if named else None
    town_office = (
        agency is not None
        and _is_town_office(agency)
        and agency.written not in title
        and (
            _TOWNSHIP_SELF_REFERENCE.search(body[:3000]) is not None
            or _speaks_as_town(agency, body[:3000])
        )
    )
    compiled_for_region = (
        agency is not None
        and agency.written not in title
        and _speaks_only_as_region(body, agency.chain[-1][0] if agency.chain else None)
    )
    if agency is not None and (_is_region_wide(body) or town_office or compiled_for_region):
        agency = _government_of_office(agency)

    clues = collect_clues(
        gazetteer,
        title=title,
        publisher=publisher,
        top_lines=_lines_near_title(page)[:3],
        body=body,
        url=url,
        codes_text=head[:3000],
    )
    choice = _with_unplaced_township(
        _resolve_region(agency, clues, gazetteer), agency, clues, gazetteer
    )
    agency, choice = _street_office_written_short(agency, choice, gazetteer)
    if choice.division is not None and (agency is None or _is_government_of(agency, choice)):
        # 我镇/我局 with no name written: the unit the URL's folders name, if one is unique.
        agency, choice = _agency_of_url_folder(agency, url, body, choice, gazetteer)
    region, level = choice.division, choice.level
    if agency is None and region is not None:
        region = _region_spoken_as(body, region, clues, gazetteer)
        agency = _government_of_self_reference(body, region) or _unnamed_department(body, region)
        if agency is not None:
            level = region.level

    tags = ReportTags(title=title)
    tags.published = find_published(metadata, lines)
    tags.year = find_year(
        normalize_dates(title), body[:3000], tags.published.year if tags.published else None
    )
    tags.template, tags.template_basis = find_template(head, tags.year)
    tags.level = level
    if agency is not None:
        agency = _without_government_before_town(agency)
        tags.agency = _vertical_full_name(_full_agency_name(agency, region, gazetteer), head)
        tags.agency = _zone_named_in_full(tags.agency, body, region)
        tags.agency_kind = agency.kind
    if level != "central" and region is not None:
        _fill_region(tags, region, gazetteer)
    if choice.written_township is not None:
        tags.township = choice.written_township
        tags.division_code = None
    return tags


def original_url(url: str | None) -> str | None:
    """The page's own address when it came through a translation or cache proxy
    (``translate.baiducontent.com/transpage?…&query=http%3A%2F%2Fjyt.zj.gov.cn%2F…``)."""
    if not url:
        return url
    try:
        query = parse_qs(urlsplit(url).query)
    except ValueError:
        return url
    for key in _PROXIED_URL_KEYS:
        for value in query.get(key, ()):
            if value.startswith(("http://", "https://")):
                return value
    return url


#: Query keys under which translation and cache proxies carry the page's own address.
_PROXIED_URL_KEYS = ("query", "url", "u", "src", "target")


def _title_in_url(url: str | None) -> str:
    """A report's name that a mirror uses as its page address (``…/wiki/2020年上海市政府信息公开
    工作年度报告``): the title of a page that came without one."""
    if not url:
        return ""
    try:
        last = unquote(urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1])
    except ValueError:
        return ""
    if not re.search(r"[\u4e00-\u9fff]", last):
        return ""
    return last if is_report_title(to_simplified(last)) else ""


def _is_yearless_report_heading(title: str) -> bool:
    """A heading that names a body's report without its year (``柳北区长塘镇政府信息公开工作年度
    报告``, the year printed on a line of its own): the body's form the page writes."""
    return re.search(r"[局委办府厅处镇乡]政府信息公开工作年度报告$", title) is not None


def _title_in_opening(lines: list[str]) -> str:
    """A report's name that its first sentence announces when the page shows no title line
    (``现发布《大冶市政府办公室2024年政府信息公开工作年度报告》``, ``特向社会公布某街道办事处2022年
    政府信息公开工作年度报告``)."""
    # The site's name and a date line may stand before the first sentence; a heading without
    # the year names the body in the page's own form.
    if any(_is_yearless_report_heading(line) for line in lines[:4]):
        return ""
    opening = "".join(lines[:4])[:500]
    match = _ANNOUNCED_TITLE.search(opening)
    return squeeze_spaces(match.group(1)) if match else ""


_ANNOUNCED_TITLE = re.compile(
    r"(?:公布|发布|印发|编制|形成|现将)(?:了)?《?(?:[^《》。，]{0,30}?[:：])?"
    r"([^《》，。；、,:：\s()（）]{2,40}?(?:19|20)\d\d\s*年度?\s*"
    r"(?:政府信息公开|政务公开)(?:工作)?(?:(?:年度)?(?:报告|年报)|情况))"
)


def _choose_title(raw_title: str, page: PageReading) -> str:
    """The report's title: the page's own if it names a report, else the title line in the text."""
    if raw_title and is_report_title(raw_title):
        return raw_title
    if page.title:
        return page.title
    if raw_title and not _is_junk_title(raw_title):
        return raw_title
    return _title_from_lines(page.lines)


_JUNK_TITLE = re.compile(
    r"^(?:Microsoft\s*Word\s*-|\(anonymous\)|untitled|无标题|新建.*文档|文档\d*$|Document\d*$)|ÿþ|þÿ",
    re.I,
)


def _is_junk_title(title: str) -> bool:
    """A title from file metadata that names no report (``Microsoft Word - 文档1``, ``(anonymous)``)."""
    has_chinese = re.search(r"[\u4e00-\u9fff]", title) is not None
    return not has_chinese or _JUNK_TITLE.search(title) is not None


def _lines_near_title(page: PageReading) -> list[str]:
    """The lines where a report names its author: around the title line, never the site banner."""
    if page.title_index is None:
        return page.lines
    start = page.title_index
    if start > 0 and _looks_like_name_line(page.lines[start - 1]):
        start -= 1  # an agency's name on the line above a bare report name (the seeds)
    return page.lines[start:]


def _looks_like_name_line(line: str) -> bool:
    text = clean_agency_text(line)
    return 2 <= len(text) <= 30 and "报告" not in text and not re.search(r"\d", text)


def _title_from_lines(lines: list[str]) -> str:
    """A title from the first lines when the page gave none (the seeds: agency, then report name)."""
    if not lines:
        return ""
    glued = _GLUED_TITLE.match(lines[0])
    if glued:
        # 生态环境部2018年度政府信息公开工作报告 2018年，生态环境部…: a PDF's title run into its
        # first paragraph; 某局2022年政府信息公开 / 年度报告: a title broken before its last words.
        return squeeze_spaces(glued.group(1))
    if _is_sentence(lines[0]):
        return ""  # 根据《条例》…编制本报告。: the report's first sentence, not its title
    if "报告" in lines[0] or len(lines) == 1:
        return squeeze_spaces(lines[0])
    if "报告" in lines[1] and len(lines[0]) <= 30 and not _is_sentence(lines[1]):
        return squeeze_spaces(lines[0] + lines[1])
    return ""  # a site banner (天津市河北区人民政府) names the portal, not the report


#: A report's title at the start of a line, followed by running text or nothing.
_GLUED_TITLE = re.compile(
    r"^((?!根据|依据|按照|依照|本报告|本年度|现将|现就)[^，。；,:：\s]{2,40}?\s*(?:19|20)\d\d\s*年度?\s*"
    r"(?:政府信息公开|政务公开)(?:工作)?(?:(?:年度)?(?:报告|年报)|总结)?)(?:\s+\S|$)"
)
_SENTENCE_START = re.compile(r"^(?:根据|依据|按照|依照|为|本报告|本年度报告|现将|现就)")


def _is_sentence(line: str) -> bool:
    """A line of running text (it opens like a sentence, ends with a full stop, or runs on past
    a title's length with a full stop inside)."""
    opening = line.lstrip(" [【(（")
    return (
        bool(_SENTENCE_START.match(opening))
        or line.rstrip().endswith(("。", "；", ";"))
        or (len(line) > _MAX_TITLE_LINE and "。" in line)
    )


#: Longer than any report's title line.
_MAX_TITLE_LINE = 90


def _choose_agency(
    title: str, publishers: list[str], lines: list[str], body: str, gazetteer: Gazetteer
) -> AgencyName | None:
    """The most trustworthy written agency name; a bare one borrows its region from a fuller one.

    Trust runs: the title, the publisher fields, a name line above the title, then the body's
    own sentences (``由X编制``, ``2023年，X坚持…``, ``请与X联系``). Every mention is cut to the
    organisation it names first, so a run-on (``X结合有关统计数据``) never becomes a name. Two
    corrections follow: a bare region from a sentence (``银川市``) yields to a body named inside
    it (``银川市网络信息化局``); a portal's government office given as publisher (``海陵区政府办``)
    yields to a unit inside its region that the text keeps naming (``城东街道``).
    """
    title_agency = agency_from_title(title) if len(title) <= 90 and "。" not in title else None
    titled = _usable_names([title_agency], gazetteer)
    named = titled + _usable_names([*publishers, *find_agency_lines(lines[:2])], gazetteer)
    usable = named + _usable_names(find_agency_in_body(body[:2500]), gazetteer)
    if not usable:
        return None
    primary = usable[0]
    from_title = bool(titled) and primary is titled[0]
    if primary.chain and not primary.kind_text:
        innermost = primary.chain[-1][0]
        township = primary.is_street or innermost.endswith(("街道", "镇", "乡", "苏木"))
        if not from_title and not township:
            # 现公布某市2016年…报告 … 请与某市政务服务监督管理办公室联系: a department named once
            # (a contact desk) does not take the region's report; one the text keeps naming does.
            inner = _named_inside(primary, usable[1:], gazetteer, corroborated_by=body)
            if inner is not None:
                return inner
        # ``鹭江街道`` in the title, ``思明区鹭江街道办事处`` as publisher: take the kind written there.
        pool = usable[1:] if township else named[1:]
        for other in pool:
            if other.chain and other.chain[-1][0] == innermost and other.kind_text:
                if from_title and other.kind in _OFFICE_KINDS:
                    break  # 2019年云南省…报告 published by its 办公厅: the region's own report
                primary.kind_text = other.kind_text
                break
    if not from_title and primary.chain and not primary.branch_parent:
        _take_fuller_chain(primary, usable[1:])
    if not from_title and primary.kind in _GOVERNMENT_KINDS and primary.chain:
        inner = _named_inside(primary, usable[1:], gazetteer, corroborated_by=body)
        if inner is not None:
            return inner
    if primary.chain or primary.central:
        return primary
    for other in usable[1:]:
        if other.chain and (primary.kind is None or other.kind == primary.kind):
            return other
    if not primary.level_prefix:
        # A bare kind (``来源：办公厅``, the publishing office) yields to a central body the
        # text names (``国资委认真贯彻…``).
        central = next((other for other in usable[1:] if other.central), None)
        if central is not None:
            return central
    return primary


def _take_fuller_chain(primary: AgencyName, others: list[AgencyName]) -> None:
    """``华大街道`` in one sentence, ``鼓楼区华大街道党政综合办`` in the contact line: a street's or
    town's name with the parent regions the text writes for it elsewhere."""
    innermost = primary.chain[-1][0]
    if not (primary.is_street or innermost.endswith(("街道", "镇", "乡", "苏木"))):
        return  # a county's body keeps the name it is first given (滨江区民政局)
    for other in others:
        if (
            len(other.chain) > len(primary.chain)
            and other.chain[-1][0] == innermost
            and not other.branch_parent
        ):
            shift = len(other.chain) - len(primary.chain)
            primary.infixes = {
                **{i: t for i, t in other.infixes.items() if i < shift},
                **{i + shift: t for i, t in primary.infixes.items()},
            }
            primary.chain = list(other.chain)
            return


_GOVERNMENT_KINDS = frozenset({"人民政府", "人民政府办公室", "人民政府办公厅"})
#: Mentions in the text that make a unit inside the publisher's region the reporting body.
_MIN_MENTIONS = 2


def _named_inside(
    outer: AgencyName,
    others: list[AgencyName],
    gazetteer: Gazetteer,
    corroborated_by: str | None = None,
) -> AgencyName | None:
    """The first other name of a body inside ``outer``'s region (a department of it, or a unit
    below it), if any; with ``corroborated_by``, only one the text names at least twice."""
    regions = set(outer.chain[-1][1])
    for other in others:
        if other.central or (not other.chain and not other.level_prefix):
            continue
        if not other.chain:
            continue
        innermost_name, divisions = other.chain[-1]
        inside = any(gazetteer.is_within(d, r) for d in divisions for r in regions)
        deeper = any(d not in regions for d in divisions)
        department = other.kind_text and other.kind not in _GOVERNMENT_KINDS
        if not inside or not (deeper or department):
            continue
        # A unit below is corroborated by its own name; a department by its name with its kind.
        written = innermost_name if deeper else innermost_name + (other.kind_text or "")
        if corroborated_by is not None and corroborated_by.count(written) < _MIN_MENTIONS:
            continue
        if not (deeper or department):
            continue
        return other
    return None


#: A report of a whole region, compiled by its government's office from everyone's reports.
_REGION_WIDE = re.compile(
    r"综合(?:\d{4}年度?)?(?:全[省市区县]|本[省市区县])?[^。]{0,12}各(?:市|县|区|州|地|盟|旗)"
    r"|我[省市区县]各级"
    # 在2017年各市政府、省直有关部门政府信息公开年度报告基础上，由某省人民政府办公厅编制
    r"|(?:在|根据|依据)[^。]{0,30}?各(?:市|县|区|州|盟|旗|地|设区市)[^。]{0,60}?"
    r"(?:年度报告|报告)(?:的)?(?:基础上|编制|汇总)"
    # 根据山东省17个设区市人民政府和山东省人民政府53个部门…的年度报告编制
    r"|\d+个设区(?:的)?市"
    # 由某镇人民政府办公室汇总全镇政府信息公开工作情况编制
    r"|汇总全(?:省|市|区|县|镇|乡|旗)"
    # 2020年，全市各级行政机关以习近平…为指导 (the whole region as the subject)
    r"|(?:^|[，,。\n])\s*(?:\d{4}\s*年度?\s*[，,]?\s*)?全[省市区县]各级(?:行政机关|政府|人民政府)"
    r"(?:坚持|认真|深入|全面|紧紧|按照|以|积极|持续)"
)
_OFFICE_KINDS = frozenset({"人民政府办公厅", "人民政府办公室"})
#: What a town's own office is also called (``由石江乡单位办公室编制``, ``某镇党政办公室``).
_TOWN_OFFICE_KINDS = _OFFICE_KINDS | {
    "单位办公室",
    "机关办公室",
    "党政办公室",
    "党政综合办公室",
    "综合办公室",
    "党政办",
}


def _is_town_office(agency: AgencyName) -> bool:
    """A town's or street's government office (某镇人民政府办公室): unless a title names it as
    the author, a report that speaks as the town (我镇, 全镇) is the town's, whichever office
    compiled it or answers its questions."""
    if agency.kind not in _TOWN_OFFICE_KINDS or not agency.chain:
        return False
    innermost, divisions = agency.chain[-1]
    return innermost.endswith(("镇", "乡", "苏木", "街道")) or (
        bool(divisions) and all(d.level == "township" for d in divisions)
    )


def _speaks_as_town(office: AgencyName, opening: str) -> bool:
    """True when the opening names the town itself as its subject (``糯良乡始终把…``,
    ``根据某乡2022年…工作基本情况编制``) besides the office that answers questions."""
    town = office.chain[-1][0]
    bare = re.findall(rf"{re.escape(town)}(?!人民政府|政府|党委|党政|办事处|办公室)", opening)
    return len(bare) >= _MIN_TOWN_VOICE


_MIN_TOWN_VOICE = 2


def _is_region_wide(body: str) -> bool:
    """True when the opening says the report sums up a whole region (``综合各县（市、区）政府和市级
    各部门的报告编制``, ``我市各级``): it is the region's government's report, not its office's."""
    return _REGION_WIDE.search(body[:1500]) is not None


def _speaks_only_as_region(body: str, region: str | None = None) -> bool:
    """True when an opening that no title attributes speaks as the region (``我市认真贯彻…``,
    ``全市政府信息公开工作…``) and never as an office (``我办``): the office that compiled it
    (``由某市人民政府办公室编制``) did so for its government."""
    opening = body[:1500]
    if _COMPILED_FROM_UNITS.search(opening) is not None:
        return True
    voices = len(_REGION_VOICE.findall(opening))
    if region:  # 2021年，文山市坚持…: the region by its name as the subject
        voices += len(re.findall(rf"{re.escape(region)}(?:人民政府)?{_REGION_VERB}", opening))
    speaks_as_region = voices >= _MIN_REGION_VOICE
    return speaks_as_region and _OFFICE_VOICE.search(opening) is None


#: ``由某区人民政府办公室综合区政府各镇办、各部门的工作情况编制``.
_COMPILED_FROM_UNITS = re.compile(r"综合[^。]{0,12}各(?:镇|乡|街道|部门)")


#: The region as the report's subject: ``我市认真贯彻``, ``全市政府信息公开工作稳妥推进``.
_REGION_VOICE = re.compile(
    r"(?:我|全|本)(?:省|市|区|县|州|旗)"
    r"(?=[^，。、；\d]{0,6}?(?:政府信息|政务公开|认真|坚持|深入|积极|进一步|不断|紧紧|以))"
)
#: What a region does as the subject of a sentence (``文山市坚持``, ``某县认真贯彻``).
_REGION_VERB = r"(?=坚持|认真|深入|积极|进一步|不断|紧紧|高度重视|全面)"
_OFFICE_VOICE = re.compile(
    r"(?:我|本)(?:办|厅|室|机关|单位)(?![法事])|(?:我|本)[省市区县](?:人民)?政府办"
)
_MIN_REGION_VOICE = 1


#: A zone's committee named only by the kind of zone (``开发区管理委员会``), and the endings its
#: full name may take in the text.
_BARE_ZONE_COMMITTEE = re.compile(r"^(开发区|经开区|高新区)(管理委员会|管委会)$")
_ZONE_ENDINGS = {
    "开发区": "(?:经济技术开发区|经济开发区|高新技术产业开发区|开发区)",
    "经开区": "(?:经济技术开发区|经济开发区)",
    "高新区": "(?:高新技术产业开发区|高新区)",
}


def _zone_named_in_full(name: str, body: str, region: Division | None) -> str:
    """``开发区管理委员会`` of a report that names its zone in full somewhere
    (《西宁经济技术开发区政府信息公开指南》) is that zone's committee: the one zone of the report's
    city the text names."""
    bare = _BARE_ZONE_COMMITTEE.match(name)
    if bare is None or region is None:
        return name
    stems = {region.name, *(form for form, _ in short_forms(region.name, region.level))}
    pattern = rf"(?:{'|'.join(map(re.escape, stems))})[\u4e00-\u9fff]{{0,6}}?{_ZONE_ENDINGS[bare.group(1)]}"
    found = set(re.findall(pattern, body[:6000]))
    if not found:
        return name
    # 西宁开发区 and 西宁经济技术开发区 are one zone: the full name, when every other is its short form.
    longest = max(found, key=len)
    if all(_is_short_form_of(other, longest) for other in found):
        return f"{longest}管理委员会"
    return name


def _is_short_form_of(short: str, full: str) -> bool:
    """Whether ``short`` keeps ``full``'s characters in order (西宁开发区 of 西宁经济技术开发区)."""
    remaining = iter(full)
    return all(character in remaining for character in short)


def _without_government_before_town(agency: AgencyName) -> AgencyName:
    """A town's own government written after its county's (``章贡区人民政府水东镇``, from a contact
    line's ``章贡区人民政府水东镇办公室``) is ``水东镇人民政府``: a town is no organ of the county
    government (a 街道办事处 is, and keeps the form as written)."""
    if agency.kind_text or len(agency.chain) < 2 or not agency.chain[-1][0].endswith(("镇", "乡")):
        return agency
    before = len(agency.chain) - 2
    if "政府" not in agency.infixes.get(before, ""):
        return agency
    town = agency.chain[-1]
    return replace(agency, chain=[town], infixes={}, written=town[0])


def _government_of_office(agency: AgencyName) -> AgencyName:
    """The government whose office compiled a region-wide report (``某省人民政府办公厅`` →
    ``某省人民政府``); any other body unchanged."""
    if not (agency.kind in _OFFICE_KINDS or _is_town_office(agency)):
        return agency
    if not (agency.chain or agency.level_prefix):
        return agency
    if not agency.chain:
        return replace(agency, kind_text="人民政府")  # 市政府办公厅 → 市人民政府
    innermost = len(agency.chain) - 1
    infixes = {k: v for k, v in agency.infixes.items() if k != innermost}
    return replace(agency, kind_text="", infixes=infixes)  # a bare region: its government


_SELF_REFERENCES: dict[str, str] = {"局": "局", "厅": "厅", "委": "委员会", "办": "办公室"}
_SELF_REFERENCE = re.compile(r"(?:我|本)(局|厅|委|办)")


def _agency_of_department_site(url: str | None, body: str) -> AgencyName | None:
    """A report that calls itself only ``我局`` on a department's own site (``slj.huzhou.gov.cn``):
    the kind the site names, when the text does not call the body something else."""
    kind = kind_for_url(url) or kind_in_host(url)
    if kind is None:
        return None
    said = {_SELF_REFERENCES[m.group(1)] for m in _SELF_REFERENCE.finditer(body[:3000])}
    if said == {"厅"} and kind.endswith("局"):
        kind = kind[:-1] + "厅"  # hrss.henan.gov.cn, 我厅: a province's department
    if said and not any(kind.endswith(ending) for ending in said):
        return None
    kind = _merged_kind_named(kind, body[:3000]) or kind
    return AgencyName(written=kind, kind_text=kind)


def _agency_of_own_site_or_citation(
    url: str | None, body: str, gazetteer: Gazetteer
) -> AgencyName | None:
    """A ``我局`` report: the body its own documents or website are named after
    (``在百色市投资促进局网站公开``), else the kind its department site names."""
    site = _agency_of_department_site(url, body)
    cited = _agency_of_self_citation(body, gazetteer)
    if site is not None and cited is not None and not cited.kind_text.endswith(site.kind_text):
        return site
    return cited or site


def _merged_kind_named(kind: str, text: str) -> str | None:
    """A merged bureau the text names on a site the host names by its first half:
    ``slj.xianning.gov.cn`` with “咸宁市水利和湖泊局” in the text is a 水利和湖泊局."""
    ending = "局" if kind.endswith("局") else None
    if ending is None or len(kind) < 3:
        return None
    stem = re.escape(kind[: -len(ending)])
    match = re.search(rf"{stem}和[\u4e00-\u9fff]{{1,6}}?{ending}", text)
    return match.group(0) if match else None


_TOWNSHIP_SELF_REFERENCE = re.compile(r"(?:我|本|全)(?:镇|乡|街道|街(?!道))")
_DEPARTMENT_SELF_REFERENCE = re.compile(r"(?:我|本)(?:局|委|办)")


def _street_office_written_short(
    agency: AgencyName | None, choice: RegionChoice, gazetteer: Gazetteer
) -> tuple[AgencyName | None, RegionChoice]:
    """``东街办事处`` (no region, no 街道) placed in 西秀区: the office of that district's 东街街道."""
    county = choice.division
    if agency is None or agency.chain or county is None or county.level != "county":
        return agency, choice
    street = street_of_short_office(agency.kind_text or agency.written, (county,), gazetteer)
    if street is None:
        return agency, choice
    name = AgencyName(
        written=street.name + "办事处", chain=[(street.name, (street,))], kind_text="街道办事处"
    )
    return name, RegionChoice(street, "township")


def _is_government_of(agency: AgencyName, choice: RegionChoice) -> bool:
    """True when the agency found is the government of the region the report was placed in
    (a portal's banner or publisher), which a town's or a bureau's own report may yield to."""
    return (
        agency.kind == "人民政府" and bool(agency.chain) and choice.division in agency.chain[-1][1]
    )


def _agency_of_url_folder(
    agency: AgencyName | None,
    url: str | None,
    body: str,
    choice: RegionChoice,
    gazetteer: Gazetteer,
) -> tuple[AgencyName | None, RegionChoice]:
    """A report that calls itself only 我镇 (or 我局), placed by the folder its portal files it
    under: the town of the county whose initials name a folder (``…/xtz/xxgknb/``) or, failing
    that, the one town of the county the text keeps naming (``海青镇未收到…``); or the kind a
    folder names after a level letter (``…/qrsj/gknb/``: the district's 人社局)."""
    region = choice.division
    opening = body[:3000]
    towns = len(_TOWNSHIP_SELF_REFERENCE.findall(opening))
    departments = len(_DEPARTMENT_SELF_REFERENCE.findall(opening))
    if region is None:
        return agency, choice
    if towns > departments and region.level == "county" and choice.level == "county":
        township = township_in_path(url, region, gazetteer) or town_named_in_text(opening, region)
        if township is not None:
            name = AgencyName(written=township.name, chain=[(township.name, (township,))])
            return name, RegionChoice(township, "township")
        if agency is None:
            return None, RegionChoice(region, "township")  # a town of this county, unnamed
        return agency, choice
    kind = kind_in_path(url, region) if departments >= towns else None
    government = kind in _GOVERNMENT_KINDS and agency is None and departments == 0
    if kind is not None and (government or (departments > towns and kind not in _GOVERNMENT_KINDS)):
        # …/qrsj/gknb/: the district's 人社局; …/szfxxgk/: the city government's own report.
        name = AgencyName(written=region.name + kind, chain=[(region.name, (region,))])
        name.kind_text = "" if kind == "人民政府" else kind
        return name, RegionChoice(region, region.level)
    return agency, choice


_BODY_SELF_REFERENCE = re.compile(r"(?:我|本)(?:局|厅|委|办|单位|部门)")
_REGION_SELF_REFERENCE = re.compile(
    r"(?:我|本|全)(省|市|县|区|旗|州|盟|镇|乡)(?:[^局委办厅院处所站队]|$)"
)


def _speaks_as_region(body: str) -> bool:
    """True when the opening speaks as a region (我区, 全市) more than as one body (我局)."""
    opening = body[:3000]
    regions = len(_REGION_SELF_REFERENCE.findall(opening))
    return regions > len(_BODY_SELF_REFERENCE.findall(opening))


def _region_spoken_as(
    body: str, region: Division, clues: list[Clue], gazetteer: Gazetteer
) -> Division:
    """The unit a report speaking as ``我市``/``全市`` means, when the region found is above it
    (兴安盟, cited for its notice) and a URL clue names one such unit inside it (乌兰浩特市)."""
    match = _REGION_SELF_REFERENCE.search(body[:1500])
    if match is None or region.name.endswith(match.group(1)):
        return region
    inside = {
        d
        for clue in clues
        if clue.source in ("domain", "domain_generated") and len(clue.divisions) == 1
        for d in clue.divisions
        if d != region and gazetteer.is_within(d, region) and d.name.endswith(match.group(1))
    }
    return inside.pop() if len(inside) == 1 else region


def _government_of_self_reference(body: str, region: Division) -> AgencyName | None:
    """A report that names no body but speaks as its region (``我县认真贯彻…``, ``全市各级…``) is that
    region's government's, when the region found for it is of that kind (``兴海县``)."""
    match = _REGION_SELF_REFERENCE.search(body[:1500])
    if match is None or not region.name.endswith(match.group(1)):
        return None
    if match.group(0).startswith("全") and _BODY_SELF_REFERENCE.search(body[:3000]):
        return None  # 全市 in a bureau's report (我局…全市): the bureau, not the government
    return AgencyName(written=region.name, chain=[(region.name, (region,))])


def _unnamed_department(body: str, region: Division) -> AgencyName | None:
    """A report that speaks only as ``我局`` and names no body: its region's department of the
    kind a bare level word names (``市统计局``) or, failing that, whose subject it reports on."""
    ending = self_reference_ending(body)
    if ending is None:
        return None
    kind = kind_by_level_word(body, region.name, ending) or kind_by_subject(body, ending)
    if kind is None:
        return None
    return AgencyName(written=region.name + kind, chain=[(region.name, (region,))], kind_text=kind)


def _agency_of_self_citation(body: str, gazetteer: Gazetteer) -> AgencyName | None:
    """A report that calls itself only ``我局`` but cites its own rules (``《某市人力资源和社会
    保障局政府信息公开申请办理工作实施细则》``): the body those rules are named after."""
    said = {_SELF_REFERENCES[m.group(1)] for m in _SELF_REFERENCE.finditer(body[:3000])}
    if not said:
        return None
    cited = []
    for match in SELF_CITATION.finditer(body[:3000]):
        written = match.group(1) or match.group(2)
        if not any(written.endswith(ending) for ending in said):
            continue
        names = _usable_names([written], gazetteer)
        if names and names[0].chain:
            cited.append(names[0])
    # A body cites its parent's rules too (《某市气象局保密制度》 in a district bureau's report):
    # its own are those of the most local body cited.
    return max(cited, key=_depth, default=None)


_LEVEL_DEPTH = {"province": 1, "city": 2, "county": 3, "township": 4}


def _depth(name: AgencyName) -> int:
    """How local a name's innermost region is (the first one of its candidate divisions)."""
    divisions = name.chain[-1][1] if name.chain else ()
    return max((_LEVEL_DEPTH.get(d.level, 0) for d in divisions), default=0)


def _usable_names(written: Sequence[str | None], gazetteer: Gazetteer) -> list[AgencyName]:
    names = []
    for text in written:
        if not text:
            continue
        trimmed = trim_to_organisation(text, gazetteer)
        if trimmed is None:
            continue
        name = split_agency(trimmed, gazetteer)
        if name.is_usable and not _is_unplaced_government(name) and not _is_own_office(name):
            names.append(name)
    return names


def _is_unplaced_government(name: AgencyName) -> bool:
    """A government named by no region and no level word (``政府`` cut from ``政府信息公开``) is
    no body at all: every report writes the word."""
    bare = not (name.chain or name.level_prefix or name.central)
    return bare and name.kind_text in ("政府", "人民政府")


def _is_own_office(name: AgencyName) -> bool:
    """``局办公室``, ``厅机关``: a bureau's own office named from inside (``请与局办公室联系``)."""
    bare = not (name.chain or name.level_prefix or name.central)
    return bare and name.written[:1] in ("局", "厅", "委") and len(name.written) > 1


@dataclass
class RegionChoice:
    """Where the reporting body is: its most specific known division and its level.

    ``written_township`` is a township named in the report that the national list cannot place
    (renamed or merged since, or a shared name in a county without it): it is kept as written,
    inside the county the clues point to, with no division code.
    """

    division: Division | None
    level: str | None
    written_township: str | None = None


def _resolve_region(
    agency: AgencyName | None, clues: list[Clue], gazetteer: Gazetteer
) -> RegionChoice:
    """The most specific division of the reporting body, and the body's level.

    When the agency's name says which unit it is but the name is shared (朝阳区), only the clues
    that tell the candidates apart are weighed first: the name itself supports them all alike.
    """
    support = tally(clues, gazetteer)
    if agency is not None and agency.central:
        return RegionChoice(None, "central")
    if agency is not None and agency.chain:
        candidates, placed = _chain_candidates(agency, gazetteer)
        region, clear = choose_among(
            candidates, tally(discriminating(clues, candidates, gazetteer), gazetteer), gazetteer
        )
        if not clear:
            region, clear = choose_among(candidates, support, gazetteer)
        township = agency.chain[-1][0]
        if not placed:
            # 灵武市古城镇: no 古城镇 in 灵武市 today; the town keeps its name inside 灵武市.
            return RegionChoice(region, "township", township)
        levels = {d.level for d in candidates}
        if not clear and levels == {"township"}:
            county = descend(support, gazetteer, lambda d: d.level == "county")
            if county is not None:
                inside = [d for d in candidates if gazetteer.is_within(d, county)]
                if len(inside) == 1:
                    return RegionChoice(inside[0], "township")
                if not inside:
                    return RegionChoice(county, "township", township)
            # A shared name the clues cannot place: kept as written only inside a known county.
            written = township if region is not None and region.level == "county" else None
            return RegionChoice(region, "township", written)
        level = (
            region.level if region in candidates else (levels.pop() if len(levels) == 1 else None)
        )
        if level is not None and _is_zone_committee(agency):
            level = _level_below(level)
        elif level == "city" and agency.kind == "公安分局":
            level = _level_below(level)  # a city bureau's branch for a zone that is no division
        return RegionChoice(region, level)
    word = agency.level_prefix if agency is not None else None
    region = descend(support, gazetteer, accepts_level_word(word))
    if word is not None:
        level = level_of_word(word, region)
        if region is None and level != "province":
            # ``市财政局`` with only a postcode of the province: the province is still known.
            region = descend(support, gazetteer, lambda d: d.level == "province", "province")
        return RegionChoice(region, level)
    level = region.level if region is not None else None
    if level is not None and agency is not None and _is_zone_committee(agency):
        level = _level_below(level)  # 苏银产业园管理委员会 on the 银川市 portal: below the city
    return RegionChoice(region, level)


#: A town written inside a name that the national list does not carry (参内乡人民政府,
#: 高港区人民政府沿江街道办事处): renamed or merged since, or a street newer than the list.
_UNPLACED_TOWNSHIP = re.compile(
    r"^(?:人民政府)?([\u4e00-\u9fff]{1,10}?(?:镇|乡|街道|苏木))(?:人民政府|街道办事处|办事处)$"
)


def _with_unplaced_township(
    choice: RegionChoice, agency: AgencyName | None, clues: list[Clue], gazetteer: Gazetteer
) -> RegionChoice:
    """A town the list cannot place is still a town: township level, kept as written, inside
    the county the clues point to."""
    if agency is None or choice.level in ("township", "central"):
        return choice
    match = _UNPLACED_TOWNSHIP.match(agency.kind_text)
    if match is None:
        return choice
    county = choice.division
    if county is None or county.level != "county":
        county = descend(tally(clues, gazetteer), gazetteer, lambda d: d.level == "county")
    if county is None:
        return choice
    return RegionChoice(county, "township", match.group(1))


def _is_zone_committee(agency: AgencyName) -> bool:
    """A zone's or park's committee (``…开发区管理委员会``), not a plain ``管理委员会``."""
    # A zone the division list carries (written bare) is at its own level: kind_text is empty.
    return agency.kind == "管理委员会" and agency.kind_text not in ("", "管理委员会")


def _chain_candidates(agency: AgencyName, gazetteer: Gazetteer) -> tuple[list[Division], bool]:
    """Divisions the innermost name of the chain can be, given the names written before it, and
    whether the innermost name was placed. A township that lies in none of the units written
    before it is not placed: the candidates are then those outer units."""
    allowed: list[Division] | None = None
    for position, (_, divisions) in enumerate(agency.chain):
        if allowed is None:
            allowed = list(divisions)
            continue
        inside = [d for d in divisions if any(gazetteer.is_within(d, a) for a in allowed)]
        innermost = position == len(agency.chain) - 1
        if not inside and innermost and all(d.level == "township" for d in divisions):
            return allowed, False
        allowed = inside or list(divisions)
    return allowed or [], True


def _level_below(level: str) -> str:
    order = ("central", "province", "city", "county", "township")
    return order[min(order.index(level) + 1, len(order) - 1)]


_BRANCH = re.compile(r"^(?P<district>\S{2,10}?[区县市旗])公安分局$")


def _vertical_full_name(name: str, text: str) -> str:
    """A police branch by the full name the text gives it: ``滨江区公安分局`` is written
    ``杭州市公安局滨江区分局`` in the same report (vertical bodies keep their parent's name)."""
    branch = _BRANCH.match(name)
    if branch is None:
        return name
    district = re.escape(branch["district"])
    full = re.search(
        rf"(?:^|[与和向由、，,。：:\s（(“《])([\u4e00-\u9fff]{{2,8}}?[市州盟])公安局{district}分局",
        text,
    )
    if full is None:
        return name
    city = re.split(r"[请与和向由]", full[1])[-1]
    return f"{city}公安局{branch['district']}分局" if len(city) >= 2 else name


def _full_agency_name(agency: AgencyName, region: Division | None, gazetteer: Gazetteer) -> str:
    """The agency's full official name: short region names and abbreviations expanded."""
    if agency.central:
        return agency.central
    if agency.chain:
        return (agency.central_parent or "") + _chain_agency_name(agency, region, gazetteer)
    if agency.kind_text in KEPT_SHORT_KINDS:
        return agency.written
    if (
        agency.level_prefix
        and region is not None
        and accepts_level_word(agency.level_prefix)(region)
    ):
        return region.name + agency.kind_text
    if agency.level_prefix:
        return agency.level_prefix + agency.kind_text
    if region is not None and vocabulary_kind(agency.kind_text) == agency.kind_text:
        return region.name + agency.kind_text
    return agency.kind_text or agency.written


#: The kind of a zone's committee written after the zone's place names (经济开发区管理委员会).
_ZONE_NAME = re.compile(r"^[\u4e00-\u9fff]{0,10}(?:开发区|园区|新区|试验区|实验区|示范区|合作区)")


def _chain_agency_name(agency: AgencyName, region: Division | None, gazetteer: Gazetteer) -> str:
    """Short region names expanded (``巴市科技局`` → ``巴彦淖尔市科学技术局``), former names kept as
    written, and ``人民政府`` (or ``街道办事处``) added to a bare region name. A short name before a
    kind outside the vocabulary stays (``银川经济技术开发区``: the zone's own name)."""
    lineage = [] if region is None else [region, *gazetteer.ancestors(region)]
    known_kind = not agency.kind_text or vocabulary_kind(agency.kind_text) == agency.kind_text
    zone = _ZONE_NAME.match(agency.kind_text) is not None
    parts = []
    for position, (written, divisions) in enumerate(agency.chain):
        official = [d for d in divisions if d in lineage]
        former = gazetteer.historical_names.get(written, ())
        keep = (
            written in gazetteer.official_names
            or any(d in lineage for d in former)
            # A short name with a level word it no longer has (普兰店市): the name of its time.
            or not (gazetteer.lookup(written) or gazetteer.lookup_township(written))
        )
        innermost = position == len(agency.chain) - 1
        keep = keep or agency.kind_text in KEPT_SHORT_KINDS
        # 内江市隆昌生态环境局: a short name right after its parent's full one is how the body
        # itself is named (a city bureau's office in the county), not an abbreviation.
        keep = keep or (
            position > 0
            and agency.chain[position - 1][0] in gazetteer.official_names
            and all(d.level == "county" for d in divisions)
        )
        # 昌吉州政务服务和公共资源交易管理局: a prefecture's short name (X州) is spelt out before any
        # body's name, in the vocabulary or not.
        prefecture = bool(official) and written.endswith("州") and official[0].level == "city"
        # A zone's name is its own (广东从化经济开发区): its region names stay as written.
        expand = official and not keep and (known_kind or not innermost or prefecture) and not zone
        parts.append((official[0].name if expand else written) + agency.infixes.get(position, ""))
    if agency.branch_parent:
        # 鄂尔多斯市生态环境局达拉特旗分局: the parent body, then the branch's region as written
        # (南昌市公安局新建分局, not 新建区分局: a branch keeps the name it goes by).
        branch_region = agency.chain[-1][0] + agency.infixes.get(len(agency.chain) - 1, "")
        return "".join(parts[:-1]) + agency.branch_parent + branch_region + "分局"
    kind_text = agency.kind_text or agency.bare_kind
    if kind_text.startswith("管委会") and len(kind_text) > len("管委会"):
        # 郑州高新技术产业开发区管委会城市管理局: a committee's bureau, the committee in full.
        kind_text = "管理委员会" + kind_text[len("管委会") :]
    if parts[-1].endswith("街道") and kind_text.startswith("街道"):
        kind_text = kind_text[len("街道") :]
    return "".join(parts) + kind_text


def _fill_region(tags: ReportTags, region: Division, gazetteer: Gazetteer) -> None:
    for unit in [region, *gazetteer.ancestors(region)]:
        setattr(tags, unit.level, unit.name)
    tags.division_code = region.full_code
