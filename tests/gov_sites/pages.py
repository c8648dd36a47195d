"""HTML of government-portal pages: site chrome, list pages, report pages, notices."""

from __future__ import annotations

import html
import io

from demo_portal.server import DemoReport, load_demo_reports

NAV = ["首页", "政务公开", "新闻中心", "政务服务", "互动交流", "走进本市", "专题专栏"]
FOOTER = (
    "主办单位：市人民政府办公室　承办单位：市大数据管理服务中心　地址：人民路1号　邮编：750400　"
    "联系电话：0951-4012345　网站标识码：6401810001　宁ICP备05001234号-1　宁公网安备 64018102000123号"
)


def reports() -> list[DemoReport]:
    """The five seed reports (real published report texts)."""
    return load_demo_reports()


def page(title: str, body: str, *, charset: str = "utf-8", declared: str | None = None) -> bytes:
    """A full page with header, navigation, breadcrumbs and footer, encoded in ``charset``.

    ``declared`` is the charset the ``<meta>`` tag claims (a wrong one for fault tests).
    """
    nav = "".join(f'<li><a href="/">{html.escape(item)}</a></li>' for item in NAV)
    text = (
        "<!DOCTYPE html>\n<html><head>"
        f'<meta http-equiv="Content-Type" content="text/html; charset={declared or charset}">'
        f"<title>{html.escape(title)}</title>"
        '<script src="/js/jquery.min.js"></script></head><body>'
        '<div class="header"><div class="logo">市人民政府</div>'
        f'<ul class="nav">{nav}</ul><form class="search"><input name="q"></form></div>'
        '<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/">政务公开</a> &gt; '
        f"{html.escape(title)}</div>"
        f'<div class="main">{body}</div>'
        f'<div class="footer"><p>{FOOTER}</p></div>'
        "</body></html>"
    )
    return text.encode(charset)


def report_page(
    report: DemoReport,
    *,
    charset: str = "utf-8",
    declared: str | None = None,
    attachment: tuple[str, str] | None = None,
    extra: str = "",
) -> bytes:
    """A report page: metadata block and the report text, or just 详见附件 and a file link."""
    meta = (
        '<table class="xxgk-meta">'
        f"<tr><td>索引号：</td><td>{report.index_number}</td><td>发布机构：</td>"
        f"<td>{html.escape(report.agency)}</td></tr>"
        f"<tr><td>发布日期：</td><td>{report.published}</td><td>主题分类：</td><td>政务公开</td></tr>"
        "</table>"
    )
    if attachment is None:
        paragraphs = "".join(
            f"<p>{html.escape(line.strip())}</p>"
            for line in report.text.splitlines()
            if line.strip()
        )
        content = paragraphs + extra
    else:
        href, label = attachment
        content = (
            f"<p>{html.escape(report.title)}详见附件。</p>"
            f'<p>附件：<a href="{href}">{html.escape(label)}</a></p>'
        )
    body = (
        f'<h1 class="title">{html.escape(report.title)}</h1>{meta}'
        f'<div class="TRS_Editor" id="zoom">{content}</div>'
        '<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>'
    )
    return page(report.title, body, charset=charset, declared=declared)


def list_items(entries: list[tuple[str, str, str]]) -> str:
    """``<li>`` items of a list page: (href, title, date)."""
    return "".join(
        f'<li><a href="{href}" title="{html.escape(title)}" target="_blank">'
        f'{html.escape(_shorten(title))}</a><span class="date">{date}</span></li>'
        for href, title, date in entries
    )


def _shorten(title: str, limit: int = 24) -> str:
    return title if len(title) <= limit else title[:limit] + "..."


NOTICES = [
    "关于做好2024年政府信息公开工作年度报告编制发布工作的通知",
    "市政务公开办关于2023年度政府信息公开工作年度报告报送情况的通报",
    "2023年度全市政府信息公开工作年度报告统计汇总",
    "我市召开政务公开工作推进会议",
]


def docx_bytes(report: DemoReport) -> bytes:
    """The report as a real DOCX file (python-docx)."""
    from docx import Document

    document = Document()
    for line in report.text.splitlines():
        if line.strip():
            document.add_paragraph(line.strip().strip("#* "))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_bytes(report: DemoReport) -> bytes:
    """The report as a real PDF file (reportlab, with the STSong-Light CJK font)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setFont("STSong-Light", 10)
    y = 800
    for line in report.text.splitlines():
        line = line.strip().strip("#* ")
        while line:
            chunk, line = line[:48], line[48:]
            pdf.drawString(40, y, chunk)
            y -= 14
            if y < 40:
                pdf.showPage()
                pdf.setFont("STSong-Light", 10)
                y = 800
    pdf.save()
    return buffer.getvalue()
