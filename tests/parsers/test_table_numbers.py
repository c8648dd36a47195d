"""Numbers in table cells: separators, full-width digits, dashes and blanks."""

from __future__ import annotations

import pytest

from parsers.tables.numbers import classify_cell, parse_number


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0", 0),
        ("12", 12),
        ("1,234", 1234),
        ("１２", 12),
        ("１，２３４", 1234),
        (" 7 ", 7),
        ("12.5", 12.5),
        ("-3", -3),
        ("5件", 5),
    ],
)
def test_numbers_are_read_whatever_their_width_or_separators(raw: str, expected: float) -> None:
    assert parse_number(raw) == expected


def test_a_fee_written_with_decimals_is_a_float_zero() -> None:
    value = parse_number("0.00")
    assert value == 0.0
    assert isinstance(value, float)


@pytest.mark.parametrize("raw", ["", " ", "—", "——", "-", "/", "／", "无", "－"])
def test_blank_and_dash_cells_are_unknown_not_zero(raw: str) -> None:
    assert parse_number(raw) is None
    assert classify_cell(raw).kind == "blank"


@pytest.mark.parametrize("raw", ["总计", "1.属于国家秘密", "(七)总计", "3."])
def test_labels_are_text_not_numbers(raw: str) -> None:
    assert classify_cell(raw).kind == "text"
    assert parse_number(raw) is None
