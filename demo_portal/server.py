"""A small demo government portal, served on 127.0.0.1, publishing the five seed reports.

It looks like a typical county/city portal: a home page, an information-disclosure column
(政府信息公开 → 政府信息公开年报) with a paginated listing, report pages with the metadata block
(索引号, 发布机构, 发布日期), breadcrumbs, share buttons and a footer, and a notice that is *not* a
report. Every page carries a banner saying it is a demo. ``nianbao demo build`` crawls it; tests
reuse it through :class:`DemoPortalServer`.
"""

from __future__ import annotations

import dataclasses
import html
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from flask import Flask, abort
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from demo_portal.more_years import DEMO_YEARS, derive_text

SEEDS_DIR = Path(__file__).parent / "seeds"
REPORTS_PER_PAGE = 3
DEMO_BANNER = "演示门户：本站是 Nianbao 演示用的模拟政府网站，所载五份年报为真实公开的报告原文。"


@dataclass(frozen=True)
class DemoReport:
    """One seed report as the demo portal publishes it."""

    slug: str
    title: str
    agency: str
    published: str
    index_number: str
    text: str

    @property
    def path(self) -> str:
        """URL path of the report page."""
        return f"/xxgk/ndbg/{self.published[:4]}{self.published[5:7]}/t_{self.slug}.html"


#: Publication dates and index numbers as such a portal would show them (the seeds' years + 1).
_PUBLICATION = {
    "000": ("2022-01-20", "640181001/2022-00012"),
    "001": ("2021-01-25", "640106012/2021-00003"),
    "002": ("2024-01-18", "640300011/2024-00021"),
    "003": ("2022-01-28", "150800015/2022-00007"),
    "004": ("2025-01-16", "640522009/2025-00005"),
}


def load_demo_reports(seeds_dir: Path = SEEDS_DIR) -> list[DemoReport]:
    """The seed reports, newest publication first (as a listing page orders them)."""
    reports = []
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        lines = [line.strip().strip("#* ").strip() for line in text.splitlines()]
        lines = [line for line in lines if line]
        agency, heading = lines[0], lines[1].replace(" ", "")
        prefix = path.name[:3]
        published, index_number = _PUBLICATION.get(prefix, ("2024-01-01", f"000000/{prefix}"))
        reports.append(
            DemoReport(
                slug=path.stem,
                title=f"{agency}{heading}",
                agency=agency,
                published=published,
                index_number=index_number,
                text=text,
            )
        )
    return sorted(reports, key=lambda report: report.published, reverse=True)


def demonstration_years(reports: list[DemoReport]) -> list[DemoReport]:
    """Further years of two seed agencies, derived from their real reports and labelled as
    demonstration data (see :mod:`demo_portal.more_years`)."""
    derived = []
    for report in reports:
        found = re.search(r"(?:19|20)\d\d", report.title)
        if found is None:
            continue
        seed_year = int(found.group())
        for figures in DEMO_YEARS.get(report.agency, ()):
            text = derive_text(report.text, seed_year, figures)
            if text is None:
                continue
            derived.append(
                dataclasses.replace(
                    report,
                    slug=f"{report.slug}_{figures.year}",
                    title=report.title.replace(str(seed_year), str(figures.year)),
                    published=f"{figures.year + 1}{report.published[4:]}",
                    index_number=f"{report.index_number.split('/')[0]}/{figures.year + 1}-09001",
                    text=text,
                )
            )
    return derived


def create_demo_portal(seeds_dir: Path = SEEDS_DIR, *, more_years: bool = False) -> Flask:
    """The demo portal as a Flask app; with ``more_years``, also the demonstration years."""
    app = Flask(__name__)
    reports = load_demo_reports(seeds_dir)
    if more_years:
        reports = sorted(
            [*reports, *demonstration_years(reports)],
            key=lambda report: report.published,
            reverse=True,
        )
    by_path = {report.path: report for report in reports}
    page_count = max(1, -(-len(reports) // REPORTS_PER_PAGE))

    @app.get("/")
    def home() -> str:
        body = (
            '<ul class="columns">'
            '<li><a href="/xxgk/index.html">政府信息公开</a></li>'
            '<li><a href="/xwzx/index.html">新闻中心</a></li>'
            "</ul>"
        )
        return _page("首页", body, breadcrumbs=[])

    @app.get("/xxgk/index.html")
    def disclosure_column() -> str:
        body = (
            '<ul class="columns">'
            '<li><a href="/xxgk/ndbg/index.html" title="政府信息公开年报">政府信息公开年报</a></li>'
            '<li><a href="/xxgk/zcwj/index.html">政策文件</a></li>'
            "</ul>"
        )
        return _page("政府信息公开", body, breadcrumbs=[("政府信息公开", "/xxgk/index.html")])

    @app.get("/xxgk/ndbg/index.html")
    @app.get("/xxgk/ndbg/index_<int:number>.html")
    def report_listing(number: int = 0) -> str:
        if number >= page_count:
            abort(404)
        chunk = reports[number * REPORTS_PER_PAGE : (number + 1) * REPORTS_PER_PAGE]
        items = "".join(
            f'<li><a href="{report.path}" title="{html.escape(report.title)}">'
            f'{html.escape(report.title)}</a><span class="date">{report.published}</span></li>'
            for report in chunk
        )
        if number == 0:
            items += (
                '<li><a href="/xxgk/ndbg/notice.html">关于做好2024年政府信息公开工作年度报告'
                '编制发布工作的通知</a><span class="date">2024-12-02</span></li>'
            )
        pager = []
        if number > 0:
            previous = "index.html" if number == 1 else f"index_{number - 1}.html"
            pager.append(f'<a href="/xxgk/ndbg/{previous}">上一页</a>')
        pager.append(f"<span>第 {number + 1} / {page_count} 页</span>")
        if number + 1 < page_count:
            pager.append(f'<a href="/xxgk/ndbg/index_{number + 1}.html">下一页</a>')
        body = f'<ul class="list">{items}</ul><div class="pager">{"".join(pager)}</div>'
        crumbs = [
            ("政府信息公开", "/xxgk/index.html"),
            ("政府信息公开年报", "/xxgk/ndbg/index.html"),
        ]
        return _page("政府信息公开年报", body, breadcrumbs=crumbs)

    @app.get("/xxgk/ndbg/notice.html")
    def notice() -> str:
        body = (
            '<div class="TRS_Editor"><p>各乡镇、各部门：</p><p>根据《中华人民共和国政府信息公开条例》'
            "要求，请于1月31日前完成本单位2024年政府信息公开工作年度报告的编制和发布工作。</p></div>"
        )
        return _page("关于做好年度报告编制发布工作的通知", body, breadcrumbs=[])

    @app.get("/xxgk/ndbg/<month>/t_<slug>.html")
    def report_page(month: str, slug: str) -> str:
        report = by_path.get(f"/xxgk/ndbg/{month}/t_{slug}.html")
        if report is None:
            abort(404)
        return _report_page(report)

    @app.get("/robots.txt")
    def robots() -> tuple[str, int, dict[str, str]]:
        return "User-agent: *\nDisallow: /admin/\n", 200, {"Content-Type": "text/plain"}

    return app


def _page(title: str, body: str, *, breadcrumbs: list[tuple[str, str]]) -> str:
    crumbs = "".join(
        f' &gt; <a href="{href}">{html.escape(name)}</a>' for name, href in breadcrumbs
    )
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(title)}_演示市人民政府</title>
<meta name="SiteName" content="演示市人民政府"></head>
<body>
<div class="demo-banner" style="background:#fde68a;padding:6px">{DEMO_BANNER}</div>
<div class="header"><h2>演示市人民政府门户网站</h2>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/xxgk/index.html">政府信息公开</a></li></ul></div>
<div class="position">当前位置：<a href="/">首页</a>{crumbs}</div>
<div class="main">{body}</div>
<div class="footer">主办：演示市人民政府办公室　网站标识码：0000000000　备案号：演示ICP备00000000号</div>
</body></html>"""


def _report_page(report: DemoReport) -> str:
    meta = (
        '<table class="xxgk-meta">'
        f"<tr><td>索引号：</td><td>{report.index_number}</td><td>主题分类：</td><td>政务公开</td></tr>"
        f"<tr><td>发布机构：</td><td>{html.escape(report.agency)}</td>"
        f"<td>发布日期：</td><td>{report.published}</td></tr>"
        f'<tr><td>名称：</td><td colspan="3">{html.escape(report.title)}</td></tr>'
        "</table>"
    )
    body = (
        f'{meta}<h1 class="article-title">{html.escape(report.title)}</h1>'
        f'<div class="TRS_Editor">{text_to_html(report.text)}</div>'
        '<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>'
        '<div class="print"><a href="#">【打印本页】</a> <a href="#">【关闭窗口】</a></div>'
    )
    crumbs = [("政府信息公开", "/xxgk/index.html"), ("政府信息公开年报", "/xxgk/ndbg/index.html")]
    head_meta = (
        f'<meta name="ArticleTitle" content="{html.escape(report.title)}">'
        f'<meta name="PubDate" content="{report.published}">'
        f'<meta name="ContentSource" content="{html.escape(report.agency)}">'
    )
    return _page(report.title, body, breadcrumbs=crumbs).replace(
        "</head>", head_meta + "</head>", 1
    )


def text_to_html(text: str) -> str:
    """Render a plain-text report as a CMS would: paragraphs, and table lines as ``<table>`` rows.

    Two table layouts occur in the seeds: tab-separated cells on one line per row, and one cell
    per line (each starting with a tab) with a blank line between rows, where a cell's text may
    continue on following lines and two blank lines end the table.
    """
    parts: list[str] = []
    rows: list[list[str]] = []
    lines = text.splitlines()

    def flush_rows() -> None:
        if rows:
            body = "".join(
                "<tr>" + "".join(f"<td>{html.escape(cell.strip())}</td>" for cell in row) + "</tr>"
                for row in rows
            )
            parts.append(f'<table border="1" class="MsoNormalTable">{body}</table>')
            rows.clear()

    index = 0
    while index < len(lines):
        line = lines[index]
        if _is_single_cell_line(line):
            index = _read_cell_per_line_table(lines, index, rows)
            flush_rows()
            continue
        if "\t" in line:
            rows.append(line.split("\t"))
        elif line.strip():
            flush_rows()
            parts.append(f"<p>{html.escape(line.strip())}</p>")
        elif rows and not any("\t" in later for later in lines[index + 1 : index + 2]):
            flush_rows()
        index += 1
    flush_rows()
    return "\n".join(parts)


def _is_single_cell_line(line: str) -> bool:
    return line.startswith("\t") and "\t" not in line[1:]


def _read_cell_per_line_table(lines: list[str], index: int, rows: list[list[str]]) -> int:
    """Collect rows of the one-cell-per-line layout starting at ``index``; return the next index."""
    row: list[str] = []
    blank_run = 0
    while index < len(lines):
        line = lines[index]
        if not line.strip() and not line.startswith("\t"):
            blank_run += 1
            if blank_run >= 2:
                break
        elif line.startswith("\t"):
            if blank_run and row:
                rows.append(row)
                row = []
            row.append(line[1:])
            blank_run = 0
        elif row:  # a cell's text continued on the next line (e.g. 自 / 然 / 人)
            row[-1] += line.strip()
            blank_run = 0
        else:
            break
        index += 1
    if row:
        rows.append(row)
    return index


class _QuietRequestHandler(WSGIRequestHandler):
    """Does not print a line per request."""

    def log_request(self, *args: object, **kwargs: object) -> None:
        return


class DemoPortalServer:
    """The demo portal running in a background thread on 127.0.0.1 (port 0 = a free port)."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        seeds_dir: Path = SEEDS_DIR,
        *,
        more_years: bool = False,
    ) -> None:
        self._server: BaseWSGIServer = make_server(
            host,
            port,
            create_demo_portal(seeds_dir, more_years=more_years),
            threaded=True,
            request_handler=_QuietRequestHandler,
        )
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>``."""
        return f"http://{self._server.host}:{self._server.server_port}"

    @property
    def listing_url(self) -> str:
        """The annual-report listing, the crawl's start URL."""
        return f"{self.base_url}/xxgk/ndbg/index.html"

    def start(self) -> DemoPortalServer:
        """Start serving."""
        self._thread.start()
        return self

    def wait(self) -> None:
        """Block until the server thread ends (Ctrl+C interrupts)."""
        while self._thread.is_alive():
            self._thread.join(timeout=0.5)

    def stop(self) -> None:
        """Stop serving and release the port."""
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> DemoPortalServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
