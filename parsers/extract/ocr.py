"""Scanned pages: a page image → text lines and table grids in reading order, by OCR.

The engine is RapidOCR (PaddleOCR's Chinese detection and recognition models run by ONNX
Runtime; the models ship inside the ``rapidocr`` wheel, so nothing is downloaded). A page is
straightened, its ruled tables are found (:mod:`parsers.extract.ruled_tables`), and each
recognised word goes into the table cell that holds its centre or, outside tables, into a text
line. The result has the same shape as a text-layer page, so the tagger and the table reader
treat scanned and born-digital reports alike.
"""

from __future__ import annotations

import functools
import itertools
import re
import statistics
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from PIL import Image

from parsers.extract.ruled_tables import RuledTable, find_tables, straightened
from parsers.model import ParseError

Grid = list[list[str]]
#: A page item: its top edge in pixels and a text line or a table grid.
PageItem = tuple[float, "str | Grid"]

INSTALL_HINT = (
    "scanned PDF (no text layer) needs OCR: install the `rapidocr` and `onnxruntime` packages "
    "(`pip install -e .` does)"
)


@dataclass
class Word:
    """One recognised run of text with its box (pixels) and the engine's confidence."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    score: float

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x0 + self.x1) / 2, (self.y0 + self.y1) / 2

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass
class OcrPage:
    """What OCR read on one page: items in reading order and every word's confidence."""

    items: list[PageItem] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)


@functools.cache
def _engine() -> Any:
    try:
        from rapidocr import RapidOCR
    except ImportError as error:
        raise ParseError(INSTALL_HINT) from error
    return RapidOCR(params={"Global.log_level": "error"})


def recognise(image: np.ndarray) -> list[Word]:
    """The words the OCR engine finds on a BGR page image."""
    result = _engine()(image, use_det=True, use_cls=False, use_rec=True)
    if result.boxes is None or result.txts is None:
        return []
    words = []
    for box, text, score in zip(result.boxes, result.txts, result.scores, strict=False):
        xs, ys = [point[0] for point in box], [point[1] for point in box]
        if text.strip():
            words.append(Word(text.strip(), min(xs), min(ys), max(xs), max(ys), float(score)))
    return words


def ink_gray(image: Image.Image) -> np.ndarray:
    """A grey page with red seals and stamps faded out (their red channel is bright)."""
    rgb = np.asarray(image.convert("RGB"))
    red = rgb[:, :, 0].astype(np.int16)
    gray = np.asarray(image.convert("L")).astype(np.int16)
    reddish = (red - rgb[:, :, 1].astype(np.int16)) > 60
    return np.where(reddish, 255, np.maximum(gray, 0)).astype(np.uint8)


def read_page(image: Image.Image) -> OcrPage:
    """OCR one page image into text lines and table grids, top to bottom."""
    gray = straightened(ink_gray(image))
    tables = find_tables(gray)
    words = recognise(np.stack([gray] * 3, axis=-1))
    page = OcrPage(scores=[word.score for word in words])
    in_table: dict[int, list[Word]] = {index: [] for index in range(len(tables))}
    loose: list[Word] = []
    for word in words:
        x, y = word.centre
        for index, table in enumerate(tables):
            if table.cell_at(x, y) is not None:
                in_table[index].append(word)
                break
        else:
            loose.append(word)
    for index, table in enumerate(tables):
        grid, scores = table_grid(table, in_table[index], gray)
        page.items.append((float(table.y0), grid))
        page.scores.extend(scores)
    page.items.extend((top, text) for top, text in text_lines(loose))
    page.items.sort(key=lambda item: item[0])
    return page


def text_lines(words: list[Word]) -> list[tuple[float, str]]:
    """Words grouped into lines by vertical overlap, each line read left to right."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda word: word.centre[1]):
        if lines:
            line = lines[-1]
            top = statistics.mean(w.y0 for w in line)
            bottom = statistics.mean(w.y1 for w in line)
            if word.centre[1] <= bottom and word.centre[1] >= top:
                line.append(word)
                continue
        lines.append([word])
    return [(min(w.y0 for w in line), _joined(line)) for line in lines]


def _joined(line: list[Word]) -> str:
    ordered = sorted(line, key=lambda word: word.x0)
    text = ordered[0].text
    for previous, word in itertools.pairwise(ordered):
        gap = word.x0 - previous.x1
        wide = gap > 1.5 * max(previous.height, word.height)
        latin = previous.text[-1:].isascii() and word.text[:1].isascii()
        text += ("  " if wide else " " if latin else "") + word.text
    return text


def table_grid(
    table: RuledTable, words: list[Word], gray: np.ndarray | None = None
) -> tuple[Grid, list[float]]:
    """The table as a grid of cell texts, a merged cell's text repeated wherever it spans.

    With the page image, a cell where detection found nothing but that has ink (a lone thin
    ``1`` is easily missed) is recognised again on its own; the scores of those second
    readings are returned. Number cells have look-alike letters mapped to digits (``ε`` → 3).
    """
    by_cell: dict[int, list[Word]] = {}
    for word in words:
        position = table.cell_at(*word.centre)
        if position is not None:
            by_cell.setdefault(table.owner[position[0]][position[1]], []).append(word)
    texts = {
        owner: "".join(text for _, text in text_lines(cell_words))
        for owner, cell_words in by_cell.items()
    }
    scores: list[float] = []
    if gray is not None:
        for owner, box in _cell_boxes(table).items():
            if owner in texts:
                continue
            crop = _inked_crop(gray, box)
            if crop is not None:
                reading = _recognise_crop(crop)
                if reading is not None:
                    texts[owner], score = reading
                    scores.append(score)
    texts = {owner: digits_of_lookalikes(text) for owner, text in texts.items()}
    return [[texts.get(owner, "") for owner in row] for row in table.owner], scores


#: Letters OCR gives for digits in number cells.
_LOOKALIKES = str.maketrans(
    {"ε": "3", "З": "3", "O": "0", "o": "0", "D": "0", "Q": "0", "l": "1", "I": "1", "|": "1",
     "i": "1", "S": "5", "s": "5", "B": "8", "Z": "2", "z": "2", "б": "6", "b": "6", "g": "9",
     "q": "9", "A": "4", "T": "7"}
)  # fmt: skip
_NUMBER_LIKE = re.compile(r"[\d.,，．]*")


def digits_of_lookalikes(text: str) -> str:
    """``text`` with look-alike letters read as digits when it is a number with a slip or two."""
    compact = text.replace(" ", "")
    if (
        not compact
        or len(compact) > 8
        or (not any(char.isdigit() for char in compact) and len(compact) > 1)
    ):
        return text
    mapped = compact.translate(_LOOKALIKES)
    if mapped != compact and _NUMBER_LIKE.fullmatch(mapped) and any(c.isdigit() for c in mapped):
        return mapped
    return text


def _cell_boxes(table: RuledTable) -> dict[int, tuple[int, int, int, int]]:
    boxes: dict[int, tuple[int, int, int, int]] = {}
    for r, row in enumerate(table.owner):
        for c, owner in enumerate(row):
            box = (table.columns[c], table.rows[r], table.columns[c + 1], table.rows[r + 1])
            if owner in boxes:
                old = boxes[owner]
                box = (
                    min(old[0], box[0]),
                    min(old[1], box[1]),
                    max(old[2], box[2]),
                    max(old[3], box[3]),
                )
            boxes[owner] = box
    return boxes


def _inked_crop(gray: np.ndarray, box: tuple[int, int, int, int]) -> np.ndarray | None:
    """The inside of a cell (ruling lines cut off) if it holds a mark like a character."""
    x0, y0, x1, y1 = box
    inset = 5
    if x1 - x0 <= 3 * inset or y1 - y0 <= 3 * inset:
        return None
    crop = gray[y0 + inset : y1 - inset, x0 + inset : x1 - inset]
    ink = crop < 128
    if int(ink.sum()) < 12:
        return None
    rows, columns = np.where(ink)
    top, bottom = max(0, rows.min() - 6), min(crop.shape[0], rows.max() + 7)
    left, right = max(0, columns.min() - 6), min(crop.shape[1], columns.max() + 7)
    if bottom - top < 8:
        return None
    return np.pad(crop[top:bottom, left:right], 8, constant_values=255)


def _recognise_crop(crop: np.ndarray) -> tuple[str, float] | None:
    result = _engine()(np.stack([crop] * 3, axis=-1), use_det=False, use_cls=False, use_rec=True)
    texts, scores = getattr(result, "txts", None), getattr(result, "scores", None)
    if not texts or not texts[0].strip():
        return None
    return texts[0].strip(), float(scores[0]) if scores else 0.0
