"""Accepted corrections laid over a parse: values replaced, checks run again, settled ones found."""

from __future__ import annotations

import pytest

from parsers.corrections import (
    AcceptedCorrection,
    CorrectionError,
    apply_corrections,
    normalise_value,
)
from parsers.model import Check, ParsedReport
from tests.portal.archive_factory import applications_table, reviews_table


def _report(new: int = 10) -> ParsedReport:
    tables = {"applications": applications_table(new, 6, 2, 2), "reviews": reviews_table(1, 0)}
    return ParsedReport(title="t", agency="某县水利局", year=2023, tables=tables)


def test_a_corrected_cell_replaces_the_parsed_value_and_the_checks_run_again() -> None:
    parsed = _report()
    parsed.checks = [Check("applications_balance", "pass", "平衡", [])]
    corrected, settled = apply_corrections(
        parsed, [AcceptedCorrection(1, "applications.new.total", 11)]
    )
    assert corrected.tables["applications"]["new"]["total"] == 11
    assert parsed.tables["applications"]["new"]["total"] == 10  # the parse itself is untouched
    assert settled == []
    balance = next(c for c in corrected.checks if c.rule == "applications_balance")
    assert balance.status == "fail"


def test_a_corrected_tag_replaces_the_tag() -> None:
    corrected, _ = apply_corrections(_report(), [AcceptedCorrection(2, "agency", "某县水务局")])
    assert corrected.agency == "某县水务局"


def test_a_correction_the_parse_now_agrees_with_is_settled() -> None:
    corrected, settled = apply_corrections(
        _report(new=12), [AcceptedCorrection(3, "applications.new.total", 12)]
    )
    assert settled == [3]
    assert corrected.tables["applications"]["new"]["total"] == 12


@pytest.mark.parametrize(
    ("field", "raw", "value"),
    [
        ("applications.new.total", "1,234", 1234),
        ("applications.new.total", "12.5", 12.5),
        ("applications.new.total", "", None),
        ("year", "2023", 2023),
        ("level", "county", "county"),
        ("agency", " 某县水利局 ", "某县水利局"),
    ],
)
def test_typed_values_are_normalised(field: str, raw: str, value: object) -> None:
    assert normalise_value(field, raw) == value


@pytest.mark.parametrize(
    ("field", "raw"),
    [
        ("applications.new.total", "十三"),
        ("year", "23"),
        ("level", "县级市"),
        ("agency", "<b>某局</b>"),
        ("tables.__class__", "1"),
    ],
)
def test_values_that_cannot_apply_are_refused_with_a_reason(field: str, raw: str) -> None:
    with pytest.raises(CorrectionError):
        normalise_value(field, raw)
