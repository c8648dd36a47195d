"""Key figures that reports without statistics tables state in their prose.

Reports before the 2019 template (and a few later ones whose tables cannot be read) give their
figures in sentences: ``共受理政府信息公开申请12件``, ``其中同意公开8件、部分公开2件``,
``未发生因政府信息公开申请行政复议、提起行政诉讼的情况``. These are read into the cell paths
of ``tables`` (``applications.new.total``, ``reviews.review.total`` …) so that an agency's
series reaches back before 2019, each with the words it was read from.

Conservative on purpose: a figure is kept only when every statement of it in the text agrees,
and only figures whose sentence names one cell of the template are read (``行政诉讼2件`` does
not say whether the suit followed a review, so it is not read; ``未发生…行政诉讼`` is zero in
both).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from parsers.tables.prose import dated_otherwise, stated_new_applications

#: What may stand between an outcome and its count: ``予以公开的申请共8件``.
_GAP = r"(?:的)?(?:政府信息公开申请|申请|政府信息|信息)?(?:的)?(?:答复数|答复)?(?:共|为|计)?"
_UNIT = r"\s*(?:件|个|份|宗|起|项|次|条)"
#: Outcome counts: (cell path, pattern). The outcome word must start the clause's subject.
_OUTCOMES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "applications.granted.total",
        re.compile(rf"(?<!不)(?<!部分)(?:予以公开|同意公开|全部公开){_GAP}(\d+){_UNIT}"),
    ),
    (
        "applications.partial.total",
        re.compile(rf"(?<!不)(?:同意)?部分公开{_GAP}(\d+){_UNIT}"),
    ),
    (
        "reviews.review.total",
        re.compile(rf"(?:提起|申请|发生|收到)?行政复议(?:申请|案件)?(?:共|为|计)?(\d+){_UNIT}"),
    ),
)
#: Clause words that make a count about something else (active disclosure, other years).
_OFF_TOPIC = re.compile(r"主动|上年|去年|同比|累计|以来|历年|比上年|较上年|网站|条信息")
_SENTENCE_END = re.compile(r"[。；;\n]")


@dataclass(frozen=True)
class ProseFigure:
    """A number read from the prose, with the words it was read from."""

    value: int
    quote: str

    def to_dict(self) -> dict[str, object]:
        return {"value": self.value, "quote": self.quote}


def read_prose_figures(
    text: str, *, skip_tables: set[str] | None = None, year: int | None = None
) -> dict[str, ProseFigure]:
    """Key figures stated in the prose, by cell path; ``skip_tables`` are tables already read.

    With the report's ``year``, sentences dated only with other years are left out."""
    skip = skip_tables or set()
    prose = "\n".join(line for line in text.splitlines() if "\t" not in line)
    prose = unicodedata.normalize("NFKC", prose).replace("**", "")
    found: dict[str, list[ProseFigure]] = {}
    if "applications" not in skip:
        statement = stated_new_applications(text, year)
        if statement is not None:
            found.setdefault("applications.new.total", []).append(
                ProseFigure(statement.count, statement.quote)
            )
    for cell, pattern in _OUTCOMES:
        if cell.split(".")[0] in skip:
            continue
        for match in pattern.finditer(prose):
            if _off_topic(prose, match.start(), match.end()) or dated_otherwise(prose, match, year):
                continue
            found.setdefault(cell, []).append(ProseFigure(int(match.group(1)), match.group(0)))
    if "reviews" not in skip:
        _add_none_contested(prose, found, year)
    figures: dict[str, ProseFigure] = {}
    for cell, statements in found.items():
        if len({statement.value for statement in statements}) == 1:
            figures[cell] = statements[0]
    return dict(sorted(figures.items()))


def _add_none_contested(prose: str, found: dict[str, list[ProseFigure]], year: int | None) -> None:
    for sentence in _SENTENCE_END.split(prose):
        years = {int(y) for y in re.findall(r"((?:19|20)\d\d)\s*年", sentence)}
        if year is not None and years and year not in years:
            continue  # another year's statement
        if not re.search(r"(?:未|没有|无)(?:发生|收到|出现|接到|产生|因)", sentence):
            continue
        if re.search(r"\d+\s*(?:件|起|宗|份|条|次|个)", sentence):
            continue  # a count in the same sentence: let the counting patterns decide
        negation = re.search(r"(?:未|没有|无)", sentence)
        assert negation is not None
        rest = sentence[negation.start() :]
        quote = sentence.strip()
        if "行政复议" in rest:
            found.setdefault("reviews.review.total", []).append(ProseFigure(0, quote))
        if "行政诉讼" in rest:
            for cell in ("reviews.litigation.total", "reviews.litigation_after_review.total"):
                found.setdefault(cell, []).append(ProseFigure(0, quote))


def _off_topic(prose: str, start: int, end: int) -> bool:
    sentence_start = max((m.end() for m in _SENTENCE_END.finditer(prose, 0, start)), default=0)
    clause_start = max(
        (m.end() for m in re.finditer(r"[，,：:]", prose[sentence_start:start])), default=0
    )
    clause = prose[sentence_start + clause_start : end]
    return bool(_OFF_TOPIC.search(clause))
