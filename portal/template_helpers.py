"""Filters and globals available to every template: labels, safe links, number formatting."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

from flask import Flask
from markupsafe import Markup, escape

from portal import labels
from portal.figures import FIGURES_BY_KEY, Figure, Number, format_figure
from portal.links import is_local_address, safe_http_url
from portal.textdiff import paragraphs

#: Every time the public pages show is Beijing time, and says so.
DISPLAY_TIMEZONE = ZoneInfo("Asia/Shanghai")


def format_datetime(value: dt.datetime | dt.date | None) -> str:
    """``2024-03-01 16:30（北京时间）`` for a stored (naive UTC) time, ``2024-03-01`` for a date;
    "—" when unknown."""
    if value is None:
        return "—"
    if isinstance(value, dt.datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
        return moment.astimezone(DISPLAY_TIMEZONE).strftime("%Y-%m-%d %H:%M") + "（北京时间）"
    return value.isoformat()


def region_path(item: Any, separator: str = " › ") -> str:
    """``宁夏回族自治区 › 银川市 › 灵武市`` from anything with province/city/county attributes."""
    parts = [getattr(item, name, None) for name in ("province", "city", "county")]
    return separator.join(part for part in parts if part)


def figure_text(value: Number | None, figure: Figure | None = None) -> str:
    """A figure or rate for display."""
    return format_figure(value, figure)


_INLINE_CODE = re.compile(r"`([^`\n]+)`")


def inline_code(text: str | None) -> Markup:
    """Text written with Markdown-style backticks (API descriptions) as escaped HTML with
    ``<code>``: ``按 `province` 筛选`` → ``按 <code>province</code> 筛选``."""
    escaped = str(escape(text or ""))
    return Markup(_INLINE_CODE.sub(r"<code>\1</code>", escaped))


def register_template_helpers(app: Flask) -> None:
    """Make the helpers available in templates."""
    app.add_template_filter(safe_http_url, "http_url")
    app.add_template_filter(is_local_address, "local_address")
    app.add_template_filter(format_datetime, "datetime")
    app.add_template_filter(figure_text, "figure")
    app.add_template_filter(labels.value_label, "value_label")
    app.add_template_filter(paragraphs, "paragraphs")
    app.add_template_filter(region_path, "region_path")
    app.add_template_filter(inline_code, "inline_code")
    app.jinja_env.globals["labels"] = labels
    # The figures a search result card shows.
    app.jinja_env.globals["card_figures"] = [
        FIGURES_BY_KEY[key]
        for key in (
            "applications",
            "reviews_corrected",
            "disclosure_rate",
            "review_correction_rate",
        )
    ]
