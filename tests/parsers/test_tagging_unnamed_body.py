"""A department report that speaks only as 我局/我厅 still gets its author: the region's bureau that
a bare level word names (``市统计局``) or whose subject the report keeps naming.

Every text here was written for the test, in the shape real pages of this kind take.
"""

from __future__ import annotations

from parsers.extracted import ExtractedDocument
from parsers.tagging import ReportTags, tag_report
from parsers.tagging.unnamed_body import (
    kind_by_level_word,
    kind_by_subject,
    self_reference_ending,
)


def tag_text(text: str, url: str | None = None) -> ReportTags:
    return tag_report(ExtractedDocument(text=text, url=url))


def test_a_bare_level_word_before_a_kind_names_the_region_s_bureau() -> None:
    tags = tag_text(
        "一、总体情况\n2021年，我局认真贯彻落实《中华人民共和国政府信息公开条例》。"
        "为加强组织领导，市统计局成立了由局长任组长的政务公开领导小组。\n"
        "（二）主动公开情况\n按要求公开《凌源市2020年国民经济和社会发展统计公报》。",
        url="https://lingyuan.gov.cn/html/LYSZF/202201/0164239849045814.html",
    )
    assert (tags.agency, tags.agency_kind, tags.level) == ("凌源市统计局", "统计局", "county")
    assert (tags.province, tags.city, tags.county) == ("辽宁省", "朝阳市", "凌源市")


def test_the_subject_a_report_keeps_naming_gives_its_kind() -> None:
    tags = tag_text(
        "一、总体情况\n2021年，我局按照县委、县政府的统一部署，认真贯彻实施《条例》。\n"
        "（一）主动公开情况\n我局以保护自然资源、节约集约利用自然资源为主线，在青川县人民政府门户"
        "网站发布不动产登记公告、矿业权公告共270余条。\n（二）依申请公开情况\n全年未收到申请。"
    )
    assert (tags.agency, tags.agency_kind, tags.county) == (
        "青川县自然资源局",
        "自然资源局",
        "青川县",
    )


def test_a_hall_s_self_reference_gives_a_provincial_department() -> None:
    tags = tag_text(
        "依据《中华人民共和国政府信息公开条例》第五十条之规定，制作本报告。\n一、总体情况\n"
        "本年度，我厅全面贯彻落实《条例》。2019年，厅门户网站新增自然资源信息14129条，"
        "“广东自然资源”官方微信号公开信息1535篇。",
        url="https://nr.gd.gov.cn/gkmlpt/content/2/2877/post_2877736.html",
    )
    assert (tags.agency, tags.agency_kind, tags.level) == (
        "广东省自然资源厅",
        "自然资源厅",
        "province",
    )


def test_a_longer_subject_written_beside_a_shorter_one_is_the_department_s_name() -> None:
    text = "我局持续推进交通运输领域公开，公开交通运输规划、交通建设项目、公路养护信息、交通执法。"
    assert kind_by_subject(text, "局") == "交通运输局"


def test_a_subject_named_once_or_level_with_another_decides_nothing() -> None:
    assert kind_by_subject("我局公开了统计信息。", "局") is None
    assert kind_by_subject("我局公开水利工程和教育项目，水利、教育信息齐全。", "局") is None


def test_the_statistics_period_every_report_states_is_not_a_statistics_subject() -> None:
    text = "本报告所列数据的统计期限自1月1日起至12月31日止，统计数据来自各科室。我局全年公开信息。"
    assert kind_by_subject(text, "局") is None


def test_a_level_word_of_another_level_is_not_the_report_s_own_bureau() -> None:
    assert kind_by_level_word("我局配合省统计局开展调查。", "凌源市", "局") is None
    assert (
        kind_by_level_word("我局配合省统计局开展调查，市统计局牵头。", "凌源市", "局") == "统计局"
    )


def test_a_report_that_speaks_as_its_town_is_not_read_as_a_department() -> None:
    assert self_reference_ending("我镇高度重视，我镇全年公开信息，我局配合。") is None
    assert self_reference_ending("我委高度重视政务公开，我委全年公开信息。") == "委员会"


def test_the_word_government_in_government_information_is_no_author() -> None:
    tags = tag_text(
        "2021年，在县委县政府的正确领导下，我镇按照随县政府信息公开工作的统一部署，特向社会公布"
        "2021年度本级政府信息公开工作年度报告。\n一、总体情况\n为加强对我镇政府信息公开工作的组织"
        "领导，淮河镇制定了相关工作制度。按照淮河镇主动公开政府信息工作制度公开信息。",
        url="http://www.zgsuixian.gov.cn/zwgk/xxgknb/zfxxgkndbg/202201/t20220117_962651.shtml",
    )
    assert (tags.agency, tags.level, tags.township) == ("淮河镇人民政府", "township", "淮河镇")


def test_a_level_word_after_了_still_names_the_region_s_bureau() -> None:
    tags = tag_text(
        "根据《雁江区2018年政务公开工作要点的通知》要求，结合人社工作实际，我局组织编制了2018年度"
        "政府信息公开工作年度报告。\n一、概述\n（二）健全制度。我局完善了区人社局政府信息公开工作"
        "制度，领导小组办公室设在局办公室。"
    )
    assert (tags.agency, tags.agency_kind, tags.county) == (
        "雁江区人力资源和社会保障局",
        "人力资源和社会保障局",
        "雁江区",
    )
