"""Accepted corrections in the archive: laid over every parse before it is stored, retired when
the parser reads the corrected value by itself.

The stored version keeps the parser's own reading (``ReportVersion.parsed``); the report's fields
hold the corrected values, so the page, the API, the exports, the index and the checks all show
the correction, and a re-crawl or re-parse keeps it.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from parsers.corrections import AcceptedCorrection, apply_corrections
from parsers.model import ParsedReport
from storage.models import Correction, utcnow


def accepted_corrections(session: Session, report_id: int) -> list[AcceptedCorrection]:
    """The report's accepted corrections, oldest first (a later one of a field wins)."""
    rows = session.scalars(
        select(Correction)
        .where(Correction.report_id == report_id, Correction.status == "accepted")
        .where(Correction.field.is_not(None))
        .order_by(Correction.decided_at, Correction.id)
    )
    return [AcceptedCorrection(row.id, row.field or "", row.new_value) for row in rows]


def corrected_for(session: Session, report_id: int | None, parsed: ParsedReport) -> ParsedReport:
    """``parsed`` with the report's accepted corrections laid over it; corrections the parse now
    agrees with are retired (quietly: the value shown does not change)."""
    if report_id is None:
        return parsed
    accepted = accepted_corrections(session, report_id)
    if not accepted:
        return parsed
    corrected, settled = apply_corrections(parsed, accepted)
    retire(session, settled)
    return corrected


def retire(session: Session, correction_ids: Sequence[int]) -> None:
    """Mark corrections as retired: the parser reads their value now."""
    for correction_id in correction_ids:
        row = session.get(Correction, correction_id)
        if row is not None and row.status == "accepted":
            row.status = "retired"
            row.retired_at = utcnow()
