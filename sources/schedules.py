"""Crawl schedules: crontab expressions read the way crontab reads them.

APScheduler 3's ``CronTrigger.from_crontab`` numbers weekdays from Monday = 0, while crontab
numbers them from Sunday = 0 (and 7). :func:`cron_trigger` translates numeric weekdays to names
first, so ``0 3 * * 1`` means Monday 03:00 as every admin expects. Schedules run in the
configured time zone (default Asia/Shanghai, where the portals are).
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger

CRON_FIELDS = 5
DEFAULT_TIMEZONE = "Asia/Shanghai"
_WEEKDAY_NAMES = ("sun", "mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WEEKDAY_PART = re.compile(r"^(?:(\*)|(\d+)(?:-(\d+))?)(?:/(\d+))?$")


class InvalidSchedule(ValueError):
    """A cron expression that cannot be read (message in Chinese, for forms and the CLI)."""


def crontab_weekdays_to_names(field: str) -> str:
    """Rewrite the day-of-week field of a crontab line with weekday names.

    ``1-5`` → ``mon,tue,wed,thu,fri``; ``0`` and ``7`` → ``sun``; names pass through unchanged.
    """
    if field == "*" or not any(ch.isdigit() for ch in field):
        return field
    names: list[str] = []
    for part in field.split(","):
        match = _WEEKDAY_PART.match(part)
        if match is None:
            raise InvalidSchedule(f"无法识别的星期字段：{part!r}")
        star, first, last, step = match.groups()
        start = 0 if star else int(first)
        end = 6 if star else int(last) if last is not None else (6 if step else start)
        if not 0 <= start <= 7 or not 0 <= end <= 7 or start > end:
            raise InvalidSchedule(f"星期须在 0–7 之间：{part!r}")
        for number in range(start, end + 1, int(step) if step else 1):
            name = _WEEKDAY_NAMES[number]
            if name not in names:
                names.append(name)
    return ",".join(names)


def cron_trigger(expression: str, timezone: str = DEFAULT_TIMEZONE) -> CronTrigger:
    """The APScheduler trigger of a five-field crontab expression, read as crontab reads it."""
    fields = expression.split()
    if len(fields) != CRON_FIELDS:
        raise InvalidSchedule("计划须为五段式 cron 表达式（分 时 日 月 周），例如 “0 3 * * 1”。")
    minute, hour, day, month, weekday = fields
    try:
        return CronTrigger(
            minute=minute,
            hour=hour,
            day=day,
            month=month,
            day_of_week=crontab_weekdays_to_names(weekday),
            timezone=ZoneInfo(timezone),
        )
    except (ValueError, KeyError) as error:
        raise InvalidSchedule(f"无法识别的 cron 表达式：{error}") from error


def next_run_at(
    expression: str, now: dt.datetime, timezone: str = DEFAULT_TIMEZONE
) -> dt.datetime | None:
    """When the schedule next fires after ``now`` (naive UTC in, naive UTC out); None if invalid."""
    try:
        trigger = cron_trigger(expression, timezone)
    except InvalidSchedule:
        return None
    fire_time = trigger.get_next_fire_time(None, now.replace(tzinfo=dt.UTC))
    if fire_time is None:
        return None
    return fire_time.astimezone(dt.UTC).replace(tzinfo=None)
