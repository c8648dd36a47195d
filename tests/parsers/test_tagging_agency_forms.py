"""Agency names and regions for the forms the blind dev-set showed the tagger missing."""

from __future__ import annotations

from parsers.extracted import ExtractedDocument
from parsers.tagging import ReportTags, tag_report

REPORT = "2021年政府信息公开工作年度报告"


def tags_of(
    title: str | None = None, text: str = "", url: str | None = None, **metadata: str
) -> ReportTags:
    return tag_report(ExtractedDocument(text=text, title=title, url=url, metadata=metadata))


def region(tags: ReportTags) -> tuple:
    return (tags.province, tags.city, tags.county, tags.township, tags.level, tags.division_code)


def test_a_provincial_branch_of_a_central_body_is_province_level() -> None:
    tags = tags_of("国家税务总局浙江省税务局" + REPORT, text="地址：杭州市上城区解放东路18号")
    assert (tags.agency, tags.agency_kind) == ("国家税务总局浙江省税务局", "税务局")
    assert region(tags) == ("浙江省", None, None, None, "province", "330000")


def test_a_county_branch_of_a_city_bureau_lies_in_the_county() -> None:
    tags = tags_of("鄂尔多斯市生态环境局达拉特旗分局" + REPORT)
    assert (tags.agency, tags.agency_kind) == ("鄂尔多斯市生态环境局达拉特旗分局", "生态环境分局")
    assert region(tags) == ("内蒙古自治区", "鄂尔多斯市", "达拉特旗", None, "county", "150621")


def test_a_merged_department_keeps_its_whole_kind() -> None:
    hainan = tags_of("海口市旅游和文化广电体育局" + REPORT)
    assert hainan.agency_kind == "旅游和文化广电体育局"
    # Outside the vocabulary: the ``和`` shows the whole text is one body, not a 体育局.
    merged = tags_of("泾源县文化旅游和体育局" + REPORT)
    assert merged.agency_kind == "文化旅游和体育局"
    assert merged.agency == "泾源县文化旅游和体育局"


def test_tianjins_market_regulation_commission_is_a_province_level_commission() -> None:
    tags = tags_of("天津市市场监督管理委员会" + REPORT)
    assert (tags.agency_kind, tags.level) == ("市场监督管理委员会", "province")


def test_a_former_name_with_a_level_word_it_no_longer_carries_is_kept_as_written() -> None:
    tags = tags_of("萧山市人民政府2000年政府信息公开工作年度报告")
    assert tags.agency == "萧山市人民政府"
    assert region(tags)[:3] == ("浙江省", "杭州市", "萧山区")
    # A county short name before ``市场监管局`` keeps the 市 for the kind.
    assert tags_of("海原市场监管局" + REPORT).agency == "海原县市场监督管理局"


def test_renamed_prefectures_and_former_areas_map_to_todays_city() -> None:
    xiangfan = tags_of("襄樊市人民政府2009年政府信息公开工作年度报告")
    assert region(xiangfan)[:2] == ("湖北省", "襄阳市")
    assert (xiangfan.agency, xiangfan.level) == ("襄樊市人民政府", "city")
    bijie = tags_of("毕节地区行政公署2010年政府信息公开工作年度报告")
    assert (bijie.agency, bijie.agency_kind, bijie.city) == (
        "毕节地区行政公署",
        "行政公署",
        "毕节市",
    )


def test_abbreviated_banner_names_are_expanded() -> None:
    tags = tags_of("科右前旗教育局" + REPORT)
    assert tags.agency == "科尔沁右翼前旗教育局"
    assert region(tags)[:3] == ("内蒙古自治区", "兴安盟", "科尔沁右翼前旗")


def test_an_abbreviated_street_office_takes_its_full_kind() -> None:
    tags = tags_of("百花洲街道办" + REPORT, 发布机构="南昌市东湖区百花洲街道办事处")
    assert (tags.agency, tags.agency_kind) == ("百花洲街道办事处", "街道办事处")
    assert tags.division_code == "360102004"


def test_a_shared_district_name_is_placed_by_a_phone_code_shared_with_neighbours() -> None:
    # 铁西区 is in 沈阳, 鞍山 and 四平; 024 serves 沈阳 and three neighbouring cities.
    tags = tags_of("铁西区政府" + REPORT, text="联系电话：024-25801234。")
    assert tags.agency == "铁西区人民政府"
    assert region(tags)[:3] == ("辽宁省", "沈阳市", "铁西区")


def test_the_compiling_office_in_the_body_names_an_otherwise_unnamed_author() -> None:
    text = "根据《条例》要求，县政府办公室编制本报告。"
    tags = tags_of("政府信息公开工作年度报告", text=text, url="http://www.yanggu.gov.cn/a.html")
    assert (tags.agency, tags.agency_kind) == ("阳谷县人民政府办公室", "人民政府办公室")


def test_the_compiling_office_does_not_replace_a_government_named_in_the_title() -> None:
    text = "根据《条例》规定，文登市人民政府办公室编制本报告。"
    tags = tags_of("文登市2013年政府信息公开工作年度报告", text=text)
    assert (tags.agency, tags.agency_kind) == ("文登市人民政府", "人民政府")


def test_a_city_body_known_only_by_a_provincial_postcode_keeps_the_province() -> None:
    tags = tags_of("市财政局" + REPORT, text="邮编：563000。")
    assert (tags.province, tags.city, tags.level) == ("贵州省", None, "city")


def test_a_bureau_s_party_committee_written_alone_is_never_the_agency() -> None:
    text = "2018年，局党委高度重视政府信息公开工作，我局全年主动公开信息60条。"
    assert tags_of(text=text).agency != "局党委"


def test_a_street_written_after_its_district_s_government_is_the_street_s_office() -> None:
    tags = tags_of("广元市利州区人民政府嘉陵街道2022年政府信息公开工作年度报告")
    assert (tags.agency, tags.agency_kind) == ("广元市利州区人民政府嘉陵街道办事处", "街道办事处")
    assert (tags.township, tags.level) == ("嘉陵街道", "township")


def test_a_street_has_an_office_not_a_government() -> None:
    tags = tags_of("盘锦市大洼区大洼街道政府2022年政府信息公开工作年度报告")
    assert (tags.agency, tags.agency_kind) == ("盘锦市大洼区大洼街道办事处", "街道办事处")


def test_a_year_s_nian_du_left_before_a_name_is_not_part_of_it() -> None:
    text = "现将2025年年度五通桥区教育局政府信息公开工作年度报告公布如下。2025年，我局认真贯彻《条例》。"
    tags = tags_of(text=text, url="http://wtq.gov.cn/wtqq/bmxxgknb2023gb/a.shtml")
    assert (tags.agency, tags.county) == ("五通桥区教育局", "五通桥区")
    assert tags_of("峨眉山度假区管委会" + REPORT).agency != "峨眉山假区管委会"


def test_a_prefecture_s_short_name_is_spelt_out_before_any_body() -> None:
    tags = tags_of("昌吉州政务服务和公共资源交易管理局" + REPORT)
    assert tags.agency == "昌吉回族自治州政务服务和公共资源交易管理局"
    assert (tags.city, tags.level) == ("昌吉回族自治州", "city")


def test_a_city_bureau_s_county_office_keeps_the_county_as_its_name_writes_it() -> None:
    tags = tags_of("内江市隆昌生态环境局" + REPORT)
    assert tags.agency == "内江市隆昌生态环境局"
    assert (tags.city, tags.county, tags.level) == ("内江市", "隆昌市", "county")
    # A town after its county is still spelt out in full.
    town = tags_of("昌吉市阿什里乡人民政府" + REPORT)
    assert town.agency == "昌吉市阿什里哈萨克民族乡人民政府"


def test_a_street_office_written_without_jiedao_is_that_street_s_office() -> None:
    from parsers.extracted import ExtractedDocument
    from parsers.tagging import tag_report

    written_with_district = tag_report(
        ExtractedDocument(text="", title="西秀区东街办事处2020年政府信息公开工作年度报告")
    )
    assert (written_with_district.agency_kind, written_with_district.township) == (
        "街道办事处",
        "东街街道",
    )
    placed_by_host = tag_report(
        ExtractedDocument(
            text="",
            title="东街办事处2020年政府信息公开工作年度报告",
            url="https://www.xixiu.gov.cn/web2023/zwgk/zfxxgk/zfxxgknb/2020/t1.html",
        )
    )
    assert (placed_by_host.agency, placed_by_host.level, placed_by_host.county) == (
        "东街街道办事处",
        "township",
        "西秀区",
    )


def test_a_leagues_office_written_with_xingshu_takes_the_full_word() -> None:
    tags = tags_of("兴安盟行署外事办公室2025年政府信息公开工作年度报告")
    assert tags.agency == "兴安盟行政公署外事办公室"
    assert (tags.city, tags.level) == ("兴安盟", "city")


def test_a_town_named_after_its_county_government_in_a_contact_line_is_the_towns_own() -> None:
    tags = tags_of(
        text="本报告中所列统计数据的统计时间为2019年1月1日至2019年12月31日。如对报告有任何疑问，"
        "请与章贡区人民政府水东镇办公室联系，联系电话：0797-8464220。\n一、总体情况\n"
        "2019年以来，我镇坚持以公开为常态、不公开为例外，积极主动做好政府信息公开。"
        "出台《水东镇2019年政务公开工作考核方案》。",
    )
    assert (tags.agency, tags.township, tags.county) == ("水东镇人民政府", "水东镇", "章贡区")


def test_a_zone_committee_named_only_as_the_zone_takes_the_full_name_its_text_gives() -> None:
    text = (
        "2022年，开发区坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《条例》。\n"
        "一、总体情况\n（一）主动公开\n开发区党工委高度重视政府信息公开工作，西宁开发区门户网站发布信息。"
        "修订完善《西宁经济技术开发区政府信息公开指南》。"
    )
    tags = tags_of(text=text, url="https://jkq.xining.gov.cn/index.php?c=show&id=115")
    assert tags.agency == "西宁经济技术开发区管理委员会"
    other = text.replace("西宁开发区门户网站", "西宁甘河工业园区开发区门户网站")
    assert tags_of(text=other, url="https://jkq.xining.gov.cn/i.php").agency != tags.agency
