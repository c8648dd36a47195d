"""Nianbao's query language, parsed by our own code into a small syntax tree.

Grammar (whitespace separates terms; AND is implied between neighbours)::

    query   := or_expr
    or_expr := and_expr ("OR" and_expr)*
    and_expr:= unary (["AND"] unary)*
    unary   := ("NOT" | "-") unary | primary
    primary := "(" or_expr ")" | FIELD ":" value | '"' phrase '"' | word

Every word or quoted phrase matches as a phrase: ``依申请公开`` finds the reports containing
exactly that string (in the title, the agency name or the text). Fields:

* ``title:`` ``agency:`` ``body:`` — the phrase in that text field only;
* ``province:`` ``city:`` ``county:`` ``township:`` ``agency_kind:`` — values containing the
  given name (``province:宁夏`` selects ``宁夏回族自治区``);
* ``level:`` ``template:`` ``consistency:`` — exact values;
* ``year:2023``, ``year:2019..2022`` (``..2018`` and ``2020..`` leave one side open).

Field names may be written in Chinese (``层级:县级``, ``年度:2019..2024``, ``一致性:不一致``) and
exact values too (``level:县级`` = ``level:county``; see :mod:`index.vocabulary`). An exact value
that names nothing is an error, never a silent empty result.

Numeric conditions compare a figure of :mod:`figures.catalogue` with a number:
``复议纠正>0``, ``新收申请>=30``, ``公开率<0.5`` (or ``<50%``), ``applications.granted.total=0``;
the figure by its Chinese label, an alias or its English key; operators ``> >= < <= = !=``
(``≥ ≤ ＞ ＜ ＝`` too), also written ``复议纠正:>0``. A report whose figure is unknown matches no
condition on it.

A plain word also matches the reports *tagged* with it (``四川省``, ``成都市``, ``公安局`` as a
region or agency kind); those rank first.

Backends translate the tree (see :func:`index.whoosh.backend` and :func:`index.tantivy_backend`);
nothing here knows any search engine.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from figures.catalogue import figure_names, find_figure
from index.backend import QuerySyntaxError
from index.vocabulary import FIELD_ALIASES, exact_value, field_name, known_words

TEXT_FIELDS: tuple[str, ...] = ("title", "agency", "body")
#: Keyword fields whose query values match every indexed value that contains them.
CONTAINS_FIELDS: tuple[str, ...] = ("province", "city", "county", "township", "agency_kind")
EXACT_FIELDS: tuple[str, ...] = (
    "level",
    "template",
    "consistency",
    "timeliness",
    "changed_after_publication",
)
QUERY_FIELDS: tuple[str, ...] = (*TEXT_FIELDS, *CONTAINS_FIELDS, *EXACT_FIELDS, "year")

MIN_YEAR = 1900
MAX_YEAR = 2200

_OPEN_QUOTES = {'"': '"', "“": "”"}
_CLOSE_QUOTES = {'"', "”"}
_BREAKS = set(" \t\r\n\u3000()") | set(_OPEN_QUOTES) | _CLOSE_QUOTES


# -- the syntax tree ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Node:
    """Base class of query syntax tree nodes."""


@dataclass(frozen=True)
class MatchAll(Node):
    """Every document (the empty query)."""


@dataclass(frozen=True)
class Phrase(Node):
    """``text`` as a phrase in ``field``, or in any of :data:`TEXT_FIELDS` when ``field`` is None."""

    text: str
    field: str | None = None


@dataclass(frozen=True)
class ValueMatch(Node):
    """A keyword field: equal to ``value`` (``exact``) or containing it."""

    field: str
    value: str
    exact: bool


@dataclass(frozen=True)
class YearRange(Node):
    """``low <= year <= high``; None leaves a side open."""

    low: int | None
    high: int | None


@dataclass(frozen=True)
class NumericCondition(Node):
    """A figure (a key of :data:`figures.catalogue.FIGURES_BY_KEY`) compared with a number."""

    figure: str
    op: str  # one of OPERATORS
    value: float

    def holds(self, actual: float | None) -> bool:
        """Whether a report whose figure is ``actual`` satisfies the condition."""
        return actual is not None and compare(actual, self.op, self.value)


#: Comparison operators of numeric conditions.
OPERATORS: tuple[str, ...] = (">", ">=", "<", "<=", "=", "!=")


def compare(actual: float, op: str, value: float) -> bool:
    """``actual op value``."""
    if op == ">":
        return actual > value
    if op == ">=":
        return actual >= value
    if op == "<":
        return actual < value
    if op == "<=":
        return actual <= value
    if op == "=":
        return actual == value
    return actual != value


@dataclass(frozen=True)
class And(Node):
    """All children match."""

    children: tuple[Node, ...]


@dataclass(frozen=True)
class Or(Node):
    """At least one child matches."""

    children: tuple[Node, ...]


@dataclass(frozen=True)
class Not(Node):
    """The child does not match."""

    child: Node


# -- lexer -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Token:
    kind: str  # "(", ")", "AND", "OR", "NOT", "TERM", "NUMERIC"
    text: str = ""
    field: str | None = None
    condition: NumericCondition | None = None


def _read_quoted(query: str, start: int) -> tuple[str, int]:
    """The text of a quoted phrase starting at ``start`` (an opening quote) and the next index."""
    end = start + 1
    while end < len(query) and query[end] not in _CLOSE_QUOTES:
        end += 1
    if end >= len(query):
        raise QuerySyntaxError(f"引号不成对：第 {start + 1} 个字符处的引号没有闭合。")
    return query[start + 1 : end], end + 1


def _field_of(word: str) -> tuple[str, str] | None:
    """``(field, value)`` when ``word`` looks like ``name:value``: an ASCII field name, or one
    of the Chinese field names of :data:`~index.vocabulary.FIELD_ALIASES` (``：`` too)."""
    match = re.match(r"([^:：]+)[:：](.*)", word, re.S)
    if match is None:
        return None
    name, value = match.groups()
    if name in FIELD_ALIASES:
        return FIELD_ALIASES[name], value
    if not all(c.isascii() and (c.isalpha() or c == "_") for c in name):
        return None
    return field_name(name), value


_OPERATOR_SIGNS = {"≥": ">=", "≤": "<=", "＞": ">", "＜": "<", "＝": "=", "≠": "!=", "==": "="}
#: ``name op number`` (``name:op number`` too); spaces around the operator are removed first.
_CONDITION = re.compile(
    r"(?P<name>[^\s<>=!≥≤＞＜＝≠:：]+)[:：]?(?P<op>>=|<=|!=|==|>|<|=|≥|≤|＞|＜|＝|≠)"
    r"(?P<number>[-+]?\d+(?:\.\d+)?)(?P<percent>%|％)?"
)
_SPACED_OPERATOR = re.compile(r"\s*(>=|<=|!=|==|>|<|≥|≤|＞|＜|≠)\s*(?=[-+]?\d)")


def _condition_of(word: str) -> NumericCondition | None:
    """The numeric condition ``word`` states, None when it is no condition; raises for an
    unknown figure or an impossible value."""
    match = _CONDITION.fullmatch(word)
    if match is None:
        return None
    name = match.group("name")
    figure = find_figure(name)
    if figure is None:
        raise QuerySyntaxError(
            f"未知指标“{name}”。可用指标：{'、'.join(figure_names())}；"
            "也可用表格单元格路径，如 applications.granted.total。"
        )
    op = _OPERATOR_SIGNS.get(match.group("op"), match.group("op"))
    value = float(match.group("number"))
    if match.group("percent"):
        if not figure.is_rate:
            raise QuerySyntaxError(f"“{figure.label}”是件数，不是比率：请不要写百分号。")
        value /= 100
    elif figure.is_rate and abs(value) > 1:
        raise QuerySyntaxError(
            f"“{figure.label}”是比率：请写 0–1 之间的小数或百分数，如 {name}<0.5 或 {name}<50%。"
        )
    return NumericCondition(figure.key, op, value)


def _tokenize(query: str) -> Iterator[_Token]:
    query = _SPACED_OPERATOR.sub(r"\1", query)
    i = 0
    length = len(query)
    while i < length:
        char = query[i]
        if char in " \t\r\n\u3000":
            i += 1
        elif char in "()":
            yield _Token(char)
            i += 1
        elif char in _OPEN_QUOTES:
            text, i = _read_quoted(query, i)
            yield _Token("TERM", text)
        elif char in _CLOSE_QUOTES:
            raise QuerySyntaxError(f"引号不成对：第 {i + 1} 个字符处有多余的右引号。")
        elif char == "-" and i + 1 < length and query[i + 1] not in _BREAKS - set('("“'):
            yield _Token("NOT")
            i += 1
        else:
            end = i
            while end < length and query[end] not in _BREAKS:
                end += 1
            word = query[i:end]
            i = end
            if word in ("AND", "OR", "NOT"):
                yield _Token(word)
                continue
            condition = _condition_of(word)
            if condition is not None:
                yield _Token("NUMERIC", word, condition=condition)
                continue
            field = _field_of(word)
            if field is None:
                yield _Token("TERM", word)
                continue
            name, value = field
            if name not in QUERY_FIELDS:
                raise QuerySyntaxError(f"未知字段“{name}”。可用字段：{'、'.join(QUERY_FIELDS)}。")
            if not value and i < length and query[i] in _OPEN_QUOTES:
                value, i = _read_quoted(query, i)
            if not value.strip():
                raise QuerySyntaxError(f"字段“{name}:”后缺少要检索的值。")
            yield _Token("TERM", value, name)


# -- parser ------------------------------------------------------------------------------------


class _Parser:
    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.position = 0
        #: Parentheses open at the current position.
        self.depth = 0

    def peek(self) -> _Token | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.position]
        self.position += 1
        return token

    def parse(self) -> Node:
        node = self.parse_or()
        token = self.peek()
        if token is not None:
            raise QuerySyntaxError("括号不成对：有多余的右括号“)”。")
        return node

    def parse_or(self) -> Node:
        children = [self.parse_and()]
        while (token := self.peek()) is not None and token.kind == "OR":
            self.take()
            children.append(self.parse_and())
        return children[0] if len(children) == 1 else Or(tuple(children))

    def parse_and(self) -> Node:
        children = [self.parse_unary()]
        while (token := self.peek()) is not None and token.kind not in (")", "OR"):
            if token.kind == "AND":
                self.take()
            children.append(self.parse_unary())
        return children[0] if len(children) == 1 else And(tuple(children))

    def parse_unary(self) -> Node:
        negations = 0
        while (token := self.peek()) is not None and token.kind == "NOT":
            self.take()
            negations += 1  # NOT NOT … folded without recursion
        node = self.parse_primary()
        return Not(node) if negations % 2 else node  # NOT NOT x is x

    def parse_primary(self) -> Node:
        token = self.peek()
        if token is None:
            raise QuerySyntaxError("检索式不完整：AND、OR、NOT 或“-”之后缺少检索词。")
        if token.kind == "(":
            self.take()
            self.depth += 1
            if self.depth > MAX_NESTING:
                raise QuerySyntaxError(f"括号嵌套过深（最多 {MAX_NESTING} 层）。")
            if (inner := self.peek()) is not None and inner.kind == ")":
                raise QuerySyntaxError("括号内没有检索词。")
            node = self.parse_or()
            closing = self.peek()
            if closing is None or closing.kind != ")":
                raise QuerySyntaxError("括号不成对：缺少右括号“)”。")
            self.take()
            self.depth -= 1
            return node
        if token.kind == ")":
            raise QuerySyntaxError("括号不成对：有多余的右括号“)”。")
        if token.kind in ("AND", "OR"):
            raise QuerySyntaxError(f"“{token.kind}”前后都需要检索词。")
        self.take()
        return _term_node(token)


def _term_node(token: _Token) -> Node:
    """The node of one word, quoted phrase, ``field:value`` or numeric condition."""
    if token.condition is not None:
        return token.condition
    if token.field is None or token.field in TEXT_FIELDS:
        if not token.text.strip():
            return MatchAll()
        return Phrase(token.text, token.field)
    if token.field == "year":
        return _year_range(token.text)
    if token.field in EXACT_FIELDS:
        value = exact_value(token.field, token.text)
        if value is None:
            raise QuerySyntaxError(
                f"“{token.field}:”不能取值“{token.text.strip()}”。"
                f"可用的值：{'、'.join(known_words(token.field))}。"
            )
        return ValueMatch(token.field, value, exact=True)
    return ValueMatch(token.field, token.text.strip(), exact=False)


def _year_range(text: str) -> YearRange:
    """``2023`` → 2023..2023; ``2019..2022``; open ends allowed."""
    low_text, dots, high_text = text.strip().partition("..")

    def year(value: str) -> int | None:
        if not value:
            return None
        if not value.isdigit() or not MIN_YEAR <= int(value) <= MAX_YEAR:
            raise QuerySyntaxError(
                f"年份“{value}”无效：请写四位数字，如 year:2023 或 year:2019..2022。"
            )
        return int(value)

    if not dots:
        single = year(low_text)
        if single is None:
            raise QuerySyntaxError("字段“year:”后缺少年份。")
        return YearRange(single, single)
    low, high = year(low_text), year(high_text)
    if low is None and high is None:
        raise QuerySyntaxError("年份范围至少需要一端，如 year:2019..2022。")
    if low is not None and high is not None and low > high:
        raise QuerySyntaxError(f"年份范围 {low}..{high} 的起始年份大于结束年份。")
    return YearRange(low, high)


#: Deepest nesting of parentheses a query may have (deeper ones are refused, not recursed into).
MAX_NESTING = 32


def parse_query(query: str) -> Node:
    """Parse ``query`` into a syntax tree; raises :class:`QuerySyntaxError` with a Chinese message."""
    tokens = list(_tokenize(query))
    if not tokens:
        return MatchAll()
    return _simplify(_Parser(tokens).parse())


def _simplify(node: Node) -> Node:
    """Drop MatchAll children of And (``"" AND x`` is ``x``)."""
    if isinstance(node, And):
        children = tuple(_simplify(c) for c in node.children if not isinstance(c, MatchAll))
        if not children:
            return MatchAll()
        return children[0] if len(children) == 1 else And(children)
    if isinstance(node, Or):
        return Or(tuple(_simplify(c) for c in node.children))
    if isinstance(node, Not):
        return Not(_simplify(node.child))
    return node


def numeric_conditions(node: Node) -> list[NumericCondition]:
    """Every numeric condition in the tree."""
    if isinstance(node, NumericCondition):
        return [node]
    if isinstance(node, And | Or):
        return [found for child in node.children for found in numeric_conditions(child)]
    if isinstance(node, Not):
        return numeric_conditions(node.child)
    return []


#: Keyword fields a plain word also matches as a tag (``四川省``, ``成都市``, ``公安局``).
TAG_FIELDS: tuple[str, ...] = ("province", "city", "county", "township", "agency_kind")
#: Shortest word that is looked up among tags (one character would match too much).
MIN_TAG_WORD = 2


def tag_values(text: str, known: list[str]) -> list[str]:
    """The indexed tag values a plain word matches: values containing it."""
    text = text.strip()
    if len(text) < MIN_TAG_WORD:
        return []
    return [value for value in known if text in value]


def positive_phrases(node: Node) -> list[str]:
    """Phrases a matching document may contain (not under NOT), for highlighting snippets."""
    if isinstance(node, Phrase):
        return [node.text] if node.field in (None, "body") else []
    if isinstance(node, And | Or):
        return [text for child in node.children for text in positive_phrases(child)]
    return []


def matching_values(match: ValueMatch, known: list[str]) -> list[str]:
    """The indexed values of a keyword field that ``match`` selects."""
    if match.exact:
        return [match.value] if match.value in known else []
    return [value for value in known if match.value in value]


def years_in(range_: YearRange, known: list[int]) -> list[int]:
    """The indexed years inside ``range_``."""
    low = MIN_YEAR if range_.low is None else range_.low
    high = MAX_YEAR if range_.high is None else range_.high
    return [year for year in known if low <= year <= high]
