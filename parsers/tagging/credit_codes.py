"""Regions from unified social credit codes (统一社会信用代码) written on a report's page.

Many portals print an agency's credit code as the start of its 索引号
(``12370305MB2887776R/2009-5098229``). Characters 3–8 of the 18-character code are the
administrative division where the body is registered (GB 32100-2015), so the code places a
report whose text says only ``林业局`` or ``我局``.
"""

from __future__ import annotations

import re

from parsers.tagging.gazetteer import Division, Gazetteer

#: GB 32100-2015: registering authority (1 机构编制, 5 民政, 9 工商…) and kind, the 6-digit
#: division, the 9-character organisation code, a check character.
CREDIT_CODE = re.compile(
    r"(?<![0-9A-Z])[1-9Y][1-9]([1-8]\d{5})[0-9A-HJ-NPQRTUWXY]{9}[0-9A-HJ-NPQRTUWXY](?![0-9A-Z])"
)


def division_of_credit_code(code: str, gazetteer: Gazetteer) -> Division | None:
    """The most specific known division of a credit code's six-digit region part."""
    match = CREDIT_CODE.fullmatch(code)
    if match is None:
        return None
    region = match.group(1)
    for candidate in (region, region[:4], region[:2]):
        if candidate.endswith("00") and len(candidate) > 2:
            continue
        division = gazetteer.divisions.get(candidate)
        if division is not None:
            return division
    return None


def divisions_for_credit_codes(text: str, gazetteer: Gazetteer) -> list[Division]:
    """The divisions of every credit code in ``text``, in order."""
    found = []
    for match in CREDIT_CODE.finditer(text):
        division = division_of_credit_code(match.group(0), gazetteer)
        if division is not None:
            found.append(division)
    return found
