"""Rendering an HTML subtree as lines of text, with leaf tables as expanded grids.

Block elements break lines; a table that holds no other table is read as a grid (``rowspan`` and
``colspan`` expanded: a merged cell's text is repeated in every position it spans) and rendered as
tab-separated lines, so text-based parsing sees every table.
"""

from __future__ import annotations

import re

from lxml import html

Grid = list[list[str]]

BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "center", "dd", "div", "dl", "dt",
        "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main", "ol",
        "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
_WHITESPACE = re.compile(r"\s+")
_MAX_COLSPAN = 50
_MAX_ROWSPAN = 500


def collapse_whitespace(text: str) -> str:
    """Runs of whitespace (including ``&nbsp;`` and ideographic spaces) as one space, stripped."""
    return _WHITESPACE.sub(" ", text).strip()


def render_lines(element: html.HtmlElement) -> tuple[list[str], list[Grid]]:
    """The text lines of an element and the grids of the leaf tables inside it, in order."""
    lines: list[str] = []
    grids: list[Grid] = []
    current: list[str] = []

    def flush() -> None:
        line = collapse_whitespace("".join(current))
        if line:
            lines.append(line)
        current.clear()

    def walk(node: html.HtmlElement) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag == "table" and not node.xpath(".//table"):
            flush()
            grid = table_grid(node)
            if any(any(cell for cell in row) for row in grid):
                grids.append(grid)
                lines.extend("\t".join(row) for row in grid)
        elif tag:
            block = tag in BLOCK_TAGS
            if block:
                flush()
            if node.text:
                current.append(node.text)
            for child in node:
                walk(child)
            if block:
                flush()
        if node.tail:
            current.append(node.tail)

    if element.text:
        current.append(element.text)
    for child in element:
        walk(child)
    flush()
    return lines, grids


def table_grid(table: html.HtmlElement) -> Grid:
    """A leaf ``<table>`` as a grid with row and column spans expanded."""
    grid: Grid = []
    carried: dict[int, list] = {}  # column -> [rows still spanned, text]
    for tr in table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr"):
        row: list[str] = []
        for cell in tr.xpath("./td|./th"):
            _place_carried(row, carried)
            text = collapse_whitespace(cell.text_content())
            colspan = _span(cell.get("colspan"), _MAX_COLSPAN)
            rowspan = _span(cell.get("rowspan"), _MAX_ROWSPAN)
            for _ in range(colspan):
                if rowspan > 1:
                    carried[len(row)] = [rowspan - 1, text]
                row.append(text)
        _place_carried(row, carried)
        for column in sorted(c for c in carried if c > len(row)):
            row.extend([""] * (column - len(row)))
            _place_carried(row, carried)
        grid.append(row)
    return grid


def _place_carried(row: list[str], carried: dict[int, list]) -> None:
    """Fill the positions at the end of ``row`` covered by cells spanning down from above."""
    while len(row) in carried:
        span = carried[len(row)]
        row.append(span[1])
        span[0] -= 1
        if span[0] <= 0:
            del carried[len(row) - 1]


def _span(value: str | None, limit: int) -> int:
    """A ``rowspan``/``colspan`` attribute as a sane positive integer."""
    try:
        number = int(str(value).strip())
    except ValueError:
        return 1
    return min(max(number, 1), limit)
