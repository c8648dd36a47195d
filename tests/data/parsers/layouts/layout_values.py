"""Numbers and labels of the layout fixtures: distinct, non-zero, balanced unless told otherwise.

Every fixture of ``make_layouts.py`` is drawn from these values, and ``expected.json`` records the
tables the parser must read from it. Values differ from column to column and from row to row, so
a column shift or a row mix-up changes at least one cell.
"""

from __future__ import annotations

import copy
from typing import Any

APPLICANTS = (
    "natural_person", "commercial", "research", "public_interest", "legal_service", "other_org",
)  # fmt: skip
COLUMNS = (*APPLICANTS, "total")

#: (group label or None, [(row key, label)]) of the 三、本年度办理结果 block, 2021 template.
RESULT_GROUPS_2021: list[tuple[str | None, list[tuple[str, str]]]] = [
    (None, [("granted", "（一）予以公开")]),
    (None, [("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）")]),
    (
        "（三）不予公开",
        [
            ("denied_state_secret", "1．属于国家秘密"),
            ("denied_prohibited", "2．其他法律行政法规禁止公开"),
            ("denied_security_stability", "3．危及“三安全一稳定”"),
            ("denied_third_party", "4．保护第三方合法权益"),
            ("denied_internal", "5．属于三类内部事务信息"),
            ("denied_process", "6．属于四类过程性信息"),
            ("denied_enforcement_file", "7．属于行政执法案卷"),
            ("denied_query", "8．属于行政查询事项"),
        ],
    ),
    (
        "（四）无法提供",
        [
            ("unavailable_not_held", "1．本机关不掌握相关政府信息"),
            ("unavailable_needs_creation", "2．没有现成信息需要另行制作"),
            ("unavailable_unclear", "3．补正后申请内容仍不明确"),
        ],
    ),
    (
        "（五）不予处理",
        [
            ("rejected_petition", "1．信访举报投诉类申请"),
            ("rejected_repeat", "2．重复申请"),
            ("rejected_publication", "3．要求提供公开出版物"),
            ("rejected_excessive", "4．无正当理由大量反复申请"),
            ("rejected_confirmation", "5．要求行政机关确认或重新出具已获取信息"),
        ],
    ),
    (
        "（六）其他处理",
        [
            (
                "other_no_correction",
                "1．申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            ),
            (
                "other_fee_unpaid",
                "2．申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            ),
            ("other_other", "3．其他"),
        ],
    ),
    (None, [("results_total", "（七）总计")]),
]
RESULT_GROUPS_2019 = [
    *RESULT_GROUPS_2021[:5],
    (None, [("other", "（六）其他处理")]),
    RESULT_GROUPS_2021[6],
]
TOP_ROWS = [
    ("new", "一、本年新收政府信息公开申请数量"),
    ("carried_over", "二、上年结转政府信息公开申请数量"),
]
BOTTOM_ROWS = [("carried_forward", "四、结转下年度继续办理")]
RESULTS_HEADING = "三、本年度办理结果"
NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

Applications = dict[str, dict[str, Any]]


def result_groups(template: str) -> list[tuple[str | None, list[tuple[str, str]]]]:
    """The result block of a template."""
    return RESULT_GROUPS_2019 if template == "2019" else RESULT_GROUPS_2021


def row_order(template: str) -> list[str]:
    """All row keys of table 三 in template order."""
    results = [key for _, rows in result_groups(template) for key, _ in rows]
    return ["new", "carried_over", *results, "carried_forward"]


def applications_values(template: str = "2021", *, seed: int = 0) -> Applications:
    """A balanced table 三: every column adds up, every row's total is its sum."""
    results = [
        key for _, rows in result_groups(template) for key, _ in rows if key != "results_total"
    ]
    table: Applications = {}
    for index, key in enumerate(results):
        table[key] = {c: (index * 6 + i + seed) % 13 + 1 for i, c in enumerate(APPLICANTS)}
    table["results_total"] = {c: sum(table[k][c] for k in results) for c in APPLICANTS}
    table["carried_over"] = {c: i + 2 for i, c in enumerate(APPLICANTS)}
    table["carried_forward"] = {c: i + 1 for i, c in enumerate(APPLICANTS)}
    table["new"] = {
        c: table["results_total"][c] + table["carried_forward"][c] - table["carried_over"][c]
        for c in APPLICANTS
    }
    for row in table.values():
        row["total"] = sum(row[c] for c in APPLICANTS)
    return {key: table[key] for key in row_order(template)}


def unbalanced(table: Applications, row: str, column: str, delta: int) -> Applications:
    """A copy with one applicant cell (and its row total) changed by ``delta``."""
    changed = copy.deepcopy(table)
    changed[row][column] += delta
    changed[row]["total"] += delta
    return changed


REVIEWS: dict[str, dict[str, Any]] = {
    "review": {"upheld": 3, "corrected": 1, "other": 2, "pending": 4, "total": 10},
    "litigation": {"upheld": 5, "corrected": 2, "other": 6, "pending": 1, "total": 14},
    "litigation_after_review": {
        "upheld": 7,
        "corrected": 8,
        "other": 9,
        "pending": 11,
        "total": 35,
    },
}

ACTIVE_2021: dict[str, dict[str, Any]] = {
    "rules": {"made": 2, "repealed": 1, "in_force": 13},
    "normative_documents": {"made": 5, "repealed": 3, "in_force": 27},
    "licensing": {"decisions": 146},
    "punishment": {"decisions": 38},
    "enforcement": {"decisions": 9},
    "fees": {"amount": 12.35},
}
ACTIVE_2019: dict[str, dict[str, Any]] = {
    "rules": {"new_made": 1, "new_published": 2, "total_published": 17},
    "normative_documents": {"new_made": 4, "new_published": 6, "total_published": 31},
    "licensing": {"last_year_items": 12, "change": 2, "decisions": 356},
    "other_services": {"last_year_items": 8, "change": -1, "decisions": 40},
    "punishment": {"last_year_items": 5, "change": 0, "decisions": 77},
    "enforcement": {"last_year_items": 3, "change": 1, "decisions": 6},
    "fees": {"last_year_items": 0, "change": 0},
    "procurement": {"items": 14, "amount": 12.35},
}


def add_to_result(table: Applications, row: str, column: str, delta: int) -> Applications:
    """A copy with a result cell raised by ``delta`` and the totals and 本年新收 kept balanced."""
    changed = copy.deepcopy(table)
    for key in (row, "results_total", "new"):
        changed[key][column] += delta
        changed[key]["total"] += delta
    return changed
