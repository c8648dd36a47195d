"""The tagger reads pages as portals serve them: chrome, banners, metadata as text, no clean title.

One test per failure kind seen on unseen real reports; every text here was written for the test
in the shape real pages take.
"""

from __future__ import annotations

import pytest

from parsers.extracted import ExtractedDocument
from parsers.tagging import ReportTags, tag_report
from parsers.tagging.agency_mentions import trim_to_organisation
from parsers.tagging.gazetteer import get_gazetteer
from parsers.tagging.page_text import is_chrome_line, read_page

PREAMBLE = (
    "根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》"
    "要求，特编制本报告。本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。"
)


def tag_text(text: str, url: str | None = None) -> ReportTags:
    return tag_report(ExtractedDocument(text=text, url=url))


# --- No agency without a clean title line -------------------------------------------------


def test_the_agency_comes_from_the_opening_sentence_when_no_title_line_names_it() -> None:
    tags = tag_text(
        PREAMBLE
        + "\n一、总体情况\n2023年，霍城县水利局坚持以习近平新时代中国特色社会主义思想为指导，"
        "持续深化政务公开。\n(一)主动公开情况。"
    )
    assert (tags.agency, tags.agency_kind) == ("霍城县水利局", "水利局")
    assert (tags.province, tags.city, tags.county) == (
        "新疆维吾尔自治区",
        "伊犁哈萨克自治州",
        "霍城县",
    )
    assert tags.level == "county"


def test_the_agency_comes_from_who_compiled_the_report() -> None:
    tags = tag_text(
        "本年度报告根据《中华人民共和国政府信息公开条例》要求，由衡水市科学技术局结合有关统计数据"
        "编制。全文包括总体情况、主动公开政府信息情况等。"
    )
    assert tags.agency == "衡水市科学技术局"
    assert tags.agency_kind == "科学技术局"
    assert tags.level == "city"


def test_the_agency_comes_from_a_publisher_line_written_as_text() -> None:
    page = (
        "索引号: 001068998/2024-3020974 发布机构: 湖州市水利局 文 号:\n"
        "主题分类: 水利、水务 发布日期: 2024年01月26日\n"
        "2023年度政府信息公开工作报告\n" + PREAMBLE
    )
    tags = tag_text(page)
    assert (tags.agency, tags.agency_kind, tags.city) == ("湖州市水利局", "水利局", "湖州市")


def test_the_agency_comes_from_the_contact_line() -> None:
    tags = tag_text(
        "2023年政府信息公开工作年度报告\n" + PREAMBLE + "如对本报告有疑问，请与平罗县审计局办公室"
        "联系（电话：0952-6012345）。"
    )
    assert (tags.agency, tags.agency_kind, tags.county) == ("平罗县审计局", "审计局", "平罗县")


# --- Names that run on or come from the wrong line ---------------------------------------


@pytest.mark.parametrize(
    ("mention", "organisation"),
    [
        ("衡水市科学技术局结合有关统计数据", "衡水市科学技术局"),
        ("东湖街道党政综合办公室", "东湖街道"),
        ("衡水市人力资源和社会保障局政务网", "衡水市人力资源和社会保障局"),
        ("灵武市人民政府政府信息公开领导小组", "灵武市人民政府"),
        ("无障碍甘肃省人民政府办公厅", "甘肃省人民政府办公厅"),
        ("深圳市南山区科技创新局", "深圳市南山区科技创新局"),
        ("甘肃省人民政府国有资产监督管理委员会", "甘肃省人民政府国有资产监督管理委员会"),
        ("首页走进金凤区新闻中心", None),
        ("我局", None),
    ],
)
def test_a_mention_is_cut_to_the_organisation_it_names(
    mention: str, organisation: str | None
) -> None:
    assert trim_to_organisation(mention, get_gazetteer()) == organisation


def test_a_navigation_line_is_neither_agency_nor_kind() -> None:
    page = (
        "首页 走进金凤区 新闻中心 政务公开 政务服务 互动交流\n"
        "当前位置：首页 > 政务公开 > 政府信息公开年报\n"
        "银川市金凤区民政局2022年政府信息公开工作年度报告\n" + PREAMBLE.replace("2023", "2022")
    )
    tags = tag_text(page)
    assert (tags.agency, tags.agency_kind) == ("银川市金凤区民政局", "民政局")
    assert tags.county == "金凤区"


def test_an_accessibility_button_glued_to_the_name_is_dropped() -> None:
    tags = tag_text("无障碍甘肃省人民政府办公厅2023年政府信息公开工作年度报告\n" + PREAMBLE)
    assert (tags.agency, tags.agency_kind) == ("甘肃省人民政府办公厅", "人民政府办公厅")
    assert tags.level == "province"


def test_chrome_lines_are_recognised() -> None:
    assert is_chrome_line("首页 走进某区 新闻中心 政务公开 互动交流")
    assert is_chrome_line("【字体：大 中 小】 打印 关闭")
    assert is_chrome_line("当前位置：首页 > 信息公开 > 年度报告")
    assert not is_chrome_line("银川市金凤区民政局2022年政府信息公开工作年度报告")


# --- The portal's government is not the reporting body -----------------------------------


def test_the_title_beats_the_site_banner_of_the_portal_government() -> None:
    page = (
        "佛山市南海区人民政府\n无障碍 长者模式 English\n"
        "南海区水务局2023年度政府信息公开工作年报\n"
        "来源：佛山市南海区人民政府网 发布时间：2024-01-20\n" + PREAMBLE
    )
    tags = tag_text(page)
    assert (tags.agency, tags.agency_kind) == ("南海区水务局", "水务局")
    assert (tags.city, tags.county, tags.level) == ("佛山市", "南海区", "county")


def test_metadata_and_title_are_read_from_page_text() -> None:
    reading = read_page(
        "名  称: 衡水市水利局 2023年政府信息公开工作年度 报 告 索 引 号: 001068998/2024-3020974\n"
        "发布机构: 衡水市水利局 文  号:\n衡水市水利局 2023年政府信息公开工作年度 报 告\n语音播报\n"
        + PREAMBLE
    )
    assert reading.metadata["发布机构"] == "衡水市水利局"
    assert reading.title is not None and reading.title.startswith("衡水市水利局")
    assert "语音播报" not in reading.lines


# --- Kinds outside the old vocabulary ------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "agency", "kind"),
    [
        ("常州市水利局2022年政府信息公开工作年度报告", "常州市水利局", "水利局"),
        ("江苏省交通运输厅2022年政府信息公开工作年度报告", "江苏省交通运输厅", "交通运输厅"),
        (
            "洛阳市人社局2022年政府信息公开工作年度报告",
            "洛阳市人力资源和社会保障局",
            "人力资源和社会保障局",
        ),
        ("洛阳市医保局2022年政府信息公开工作年度报告", "洛阳市医疗保障局", "医疗保障局"),
        (
            "洛阳市退役军人局2022年政府信息公开工作年度报告",
            "洛阳市退役军人事务局",
            "退役军人事务局",
        ),
        ("洛阳市林草局2022年政府信息公开工作年度报告", "洛阳市林业和草原局", "林业和草原局"),
        ("洛阳市市监局2022年政府信息公开工作年度报告", "洛阳市市场监督管理局", "市场监督管理局"),
        (
            "广州市公安局天河区分局2022年政府信息公开工作年度报告",
            "广州市公安局天河区分局",
            "公安分局",
        ),
        (
            "国家税务总局广州市税务局2022年政府信息公开工作年度报告",
            "国家税务总局广州市税务局",
            "税务局",
        ),
        (
            "国家国际发展合作署2022年政府信息公开工作年度报告",
            "国家国际发展合作署",
            "国家国际发展合作署",
        ),
        ("洛阳市统计局2022年政府信息公开工作年度报告", "洛阳市统计局", "统计局"),
        ("南京市消防救援支队2022年政府信息公开工作年度报告", "南京市消防救援支队", "消防救援支队"),
        ("湛江海关2022年政府信息公开工作年度报告", "湛江海关", "海关"),
        ("洛阳市数据局2024年政府信息公开工作年度报告", "洛阳市数据局", "数据局"),
        (
            "广州市南沙区新区管委会2022年政府信息公开工作年度报告",
            "广州市南沙区新区管理委员会",
            "管理委员会",
        ),
    ],
)
def test_kinds_of_every_reform_and_vertical_body_are_known(
    title: str, agency: str, kind: str
) -> None:
    tags = tag_text(title + "\n" + PREAMBLE)
    assert (tags.agency, tags.agency_kind) == (agency, kind)


def test_an_unknown_name_that_ends_like_an_organisation_is_taken_whole() -> None:
    tags = tag_text("佛山市顺德区乐从镇城市建设和管理局2022年政府信息公开工作年度报告\n" + PREAMBLE)
    assert tags.agency == "佛山市顺德区乐从镇城市建设和管理局"
    assert tags.agency_kind == "城市建设和管理局"


# --- Traditional script --------------------------------------------------------------------


def test_traditional_script_is_read_as_simplified() -> None:
    tags = tag_text(
        "河北省水利廳2021年政府信息公開工作年度報告\n根據《中華人民共和國政府信息公開條例》和"
        "國辦公開辦函〔2021〕30號要求，編制本報告。"
    )
    assert (tags.agency, tags.agency_kind, tags.province) == ("河北省水利厅", "水利厅", "河北省")
    assert (tags.level, tags.year, tags.template, tags.template_basis) == (
        "province",
        2021,
        "2021",
        "cited",
    )


# --- Level ------------------------------------------------------------------------------


def test_a_central_body_is_central_despite_its_beijing_address() -> None:
    tags = tag_text(
        "根据《中华人民共和国政府信息公开条例》要求，水利部编制本报告。如对本报告有疑问，请与水利部"
        "办公厅联系（地址：北京市西城区白广路二条2号，邮编：100053）。"
    )
    assert (tags.agency, tags.level, tags.province) == ("水利部", "central", None)


def test_a_township_report_on_the_county_portal_stays_a_township() -> None:
    tags = tag_text(
        "当前位置：首页 > 信息公开 > 年度报告\n望城区乔口镇人民政府2022年政府信息公开工作年度报告\n"
        + PREAMBLE.replace("2023", "2022"),
        url="http://www.wangcheng.gov.cn/xxgk/ndbg/202301/t20230120.html",
    )
    assert (tags.level, tags.township, tags.county) == ("township", "乔口镇", "望城区")


def test_a_provincial_document_number_does_not_lift_a_county_body_to_the_province() -> None:
    tags = tag_text(
        "根据《四川省人民政府办公厅关于政府信息公开工作年度报告有关要求的通知》（川办便函〔2021〕306号）"
        "要求，现向社会公布2023年度区水利局政府信息公开工作年度报告。",
        url="https://www.cnzh.gov.cn/News/Detail/20240117163714550.html",
    )
    assert tags.level == "county"


# --- Template ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "year", "template", "basis"),
    [
        ("按照《中华人民共和国政府信息公开工作年度报告格式》要求", 2022, "2021", "cited"),
        ("按照《关于政府信息公开工作年度报告有关事项的通知》要求", 2019, "2019", "cited"),
        ("按照国办公开办函〔2019〕61号要求", 2020, "2019", "cited"),
        ("按照国办公开函〔2021〕30号要求", 2022, "2021", "cited"),
        ("根据《条例》要求编制本报告", 2016, "pre2019", "year"),
        ("根据《条例》要求编制本报告", 2020, "2019", "year"),
        ("根据《条例》要求编制本报告", 2023, "2021", "year"),
    ],
)
def test_the_template_comes_from_the_notice_named_or_the_year(
    sentence: str, year: int, template: str, basis: str
) -> None:
    tags = tag_text(f"洛阳市统计局{year}年政府信息公开工作年度报告\n{sentence}，编制本报告。")
    assert (tags.year, tags.template, tags.template_basis) == (year, template, basis)


# --- Towns of the same name, and towns renamed or merged since ----------------------------


def test_the_county_of_an_address_picks_among_towns_of_the_same_name() -> None:
    tags = tag_text(
        "古城镇人民政府2022年政府信息公开工作年度报告\n" + PREAMBLE + "地址：彭阳县古城镇政府路1号"
    )
    assert (tags.county, tags.township, tags.division_code) == ("彭阳县", "古城镇", "640425102")


def test_the_county_of_the_domain_picks_among_towns_of_the_same_name() -> None:
    tags = tag_text(
        "古城镇人民政府2022年政府信息公开工作年度报告\n" + PREAMBLE,
        url="http://www.nxlt.gov.cn/xxgk/ndbg/202301/t20230120.html",
    )
    assert (tags.province, tags.county, tags.township) == ("宁夏回族自治区", "利通区", "古城镇")
    assert tags.division_code == "640302105"


def test_a_town_missing_from_the_national_list_keeps_its_name_and_county() -> None:
    tags = tag_text("灵武市古城镇人民政府2022年政府信息公开工作年度报告\n" + PREAMBLE)
    assert (tags.province, tags.county, tags.township) == ("宁夏回族自治区", "灵武市", "古城镇")
    assert (tags.level, tags.division_code) == ("township", None)


def test_a_shared_town_name_in_a_county_without_it_is_not_moved_to_another_province() -> None:
    tags = tag_text(
        "城关镇人民政府2022年政府信息公开工作年度报告\n" + PREAMBLE,
        url="http://www.zjc.gov.cn/zwgk/ndbg/",
    )
    assert (tags.province, tags.county, tags.township) == ("甘肃省", "张家川回族自治县", "城关镇")
    assert (tags.level, tags.division_code) == ("township", None)


@pytest.mark.parametrize("junk", ["Microsoft Word - 文档1", "(anonymous)", "ÿþ*mýl", "untitled"])
def test_a_junk_title_from_file_metadata_gives_way_to_the_text(junk: str) -> None:
    tags = tag_report(
        ExtractedDocument(
            text="\n\n  灵武市审计局\n2022年政府信息公开工作年度报告\n" + PREAMBLE, title=junk
        )
    )
    assert tags.title == "灵武市审计局2022年政府信息公开工作年度报告"
    assert tags.agency == "灵武市审计局"


def test_a_report_that_only_says_we_takes_its_kind_from_the_department_site() -> None:
    tags = tag_text(
        "2022年度政府信息公开工作报告\n"
        + PREAMBLE
        + "2022年，我局深入贯彻国家和省、市关于政务公开工作各项部署。",
        url="http://slj.huzhou.gov.cn/art/2023/1/30/art_1229513233_3910891.html",
    )
    assert (tags.agency, tags.agency_kind, tags.city, tags.level) == (
        "湖州市水利局",
        "水利局",
        "湖州市",
        "city",
    )


def test_the_department_site_does_not_override_what_the_text_calls_itself() -> None:
    tags = tag_text(
        "2022年度政府信息公开工作报告\n" + PREAMBLE + "2022年，我委深入贯彻政务公开工作部署。",
        url="http://slj.huzhou.gov.cn/art/2023/1/30/art_1.html",
    )
    assert tags.agency_kind != "水利局"


def test_an_ethnic_township_written_short_is_found_and_named_in_full() -> None:
    tags = tag_text(
        "昌吉市阿什里乡2025年政府信息公开工作年度报告\n2025年，我乡严格遵循《条例》要求。"
    )
    assert tags.agency == "昌吉市阿什里哈萨克民族乡人民政府"
    assert (tags.township, tags.level, tags.division_code) == (
        "阿什里哈萨克民族乡",
        "township",
        "652301202",
    )


def test_a_column_heading_without_a_year_is_not_taken_for_the_title() -> None:
    page = (
        "年度信息公开报告\n您现在的位置 首页 > 政务公开 > 年度信息公开报告\n"
        "深圳市人民政府2019年政府信息公开工作年度报告\n"
        "信息来源:深圳市人民政府办公厅 信息提供日期:2020-03-10 18:57 【字体:\n" + PREAMBLE
    )
    tags = tag_text(page)
    assert tags.title == "深圳市人民政府2019年政府信息公开工作年度报告"
    assert (tags.agency, tags.agency_kind) == ("深圳市人民政府", "人民政府")


def test_a_metadata_table_flattened_with_bars_or_spaces_is_read() -> None:
    reading = read_page(
        "标 题 | 西藏自治区2014年政府信息公开工作年度报告 | ||\n"
        "索引号 | 000014349/2015-00339 | 文 号 | |\n"
        "发布机构 | 自治区人民政府办公厅 | 发布日期 | 2015-03-30 17:35:00 |\n"
        "标      题 西藏自治区审计厅2025年政务信息公开工作开展年度报告\n"
    )
    assert reading.metadata["发布机构"] == "自治区人民政府办公厅"
    assert reading.metadata["标题"] == "西藏自治区2014年政府信息公开工作年度报告"
    assert reading.lines == []


def test_a_bare_region_in_a_sentence_yields_to_a_named_body() -> None:
    tags = tag_text(
        "本报告由银川市网络信息化局根据《中华人民共和国政府信息公开条例》规定编制而成。本报告电子版"
        "可在银川市人民政府门户网站查阅或下载。如有疑问，可直接与银川市网络信息化局办公室联系。"
    )
    assert (tags.agency, tags.agency_kind) == ("银川市网络信息化局", "网络信息化局")


def test_a_mirror_with_pinyin_glosses_in_traditional_script_is_read() -> None:
    tags = tag_text(
        "河北省水(shui)利廳2021年政(zheng)府信息公(gong)開(kai)工作年度報(bao)告\n"
        "根據《條例》和國辦公(gong)開辦函〔2021〕30號(hào)要求，編制本報告。"
    )
    assert (tags.agency, tags.level, tags.template, tags.template_basis) == (
        "河北省水利厅",
        "province",
        "2021",
        "cited",
    )


def test_a_portal_office_as_publisher_yields_to_the_unit_the_text_keeps_naming() -> None:
    page = (
        "索引号 | 11/2023-00063 | 主题分类 | 其他 |\n发布机构 | 海陵区政府办 | 发文日期 | 2023-01-18 |\n"
        "- 信息来源:城东街道\n本年报按照2022年海陵区城东街道政务信息公开工作实际编制而成。"
        "如对本年度报告有疑问,请与海陵区城东街道党政办联系。\n一、总体情况\n2022年,城东街道的政务公开工作"
        "在区委、区政府的正确领导下推进。"
    )
    tags = tag_text(page)
    assert (tags.agency_kind, tags.township, tags.county, tags.level) == (
        "街道办事处",
        "城东街道",
        "海陵区",
        "township",
    )


def test_a_district_government_written_inside_a_street_office_name_is_kept() -> None:
    tags = tag_text("南京市鼓楼区人民政府华侨路街道办事处2021年政府信息公开年度报告\n" + PREAMBLE)
    assert tags.agency == "南京市鼓楼区人民政府华侨路街道办事处"
    assert (tags.township, tags.level, tags.division_code) == (
        "华侨路街道",
        "township",
        "320106002",
    )


def test_a_township_named_in_a_sentence_keeps_its_county() -> None:
    tags = tag_text(
        "根据《条例》规定,现公布姜堰区梁徐街道2022年政府信息公开工作年度报告。\n"
        "特公布2022年度梁徐街道办事处政府信息公开工作年度报告。"
    )
    assert tags.agency == "姜堰区梁徐街道办事处"
    assert (tags.county, tags.township) == ("姜堰区", "梁徐街道")


# --- Round 2 (the failure kinds of the first blind half) ------------------------------------


def test_a_department_of_a_central_body_in_the_contact_line_names_the_body() -> None:
    tags = tag_text(
        "本报告根据《条例》要求编制。\n如对本报告有任何疑问，请联络:商务部信息化司综合处，电话:010-65197474。\n"
        "一、概述\n2009年，我部认真贯彻《条例》精神。"
    )
    assert (tags.agency, tags.level, tags.province) == ("商务部", "central", None)


def test_a_street_written_without_its_last_character_is_found() -> None:
    tags = tag_text(
        "一、总体情况\n2021年,大石街深入贯彻落实《中华人民共和国政府信息公开条例》的规定和要求。",
        url="http://www.panyu.gov.cn/zwgk/zfxxgk/zfxxgknb/zj/mb2021/content/post_1.html",
    )
    assert (tags.agency, tags.agency_kind) == ("大石街道办事处", "街道办事处")
    assert (tags.county, tags.township, tags.level) == ("番禺区", "大石街道", "township")


def test_a_bullet_before_a_metadata_label_is_not_part_of_the_name() -> None:
    tags = tag_text("•标题：海棠区卫生健康委员会2022年政府信息公开工作年度报告\n" + PREAMBLE)
    assert tags.agency == "海棠区卫生健康委员会"


def test_a_park_committee_on_a_city_portal_is_one_level_below_the_city() -> None:
    tags = tag_text(
        "现发布《苏银产业园管理委员会2025年政府信息公开工作年度报告》。",
        url="https://sycyy.yinchuan.gov.cn/zwgk/zfxxgknb/202601/t20260123_1.html",
    )
    assert (tags.agency_kind, tags.city, tags.level) == ("管理委员会", "银川市", "county")


def test_a_report_that_says_only_we_is_named_by_the_rules_it_cites_of_its_own() -> None:
    tags = tag_text(
        "一、總體情況\n2022年,我局貫徹落實《條例》。按照《廣州市人力資源和社會保障局政府信息公開申請辦理"
        "工作實施細則》要求，規范辦理流程。"
    )
    assert (tags.agency, tags.city) == ("广州市人力资源和社会保障局", "广州市")


def test_a_township_named_before_its_disclosure_work_is_the_reporting_body() -> None:
    tags = tag_text(
        "本年度报告结合我镇实际编制而成。\n（三）政府信息公开平台建设情况。崇礼镇政府信息公开工作依托两种"
        "渠道开展。一是在东坡区崇礼镇政务公开栏公开。"
    )
    assert (tags.agency, tags.township, tags.county) == ("崇礼镇人民政府", "崇礼镇", "东坡区")


def test_a_street_of_the_district_wins_over_a_longer_name_elsewhere() -> None:
    tags = tag_text("广州市花都区人民政府新华街道办事处2021年政府信息公开工作年度报告\n" + PREAMBLE)
    assert (tags.county, tags.township, tags.division_code) == ("花都区", "新华街道", "440114001")


# Round 2 of the real-world corpus (tests/data/realworld/ROUNDS.md): shapes seen in dev pages.


def test_the_body_after_a_leadership_clause_is_the_agency() -> None:
    tags = tag_text(
        "一、总体情况\n2023年,在区委、区政府的坚强领导下,官洲街道办事处认真贯彻落实《条例》。",
        url="https://www.haizhu.gov.cn/zwgk/zfxxgknb/jd/content/post_1.html",
    )
    assert (tags.agency, tags.level, tags.township) == ("官洲街道办事处", "township", "官洲街道")


def test_the_body_whose_disclosure_work_is_done_is_the_agency() -> None:
    tags = tag_text(
        "为认真做好京山市卫生健康局政府信息公开工作,我局按照《条例》的有关要求,精心组织。"
        "现向社会公布2022年度本单位政府信息公开工作年度报告。"
    )
    assert (tags.agency, tags.agency_kind, tags.county) == (
        "京山市卫生健康局",
        "卫生健康局",
        "京山市",
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "现公布中山市自然资源局政府信息公开工作2022年度报告。",
        "制定西湖区人力资源和社会保障局2023年政府信息公开工作年度报告。",
    ],
)
def test_the_body_named_before_the_report_it_publishes_is_the_agency(sentence: str) -> None:
    tags = tag_text(sentence + "\n一、总体情况\n本年度我局认真落实条例。")
    assert tags.agency in ("中山市自然资源局", "西湖区人力资源和社会保障局")


def test_variant_characters_opencc_keeps_are_read_as_their_region() -> None:
    tags = tag_text(
        "陜西省教育廳2021年政府信息公開工作年度報告\n根據《條例》要求,編制本報告。\n一、總體情況"
    )
    assert (tags.agency, tags.province) == ("陕西省教育厅", "陕西省")


@pytest.mark.parametrize(
    ("headings", "template"),
    [
        ("信息内容\n本年新\n制作数量\n本年新\n公开数量\n对外公开总数量", "2019"),
        ("信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |", "2021"),
    ],
)
def test_empty_tables_still_show_their_template_by_their_headings(
    headings: str, template: str
) -> None:
    tags = tag_text(
        f"螅镇2022年政府信息公开工作年度报告\n二、主动公开政府信息情况\n{headings}\n规章\n"
    )
    assert (tags.template, tags.template_basis) == (template, "tables")


# Round 3 (tests/data/realworld/ROUNDS.md).


def test_a_forest_district_written_as_its_level_word_is_the_forest_district() -> None:
    tags = tag_text(
        "如对本年报有疑问,请与神农架林区应急管理局办公室联系。\n一、总体情况\n"
        "2024年,林区应急局坚持以习近平新时代中国特色社会主义思想为指导。"
    )
    assert (tags.agency, tags.level, tags.county) == (
        "神农架林区应急管理局",
        "county",
        "神农架林区",
    )


def test_a_police_branch_takes_the_full_name_the_report_gives_it() -> None:
    tags = tag_text(
        "如有疑问,请与杭州市公安局滨江区分局联系。\n一、总体情况\n"
        "2022年,滨江区公安分局在区委区政府和杭州市公安局党委的坚强领导下,紧密结合公安工作。"
    )
    assert (tags.agency, tags.agency_kind, tags.county) == (
        "杭州市公安局滨江区分局",
        "公安分局",
        "滨江区",
    )


def test_a_police_branch_for_a_zone_is_one_level_below_its_city() -> None:
    tags = tag_text("淄博市公安局高新区分局2022年政府信息公开工作年度报告\n一、总体情况\n")
    assert (tags.agency, tags.agency_kind, tags.level, tags.city) == (
        "淄博市公安局高新区分局",
        "公安分局",
        "county",
        "淄博市",
    )


def test_a_zone_the_division_list_carries_is_run_by_its_committee_at_its_own_level() -> None:
    tags = tag_text(
        "报告的电子版可在呼和浩特经济技术开发区政府网站下载。\n一、总体情况\n"
        "2023年,呼和浩特经济技术开发区坚持以习近平新时代中国特色社会主义思想为指导。"
    )
    assert (tags.agency_kind, tags.level) == ("管理委员会", "county")
    assert tags.agency == "呼和浩特经济技术开发区管理委员会"


def test_a_report_announced_with_xian_jiu_names_its_body() -> None:
    tags = tag_text("现就盂县交通运输局2023年度政府信息公开工作报告如下。\n一、总体情况\n")
    assert (tags.agency, tags.county) == ("盂县交通运输局", "盂县")


def test_a_first_sentence_is_never_taken_for_the_title() -> None:
    tags = tag_text(
        "根据《条例》和（国办公开办函〔2021〕30号）要求，编制本报告。\n一、总体情况\n"
        "2021年，灵武市科学技术局坚持依法公开。"
    )
    assert tags.title == ""
    assert tags.agency == "灵武市科学技术局"


# --- Round 4 (dev half): more ways a report names itself -----------------------------------


def test_the_agency_comes_from_a_report_announced_with_xian_jiang() -> None:
    tags = tag_text(
        "根据有关要求，现将雁塔区小寨路街道办事处2024年度政府信息工作年度报告予以公开。\n"
        "一、总体情况\n2024年，小寨路街道办事处认真落实各项要求。"
    )
    assert tags.agency == "雁塔区小寨路街道办事处"
    assert (tags.county, tags.township, tags.level) == ("雁塔区", "小寨路街道", "township")


def test_the_compiler_is_found_past_a_short_name_in_brackets() -> None:
    tags = tag_text(
        "本报告根据《中华人民共和国政府信息公开条例》要求，由南宁经济技术开发区管理委员会"
        "（以下简称经开区管委会）编制。本年度报告中所列数据的统计期限自2021年1月1日至12月31日。"
    )
    assert (tags.agency, tags.agency_kind) == ("南宁经济技术开发区管理委员会", "管理委员会")


def test_an_office_of_its_own_is_not_cut_to_the_government_above_it() -> None:
    gazetteer = get_gazetteer()
    assert (
        trim_to_organisation("广西壮族自治区北部湾经济区规划建设管理办公室", gazetteer)
        == "广西壮族自治区北部湾经济区规划建设管理办公室"
    )
    assert trim_to_organisation("灵武市科学技术局办公室", gazetteer) == "灵武市科学技术局"


@pytest.mark.parametrize(
    ("title", "agency", "kind"),
    [
        ("巫山县交通局2023年政府信息公开工作年度报告", "巫山县交通局", "交通局"),
        ("西安市阎良区文化旅游局2020年度政府信息公开工作年度报告", "西安市阎良区文化旅游局", "文化旅游局"),
        ("甘南州卫生健康委2025年政府信息公开工作年度报告", "甘南藏族自治州卫生健康委员会", "卫生健康委员会"),
    ],
)  # fmt: skip
def test_a_names_own_older_kind_is_kept_and_a_true_abbreviation_expanded(
    title: str, agency: str, kind: str
) -> None:
    tags = tag_text(title + "\n" + PREAMBLE)
    assert (tags.agency, tags.agency_kind) == (agency, kind)


# --- Round 4: shapes met on the round's pages -------------------------------------------------


def test_a_site_banner_naming_the_district_does_not_beat_the_street_office_that_reports() -> None:
    tags = tag_text(
        "天津市河北区人民政府\n2019年12月3日星期二\n" + PREAMBLE + "\n一、总体情况\n"
        "2023年，望海楼街道党工委、办事处按照区委、区政府的统一部署，扎实推进政务公开工作。\n"
        "（一）主动公开情况\n及时在望海楼街道办事处信息公开网站公开机构信息、财政预决算。"
    )
    assert (tags.agency, tags.agency_kind) == ("望海楼街道办事处", "街道办事处")
    assert (tags.county, tags.township, tags.level) == ("河北区", "望海楼街道", "township")


def test_a_bare_year_heading_yields_to_the_full_title_below_it() -> None:
    page = (
        "首页 >> 政府信息公开 >> 2021年年报\n2021年年报\n"
        "芦庙乡人民政府2021年政府信息公开工作年度报告\n来源: 西平县人民政府 发布时间: 2022-01-30\n"
        + PREAMBLE
    )
    tags = tag_text(page)
    assert (tags.agency, tags.level) == ("芦庙乡人民政府", "township")
    assert (tags.county, tags.township) == ("西平县", "芦庙乡")


def test_a_credit_code_in_the_index_number_places_a_body_named_only_by_its_kind() -> None:
    page = (
        "标题: 林业局2008年政府信息公开年度报告\n索引号: 12370305MB2887776R/2009-5098229\n"
        "现将我局2008年度政府信息公开工作情况报告如下。"
    )
    tags = tag_text(page)
    assert (tags.province, tags.city, tags.county) == ("山东省", "淄博市", "临淄区")
    assert tags.agency == "临淄区林业局"


def test_a_region_wide_report_compiled_by_the_office_is_the_governments() -> None:
    region_wide = tag_text(
        "本年度报告根据《条例》要求，由青海省人民政府办公厅综合各州（地、市）人民政府和省政府各部门"
        "的政府信息公开年度报告编制而成。统计期限从2012年1月1日到12月31日止。"
    )
    assert (region_wide.agency, region_wide.agency_kind) == ("青海省人民政府", "人民政府")
    own = tag_text(
        PREAMBLE + "\n一、总体情况\n2023年，沈阳市人民政府办公厅坚持以习近平新时代中国特色社会主义"
        "思想为指导，组织全市各级行政机关做好政务公开。"
    )
    assert (own.agency, own.agency_kind) == ("沈阳市人民政府办公厅", "人民政府办公厅")


def test_breadcrumb_tails_and_clauses_are_never_taken_for_a_body() -> None:
    gazetteer = get_gazetteer()
    assert trim_to_organisation("-政府", gazetteer) is None
    assert trim_to_organisation("在国务院", gazetteer) is None
    assert trim_to_organisation("金水区贯彻落实国务院办公厅", gazetteer) is None


def test_a_kind_misspelt_by_one_character_is_read_as_the_kind_it_misspells() -> None:
    tags = tag_text("河南省市场监管管理局2018年政府信息公开年度报告\n" + PREAMBLE)
    assert (tags.agency, tags.agency_kind) == ("河南省市场监督管理局", "市场监督管理局")
    assert tags.level == "province"


def test_a_title_written_as_a_letter_about_the_year_names_the_body_before_guanyu() -> None:
    tags = tag_text(
        "国家卫生健康委员会 | 无障碍浏览\n云南省卫生健康委关于2022年政府信息公开工作的年度报告\n"
        + PREAMBLE
    )
    assert (tags.agency, tags.level) == ("云南省卫生健康委员会", "province")


def test_a_department_named_once_in_a_contact_line_does_not_replace_the_compiling_government() -> (
    None
):
    tags = tag_text(
        "上海市黄浦区人民政府\n2009年1月1日\n本年度报告由上海市黄浦区人民政府编制。如对本年度报告有"
        "任何疑问，请联系：黄浦区信息化委员会办公室，联系电话：33134800。"
    )
    assert (tags.agency, tags.agency_kind) == ("上海市黄浦区人民政府", "人民政府")


# --- Round 5 ----------------------------------------------------------------------------------


def test_a_regional_survey_team_keeps_its_central_parent_and_short_place_name() -> None:
    tags = tag_text("国家统计局湖北调查总队2018年政府信息公开工作年度报告\n" + PREAMBLE)
    assert (tags.agency, tags.agency_kind) == ("国家统计局湖北调查总队", "调查总队")
    assert (tags.province, tags.level) == ("湖北省", "province")


def test_a_prefecture_named_bare_is_its_administrative_office() -> None:
    tags = tag_text("阿里地区2022年政府信息公开工作年度报告\n" + PREAMBLE)
    assert (tags.agency, tags.agency_kind) == ("阿里地区行政公署", "行政公署")


def test_a_report_that_speaks_as_its_county_is_the_county_governments() -> None:
    tags = tag_text(
        "2021年，我县认真贯彻落实新修订的《中华人民共和国政府信息公开条例》，依托兴海县人民政府"
        "门户网站公开政府信息。",
        url="http://www.xinghai.gov.cn/html/5973/610465.html",
    )
    assert (tags.agency, tags.agency_kind, tags.level) == ("兴海县人民政府", "人民政府", "county")


def test_a_zone_named_without_its_body_is_its_management_committee() -> None:
    tags = tag_text(
        "根据《条例》要求，现公开来凤经济开发区信息公开2018年度报告。本报告由概述等部分组成。"
    )
    assert (tags.agency, tags.agency_kind) == ("来凤经济开发区管理委员会", "管理委员会")


def test_metadata_written_without_separators_is_read() -> None:
    page = (
        "索引号000014349/2024-03341\n发文机关宋村镇人民政府 主题词\n"
        "标题2023年政府信息公开工作年度报告\n一、总体情况\n一年来，我镇依托长子县人民政府门户网站"
        "共主动公开政府信息290条。"
    )
    tags = tag_text(page)
    assert (tags.agency, tags.county, tags.level) == ("宋村镇人民政府", "长子县", "township")


def test_a_publishing_office_without_a_region_yields_to_the_central_body_the_text_names() -> None:
    page = (
        "文章来源:办公厅 发布时间:2015-02-09\n一、概述\n2014年，国资委认真贯彻落实党的十八届"
        "三中、四中全会精神，国资监管信息公开工作取得积极成效。"
    )
    tags = tag_text(page)
    assert (tags.agency, tags.level) == ("国务院国有资产监督管理委员会", "central")


def test_a_bureau_citing_its_parents_rules_and_its_own_is_the_more_local_body() -> None:
    page = (
        "2014年，我局认真贯彻《梅州市气象局保密制度》，并依照《梅县区气象局政务公开办法》"
        "进一步明确公开内容。"
    )
    assert tag_text(page).agency == "梅县区气象局"


def test_a_regions_titled_report_published_by_its_office_stays_the_regions() -> None:
    page = (
        "2019年云南省政府信息公开工作年度报告\n来源:云南省人民政府办公厅 2020-03-31\n"
        "本报告由云南省人民政府办公厅根据《条例》规定编制。"
    )
    tags = tag_text(page)
    assert (tags.agency, tags.agency_kind) == ("云南省人民政府", "人民政府")


# --- Round 6 ----------------------------------------------------------------------------------


def test_a_regions_announced_report_is_not_given_to_a_contact_desk_named_once() -> None:
    tags = tag_text(
        "根据《条例》要求，特公布桂林市2016年政府信息公开工作年度报告。如对本报告有疑问，"
        "请与桂林市政务服务监督管理办公室联系。"
    )
    assert (tags.agency, tags.agency_kind) == ("桂林市人民政府", "人民政府")


def test_a_work_plan_cited_in_brackets_is_not_a_report_naming_its_author() -> None:
    tags = tag_text(
        "每日一报|辽宁2015年政府信息公开工作年度报告\n省政府办公厅印发了《国务院办公厅2015年"
        "政务公开工作要点》的分工方案。"
    )
    assert tags.agency == "辽宁省人民政府"


def test_a_zones_party_committee_and_short_name_stand_for_its_management_committee() -> None:
    tags = tag_text(
        "现公布井冈山经开区2022年政府信息公开工作年度报告。如对本报告有疑问，请与井冈山经开区"
        "党工委管委会办公室联系。"
    )
    assert (tags.agency, tags.agency_kind) == ("井冈山经济技术开发区管理委员会", "管理委员会")


def test_a_report_made_by_a_bureau_is_the_bureaus() -> None:
    tags = tag_text("依据《条例》第五十条之规定，结合工作实际，由广州市生态环境局制作本报告。")
    assert (tags.agency, tags.level) == ("广州市生态环境局", "city")


@pytest.mark.parametrize(
    ("text", "agency"),
    [
        # A PDF's title run into its first paragraph on one line.
        (
            "生态环境部2018年度政府信息公开工作报告 2018年，生态环境部以习近平新时代中国特色社会主义"
            "思想为指导，认真学习党的十九大精神。\n一、总体情况\n",
            "生态环境部",
        ),
        # A title broken before its last words (the next line was dropped as too short).
        (
            "宣州区医疗保障局2022年政府信息公开\n年度报告\n2022年，在区委、区政府的坚强领导下，我局紧扣"
            "全区医疗保障事业发展。\n一、总体情况\n",
            "宣州区医疗保障局",
        ),
        # Navigation run into the title line.
        (
            "返回上一级2025年上海市青浦区夏阳街道办事处政府信息公开工作年度报告\n一、总体情况\n本年度，"
            "我街道认真贯彻落实条例。\n",
            "上海市青浦区夏阳街道办事处",
        ),
        # The body named in brackets after the title.
        (
            "2024年政府信息公开工作年度报告（上海市浦东新区曹路镇人民政府）\n一、总体情况\n本年度，"
            "我镇认真贯彻落实条例。\n",
            "上海市浦东新区曹路镇人民政府",
        ),
        # The body opening its report: 某办事处向社会公布…年度报告。
        (
            "郑州高新技术产业开发区双桥办事处向社会公布2021年度本级政府信息公开年度报告。本报告共分六个"
            "部分。\n一、总体情况\n",
            None,  # the name is found; its shape is checked below
        ),
    ],
)
def test_titles_as_pages_really_write_them(text: str, agency: str | None) -> None:
    tags = tag_text(text)
    if agency is not None:
        assert tags.agency == agency
    else:
        assert tags.agency is not None and tags.agency.startswith("郑州高新技术产业开发区")


def test_a_branch_keeps_its_written_name_and_a_county_elsewhere_never_follows_a_region() -> None:
    branch = tag_text("南昌市公安局新建分局2019年政府信息公开工作年度报告\n一、总体情况\n")
    assert branch.agency == "南昌市公安局新建分局"
    zone = tag_text(
        "郑州高新技术产业开发区双桥办事处2021年政府信息公开工作年度报告\n一、总体情况\n"
    )
    # 双桥 is also 承德市双桥区 (河北省), which is not inside the zone named before it.
    assert (zone.province, zone.city) == ("河南省", "郑州市")


def test_a_report_built_on_the_regions_reports_is_the_governments_not_its_offices() -> None:
    compiled = tag_text(
        "本报告根据《中华人民共和国政府信息公开条例》要求，在2017年各市政府、省直有关部门政府信息"
        "公开年度报告基础上，由山西省人民政府办公厅编制。\n一、概述\n"
    )
    assert compiled.agency == "山西省人民政府"
    own_work = tag_text(
        "根据《条例》编制本报告。\n一、总体情况\n2025年，沈阳市人民政府办公厅坚持以习近平新时代中国"
        "特色社会主义思想为指导。组织全市各级行政机关开展政务公开日活动。\n"
    )
    assert own_work.agency == "沈阳市人民政府办公厅"


def test_a_street_takes_the_parent_regions_the_text_writes_for_it_elsewhere() -> None:
    tags = tag_text(
        "本报告依据《条例》编制。对本报告如有疑问，可与鼓楼区华大街道党政综合办联系（地址：福州市"
        "鼓楼区湖东路18号）。\n一、总体情况\n1、主动公开情况 2023年华大街道主动公开政府信息共6条。\n"
    )
    assert tags.agency == "鼓楼区华大街道办事处"


def test_a_level_word_alone_names_no_township_and_特此编制_names_the_body() -> None:
    tags = tag_text(
        "为深入贯彻落实《条例》，提升政府工作的透明度，兴华镇人民政府特此编制2024年度政府信息公开"
        "工作年度报告。\n一、总体情况\n2024年，我街道高度重视政府信息公开工作。\n"
    )
    assert tags.agency == "兴华镇人民政府"
    assert get_gazetteer().lookup_township("街道") == ()


@pytest.mark.parametrize(
    ("title", "agency", "kind"),
    [
        ("上海市人民政府参事室", "上海市人民政府参事室", "参事室"),
        (
            "西藏自治区政府国资委",
            "西藏自治区人民政府国有资产监督管理委员会",
            "国有资产监督管理委员会",
        ),
        (
            "广元市人民政府信息公开办公室",
            "广元市人民政府",
            "人民政府",
        ),  # a desk names its government
    ],
)
def test_a_body_of_a_government_is_not_the_government(title: str, agency: str, kind: str) -> None:
    tags = tag_text(f"{title}2023年政府信息公开工作年度报告\n一、总体情况\n")
    assert (tags.agency, tags.agency_kind) == (agency, kind)


def test_the_body_opening_the_first_section_is_the_author() -> None:
    tags = tag_text(
        "根据《条例》编制本报告。\n一、总体情况\n县教育体育局把政府信息公开工作作为转变职能的一项重要举措，"
        "认真落实《元谋县人民政府办公室关于印发元谋县政务公开工作要点的通知》。\n"
    )
    assert tags.agency == "元谋县教育体育局"
    # A list of the report's parts after 概述 names nobody.
    listed = tag_text(
        "全文包括概述,政府信息主动公开情况,依申请公开情况。\n一、概述\n2017年，我们开展了工作。\n"
    )
    assert listed.agency is None


def test_a_publication_date_above_the_report_is_not_the_year_it_covers() -> None:
    tags = tag_text(
        "（2010年3月30日）\n本报告是根据《条例》要求编制而成。本报告中所列数据的统计期限自2009年1月1日至"
        "2009年12月31日止。\n一、概述\n"
    )
    assert tags.year == 2009


def test_a_name_with_an_alias_in_brackets_opening_the_report_is_the_author() -> None:
    tags = tag_text(
        "萧山区司法局（区行政复议局）根据《中华人民共和国政府信息公开条例》等规定编制本报告。"
        "本报告所列数据的统计期限自2022年1月1日起至2022年12月31日止。\n一、总体情况\n"
        "2022年，我局会同萧山区财政局公开预算，萧山区财政局审核数据。\n"
    )
    assert (tags.agency, tags.agency_kind, tags.county) == ("萧山区司法局", "司法局", "萧山区")


def test_a_title_broken_before_its_report_name_is_read_whole() -> None:
    tags = tag_text(
        "2019年上海市宝山区吴淞街道办事处\n政府信息公开年度报告\n一、总体情况\n"
        "如对本年度报告有任何疑问，请联系：吴淞街道办事处党政办。\n"
    )
    assert tags.title == "2019年上海市宝山区吴淞街道办事处政府信息公开年度报告"
    assert (tags.agency, tags.level, tags.county) == (
        "上海市宝山区吴淞街道办事处",
        "township",
        "宝山区",
    )


def test_a_title_naming_the_body_by_a_level_word_yields_to_its_full_echo_below() -> None:
    tags = tag_text(
        "区退役军人事务局2022年政府信息公开工作年度报告\n发布日期:2023-01-19 文章来源:本网\n"
        "广州市越秀区退役军人事务局2022年政府信息公开工作年度报告\n一、总体情况\n"
        "2022年，区退役军人事务局认真贯彻落实《条例》。\n"
    )
    assert tags.agency == "广州市越秀区退役军人事务局"
    assert (tags.city, tags.county) == ("广州市", "越秀区")


def test_and_government_information_is_not_a_county_named_he_zheng() -> None:
    """``政务公开和政府信息公开``: 和政 is a county's short name only when a body follows it."""
    tags = tag_text(
        "本年报由蒋巷镇人民政府党政办公室编制。年底，分别对全镇政务公开和政府信息公开工作情况"
        "进行了督促检查。如有疑问，请联系：南昌县蒋巷镇政府党政办公室。"
    )
    assert tags.county == "南昌县"
    assert tags.agency is not None and tags.agency.endswith("蒋巷镇人民政府")


def test_a_region_opening_its_first_section_on_the_heading_s_line_is_the_author() -> None:
    """Pages that flatten paragraphs into one line: ``一、总体情况 2023年,徐水区坚持…``."""
    tags = tag_text(
        "根据《中华人民共和国政府信息公开条例》等规定,发布本年度报告。 一、总体情况 2023年,"
        "徐水区坚持以习近平新时代中国特色社会主义思想为指导,提升政务公开实效。 (一)主动公开。"
        "区政府网站全年更新各类政府信息967条。"
    )
    assert (tags.agency, tags.agency_kind, tags.level) == ("徐水区人民政府", "人民政府", "county")


def test_a_bureau_s_own_office_named_from_inside_is_not_the_author() -> None:
    tags = tag_text(
        "本年度报告根据《中华人民共和国政府信息公开条例》组织编制。电子版在市人社局门户网站发布。"
        "如对本报告有疑问，请与局办公室联系（地址：厦门市思明区长青路191号）。\n一、总体情况\n"
        "2024年，我局坚持以人民为中心的发展思想。",
        url="https://hrss.xm.gov.cn/xxgk/zfxxgkzl/ndbg/202501/t20250109_2912332.htm",
    )
    assert (tags.agency, tags.agency_kind) == ("厦门市人力资源和社会保障局", "人力资源和社会保障局")


def test_a_joint_report_is_filed_under_the_body_named_first() -> None:
    name = trim_to_organisation("北京市统计局•国家统计局北京调查总队", get_gazetteer())
    assert name == "北京市统计局"
