"""Every figure a report can be queried, sorted and totalled by, defined once.

Three kinds:

* **cells** — one cell of a statistics table, keyed by its path in ``tables``
  (``applications.granted.natural_person``, the keys of REPORT_SCHEMA.md);
* **named figures** — what the portal shows under a Chinese label: a cell
  (``复议纠正`` = ``reviews.review.corrected``) or a sum of cells (``不予公开`` = the eight
  不予公开 rows' totals);
* **rates** — a ratio of named figures, with its formula in words (``实质公开率 =
  （予以公开＋部分公开）÷ 办理结果总计``).

A figure is looked up by its key, its Chinese label or an alias (:func:`find_figure`).
"""

from __future__ import annotations

from dataclasses import dataclass

from parsers.model import (
    APPLICANT_COLUMNS,
    APPLICATION_ROWS_2019,
    APPLICATION_ROWS_2021,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
)
from parsers.tables.active import ACTIVE_COLUMNS_2019, ACTIVE_COLUMNS_2021

#: Significant decimals of a rate: rates are compared, indexed and totalled at this precision.
RATE_DECIMALS = 4


@dataclass(frozen=True)
class Figure:
    """One queryable figure of a report."""

    key: str
    label: str
    #: Cell paths summed into the value (one path for a plain cell); empty for a rate.
    cells: tuple[str, ...] = ()
    #: Cell paths summed instead when none of ``cells`` was read (a 2019-template row set).
    fallback_cells: tuple[str, ...] = ()
    #: For a rate: keys of the figures summed into the numerator …
    numerator: tuple[str, ...] = ()
    #: … and of the denominator: the first figure minus the others.
    denominator: tuple[str, ...] = ()
    #: A rate's formula in words, shown wherever the rate appears.
    formula: str = ""
    #: Other names the query language accepts.
    aliases: tuple[str, ...] = ()

    @property
    def is_rate(self) -> bool:
        """True for a ratio shown as a percentage."""
        return bool(self.denominator)

    @property
    def cell(self) -> str:
        """The cell path of a single-cell figure, else ''."""
        return self.cells[0] if len(self.cells) == 1 and not self.fallback_cells else ""

    @property
    def is_cell(self) -> bool:
        """True for a figure that is one table cell addressed by its path."""
        return self.key == self.cell


def _row_totals(rows: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(f"applications.{row}.total" for row in rows)


_DENIED = tuple(row for row in APPLICATION_ROWS_2021 if row.startswith("denied_"))
_UNAVAILABLE = tuple(row for row in APPLICATION_ROWS_2021 if row.startswith("unavailable_"))
_REJECTED = tuple(row for row in APPLICATION_ROWS_2021 if row.startswith("rejected_"))
_OTHER_2021 = ("other_no_correction", "other_fee_unpaid", "other_other")


def _named(key: str, label: str, *cells: str, aliases: tuple[str, ...] = ()) -> Figure:
    return Figure(key, label, cells=cells, aliases=aliases)


#: The figures the portal shows by name, in display order.
NAMED_FIGURES: tuple[Figure, ...] = (
    _named("applications", "新收申请", "applications.new.total", aliases=("本年新收申请",)),
    _named("carried_over", "上年结转", "applications.carried_over.total"),
    _named("granted", "予以公开", "applications.granted.total"),
    _named("partial", "部分公开", "applications.partial.total"),
    Figure("denied", "不予公开", cells=_row_totals(_DENIED)),
    Figure("unavailable", "无法提供", cells=_row_totals(_UNAVAILABLE)),
    Figure("rejected", "不予处理", cells=_row_totals(_REJECTED)),
    Figure(
        "other_handling",
        "其他处理",
        cells=_row_totals(_OTHER_2021),
        fallback_cells=("applications.other.total",),
    ),
    _named("results_total", "办理结果总计", "applications.results_total.total", aliases=("办结",)),
    _named("carried_forward", "结转下年", "applications.carried_forward.total"),
    _named("reviews", "行政复议", "reviews.review.total", aliases=("复议",)),
    _named("reviews_upheld", "复议维持", "reviews.review.upheld"),
    _named("reviews_corrected", "复议纠正", "reviews.review.corrected"),
    _named("reviews_other", "复议其他结果", "reviews.review.other"),
    _named("reviews_pending", "复议尚未审结", "reviews.review.pending"),
    _named(
        "litigation",
        "行政诉讼（直接起诉）",
        "reviews.litigation.total",
        aliases=("行政诉讼", "诉讼", "直接起诉"),
    ),
    _named("litigation_corrected", "诉讼纠正", "reviews.litigation.corrected"),
    _named("litigation_pending", "诉讼尚未审结", "reviews.litigation.pending"),
    _named(
        "litigation_after_review",
        "行政诉讼（复议后起诉）",
        "reviews.litigation_after_review.total",
        aliases=("复议后起诉",),
    ),
    _named("licensing", "行政许可", "active.licensing.decisions"),
    _named("punishment", "行政处罚", "active.punishment.decisions"),
    _named("enforcement", "行政强制", "active.enforcement.decisions"),
    _named("fees", "行政事业性收费（万元）", "active.fees.amount", aliases=("行政事业性收费",)),
)

#: Rates, each defined once; values are fractions rounded to :data:`RATE_DECIMALS`.
RATE_FIGURES: tuple[Figure, ...] = (
    Figure(
        "disclosure_rate",
        "实质公开率",
        numerator=("granted", "partial"),
        denominator=("results_total",),
        formula="（予以公开＋部分公开）÷ 办理结果总计",
        aliases=("公开率",),
    ),
    Figure(
        "grant_rate",
        "予以公开率",
        numerator=("granted",),
        denominator=("results_total",),
        formula="予以公开 ÷ 办理结果总计",
    ),
    Figure(
        "denial_rate",
        "不予公开率",
        numerator=("denied",),
        denominator=("results_total",),
        formula="不予公开 ÷ 办理结果总计",
    ),
    Figure(
        "review_correction_rate",
        "复议纠错率",
        numerator=("reviews_corrected",),
        denominator=("reviews", "reviews_pending"),
        formula="复议纠正 ÷（行政复议总计 − 尚未审结）",
    ),
    Figure(
        "litigation_correction_rate",
        "诉讼纠错率",
        numerator=("litigation_corrected",),
        denominator=("litigation", "litigation_pending"),
        formula="诉讼纠正 ÷（直接起诉总计 − 尚未审结）",
    ),
)


def _cell_paths() -> tuple[str, ...]:
    paths: list[str] = []
    active_rows = dict(ACTIVE_COLUMNS_2021)
    for row, columns in ACTIVE_COLUMNS_2019.items():
        active_rows[row] = tuple(dict.fromkeys((*active_rows.get(row, ()), *columns)))
    for row, columns in active_rows.items():
        paths.extend(f"active.{row}.{column}" for column in columns)
    rows = tuple(dict.fromkeys((*APPLICATION_ROWS_2021, *APPLICATION_ROWS_2019)))
    for row in rows:
        paths.extend(f"applications.{row}.{column}" for column in APPLICANT_COLUMNS)
    for group in REVIEW_GROUPS:
        paths.extend(f"reviews.{group}.{column}" for column in REVIEW_COLUMNS)
    return tuple(paths)


#: Every cell of the three tables, addressed by its path.
CELL_FIGURES: tuple[Figure, ...] = tuple(
    Figure(path, path, cells=(path,)) for path in _cell_paths()
)

#: Every figure, named ones and rates first.
ALL_FIGURES: tuple[Figure, ...] = NAMED_FIGURES + RATE_FIGURES + CELL_FIGURES
FIGURES_BY_KEY: dict[str, Figure] = {figure.key: figure for figure in ALL_FIGURES}

_BY_NAME: dict[str, Figure] = {}
for _figure in ALL_FIGURES:
    for _name in (_figure.key, _figure.label, *_figure.aliases):
        _BY_NAME.setdefault(_name.lower(), _figure)


def find_figure(name: str) -> Figure | None:
    """The figure called ``name``: its key, Chinese label or an alias (ASCII case ignored)."""
    return _BY_NAME.get(name.strip().lower())


def figure_names() -> list[str]:
    """The names of the named figures and rates, for error messages and help pages."""
    return [figure.label for figure in NAMED_FIGURES + RATE_FIGURES]
