"""The audit log: who did what in the admin area, when and from which address."""

from __future__ import annotations

import datetime as dt
import re

from flask import has_request_context, request
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.models import AuditLogEntry, utcnow

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


#: Repeats of one action from one address within this window share one audit row.
REPEAT_WINDOW = dt.timedelta(minutes=10)
_REPEATS = re.compile(r"（共 (\d+) 次）$")


def record_repeated_action(
    session: Session, action: str, detail: str, *, user_name: str | None = None
) -> AuditLogEntry:
    """Like :func:`record_action`, but repeats from the same address within
    :data:`REPEAT_WINDOW` only raise the count on the first row (a flood writes one row)."""
    remote_addr = request.remote_addr if has_request_context() else None
    since = utcnow() - REPEAT_WINDOW
    latest = session.scalar(
        select(AuditLogEntry)
        .where(
            AuditLogEntry.action == action,
            AuditLogEntry.remote_addr == remote_addr,
            AuditLogEntry.at >= since,
        )
        .order_by(AuditLogEntry.id.desc())
        .limit(1)
    )
    if latest is None:
        return record_action(session, action, f"{detail}（共 1 次）", user_name=user_name)
    found = _REPEATS.search(latest.detail or "")
    count = int(found.group(1)) + 1 if found else 2
    base = _REPEATS.sub("", latest.detail or "")
    latest.detail = f"{base}（共 {count} 次）"
    return latest


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
