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


def test_glued_digits_split_only_where_one_reading_fits() -> None:
    from parsers.tables.grid import fit_values

    def values(cells: str, count: int, holds=None):  # type: ignore[no-untyped-def]
        fitted = fit_values([classify_cell(c) for c in cells.split()], count, holds)
        return None if fitted is None else [cell.value for cell in fitted]

    def adds_up(cells):  # type: ignore[no-untyped-def]
        return sum(c.value for c in cells[:-1]) == cells[-1].value

    assert values("0 0 0 0 0 00", 7) == [0] * 7  # ``00`` is never one number
    assert values("000", 3) == [0, 0, 0]
    assert values("303", 3) == [3, 0, 3]  # 30|3 and 303 give too few numbers
    assert values("713000074", 7, adds_up) == [71, 3, 0, 0, 0, 0, 74]
    assert values("8855698", 3) is None  # 88|55|698, 885|5|698 …: a guess, left unread
    assert values("1 2 3", 3) == [1, 2, 3]
    assert values("000000000000000", 15) == [0] * 15  # however long, zeros are one reading each


def test_table_four_s_header_glued_to_its_section_heading_is_found() -> None:
    from parsers.tables.reviews import parse_review_table

    heading = (
        "四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计"
        "未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计"
    )
    table = parse_review_table(
        [[heading, "00", "0", "00", "0", "0", "0", "00", "0", "0", "0", "00"]]
    )
    assert table.table is not None
    assert (
        table.table["review"]["total"] == 0 and table.table["litigation_after_review"]["total"] == 0
    )


def test_a_flattened_copy_gets_spaces_between_labels_and_numbers() -> None:
    from parsers.tables.grid import unglue_flattened

    assert unglue_flattened("现行有效件数规章000行政规范性文件303第二十条") == (
        "现行有效件数规章 000 行政规范性文件 303 第二十条"
    )
    # An item's number stays with its item; years and counts with units stay whole.
    assert unglue_flattened("1.属于国家秘密0 0 0 0 0 002.其他法律") == (
        "1.属于国家秘密 0 0 0 0 0 00 2.其他法律"
    )
    assert unglue_flattened("2022年共收到申请5件") == "2022年共收到申请 5件"
