"""Who a report belongs to when its opening, not a title line, says so.

A government office that compiles a report in which the region speaks (``我市认真贯彻…``) files it
for the government; a town's office that answers questions files the town's report for the town;
a first sentence that announces the report's name (``现发布《…年度报告》``) is its title.

Every text here was written for the test, in the shape real pages of this kind take.
"""

from __future__ import annotations

from parsers.extracted import ExtractedDocument
from parsers.tagging import ReportTags, tag_report


def tag_text(text: str, url: str | None = None) -> ReportTags:
    return tag_report(ExtractedDocument(text=text, url=url))


def test_an_office_compiling_a_report_in_the_city_s_voice_files_it_for_the_government() -> None:
    tags = tag_text(
        "本年度报告是根据《中华人民共和国政府信息公开条例》要求，由钦州市人民政府办公室编制。"
        "如对本年度报告有任何疑问，请与钦州市政府信息公开领导小组办公室联系。\n"
        "一、政府信息公开工作的基本情况\n2012年，我市认真贯彻落实自治区政府信息公开工作部署，"
        "不断提高政府信息公开工作的能力和水平。"
    )
    assert (tags.agency, tags.agency_kind, tags.level) == ("钦州市人民政府", "人民政府", "city")


def test_an_office_that_speaks_as_itself_keeps_the_report() -> None:
    tags = tag_text(
        "本报告由钦州市人民政府办公室编制。\n一、总体情况\n2022年，我办认真贯彻落实《条例》，"
        "全市政府信息公开工作稳步推进，本办全年主动公开政府信息120条。"
    )
    assert (tags.agency, tags.agency_kind) == ("钦州市人民政府办公室", "人民政府办公室")


def test_a_district_s_office_writing_我区政府办公室_reports_on_its_own_work() -> None:
    tags = tag_text(
        "本报告依据《中华人民共和国政府信息公开条例》编制。对本报告如有疑问，请与保定市徐水区"
        "人民政府办公室联系。\n一、总体情况\n我区政府办公室高度重视政务公开工作，积极推进全区"
        "政务公开工作。"
    )
    assert tags.agency == "保定市徐水区人民政府办公室"


def test_an_office_compiling_from_every_town_and_department_files_for_the_government() -> None:
    tags = tag_text(
        "本年度报告由城中区人民政府办公室综合区政府各镇办、各部门的工作情况编制而成。"
        "本年度报告的电子版可以在“西宁市城中区”政府门户网站上下载。\n一、总体情况\n"
        "2020年城中区政务公开工作在区委区政府的正确领导下顺利推进。"
    )
    assert (tags.agency, tags.province, tags.city) == ("城中区人民政府", "青海省", "西宁市")


def test_a_title_naming_the_office_is_not_overruled_by_the_city_s_voice() -> None:
    tags = tag_text(
        "牡丹江市人民政府办公室2019年政府信息公开工作年度报告\n"
        "本报告结合市政府办公室政务公开工作实际制定。\n一、总体情况\n"
        "2019年，全市政务公开工作深入推进，我市营商环境持续优化。"
    )
    assert tags.agency == "牡丹江市人民政府办公室"


def test_a_town_named_as_the_subject_owns_the_report_its_office_answers_for() -> None:
    tags = tag_text(
        "根据《中华人民共和国政府信息公开条例》，根据沧源佤族自治县糯良乡2022年政府信息与政务"
        "公开工作基本情况编制本报告。如对本报告有任何疑问，请与沧源佤族自治县糯良乡人民政府"
        "办公室联系。\n一、总体情况\n糯良乡始终把政府信息公开作为一项重大任务，专门成立了"
        "信息公开领导小组。"
    )
    assert (tags.agency, tags.agency_kind, tags.level) == (
        "沧源佤族自治县糯良乡人民政府",
        "人民政府",
        "township",
    )


def test_a_first_sentence_announcing_the_report_s_name_is_its_title() -> None:
    tags = tag_text(
        "根据《中华人民共和国政府信息公开条例》规定要求，现发布《大冶市政府办公室2024年政府信息"
        "公开工作年度报告》。\n一、总体情况\n根据往年湖北省政务公开工作要点，我市认真贯彻落实"
        "《条例》，深入推进政务公开。"
    )
    assert (tags.agency, tags.agency_kind, tags.title) == (
        "大冶市人民政府办公室",
        "人民政府办公室",
        "大冶市政府办公室2024年政府信息公开工作年度报告",
    )


def test_an_announced_title_keeps_the_street_s_name_as_written() -> None:
    tags = tag_text(
        "根据《中华人民共和国政府信息公开条例》，特向社会公布象园街道办事处2022年政府信息公开工作"
        "年度报告。如对本报告有任何疑问，请与福州市晋安区象园街道党政办公室联系。\n"
        "一、总体情况\n我街有序地推进政府信息公开工作。"
    )
    assert (tags.agency, tags.county, tags.township) == ("象园街道办事处", "晋安区", "象园街道")


def test_a_content_summary_line_is_metadata_not_the_title() -> None:
    tags = tag_text(
        "发布机构 杏滨街道\n内容概述: 厦门市集美区杏滨街道办事处2021年度政府信息公开工作年度报告\n"
        "厦门市集美区杏滨街道办事处2021年度政府信息公开工作年度报告\n"
        "本报告依据《中华人民共和国政府信息公开条例》撰写。"
    )
    assert tags.agency == "厦门市集美区杏滨街道办事处"


def test_an_old_foreign_trade_bureau_s_abbreviation_is_written_in_full() -> None:
    tags = tag_text(
        "漳州市外经贸局2012年政府信息公开工作年度报告\n一、概述\n我局政府信息公开工作有序推进。"
    )
    assert (tags.agency, tags.agency_kind) == ("漳州市对外贸易经济合作局", "对外贸易经济合作局")


def test_a_bare_department_announced_in_the_opening_takes_the_portal_s_county() -> None:
    tags = tag_text(
        "根据政府办《关于做好全县政府信息公开年度报告编制工作的通知》要求，现将文化和旅游局2021年度"
        "政府信息公开情况汇报如下：\n一、总体情况\n今年以来，我局在县委、县政府的领导下，充分利用"
        "富平县人民政府网站、微信公众号及时主动向社会公布政务信息。",
        url="http://www.fuping.gov.cn/Home/Article/detail/id/34673.html",
    )
    assert (tags.agency, tags.agency_kind, tags.county) == (
        "富平县文化和旅游局",
        "文化和旅游局",
        "富平县",
    )


def test_an_announced_title_behind_injected_spam_words_still_names_the_town() -> None:
    tags = tag_text(
        "按照《中华人民共和国政府信息公开条例》要求，现编制形成了《xx体育_xx官网@:西柳镇人民政府"
        "2023年政府信息公开工作年度报告》。\n一、总体情况\n西柳镇人民政府利用电子屏主动公开信息。"
    )
    assert (tags.agency, tags.county, tags.level) == ("西柳镇人民政府", "海城市", "township")


def test_a_report_on_the_whole_customs_system_is_the_general_administration_s() -> None:
    tags = tag_text(
        "全国海关2020年政府信息公开工作年度报告\n本报告梳理2020年度海关系统政府信息公开工作情况编制"
        "而成。如对报告有疑问，请联系海关总署办公厅政务公开处，地址：北京市东城区建国门内大街6号。"
    )
    assert (tags.agency, tags.level, tags.province) == ("海关总署", "central", None)


def test_a_river_basin_authority_is_a_central_body_not_the_county_it_sounds_like() -> None:
    tags = tag_text(
        "太湖流域管理局2021年政府信息公开工作年度报告\n一、总体情况\n2021年，我局认真贯彻《条例》。"
    )
    assert (tags.agency, tags.level, tags.county) == ("水利部太湖流域管理局", "central", None)


def test_a_page_read_through_a_translation_proxy_is_placed_by_its_own_address() -> None:
    proxy = (
        "https://translate.baiducontent.com/transpage?cb=translateCallback&from=zh&query="
        "http%3A%2F%2Fjyt.zj.gov.cn%2Fart%2F2020%2F1%2F30%2Fart_1229116940_2105.html&to=en"
    )
    tags = tag_text(
        "一、总体情况\n2019年，我厅认真贯彻落实《条例》，全面推进教育政务公开。", url=proxy
    )
    assert (tags.agency, tags.province, tags.level) == ("浙江省教育厅", "浙江省", "province")


def test_a_town_s_party_and_government_label_is_its_government() -> None:
    tags = tag_text(
        "乐安镇党委政府2021年政府信息公开工作年度报告\n一、总体情况\n2021年，我镇认真贯彻《条例》。"
    )
    assert (tags.agency, tags.agency_kind) == ("乐安镇人民政府", "人民政府")


def test_a_committee_s_bureau_writes_the_committee_in_full() -> None:
    tags = tag_text(
        "2022年，郑州高新技术产业开发区管委会城市管理局深入贯彻落实《中华人民共和国政府信息公开"
        "条例》，现向社会公布2022年度本级政府信息公开年度报告。"
    )
    assert tags.agency == "郑州高新技术产业开发区管理委员会城市管理局"


def test_a_town_written_without_its_nationalities_is_placed_by_the_portal_s_county() -> None:
    tags = tag_text(
        "您的位置: 首页 > 政府信息公开 > 易门县人民政府办公室 > 政府信息公开年报\n"
        "铜厂乡2022年政府信息公开工作年度报告\n2022年，铜厂彝族乡人民政府在县委、县政府的正确领导下，"
        "始终坚持贯彻落实《中华人民共和国政府信息公开条例》。",
        url="https://www.ym.gov.cn/ymxzfxxgk/zfxxgknbymzfb20231208/20230118/1416354.html",
    )
    assert (tags.city, tags.county, tags.township) == ("玉溪市", "易门县", "铜厂彝族乡")


def test_an_office_compiling_a_report_in_which_the_region_speaks_by_its_name_files_it_for_the_government() -> (
    None
):
    tags = tag_text(
        "本年度报告由文山市人民政府办公室编制，根据《中华人民共和国政府信息公开条例》要求。\n"
        "一、总体情况\n2021年，文山市坚持以人民为中心的发展思想，深入落实政府信息公开工作决策部署。"
    )
    assert (tags.agency, tags.agency_kind) == ("文山市人民政府", "人民政府")
