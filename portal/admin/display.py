"""How the admin templates show times and states: Beijing time, Chinese labels."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

DISPLAY_TIMEZONE = ZoneInfo("Asia/Shanghai")

RUN_STATUS_LABELS = {
    "queued": "排队中",
    "running": "运行中",
    "finished": "已完成",
    "failed": "失败",
    "cancelled": "已取消",
    "interrupted": "已中断",
}

REQUEST_KIND_LABELS = {
    "all": "重新抓取全部来源",
    "source": "重新抓取来源",
    "url": "重新抓取网址",
    "retry": "重试失败的网址",
    "reindex": "重建索引",
    "corrections": "应用人工更正",
}

REQUEST_STATUS_LABELS = {
    "queued": "排队中",
    "running": "进行中",
    "done": "已完成",
    "failed": "失败",
}


CORRECTION_STATUS_LABELS = {
    "pending": "待处理",
    "accepted": "已接受",
    "rejected": "已驳回",
    "retired": "已退役（解析结果已一致）",
}


def format_time(moment: dt.datetime | None) -> str:
    """A naive-UTC timestamp in Beijing time, ``—`` for None."""
    if moment is None:
        return "—"
    local = moment.replace(tzinfo=dt.UTC).astimezone(DISPLAY_TIMEZONE)
    return local.strftime("%Y-%m-%d %H:%M:%S")


def template_helpers() -> dict[str, Any]:
    """Names every admin template can use."""
    return {
        "format_time": format_time,
        "run_status_labels": RUN_STATUS_LABELS,
        "request_status_labels": REQUEST_STATUS_LABELS,
        "request_kind_labels": REQUEST_KIND_LABELS,
        "correction_status_labels": CORRECTION_STATUS_LABELS,
    }
