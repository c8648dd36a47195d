"""Nianbao's settings: typed, with defaults, read from ``NIANBAO_*`` environment variables.

Every setting is declared once in :data:`SETTINGS` (name, type, default, help). That table drives
parsing of the environment, the README's configuration table and the test that checks the README
documents every setting. Code receives a :class:`Settings` object explicitly; tests build their own
instead of mutating globals.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

ENV_PREFIX = "NIANBAO_"


class SettingsError(ValueError):
    """An environment variable holds a value that cannot be used."""


@dataclass(frozen=True)
class Settings:
    """All of Nianbao's configuration. Paths default to places under ``data_dir``."""

    data_dir: Path = field(
        default=Path("instance"),
        metadata={"help": "Directory holding all state: database, index, raw files, secrets."},
    )
    database_url: str = field(
        default="",
        metadata={"help": "SQLAlchemy URL; empty means SQLite at DATA_DIR/nianbao.sqlite3."},
    )
    search_backend: str = field(
        default="whoosh",
        metadata={"help": "Search backend: 'whoosh' (pure Python) or 'tantivy' (large archives)."},
    )
    user_agent: str = field(
        default="NianbaoBot/0.1 (+https://github.com/nianbao/nianbao)",
        metadata={"help": "User-Agent sent by the crawler; keep a contact URL in it."},
    )
    contact_url: str = field(
        default="https://github.com/nianbao/nianbao",
        metadata={
            "help": "Contact URL for portal operators, shown in the User-Agent and the about page."
        },
    )
    crawl_delay: float = field(
        default=1.0, metadata={"help": "Seconds between two requests to the same host."}
    )
    connect_timeout: float = field(
        default=10.0, metadata={"help": "Seconds to wait for a TCP connection."}
    )
    read_timeout: float = field(
        default=30.0, metadata={"help": "Seconds to wait for data from a server."}
    )
    fetch_deadline: float = field(
        default=120.0,
        metadata={
            "help": "Wall-clock seconds one response may take from request to last byte (a server "
            "that trickles bytes is cut off)."
        },
    )
    request_lease: float = field(
        default=60.0,
        metadata={
            "help": "Seconds a scheduler's claim on an admin crawl request holds without renewal "
            "(renewed every third of it); a killed scheduler's requests are queued again after it."
        },
    )
    max_body_bytes: int = field(
        default=20 * 1024 * 1024, metadata={"help": "Largest response body the crawler accepts."}
    )
    max_listing_chain: int = field(
        default=500,
        metadata={"help": "Pages followed along one list's 下一页 chain before the chain is cut."},
    )
    max_stale_listing_pages: int = field(
        default=5,
        metadata={
            "help": "Pages in a row of one list that show no new report before its chain is cut "
            "(a list that repeats the same records)."
        },
    )
    max_listing_pages: int = field(
        default=5000, metadata={"help": "List pages one crawl run fetches at most."}
    )
    max_redirects: int = field(default=5, metadata={"help": "Redirects followed per request."})
    max_retries: int = field(
        default=3, metadata={"help": "Retries (exponential backoff) for 5xx answers and timeouts."}
    )
    allow_private_addresses: bool = field(
        default=False,
        metadata={"help": "Let the crawler fetch loopback/private addresses (tests, the demo)."},
    )
    secret_key: str = field(
        default="",
        metadata={"help": "Flask secret key; empty means generated once into DATA_DIR/secret_key."},
    )
    page_size: int = field(default=20, metadata={"help": "Search results per page."})
    login_rate_limit: str = field(
        default="5 per minute", metadata={"help": "Sign-in attempts allowed per client address."}
    )
    rate_limit_storage_url: str = field(
        default="memory://",
        metadata={
            "help": "Flask-Limiter storage, e.g. redis://127.0.0.1:6379 for several workers."
        },
    )
    schedule_timezone: str = field(
        default="Asia/Shanghai",
        metadata={"help": "Time zone in which the sources' cron schedules run."},
    )
    session_cookie_secure: bool = field(
        default=False,
        metadata={
            "help": "Mark the session cookie Secure even over http (https ended at a proxy)."
        },
    )
    proxy_fix_hops: int = field(
        default=0,
        metadata={"help": "Reverse proxies in front of the portal whose X-Forwarded-* to trust."},
    )
    township_deadlines: str = field(
        default="",
        metadata={
            "help": "Local deadlines of township reports by province, e.g. 浙江省=02-28;广东省=03-15 "
            "(default 03-31)."
        },
    )
    public_url: str = field(
        default="http://127.0.0.1:5000",
        metadata={"help": "The portal's public address, for links in alert e-mails and hooks."},
    )
    smtp_host: str = field(
        default="", metadata={"help": "SMTP server for watch alerts; empty disables e-mail."}
    )
    smtp_port: int = field(default=25, metadata={"help": "SMTP port."})
    smtp_user: str = field(default="", metadata={"help": "SMTP user (empty: no login)."})
    smtp_password: str = field(default="", metadata={"help": "SMTP password."})
    smtp_starttls: bool = field(default=False, metadata={"help": "Use STARTTLS with SMTP."})
    mail_from: str = field(
        default="nianbao@localhost", metadata={"help": "Sender address of alert e-mails."}
    )
    webhook_allow_private: bool = field(
        default=False,
        metadata={"help": "Let watch webhooks POST to loopback/private addresses (tests)."},
    )
    notification_attempts: int = field(
        default=6,
        metadata={
            "help": "Deliveries tried per alert (backoff 1, 2, 4 … minutes) before giving up."
        },
    )

    # -- derived locations -------------------------------------------------------------------

    @property
    def sqlalchemy_url(self) -> str:
        """The database URL actually used."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'nianbao.sqlite3').resolve()}"

    @property
    def index_dir(self) -> Path:
        """Directory of the full-text index."""
        return self.data_dir / "index"

    @property
    def blobs_dir(self) -> Path:
        """Directory of raw fetched files, stored under their sha256."""
        return self.data_dir / "blobs"

    @property
    def sources_file(self) -> Path:
        """TOML file listing the portals to crawl."""
        return self.data_dir / "sources.toml"

    def with_overrides(self, **changes: Any) -> Settings:
        """A copy with some settings changed."""
        return replace(self, **changes)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read settings from ``NIANBAO_<NAME>`` variables, falling back to the defaults."""
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for spec in fields(cls):
            key = ENV_PREFIX + spec.name.upper()
            if key in environ:
                values[spec.name] = _coerce(key, environ[key], spec.default)
        return cls(**values)


def _coerce(key: str, raw: str, default: Any) -> Any:
    """Convert an environment string to the type of the setting's default."""
    try:
        if isinstance(default, bool):
            lowered = raw.strip().lower()
            if lowered in {"1", "true", "yes", "on"}:
                return True
            if lowered in {"0", "false", "no", "off", ""}:
                return False
            raise ValueError(f"not a boolean: {raw!r}")
        if isinstance(default, int):
            return int(raw)
        if isinstance(default, float):
            return float(raw)
        if isinstance(default, Path):
            return Path(raw)
        return raw
    except ValueError as error:
        raise SettingsError(f"{key}: {error}") from error


def describe_settings() -> list[tuple[str, str, str]]:
    """``(environment variable, default, help)`` for every setting, for docs and ``--help``."""
    rows = []
    for spec in fields(Settings):
        rows.append((ENV_PREFIX + spec.name.upper(), str(spec.default), spec.metadata["help"]))
    return rows
