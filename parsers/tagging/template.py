"""Which national template a report follows, from the notice it cites."""

from __future__ import annotations

import re

_OPEN = r"[〔\[【(（{]"
_CLOSE = r"[〕\]】)）}]"
NOTICE_2021 = re.compile(rf"{_OPEN}\s*2021\s*{_CLOSE}\s*30\s*号")
NOTICE_2019 = re.compile(rf"{_OPEN}\s*2019\s*{_CLOSE}\s*60\s*号")
LAST_FREE_FORM_YEAR = 2018


def find_template(text: str, year: int | None) -> str | None:
    """``2021`` for 国办公开办函〔2021〕30号, ``2019`` for 〔2019〕60号, ``pre2019`` for a report on
    2018 or earlier citing neither, else None (the table parser may decide from table shapes)."""
    cites_2021 = NOTICE_2021.search(text) is not None
    cites_2019 = NOTICE_2019.search(text) is not None
    if cites_2021 and cites_2019:
        return "2021" if year is None or year >= 2021 else "2019"
    if cites_2021:
        return "2021"
    if cites_2019:
        return "2019"
    if year is not None and year <= LAST_FREE_FORM_YEAR:
        return "pre2019"
    return None
