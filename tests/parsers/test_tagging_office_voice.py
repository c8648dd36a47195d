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
