"""HTML pages: encodings, portal chrome, metadata, title and tables with spans."""

from __future__ import annotations

from pathlib import Path

import pytest

from parsers import parse_document
from parsers.extract import extract_document

DATA = Path(__file__).resolve().parents[1] / "data" / "parsers"
GBK_PAGE = (DATA / "gbk_portal_page.html").read_bytes()


def test_a_gbk_page_declaring_utf8_is_decoded_correctly() -> None:
    document = extract_document(GBK_PAGE, url="http://www.example.gov.cn/art/2022/1/25/art_1.html")
    assert "根据《中华人民共和国政府信息公开条例》" in document.text
    assert "\ufffd" not in document.text
    assert document.format == "html"


def test_portal_chrome_is_stripped_from_the_text() -> None:
    text = extract_document(GBK_PAGE, filename="page.html").text
    for chrome in (
        "当前位置",
        "分享到",
        "上一篇",
        "下一篇",
        "关闭窗口",
        "打印",
        "版权所有",
        "互动交流",
        "var nav",
    ):
        assert chrome not in text
    assert text.splitlines()[0].startswith("根据《中华人民共和国政府信息公开条例》")
    assert text.splitlines()[-1] == "本年度未收取信息处理费。"


def test_the_metadata_block_and_title_are_read() -> None:
    document = extract_document(GBK_PAGE, filename="page.html")
    assert document.title == "清水县科学技术局2021年政府信息公开工作年度报告"
    assert document.metadata == {
        "索引号": "11620524/2022-00031",
        "主题分类": "政务公开",
        "发布机构": "清水县科学技术局",
        "成文日期": "2022-01-20",
        "发文字号": "清科发〔2022〕3号",
        "发布日期": "2022-01-25",
    }
    assert "索引号" not in document.text


def test_rowspan_and_colspan_are_expanded_into_every_position() -> None:
    grids = extract_document(GBK_PAGE, filename="page.html").tables
    applications = next(grid for grid in grids if grid[3][0].startswith("一、本年新收"))
    assert applications[2][3:] == [
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "总计",
    ]
    assert applications[6][:3] == [
        "三、本年度办理结果",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    ]
    assert applications[8][:3] == [
        "三、本年度办理结果",
        "（三）不予公开",
        "2.其他法律行政法规禁止公开",
    ]
    assert all(len(row) == 10 for row in applications)


def test_tables_of_an_html_page_are_also_in_the_text() -> None:
    text = extract_document(GBK_PAGE, filename="page.html").text
    assert (
        "一、本年新收政府信息公开申请数量\t一、本年新收政府信息公开申请数量\t一、本年新收政府信息公开申请数量\t5\t2\t0\t0\t0\t0\t7"
        in text
    )


def test_html_tables_with_numbers_are_parsed_and_checked() -> None:
    report = parse_document(GBK_PAGE, filename="page.html")
    assert report.title == "清水县科学技术局2021年政府信息公开工作年度报告"
    assert report.template == "2021"
    assert report.tables["active"] == {
        "rules": {"made": 1, "repealed": 0, "in_force": 3},
        "normative_documents": {"made": 2, "repealed": 1, "in_force": 10},
        "licensing": {"decisions": 1234},
        "punishment": {"decisions": 12},
        "enforcement": {"decisions": None},
        "fees": {"amount": 0.0},
    }
    applications = report.tables["applications"]
    assert applications["new"] == {
        "natural_person": 5, "commercial": 2, "research": 0, "public_interest": 0,
        "legal_service": 0, "other_org": 0, "total": 7,
    }  # fmt: skip
    assert applications["unavailable_not_held"]["commercial"] == 1
    assert applications["carried_forward"]["total"] == 1
    assert report.tables["reviews"]["review"] == {
        "upheld": 1,
        "corrected": 0,
        "other": 0,
        "pending": 0,
        "total": 1,
    }
    assert [s.heading for s in report.sections][2] == "三、收到和处理政府信息公开申请情况"
    assert {c.rule: c.status for c in report.checks}["text_vs_tables"] == "pass"
    assert report.consistency_status == "pass"


PAGE = "<html><head><meta charset='{declared}'><title>某某镇2022年政府信息公开工作年度报告 - 某某镇人民政府</title></head><body><div id='zoom'><p>一、总体情况</p><p>本镇认真贯彻落实条例要求，全年主动公开政府信息一百余条，内容涵盖财政预决算等。</p></div></body></html>"


@pytest.mark.parametrize(
    ("encoding", "declared", "content_type"),
    [
        ("utf-8", "gb2312", None),
        ("gb2312", "gb2312", None),
        ("gbk", "utf-8", None),
        ("gb18030", "gb18030", None),
        ("gbk", "iso-8859-1", "text/html; charset=GBK"),
    ],
)
def test_pages_in_any_chinese_encoding_come_out_right(
    encoding: str, declared: str, content_type: str | None
) -> None:
    data = PAGE.format(declared=declared).encode(encoding)
    document = extract_document(data, filename="a.htm", content_type=content_type)
    assert "本镇认真贯彻落实条例要求" in document.text
    assert document.title == "某某镇2022年政府信息公开工作年度报告"


def test_without_a_known_container_the_densest_text_block_is_the_content() -> None:
    page = """<html><body>
    <div class="topmenu"><a href="/">首页</a> <a href="/1">机构</a> <a href="/2">新闻</a> <a href="/3">公开</a></div>
    <div class="wrapper"><div class="left"><a href="/x">链接一</a><a href="/y">链接二</a></div>
    <div class="right"><p>一、总体情况</p><p>本局全面贯彻落实政府信息公开条例，持续推进决策、执行、管理、服务、结果公开。</p>
    <p>二、主动公开政府信息情况</p><p>全年主动公开信息五十条。</p></div></div>
    <div class="bottom">主办单位：某某县人民政府办公室</div></body></html>"""
    text = extract_document(page.encode("utf-8"), filename="a.html").text
    assert text.splitlines()[0] == "一、总体情况"
    assert "首页" not in text and "主办单位" not in text


def test_a_page_whose_one_long_paragraph_holds_most_text_keeps_its_title_and_siblings() -> None:
    long_paragraph = "根据《条例》要求编制本报告，" * 60
    page = (
        "<html><body><div><div>道里区经纬街道办事处2022年政府信息公开工作年度报告</div>"
        f"<div>{long_paragraph}</div><div>一、总体情况</div></div></body></html>"
    ).encode()
    document = extract_document(page, filename="page.html")
    assert document.text.splitlines()[0] == "道里区经纬街道办事处2022年政府信息公开工作年度报告"
    assert "一、总体情况" in document.text
