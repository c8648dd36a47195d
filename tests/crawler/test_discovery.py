"""Discovery on saved-style pages: report links, notices, sub-listings, CMS pagination, attachments."""

from __future__ import annotations

from crawler.discovery import discover_report_links, parse_html, report_attachment
from crawler.discovery.classify import classify_link
from crawler.discovery.decoding import decode_html
from crawler.discovery.hanweb import datastore_records, proxy_requests
from tests.gov_sites.pages import list_items, page, report_page, reports

BASE = "http://www.example.gov.cn"


def kinds(links):  # type: ignore[no-untyped-def]
    return {link.url: link.kind for link in links}


def test_report_titles_across_years_and_agencies_are_reports() -> None:
    for label in (
        "灵武市科学技术局2021年政府信息公开工作年度报告",
        "宁夏回族自治区人民政府办公厅2023年政府信息公开年度报告",
        "杨梅乡2019年政务公开年度报告",
        "2022年度市统计局政府信息公开年报",
    ):
        assert classify_link(label, f"{BASE}/art/2022/1/20/art_1_2.html") == "report", label


def test_items_that_only_mention_reports_are_left_out() -> None:
    for label in (
        "关于做好2024年政府信息公开工作年度报告编制发布工作的通知",
        "市政务公开办关于2023年度政府信息公开工作年度报告报送情况的通报",
        "2023年度全市政府信息公开工作年度报告统计汇总",
        "我市召开2023年政府信息公开年度报告编制培训会议",
    ):
        assert classify_link(label, f"{BASE}/art/2024/12/2/art_1_3.html") is None, label


def test_report_columns_are_listings() -> None:
    assert classify_link("政府信息公开年报", f"{BASE}/col/col1234/index.html") == "listing"
    assert classify_link("年报", f"{BASE}/xxgk/ndbg/") == "listing"
    assert classify_link("政府信息公开工作年度报告", f"{BASE}/xxgk/ndbg.htm") == "listing"


def test_truncated_link_text_is_judged_by_its_title_attribute() -> None:
    report = reports()[0]
    html = page(
        "列表", f"<ul>{list_items([('/a/t20250116_1.html', report.title, '2025-01-16')])}</ul>"
    )
    links = discover_report_links(decode_html(html).text, f"{BASE}/xxgk/ndbg/index.html")
    assert kinds(links) == {f"{BASE}/a/t20250116_1.html": "report"}


def test_trs_create_page_html_announces_every_page() -> None:
    html = page("列表", '<script>createPageHTML(4, 0, "index", "html");</script>')
    links = discover_report_links(decode_html(html).text, f"{BASE}/xxgk/ndbg/index.html")
    assert {link.url for link in links if link.via == "pagination"} == {
        f"{BASE}/xxgk/ndbg/index_1.html",
        f"{BASE}/xxgk/ndbg/index_2.html",
        f"{BASE}/xxgk/ndbg/index_3.html",
    }


def test_vsb_reverse_numbered_pages_are_followed() -> None:
    html = page(
        "列表",
        '<span class="p_pages"><span class="p_next p_fun"><a href="ndbg/3.htm">下页</a></span>'
        '<span class="p_no"><a href="ndbg/2.htm">3</a></span>'
        '<span class="p_last p_fun"><a href="ndbg/1.htm">尾页</a></span></span>'
        '<a href="/">首页</a>',
    )
    links = discover_report_links(decode_html(html).text, f"{BASE}/xxgk/ndbg.htm")
    assert set(kinds(links)) == {f"{BASE}/xxgk/ndbg/{n}.htm" for n in (1, 2, 3)}


def test_next_page_queries_are_followed_but_not_the_home_page() -> None:
    html = page("列表", '<a href="list.jsp?page=2">下一页</a> <a href="list.jsp?page=9">尾页</a>')
    links = discover_report_links(decode_html(html).text, f"{BASE}/list.jsp?page=1")
    assert set(kinds(links)) == {f"{BASE}/list.jsp?page=2", f"{BASE}/list.jsp?page=9"}


def test_hanweb_records_and_dataproxy_ranges() -> None:
    text = (
        '<script type="text/xml"><datastore><nextgroup><![CDATA[<a href="/module/web/jpage/'
        'dataproxy.jsp?page=1&webid=2&path=/&columnid=77&unitid=88&permissiontype=0"></a>]]>'
        "</nextgroup><recordset>"
        '<record><![CDATA[<li><a href="/art/2023/1/5/art_77_1.html">某县2022年政府信息公开工作年度报告</a></li>]]></record>'
        '<record><![CDATA[<li><a href="/art/2023/1/6/art_77_2.html">关于做好年度报告编制工作的通知</a></li>]]></record>'
        "</recordset></datastore></script>"
        "<script>$('#88').jpage({totalRecord: 7, perPage: 2, groupSize: 1, proxyUrl: '/module/web/jpage/dataproxy.jsp'});</script>"
    )
    assert len(datastore_records(text)) == 2
    requests = proxy_requests(text, f"{BASE}/col/col77/index.html", records_on_page=2)
    assert [(r.start, r.end) for r in requests] == [(3, 4), (5, 6), (7, 7)]
    assert requests[0].form["columnid"] == "77" and requests[0].form["unitid"] == "88"
    links = discover_report_links(text, f"{BASE}/col/col77/index.html")
    assert kinds(links)[f"{BASE}/art/2023/1/5/art_77_1.html"] == "report"
    assert f"{BASE}/art/2023/1/6/art_77_2.html" not in kinds(links)
    assert sum(1 for link in links if link.method == "POST") == 3


def test_a_page_that_says_see_attachment_is_read_from_its_attachment() -> None:
    report = reports()[1]
    html = report_page(report, attachment=("/uploads/1.pdf", "附件：年报.pdf"))
    found = report_attachment(parse_html(decode_html(html).text), f"{BASE}/content.jsp?id=1")
    assert found is not None and found.url == f"{BASE}/uploads/1.pdf"
    full = report_page(report, extra='<p><a href="/uploads/2.docx">附件.docx</a></p>')
    assert report_attachment(parse_html(decode_html(full).text), f"{BASE}/c?id=2") is None


def test_a_wrong_declared_charset_is_detected_and_noted() -> None:
    html = page("年报", "<p>政府信息公开工作年度报告</p>", charset="utf-8", declared="gbk")
    decoded = decode_html(html, "text/html; charset=gbk")
    assert "政府信息公开工作年度报告" in decoded.text
    assert decoded.warning is not None and "gbk" in decoded.warning
    gbk = page("年报", "<p>政府信息公开工作年度报告</p>", charset="gbk")
    assert "年度报告" in decode_html(gbk, "text/html").text
    assert decode_html(gbk, "text/html").warning is None


def test_a_listing_and_a_report_of_the_same_site_decode_by_one_rule() -> None:
    from parsers.extract.encoding import decode_page

    page = '<html><head><meta charset="utf-8"></head><body>政府信息公开工作年度报告</body></html>'
    for body, declared in (
        (page.encode("gbk"), "text/html; charset=utf-8"),  # lies: GBK bytes
        (page.encode("utf-8"), "text/html; charset=gb2312"),  # lies: UTF-8 bytes
        (page.replace("utf-8", "gbk").encode("gbk"), None),
    ):
        listing = decode_html(body, declared)
        report = decode_page(body, declared)
        assert (listing.text, listing.encoding) == (report.text, report.encoding)
        assert "政府信息公开工作年度报告" in listing.text
    assert decode_html(page.encode("gbk"), "text/html; charset=utf-8").warning is not None
