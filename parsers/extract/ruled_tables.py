"""Ruled tables on a page image: straighten the page, find the table grids and their merged cells.

Scanned reports print their statistics tables with ruling lines. The lines are found with
morphological opening (long thin horizontal and vertical strokes survive, text does not); the
distinct line positions give a grid of atomic cells, and two neighbouring atomic cells belong to
one merged cell when no ruling line separates them. OCR words are then placed into cells by their
centre (see :mod:`parsers.extract.ocr`).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

#: A straightening smaller than this is not worth resampling the page.
_MIN_SKEW_DEGREES = 0.1
_MAX_SKEW_DEGREES = 5.0
#: Share of a cell edge that a ruling line must cover to separate two cells.
_EDGE_COVERAGE = 0.5
#: Vertical lines running this far (pixels) past the outermost horizontal line: an open edge.
_OPEN_EDGE = 10


@dataclass
class RuledTable:
    """A table's bounding box and its atomic grid; ``owner[r][c]`` names the merged cell."""

    x0: int
    y0: int
    x1: int
    y1: int
    #: Row boundaries (``len(rows) - 1`` rows) and column boundaries, in pixels.
    rows: list[int]
    columns: list[int]
    owner: list[list[int]]

    def cell_at(self, x: float, y: float) -> tuple[int, int] | None:
        """The atomic cell (row, column) containing a point, or ``None`` outside the grid."""
        if not (self.rows[0] <= y <= self.rows[-1] and self.columns[0] <= x <= self.columns[-1]):
            return None
        row = int(np.searchsorted(self.rows, y, side="right")) - 1
        column = int(np.searchsorted(self.columns, x, side="right")) - 1
        return min(row, len(self.rows) - 2), min(column, len(self.columns) - 2)


def binarised(gray: np.ndarray) -> np.ndarray:
    """Ink as 255 on a 0 background (adaptive, so grey scans and shadows work)."""
    return cv2.adaptiveThreshold(
        gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 15
    )


def _line_masks(ink: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    height, width = ink.shape
    horizontal = cv2.morphologyEx(
        ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(20, width // 40), 1))
    )
    vertical = cv2.morphologyEx(
        ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(12, height // 90)))
    )
    return horizontal, vertical


def skew_angle(gray: np.ndarray) -> float:
    """The page's rotation in degrees, from its long straight strokes (0 when none are found)."""
    ink = binarised(gray)
    width = ink.shape[1]
    lines = cv2.HoughLinesP(
        ink, 1, np.pi / 1800, threshold=200, minLineLength=width // 4, maxLineGap=4
    )
    if lines is None:
        return 0.0
    angles = []
    for x0, y0, x1, y1 in np.asarray(lines).reshape(-1, 4).tolist():
        angle = float(np.degrees(np.arctan2(y1 - y0, x1 - x0)))
        if abs(angle) <= _MAX_SKEW_DEGREES:
            angles.append(angle)
    return float(np.median(angles)) if angles else 0.0


def straightened(gray: np.ndarray) -> np.ndarray:
    """The page rotated so that its ruling lines are horizontal."""
    angle = skew_angle(gray)
    if abs(angle) < _MIN_SKEW_DEGREES:
        return gray
    height, width = gray.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    return cv2.warpAffine(gray, matrix, (width, height), flags=cv2.INTER_CUBIC, borderValue=(255,))


def _positions(profile: np.ndarray, minimum: float) -> list[int]:
    """Centres of runs where a projection profile reaches ``minimum``."""
    positions: list[int] = []
    start = None
    for index, value in enumerate([*profile.tolist(), 0]):
        if value >= minimum and start is None:
            start = index
        elif value < minimum and start is not None:
            positions.append((start + index - 1) // 2)
            start = None
    return positions


def find_tables(gray: np.ndarray) -> list[RuledTable]:
    """Every ruled table of a (straightened) page, top to bottom."""
    ink = binarised(gray)
    horizontal, vertical = _line_masks(ink)
    joined = cv2.dilate(cv2.bitwise_or(horizontal, vertical), np.ones((5, 5), np.uint8))
    contours, _ = cv2.findContours(joined, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    tables: list[RuledTable] = []
    page_width = gray.shape[1]
    for contour in contours:
        x, y, w, h = cv2.boundingRect(contour)
        if w < page_width // 5 or h < 20:
            continue
        table = _grid(horizontal[y : y + h, x : x + w], vertical[y : y + h, x : x + w], x, y)
        if table is not None:
            tables.append(table)
    tables.sort(key=lambda table: table.y0)
    return tables


def _grid(horizontal: np.ndarray, vertical: np.ndarray, x: int, y: int) -> RuledTable | None:
    height, width = horizontal.shape
    # A row boundary is a horizontal line over at least one column's width somewhere.
    row_lines = _positions((horizontal > 0).sum(axis=1), min(width * 0.04, 40))
    column_lines = _positions((vertical > 0).sum(axis=0), min(height * 0.3, 25))
    # A table cut at a page break has no ruling line on its cut edge: its vertical lines
    # running past the last horizontal line mark where the edge is.
    if row_lines and row_lines[0] > _OPEN_EDGE:
        row_lines.insert(0, 0)
    if row_lines and row_lines[-1] < height - 1 - _OPEN_EDGE:
        row_lines.append(height - 1)
    if len(row_lines) < 2 or len(column_lines) < 2:
        return None
    rows, columns = len(row_lines) - 1, len(column_lines) - 1
    owner = [[r * columns + c for c in range(columns)] for r in range(rows)]

    def covered(mask: np.ndarray, along_row: bool, fixed: int, start: int, end: int) -> bool:
        band = 3
        if along_row:
            strip = mask[max(0, fixed - band) : fixed + band + 1, start:end]
            hits = strip.max(axis=0) if strip.size else np.zeros(0)
        else:
            strip = mask[start:end, max(0, fixed - band) : fixed + band + 1]
            hits = strip.max(axis=1) if strip.size else np.zeros(0)
        inner = hits[len(hits) // 8 : len(hits) - len(hits) // 8] if len(hits) > 8 else hits
        return bool(inner.size) and float((inner > 0).mean()) >= _EDGE_COVERAGE

    parent = list(range(rows * columns))

    def find(item: int) -> int:
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    for r in range(rows):
        top, bottom = row_lines[r], row_lines[r + 1]
        for c in range(columns):
            left, right = column_lines[c], column_lines[c + 1]
            if c + 1 < columns and not covered(vertical, False, right, top, bottom):
                parent[find(r * columns + c + 1)] = find(r * columns + c)
            if r + 1 < rows and not covered(horizontal, True, bottom, left, right):
                parent[find((r + 1) * columns + c)] = find(r * columns + c)
    owner = [[find(r * columns + c) for c in range(columns)] for r in range(rows)]
    return RuledTable(
        x0=x,
        y0=y,
        x1=x + width,
        y1=y + height,
        rows=[y + line for line in row_lines],
        columns=[x + line for line in column_lines],
        owner=owner,
    )
