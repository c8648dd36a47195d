"""Traditional script read as simplified for tagging (OpenCC), the original kept for display and search."""

from __future__ import annotations

import re
from functools import lru_cache

import opencc

#: Characters of the head of a text checked for traditional forms.
SAMPLE_CHARS = 3000
#: Traditional-only characters in the sample that make a text count as traditional script.
MIN_TRADITIONAL = 3


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def is_traditional(text: str) -> bool:
    """True when the head of ``text`` has traditional-only characters (``廳``, ``國``, ``開``)."""
    sample = text[:SAMPLE_CHARS]
    converted = _converter().convert(sample)
    if len(converted) != len(sample):
        return True
    differing = sum(1 for a, b in zip(sample, converted, strict=True) if a != b)
    return differing >= MIN_TRADITIONAL


#: Pinyin that spam mirrors insert after characters: ``國(guo)務院``, ``號(hào)``.
_PINYIN_NOTE = re.compile(r"(?<=[\u3400-\u9fff])[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ]{1,7}[)）]")


def strip_pinyin_notes(text: str) -> str:
    """Drop pinyin glosses a mirror inserted after characters: ``開(kai)辦`` → ``開辦``."""
    return _PINYIN_NOTE.sub("", text)


#: Variant forms OpenCC leaves alone but region names never use (``陜西`` → ``陕西``).
_VARIANTS = str.maketrans({"陜": "陕", "甯": "宁", "衞": "卫", "羣": "群"})


def to_simplified(text: str) -> str:
    """``text`` in simplified script (``某省水利廳`` → ``某省水利厅``, ``陜西`` → ``陕西``)."""
    return _converter().convert(text).translate(_VARIANTS) if text else text
