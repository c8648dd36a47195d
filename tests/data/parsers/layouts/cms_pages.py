"""Report bodies wrapped in the page chrome of the main government CMS families.

Each family puts the article in its own container (TRS WCM ``div.TRS_Editor``, Hanweb ``#zoom`` or
``.bt_content``, 博达/VSB ``form > #vsb_content > .v_news_content``, Dede/PHPCMS
``.article-content``) and surrounds it with navigation, breadcrumbs, a metadata block, share and
QR-code widgets, 打印/关闭, 上一篇/下一篇, 相关链接 and a footer with 网站标识码 and ICP备.
"""

from __future__ import annotations

from collections.abc import Sequence

#: Words of the chrome that must never reach the report's text or sections.
CHROME_WORDS = (
    "上一篇", "下一篇", "相关链接", "扫一扫", "打印", "关闭", "网站标识码", "ICP备",
    "公网安备", "分享到", "当前位置", "浏览次数", "主办单位", "技术支持", "首页",
)  # fmt: skip

HEAD = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<meta name="SiteName" content="{site}" />
<meta name="ColumnName" content="政府信息公开年报" />
<title>{title}_{site}</title>
<link rel="stylesheet" href="/css/style.css" />
<script src="/js/jquery.min.js"></script>
<script>var _hmt = _hmt || []; document.write("上一篇");</script>
</head><body>"""
TOP = """<div class="top-bar"><span>欢迎访问{site}</span><a href="/">无障碍浏览</a><a href="/">长者模式</a></div>
<div class="header"><div class="logo"><img src="/images/logo.png" alt="{site}" /></div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/hdjl/">互动交流</a></li><li><a href="/zwfw/">政务服务</a></li></ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/ndbg/">政府信息公开年报</a></div>"""
META = """<table class="xxgk_table" width="100%"><tr><td class="t1">索引号：</td><td>11640100MB1763274K/2022-00031</td>
<td class="t1">发布机构：</td><td>{agency}</td></tr><tr><td class="t1">发布日期：</td><td>2022-01-20</td>
<td class="t1">主题分类：</td><td>政务公开</td></tr></table>"""
INFO = """<h1 class="article-title">{title}</h1>
<div class="article-info">发布时间：2022-01-20 10:32 来源：{agency} 浏览次数：<span id="hits">386</span>
【字体：<a>大</a> <a>中</a> <a>小</a>】</div>"""
AFTER = """<div class="bdsharebuttonbox"><span>分享到：</span><a class="bds_weixin">微信</a><a class="bds_tsina">微博</a></div>
<div class="qrcode"><img src="/qr.png" alt="" /><p>扫一扫在手机打开当前页</p></div>
<div class="print-close"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
<div class="pre-next"><p>上一篇：<a href="/zwgk/ndbg/1.html">关于印发2022年政务公开工作要点的通知</a></p>
<p>下一篇：<a href="/zwgk/ndbg/2.html">{agency}2020年政府信息公开工作年度报告</a></p></div>
<div class="xglj"><h3>相关链接</h3><ul>
<li><a href="/a.html">国务院办公厅政府信息与政务公开办公室关于印发《中华人民共和国政府信息公开工作年度报告格式》的通知</a></li>
<li><a href="/b.html">{agency}2019年政府信息公开工作年度报告</a></li></ul></div>"""
FOOT = """<div class="foot"><p>主办单位：{site}办公室　承办单位：市大数据管理服务中心　技术支持：某某信息技术有限公司</p>
<p>网站标识码：6401000001　<a href="https://beian.miit.gov.cn">宁ICP备05001338号-1</a>　<a>宁公网安备 64010402000101号</a></p>
<p>联系电话：0951-6888888　地址：某某路1号</p></div>
<script>$(function(){{ $("#hits").load("/count"); }});</script></body></html>"""

FAMILIES = (
    "trs", "hanweb_zoom", "hanweb_bt", "vsb", "v_news", "dede", "trs_siblings", "no_container",
)  # fmt: skip


def wrap(family: str, blocks: Sequence[str], *, title: str, agency: str, site: str) -> str:
    """A whole portal page of the given CMS family around the report body's HTML blocks."""
    body = "\n".join(blocks)
    fill = {"title": title, "agency": agency, "site": site}
    top = HEAD.format(**fill) + TOP.format(**fill)
    meta, info, after, foot = (part.format(**fill) for part in (META, INFO, AFTER, FOOT))
    if family == "trs":
        article = f'<div class="TRS_Editor"><div class="Custom_UnionStyle">{body}</div></div>'
        main = f'<div class="main">{meta}{info}<div class="article">{article}</div>{after}</div>'
    elif family == "hanweb_zoom":
        main = (
            f'<div class="main_con">{meta}<table width="100%"><tr><td class="title">{title}</td></tr>'
            f'<tr><td id="zoom" class="bt_content">{body}</td></tr></table>{after}</div>'
        )
    elif family == "hanweb_bt":
        main = f'<div class="con">{info}<div class="bt_content">{body}</div>{after}</div>'
    elif family == "vsb":
        main = (
            f'<div class="content">{info}<form name="_newscontent_fromname">'
            f'<div id="vsb_content"><div class="v_news_content">{body}</div></div>'
            '<div id="div_vote_id"></div></form>'
            f"{after}</div>"
        )
    elif family == "v_news":
        main = f'<div class="main-txt">{info}<div class="v_news_content">{body}</div>{after}</div>'
    elif family == "dede":
        main = (
            f'<div class="article">{info}<div class="article-content">{body}</div>'
            f'<div class="context">{after}</div></div>'
        )
    else:
        parts = split_blocks(blocks, 3)
        if family == "trs_siblings":
            divs = "".join(f'<div class="TRS_Editor">{part}</div>' for part in parts)
        else:
            divs = "".join(f'<div class="txt">{part}</div>' for part in parts)
        main = f'<div class="detail">{info}<div class="detail-body">{divs}</div>{after}</div>'
    return f"{top}{main}{foot}"


def split_blocks(blocks: Sequence[str], parts: int) -> list[str]:
    """The body's blocks in ``parts`` runs of similar length."""
    size = -(-len(blocks) // parts)
    return ["\n".join(blocks[i : i + size]) for i in range(0, len(blocks), size)]
