"""Was the report published on time? (条例 第四十九条, and 第三十一条 of the 2008 条例)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from accountability.findings import Finding

#: The 2019 条例 took effect on 2019-05-15: reports of 2019 onwards follow its deadlines.
FIRST_YEAR_OF_2019_RULES = 2019
#: Levels whose departments and governments the 条例 names ("县级以上").
COUNTY_AND_ABOVE = ("central", "province", "city", "county")
GOVERNMENT_KINDS = ("人民政府",)


@dataclass(frozen=True)
class Deadline:
    """The last day to publish a report, and why."""

    date: dt.date
    basis: str


def deadline_for(
    year: int,
    level: str | None,
    agency_kind: str | None,
    province: str | None,
    township_rules: Mapping[str, tuple[int, int]] | None = None,
) -> Deadline:
    """The statutory deadline of the report of ``year`` for a body of this level and kind.

    ``township_rules`` maps a province to the (month, day) its local rule sets for townships
    and other bodies (default 3月31日).
    """
    following = year + 1
    if year < FIRST_YEAR_OF_2019_RULES:
        return Deadline(dt.date(following, 3, 31), "原条例第三十一条：每年3月31日前")
    if level in COUNTY_AND_ABOVE:
        if agency_kind in GOVERNMENT_KINDS and level != "central":
            return Deadline(
                dt.date(following, 3, 31), "条例第四十九条：县级以上地方人民政府3月31日前"
            )
        return Deadline(dt.date(following, 1, 31), "条例第四十九条：县级以上人民政府部门1月31日前")
    month, day = (township_rules or {}).get(province or "", (3, 31))
    return Deadline(dt.date(following, month, day), f"地方规定：{month}月{day}日前")


def timeliness(
    *,
    year: int | None,
    level: str | None,
    agency_kind: str | None,
    province: str | None,
    published: dt.date | None,
    first_seen: dt.datetime | None,
    township_rules: Mapping[str, tuple[int, int]] | None = None,
) -> Finding:
    """On time, late by N days, or unknown (with the reason)."""
    if year is None:
        return Finding("timeliness", "unknown", "报告年度未知，无法确定发布期限")
    deadline = deadline_for(year, level, agency_kind, province, township_rules)
    evidence = {
        "deadline": deadline.date.isoformat(),
        "basis": deadline.basis,
        "published": published.isoformat() if published else None,
        "first_seen": first_seen.date().isoformat() if first_seen else None,
    }
    if published is not None:
        late = (published - deadline.date).days
        if late > 0:
            return Finding(
                "timeliness",
                "fail",
                f"逾期 {late} 天发布（期限 {deadline.date:%Y年%m月%d日}）",
                {**evidence, "days_late": late},
            )
        return Finding(
            "timeliness", "pass", f"按时发布（期限 {deadline.date:%Y年%m月%d日}）", evidence
        )
    if first_seen is not None and first_seen.date() <= deadline.date:
        return Finding(
            "timeliness", "pass", "页面未注明发布日期；本站在期限前已采集到，按时发布", evidence
        )
    return Finding(
        "timeliness",
        "unknown",
        "页面未注明发布日期，本站首次采集晚于期限，无法判断是否按时",
        evidence,
    )
