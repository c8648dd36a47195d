"""Every accountability rule: a stable id, a Chinese name and what it checks (shown on ``/rules``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    """One rule applied to every report."""

    id: str
    name: str
    description: str
    category: str


RULES: tuple[Rule, ...] = (
    Rule(
        "timeliness",
        "按时发布",
        "按《政府信息公开条例》第四十九条：县级以上人民政府部门应于每年1月31日前、县级以上地方人民政府"
        "应于每年3月31日前公布上一年度报告；乡镇（街道）等按各省规定（默认3月31日）。2018年及以前的报告"
        "按原条例第三十一条，统一为3月31日。以页面注明的发布日期为准；未注明时，若本站首次采集早于期限即为按时，"
        "否则无法判断。",
        "时效",
    ),
    Rule(
        "completeness.sections",
        "六个部分齐全",
        "报告应包含总体情况、主动公开、收到和处理申请、行政复议和行政诉讼、存在的主要问题及改进情况、"
        "其他需要报告的事项六个部分。",
        "完整性",
    ),
    Rule(
        "completeness.tables",
        "三张统计表齐全",
        "2019年度起，报告应包含主动公开、收到和处理申请、行政复议和行政诉讼三张统计表。",
        "完整性",
    ),
    Rule(
        "completeness.blank_cells",
        "统计表没有空白",
        "统计表的每个单元格都应填写数字（没有的填0），不应留空或填“/”。",
        "完整性",
    ),
    Rule(
        "completeness.problems",
        "如实报告存在的问题",
        "第五部分“存在的主要问题及改进情况”不应为空或只写“无”。",
        "完整性",
    ),
    Rule(
        "continuity.stock",
        "现行有效件数前后衔接",
        "2021年版格式的表二：本年现行有效件数 = 上年现行有效件数 + 本年制发件数 − 本年废止件数（规章、"
        "规范性文件分别计算），与同一机关上一年度报告比较。",
        "连续性",
    ),
    Rule(
        "copying.previous_year",
        "未照抄上一年度",
        "第一部分（总体情况）或第五部分（存在的主要问题及改进情况）与同一机关上一年度报告的文字相似度"
        "达到 85% 即为照抄（按去掉数字和标点后的 5 字片段计算，改了数字仍算照抄）。",
        "照抄",
    ),
    Rule(
        "copying.problems_unchanged",
        "存在的问题逐年更新",
        "第五部分“存在的主要问题及改进情况”与上一年度相似度达到 85%，记为未更新，并累计连续未更新的年数。",
        "照抄",
    ),
    Rule(
        "copying.others",
        "未照抄其他机关",
        "同一年度其他机关的报告中，与本报告第一、第五部分最相似的一份（MinHash LSH 找候选，再逐字片段"
        "比较）；相似度达到 85% 即为照抄。由“nianbao copies”按年度计算。",
        "照抄",
    ),
)
RULES_BY_ID: dict[str, Rule] = {rule.id: rule for rule in RULES}
