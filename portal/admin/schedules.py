"""Crawl schedules: cron expressions, their validation and their next fire time.

The next run is computed exactly as the scheduler process computes it
(``CronTrigger.from_crontab(expression)`` in the scheduler's default time zone, the host's),
so the sources page shows when the crawl really happens. Note APScheduler 3 numbers weekdays
from Monday = 0, unlike crontab; weekday names (``mon``–``sun``) mean the same in both.
"""

from __future__ import annotations

import datetime as dt

from apscheduler.triggers.cron import CronTrigger

CRON_FIELDS = 5


class InvalidSchedule(ValueError):
    """A cron expression that APScheduler cannot read (message in Chinese, for the form)."""


def parse_schedule(expression: str) -> CronTrigger:
    """The trigger of a five-field crontab expression. Raises :class:`InvalidSchedule`."""
    if len(expression.split()) != CRON_FIELDS:
        raise InvalidSchedule("计划须为五段式 cron 表达式（分 时 日 月 周），例如 “0 3 * * mon”。")
    try:
        return CronTrigger.from_crontab(expression)
    except ValueError as error:
        raise InvalidSchedule(f"无法识别的 cron 表达式：{error}") from error


def next_run_at(expression: str, now: dt.datetime) -> dt.datetime | None:
    """When the schedule next fires after ``now`` (naive UTC in, naive UTC out); None if invalid."""
    try:
        trigger = parse_schedule(expression)
    except InvalidSchedule:
        return None
    fire_time = trigger.get_next_fire_time(None, now.replace(tzinfo=dt.UTC))
    if fire_time is None:
        return None
    return fire_time.astimezone(dt.UTC).replace(tzinfo=None)
