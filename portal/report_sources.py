"""Where a report was reached from: its own (most official) source and every other place the
same report was found (mirrors, other portals, attachments, local files), merged into its record.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from parsers.tagging.source_roles import SOURCE_LABELS, source_role
from portal.serializers import iso_datetime
from storage.models import Report, ReportSource


def report_sources(session: Session, report: Report) -> list[dict[str, Any]]:
    """The report's sources, its own first (``primary``), then the merged ones by first sighting."""
    own_role = source_role(
        report.url or report.identity, report.province, report.city, report.county
    )
    sources = [
        _source(
            report.url or report.identity, own_role, report.first_seen_at, report.last_seen_at,
            primary=True,
        )
    ]  # fmt: skip
    merged = session.scalars(
        select(ReportSource)
        .where(ReportSource.report_id == report.id)
        .order_by(ReportSource.first_seen_at, ReportSource.id)
    )
    for row in merged:
        entry = _source(row.url or row.identity, row.role, row.first_seen_at, row.last_seen_at)
        entry.update(reason=row.reason, similarity=row.similarity)
        sources.append(entry)
    return sources


def _source(
    url: str,
    role: str,
    first_seen: dt.datetime | None,
    last_seen: dt.datetime | None,
    *,
    primary: bool = False,
) -> dict[str, Any]:
    return {
        "url": url,
        "role": role,
        "role_label": SOURCE_LABELS.get(role, role),
        "primary": primary,
        "first_seen_at": iso_datetime(first_seen),
        "last_seen_at": iso_datetime(last_seen),
        "reason": None,
        "similarity": None,
    }
