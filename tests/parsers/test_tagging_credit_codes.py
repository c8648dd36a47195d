"""Unified social credit codes place the body that prints them (GB 32100-2015, characters 3–8)."""

from __future__ import annotations

import pytest

from parsers.tagging.credit_codes import division_of_credit_code, divisions_for_credit_codes
from parsers.tagging.gazetteer import get_gazetteer


@pytest.mark.parametrize(
    ("code", "place"),
    [
        ("12370305MB2887776R", "临淄区"),  # a county-level unit
        ("11330700099033995K", "金华市"),  # a city body: 330700 is the city itself
        ("11330000002482071P", "浙江省"),  # a province body
    ],
)
def test_the_code_names_the_division_the_body_is_registered_in(code: str, place: str) -> None:
    division = division_of_credit_code(code, get_gazetteer())
    assert division is not None and division.name == place


@pytest.mark.parametrize(
    "code",
    [
        "13566001/2024-07705",  # an index number that is no credit code
        "1237030SMB2887776R",  # a letter inside the region part
        "12370305MB2887776",  # one character short
    ],
)
def test_what_is_not_a_credit_code_places_nothing(code: str) -> None:
    assert division_of_credit_code(code, get_gazetteer()) is None


def test_codes_are_found_inside_index_numbers_and_not_inside_longer_strings() -> None:
    gazetteer = get_gazetteer()
    text = "索引号: 11371002004360724B/2021-00012\n编号: X11371002004360724BX"
    assert [d.name for d in divisions_for_credit_codes(text, gazetteer)] == ["环翠区"]
