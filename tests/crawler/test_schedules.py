"""Cron schedules are read as crontab reads them, in the configured time zone."""

from __future__ import annotations

import datetime as dt

import pytest

from sources.schedules import InvalidSchedule, cron_trigger, crontab_weekdays_to_names, next_run_at


@pytest.mark.parametrize(
    ("field", "names"),
    [
        ("1", "mon"),
        ("0", "sun"),
        ("7", "sun"),
        ("1-5", "mon,tue,wed,thu,fri"),
        ("0,6", "sun,sat"),
        ("*/2", "sun,tue,thu,sat"),
        ("mon-fri", "mon-fri"),
        ("*", "*"),
    ],
)
def test_crontab_weekday_numbers_become_names(field: str, names: str) -> None:
    assert crontab_weekdays_to_names(field) == names


def test_weekday_1_is_monday_in_beijing_time() -> None:
    saturday_noon_utc = dt.datetime(2026, 11, 21, 12, 0)
    fire = next_run_at("0 3 * * 1", saturday_noon_utc, "Asia/Shanghai")
    # Monday 03:00 in Beijing is Sunday 19:00 UTC.
    assert fire == dt.datetime(2026, 11, 22, 19, 0)


@pytest.mark.parametrize("expression", ["0 3 * *", "0 3 * * 8", "0 25 * * *", "every day"])
def test_malformed_schedules_are_refused_with_a_message(expression: str) -> None:
    with pytest.raises(InvalidSchedule):
        cron_trigger(expression)
