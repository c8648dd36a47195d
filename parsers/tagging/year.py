"""The year a report covers (not the year it was published)."""

from __future__ import annotations

import re
from collections import Counter

FIRST_YEAR = 2007
LAST_YEAR = 2035

#: A year in a title, not a date (``（2010年3月30日）`` above a report is when it was published).
_TITLE_YEAR = re.compile(r"((?:19|20)\d\d)\s*年\s*度?(?!\s*\d{1,2}\s*月)")
_PERIOD = re.compile(
    r"(?:统计期限|统计时限|统计数据|统计时间|所列数据|数据统计|统计区间|报告期|统计期)[^。\n]{0,20}?"
    r"((?:19|20)\d\d)\s*年\s*1\s*月\s*1\s*日"
)
_REPORT_YEAR = re.compile(
    r"((?:19|20)\d\d)\s*年\s*度?\s*(?:的)?\s*(?:政府信息公开|政务公开|信息公开)[^。\n]{0,12}?(?:年度)?(?:工作)?(?:年度)?报告"
)
_ANY_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")


def _valid(year: int) -> bool:
    return FIRST_YEAR <= year <= LAST_YEAR


def find_year(title: str, head: str, published_year: int | None = None) -> int | None:
    """The covered year, from (in order) the title, the statistics period, the report's own name
    in the text, the most frequent year of the opening text, or the year before publication.

    ``title`` and ``head`` must already have Chinese-numeral years converted (see ``normalize``).
    """
    for match in _REPORT_YEAR.finditer(title):
        if _valid(int(match.group(1))):
            return int(match.group(1))
    for match in _TITLE_YEAR.finditer(title):
        if _valid(int(match.group(1))):
            return int(match.group(1))
    for pattern in (_PERIOD, _REPORT_YEAR):
        found = pattern.search(head)
        if found and _valid(int(found.group(1))):
            return int(found.group(1))
    counts = Counter(
        int(m.group(1)) for m in _ANY_YEAR.finditer(head[:1500]) if _valid(int(m.group(1)))
    )
    if counts:
        best, best_count = counts.most_common(1)[0]
        if best_count >= 2 or published_year is None:
            return best
    if published_year is not None:
        return published_year - 1
    return None
