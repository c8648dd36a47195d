"""Splitting a report into its six numbered sections."""

from __future__ import annotations

from parsers.sections import split_sections


def test_markdown_and_bold_headings_are_recognised() -> None:
    text = "# 某局\n\n## 2022年年度报告\n\n### **一、总体情况**\n甲\n## 二．主动公开政府信息情况\n乙\n#### 三、收到和处理政府信息公开申请情况\n丙"
    sections = split_sections(text)
    assert [(s.number, s.heading, s.text) for s in sections] == [
        (1, "一、总体情况", "甲"),
        (2, "二．主动公开政府信息情况", "乙"),
        (3, "三、收到和处理政府信息公开申请情况", "丙"),
    ]


def test_a_sub_heading_repeating_a_section_name_is_not_a_section() -> None:
    text = "一、总体情况\n（一）主动公开政府信息情况\n正文\n二、主动公开政府信息情况\n表格\n三、收到和处理政府信息公开申请情况\n表格"
    sections = split_sections(text)
    assert [s.number for s in sections] == [1, 2, 3]
    assert sections[0].text == "（一）主动公开政府信息情况\n正文"


def test_pre_2019_reports_keep_their_own_headings_in_order() -> None:
    text = (
        "某县2015年政府信息公开工作年度报告\n一、概述\n甲\n二、主动公开政府信息的情况\n乙\n"
        "三、依申请公开政府信息情况\n丙\n四、政府信息公开的收费及减免情况\n丁\n"
        "五、因政府信息公开申请行政复议、提起行政诉讼的情况\n戊\n六、政府信息公开工作存在的主要问题及改进情况\n己\n"
        "七、其他需要报告的事项\n庚"
    )
    sections = split_sections(text)
    assert [s.number for s in sections] == [1, 2, 3, 4, 5, 6, 7]
    assert sections[3].heading == "四、政府信息公开的收费及减免情况"
    assert sections[6].text == "庚"


def test_table_rows_starting_with_numerals_are_not_headings() -> None:
    text = "一、总体情况\n甲\n三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\t0\t0\n四、结转下年度继续办理\t0\n四、政府信息公开行政复议、行政诉讼情况\n乙"
    sections = split_sections(text)
    assert [s.number for s in sections] == [1, 3, 4]
    assert "结转下年度" in sections[1].text
