"""Arguments of the comparison pages and their API twins, validated in one place."""

from __future__ import annotations

from werkzeug.datastructures import MultiDict

from portal.converters import is_record_id
from portal.search_params import MAX_YEAR, MIN_YEAR, InvalidSearchArguments

MAX_COMPARED_YEARS = 6
MAX_COMPARED_AGENCIES = 10


def parse_years(args: MultiDict[str, str]) -> list[int]:
    """``years`` as sorted distinct integers (``years=2021&years=2022`` or ``years=2021,2022``)."""
    years: set[int] = set()
    for raw in args.getlist("years"):
        for part in raw.split(","):
            part = part.strip()
            if not part:
                continue
            if not (part.isascii() and part.isdigit()) or not MIN_YEAR <= int(part) <= MAX_YEAR:
                raise InvalidSearchArguments("invalid_year", f"“{part}” 不是有效的年份。")
            years.add(int(part))
    if len(years) > MAX_COMPARED_YEARS:
        raise InvalidSearchArguments(
            "too_many_years", f"一次最多比较 {MAX_COMPARED_YEARS} 个年度。"
        )
    return sorted(years)


def parse_ids(args: MultiDict[str, str]) -> list[int]:
    """``ids`` as distinct report ids in the order given (repeated or comma-separated)."""
    ids: list[int] = []
    for raw in args.getlist("ids"):
        for part in raw.split(","):
            part = part.strip()
            if not part:
                continue
            if not (part.isascii() and part.isdigit()) or not is_record_id(int(part)):
                raise InvalidSearchArguments("invalid_id", f"“{part}” 不是有效的报告编号。")
            if int(part) not in ids:
                ids.append(int(part))
    if len(ids) > MAX_COMPARED_AGENCIES:
        raise InvalidSearchArguments(
            "too_many_ids", f"一次最多比较 {MAX_COMPARED_AGENCIES} 份报告。"
        )
    return ids
