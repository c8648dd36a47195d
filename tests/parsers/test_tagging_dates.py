"""The covered year, the template and the publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from parsers.extracted import ExtractedDocument
from parsers.tagging import tag_report
from parsers.tagging.normalize import normalize_dates
from parsers.tagging.published import find_published
from parsers.tagging.template import find_template
from parsers.tagging.year import find_year


@pytest.mark.parametrize(
    ("title", "head", "year"),
    [
        ("灵武市科学技术局2024年度政府信息公开工作年度报告", "", 2024),
        ("某县人民政府二〇二三年政府信息公开工作年度报告", "", 2023),
        ("某县人民政府二零零八年政府信息公开工作年度报告", "", 2008),
        ("某县 2021 年 政府信息公开工作年度报告", "", 2021),
        (
            "政府信息公开工作年度报告",
            "本报告所列数据的统计期限自2024年1月1日至2024年12月31日止。",
            2024,
        ),
        ("政府信息公开工作年度报告", "本报告统计数据从2021年1月1日至12月31日。", 2021),
        ("政府信息公开工作年度报告", "现发布《某局2019年政府信息公开工作年度报告》。", 2019),
    ],
)
def test_the_covered_year_comes_from_title_or_statistics_period(
    title: str, head: str, year: int
) -> None:
    assert find_year(normalize_dates(title), normalize_dates(head)) == year


def test_a_report_published_in_2025_about_2024_is_a_2024_report() -> None:
    tags = tag_report(
        ExtractedDocument(
            text="2024年，我局认真贯彻《条例》。\n某县教育局\n2025年1月20日",
            title="某县教育局2024年政府信息公开工作年度报告",
            metadata={"发布日期": "2025-01-21 09:30:00"},
        )
    )
    assert (tags.year, tags.published) == (2024, dt.date(2025, 1, 21))


def test_without_any_year_the_report_covers_the_year_before_publication() -> None:
    assert find_year("政府信息公开工作年度报告", "我局全年未收到申请。", 2022) == 2021


@pytest.mark.parametrize(
    ("text", "year", "template", "basis"),
    [
        ("按照国办公开办函〔2021〕30号要求", 2021, "2021", "cited"),
        ("按照国办公开办函[2021]30号要求", 2022, "2021", "cited"),
        ("国办公开办函（2019）60号", 2020, "2019", "cited"),
        ("根据《条例》编制本报告。", 2015, "pre2019", "year"),
        ("根据《条例》编制本报告。", 2018, "pre2019", "year"),
        ("根据《条例》编制本报告。", 2020, "2019", "year"),
        ("根据《条例》编制本报告。", 2021, "2021", "year"),
        ("根据《条例》编制本报告。", None, None, None),
        ("〔2019〕60号 和 〔2021〕30号", 2020, "2019", "cited"),
    ],
)
def test_the_template_follows_the_cited_notice_else_the_year(
    text: str, year: int | None, template: str | None, basis: str | None
) -> None:
    assert find_template(text, year) == (template, basis)


@pytest.mark.parametrize(
    ("metadata", "lines", "date"),
    [
        ({"发布日期": "2022-01-20"}, [], dt.date(2022, 1, 20)),
        ({"PubDate": "2022/01/20 10:00"}, [], dt.date(2022, 1, 20)),
        ({"成文日期": "2023年1月5日"}, [], dt.date(2023, 1, 5)),
        (
            {},
            ["六、其他需要报告的事项", "无。", "某县科学技术局", "2022年1月20日"],
            dt.date(2022, 1, 20),
        ),
        ({}, ["某县科学技术局 二〇二二年一月二十日"], dt.date(2022, 1, 20)),
        ({}, ["本报告统计期限自2024年1月1日至2024年12月31日"], None),
        ({}, ["无。"], None),
    ],
)
def test_the_publication_date_comes_from_metadata_or_a_closing_date_line(
    metadata, lines, date
) -> None:
    assert find_published(metadata, lines) == date
