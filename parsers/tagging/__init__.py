"""Tagging: region, agency, level, year, template and publication date of a report.

:func:`tag_report` is the one entry point. It reads the agency's name from the title, the page's
publisher field, the opening lines or the opening paragraph; splits it into region and kind
(:mod:`parsers.tagging.agency`); weighs every clue to the region (:mod:`parsers.tagging.region`);
and finds the covered year, the template and the publication date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from parsers.extracted import ExtractedDocument
from parsers.tagging.agency import (
    AgencyName,
    agency_from_title,
    find_agency_in_body,
    find_agency_lines,
    split_agency,
)
from parsers.tagging.agency_kinds import vocabulary_kind
from parsers.tagging.gazetteer import Division, Gazetteer, get_gazetteer
from parsers.tagging.normalize import clean_lines, normalize_dates, squeeze_spaces
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
from parsers.tagging.template import find_template
from parsers.tagging.year import find_year

PUBLISHER_KEYS: tuple[str, ...] = (
    "发布机构",
    "发文机关",
    "发布单位",
    "来源",
    "信息来源",
    "公开责任部门",
)


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
    published: dt.date | None = None


def tag_report(document: ExtractedDocument) -> ReportTags:
    """Tag a document from its title, metadata, text and URL."""
    gazetteer = get_gazetteer()
    lines = clean_lines(scanned_part(document.text))
    title = (document.title or "").strip() or _title_from_lines(lines)
    publisher = next((document.metadata[k] for k in PUBLISHER_KEYS if document.metadata.get(k)), "")
    agency = _choose_agency(title, publisher, lines, document.text, gazetteer)

    body = normalize_dates(scanned_part(document.text))
    clues = collect_clues(
        gazetteer,
        title=title,
        publisher=publisher,
        top_lines=lines[:3],
        body=body,
        url=document.url,
    )
    region, level = _resolve_region(agency, clues, gazetteer)

    tags = ReportTags(title=title)
    tags.published = find_published(document.metadata, lines)
    tags.year = find_year(
        normalize_dates(title), body[:3000], tags.published.year if tags.published else None
    )
    tags.template = find_template(document.text, tags.year)
    tags.level = level
    if agency is not None:
        tags.agency = _full_agency_name(agency, region, gazetteer)
        tags.agency_kind = agency.kind
    if level != "central" and region is not None:
        _fill_region(tags, region, gazetteer)
    return tags


def _title_from_lines(lines: list[str]) -> str:
    """A title from the first lines when the page gave none (the seeds: agency, then report name)."""
    if not lines:
        return ""
    if "报告" in lines[0] or len(lines) == 1:
        return squeeze_spaces(lines[0])
    if "报告" in lines[1] and len(lines[0]) <= 30:
        return squeeze_spaces(lines[0] + lines[1])
    return squeeze_spaces(lines[0])


def _choose_agency(
    title: str, publisher: str, lines: list[str], text: str, gazetteer: Gazetteer
) -> AgencyName | None:
    """The most trustworthy written agency name; a bare one borrows its region from a fuller one."""
    named = [agency_from_title(title), publisher, *find_agency_lines(lines)]
    # The body often names the office that compiled the report (``县政府办公室编制本报告``):
    # a fallback for the author, never the source of the kind of a body named above.
    in_body = find_agency_in_body(normalize_dates(text[:2000]))
    named_usable = [c for c in (split_agency(w, gazetteer) for w in named if w) if c.is_usable]
    body_usable = [c for c in (split_agency(w, gazetteer) for w in in_body if w) if c.is_usable]
    usable = named_usable + body_usable
    if not usable:
        return None
    primary = usable[0]
    if primary.chain and not primary.kind_text:
        # ``鹭江街道`` in the title, ``思明区鹭江街道办事处`` as publisher: take the kind written there.
        innermost = primary.chain[-1][0]
        for other in named_usable[1:]:
            if other.chain and other.chain[-1][0] == innermost and other.kind_text:
                primary.kind_text = other.kind_text
                break
    if primary.chain or primary.central:
        return primary
    for other in usable[1:]:
        if other.chain and (primary.kind is None or other.kind == primary.kind):
            return other
    return primary


def _resolve_region(
    agency: AgencyName | None, clues: list[Clue], gazetteer: Gazetteer
) -> tuple[Division | None, str | None]:
    """The most specific division of the reporting body, and the body's level.

    When the agency's name says which unit it is but the name is shared (朝阳区), only the clues
    that tell the candidates apart are weighed first: the name itself supports them all alike.
    """
    support = tally(clues, gazetteer)
    if agency is not None and agency.central:
        return None, "central"
    if agency is not None and agency.chain:
        candidates = _chain_candidates(agency, gazetteer)
        region, clear = choose_among(
            candidates, tally(discriminating(clues, candidates, gazetteer), gazetteer), gazetteer
        )
        if not clear:
            region, clear = choose_among(candidates, support, gazetteer)
        levels = {d.level for d in candidates}
        level = (
            region.level if region in candidates else (levels.pop() if len(levels) == 1 else None)
        )
        if level is not None and agency.kind == "管理委员会" and agency.kind_text != "管理委员会":
            level = _level_below(level)
        return region, level
    word = agency.level_prefix if agency is not None else None
    region = descend(support, gazetteer, accepts_level_word(word))
    if word is not None:
        level = level_of_word(word, region)
        if region is None and level != "province":
            # ``市财政局`` with only a postcode of the province: the province is still known.
            region = descend(support, gazetteer, lambda d: d.level == "province", "province")
        return region, level
    return region, region.level if region is not None else None


def _chain_candidates(agency: AgencyName, gazetteer: Gazetteer) -> list[Division]:
    """Divisions the innermost name of the chain can be, given the names written before it."""
    allowed: list[Division] | None = None
    for _, divisions in agency.chain:
        if allowed is None:
            allowed = list(divisions)
            continue
        inside = [d for d in divisions if any(gazetteer.is_within(d, a) for a in allowed)]
        allowed = inside or list(divisions)
    return allowed or []


def _level_below(level: str) -> str:
    order = ("central", "province", "city", "county", "township")
    return order[min(order.index(level) + 1, len(order) - 1)]


def _full_agency_name(agency: AgencyName, region: Division | None, gazetteer: Gazetteer) -> str:
    """The agency's full official name: short region names and abbreviations expanded."""
    if agency.central:
        return agency.central
    if agency.chain:
        return (agency.central_parent or "") + _chain_agency_name(agency, region, gazetteer)
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


def _chain_agency_name(agency: AgencyName, region: Division | None, gazetteer: Gazetteer) -> str:
    """Short region names expanded (``巴市科技局`` → ``巴彦淖尔市科学技术局``), former names kept as
    written, and ``人民政府`` (or ``街道办事处``) added to a bare region name. A short name before a
    kind outside the vocabulary stays (``银川经济技术开发区``: the zone's own name)."""
    lineage = [] if region is None else [region, *gazetteer.ancestors(region)]
    known_kind = not agency.kind_text or vocabulary_kind(agency.kind_text) == agency.kind_text
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
        expand = official and not keep and (known_kind or not innermost)
        parts.append(official[0].name if expand else written)
    if agency.branch_parent:
        # 鄂尔多斯市生态环境局达拉特旗分局: the parent body, then the branch's region.
        return "".join(parts[:-1]) + agency.branch_parent + parts[-1] + "分局"
    kind_text = agency.kind_text or ("街道办事处" if parts[-1].endswith("街道") else "人民政府")
    if parts[-1].endswith("街道") and kind_text.startswith("街道"):
        kind_text = kind_text[len("街道") :]
    return "".join(parts) + kind_text


def _fill_region(tags: ReportTags, region: Division, gazetteer: Gazetteer) -> None:
    for unit in [region, *gazetteer.ancestors(region)]:
        setattr(tags, unit.level, unit.name)
    tags.division_code = region.full_code
