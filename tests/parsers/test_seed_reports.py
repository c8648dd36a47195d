"""The five demo seeds, every table cell written out by hand (read off the seed files)."""

from __future__ import annotations

from pathlib import Path

import pytest

from parsers import parse_document

SEEDS = Path(__file__).resolve().parents[2] / "demo_portal" / "seeds"

ZERO_ROW = {
    "natural_person": 0,
    "commercial": 0,
    "research": 0,
    "public_interest": 0,
    "legal_service": 0,
    "other_org": 0,
    "total": 0,
}

APPLICATIONS_2021_ALL_ZERO = {
    "new": {
        "natural_person": 0,
        "commercial": 0,
        "research": 0,
        "public_interest": 0,
        "legal_service": 0,
        "other_org": 0,
        "total": 0,
    },
    "carried_over": {
        "natural_person": 0,
        "commercial": 0,
        "research": 0,
        "public_interest": 0,
        "legal_service": 0,
        "other_org": 0,
        "total": 0,
    },
    "granted": {
        "natural_person": 0,
        "commercial": 0,
        "research": 0,
        "public_interest": 0,
        "legal_service": 0,
        "other_org": 0,
        "total": 0,
    },
    "partial": {
        "natural_person": 0,
        "commercial": 0,
        "research": 0,
        "public_interest": 0,
        "legal_service": 0,
        "other_org": 0,
        "total": 0,
    },
    "denied_state_secret": {
        "natural_person": 0,
        "commercial": 0,
        "research": 0,
        "public_interest": 0,
        "legal_service": 0,
        "other_org": 0,
        "total": 0,
    },
    "denied_prohibited": {
        "natural_person": 0,
        "commercial": 0,
        "research": 0,
        "public_interest": 0,
        "legal_service": 0,
        "other_org": 0,
        "total": 0,
    },
    "denied_security_stability": {
        "natural_person": 0,
        "commercial": 0,
        "research": 0,
        "public_interest": 0,
        "legal_service": 0,
        "other_org": 0,
        "total": 0,
    },
    "denied_third_party": {
        "natural_person": 0,
        "commercial": 0,
        "research": 0,
        "public_interest": 0,
        "legal_service": 0,
        "other_org": 0,
        "total": 0,
    },
    "denied_internal": {
        "natural_person": 0,
        "commercial": 0,
        "research": 0,
        "public_interest": 0,
        "legal_service": 0,
        "other_org": 0,
        "total": 0,
    },
    "denied_process": {
        "natural_person": 0,
        "commercial": 0,
        "research": 0,
        "public_interest": 0,
        "legal_service": 0,
        "other_org": 0,
        "total": 0,
    },
    "denied_enforcement_file": {
        "natural_person": 0,
        "commercial": 0,
        "research": 0,
        "public_interest": 0,
        "legal_service": 0,
        "other_org": 0,
        "total": 0,
    },
    "denied_query": {
        "natural_person": 0,
        "commercial": 0,
        "research": 0,
        "public_interest": 0,
        "legal_service": 0,
        "other_org": 0,
        "total": 0,
    },
    "unavailable_not_held": {
        "natural_person": 0,
        "commercial": 0,
        "research": 0,
        "public_interest": 0,
        "legal_service": 0,
        "other_org": 0,
        "total": 0,
    },
    "unavailable_needs_creation": {
        "natural_person": 0,
        "commercial": 0,
        "research": 0,
        "public_interest": 0,
        "legal_service": 0,
        "other_org": 0,
        "total": 0,
    },
    "unavailable_unclear": {
        "natural_person": 0,
        "commercial": 0,
        "research": 0,
        "public_interest": 0,
        "legal_service": 0,
        "other_org": 0,
        "total": 0,
    },
    "rejected_petition": {
        "natural_person": 0,
        "commercial": 0,
        "research": 0,
        "public_interest": 0,
        "legal_service": 0,
        "other_org": 0,
        "total": 0,
    },
    "rejected_repeat": {
        "natural_person": 0,
        "commercial": 0,
        "research": 0,
        "public_interest": 0,
        "legal_service": 0,
        "other_org": 0,
        "total": 0,
    },
    "rejected_publication": {
        "natural_person": 0,
        "commercial": 0,
        "research": 0,
        "public_interest": 0,
        "legal_service": 0,
        "other_org": 0,
        "total": 0,
    },
    "rejected_excessive": {
        "natural_person": 0,
        "commercial": 0,
        "research": 0,
        "public_interest": 0,
        "legal_service": 0,
        "other_org": 0,
        "total": 0,
    },
    "rejected_confirmation": {
        "natural_person": 0,
        "commercial": 0,
        "research": 0,
        "public_interest": 0,
        "legal_service": 0,
        "other_org": 0,
        "total": 0,
    },
    "other_no_correction": {
        "natural_person": 0,
        "commercial": 0,
        "research": 0,
        "public_interest": 0,
        "legal_service": 0,
        "other_org": 0,
        "total": 0,
    },
    "other_fee_unpaid": {
        "natural_person": 0,
        "commercial": 0,
        "research": 0,
        "public_interest": 0,
        "legal_service": 0,
        "other_org": 0,
        "total": 0,
    },
    "other_other": {
        "natural_person": 0,
        "commercial": 0,
        "research": 0,
        "public_interest": 0,
        "legal_service": 0,
        "other_org": 0,
        "total": 0,
    },
    "results_total": {
        "natural_person": 0,
        "commercial": 0,
        "research": 0,
        "public_interest": 0,
        "legal_service": 0,
        "other_org": 0,
        "total": 0,
    },
    "carried_forward": {
        "natural_person": 0,
        "commercial": 0,
        "research": 0,
        "public_interest": 0,
        "legal_service": 0,
        "other_org": 0,
        "total": 0,
    },
}

APPLICATIONS_2019_ALL_ZERO = {
    "new": {
        "natural_person": 0,
        "commercial": 0,
        "research": 0,
        "public_interest": 0,
        "legal_service": 0,
        "other_org": 0,
        "total": 0,
    },
    "carried_over": {
        "natural_person": 0,
        "commercial": 0,
        "research": 0,
        "public_interest": 0,
        "legal_service": 0,
        "other_org": 0,
        "total": 0,
    },
    "granted": {
        "natural_person": 0,
        "commercial": 0,
        "research": 0,
        "public_interest": 0,
        "legal_service": 0,
        "other_org": 0,
        "total": 0,
    },
    "partial": {
        "natural_person": 0,
        "commercial": 0,
        "research": 0,
        "public_interest": 0,
        "legal_service": 0,
        "other_org": 0,
        "total": 0,
    },
    "denied_state_secret": {
        "natural_person": 0,
        "commercial": 0,
        "research": 0,
        "public_interest": 0,
        "legal_service": 0,
        "other_org": 0,
        "total": 0,
    },
    "denied_prohibited": {
        "natural_person": 0,
        "commercial": 0,
        "research": 0,
        "public_interest": 0,
        "legal_service": 0,
        "other_org": 0,
        "total": 0,
    },
    "denied_security_stability": {
        "natural_person": 0,
        "commercial": 0,
        "research": 0,
        "public_interest": 0,
        "legal_service": 0,
        "other_org": 0,
        "total": 0,
    },
    "denied_third_party": {
        "natural_person": 0,
        "commercial": 0,
        "research": 0,
        "public_interest": 0,
        "legal_service": 0,
        "other_org": 0,
        "total": 0,
    },
    "denied_internal": {
        "natural_person": 0,
        "commercial": 0,
        "research": 0,
        "public_interest": 0,
        "legal_service": 0,
        "other_org": 0,
        "total": 0,
    },
    "denied_process": {
        "natural_person": 0,
        "commercial": 0,
        "research": 0,
        "public_interest": 0,
        "legal_service": 0,
        "other_org": 0,
        "total": 0,
    },
    "denied_enforcement_file": {
        "natural_person": 0,
        "commercial": 0,
        "research": 0,
        "public_interest": 0,
        "legal_service": 0,
        "other_org": 0,
        "total": 0,
    },
    "denied_query": {
        "natural_person": 0,
        "commercial": 0,
        "research": 0,
        "public_interest": 0,
        "legal_service": 0,
        "other_org": 0,
        "total": 0,
    },
    "unavailable_not_held": {
        "natural_person": 0,
        "commercial": 0,
        "research": 0,
        "public_interest": 0,
        "legal_service": 0,
        "other_org": 0,
        "total": 0,
    },
    "unavailable_needs_creation": {
        "natural_person": 0,
        "commercial": 0,
        "research": 0,
        "public_interest": 0,
        "legal_service": 0,
        "other_org": 0,
        "total": 0,
    },
    "unavailable_unclear": {
        "natural_person": 0,
        "commercial": 0,
        "research": 0,
        "public_interest": 0,
        "legal_service": 0,
        "other_org": 0,
        "total": 0,
    },
    "rejected_petition": {
        "natural_person": 0,
        "commercial": 0,
        "research": 0,
        "public_interest": 0,
        "legal_service": 0,
        "other_org": 0,
        "total": 0,
    },
    "rejected_repeat": {
        "natural_person": 0,
        "commercial": 0,
        "research": 0,
        "public_interest": 0,
        "legal_service": 0,
        "other_org": 0,
        "total": 0,
    },
    "rejected_publication": {
        "natural_person": 0,
        "commercial": 0,
        "research": 0,
        "public_interest": 0,
        "legal_service": 0,
        "other_org": 0,
        "total": 0,
    },
    "rejected_excessive": {
        "natural_person": 0,
        "commercial": 0,
        "research": 0,
        "public_interest": 0,
        "legal_service": 0,
        "other_org": 0,
        "total": 0,
    },
    "rejected_confirmation": {
        "natural_person": 0,
        "commercial": 0,
        "research": 0,
        "public_interest": 0,
        "legal_service": 0,
        "other_org": 0,
        "total": 0,
    },
    "other": {
        "natural_person": 0,
        "commercial": 0,
        "research": 0,
        "public_interest": 0,
        "legal_service": 0,
        "other_org": 0,
        "total": 0,
    },
    "results_total": {
        "natural_person": 0,
        "commercial": 0,
        "research": 0,
        "public_interest": 0,
        "legal_service": 0,
        "other_org": 0,
        "total": 0,
    },
    "carried_forward": {
        "natural_person": 0,
        "commercial": 0,
        "research": 0,
        "public_interest": 0,
        "legal_service": 0,
        "other_org": 0,
        "total": 0,
    },
}

ACTIVE_2021_ALL_ZERO = {
    "rules": {"made": 0, "repealed": 0, "in_force": 0},
    "normative_documents": {"made": 0, "repealed": 0, "in_force": 0},
    "licensing": {"decisions": 0},
    "punishment": {"decisions": 0},
    "enforcement": {"decisions": 0},
    "fees": {"amount": 0},
}

REVIEWS_ALL_ZERO = {
    "review": {"upheld": 0, "corrected": 0, "other": 0, "pending": 0, "total": 0},
    "litigation": {"upheld": 0, "corrected": 0, "other": 0, "pending": 0, "total": 0},
    "litigation_after_review": {"upheld": 0, "corrected": 0, "other": 0, "pending": 0, "total": 0},
}

EXPECTED_TABLES = {
    "000_77fbe9a8d492d01e.txt": {
        "active": ACTIVE_2021_ALL_ZERO,
        "applications": APPLICATIONS_2021_ALL_ZERO,
        "reviews": REVIEWS_ALL_ZERO,
    },
    "001_787e7c90b6bc98b9.txt": {
        "active": {
            "rules": {"new_made": 0, "new_published": 0, "total_published": 0},
            "normative_documents": {"new_made": 0, "new_published": 0, "total_published": 0},
            "licensing": {"last_year_items": 0, "change": 0, "decisions": 0},
            "other_services": {"last_year_items": 0, "change": 0, "decisions": 0},
            "punishment": {"last_year_items": 0, "change": 0, "decisions": 0},
            "enforcement": {"last_year_items": 0, "change": 0, "decisions": 0},
            "fees": {"last_year_items": 0, "change": 0},
            "procurement": {"items": 0, "amount": 0},
        },
        "applications": APPLICATIONS_2019_ALL_ZERO,
        # The five review cells are blank in the seed: unknown, not zero.
        "reviews": {
            "review": {
                "upheld": None,
                "corrected": None,
                "other": None,
                "pending": None,
                "total": None,
            },
            "litigation": {"upheld": 0, "corrected": 0, "other": 0, "pending": 0, "total": 0},
            "litigation_after_review": {
                "upheld": 0,
                "corrected": 0,
                "other": 0,
                "pending": 0,
                "total": 0,
            },
        },
    },
    "002_92bfdeb739d25b4e.txt": {
        "active": ACTIVE_2021_ALL_ZERO,
        "applications": APPLICATIONS_2021_ALL_ZERO,
        "reviews": REVIEWS_ALL_ZERO,
    },
    "003_94e7e69fd1771dc6.txt": {
        "active": {
            "rules": {"made": 0, "repealed": 0, "in_force": 0},
            "normative_documents": {"made": 0, "repealed": 0, "in_force": 0},
            "licensing": {"decisions": 11},
            "punishment": {"decisions": 0},
            "enforcement": {"decisions": 0},
            "fees": {"amount": 0},
        },
        "applications": APPLICATIONS_2021_ALL_ZERO,
        "reviews": REVIEWS_ALL_ZERO,
    },
    "004_9c0f584a5a0b0277.txt": {
        "active": ACTIVE_2021_ALL_ZERO,
        "applications": APPLICATIONS_2021_ALL_ZERO,
        "reviews": REVIEWS_ALL_ZERO,
    },
}

EXPECTED_TEMPLATE = {
    "000_77fbe9a8d492d01e.txt": "2021",
    "001_787e7c90b6bc98b9.txt": "2019",
    "002_92bfdeb739d25b4e.txt": "2021",
    "003_94e7e69fd1771dc6.txt": "2021",
    "004_9c0f584a5a0b0277.txt": "2021",
}

SIX_HEADINGS = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]


def parse_seed(name: str):
    return parse_document((SEEDS / name).read_bytes(), filename=name)


@pytest.mark.parametrize("name", sorted(EXPECTED_TABLES))
def test_every_table_cell_of_the_seed_is_read(name: str) -> None:
    report = parse_seed(name)
    assert report.tables == EXPECTED_TABLES[name]
    assert report.warnings == []


@pytest.mark.parametrize("name", sorted(EXPECTED_TEMPLATE))
def test_seed_template_follows_the_table_shapes(name: str) -> None:
    assert parse_seed(name).template == EXPECTED_TEMPLATE[name]


@pytest.mark.parametrize("name", sorted(EXPECTED_TABLES))
def test_seeds_raise_no_false_alarms(name: str) -> None:
    report = parse_seed(name)
    assert [check.rule for check in report.checks] == [
        "applications_balance",
        "applications_results_total",
        "applications_column_total",
        "reviews_totals",
        "text_vs_tables",
        "carried_over_continuity",
    ]
    assert all(check.status != "fail" for check in report.checks)
    assert report.consistency_status == "pass"


def test_blank_review_cells_make_the_review_totals_not_assessable() -> None:
    checks = {check.rule: check for check in parse_seed("001_787e7c90b6bc98b9.txt").checks}
    assert checks["reviews_totals"].status == "not_assessable"
    assert "reviews.review.total" in checks["reviews_totals"].cells


def test_prose_saying_no_applications_agrees_with_an_all_zero_table() -> None:
    checks = {check.rule: check for check in parse_seed("000_77fbe9a8d492d01e.txt").checks}
    assert checks["text_vs_tables"].status == "pass"
    assert checks["text_vs_tables"].cells == ["applications.new.total"]


@pytest.mark.parametrize(
    "name",
    [
        "000_77fbe9a8d492d01e.txt",
        "001_787e7c90b6bc98b9.txt",
        "002_92bfdeb739d25b4e.txt",
        "004_9c0f584a5a0b0277.txt",
    ],
)
def test_seed_sections_are_the_six_numbered_headings(name: str) -> None:
    sections = parse_seed(name).sections
    assert [section.number for section in sections] == [1, 2, 3, 4, 5, 6]
    assert [section.heading for section in sections] == SIX_HEADINGS


def test_headings_without_numerals_are_found_in_seed_003() -> None:
    sections = parse_seed("003_94e7e69fd1771dc6.txt").sections
    assert [(s.number, s.heading) for s in sections] == [
        (1, "一、总体情况"),
        (2, "二、主动公开政府信息情况"),
        (3, "收到和处理政府信息公开申请情况"),
        (4, "政府信息公开行政复议、行政诉讼情况"),
        (5, "五、存在的主要问题及改进情况"),
        (6, "六、其他需要报告的事项"),
    ]
    assert sections[0].text.startswith("2021年巴彦淖尔市科技局按照市委、政府的工作部署")
    assert sections[5].text.startswith("2021年未收到政府信息依申请公开件")


def test_section_text_excludes_the_title_lines_and_markdown() -> None:
    sections = parse_seed("002_92bfdeb739d25b4e.txt").sections
    assert sections[0].text.startswith("（一）主动公开情况。2023 年，我局坚持")
    assert "**" not in sections[0].text
    assert "吴忠市科学技术局\n" not in sections[0].text
    assert sections[5].text.endswith("本年度没有产生信息公开处理费。")


def test_seed_report_keeps_its_full_text() -> None:
    report = parse_seed("000_77fbe9a8d492d01e.txt")
    assert "灵武市科学技术局" in report.text
    assert report.year == 2021
