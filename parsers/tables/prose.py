"""Counts of applications stated in a report's prose (``未收到政府信息公开申请``, ``收到申请12件``).

Conservative on purpose: a statement is used only when it is unambiguous. Sentences that mention
carried-over cases, other years, totals over years, or reviews and lawsuits are ignored, and
statements that disagree with one another give no answer at all.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_NONE_RECEIVED = re.compile(r"(?:未|没有|无)(?:收到|接到|受理|接收)[^。；;，,]{0,20}?申请")
_COUNT_RECEIVED = re.compile(
    r"(?:收到|受理|新收|接到|接收)[^。；;，,\d]{0,20}?申请[^。；;，,\d]{0,6}?(\d+)\s*(?:件|个|份|宗)"
)
#: Words that make a sentence about something other than this year's new applications.
_OFF_TOPIC = re.compile(
    r"复议|诉讼|投诉|信访|举报|咨询|留言|提问|结转|上年|去年|往年|同比|累计|以来|其他|其它"
)
_SENTENCE_END = re.compile(r"[。；;\n]")


@dataclass(frozen=True)
class CountStatement:
    """A count of new applications read from the prose, with the words it was read from."""

    count: int
    quote: str


def stated_new_applications(text: str) -> CountStatement | None:
    """The number of new applications the prose states, or ``None`` when unclear or absent."""
    prose = "\n".join(line for line in text.splitlines() if "\t" not in line)
    prose = unicodedata.normalize("NFKC", prose)
    statements: list[CountStatement] = []
    for match in _NONE_RECEIVED.finditer(prose):
        if "公开" in match.group(0) and not _off_topic(prose, match):
            statements.append(CountStatement(0, match.group(0)))
    for match in _COUNT_RECEIVED.finditer(prose):
        if not _off_topic(prose, match) and not _negated(prose, match.start()):
            statements.append(CountStatement(int(match.group(1)), match.group(0)))
    counts = {statement.count for statement in statements}
    if len(counts) != 1:
        return None
    return statements[0]


def _off_topic(prose: str, match: re.Match[str]) -> bool:
    """Whether the sentence around a match is about something else than new applications."""
    start = max((m.end() for m in _SENTENCE_END.finditer(prose, 0, match.start())), default=0)
    end_match = _SENTENCE_END.search(prose, match.end())
    end = end_match.start() if end_match else len(prose)
    return bool(_OFF_TOPIC.search(prose[start:end]))


def _negated(prose: str, position: int) -> bool:
    """Whether the verb at ``position`` is preceded by a negation (未收到 …)."""
    return prose[max(0, position - 2) : position].endswith(("未", "没有", "无"))
