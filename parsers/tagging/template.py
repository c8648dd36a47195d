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


#: Column headings only one template's tables have (2019: 本年新制作数量…; 2021: 本年制发件数…).
_TABLE_WORDS: dict[str, tuple[str, ...]] = {
    "2019": ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减"),
    "2021": ("本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额"),
}
#: How many of one template's headings must show (and none of the other's).
_MIN_TABLE_WORDS = 1


def template_of_table_words(text: str) -> str | None:
    """The template whose table headings the text shows (even with its cells left empty), when
    one template's headings appear and none of the other's (each heading is that template's
    own wording)."""
    compact = re.sub(r"\s+", "", text)
    found = {
        template: sum(word in compact for word in words) for template, words in _TABLE_WORDS.items()
    }
    shown = [template for template, count in found.items() if count >= _MIN_TABLE_WORDS]
    if len(shown) == 1 and all(found[t] == 0 for t in found if t != shown[0]):
        return shown[0]
    return None


def find_template(text: str, year: int | None) -> tuple[str | None, str | None]:
    """``(template, basis)``: the cited template (basis ``cited``), else the one whose table
    headings the text shows (``tables``), else the year's (``year``)."""
    cited = cited_template(text, year)
    if cited is not None:
        return cited, "cited"
    shown = template_of_table_words(text)
    if shown is not None:
        return shown, "tables"
    by_year = template_of_year(year)
    return by_year, ("year" if by_year is not None else None)
