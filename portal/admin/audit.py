"""The audit log: who did what in the admin area, when and from which address."""

from __future__ import annotations

from flask import has_request_context, request
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.models import AuditLogEntry

AUDIT_PAGE_SIZE = 50


def record_action(
    session: Session, action: str, detail: str = "", *, user_name: str | None = None
) -> AuditLogEntry:
    """Add an entry for ``action`` by the signed-in administrator (or ``user_name``)."""
    if user_name is None and has_request_context() and current_user.is_authenticated:
        user_name = current_user.name
    remote_addr = request.remote_addr if has_request_context() else None
    entry = AuditLogEntry(
        user_name=user_name, action=action, detail=detail, remote_addr=remote_addr
    )
    session.add(entry)
    return entry


def recent_entries(session: Session, page: int = 1) -> list[AuditLogEntry]:
    """One page of entries, newest first."""
    offset = (max(page, 1) - 1) * AUDIT_PAGE_SIZE
    statement = (
        select(AuditLogEntry)
        .order_by(AuditLogEntry.at.desc(), AuditLogEntry.id.desc())
        .offset(offset)
        .limit(AUDIT_PAGE_SIZE)
    )
    return list(session.scalars(statement))


def count_entries(session: Session) -> int:
    """How many entries the log holds."""
    return session.scalar(select(func.count(AuditLogEntry.id))) or 0
