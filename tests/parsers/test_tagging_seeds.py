"""The five demo seeds, tagged by hand: what a journalist would write down for each report."""

from __future__ import annotations

from pathlib import Path

import pytest

from parsers.extracted import ExtractedDocument
from parsers.tagging import ReportTags, tag_report

SEEDS = Path(__file__).resolve().parents[2] / "demo_portal" / "seeds"

EXPECTED = {
    "000": ReportTags(
        title="灵武市科学技术局2021年政府信息公开工作年度报告",
        agency="灵武市科学技术局",
        agency_kind="科学技术局",
        province="宁夏回族自治区",
        city="银川市",
        county="灵武市",
        level="county",
        division_code="640181",
        year=2021,
        template="2021",
        template_basis="cited",
    ),
    "001": ReportTags(
        title="金凤区科学技术局2020年政府信息公开工作年度报告",
        agency="金凤区科学技术局",
        agency_kind="科学技术局",
        province="宁夏回族自治区",
        city="银川市",
        county="金凤区",
        level="county",
        division_code="640106",
        year=2020,
        template="2019",
        template_basis="cited",
    ),
    "002": ReportTags(
        title="吴忠市科学技术局2023年政府信息公开工作年度报告",
        agency="吴忠市科学技术局",
        agency_kind="科学技术局",
        province="宁夏回族自治区",
        city="吴忠市",
        level="city",
        division_code="640300",
        year=2023,
        template="2021",
        template_basis="cited",
    ),
    # Cites no national notice; its 2021-shaped tables are the table parser's business.
    "003": ReportTags(
        title="巴彦淖尔市科学技术局2021年政府信息公开年度报告",
        agency="巴彦淖尔市科学技术局",
        agency_kind="科学技术局",
        province="内蒙古自治区",
        city="巴彦淖尔市",
        level="city",
        division_code="150800",
        year=2021,
        template="2021",
        template_basis="tables",
    ),
    "004": ReportTags(
        title="海原县科学技术局2024年政府信息公开工作年度报告",
        agency="海原县科学技术局",
        agency_kind="科学技术局",
        province="宁夏回族自治区",
        city="中卫市",
        county="海原县",
        level="county",
        division_code="640522",
        year=2024,
        template="2021",
        template_basis="cited",
    ),
}


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_reports_are_tagged_like_a_journalist_would(prefix: str) -> None:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    tags = tag_report(ExtractedDocument(text=path.read_text(encoding="utf-8")))
    assert tags == EXPECTED[prefix]


def test_a_city_department_is_not_placed_in_the_district_of_its_office_address() -> None:
    (path,) = SEEDS.glob("003_*.txt")
    text = path.read_text(encoding="utf-8")
    assert "临河区" in text
    tags = tag_report(ExtractedDocument(text=text))
    assert (tags.county, tags.level) == (None, "city")
