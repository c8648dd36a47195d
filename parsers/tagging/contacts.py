"""Regions from contact details: telephone area codes (``0951-``), postcodes (``750400``), addresses."""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

from parsers.tagging.gazetteer import Division, get_gazetteer

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

_DASHES = "-—–－―‐ 　"
#: ``0951-4021563``, ``(0951)4021563``, ``0951—5035245``, ``电话：09514021563``.
PHONE = re.compile(rf"(?<![\d.])[(（]?(0\d{{2,3}})[)）]?[{_DASHES}]{{0,2}}(\d{{7,8}})(?!\d)")
POSTCODE = re.compile(r"(?:邮编|邮政编码)\s*[:：]?\s*(\d{6})(?!\d)")
ADDRESS = re.compile(r"(?:地址|地点|住所|办公地点|通讯地址)\s*[:：为]?\s*([^\n；;。，,）)]{2,50})")


def _resolve(names: str, province_code: str) -> tuple[Division, ...]:
    """Divisions for a ``;``-separated list of official names within one province."""
    gazetteer = get_gazetteer()
    if not names:
        return (gazetteer.divisions[province_code],)
    found: list[Division] = []
    for name in names.split(";"):
        matches = [d for d in gazetteer.lookup(name) if d.province_code == province_code]
        if len(matches) != 1:
            raise ValueError(f"contact table name {name!r} matches {len(matches)} divisions")
        found.append(matches[0])
    return tuple(found)


@lru_cache(maxsize=1)
def area_code_table() -> dict[str, tuple[Division, ...]]:
    """Telephone area code → the divisions it serves."""
    with (DATA_DIR / "area_codes.csv").open(encoding="utf-8", newline="") as handle:
        return {
            row["code"]: _resolve(row["names"], row["province_code"])
            for row in csv.DictReader(handle)
        }


@lru_cache(maxsize=1)
def postcode_table() -> dict[str, tuple[Division, ...]]:
    """Postcode prefix (2 to 6 digits) → the divisions it serves."""
    with (DATA_DIR / "postcodes.csv").open(encoding="utf-8", newline="") as handle:
        return {
            row["prefix"]: _resolve(row["name"], row["province_code"])
            for row in csv.DictReader(handle)
        }


def divisions_for_phone_numbers(text: str) -> list[tuple[Division, ...]]:
    """For each telephone number with a known area code, the divisions of that code."""
    table = area_code_table()
    found = []
    for match in PHONE.finditer(text):
        prefix, number = match.group(1), match.group(2)
        # ``09514021563`` written without separator: the 4-digit code wins over 3 digits.
        code = prefix if prefix in table else None
        if code is None and len(prefix) == 3 and prefix + number[0] in table:
            code = prefix + number[0]
        if code is not None:
            found.append(table[code])
    return found


def divisions_for_postcodes(text: str) -> list[tuple[Division, ...]]:
    """For each labelled postcode (``邮编：750400``), the divisions of its longest known prefix."""
    table = postcode_table()
    found = []
    for match in POSTCODE.finditer(text):
        code = match.group(1)
        for length in (6, 4, 3, 2):
            if code[:length] in table:
                found.append(table[code[:length]])
                break
    return found


def addresses(text: str) -> list[str]:
    """Address strings following ``地址：`` and similar labels."""
    return [match.group(1) for match in ADDRESS.finditer(text)]
