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


def test_a_change_written_in_words_is_a_signed_number() -> None:
    # 本年增/减 as 平潭's 2019 report prints it: ``减12``.
    assert parse_number("减12") == -12
    assert parse_number("增5") == 5
    assert parse_number("减少3.5") == -3.5
    assert parse_number("减") is None and parse_number("增加") is None
