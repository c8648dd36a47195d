"""Turning a document into table rows: lists of cell strings, whatever the source layout.

Plain-text reports come in two layouts. Most put one table row per line with tab-separated cells
(leading and trailing tabs are irregular). Some put one cell per line, each line starting with a
tab, rows separated by blank lines, and a cell's text sometimes broken over several lines without
the tab (``自`` / ``然`` / ``人``). HTML, DOCX and PDF tables arrive as grids already.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from parsers.tables.numbers import Cell, classify_cell

Row = list[str]

#: A line without a tab this short, right after a cell, continues that cell's text.
_MAX_CONTINUATION_CHARS = 6


def rows_from_text(text: str) -> list[Row]:
    """The table rows of a plain-text report (prose lines are not rows)."""
    rows: list[Row] = []
    group: list[str] = []
    blank_run = 0
    last_row_was_group = False
    for line in text.splitlines():
        if not line.strip():
            if group:
                rows.append(group)
                group = []
                last_row_was_group = True
            blank_run += 1
            continue
        if _is_cell_line(line):
            group.append(line.strip())
        elif "\t" in line:
            if group:
                rows.append(group)
                group = []
            rows.append([cell.strip() for cell in line.split("\t")])
            last_row_was_group = False
        elif group and _is_continuation(line, group[-1]):
            group[-1] += line.strip()
        elif (
            not group
            and last_row_was_group
            and blank_run <= 1
            and rows
            and _is_continuation(line, rows[-1][-1])
        ):
            rows[-1][-1] += line.strip()
        else:
            if group:
                rows.append(group)
                group = []
            last_row_was_group = False
        blank_run = 0
    if group:
        rows.append(group)
    return rows


def _is_cell_line(line: str) -> bool:
    """A line of the one-cell-per-line layout: a single leading tab, then one cell."""
    return line.startswith("\t") and "\t" not in line[1:]


def _is_continuation(line: str, previous_cell: str) -> bool:
    """Whether a short tab-less line is the rest of a text cell broken over lines."""
    stripped = line.strip()
    return (
        len(stripped) <= _MAX_CONTINUATION_CHARS
        and classify_cell(stripped).kind == "text"
        and classify_cell(previous_cell).kind == "text"
    )


def rows_from_grids(grids: Iterable[Sequence[Sequence[str]]]) -> list[Row]:
    """All rows of table grids (HTML, DOCX, PDF), in document order."""
    return [[cell.strip() for cell in row] for grid in grids for row in grid]


def split_label_and_values(row: Sequence[str]) -> tuple[str, list[Cell]]:
    """The row's label (its last text cell) and the cells that follow it.

    Merged header cells repeated by span expansion and category cells such as ``（三）不予公开``
    come before the most specific label, so the last text cell is the row's own label.
    """
    cells = [classify_cell(raw) for raw in row]
    last_text = max((i for i, cell in enumerate(cells) if cell.kind == "text"), default=-1)
    label = cells[last_text].text if last_text >= 0 else ""
    return label, cells[last_text + 1 :]


def fit_values(values: Sequence[Cell], count: int) -> list[Cell] | None:
    """Exactly ``count`` value cells, dropping the irregular leading and trailing blanks.

    A value merged over several columns (repeated by span expansion) counts once. Returns ``None``
    when the row does not hold ``count`` values (the table is then unreadable).
    """
    candidates = list(values)
    if len(candidates) == count:
        return candidates
    while candidates and len(candidates) > count and candidates[0].kind == "blank":
        candidates.pop(0)
    while candidates and len(candidates) > count and candidates[-1].kind == "blank":
        candidates.pop()
    if len(candidates) == count:
        return candidates
    if len(candidates) > count:
        # A value cell merged over several columns (colspan) is repeated by grid expansion. The
        # last cell of a row is the one usually merged up to the table's edge (``0`` under
        # 本年增/减 spanning two columns), so trailing repeats go first; then any other run.
        trimmed = list(candidates)
        while len(trimmed) > count and trimmed[-1] == trimmed[-2]:
            trimmed.pop()
        if len(trimmed) == count:
            return trimmed
        collapsed = [c for i, c in enumerate(candidates) if i == 0 or c != candidates[i - 1]]
        if len(collapsed) == count:
            return collapsed
    return None
