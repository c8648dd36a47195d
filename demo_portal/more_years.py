"""Demonstration years: further reports of two seed agencies, derived from their real reports.

The five seeds are one report per agency with zero applications, so the year comparison, the
trend chart and the league would be empty in ``make demo``. For 灵武市科学技术局 and
吴忠市科学技术局 this module publishes two more years each: the seed's text with its year moved,
its 表三 and 表四 numbers replaced by non-zero ones that add up, its prose sentence about
applications made to agree, and a notice at the top saying it is demonstration data. One of
them carries a planted inconsistency (its 总计 is one short), so the checks have something to
find. The real seeds themselves are published unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Rows of the 2021 template's 表三, in order (REPORT_SCHEMA.md ``tables.applications``).
APPLICATION_ROW_COUNT = 25
REVIEW_CELLS = 15
DEMO_NOTICE = (
    "【演示数据】本报告由该机关真实公开的上一年度报告改写而成，年度和统计数字为演示用途而设，"
    "并非该机关发布的报告。"
)


@dataclass(frozen=True)
class DemoYear:
    """The figures of one demonstration year."""

    year: int
    new: int
    carried_over: int
    granted: int
    partial: int
    not_held: int
    reviews: int
    corrected: int
    #: Make the report's own arithmetic wrong: 总计 one short (a planted inconsistency).
    planted_error: bool = False

    @property
    def results_total(self) -> int:
        """(七)总计 as a correct report states it."""
        return self.granted + self.partial + self.not_held

    @property
    def carried_forward(self) -> int:
        """四、结转下年度继续办理."""
        return self.new + self.carried_over - self.results_total


#: Seed (its agency's name in the text) → the demonstration years published for it.
DEMO_YEARS: dict[str, tuple[DemoYear, ...]] = {
    "灵武市科学技术局": (
        DemoYear(2022, new=12, carried_over=0, granted=7, partial=2, not_held=2, reviews=1,
                 corrected=0),
        DemoYear(2023, new=20, carried_over=1, granted=12, partial=3, not_held=5, reviews=2,
                 corrected=1, planted_error=True),
    ),
    "吴忠市科学技术局": (
        DemoYear(2024, new=6, carried_over=0, granted=4, partial=1, not_held=1, reviews=0,
                 corrected=0),
        DemoYear(2025, new=9, carried_over=0, granted=5, partial=2, not_held=1, reviews=1,
                 corrected=0),
    ),
}  # fmt: skip


def application_rows(figures: DemoYear) -> list[int]:
    """The 25 totals of 表三 in template order (every applicant is a natural person)."""
    rows = [0] * APPLICATION_ROW_COUNT
    rows[0], rows[1] = figures.new, figures.carried_over
    rows[2], rows[3] = figures.granted, figures.partial
    rows[12] = figures.not_held  # （四）无法提供 1. 本机关不掌握相关政府信息
    rows[23] = figures.results_total - (1 if figures.planted_error else 0)
    rows[24] = figures.carried_forward
    return rows


def review_cells(figures: DemoYear) -> list[int]:
    """The 15 cells of 表四: 行政复议 (维持, 纠正, 其他, 尚未审结, 总计) then two 行政诉讼 groups."""
    upheld = figures.reviews - figures.corrected
    return [upheld, figures.corrected, 0, 0, figures.reviews, *([0] * 10)]


APPLICATION_LABELS: tuple[str, ...] = (
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "三、本年度办理结果\t（一）予以公开",
    "\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "\t（三）不予公开\t1.属于国家秘密",
    "\t\t2.其他法律行政法规禁止公开",
    "\t\t3.危及“三安全一稳定”",
    "\t\t4.保护第三方合法权益",
    "\t\t5.属于三类内部事务信息",
    "\t\t6.属于四类过程性信息",
    "\t\t7.属于行政执法案卷",
    "\t\t8.属于行政查询事项",
    "\t（四）无法提供\t1.本机关不掌握相关政府信息",
    "\t\t2.没有现成信息需要另行制作",
    "\t\t3.补正后申请内容仍不明确",
    "\t（五）不予处理\t1.信访举报投诉类申请",
    "\t\t2.重复申请",
    "\t\t3.要求提供公开出版物",
    "\t\t4.无正当理由大量反复申请",
    "\t\t5.要求行政机关确认或重新出具已获取信息",
    "\t（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "\t\t2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "\t\t3.其他",
    "\t（七）总计",
    "四、结转下年度继续办理",
)
_SECTION_1 = re.compile(r"^[#*\s]*一、[^\n]*$", re.MULTILINE)
_SECTION_3 = re.compile(r"^[#*\s]*三、收到和处理")
_SECTION_4 = re.compile(r"^[#*\s]*四、[^\n]*(?:行政复议|行政诉讼)")
_SECTION_5 = re.compile(r"^[#*\s]*五、")


def applications_table_text(figures: DemoYear) -> str:
    """表三 as tab-separated lines, one row per line, in the 2021 template's wording."""
    values = application_rows(figures)
    header = (
        "三、收到和处理政府信息公开申请情况\n"
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况\n"
        "\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计"
    )
    rows = [
        f"{label}\t{value}\t0\t0\t0\t0\t0\t{value}"
        for label, value in zip(APPLICATION_LABELS, values, strict=True)
    ]
    return header + "\n" + "\n".join(rows)


def reviews_table_text(figures: DemoYear) -> str:
    """表四 as tab-separated lines: the two header rows, then the 15 numbers."""
    cells = review_cells(figures)
    return (
        "四、政府信息公开行政复议、行政诉讼情况\n"
        "行政复议\t\t\t\t\t行政诉讼\n"
        "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\n"
        + "\t".join(str(cell) for cell in cells)
    )


def derive_text(text: str, seed_year: int, figures: DemoYear) -> str | None:
    """The seed's text as a report of ``figures.year`` with new 表三 and 表四, or None if the
    seed's sections cannot be found."""
    lines = text.replace(str(seed_year), str(figures.year)).splitlines()
    start = next((i for i, line in enumerate(lines) if _SECTION_3.match(line)), None)
    middle = next((i for i, line in enumerate(lines) if _SECTION_4.match(line)), None)
    end = next((i for i, line in enumerate(lines) if _SECTION_5.match(line)), None)
    if start is None or middle is None or end is None or not start < middle < end:
        return None
    derived = "\n".join(
        [
            *lines[:start],
            applications_table_text(figures),
            "",
            reviews_table_text(figures),
            "",
            *lines[end:],
        ]
    )
    derived = derived.replace("未收到政府信息公开申请", f"共收到政府信息公开申请{figures.new}件")
    # The notice opens the report and its first section, so the archive's report page shows it.
    derived = _SECTION_1.sub(lambda m: m.group(0) + "\n\n" + DEMO_NOTICE, derived, count=1)
    return DEMO_NOTICE + "\n\n" + derived
