"""Spam mirrors that write gambling words in place of a region's name.

Copies of real reports on hijacked domains replace the region with advertising
(``新葡京博彩官网区人民政府北京街道办事处``): the words are dropped, and the body is placed by
what the page still says about it.

Every text here was written for the test, in the shape real pages of this kind take.
"""

from __future__ import annotations

from parsers.extracted import ExtractedDocument
from parsers.tagging import ReportTags, tag_report


def tag_text(text: str, url: str | None = None) -> ReportTags:
    return tag_report(ExtractedDocument(text=text, url=url))


def test_gambling_words_before_a_street_office_are_not_part_of_its_name() -> None:
    tags = tag_text(
        "一、总体情况\n2020年，在区委、区政府的正确领导下，新葡京博彩官网区人民政府北京街道办事处"
        "认真贯彻落实《中华人民共和国政府信息公开条例》。\n北京街道办事处全年主动公开政府信息86条。",
        url="http://www.example-mirror.com/zwgk/xxgknb/2020/content/post_7038677.html",
    )
    assert (tags.agency, tags.county, tags.township) == ("北京街道办事处", "越秀区", "北京街道")


def test_a_publisher_line_with_gambling_words_keeps_the_bureau_s_kind() -> None:
    tags = tag_text(
        "发布机构: | 沙巴体育_大发体育娱乐在线¥投注官网市市场监管局(知识产权局) |\n"
        "根据《中华人民共和国政府信息公开条例》要求，特向社会公布2023年度我局政府信息公开年度报告。"
        "如对本报告有任何疑问，请与我局办公室联系（地址：金华市双龙南街,邮编:321017，电话:0579-82468000）。"
    )
    assert tags.agency_kind == "市场监督管理局"
    assert "投注" not in (tags.agency or "")
