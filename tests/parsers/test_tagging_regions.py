"""Region, agency and level of reports from every kind of body, as a journalist would tag them."""

from __future__ import annotations

import pytest

from parsers.extracted import ExtractedDocument
from parsers.tagging import tag_report

REPORT = "2021年政府信息公开工作年度报告"


def tags_of(title: str | None = None, text: str = "", url: str | None = None, **metadata: str):
    return tag_report(ExtractedDocument(text=text, title=title, url=url, metadata=metadata))


def region(tags) -> tuple:
    return (tags.province, tags.city, tags.county, tags.township, tags.level, tags.division_code)


def test_a_province_department_is_province_level_with_no_city() -> None:
    tags = tags_of("广东省教育厅2022年政府信息公开工作年度报告")
    assert (tags.agency, tags.agency_kind) == ("广东省教育厅", "教育厅")
    assert region(tags) == ("广东省", None, None, None, "province", "440000")


def test_a_province_short_name_is_expanded_in_the_agency_name() -> None:
    tags = tags_of("宁夏科技厅2020年政府信息公开工作年度报告", url="http://kjt.nx.gov.cn/a.html")
    assert tags.agency == "宁夏回族自治区科学技术厅"
    assert region(tags) == ("宁夏回族自治区", None, None, None, "province", "640000")


def test_a_township_hosted_on_a_county_portal_is_township_level() -> None:
    text = (
        "沙头镇人民政府\n" + REPORT + "\n联系地址：扬州市广陵区沙头镇人民路1号；电话：0514-87654321"
    )
    tags = tags_of(text=text, url="http://www.yzgl.gov.cn/xxgk/1.html")
    assert tags.agency == "沙头镇人民政府"
    assert tags.agency_kind == "人民政府"
    assert region(tags) == ("江苏省", "扬州市", "广陵区", "沙头镇", "township", "321002103")


def test_a_township_name_shared_by_several_provinces_without_other_clues_stays_unplaced() -> None:
    tags = tags_of("沙头镇" + REPORT)
    assert tags.level == "township"
    assert region(tags)[:4] == (None, None, None, None)


def test_a_street_office_takes_its_full_kind() -> None:
    tags = tags_of(
        "冲口街道办事处2020年政府信息公开工作年度报告", 发布机构="广州市荔湾区冲口街道办事处"
    )
    assert (tags.agency, tags.agency_kind) == ("冲口街道办事处", "街道办事处")
    assert region(tags) == ("广东省", "广州市", "荔湾区", "冲口街道", "township", "440103015")


def test_leagues_banners_and_sumu_are_prefecture_county_and_township() -> None:
    league = tags_of("阿拉善盟科学技术局2019年政府信息公开工作年度报告")
    assert region(league) == ("内蒙古自治区", "阿拉善盟", None, None, "city", "152900")
    sumu = tags_of("新巴尔虎右旗贝尔苏木人民政府2021年度政府信息公开工作报告")
    assert region(sumu) == (
        "内蒙古自治区",
        "呼伦贝尔市",
        "新巴尔虎右旗",
        "贝尔苏木",
        "township",
        "150727200",
    )


def test_an_autonomous_prefecture_is_the_city_level() -> None:
    tags = tags_of("伊犁州教育局2021年政府信息公开工作年度报告")
    assert tags.agency == "伊犁哈萨克自治州教育局"
    assert region(tags) == ("新疆维吾尔自治区", "伊犁哈萨克自治州", None, None, "city", "654000")


def test_districts_of_municipalities_have_no_city() -> None:
    pudong = tags_of("上海市浦东新区" + REPORT)
    assert pudong.agency == "上海市浦东新区人民政府"
    assert region(pudong) == ("上海市", None, "浦东新区", None, "county", "310115")
    chaoyang = tags_of("北京市朝阳区人民政府" + REPORT)
    assert region(chaoyang) == ("北京市", None, "朝阳区", None, "county", "110105")


def test_a_municipal_commission_is_province_level() -> None:
    tags = tags_of("北京市教育委员会" + REPORT)
    assert region(tags) == ("北京市", None, None, None, "province", "110000")


def test_an_ambiguous_district_is_placed_by_the_url() -> None:
    beijing = tags_of("朝阳区教育委员会" + REPORT, url="http://www.bjchy.gov.cn/a")
    assert region(beijing)[:3] == ("北京市", None, "朝阳区")
    changchun = tags_of(
        "朝阳区教育局" + REPORT, text="地址：长春市朝阳区西民主大街；电话：0431-88776655"
    )
    assert region(changchun)[:3] == ("吉林省", "长春市", "朝阳区")


def test_an_ambiguous_district_without_clues_leaves_the_region_empty() -> None:
    tags = tags_of("朝阳区教育局" + REPORT)
    assert tags.level == "county"
    assert (tags.province, tags.county) == (None, None)


def test_ministries_are_central_with_no_region() -> None:
    for title, agency in (
        ("科学技术部2021年政府信息公开工作年度报告", "科学技术部"),
        ("国家发改委2019年政府信息公开工作年度报告", "国家发展和改革委员会"),
    ):
        tags = tags_of(title, text="中华人民共和国北京市海淀区复兴路15号")
        assert (tags.agency, tags.level) == (agency, "central")
        assert region(tags)[:4] == (None, None, None, None)


def test_a_development_zone_committee_sits_below_its_city() -> None:
    tags = tags_of("银川经济技术开发区管委会2021年政府信息公开年度报告")
    assert (tags.agency, tags.agency_kind) == ("银川经济技术开发区管理委员会", "管理委员会")
    assert (tags.province, tags.city, tags.level) == ("宁夏回族自治区", "银川市", "county")


def test_an_abbreviated_city_department_takes_the_region_of_its_contacts() -> None:
    text = "市科技局\n" + REPORT + "\n地址：灵武市镇河路；邮编：750400；电话：0951-4021563"
    tags = tags_of(text=text)
    assert (tags.agency, tags.agency_kind) == ("灵武市科学技术局", "科学技术局")
    assert region(tags) == ("宁夏回族自治区", "银川市", "灵武市", None, "county", "640181")


def test_an_abbreviated_district_department_is_expanded() -> None:
    tags = tags_of(text="区教体局" + REPORT + "\n地址：汉中市汉台区北大街；电话：0916-2222222")
    assert tags.agency == "汉台区教育体育局"
    assert region(tags) == ("陕西省", "汉中市", "汉台区", None, "county", "610702")


def test_a_region_is_found_from_the_url_alone() -> None:
    tags = tags_of(
        REPORT,
        text="我局2021年政府信息公开工作情况如下。",
        url="http://www.hljfy.gov.cn/a",
        发布机构="县科技局",
    )
    assert tags.agency == "抚远市科学技术局"
    assert region(tags) == ("黑龙江省", "佳木斯市", "抚远市", None, "county", "230883")
    assert (
        tags_of(REPORT, url="http://www.zjc.gov.cn/x", 发布机构="县政府").county
        == "张家川回族自治县"
    )


def test_a_city_is_found_from_area_code_and_postcode_alone() -> None:
    tags = tags_of(text="市科技局" + REPORT + "\n联系电话：0953-2021234；邮编：751100")
    assert region(tags) == ("宁夏回族自治区", "吴忠市", None, None, "city", "640300")


def test_a_county_named_before_it_became_a_district_maps_to_todays_unit() -> None:
    tags = tags_of("二〇〇八年度密云县政府信息公开工作年度报告")
    assert tags.agency == "密云县人民政府"
    assert region(tags) == ("北京市", None, "密云区", None, "county", "110118")
    assert tags.year == 2008
    assert tags.template == "pre2019"


def test_an_autonomous_county_written_without_its_nationality_is_recognised() -> None:
    tags = tags_of(
        "张家川县教育局政府信息公开工作年度报告",
        text="本报告统计期限自2024年1月1日至2024年12月31日。",
    )
    assert tags.agency == "张家川回族自治县教育局"
    assert region(tags) == ("甘肃省", "天水市", "张家川回族自治县", None, "county", "620525")


@pytest.mark.parametrize(
    ("written", "agency", "kind"),
    [
        ("吴忠市人社局", "吴忠市人力资源和社会保障局", "人力资源和社会保障局"),
        ("吴忠市发改委", "吴忠市发展和改革委员会", "发展和改革委员会"),
        ("吴忠市卫健委", "吴忠市卫生健康委员会", "卫生健康委员会"),
        ("吴忠市住建局", "吴忠市住房和城乡建设局", "住房和城乡建设局"),
        ("吴忠市市监局", "吴忠市市场监督管理局", "市场监督管理局"),
        ("吴忠市文旅局", "吴忠市文化和旅游局", "文化和旅游局"),
        ("吴忠市应急局", "吴忠市应急管理局", "应急管理局"),
        ("吴忠市医保局", "吴忠市医疗保障局", "医疗保障局"),
        ("吴忠市政府办", "吴忠市人民政府办公室", "人民政府办公室"),
        ("吴忠市公安局", "吴忠市公安局", "公安局"),
        ("吴忠市退役军人事务局", "吴忠市退役军人事务局", "退役军人事务局"),
        ("巴市科技局", "巴彦淖尔市科学技术局", "科学技术局"),
    ],
)
def test_abbreviated_agency_names_are_expanded(written: str, agency: str, kind: str) -> None:
    tags = tags_of(written + REPORT)
    assert (tags.agency, tags.agency_kind) == (agency, kind)
    assert tags.city in ("吴忠市", "巴彦淖尔市")


MY_BUREAU = (
    "2023年，{}应急管理局认真贯彻《中华人民共和国政府信息公开条例》，我局全年主动公开信息50条。"
)


@pytest.mark.parametrize(
    ("url", "expected", "level_word"),
    [
        # a district portal named by its city's initials and its own (福州 fz + 晋安 ja)
        ("http://fzja.gov.cn/zfxxgk/a.htm", ("福建省", "福州市", "晋安区"), "区"),
        # a district's full pinyin with its level word spelt out
        ("http://www.baiyinqu.gov.cn/a.html", ("甘肃省", "白银市", "白银区"), "区"),
        # a shared spelling: the prefecture-level city owns the plain name (not 台安县)
        ("https://www.taian.gov.cn/module/xxgk/a.jsp", ("山东省", "泰安市", None), "市"),
        # a place name's second reading (朝阳 is chaoyang)
        ("https://chaoyang.gov.cn/html/a.html", ("辽宁省", "朝阳市", None), "市"),
    ],
)
def test_a_portal_domain_places_a_body_the_text_names_only_by_its_level(
    url, expected, level_word
) -> None:
    tags = tags_of(text=MY_BUREAU.format(level_word), url=url)
    assert (tags.province, tags.city, tags.county) == expected
    assert tags.agency == (expected[2] or expected[1]) + "应急管理局"


def test_a_central_body_s_provincial_site_is_read_as_a_province_code() -> None:
    tags = tags_of(text="2019年，我局认真贯彻《条例》。", url="http://gz.cma.gov.cn/zfxxgk/a.html")
    assert tags.province == "贵州省"  # gz under cma.gov.cn is 贵州, not 广州


def test_a_report_a_town_office_compiles_for_the_town_is_the_town_government_s() -> None:
    text = (
        "本报告由大河镇人民政府办公室汇总全镇政府信息公开工作情况编制而成。\n"
        "2018年，我镇认真贯彻《条例》，主动公开政府信息40条。"
    )
    tags = tags_of(text=text, url="https://www.tongbai.gov.cn/2019/03-15/777225.html")
    assert (tags.agency, tags.agency_kind) == ("大河镇人民政府", "人民政府")


def test_a_town_office_named_as_the_author_in_the_title_keeps_its_name() -> None:
    text = "2010年，我镇政府办公室认真做好政府信息公开工作。"
    tags = tags_of("大涌镇人民政府办公室2010年政府信息公开工作年度报告", text=text)
    assert (tags.agency, tags.agency_kind) == ("大涌镇人民政府办公室", "人民政府办公室")


def test_a_town_the_national_list_no_longer_carries_keeps_its_name_at_township_level() -> None:
    tags = tags_of("公主岭市龙山满族乡2019年度政府信息公开工作年度报告", text="2019年，我乡…")
    assert (tags.agency, tags.agency_kind) == ("公主岭市龙山满族乡人民政府", "人民政府")
    assert (tags.county, tags.township, tags.level) == ("公主岭市", "龙山满族乡", "township")
    assert tags.division_code is None


def test_a_street_office_the_list_lacks_is_township_level_inside_its_district() -> None:
    tags = tags_of("泰州市高港区人民政府沿江街道办事处" + REPORT)
    assert (tags.county, tags.township, tags.level) == ("高港区", "沿江街道", "township")


def test_a_town_written_without_its_level_word_is_the_town_on_the_list() -> None:
    tags = tags_of("龙游县湖镇2020年政府信息公开工作年度报告")  # 湖镇镇, written short
    assert (tags.township, tags.level) == ("湖镇镇", "township")


def test_a_portal_name_before_the_year_yields_to_the_body_named_after_it() -> None:
    tags = tags_of("托克逊县人民政府2024年托克逊县夏镇人民政府信息公开工作年度报告")
    assert (tags.agency, tags.township, tags.level) == ("托克逊县夏镇人民政府", "夏镇", "township")


def test_a_host_two_districts_share_is_settled_by_the_short_name_the_text_writes() -> None:
    text = (
        "一、总体情况\n现向社会公布区统计局2021年度政府信息公开年度报告。区统计局通过区政府网站、"
        "爱渭滨APP公开信息91条，编发《渭滨统计》。"
    )
    url = "http://www.weibin.gov.cn/col15477/202201/t20220110_271441.html"
    tags = tags_of(text=text, url=url)
    assert (tags.agency, tags.province, tags.city, tags.county) == (
        "渭滨区统计局",
        "陕西省",
        "宝鸡市",
        "渭滨区",
    )
    unsettled = tags_of(text=text.replace("渭滨", ""), url=url)
    assert unsettled.county is None  # 卫滨区 (河南) or 渭滨区 (陕西): no guessing


def test_a_two_letter_label_below_a_city_portal_is_a_department_not_a_province() -> None:
    tags = tags_of(
        text="现公布市住房和城乡建设局2022年政府信息公开工作年度报告。",
        url="https://js.dl.gov.cn/module/xxgk/xxgkAnnualReport.jsp?area=2102000066",
    )
    assert (tags.agency, tags.province, tags.city) == ("大连市住房和城乡建设局", "辽宁省", "大连市")
