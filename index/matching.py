"""Whether one document matches a search, without an index: the query language evaluated in
memory, with the same meaning as the backends (a contract test holds the three together).

Used where a few new reports meet many saved searches (watches): evaluating each watch against
the batch is cheaper than searching the whole index once per watch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from index import query as nq
from index.analysis import marked_text
from index.backend import IndexDocument, SearchRequest
from index.shared import keyword_values


@dataclass
class MatchableDocument:
    """A document prepared for matching: its texts marked as the index marks them."""

    document: IndexDocument
    texts: dict[str, str] = field(default_factory=dict)
    keywords: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, document: IndexDocument) -> MatchableDocument:
        """Prepare ``document``."""
        texts = {
            "title": marked_text(document.title or ""),
            "agency": marked_text(document.agency or ""),
            "body": marked_text(document.body or ""),
        }
        return cls(document, texts, keyword_values(document))


@dataclass
class CompiledSearch:
    """A search request parsed once, to be matched against many documents."""

    tree: nq.Node
    filters: dict[str, set[str]]

    @classmethod
    def of(cls, request: SearchRequest) -> CompiledSearch:
        """Parse ``request``; raises :class:`~index.backend.QuerySyntaxError` like a search."""
        filters = {name: set(values) for name, values in request.filters.items() if values}
        return cls(_cheap_first(nq.parse_query(request.query)), filters)

    def matches(self, candidate: MatchableDocument) -> bool:
        """Whether the document is among the search's results."""
        for name, values in self.filters.items():
            if candidate.keywords.get(name) not in values:
                return False
        return _matches(self.tree, candidate)


def _matches(node: nq.Node, candidate: MatchableDocument) -> bool:
    if isinstance(node, nq.MatchAll):
        return True
    if isinstance(node, nq.And):
        return all(_matches(child, candidate) for child in node.children)
    if isinstance(node, nq.Or):
        return any(_matches(child, candidate) for child in node.children)
    if isinstance(node, nq.Not):
        return not _matches(node.child, candidate)
    if isinstance(node, nq.NumericCondition):
        return node.holds(candidate.document.figures.get(node.figure))
    if isinstance(node, nq.YearRange):
        year = candidate.document.year
        low = nq.MIN_YEAR if node.low is None else node.low
        high = nq.MAX_YEAR if node.high is None else node.high
        return year is not None and low <= year <= high
    if isinstance(node, nq.ValueMatch):
        value = candidate.keywords.get(node.field)
        if value is None:
            return False
        return value == node.value if node.exact else node.value in value
    if isinstance(node, nq.Phrase):
        return _phrase(node, candidate)
    raise TypeError(f"unknown query node {node!r}")


def _cheap_first(node: nq.Node) -> nq.Node:
    """The same tree with the children of each AND reordered so that tags, years and figures
    are tested before phrases (the answer is the same; most documents fail a cheap test)."""
    if isinstance(node, nq.And):
        children = [_cheap_first(child) for child in node.children]
        children.sort(key=lambda child: isinstance(child, nq.Phrase | nq.Or | nq.Not))
        return nq.And(tuple(children))
    if isinstance(node, nq.Or):
        return nq.Or(tuple(_cheap_first(child) for child in node.children))
    if isinstance(node, nq.Not):
        return nq.Not(_cheap_first(node.child))
    return node


@lru_cache(maxsize=4096)
def _marked_phrase(text: str) -> str:
    return marked_text(text.strip())


def _phrase(node: nq.Phrase, candidate: MatchableDocument) -> bool:
    phrase = _marked_phrase(node.text)
    if not phrase:
        return True
    fields = [node.field] if node.field else list(candidate.texts)
    if any(phrase in candidate.texts[name] for name in fields):
        return True
    if node.field is None:
        for name in nq.TAG_FIELDS:
            value = candidate.keywords.get(name)
            if value is not None and nq.tag_values(node.text, [value]):
                return True
    return False
