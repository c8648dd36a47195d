"""The publication date of a report: page metadata first, else a date line at the end of the text."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from parsers.tagging.normalize import normalize_dates

METADATA_KEYS: tuple[str, ...] = (
    "发布日期",
    "发布时间",
    "PubDate",
    "pubdate",
    "publishdate",
    "PublishDate",
    "公开日期",
    "成文日期",
    "日期",
)
#: How a signature line before the date may end (the agency's name).
_SIGNATURE_ENDINGS: tuple[str, ...] = (
    "局",
    "厅",
    "委员会",
    "委",
    "办公室",
    "政府",
    "办事处",
    "中心",
    "部",
    "署",
    "院",
    "会",
    "）",
    ")",
)
_DATE = re.compile(r"((?:19|20)\d\d)\s*(?:年|[-/.])\s*(\d{1,2})\s*(?:月|[-/.])\s*(\d{1,2})\s*日?")


def parse_date(text: str) -> dt.date | None:
    """The first date in ``text`` (``2022-01-20``, ``2022年1月20日``, ``二〇二二年一月二十日``)."""
    match = _DATE.search(normalize_dates(text))
    if not match:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def find_published(metadata: Mapping[str, str], lines: list[str]) -> dt.date | None:
    """The publication date from metadata, or from one of the last lines when it holds only a date
    (and perhaps the agency's name) — never a date inside a sentence."""
    for key in METADATA_KEYS:
        value = metadata.get(key)
        if value:
            date = parse_date(value)
            if date:
                return date
    for line in reversed(lines[-4:]):
        text = normalize_dates(line)
        match = _DATE.search(text)
        if match is None or len(text) > 40:
            continue
        rest = (text[: match.start()] + text[match.end() :]).strip(" 　")
        if rest and (
            re.search(r"[，。；,;：:自至从到]", rest) or not rest.endswith(_SIGNATURE_ENDINGS)
        ):
            continue
        date = parse_date(text)
        if date:
            return date
    return None
