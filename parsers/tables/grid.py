"""Turning a document into table rows: lists of cell strings, whatever the source layout.

Plain-text reports come in two layouts. Most put one table row per line with tab-separated cells
(leading and trailing tabs are irregular). Some put one cell per line, each line starting with a
tab, rows separated by blank lines, and a cell's text sometimes broken over several lines without
the tab (``自`` / ``然`` / ``人``). HTML, DOCX and PDF tables arrive as grids already.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from parsers.model import Number
from parsers.tables.numbers import Cell, classify_cell

Row = list[str]

#: A line without a tab this short, right after a cell, continues that cell's text.
_MAX_CONTINUATION_CHARS = 6


def rows_from_text(text: str) -> list[Row]:
    """The table rows of a plain-text report (see :func:`rows_from_text_with_lines`)."""
    return [row for row, _ in rows_from_text_with_lines(text)]


def rows_from_text_with_lines(text: str) -> list[tuple[Row, int]]:
    """The table rows of a plain-text report, read as a stream of labels and values, each with
    the index of the line its label (its last text cell) is on.

    Whatever the layout (a row per line with tabs, one cell per line with or without a leading
    tab, blank lines or not, numbers separated by spaces as in PDF text dumps), a table is a
    sequence of row labels and numbers in reading order: a row is the text cells up to and
    including its label, then the values after it. A text cell after values starts the next row.
    """
    rows: list[tuple[Row, int]] = []
    current: Row = []
    current_line = 0
    has_values = False
    after_indented_cell = False
    previous_line_values = 0
    for line_number, line in enumerate(text.splitlines()):
        indented = line.startswith("\t")
        cells = _line_cells(line)
        if "\t" in line:
            cells = _without_leading_blanks(cells)
        line_values = _values_only(cells)
        if line_values >= 2 and previous_line_values >= 2 and has_values:
            # ``9 0 0 0 0 0 9`` after a labelled row that was complete on its own line: a row
            # whose label was printed elsewhere (PDF conversions), never more of the row above.
            rows.append((current, current_line))
            current, has_values = [], False
        if line.strip():
            previous_line_values = sum(classify_cell(c).kind != "text" for c in cells)
        for token in cells:
            if not current:
                current_line = line_number
            kind = classify_cell(token).kind
            if kind == "text":
                if has_values:
                    rows.append((current, current_line))
                    current, has_values = [], False
                    current_line = line_number
                broken = not indented and after_indented_cell and "\t" not in line
                if current and broken and _is_continuation(token, current[-1]):
                    current[-1] += (
                        token  # a cell's text broken over lines: ``自`` / ``然`` / ``人``
                    )
                else:
                    current.append(token)
                    current_line = line_number  # the row's label so far
            else:
                current.append(token)
                has_values = True
        if line.strip():
            after_indented_cell = indented or (after_indented_cell and len(line.strip()) <= 6)
    if current:
        rows.append((current, current_line))
    return rows


def _without_leading_blanks(cells: list[str]) -> list[str]:
    """A grid line's cells without the empty cells before its first label: they are the row's
    own merged label columns (``\t\t3.危及…``), never blanks of the row above."""
    first_text = next(
        (i for i, cell in enumerate(cells) if classify_cell(cell).kind == "text"), None
    )
    if first_text is None or any(cells[:first_text]):
        return cells
    return cells[first_text:]


def _values_only(cells: list[str]) -> int:
    """The number of cells of a line that holds values only (0 when any cell is text)."""
    kinds = [classify_cell(cell).kind for cell in cells]
    return 0 if "text" in kinds else len(kinds)


_SPACED_VALUES = re.compile(r"\s+")


def _line_cells(line: str) -> list[str]:
    """The cells of one line: tab-separated cells, a lone cell, or a label and spaced numbers."""
    if not line.strip():
        return []
    if line.startswith("\t") and "\t" not in line[1:]:
        return [line.strip()]  # one cell per line, indented (a lone tab is a blank cell)
    if "\t" in line:
        return [cell.strip() for cell in line.split("\t")]
    flattened = len(line) > _FLATTENED_MIN_CHARS and _TABLE_MARKERS.search(line) is not None
    if flattened:
        line = unglue_flattened(line)
    pieces = _SPACED_VALUES.split(line.strip())
    kinds = [classify_cell(piece).kind for piece in pieces]
    if _value_runs(kinds) >= 2 or (flattened and kinds.count("number") >= _FLATTENED_MIN_VALUES):
        # A whole table flattened onto one line (``规章 0 0 0 规范性文件 6 4 11 …``): every
        # piece is a cell, in reading order.
        return [piece for piece in pieces if piece]
    if len(pieces) > 1 and kinds[-1] == "number":
        # ``（一）予以公开 5 0 0 0 0 0 5``: spaces separate the numbers (a PDF or OCR text line).
        first_value = len(kinds)
        while first_value > 0 and kinds[first_value - 1] != "text":
            first_value -= 1
        label = "".join(pieces[:first_value])
        return ([label] if label else []) + pieces[first_value:]
    return [line.strip()]


#: A line this long holding a table's labels is a whole table (or report) flattened onto one line.
_FLATTENED_MIN_CHARS = 200
#: A flattened table has at least this many numbers (a row of table 三 alone has seven).
_FLATTENED_MIN_VALUES = 7
_TABLE_MARKERS = re.compile(r"本年新收|规范性文件|自然人|结果维持|本年制发")
#: Digits written straight after a label (``规章000``, ``（七）总计0``).
_DIGITS_AFTER_TEXT = re.compile(r"(?<=[\u4e00-\u9fff）)】」”])(?=\d)")
#: A label written straight after digits (``303第二十条``, ``00二、上年结转``), but not a year, a
#: date or a count with its unit (``2021年``, ``5件``).
_TEXT_AFTER_DIGITS = re.compile(
    r"(?<=\d)(?=[\u4e00-\u9fff（(])(?![年月日号件条个项次笔宗份万元人家余多])"
)
#: A signed change glued after the number before it (``20+1737``: 上一年 20, 本年增/减 +17 …).
_SIGN_AFTER_DIGITS = re.compile(r"(?<=\d)(?=[+＋]\d)")
#: Digits run into a numbered item (``0 0 0 0 0 002.其他法律…``): the item's number stays with it.
_DIGITS_BEFORE_ITEM = re.compile(r"(?<=\d)(?=\d[.．、][\u4e00-\u9fff])")


def unglue_flattened(line: str) -> str:
    """Spaces between labels and numbers that a flattened copy glued together: ``规章000行政规范性
    文件303`` → ``规章 000 行政规范性文件 303``. Runs of glued digits (``000``) stay one piece;
    :func:`fit_values` splits them only where the row's column count (and its sums) leave one
    reading."""
    line = _DIGITS_BEFORE_ITEM.sub(" ", line)
    line = _SIGN_AFTER_DIGITS.sub(" ", line)
    line = _DIGITS_AFTER_TEXT.sub(" ", line)
    return _TEXT_AFTER_DIGITS.sub(" ", line)


def _value_runs(kinds: list[str]) -> int:
    """How many runs of two or more adjacent values a line's spaced pieces hold."""
    runs, length = 0, 0
    for kind in [*kinds, "text"]:
        if kind != "text":
            length += 1
            continue
        runs += length >= 2
        length = 0
    return runs


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


def fit_values(
    values: Sequence[Cell], count: int, holds: Callable[[list[Cell]], bool] | None = None
) -> list[Cell] | None:
    """Exactly ``count`` value cells, dropping the irregular leading and trailing blanks.

    A value merged over several columns (repeated by span expansion) counts once. Returns ``None``
    when the row does not hold ``count`` values (the table is then unreadable). ``holds`` is the
    row's own arithmetic (a total equal to the sum of its parts): a reading made by dropping
    repeated cells is taken only if it holds, so that a stray number is never shifted into a
    column.
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
    if len(candidates) < count:
        return _split_glued(candidates, count, holds)
    if len(candidates) > count:
        # A value cell merged over several columns (colspan) is repeated by grid expansion. The
        # last cell of a row is the one usually merged up to the table's edge (``0`` under
        # 本年增/减 spanning two columns), so trailing repeats go first; then any other run.
        trimmed = list(candidates)
        while len(trimmed) > count and trimmed[-1] == trimmed[-2]:
            trimmed.pop()
        collapsed = [c for i, c in enumerate(candidates) if i == 0 or c != candidates[i - 1]]
        for reading in (trimmed, collapsed, _shrink_the_one_repeated_run(candidates, count)):
            if reading is not None and len(reading) == count and (holds is None or holds(reading)):
                return reading
    return None


def without_one_stray_end(
    cells: Sequence[Cell], count: int, holds: Callable[[list[Cell]], bool]
) -> list[Cell] | None:
    """One number too many at either end (a page number or a header digit a conversion left
    beside the row: ``1 | 0 0 0 0 0 0 0``): the end whose removal alone makes the row add up
    gives it up. If both or neither do, or the row is not one value too long, None. A reading
    made this way is a likely one, not a certain one: callers mark it doubtful."""
    cells = [cell for cell in cells if cell.kind != "blank"]
    if len(cells) != count + 1:
        return None
    readings = [cells[1:], cells[:count]]
    holding = [reading for reading in readings if holds(reading)]
    if len(holding) != 1 or readings[0] == readings[1]:
        return None
    return holding[0]


#: Partial readings of glued digits weighed at most per row (a flattened row of 7 columns needs
#: a few dozen); beyond it the row is left unread rather than a parse slowed down.
_MAX_SPLIT_STEPS = 20000


def _is_digit_run(cell: Cell) -> bool:
    digits = cell.text[1:] if cell.text[:1] in "+-" else cell.text
    return cell.kind == "number" and digits.isascii() and digits.isdigit()


def _split_glued(
    cells: Sequence[Cell], count: int, holds: Callable[[list[Cell]], bool] | None
) -> list[Cell] | None:
    """``0 0 0 0 0 00`` or ``1000001`` as ``count`` values: digits a flattened copy glued
    together, split where only one reading has ``count`` numbers without a leading zero (and,
    with ``holds``, only one of those adds up). Any doubt leaves the row unread (None)."""
    readings = glued_readings(cells, count)
    if holds is not None:
        readings = [reading for reading in readings if holds(reading)]
    return readings[0] if len(readings) == 1 else None


def glued_readings(cells: Sequence[Cell], count: int) -> list[list[Cell]]:
    """Every distinct reading of ``cells`` as ``count`` values, splitting runs of glued digits
    (``8855698``, a signed change run into the next column ``+1737``) into numbers without a
    leading zero. Too many readings to weigh (a long run): none. A row with a blank cell kept its
    cells apart (a flattened copy drops blanks), so its numbers are never split: none."""
    if any(cell.kind == "blank" for cell in cells):
        return []
    options: list[list[list[Cell]]] = []
    for cell in cells:
        if _is_digit_run(cell) and len(cell.text.lstrip("+-")) > 1:
            sign = cell.text[0] if cell.text[0] in "+-" else ""
            splits = _digit_splits(cell.text.lstrip("+-"))
            options.append(
                [[_number(sign + parts[0]), *map(_number, parts[1:])] for parts in splits]
            )
        else:
            options.append([[cell]])
    readings: list[list[Cell]] = []
    budget = [_MAX_SPLIT_STEPS]
    _combine(options, 0, [], count, readings, budget)
    if budget[0] <= 0:
        return []  # too many readings to weigh: left unread
    distinct: dict[tuple[Number | None, ...], list[Cell]] = {}
    for reading in readings:
        distinct.setdefault(tuple(cell.value for cell in reading), reading)
    return list(distinct.values())


def _combine(
    options: list[list[list[Cell]]],
    index: int,
    prefix: list[Cell],
    count: int,
    readings: list[list[Cell]],
    budget: list[int],
) -> None:
    budget[0] -= 1
    if budget[0] <= 0 or len(prefix) + (len(options) - index) > count:
        return  # out of budget, or too many numbers already for the cells still to come
    if index == len(options):
        if len(prefix) == count:
            readings.append(prefix)
        return
    for choice in options[index]:
        _combine(options, index + 1, prefix + choice, count, readings, budget)


def _digit_splits(digits: str) -> list[list[str]]:
    """Every way to cut a digit run into numbers without a leading zero (``303`` → ``303``,
    ``30|3``, ``3|03``✗, ``3|0|3``). A run of zeros has one reading, however long
    (``000000000000000``: fifteen empty cells of 表四)."""
    if set(digits) == {"0"}:
        return [["0"] * len(digits)]
    if len(digits) > 12:
        return [[digits]]
    splits: list[list[str]] = []
    for end in range(1, len(digits) + 1):
        head = digits[:end]
        if len(head) > 1 and head[0] == "0":
            break
        if end == len(digits):
            splits.append([head])
            continue
        splits.extend([head, *rest] for rest in _digit_splits(digits[end:]))
    return splits


def _number(text: str) -> Cell:
    return Cell("number", int(text), text)


def _shrink_the_one_repeated_run(cells: list[Cell], count: int) -> list[Cell] | None:
    """``13 13 13 524`` read as three values when ``13`` under a spanned header was repeated: the
    only run of repeats gives up the extra cells. With several runs the split is a guess: None."""
    runs = [(start, end) for start, end in _runs(cells) if end - start >= 2]
    excess = len(cells) - count
    if len(runs) != 1 or runs[0][1] - runs[0][0] <= excess:
        return None
    start, _ = runs[0]
    return cells[:start] + cells[start + excess :]


def _runs(cells: list[Cell]) -> list[tuple[int, int]]:
    """``(start, end)`` of every run of equal adjacent cells."""
    runs = []
    start = 0
    for index in range(1, len(cells) + 1):
        if index == len(cells) or cells[index] != cells[start]:
            runs.append((start, index))
            start = index
    return runs
