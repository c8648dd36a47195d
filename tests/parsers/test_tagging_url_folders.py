"""A report that names no body (我镇, 我局) is placed by the folder its portal files it under."""

from __future__ import annotations

from parsers.extracted import ExtractedDocument
from parsers.tagging import tag_report
from parsers.tagging.agency_mentions import named_departments
from parsers.tagging.gazetteer import get_gazetteer
from parsers.tagging.url_units import (
    county_in_host,
    divisions_for_path,
    kind_in_path,
    path_segments,
    township_in_path,
)

TOWN_TEXT = (
    "2024年，我镇认真贯彻落实《中华人民共和国政府信息公开条例》，全镇主动公开政府信息52条。"
    "联系地址：衡南县人民路1号。"
)
BUREAU_TEXT = (
    "根据《中华人民共和国政府信息公开条例》，特将2019年度本部门信息公开工作年度报告向社会公布。"
    "2019年，我局按照崂山区委、区政府的部署，深化人力资源和社会保障政府信息公开。"
)


def county(name: str):
    return next(d for d in get_gazetteer().lookup(name) if d.level == "county")


def test_path_segments_are_the_folders_letter_runs() -> None:
    url = "https://www.example.gov.cn/zwgk/xzxxgkml/xtz/xxgknb/20250126/i3569060.html"
    assert path_segments(url) == ["zwgk", "xzxxgkml", "xtz", "xxgknb"]


def test_a_town_folder_names_the_one_town_of_the_county_with_those_initials() -> None:
    gazetteer = get_gazetteer()
    url = "https://www.example.com/zwgk/xzxxgkml/xtz/xxgknb/i1.html"
    assert township_in_path(url, county("衡南县"), gazetteer).name == "咸塘镇"
    # a street office's folder carries its whole name's initials
    url = "http://www.cqyz.gov.cn/jz_229/dxgjdbsc/zwgk_97157/a.html"
    assert township_in_path(url, county("渝中区"), gazetteer).name == "大溪沟街道"


def test_the_county_s_own_folder_is_never_its_seat_town() -> None:
    url = "http://tkx.gov.cn/tkxx/c106613/202501/a.shtml"  # tkxx: 托克逊县, not 托克逊镇
    assert township_in_path(url, county("托克逊县"), get_gazetteer()) is None


def test_two_towns_sharing_the_initials_place_neither() -> None:
    url = "http://www.qinbei.gov.cn/zfxxgk/qbqzwgkpt/ztz/a.shtml"  # 长滩镇 or 长田街道
    assert township_in_path(url, county("钦北区"), get_gazetteer()) is None


def test_a_department_folder_names_its_kind_after_a_level_letter() -> None:
    url = "http://www.laoshan.gov.cn/zfxxgk/bmxxgk/qgzbm/qrsj/gknb/202302/t1.shtml"
    assert kind_in_path(url) == "人力资源和社会保障局"
    assert kind_in_path("http://www.example.gov.cn/xxgk/news/a.html") is None


def test_a_town_report_that_says_only_wo_zhen_is_the_town_the_folder_names() -> None:
    url = "https://www.hengnan.gov.cn/zwgk/xzxxgkml/xtz/xxgknb/20250126/i3569060.html"
    tags = tag_report(ExtractedDocument(text=TOWN_TEXT, url=url))
    assert (tags.agency, tags.agency_kind, tags.level) == ("咸塘镇人民政府", "人民政府", "township")
    assert (tags.county, tags.township) == ("衡南县", "咸塘镇")


def test_an_unnamed_town_on_a_county_portal_is_still_township_level() -> None:
    url = "https://www.hengnan.gov.cn/zwgk/xxgknb/20250126/i3569060.html"
    tags = tag_report(ExtractedDocument(text=TOWN_TEXT, url=url))
    assert tags.agency is None  # nothing names the town
    assert (tags.county, tags.level) == ("衡南县", "township")


def test_a_bureau_that_says_only_wo_ju_is_the_district_s_bureau_its_folder_names() -> None:
    url = "http://www.laoshan.gov.cn/zfxxgk/bmxxgk/qgzbm/qrsj/gknb/202302/t20230218_6936803.shtml"
    tags = tag_report(ExtractedDocument(text=BUREAU_TEXT, url=url))
    assert tags.agency == "崂山区人力资源和社会保障局"
    assert (tags.county, tags.level) == ("崂山区", "county")


def test_a_city_portal_s_subdomain_names_one_of_its_counties() -> None:
    assert county_in_host("https://ht.sanya.gov.cn/htqsite/a.shtml").name == "海棠区"
    assert county_in_host("http://jy.nanjing.gov.cn/a.html").name == "建邺区"
    assert county_in_host("http://www.sanya.gov.cn/a.html") is None  # a service label
    assert county_in_host("http://zwgk.changchun.gov.cn/a.html") is None


def test_a_district_report_that_says_only_wo_qu_is_the_district_s_government() -> None:
    text = "2021年，我区深入贯彻落实《中华人民共和国政府信息公开条例》，全区主动公开信息300条。"
    tags = tag_report(ExtractedDocument(text=text, url="https://ht.sanya.gov.cn/htqsite/a.shtml"))
    assert (tags.agency, tags.county, tags.level) == ("海棠区人民政府", "海棠区", "county")


def test_a_city_wide_report_is_the_city_government_s_unless_a_bureau_speaks() -> None:
    city_wide = "2024年，全市各级行政机关认真贯彻《中华人民共和国政府信息公开条例》。"
    tags = tag_report(ExtractedDocument(text=city_wide, url="http://www.sanya.gov.cn/a.html"))
    assert tags.agency == "三亚市人民政府"
    bureau = city_wide + "我局全年主动公开信息120条。"
    tags = tag_report(ExtractedDocument(text=bureau, url="http://www.sanya.gov.cn/a.html"))
    assert tags.agency != "三亚市人民政府"


def test_a_department_s_subdomain_spelt_by_initials_names_its_kind() -> None:
    url = "http://scjdglj.qinzhou.gov.cn/zfxxgk/zfxxgkndbg/t27152815.shtml"
    tags = tag_report(ExtractedDocument(text="2025年，我局严格落实政务公开工作部署。", url=url))
    assert (tags.agency, tags.agency_kind) == ("钦州市市场监督管理局", "市场监督管理局")


def test_a_bureau_s_folder_outweighs_the_portal_government_a_page_names() -> None:
    url = "http://www.fuqing.gov.cn/xjwz/zfxxgk/zfbmxxgk/fqsmzj/zfxxgknb/201711/t1.htm"
    text = "福清市人民政府\n2016年，我局认真贯彻《条例》，主动公开信息30条。"
    tags = tag_report(ExtractedDocument(text=text, url=url))
    assert tags.agency == "福清市民政局"


def test_a_report_naming_its_author_only_in_passing_is_that_department_s() -> None:
    text = (
        "本报告结合年度政府信息公开工作实际编制而成。现通过南通市自然资源和规划局门户网站予以公布。\n"
        "2022年，我局认真贯彻落实《条例》。"
    )
    tags = tag_report(ExtractedDocument(text=text))
    assert (tags.agency, tags.level) == ("南通市自然资源和规划局", "city")


def test_a_region_wide_report_is_never_a_department_it_mentions() -> None:
    text = "2019年，我市认真贯彻《条例》，桂林市行政审批局积极配合，全市主动公开信息900条。"
    assert named_departments(text, get_gazetteer()) == ["桂林市行政审批局"]
    assert tag_report(ExtractedDocument(text=text)).agency_kind != "行政审批局"


def test_a_city_speaking_as_we_is_the_county_level_city_its_domain_names() -> None:
    text = (
        "本报告依据《兴安盟政务公开领导小组办公室关于做好2020年度政府信息公开工作年度报告编制"
        "发布工作的通知》规定编制。2020年，全市各级行政机关认真贯彻落实《条例》，兴安盟…"
    )
    tags = tag_report(ExtractedDocument(text=text, url="http://wlht.gov.cn/wlht/2021-11/a.html"))
    assert (tags.agency, tags.city, tags.county, tags.level) == (
        "乌兰浩特市人民政府",
        "兴安盟",
        "乌兰浩特市",
        "county",
    )


def test_a_mirror_that_names_its_page_after_the_report_gives_the_title() -> None:
    url = (
        "https://newton.com.tw/wiki/2020%E5%B9%B4%E4%B8%8A%E6%B5%B7%E5%B8%82%E6%94%BF%E5%BA%9C"
        "%E4%BF%A1%E6%81%AF%E5%85%AC%E9%96%8B%E5%B7%A5%E4%BD%9C%E5%B9%B4%E5%BA%A6%E5%A0%B1%E5%91%8A"
    )
    text = "2021年，我市繼續推進政府信息公開工作。"
    tags = tag_report(ExtractedDocument(text=text, url=url))
    assert (tags.year, tags.province) == (2020, "上海市")


def test_a_report_speaking_as_wo_zhen_is_the_one_town_of_its_county_it_keeps_naming() -> None:
    text = (
        "一、总体情况\n本年度，我镇全面贯彻落实上级有关政务公开的指示和要求。\n"
        "2025年，海青镇未收到依申请公开事项。海青镇人民政府作为镇级机关，积极完善目录。"
    )
    tags = tag_report(ExtractedDocument(text=text, url="https://hljfy.gov.cn/fys/c1/a.shtml"))
    assert (tags.agency, tags.county, tags.township) == ("海青镇人民政府", "抚远市", "海青镇")
    once = text.replace("海青镇人民政府作为", "镇政府作为")  # named once is enough …
    tags = tag_report(ExtractedDocument(text=once, url="https://hljfy.gov.cn/a.shtml"))
    assert tags.agency == "海青镇人民政府"
    two = once.replace("积极完善目录", "学习寒葱沟镇经验，积极完善目录")  # … unless another town is
    assert (
        tag_report(ExtractedDocument(text=two, url="https://hljfy.gov.cn/a.shtml")).agency is None
    )


def test_a_government_s_own_folder_names_it_but_a_portal_s_disclosure_column_does_not() -> None:
    assert (
        kind_in_path("http://szxxgk.shuozhou.gov.cn/szfxxgk/zfxxgknb/2024/t1.shtml") == "人民政府"
    )
    assert kind_in_path("http://www.example.gov.cn/zfxxgk/zfxxgknb/2024/t1.shtml") is None
    text = "2023年，朔州市持续深化政务公开，全年主动公开政府信息5000余条。"
    url = "http://szxxgk.shuozhou.gov.cn/szfxxgk/zfxxgknb/202403/t20240311_665531.shtml"
    tags = tag_report(ExtractedDocument(text=text, url=url))
    assert (tags.agency, tags.level) == ("朔州市人民政府", "city")


def test_a_mirror_keeps_the_portal_s_place_folder_but_a_column_word_is_no_place() -> None:
    url = "http://mirror.example.com/xilinhaote/zwgk/zfxxgknb/2024/index.html"
    assert [d.name for ds in divisions_for_path(url) for d in ds] == ["锡林浩特市"]
    assert divisions_for_path("http://gxshxw.cn/a/yuqing/20190312/14503.html") == []  # 舆情


def test_a_merged_bureau_the_text_names_is_more_than_the_kind_its_host_spells() -> None:
    text = (
        "一、总体情况\n2020年以来，我局认真贯彻《中华人民共和国政府信息公开条例》。"
        "具体内容可通过“咸宁市水利和湖泊局”网站查询。\n"
    )
    tags = tag_report(
        ExtractedDocument(text=text, url="http://slj.xianning.gov.cn/xxgk/xxgkbg/t2021.shtml")
    )
    assert (tags.agency, tags.agency_kind) == ("咸宁市水利和湖泊局", "水利和湖泊局")
    plain = tag_report(
        ExtractedDocument(
            text="2020年，我局认真贯彻《条例》。", url="http://slj.xianning.gov.cn/xxgk/t2021.shtml"
        )
    )
    assert (plain.agency, plain.agency_kind) == ("咸宁市水利局", "水利局")
