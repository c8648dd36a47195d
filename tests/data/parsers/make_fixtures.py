"""Builds the saved HTML fixtures of tests/parsers (run once: ``python tests/data/parsers/make_fixtures.py``).

``gbk_portal_page.html``: a county bureau's 2021-template report as a government portal serves it:
GBK bytes under a WRONG ``<meta charset="utf-8">``, navigation, breadcrumbs, share buttons,
a metadata table, 上一篇/下一篇, and statistics tables with rowspan/colspan and non-zero numbers.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent


def _cells(values: list[str]) -> str:
    return "".join(f"<td>{value}</td>" for value in values)


def applications_table() -> str:
    zeros = ["0"] * 7
    result_rows = [
        (
            '<td rowspan="22">三、本年度办理结果</td><td colspan="2">（一）予以公开</td>',
            ["3", "1", "0", "0", "0", "0", "4"],
        ),
        (
            '<td colspan="2">（二）部分公开（区分处理的，只计这一情形，不计其他情形）</td>',
            ["1", "0", "0", "0", "0", "0", "1"],
        ),
        ('<td rowspan="8">（三）不予公开</td><td>1.属于国家秘密</td>', zeros),
        ("<td>2.其他法律行政法规禁止公开</td>", zeros),
        ("<td>3.危及“三安全一稳定”</td>", zeros),
        ("<td>4.保护第三方合法权益</td>", zeros),
        ("<td>5.属于三类内部事务信息</td>", zeros),
        ("<td>6.属于四类过程性信息</td>", zeros),
        ("<td>7.属于行政执法案卷</td>", zeros),
        ("<td>8.属于行政查询事项</td>", zeros),
        (
            '<td rowspan="3">（四）无法提供</td><td>1.本机关不掌握相关政府信息</td>',
            ["1", "1", "0", "0", "0", "0", "2"],
        ),
        ("<td>2.没有现成信息需要另行制作</td>", zeros),
        ("<td>3.补正后申请内容仍不明确</td>", zeros),
        ('<td rowspan="5">（五）不予处理</td><td>1.信访举报投诉类申请</td>', zeros),
        ("<td>2.重复申请</td>", zeros),
        ("<td>3.要求提供公开出版物</td>", zeros),
        ("<td>4.无正当理由大量反复申请</td>", zeros),
        ("<td>5.要求行政机关确认或重新出具已获取信息</td>", zeros),
        (
            '<td rowspan="3">（六）其他处理</td><td>1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请</td>',
            zeros,
        ),
        (
            "<td>2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请</td>",
            zeros,
        ),
        ("<td>3.其他</td>", zeros),
        ('<td colspan="2">（七）总计</td>', ["5", "2", "0", "0", "0", "0", "7"]),
    ]
    rows = [
        '<tr><td rowspan="3" colspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan="7">申请人情况</td></tr>',
        '<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>',
        "<tr><td>商业<br>企业</td><td>科研<br>机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>",
        '<tr><td colspan="3">一、本年新收政府信息公开申请数量</td>'
        + _cells(["5", "2", "0", "0", "0", "0", "7"])
        + "</tr>",
        '<tr><td colspan="3">二、上年结转政府信息公开申请数量</td>'
        + _cells(["1", "0", "0", "0", "0", "0", "1"])
        + "</tr>",
        *(f"<tr>{label}{_cells(values)}</tr>" for label, values in result_rows),
        '<tr><td colspan="3">四、结转下年度继续办理</td>'
        + _cells(["1", "0", "0", "0", "0", "0", "1"])
        + "</tr>",
    ]
    return '<table border="1" class="MsoNormalTable">' + "\n".join(rows) + "</table>"


def active_table() -> str:
    return """<table border="1">
<tr><td colspan="4">第二十条第（一）项</td></tr>
<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
<tr><td>规章</td><td>1</td><td>0</td><td>3</td></tr>
<tr><td>行政规范性文件</td><td>2</td><td>1</td><td>10</td></tr>
<tr><td colspan="4">第二十条第（五）项</td></tr>
<tr><td>信息内容</td><td colspan="3">本年处理决定数量</td></tr>
<tr><td>行政许可</td><td colspan="3">1,234</td></tr>
<tr><td colspan="4">第二十条第（六）项</td></tr>
<tr><td>信息内容</td><td colspan="3">本年处理决定数量</td></tr>
<tr><td>行政处罚</td><td colspan="3">１２</td></tr>
<tr><td>行政强制</td><td colspan="3">—</td></tr>
<tr><td colspan="4">第二十条第（八）项</td></tr>
<tr><td>信息内容</td><td colspan="3">本年收费金额（单位：万元）</td></tr>
<tr><td>行政事业性收费</td><td colspan="3">0.00</td></tr>
</table>"""


def reviews_table() -> str:
    header = "".join(
        f"<td>{name}</td>" for name in ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    )
    return f"""<table border="1">
<tr><td colspan="5" rowspan="2">行政复议</td><td colspan="10">行政诉讼</td></tr>
<tr><td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>
<tr>{header}{header}{header}</tr>
<tr>{_cells(["1", "0", "0", "0", "1"] + ["0"] * 10)}</tr>
</table>"""


def gbk_portal_page() -> bytes:
    page = f"""<!DOCTYPE html>
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<meta name="ArticleTitle" content="清水县科学技术局2021年政府信息公开工作年度报告">
<meta name="PubDate" content="2022-01-25 09:30">
<meta name="ContentSource" content="清水县科学技术局">
<title>清水县科学技术局2021年政府信息公开工作年度报告_清水县人民政府</title>
<script>var nav = "首页 政务公开 上一篇";</script>
<style>.TRS_Editor p {{ line-height: 2; }}</style>
</head><body>
<div class="header"><div class="logo">清水县人民政府</div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/hdjl">互动交流</a></li></ul></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 年度报告</div>
<div class="main">
<table class="xxgk-meta">
<tr><td>索引号：</td><td>11620524/2022-00031</td><td>主题分类：</td><td>政务公开</td></tr>
<tr><td>发布机构：</td><td>清水县科学技术局</td><td>成文日期：</td><td>2022-01-20</td></tr>
<tr><td>发文字号：</td><td>清科发〔2022〕3号</td><td>发布日期：</td><td>2022-01-25</td></tr>
</table>
<h1 class="article-title">清水县科学技术局2021年政府信息公开工作年度报告</h1>
<div class="bdsharebuttonbox">分享到：<a class="bds_weixin">微信</a><a class="bds_tsina">微博</a></div>
<div class="TRS_Editor">
<p>根据《中华人民共和国政府信息公开条例》和国办公开办函〔2021〕30号要求，现发布本报告。</p>
<p><strong>一、总体情况</strong></p>
<p>　　2021年，本局共收到政府信息公开申请7件，均已按时答复。</p>
<p><strong>二、主动公开政府信息情况</strong></p>
{active_table()}
<p><strong>三、收到和处理政府信息公开申请情况</strong></p>
{applications_table()}
<p><strong>四、政府信息公开行政复议、行政诉讼情况</strong></p>
{reviews_table()}
<p><strong>五、存在的主要问题及改进情况</strong></p>
<p>　　公开内容还不够全面，下一步将加强培训。</p>
<p><strong>六、其他需要报告的事项</strong></p>
<p>　　本年度未收取信息处理费。</p>
</div>
<div class="pages-nav"><p>上一篇：<a href="/a">关于开展科技活动周的通知</a></p><p>下一篇：<a href="/b">2021年部门预算</a></p></div>
<div class="article-tools">【<a href="javascript:window.print()">打印</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
</div>
<div class="footer">版权所有：清水县人民政府 地址：清水县永清镇 网站标识码：6205240001</div>
</body></html>"""
    return page.encode("gbk")


def main() -> None:
    (HERE / "gbk_portal_page.html").write_bytes(gbk_portal_page())


if __name__ == "__main__":
    main()
