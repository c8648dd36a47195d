"""Counts of applications stated in a report's prose (``未收到政府信息公开申请``, ``收到申请12件``).

Conservative on purpose: a statement is used only when it is unambiguous.

- ``新收…15件`` names this year's new applications explicitly and is always used (``本年度新收申请
  15件，上年结转2件`` gives 15).
- ``收到 / 受理 / 接到 / 接收 …申请…15件`` is used unless its sentence also speaks of carried-over
  or cumulative cases (``共受理申请17件（含上年结转2件）`` sums new and carried-over applications)
  or its clause is about something else: reviews and lawsuits, petitions, consultations, other
  channels, last year (``较上年增加3件``).
- Counts of replies or closed cases (``答复``, ``办结``) are not counts of applications received.

Statements that disagree with one another give no answer at all.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_NONE_RECEIVED = re.compile(
    r"(?:未|没有|无)(?:收到|接到|受理|接收)[^。；;，,]{0,20}?申请(?:公开政府信息|公开)?"
)
_CLAUSE = r"[^。；;，,\d]"
_COUNT_RECEIVED = re.compile(
    rf"(?:收到|受理|接到|接收){_CLAUSE}{{0,20}}?申请{_CLAUSE}{{0,6}}?(\d+)\s*(?:件|个|份|宗|条)"
)
_COUNT_NEW = re.compile(rf"新收{_CLAUSE}{{0,20}}?(\d+)\s*(?:件|个|份|宗|条)")
#: Words that make a whole sentence about more than this year's new applications.
_SENTENCE_OFF_TOPIC = re.compile(r"结转|累计|以来|历年|总数")
#: Words that make a clause about something other than applications received this year.
_CLAUSE_OFF_TOPIC = re.compile(
    r"复议|诉讼|投诉|信访|举报|咨询|留言|提问|上年|去年|往年|上一年|同比|其他|其它|答复|办结"
)
#: A sentence about a service centre's windows and permits, whose 申请 are not disclosure requests.
_SERVICE_CENTRE = re.compile(r"窗口|入驻|审批服务|办件|政务服务中心|行政服务中心|便民服务中心")
_SENTENCE_END = re.compile(r"[。；;\n]")
_CLAUSE_END = re.compile(r"[，,：:（）()]")


@dataclass(frozen=True)
class CountStatement:
    """A count of new applications read from the prose, with the words it was read from."""

    count: int
    quote: str


def stated_new_applications(text: str, year: int | None = None) -> CountStatement | None:
    """The number of new applications the prose states, or ``None`` when unclear or absent.

    With the report's ``year``, a sentence dated only with other years (``2015年未收到…`` in a
    2016 report, left over from the year before) is not about this report."""
    prose = "\n".join(line for line in text.splitlines() if "\t" not in line)
    prose = unicodedata.normalize("NFKC", prose).replace("**", "")
    statements: list[CountStatement] = []
    for match in _NONE_RECEIVED.finditer(prose):
        if (
            "公开" in match.group(0)
            and not _off_topic(prose, match, explicit=False)
            and not dated_otherwise(prose, match, year)
        ):
            statements.append(CountStatement(0, match.group(0)))
    for pattern, explicit in ((_COUNT_NEW, True), (_COUNT_RECEIVED, False)):
        for match in pattern.finditer(prose):
            if _negated(prose, match.start()) or _off_topic(prose, match, explicit=explicit):
                continue
            if dated_otherwise(prose, match, year):
                continue
            if _SERVICE_CENTRE.search(_sentence(prose, match)):
                continue  # 开设窗口26个，共受理申请121510件: a service centre's, not disclosure
            statements.append(CountStatement(int(match.group(1)), match.group(0)))
    counts = {statement.count for statement in statements}
    if len(counts) != 1:
        return None
    return statements[0]


def _sentence(prose: str, match: re.Match[str]) -> str:
    start, end = _bounds(prose, match, _SENTENCE_END)
    return prose[start:end]


def dated_otherwise(prose: str, match: re.Match[str], year: int | None) -> bool:
    """Whether the sentence of a match names years, none of them the report's ``year``."""
    if year is None:
        return False
    years = {int(found) for found in re.findall(r"((?:19|20)\d\d)\s*年", _sentence(prose, match))}
    return bool(years) and year not in years


def _bounds(prose: str, match: re.Match[str], ends: re.Pattern[str]) -> tuple[int, int]:
    start = max((m.end() for m in ends.finditer(prose, 0, match.start())), default=0)
    end_match = ends.search(prose, match.end())
    return start, end_match.start() if end_match else len(prose)


def _off_topic(prose: str, match: re.Match[str], *, explicit: bool) -> bool:
    """Whether the sentence or clause around a match is about something else."""
    start, end = _bounds(prose, match, _SENTENCE_END)
    sentence = prose[start:end]
    clause_start = max(
        (m.end() for m in _CLAUSE_END.finditer(sentence, 0, match.start() - start)), default=0
    )
    clause_end_match = _CLAUSE_END.search(sentence, match.end() - start)
    clause = sentence[
        clause_start : clause_end_match.start() if clause_end_match else len(sentence)
    ]
    if _CLAUSE_OFF_TOPIC.search(clause) or (explicit and "结转" in clause):
        return True
    return not explicit and bool(_SENTENCE_OFF_TOPIC.search(sentence))


def _negated(prose: str, position: int) -> bool:
    """Whether the verb at ``position`` is preceded by a negation (未收到 …)."""
    return prose[max(0, position - 2) : position].endswith(("未", "没有", "无"))
