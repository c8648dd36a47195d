"""Chinese labels for the public field names and values of REPORT_SCHEMA.md.

The data keeps its English keys (they are the API's contract); only what a reader sees is
translated, and always through this module.
"""

from __future__ import annotations

FIELD_LABELS: dict[str, str] = {
    "title": "标题",
    "agency": "机关",
    "agency_kind": "机关类别",
    "province": "省份",
    "city": "市（州、盟）",
    "county": "县（区、市）",
    "township": "乡镇（街道）",
    "level": "层级",
    "division_code": "区划代码",
    "year": "年度",
    "template": "报告格式",
    "published": "发布日期",
    "consistency": "一致性校验",
    "timeliness": "按时发布",
    "changed_after_publication": "发布后修改",
}

LEVEL_LABELS: dict[str, str] = {
    "central": "中央",
    "province": "省级",
    "city": "市级",
    "county": "县级",
    "township": "乡镇级",
}

TEMPLATE_LABELS: dict[str, str] = {
    "2021": "2021年版格式（国办公开办函〔2021〕30号）",
    "2019": "2019年版格式（〔2019〕60号）",
    "pre2019": "2019年以前的格式",
}

TEMPLATE_BASIS_LABELS: dict[str, str] = {
    "cited": "依据：正文引用的通知",
    "tables": "依据：统计表的形状",
    "year": "依据：报告年度（正文未注明）",
}

VERSION_ROLE_LABELS: dict[str, str] = {
    "page": "网页",
    "attachment": "附件",
    "file": "本地导入文件",
    "page_images": "网页中的图片（合成 PDF）",
}

CONSISTENCY_LABELS: dict[str, str] = {
    "pass": "校验通过",
    "fail": "存在不一致",
    "unchecked": "未校验",
    "not_assessable": "无法判断",
    "doubtful": "读取存疑",
}

TIMELINESS_LABELS: dict[str, str] = {"pass": "按时", "fail": "逾期", "unknown": "无法判断"}
CHANGED_LABELS: dict[str, str] = {"true": "发布后有修改", "false": "未见修改"}

CHECK_RULE_LABELS: dict[str, str] = {
    "applications_balance": "申请情况表勾稽关系（新收＋结转＝总计＋结转下年）",
    "applications_results_total": "处理结果合计等于各项之和",
    "applications_column_total": "各行总计等于各类申请人之和",
    "reviews_totals": "复议诉讼各项之和等于总计",
    "text_vs_tables": "正文数字与表格一致",
    "carried_over_continuity": "上年结转与上一年度结转下年一致",
}

TABLE_LABELS: dict[str, str] = {
    "active": "主动公开政府信息情况",
    "applications": "收到和处理政府信息公开申请情况",
    "reviews": "政府信息公开行政复议、行政诉讼情况",
}

APPLICANT_COLUMN_LABELS: dict[str, str] = {
    "natural_person": "自然人",
    "commercial": "商业企业",
    "research": "科研机构",
    "public_interest": "社会公益组织",
    "legal_service": "法律服务机构",
    "other_org": "其他",
    "total": "总计",
}

APPLICATION_ROW_LABELS: dict[str, str] = {
    "new": "一、本年新收政府信息公开申请数量",
    "carried_over": "二、上年结转政府信息公开申请数量",
    "granted": "（一）予以公开",
    "partial": "（二）部分公开",
    "denied_state_secret": "（三）不予公开 1.属于国家秘密",
    "denied_prohibited": "（三）不予公开 2.其他法律行政法规禁止公开",
    "denied_security_stability": "（三）不予公开 3.危及“三安全一稳定”",
    "denied_third_party": "（三）不予公开 4.保护第三方合法权益",
    "denied_internal": "（三）不予公开 5.属于三类内部事务信息",
    "denied_process": "（三）不予公开 6.属于四类过程性信息",
    "denied_enforcement_file": "（三）不予公开 7.属于行政执法案卷",
    "denied_query": "（三）不予公开 8.属于行政查询事项",
    "unavailable_not_held": "（四）无法提供 1.本机关不掌握相关政府信息",
    "unavailable_needs_creation": "（四）无法提供 2.没有现成信息需要另行制作",
    "unavailable_unclear": "（四）无法提供 3.补正后申请内容仍不明确",
    "rejected_petition": "（五）不予处理 1.信访举报投诉类申请",
    "rejected_repeat": "（五）不予处理 2.重复申请",
    "rejected_publication": "（五）不予处理 3.要求提供公开出版物",
    "rejected_excessive": "（五）不予处理 4.无正当理由大量反复申请",
    "rejected_confirmation": "（五）不予处理 5.要求行政机关确认或重新出具已获取信息",
    "other_no_correction": "（六）其他处理 1.申请人无正当理由逾期不补正",
    "other_fee_unpaid": "（六）其他处理 2.申请人逾期未缴纳信息处理费",
    "other_other": "（六）其他处理 3.其他",
    "other": "（六）其他处理",
    "results_total": "（七）总计",
    "carried_forward": "四、结转下年度继续办理",
}

REVIEW_GROUP_LABELS: dict[str, str] = {
    "review": "行政复议",
    "litigation": "行政诉讼（未经复议直接起诉）",
    "litigation_after_review": "行政诉讼（复议后起诉）",
}

REVIEW_COLUMN_LABELS: dict[str, str] = {
    "upheld": "结果维持",
    "corrected": "结果纠正",
    "other": "其他结果",
    "pending": "尚未审结",
    "total": "总计",
}

ACTIVE_ITEM_LABELS: dict[str, str] = {
    "rules": "规章",
    "normative_documents": "规范性文件",
    "licensing": "行政许可",
    "other_services": "其他对外管理服务事项",
    "punishment": "行政处罚",
    "enforcement": "行政强制",
    "fees": "行政事业性收费",
    "procurement": "政府集中采购",
}

ACTIVE_FIELD_LABELS: dict[str, str] = {
    "made": "本年制发件数",
    "repealed": "本年废止件数",
    "in_force": "现行有效件数",
    "decisions": "本年处理决定数量",
    "amount": "金额（万元）",
    "new_made": "本年新制作数量",
    "new_published": "本年新公开数量",
    "total_published": "对外公开总数量",
    "last_year_items": "上一年项目数量",
    "change": "本年增/减",
    "items": "采购项目数量",
}

SORT_LABELS: dict[str, str] = {
    "relevance": "按相关度",
    "year": "按年度（新→旧）",
    "published": "按发布日期（新→旧）",
}


def value_label(field_name: str, value: str | None) -> str:
    """How a facet or tag value is shown, e.g. ``level=county`` → ``县级``."""
    if value is None or value == "":
        return "（未知）"
    table = {
        "level": LEVEL_LABELS,
        "template": TEMPLATE_LABELS,
        "template_basis": TEMPLATE_BASIS_LABELS,
        "consistency": CONSISTENCY_LABELS,
        "version_role": VERSION_ROLE_LABELS,
        "timeliness": TIMELINESS_LABELS,
        "changed_after_publication": CHANGED_LABELS,
    }.get(field_name)
    if table is not None:
        return table.get(value, value)
    if field_name == "year":
        return f"{value}年"
    return value
