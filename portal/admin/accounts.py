"""Administrator accounts: creation, password checks, enabling and disabling.

Passwords are kept only as a slow salted hash (werkzeug's scrypt); the signed-in administrator
is a small :class:`SignedInAdmin` value, not the database row, so no session outlives a request.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask import current_app
from flask_login import UserMixin
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from storage.models import AdminUser, utcnow

PASSWORD_HASH_METHOD = "scrypt"
MIN_PASSWORD_LENGTH = 10
MAX_NAME_LENGTH = 100


class AccountError(ValueError):
    """An account cannot be created or changed as asked (message in Chinese, for the user)."""


@dataclass(frozen=True)
class SignedInAdmin(UserMixin):
    """The administrator of the current session."""

    id: int
    name: str
    #: The account's session generation when this session began.
    generation: int = 0

    def get_id(self) -> str:
        """The id Flask-Login keeps in the session: the account and its session generation."""
        return f"{self.id}:{self.generation}"


@dataclass(frozen=True)
class AdminSummary:
    """One account as ``nianbao admins list`` shows it."""

    name: str
    disabled: bool
    created_at: dt.datetime
    last_login_at: dt.datetime | None


def hash_password(password: str) -> str:
    """A slow salted hash of ``password``."""
    return generate_password_hash(password, method=PASSWORD_HASH_METHOD)


def create_admin(session: Session, name: str, password: str) -> AdminUser:
    """Create an enabled administrator. Raises :class:`AccountError` for a taken name or weak password."""
    name = name.strip()
    if not name or len(name) > MAX_NAME_LENGTH:
        raise AccountError(f"用户名须为 1 至 {MAX_NAME_LENGTH} 个字符。")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"密码至少需要 {MIN_PASSWORD_LENGTH} 个字符。")
    if find_admin(session, name) is not None:
        raise AccountError(f"管理员 {name} 已存在。")
    admin = AdminUser(name=name, password_hash=hash_password(password))
    session.add(admin)
    session.flush()
    return admin


def find_admin(session: Session, name: str) -> AdminUser | None:
    """The account called ``name``, if any."""
    return session.scalar(select(AdminUser).where(AdminUser.name == name))


def list_admins(session: Session) -> list[AdminSummary]:
    """Every account, by name."""
    rows = session.scalars(select(AdminUser).order_by(AdminUser.name))
    return [AdminSummary(row.name, row.disabled, row.created_at, row.last_login_at) for row in rows]


def set_admin_disabled(session: Session, name: str, disabled: bool) -> None:
    """Disable or enable the account ``name``. Raises :class:`AccountError` if there is none."""
    admin = find_admin(session, name)
    if admin is None:
        raise AccountError(f"没有名为 {name} 的管理员。")
    admin.disabled = disabled
    admin.session_generation = (admin.session_generation or 0) + 1


def authenticate(session: Session, name: str, password: str) -> SignedInAdmin | None:
    """The administrator if ``password`` is right and the account enabled, else None.

    A hash is checked even for unknown names, so the answer takes as long either way.
    """
    admin = find_admin(session, name.strip())
    stored_hash = admin.password_hash if admin is not None else _dummy_hash()
    password_ok = check_password_hash(stored_hash, password)
    if admin is None or not password_ok or admin.disabled:
        return None
    admin.last_login_at = utcnow()
    return SignedInAdmin(admin.id, admin.name, admin.session_generation or 0)


def load_signed_in_admin(user_id: str) -> SignedInAdmin | None:
    """Flask-Login's user loader: the enabled administrator with this id whose session generation
    is still current (a signed-out or changed account's old cookies are refused), else None."""
    admin_part, _, generation_part = user_id.partition(":")
    if not (admin_part.isascii() and admin_part.isdigit()):
        return None
    if not (generation_part.isascii() and generation_part.isdigit()):
        return None
    admin_id, generation = int(admin_part), int(generation_part)
    if admin_id > 2**62:
        return None
    with current_app.extensions["nianbao"].database.session() as session:
        admin = session.get(AdminUser, admin_id)
        if admin is None or admin.disabled or (admin.session_generation or 0) != generation:
            return None
        return SignedInAdmin(admin.id, admin.name, generation)


def end_sessions(session: Session, admin_id: int) -> None:
    """Invalidate every session of an administrator (sign-out, account change)."""
    admin = session.get(AdminUser, admin_id)
    if admin is not None:
        admin.session_generation = (admin.session_generation or 0) + 1


_DUMMY_HASH: list[str] = []


def _dummy_hash() -> str:
    """A hash of a random string, computed once, to check wrong names against."""
    if not _DUMMY_HASH:
        _DUMMY_HASH.append(hash_password("no such administrator"))
    return _DUMMY_HASH[0]
