"""Small report texts in the tab-separated layout of the seeds, built from chosen numbers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

ZEROS = ("0",) * 7

#: Template row labels as published, by row key (2021 template).
LABELS_2021: dict[str, str] = {
    "new": "一、本年新收政府信息公开申请数量",
    "carried_over": "二、上年结转政府信息公开申请数量",
    "granted": "三、本年度办理结果\t(一)予以公开",
    "partial": "\t(二)部分公开(区分处理的,只计这一情形,不计其他情形)",
    "denied_state_secret": "\t(三)不予公开\t1.属于国家秘密",
    "denied_prohibited": "\t\t2.其他法律行政法规禁止公开",
    "denied_security_stability": "\t\t3.危及“三安全一稳定”",
    "denied_third_party": "\t\t4.保护第三方合法权益",
    "denied_internal": "\t\t5.属于三类内部事务信息",
    "denied_process": "\t\t6.属于四类过程性信息",
    "denied_enforcement_file": "\t\t7.属于行政执法案卷",
    "denied_query": "\t\t8.属于行政查询事项",
    "unavailable_not_held": "\t(四)无法提供\t1.本机关不掌握相关政府信息",
    "unavailable_needs_creation": "\t\t2.没有现成信息需要另行制作",
    "unavailable_unclear": "\t\t3.补正后申请内容仍不明确",
    "rejected_petition": "\t(五)不予处理\t1.信访举报投诉类申请",
    "rejected_repeat": "\t\t2.重复申请",
    "rejected_publication": "\t\t3.要求提供公开出版物",
    "rejected_excessive": "\t\t4.无正当理由大量反复申请",
    "rejected_confirmation": "\t\t5.要求行政机关确认或重新出具已获取信息",
    "other_no_correction": "\t(六)其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "other_fee_unpaid": "\t\t2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "other_other": "\t\t3.其他",
    "results_total": "\t(七)总计",
    "carried_forward": "四、结转下年度继续办理",
}
LABELS_2019: dict[str, str] = {
    **{key: label for key, label in LABELS_2021.items() if not key.startswith("other_")},
    "other": "\t(六)其他处理",
}
ORDER_2019 = [*list(LABELS_2021)[:20], "other", "results_total", "carried_forward"]

ACTIVE_2021_TEXT = """第二十条第（一）项\t\t\t
信息内容\t本年制发件数\t本年废止件数\t现行有效件数
规章\t0\t0\t0
行政规范性文件\t0\t0\t0
第二十条第（五）项\t\t\t
信息内容\t本年处理决定数量\t\t
行政许可\t0\t\t
第二十条第（六）项\t\t\t
信息内容\t本年处理决定数量\t\t
行政处罚\t0\t\t
行政强制\t0\t\t
第二十条第（八）项\t\t\t
信息内容\t本年收费金额（单位：万元）\t\t
行政事业性收费\t0\t\t"""

REVIEWS_HEADER = """行政复议\t\t\t\t\t行政诉讼\t\t\t\t\t\t\t\t\t
结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t
\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计"""


def applications_text(
    values: Mapping[str, Sequence[str]], *, template: str = "2021", omit: Sequence[str] = ()
) -> str:
    """Table 三 as tab-separated lines; rows not in ``values`` are all zeros."""
    labels = LABELS_2019 if template == "2019" else LABELS_2021
    order = ORDER_2019 if template == "2019" else list(LABELS_2021)
    lines = [
        "(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)\t申请人情况\t\t\t\t\t\t总计",
        "\t自然人\t法人或其他组织\t\t\t\t\t",
        "\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t",
    ]
    for key in order:
        if key in omit:
            continue
        lines.append(labels[key] + "\t" + "\t".join(values.get(key, ZEROS)))
    return "\n".join(lines)


def report_text(
    applications: str,
    *,
    prose: str = "本年度工作情况良好。",
    active: str = ACTIVE_2021_TEXT,
    reviews_row: str = "\t".join(["0"] * 15),
    notice: str = "（国办公开办函〔2021〕30号）",
) -> str:
    """A whole report in the seeds' layout around the given tables and prose."""
    return f"""示例县科学技术局

2021年政府信息公开工作年度报告

根据{notice}要求，现发布本报告。

一、总体情况

{prose}

二、主动公开政府信息情况

{active}

三、收到和处理政府信息公开申请情况

{applications}

四、政府信息公开行政复议、行政诉讼情况

{REVIEWS_HEADER}
{reviews_row}

五、存在的主要问题及改进情况

公开内容还不够全面。

六、其他需要报告的事项

无。
"""
