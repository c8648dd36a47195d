"""Portals in the styles of the CMSs Chinese governments run, each serving the seed reports.

- :func:`trs_portal` — TRS WCM: ``index.html``, ``index_1.html`` … announced by
  ``createPageHTML(n, 0, "index", "html")``; relative links; GBK pages.
- :func:`hanweb_portal` — Hanweb jpage: records in ``<datastore>`` CDATA, further records from
  ``dataproxy.jsp?startrecord=…`` (POST with columnid/unitid).
- :func:`vsb_portal` — VSB/博达: ``ndbg.htm`` then ``ndbg/3.htm``, ``ndbg/2.htm`` … (reverse numbered).
- :func:`generic_portal` — ``list.jsp?page=N`` with 下一页 links, attachment-only report pages
  (DOCX and PDF), a home page linking the 年报 column.

Each returns a :class:`Portal`: the routes, the start path and the report pages expected.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from demo_portal.server import DemoReport
from tests.gov_sites.pages import (
    NOTICES,
    docx_bytes,
    list_items,
    page,
    pdf_bytes,
    report_page,
    reports,
)
from tests.gov_sites.server import Reply, Route, SeenRequest


@dataclass
class Portal:
    """A site to serve: routes, where to start, and what a crawler should find."""

    routes: dict[str, Route]
    start_path: str
    #: Paths of the report pages (the reports' identities).
    report_paths: list[str]
    #: Paths of notices that mention reports but are not reports.
    notice_paths: list[str] = field(default_factory=list)
    #: Paths of attachment files.
    attachment_paths: list[str] = field(default_factory=list)


def _chunks(items: list, size: int) -> list[list]:  # type: ignore[type-arg]
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


def _notices(
    prefix: str, charset: str = "utf-8"
) -> tuple[dict[str, Route], list[tuple[str, str, str]]]:
    routes: dict[str, Route] = {}
    entries = []
    for number, title in enumerate(NOTICES):
        path = f"{prefix}/notice_{number}.html"
        body = f'<h1>{html.escape(title)}</h1><div id="zoom"><p>各乡镇、各部门：请按要求完成年度报告相关工作。</p></div>'
        routes[path] = Reply(
            page(title, body, charset=charset), content_type=f"text/html; charset={charset}"
        )
        entries.append((path, title, "2024-12-02"))
    return routes, entries


def trs_portal(per_page: int = 2, report_list: list[DemoReport] | None = None) -> Portal:
    """TRS WCM style, GBK encoded, with ``createPageHTML``."""
    items = report_list or reports()
    routes: dict[str, Route] = {}
    entries: list[tuple[str, str, str]] = []
    report_paths = []
    for number, report in enumerate(items):
        month = report.published[:7].replace("-", "")
        relative = f"./{month}/t{report.published.replace('-', '')}_{1000 + number}.html"
        path = "/xxgk/ndbg" + relative[1:]
        routes[path] = Reply(report_page(report, charset="gbk"), content_type="text/html")
        entries.append((relative, report.title, report.published))
        report_paths.append(path)
    notice_routes, notice_entries = _notices("/xxgk/ndbg", charset="gbk")
    routes.update(notice_routes)
    entries = (
        entries[:1]
        + [(f".{p[len('/xxgk/ndbg') :]}", t, d) for p, t, d in notice_entries]
        + entries[1:]
    )
    pages = _chunks(entries, per_page)
    for number, chunk in enumerate(pages):
        name = "index.html" if number == 0 else f"index_{number}.html"
        body = (
            f'<ul class="list">{list_items(chunk)}</ul>'
            f'<div class="page"><script>createPageHTML({len(pages)}, {number}, "index", "html");</script></div>'
        )
        routes[f"/xxgk/ndbg/{name}"] = Reply(
            page("政府信息公开年报", body, charset="gbk"), content_type="text/html"
        )
    return Portal(routes, "/xxgk/ndbg/index.html", report_paths, [p for p, _, _ in notice_entries])


def hanweb_portal(per_page: int = 2, group_size: int = 1) -> Portal:
    """Hanweb jpage: first records inline, the rest from dataproxy.jsp."""
    items = reports()
    routes: dict[str, Route] = {}
    records = []
    report_paths = []
    notice_routes, notice_entries = _notices("/art/2024/12/2")
    routes.update(notice_routes)
    for number, report in enumerate(items):
        year, month, day = (int(part) for part in report.published.split("-"))
        path = f"/art/{year}/{month}/{day}/art_1234_{5600 + number}.html"
        routes[path] = Reply(report_page(report))
        report_paths.append(path)
        records.append(_hanweb_record(path, report.title, report.published))
        if number == 1:
            records.append(_hanweb_record(*notice_entries[0]))
    total = len(records)
    inline = records[: per_page * group_size]

    def datastore(chunk: list[str]) -> str:
        return (
            '<datastore><nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&webid=1'
            '&path=/&columnid=1234&unitid=5678&webname=%E5%B8%82%E6%94%BF%E5%BA%9C&permissiontype=0"></a>]]>'
            f"</nextgroup><recordset>{''.join(chunk)}</recordset></datastore>"
        )

    body = (
        f'<div id="5678"><script type="text/xml">{datastore(inline)}</script></div>'
        '<script>$(document).ready(function(){ $("#5678").jpage({ dataStore: dataStore, '
        f"totalRecord: {total}, perPage: {per_page}, groupSize: {group_size}, "
        "proxyUrl: '/module/web/jpage/dataproxy.jsp', barPosition: 'bottom' }); });</script>"
    )
    routes["/col/col1234/index.html"] = Reply(page("政府信息公开年报", body))

    def dataproxy(request: SeenRequest) -> Reply:
        params = dict(part.split("=", 1) for part in request.query.split("&") if "=" in part)
        if request.method != "POST" or request.form.get("columnid") != "1234":
            return Reply(b"<datastore><recordset></recordset></datastore>", content_type="text/xml")
        start, end = int(params["startrecord"]), int(params["endrecord"])
        chunk = records[start - 1 : end]
        return Reply(datastore(chunk).encode("utf-8"), content_type="text/xml; charset=utf-8")

    routes["/module/web/jpage/dataproxy.jsp"] = dataproxy
    return Portal(routes, "/col/col1234/index.html", report_paths, [notice_entries[0][0]])


def _hanweb_record(path: str, title: str, date: str) -> str:
    return (
        f'<record><![CDATA[<li><a href="{path}" title="{html.escape(title)}" target="_blank">'
        f"{html.escape(title)}</a><span>{date}</span></li>]]></record>"
    )


def vsb_portal(per_page: int = 2) -> Portal:
    """VSB/博达: newest page ``ndbg.htm``, older pages ``ndbg/N.htm`` numbered downwards."""
    items = reports()
    routes: dict[str, Route] = {}
    entries = []
    report_paths = []
    for number, report in enumerate(items):
        path = f"/info/1012/{2340 + number}.htm"
        routes[path] = Reply(report_page(report))
        entries.append((f"../info/1012/{2340 + number}.htm", report.title, report.published))
        report_paths.append(path)
    notice_routes, notice_entries = _notices("/info/1013")
    routes.update(notice_routes)
    entries.insert(2, (f"..{notice_entries[1][0]}", notice_entries[1][1], notice_entries[1][2]))
    pages = _chunks(entries, per_page)
    count = len(pages)
    for index, chunk in enumerate(pages):
        number = count - index  # ndbg.htm is the newest; then ndbg/(count-1).htm … ndbg/1.htm
        path = "/xxgk/ndbg.htm" if index == 0 else f"/xxgk/ndbg/{number}.htm"
        prefix = "" if index == 0 else "../"
        fixed = [(href if index == 0 else "../" + href, title, date) for href, title, date in chunk]
        pager = ['<span class="p_pages">']
        if index + 1 < count:
            next_href = f"{prefix}ndbg/{number - 1}.htm" if index == 0 else f"{number - 1}.htm"
            pager.append(f'<span class="p_next p_fun"><a href="{next_href}">下页</a></span>')
            last = "ndbg/1.htm" if index == 0 else "1.htm"
            pager.append(f'<span class="p_last p_fun"><a href="{last}">尾页</a></span>')
        pager.append("</span>")
        body = f'<ul class="list">{list_items(fixed)}</ul><div>{"".join(pager)}</div>'
        routes[path] = Reply(page("政府信息公开年度报告", body))
    return Portal(routes, "/xxgk/ndbg.htm", report_paths, [notice_entries[1][0]])


def generic_portal(per_page: int = 2) -> Portal:
    """``?page=N`` lists with 下一页; reports 2 and 3 only as DOCX / PDF attachments."""
    items = reports()
    routes: dict[str, Route] = {}
    entries = []
    report_paths = []
    attachment_paths = []
    for number, report in enumerate(items):
        path = f"/content.jsp?id={700 + number}"
        attachment = None
        if number == 1:
            attachment = (f"/uploads/{700 + number}.docx", f"{report.title}.docx")
            routes[attachment[0]] = Reply(
                docx_bytes(report),
                content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            )
        elif number == 2:
            attachment = (f"/uploads/{700 + number}.pdf", f"{report.title}.pdf")
            routes[attachment[0]] = Reply(pdf_bytes(report), content_type="application/pdf")
        if attachment is not None:
            attachment_paths.append(attachment[0])
        routes[path] = Reply(report_page(report, attachment=attachment))
        entries.append((path, report.title, report.published))
        report_paths.append(path)
    notice_routes, notice_entries = _notices("/notices")
    routes.update(notice_routes)
    entries.insert(1, notice_entries[2])
    pages = _chunks(entries, per_page)
    for index, chunk in enumerate(pages, start=1):
        pager = [f"<span>第{index}页/共{len(pages)}页</span>"]
        if index > 1:
            pager.insert(0, f'<a href="/list.jsp?page={index - 1}">上一页</a>')
        if index < len(pages):
            pager.append(f'<a href="/list.jsp?page={index + 1}">下一页</a>')
        body = (
            f'<ul class="list">{list_items(chunk)}</ul><div class="pager">{" ".join(pager)}</div>'
        )
        routes[f"/list.jsp?page={index}"] = Reply(page("政府信息公开年报", body))
    routes["/list.jsp"] = routes["/list.jsp?page=1"]
    home = (
        '<ul class="columns"><li><a href="/list.jsp?page=1">政府信息公开年报</a></li>'
        '<li><a href="/news.jsp">新闻中心</a></li>'
        f'<li><a href="{notice_entries[0][0]}">{notice_entries[0][1]}</a></li></ul>'
    )
    routes["/index.html"] = Reply(page("首页", home))
    return Portal(
        routes, "/index.html", report_paths, [e[0] for e in notice_entries], attachment_paths
    )
