"""Which national template a report follows: the notice it cites or names, else its year.

Evidence, strongest first:

- the notice's number: 国办公开办函〔2021〕30号 (2021 tables) or 〔2019〕60号 (2019 tables), misprints
  included (``国办公开函〔2021〕30号``, ``〔2019〕61号``, ``[2021]30号``, ``2021年30号``);
- the notice's title: 《中华人民共和国政府信息公开工作年度报告格式》 (2021) or
  《…关于政府信息公开工作年度报告有关事项的通知》 (2019);
- otherwise the template in force for the report's year (≤ 2018 ``pre2019``, 2019–2020 ``2019``,
  ≥ 2021 ``2021``). The table reader may decide from the tables' shape before falling back on the
  year (see :mod:`parsers.document`).
"""

from __future__ import annotations

import re

_OPEN = r"[〔\[【(（{［]"
_CLOSE = r"[〕\]】)）}］]"
#: 〔2021〕30号, 国办公开函〔2021〕30号, 2021年30号 (the brackets dropped).
NOTICE_2021 = re.compile(rf"(?:{_OPEN}\s*2021\s*{_CLOSE}|2021\s*年)\s*(?:第\s*)?30\s*号")
#: 〔2019〕60号 and its usual misprint 〔2019〕61号, only when written as the office's letter.
NOTICE_2019 = re.compile(rf"(?:{_OPEN}\s*2019\s*{_CLOSE}|2019\s*年)\s*(?:第\s*)?60\s*号")
NOTICE_2019_MISPRINT = re.compile(
    rf"(?:国办公开办?函|公开办函)\s*{_OPEN}\s*2019\s*{_CLOSE}\s*6[0-9]\s*号"
)
NOTICE_2021_MISPRINT = re.compile(
    rf"(?:国办公开办?函|公开办函)\s*{_OPEN}\s*2021\s*{_CLOSE}\s*3[0-9]\s*号"
)
#: The titles of the two notices (the 2021 one names the format itself).
TITLE_2021 = re.compile(r"(?:印发)?[《<〈]?中华人民共和国政府信息公开工作年度报告格式(?![（(]试行)")
TITLE_2019 = re.compile(r"关于政府信息公开工作年度报告有关事项的通知")
LAST_FREE_FORM_YEAR = 2018
FIRST_2021_YEAR = 2021


def template_of_year(year: int | None) -> str | None:
    """The template in force for reports on ``year``."""
    if year is None:
        return None
    if year <= LAST_FREE_FORM_YEAR:
        return "pre2019"
    return "2019" if year < FIRST_2021_YEAR else "2021"


def cited_template(text: str, year: int | None) -> str | None:
    """The template a text cites by number or names by title, or None."""
    cites_2021 = bool(NOTICE_2021.search(text) or NOTICE_2021_MISPRINT.search(text))
    cites_2019 = bool(NOTICE_2019.search(text) or NOTICE_2019_MISPRINT.search(text))
    if not (cites_2021 or cites_2019):
        cites_2021 = TITLE_2021.search(text) is not None
        cites_2019 = TITLE_2019.search(text) is not None
    if cites_2021 and cites_2019:
        return "2021" if year is None or year >= FIRST_2021_YEAR else "2019"
    if cites_2021:
        return "2021"
    if cites_2019:
        return "2019"
    return None


def find_template(text: str, year: int | None) -> tuple[str | None, str | None]:
    """``(template, basis)``: the cited template (basis ``cited``), else the year's (``year``)."""
    cited = cited_template(text, year)
    if cited is not None:
        return cited, "cited"
    by_year = template_of_year(year)
    return by_year, ("year" if by_year is not None else None)
