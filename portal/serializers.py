"""Reports as the public JSON of REPORT_SCHEMA.md and as flat rows for CSV.

The API, the JSON downloads and the CSV exports all go through here, so a field has one name
everywhere.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from index.backend import Hit
from parsers.model import TAG_FIELDS
from portal.figures import SHOWN_FIGURES, report_figures
from storage.models import Report, ReportVersion

#: CSV columns of a report list: id, the tag fields in TAG_FIELDS order, then the URL.
TAG_COLUMNS: tuple[str, ...] = ("id", *TAG_FIELDS, "url")
FIGURE_COLUMNS: tuple[str, ...] = tuple(figure.key for figure in SHOWN_FIGURES)


def iso_datetime(value: dt.date | dt.datetime | None) -> str | None:
    """ISO 8601; stored datetimes are naive UTC and are sent with their offset (RFC 3339)."""
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.isoformat() if value else None


def report_tags(report: Report) -> dict[str, Any]:
    """The identity and tag fields of a report."""
    data: dict[str, Any] = {"id": report.id}
    for name in TAG_FIELDS:
        value = getattr(report, name)
        data[name] = iso_datetime(value) if isinstance(value, dt.date) else value
    data["url"] = report.url
    data["consistency_status"] = report.consistency_status
    return data


def report_document(report: Report, *, include_text: bool = False) -> dict[str, Any]:
    """The full public JSON of a report: tags, sections, tables, checks and key figures."""
    data = report_tags(report)
    data.update(
        sections=report.sections or [],
        tables=report.tables or {},
        checks=report.checks or [],
        ocr=bool(report.ocr),
        ocr_confidence=report.ocr_confidence,
        prose_figures=report.prose_figures or {},
        provenance=report.provenance or {},
        findings=report.findings or [],
        figures=report_figures(report),
        first_seen_at=iso_datetime(report.first_seen_at),
        last_seen_at=iso_datetime(report.last_seen_at),
        last_changed_at=iso_datetime(report.last_changed_at),
        changed_after_publication=report.changed_after_publication,
        gone_at=iso_datetime(report.gone_at),
    )
    if include_text:
        data["text"] = report.text
    return data


def version_summary(
    version: ReportVersion, number: int, links: dict[str, str | None]
) -> dict[str, Any]:
    """A stored version without its parsed content: its number (1 = oldest), the file's identity
    and where its archived original (and, for a page, its safe snapshot) is served."""
    return {
        "number": number,
        "original_url": links["original_url"],
        "snapshot_url": links["snapshot_url"],
        "id": version.id,
        "sha256": version.sha256,
        "size": version.size,
        "content_type": version.content_type,
        "filename": version.filename,
        "fetched_url": version.fetched_url,
        "role": version.role,
        "fetched_at": iso_datetime(version.fetched_at),
    }


def hit_document(hit: Hit) -> dict[str, Any]:
    """A search hit as JSON; ``snippet`` is HTML with matches in ``<mark>``."""
    return {
        "id": hit.id,
        "title": hit.title,
        "agency": hit.agency,
        "year": hit.year,
        "province": hit.province,
        "city": hit.city,
        "county": hit.county,
        "level": hit.level,
        "agency_kind": hit.agency_kind,
        "template": hit.template,
        "published": iso_datetime(hit.published),
        "consistency_status": hit.consistency,
        "url": hit.url,
        "score": hit.score,
        "snippet_html": hit.snippet,
        "figures": dict(hit.figures),
    }


def tag_row(report: Report) -> list[Any]:
    """A report as a CSV row of :data:`TAG_COLUMNS`."""
    tags = report_tags(report)
    return [tags[column] for column in TAG_COLUMNS]


def tag_and_figure_row(report: Report) -> list[Any]:
    """A report as a CSV row of :data:`TAG_COLUMNS` plus the key figures."""
    figures = report_figures(report)
    return [*tag_row(report), *(figures[key] for key in FIGURE_COLUMNS)]


#: Columns of a search export: the tags, the consistency status, the key figures and rates.
SEARCH_COLUMNS: tuple[str, ...] = (
    *TAG_COLUMNS,
    "consistency_status",
    "timeliness",
    "changed_after_publication",
    *FIGURE_COLUMNS,
)


def search_row(report: Report) -> list[Any]:
    """A report as a CSV row of :data:`SEARCH_COLUMNS` (``timeliness``: pass/fail/unknown)."""
    figures = report_figures(report)
    tags = tag_row(report)
    timeliness = next(
        (f.get("status") for f in report.findings or [] if f.get("rule") == "timeliness"), None
    )
    return [
        *tags,
        report.consistency_status,
        timeliness,
        bool(report.changed_after_publication),
        *(figures[key] for key in FIGURE_COLUMNS),
    ]
