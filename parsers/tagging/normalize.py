"""Text clean-up shared by the taggers: full-width forms, Chinese numerals in dates, markdown."""

from __future__ import annotations

import re
import unicodedata

_DIGITS = {
    "〇": "0",
    "零": "0",
    "○": "0",
    "O": "0",
    "Ｏ": "0",
    "一": "1",
    "二": "2",
    "三": "3",
    "四": "4",
    "五": "5",
    "六": "6",
    "七": "7",
    "八": "8",
    "九": "9",
}
_CN_YEAR = re.compile(r"([一二][〇零○OＯ一二三四五六七八九]{3})(?=\s*年)")
_CN_MONTH_DAY = re.compile(
    r"(?<=年)(\s*)([一二三四五六七八九十]{1,3})(\s*月\s*)([一二三四五六七八九十]{1,3})(?=\s*日)"
)
_MARKDOWN = re.compile(r"^[#>*\-\s]+|\*\*|__")


def chinese_number(text: str) -> int:
    """Value of a small Chinese numeral: ``十二`` → 12, ``二十一`` → 21, ``三`` → 3."""
    if "十" not in text:
        return int("".join(_DIGITS[c] for c in text))
    tens, _, units = text.partition("十")
    return (int(_DIGITS[tens]) if tens else 1) * 10 + (int(_DIGITS[units]) if units else 0)


def normalize_dates(text: str) -> str:
    """Full-width characters to ASCII, and ``二〇二三年一月二十日`` to ``2023年1月20日``."""
    text = unicodedata.normalize("NFKC", text)
    text = _CN_YEAR.sub(lambda m: "".join(_DIGITS[c] for c in m.group(1)), text)
    return _CN_MONTH_DAY.sub(
        lambda m: (
            f"{m.group(1)}{chinese_number(m.group(2))}{m.group(3)}{chinese_number(m.group(4))}"
        ),
        text,
    )


def squeeze_spaces(text: str) -> str:
    """Drop spaces next to Chinese characters: ``2021 年度报告`` → ``2021年度报告``."""
    return re.sub(r"\s*([\u3000-\u9fff\uff00-\uffef])\s*", r"\1", text).strip()
