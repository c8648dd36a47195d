"""Builds a small but realistic archive for the portal tests through the real pipeline.

The five seed reports are parsed by the real parser; region tags the tagger may not yet give are
filled in. Variants (more years of one agency, another agency, a hostile page, a changed report)
are derived from a parsed seed with exact numbers, so the tests know every figure.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from archive.pipeline import ArchivePipeline, FetchedDocument
from parsers import parse_document
from parsers.model import APPLICANT_COLUMNS, RESULT_ROWS_2021, Check, ParsedReport, Section
from services import Services

SEEDS_DIR = Path(__file__).resolve().parents[2] / "demo_portal" / "seeds"

#: Region tags of the seeds, keyed by agency (used only where the parser leaves them empty).
SEED_REGIONS: dict[str, dict[str, str | None]] = {
    "灵武市科学技术局": {
        "province": "宁夏回族自治区",
        "city": "银川市",
        "county": "灵武市",
        "level": "county",
    },
    "金凤区科学技术局": {
        "province": "宁夏回族自治区",
        "city": "银川市",
        "county": "金凤区",
        "level": "county",
    },
    "吴忠市科学技术局": {
        "province": "宁夏回族自治区",
        "city": "吴忠市",
        "county": None,
        "level": "city",
    },
    "巴彦淖尔市科学技术局": {
        "province": "内蒙古自治区",
        "city": "巴彦淖尔市",
        "county": None,
        "level": "city",
    },
    "海原县科学技术局": {
        "province": "宁夏回族自治区",
        "city": "中卫市",
        "county": "海原县",
        "level": "county",
    },
}

HOSTILE_TITLE = "恶意<script>alert('title')</script>报告"
HOSTILE_TEXT = "正文<script>alert('x')</script>以及<img src=x onerror=alert(1)>图片"


def applications_table(
    new: int,
    granted: int,
    partial: int,
    not_held: int = 0,
    carried_over: int = 0,
    carried_forward: int = 0,
) -> dict[str, dict[str, int]]:
    """A balanced 2021 applications table; all applicants are natural persons."""
    results = {row: 0 for row in RESULT_ROWS_2021}
    results.update(granted=granted, partial=partial, unavailable_not_held=not_held)
    rows = {
        "new": new,
        "carried_over": carried_over,
        **results,
        "results_total": granted + partial + not_held,
        "carried_forward": carried_forward,
    }
    table: dict[str, dict[str, int]] = {}
    for row, value in rows.items():
        table[row] = {column: 0 for column in APPLICANT_COLUMNS}
        table[row]["natural_person"] = value
        table[row]["total"] = value
    return table


def reviews_table(
    review_total: int, corrected: int, litigation: int = 0
) -> dict[str, dict[str, int]]:
    """Reviews and litigation with the given totals (the rest upheld)."""
    return {
        "review": {
            "upheld": review_total - corrected,
            "corrected": corrected,
            "other": 0,
            "pending": 0,
            "total": review_total,
        },
        "litigation": {
            "upheld": litigation,
            "corrected": 0,
            "other": 0,
            "pending": 0,
            "total": litigation,
        },
        "litigation_after_review": {
            "upheld": 0,
            "corrected": 0,
            "other": 0,
            "pending": 0,
            "total": 0,
        },
    }


@dataclass
class ArchiveIds:
    """Ids of the archived reports, by role, for the tests to look up."""

    seeds: dict[str, int] = field(default_factory=dict)
    lingwu: dict[int, int] = field(default_factory=dict)
    education_2022: int = 0
    hostile: int = 0
    changed: int = 0
    all_ids: list[int] = field(default_factory=list)


def parse_seed(path: Path) -> ParsedReport:
    """Parse a seed with the real parser and fill in region tags the tagger left empty."""
    parsed = parse_document(path.read_bytes(), filename=path.name)
    regions = SEED_REGIONS.get(parsed.agency or "", {})
    for name, value in regions.items():
        if getattr(parsed, name) is None:
            setattr(parsed, name, value)
    if parsed.agency_kind is None:
        parsed.agency_kind = "科学技术局"
    return parsed


def build_archive(services: Services) -> ArchiveIds:
    """Archive the seeds and the variants; return their ids."""
    archive = ArchiveIds()
    with ArchivePipeline(services) as pipeline:
        lingwu_2021: ParsedReport | None = None
        for path in sorted(SEEDS_DIR.glob("*.txt")):
            parsed = parse_seed(path)
            outcome = pipeline.archive(
                FetchedDocument(
                    identity=f"https://www.example.gov.cn/seeds/{path.name}",
                    data=path.read_bytes(),
                    url=f"https://www.example.gov.cn/seeds/{path.stem}.html",
                    filename=path.name,
                ),
                parsed=parsed,
            )
            archive.seeds[parsed.agency or path.name] = outcome.report_id
            if parsed.agency == "灵武市科学技术局":
                lingwu_2021 = parsed
                archive.lingwu[parsed.year or 0] = outcome.report_id
        assert lingwu_2021 is not None
        for year, numbers in {2022: (12, 8, 2, 2, 3, 1), 2023: (20, 15, 3, 2, 4, 0)}.items():
            new, granted, partial, not_held, reviews, corrected = numbers
            variant = _variant(
                lingwu_2021,
                year=year,
                tables={
                    "applications": applications_table(new, granted, partial, not_held),
                    "reviews": reviews_table(reviews, corrected, litigation=1),
                },
                extra_sentence=f"{year}年共收到政府信息公开申请{new}件。",
            )
            outcome = pipeline.archive(_document(f"lingwu-{year}", variant), parsed=variant)
            archive.lingwu[year] = outcome.report_id

        education = _variant(
            lingwu_2021,
            year=2022,
            tables={
                "applications": applications_table(30, 20, 4, 6),
                "reviews": reviews_table(0, 0),
            },
            extra_sentence="2022年共收到政府信息公开申请30件。",
        )
        education.agency = "灵武市教育局"
        education.agency_kind = "教育局"
        education.title = "灵武市教育局2022年政府信息公开工作年度报告"
        education.tables["applications"]["new"]["total"] = 31  # breaks the balance on purpose
        education.checks = [
            Check(
                "applications_balance",
                "fail",
                "本年新收＋上年结转 ≠ 总计＋结转下年",
                ["applications.new.total", "applications.results_total.total"],
            )
        ]
        archive.education_2022 = pipeline.archive(
            _document("education-2022", education), parsed=education
        ).report_id

        hostile = _variant(lingwu_2021, year=2022, tables={}, extra_sentence=HOSTILE_TEXT)
        hostile.agency = "恶意测试局"
        hostile.title = HOSTILE_TITLE
        hostile.sections = [Section(1, "一、总体情况<b>粗</b>", HOSTILE_TEXT)]
        hostile.text = HOSTILE_TEXT
        hostile.checks = []
        hostile_doc = _document("hostile", hostile)
        hostile_doc.url = "javascript:alert('url')"
        archive.hostile = pipeline.archive(hostile_doc, parsed=hostile).report_id

        changed_v1 = _variant(lingwu_2021, year=2019, tables={}, extra_sentence="第一版的说法。")
        changed_v1.agency = "灵武市财政局"
        changed_v1.title = "灵武市财政局2019年政府信息公开工作年度报告"
        pipeline.archive(_document("changed", changed_v1, b"v1"), parsed=changed_v1)
        changed_v2 = dataclasses.replace(
            changed_v1, text=changed_v1.text.replace("第一版的说法。", "修改后的说法。")
        )
        archive.changed = pipeline.archive(
            _document("changed", changed_v2, b"v2"), parsed=changed_v2
        ).report_id
    archive.all_ids = sorted(
        {
            *archive.seeds.values(),
            *archive.lingwu.values(),
            archive.education_2022,
            archive.hostile,
            archive.changed,
        }
    )
    return archive


def _variant(base: ParsedReport, *, year: int, tables: dict, extra_sentence: str) -> ParsedReport:
    """A copy of ``base`` for another year with the given tables and one sentence added to 一、."""
    sections = [dataclasses.replace(section) for section in base.sections]
    if sections:
        sections[0] = dataclasses.replace(
            sections[0],
            text=sections[0].text.replace(str(base.year), str(year)) + "\n" + extra_sentence,
        )
    return dataclasses.replace(
        base,
        year=year,
        title=(base.title or "").replace(str(base.year), str(year)),
        sections=sections,
        tables=tables,
        checks=[Check("applications_balance", "pass", "平衡", [])] if tables else [],
        text="\n".join(section.heading + "\n" + section.text for section in sections),
    )


def _document(name: str, parsed: ParsedReport, salt: bytes = b"") -> FetchedDocument:
    data = (parsed.text + str(parsed.year) + (parsed.agency or "")).encode() + salt
    return FetchedDocument(
        identity=f"https://www.example.gov.cn/reports/{name}",
        data=data,
        url=f"https://www.example.gov.cn/reports/{name}.html",
        filename=f"{name}.html",
    )
