"""Field names and values of the query language in Chinese as well as English.

``level:县级`` is ``level:county``, ``层级:县级`` too; ``consistency:不一致`` is
``consistency:fail``. The Chinese words are the labels the portal shows for each value
(``portal/labels.py``; a test keeps the two in step) plus common short forms.
"""

from __future__ import annotations

#: Chinese field names → the query language's field.
FIELD_ALIASES: dict[str, str] = {
    "标题": "title",
    "机关": "agency",
    "单位": "agency",
    "正文": "body",
    "全文": "body",
    "省": "province",
    "省份": "province",
    "市": "city",
    "城市": "city",
    "地市": "city",
    "县": "county",
    "区县": "county",
    "县区": "county",
    "乡镇": "township",
    "街道": "township",
    "机关类别": "agency_kind",
    "类别": "agency_kind",
    "层级": "level",
    "级别": "level",
    "格式": "template",
    "报告格式": "template",
    "模板": "template",
    "一致性": "consistency",
    "一致性校验": "consistency",
    "按时发布": "timeliness",
    "发布后修改": "changed_after_publication",
    "年度": "year",
    "年份": "year",
    "年": "year",
}

#: Accepted words for the values of exact fields → the stored value.
VALUE_ALIASES: dict[str, dict[str, str]] = {
    "level": {
        "中央": "central",
        "国家级": "central",
        "部委": "central",
        "省级": "province",
        "省": "province",
        "市级": "city",
        "地市级": "city",
        "市": "city",
        "县级": "county",
        "区县级": "county",
        "县": "county",
        "乡镇级": "township",
        "乡镇": "township",
        "乡级": "township",
        "镇级": "township",
        "街道": "township",
    },
    "template": {
        "2021年版格式（国办公开办函〔2021〕30号）": "2021",
        "2021年版": "2021",
        "2021版": "2021",
        "2019年版格式（〔2019〕60号）": "2019",
        "2019年版": "2019",
        "2019版": "2019",
        "2019年以前的格式": "pre2019",
        "2019年以前": "pre2019",
        "旧版": "pre2019",
    },
    "consistency": {
        "校验通过": "pass",
        "通过": "pass",
        "一致": "pass",
        "存在不一致": "fail",
        "不一致": "fail",
        "未通过": "fail",
        "未校验": "unchecked",
        "无法判断": "not_assessable",
        "读取存疑": "doubtful",
        "存疑": "doubtful",
    },
    "timeliness": {"按时": "pass", "按时发布": "pass", "逾期": "fail", "无法判断": "unknown"},
    "changed_after_publication": {"是": "true", "有修改": "true", "否": "false", "未修改": "false"},
}

#: The stored values of each exact field, in the order error messages list them.
EXACT_VALUES: dict[str, tuple[str, ...]] = {
    "level": ("central", "province", "city", "county", "township"),
    "template": ("2021", "2019", "pre2019"),
    "consistency": ("pass", "fail", "unchecked", "not_assessable", "doubtful"),
    "timeliness": ("pass", "fail", "unknown"),
    "changed_after_publication": ("true", "false"),
}


def field_name(name: str) -> str:
    """The query field a (Chinese or English) field name stands for; unknown names unchanged."""
    return FIELD_ALIASES.get(name, name.lower())


def exact_value(field: str, value: str) -> str | None:
    """The stored value ``value`` names for an exact field, or None when it names none."""
    value = value.strip()
    if value in EXACT_VALUES.get(field, ()):
        return value
    lowered = value.lower()
    if lowered in EXACT_VALUES.get(field, ()):
        return lowered
    return VALUE_ALIASES.get(field, {}).get(value)


def known_words(field: str) -> list[str]:
    """The values an exact field accepts, for error messages."""
    chinese = [word for word, stored in VALUE_ALIASES.get(field, {}).items() if len(word) <= 6]
    return [*EXACT_VALUES.get(field, ()), *chinese]
