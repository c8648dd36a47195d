"""Analysis shared by every backend: marked text, its character bigrams and 4-grams.

Chinese has no spaces, and dictionary segmenters (jieba) split the same phrase differently in
different contexts, so phrase search over their words both misses and over-matches. Nianbao
searches characters instead. A text is first *marked* (:func:`marked_text`):

* normalized (full-width ASCII → ASCII, upper → lower case, see :func:`normalize`);
* every run of whitespace becomes one :data:`SPACE`;
* every run of letters and digits is wrapped in :data:`WORD_START` … :data:`WORD_END`, so a
  phrase that begins or ends with such a run matches it whole (``5件`` does not match ``15件``).

A phrase is marked the same way, and it matches a text exactly when its marked form is a
substring of the marked text. The index holds two views of the marked text:

* its **characters and bigrams** (the ``chars`` view), without positions: a phrase of one or two
  marked characters is one term;
* its **4-grams** (the ``quadgrams`` view; the text is followed by :data:`TEXT_END`, so that every
  character starts one), at consecutive positions: a phrase of three characters is a prefix
  search, a longer one is found by the 4-grams at offsets 0, 4, 8, … and ``len - 4``,
  which cover it; position ``p`` of a 4-gram is character ``p`` of the marked text, so the 4-grams
  at their offsets pin down the whole phrase (:meth:`PhrasePlan.grams`).

4-grams are rare within a report even where the phrase is common, so a phrase found in nearly
every report checks a few positions per report instead of the dozens of a common bigram.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import repeat
from operator import add
from typing import Literal

#: The character standing for a run of whitespace.
SPACE = "\u2423"
#: Characters around a run of letters and digits (private use: never in a marked text otherwise).
WORD_START = "\ue000"
WORD_END = "\ue001"
#: Appended to a marked text before its bigrams and 4-grams are taken.
TEXT_END = "\ue002"
#: Length of the positional grams.
GRAM = 4

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: One alternative per kind of element: CJK run, letter/digit run, whitespace run, any other char.
_ELEMENT = re.compile(rf"([{_CJK}]+)|([^\W_{_CJK}]+)|(\s+)|(.)", re.DOTALL)

_NORMALIZE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}  # full-width ASCII
_NORMALIZE[0x3000] = 0x20  # ideographic space
for _code in range(ord("A"), ord("Z") + 1):
    _NORMALIZE[_code] = _code + 0x20
    _NORMALIZE[_code + 0xFEE0] = _code + 0x20


_TO_NORMALIZE = re.compile("[A-Z\uff01-\uff5e\u3000]+")


def _normalize_run(match: re.Match[str]) -> str:
    return match.group().translate(_NORMALIZE)


def normalize(text: str) -> str:
    """Full-width ASCII → ASCII, ASCII upper → lower case; the result has the same length."""
    # Translating only the runs that change is far faster than str.translate on CJK text.
    return _TO_NORMALIZE.sub(_normalize_run, text)


@dataclass(frozen=True)
class Element:
    """A run of one kind in normalized text: ``cjk``, ``word``, ``space`` or ``mark``."""

    kind: str
    text: str
    start: int


_KINDS = ("cjk", "word", "space", "mark")


def iter_elements(text: str) -> Iterator[Element]:
    """Split already-normalized text into runs (see the module docstring)."""
    for match in _ELEMENT.finditer(text):
        kind = _KINDS[match.lastindex - 1]  # type: ignore[operator]
        yield Element(kind, match.group(), match.start())


#: Characters a source text may contain that would read as marks: made into U+FFFD.
_RESERVED = re.compile(f"[{SPACE}{WORD_START}{WORD_END}{TEXT_END}]")
#: A run of letters and digits, captured: ``split`` puts the runs at the odd indices.
_WORD_RUN = re.compile(rf"([^\W_{_CJK}]+)")
_WHITESPACE_RUN = re.compile(r"\s+")


def marked_text(text: str) -> str:
    """``text`` normalized, whitespace runs as :data:`SPACE`, letter/digit runs wrapped.

    ``"ＡＢ 5件"`` → ``"⟨ab⟩␣⟨5⟩件"`` (with :data:`WORD_START` and :data:`WORD_END` for ⟨ ⟩).
    """
    text = normalize(text)
    if _RESERVED.search(text):
        text = _RESERVED.sub("\ufffd", text)
    parts = _WORD_RUN.split(_WHITESPACE_RUN.sub(SPACE, text))
    # Wrapped in C: a template (``\g<0>``) is expanded by a Python function per match.
    words = parts[1::2]
    parts[1::2] = map(add, map(add, repeat(WORD_START, len(words)), words), repeat(WORD_END))
    return "".join(parts)


def chargrams(marked: str) -> list[str]:
    """The ``chars`` view of a marked text: its characters, then its bigrams."""
    return [*marked, *map(add, marked, marked[1:])]


def bigrams(marked: str) -> list[str]:
    """The bigrams of a marked text followed by :data:`TEXT_END`: one per character."""
    ended = marked + TEXT_END
    return list(map(add, ended, ended[1:]))


def quadgrams(marked: str) -> list[str]:
    """The 4-grams of a marked text followed by :data:`TEXT_END`; the one at position ``p``
    starts at character ``p``. Texts of fewer than three characters have none."""
    pairs = bigrams(marked)
    return list(map(add, pairs, pairs[2:]))


FieldKind = Literal["chars", "quadgrams"]


@dataclass(frozen=True)
class PhrasePlan:
    """How to find a phrase: in which view of a field, and with which terms.

    * ``prefix``: every term of the view that starts with it, counted per document (a phrase of
      three marked characters, in the 4-grams);
    * otherwise ``terms``: ``(offset, term)`` pairs that must all occur at the phrase's start
      plus their offset (a character or a bigram, or the covering 4-grams of a longer phrase).
    """

    view: FieldKind = "chars"
    terms: tuple[tuple[int, str], ...] = ()
    prefix: str | None = None

    @property
    def is_empty(self) -> bool:
        """True when the phrase has nothing searchable (e.g. only whitespace)."""
        return not self.terms and self.prefix is None


def phrase_plan(phrase: str, gram_cost: Callable[[str], float] | None = None) -> PhrasePlan:
    """The plan finding the texts whose marked form contains the marked ``phrase``.

    A phrase of more than four marked characters is covered by 4-grams: the one at offset 0, the
    one ending the phrase, and between them no gap, so consecutive chosen offsets are at most
    four apart. Without ``gram_cost`` these are the offsets 0, 4, 8, … and the last; with it
    (for instance a 4-gram's number of occurrences in the index), the cover of least total
    cost (:func:`cheapest_cover`), which leaves out a common 4-gram where rarer ones cover
    the same characters.
    """
    marked = marked_text(phrase.strip())
    size = len(marked)
    if size == 0:
        return PhrasePlan()
    if size <= 2:
        return PhrasePlan("chars", terms=((0, marked),))
    if size == 3:
        return PhrasePlan("quadgrams", prefix=marked)
    grams = [marked[at : at + GRAM] for at in range(size - GRAM + 1)]
    if len(grams) <= GRAM + 1:  # the first and the last 4-gram cover it: no choice to make
        offsets = [0, len(grams) - 1] if len(grams) > 1 else [0]
    elif gram_cost is None:
        offsets = [*range(0, size - GRAM, GRAM), size - GRAM]
    else:
        offsets = cheapest_cover([gram_cost(gram) for gram in grams])
    return PhrasePlan("quadgrams", terms=tuple((at, grams[at]) for at in offsets))


def cheapest_cover(costs: list[float]) -> list[int]:
    """Offsets ``0 = o₁ < … < oₖ = len(costs) - 1`` with ``oᵢ₊₁ - oᵢ ≤ GRAM``, of least total
    cost (then fewest offsets): 4-grams at those offsets cover every character of the phrase."""
    best: list[tuple[float, int]] = []  # (cost, count) of the cheapest cover ending at each offset
    previous: list[int] = []
    for at, cost in enumerate(costs):
        if at == 0:
            best.append((cost, 1))
            previous.append(-1)
            continue
        before = min(range(max(0, at - GRAM), at), key=best.__getitem__)
        best.append((best[before][0] + cost, best[before][1] + 1))
        previous.append(before)
    offsets = [len(costs) - 1]
    while previous[offsets[-1]] >= 0:
        offsets.append(previous[offsets[-1]])
    return offsets[::-1]


def view_field(field: str, view: FieldKind) -> str:
    """The name of the index field holding ``view`` of text field ``field``."""
    return f"{field}_{view}"


#: For every character normalization produces, a regex class of the characters it comes from.
_SOURCES: dict[str, str] = {}
for _source, _target in _NORMALIZE.items():
    _SOURCES.setdefault(chr(_target), re.escape(chr(_target)))
    _SOURCES[chr(_target)] += re.escape(chr(_source))
#: A character that normalizes to a letter or digit (full-width ``＿`` becomes ``_``, not one).
_RAW_ALNUM = rf"[^\W_\uff3f{_CJK}]"


def _raw_char(char: str) -> str:
    sources = _SOURCES.get(char)
    return f"[{sources}]" if sources else re.escape(char)


def phrase_pattern(phrase: str) -> re.Pattern[str] | None:
    """A regex finding ``phrase`` with the index's semantics (for highlighting).

    It runs on the original text, not the normalized one: each character of the normalized phrase
    matches every character that normalizes to it (``r`` matches ``r R ｒ Ｒ``), so long texts need
    no normalization pass. Letter/digit runs at the edges match whole words only; whitespace
    matches any whitespace run.
    """
    elements = list(iter_elements(normalize(phrase.strip())))
    if not elements:
        return None
    parts = [r"\s+" if e.kind == "space" else "".join(map(_raw_char, e.text)) for e in elements]
    if elements[0].kind == "word":
        # Checked after the first character, so the regex engine scans for that character
        # instead of testing a lookbehind at every position of the text (three times faster).
        first = elements[0].text
        parts[0] = _raw_char(first[0]) + f"(?<!{_RAW_ALNUM}.)" + "".join(map(_raw_char, first[1:]))
    if elements[-1].kind == "word":
        parts.append(f"(?!{_RAW_ALNUM})")
    return re.compile("".join(parts))
