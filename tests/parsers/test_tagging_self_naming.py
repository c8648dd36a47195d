"""How a report that calls itself 我局 or 我办 is named from what it says about itself.

A bureau that names its own website (``在某市某局网站公开``) is that bureau, wherever the
region's other bodies are cited; a town's ``单位办公室`` that compiled the town's report files it
for the town; a body that ``编制了`` the year's report is its author; a government's own body
named ``办公室`` (国防动员办公室) is not one of its desks.

Every text here was written for the test, in the shape real pages of this kind take.
"""

from __future__ import annotations

from parsers.extracted import ExtractedDocument
from parsers.tagging import ReportTags, tag_report


def tag_text(text: str, url: str | None = None) -> ReportTags:
    return tag_report(ExtractedDocument(text=text, url=url))


def test_a_bureau_on_its_department_site_is_the_one_its_own_website_is_named_after() -> None:
    tags = tag_text(
        "根据《中华人民共和国政府信息公开条例》规定，按照《广西壮族自治区大数据发展局关于做好2020年"
        "政府信息公开工作年度报告发布和报送工作的通知》要求，现将我局2020年度信息公开工作予以报告。\n"
        "一、总体情况\n2020年，我局高度重视政府信息公开工作。在百色市投资促进局网站公开信息457条。",
        url="http://tzcjj.baise.gov.cn/zfxigk/xxgkndbg/t7730303.shtml",
    )
    assert (tags.agency, tags.city, tags.level) == ("百色市投资促进局", "百色市", "city")


def test_a_town_report_compiled_by_its_unit_office_is_the_town_s() -> None:
    tags = tag_text(
        "本报告根据《中华人民共和国政府信息公开条例》要求，汇总本单位数据，由石江乡单位办公室编制，"
        "如对本年报有疑问，请与石江乡党政办公室联系（地址：丰城市石江乡人民政府）。\n"
        "一、总体情况\n2021年，石江乡高度重视依申请公开工作，本年度石江乡共受理依申请公开0件。"
    )
    assert (tags.agency, tags.agency_kind, tags.level) == ("石江乡人民政府", "人民政府", "township")
    assert tags.county == "丰城市"


def test_the_body_that_compiled_the_year_s_report_is_its_author() -> None:
    tags = tag_text(
        "根据《中华人民共和国政府信息公开条例》,海口市人民政府编制了2018年政府信息公开工作年度报告。"
        "全文包括概述、主动公开、依申请公开等情况。\n一、概述\n2018年，全市政府信息公开工作稳步推进。"
    )
    assert (tags.agency, tags.level) == ("海口市人民政府", "city")


def test_a_government_s_defence_mobilisation_office_is_a_body_not_a_desk() -> None:
    tags = tag_text(
        "按照《中华人民共和国政府信息公开条例》要求,四川省人民政府国防动员办公室编制了2023年政府"
        "信息公开工作年度报告。\n一、总体情况\n2023年，我办政务公开工作有序推进，在网站公开征求"
        "《四川省人民防空行政处罚裁量基准》意见。"
    )
    assert (tags.agency, tags.agency_kind, tags.level) == (
        "四川省人民政府国防动员办公室",
        "国防动员办公室",
        "province",
    )


def test_a_department_that_calls_itself_我厅_on_its_site_is_the_province_s_厅() -> None:
    tags = tag_text(
        "本年度报告根据《中华人民共和国政府信息公开条例》要求编制。\n一、总体情况\n"
        "（一）主动公开情况\n我厅坚持以公开为常态、不公开为例外的原则，推进政府信息在厅网站公开。",
        url="http://hrss.henan.gov.cn/2021/01-26/2085717.html",
    )
    assert (tags.agency, tags.level) == ("河南省人力资源和社会保障厅", "province")


def test_信访办_is_the_petitions_office_not_the_city() -> None:
    tags = tag_text(
        "本报告是根据《中华人民共和国政府信息公开条例》要求，由北京市信访办编制的2014年度政府信息公开"
        "年度报告。\n一、概述\n2014年，市信访办各业务处室指定专人负责政府信息公开工作。"
    )
    assert (tags.agency, tags.agency_kind) == ("北京市信访办公室", "信访办公室")


def test_a_report_announced_after_the_site_name_and_a_date_line_is_the_announced_body_s() -> None:
    tags = tag_text(
        "天津市宝坻区人民政府\n2019年12月3日星期二\n根据《中华人民共和国政府信息公开条例》第五十条"
        "规定，现公布天津市宝坻区文化和旅游局2025年政府信息公开工作年度报告。\n一、总体情况\n"
        "（一）主动公开提质增效"
    )
    assert (tags.agency, tags.county) == ("天津市宝坻区文化和旅游局", "宝坻区")


def test_a_report_announced_with_its_year_before_the_body_keeps_the_county_in_the_name() -> None:
    tags = tag_text(
        "根据新修订《中华人民共和国政府信息公开条例》要求，现将2023年陇县城关镇人民政府信息公开工作"
        "年度报告予以公布。\n一、总体情况\n2023年，我镇严格按照《政府信息公开条例》受理依申请公开2件。"
    )
    assert (tags.agency, tags.county, tags.township) == ("陇县城关镇人民政府", "陇县", "城关镇")


def test_a_comprehensive_experimental_zone_named_alone_is_its_committee_not_the_county() -> None:
    tags = tag_text(
        "平潭综合实验区2023年度政府信息公开工作年度报告\n根据《条例》要求，编制本报告。"
    )
    assert (tags.agency, tags.agency_kind) == ("平潭综合实验区管理委员会", "管理委员会")


def test_a_town_speaking_as_we_names_itself_once_in_its_catalogue_title() -> None:
    tags = tag_text(
        "本年报根据《中华人民共和国政府信息公开条例》及大冶市关于做好政府信息公开工作的通知要求编制。\n"
        "一、总体情况\n（一）政府信息主动公开情况。2025年，我镇严格落实上级政府信息公开工作部署。\n"
        "（二）依申请公开情况。2025年，我镇收到政府信息公开申请1件。\n"
        "（四）平台建设情况。对照《殷祖镇基层政务公开标准目录》，规范各门类信息发布流程。",
        url="https://www.hbdaye.gov.cn/zfxxgk/zfxxgkndbg/gb2025/2025xzgb/202601/t1303707.html",
    )
    assert (tags.agency, tags.township, tags.level) == ("殷祖镇人民政府", "殷祖镇", "township")
    assert tags.county == "大冶市"
