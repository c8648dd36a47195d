"""SQLAlchemy models: sources, reports and their versions, crawl runs, fetches, admin state.

Datetimes are stored as naive UTC (``utcnow()``) so SQLite and PostgreSQL behave the same.
Schema changes go through Alembic migrations in ``storage/migrations``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.sql.expression import false as sa_false


def utcnow() -> dt.datetime:
    """The current time as naive UTC, the form every timestamp column holds."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    """Declarative base of all models."""

    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


class Source(Base):
    """A government portal crawled on a schedule (mirrors an entry of sources.toml)."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    start_urls: Mapped[list[Any]] = mapped_column(JSON, default=list)
    allowed_domains: Mapped[list[Any]] = mapped_column(JSON, default=list)
    schedule: Mapped[str] = mapped_column(String(100), default="0 3 * * 1")
    hints: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    delay: Mapped[float | None] = mapped_column(Float, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    reports: Mapped[list[Report]] = relationship(back_populates="source")


class Report(Base):
    """One annual report of one agency, identified by where it was found (URL or file path).

    The tag fields, sections, tables and checks are those of its current version.
    """

    __tablename__ = "reports"
    __table_args__ = (
        Index("ix_reports_agency_year", "agency", "year"),
        Index("ix_reports_region", "province", "city", "county"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The page URL for crawled reports, ``file:<name>#<sha256>`` for ingested files.
    identity: Mapped[str] = mapped_column(String(2000), unique=True)
    url: Mapped[str | None] = mapped_column(String(2000), nullable=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"), nullable=True)

    title: Mapped[str] = mapped_column(Text, default="")
    agency: Mapped[str | None] = mapped_column(String(300), nullable=True, index=True)
    agency_kind: Mapped[str | None] = mapped_column(String(100), nullable=True)
    province: Mapped[str | None] = mapped_column(String(100), nullable=True)
    city: Mapped[str | None] = mapped_column(String(100), nullable=True)
    county: Mapped[str | None] = mapped_column(String(100), nullable=True)
    township: Mapped[str | None] = mapped_column(String(100), nullable=True)
    level: Mapped[str | None] = mapped_column(String(20), nullable=True)
    division_code: Mapped[str | None] = mapped_column(String(20), nullable=True)
    year: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    template: Mapped[str | None] = mapped_column(String(20), nullable=True)
    #: How ``template`` was decided: ``cited``, ``tables`` or ``year`` (REPORT_SCHEMA.md).
    template_basis: Mapped[str | None] = mapped_column(String(20), nullable=True)
    published: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    #: Read from a scan by OCR, and the OCR engine's mean confidence (REPORT_SCHEMA.md).
    ocr: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sa_false())
    ocr_confidence: Mapped[float | None] = mapped_column(Float, nullable=True)
    #: Key figures read from the prose where no table was read (REPORT_SCHEMA.md).
    prose_figures: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    #: Where each table row was read (REPORT_SCHEMA.md ``provenance``).
    provenance: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    #: The accountability rules' findings (``accountability.evaluate``): timeliness,
    #: completeness, stock continuity — each ``{rule, status, message, evidence}``.
    findings: Mapped[list[Any]] = mapped_column(JSON, default=list)
    sections: Mapped[list[Any]] = mapped_column(JSON, default=list)
    tables: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    checks: Mapped[list[Any]] = mapped_column(JSON, default=list)
    warnings: Mapped[list[Any]] = mapped_column(JSON, default=list)
    consistency_status: Mapped[str] = mapped_column(String(20), default="unchecked")
    text: Mapped[str] = mapped_column(Text, default="")

    first_seen_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_seen_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_changed_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    #: Set when a published report was silently edited (a later fetch differed).
    changed_after_publication: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Set when the report disappeared from its source; reports are never deleted.
    gone_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    source: Mapped[Source | None] = relationship(back_populates="reports")
    versions: Mapped[list[ReportVersion]] = relationship(
        back_populates="report", order_by="ReportVersion.id", cascade="all, delete-orphan"
    )


class ReportVersion(Base):
    """One distinct fetched file of a report; the bytes live in the blob store under ``sha256``."""

    __tablename__ = "report_versions"
    __table_args__ = (UniqueConstraint("report_id", "sha256", name="uq_report_version_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"), index=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer)
    content_type: Mapped[str | None] = mapped_column(String(200), nullable=True)
    filename: Mapped[str | None] = mapped_column(String(500), nullable=True)
    #: URL the bytes were fetched from (the page, or its attachment).
    fetched_url: Mapped[str | None] = mapped_column(String(2000), nullable=True)
    #: ``page``, ``attachment`` or ``file`` (ingested from disk).
    role: Mapped[str] = mapped_column(String(20), default="page")
    fetched_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    #: The parsed report of this version (REPORT_SCHEMA.md JSON), for diffs between versions.
    parsed: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    report: Mapped[Report] = relationship(back_populates="versions")


class CrawlRun(Base):
    """One crawl of one source (or an ad-hoc start URL), with its counters."""

    __tablename__ = "crawl_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_name: Mapped[str | None] = mapped_column(String(200), nullable=True, index=True)
    start_urls: Mapped[list[Any]] = mapped_column(JSON, default=list)
    #: ``queued``, ``running``, ``finished``, ``failed``, ``cancelled``, ``interrupted``.
    status: Mapped[str] = mapped_column(String(20), default="running")
    trigger: Mapped[str] = mapped_column(String(20), default="cli")
    started_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    pages_fetched: Mapped[int] = mapped_column(Integer, default=0)
    reports_new: Mapped[int] = mapped_column(Integer, default=0)
    reports_changed: Mapped[int] = mapped_column(Integer, default=0)
    reports_unchanged: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    cancel_requested: Mapped[bool] = mapped_column(Boolean, default=False)
    log: Mapped[str] = mapped_column(Text, default="")
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    fetches: Mapped[list[FetchResult]] = relationship(
        back_populates="run", order_by="FetchResult.id", cascade="all, delete-orphan"
    )


class FetchResult(Base):
    """The outcome of fetching one URL during a run; failures keep their error message."""

    __tablename__ = "fetch_results"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("crawl_runs.id"), index=True)
    url: Mapped[str] = mapped_column(String(2000))
    #: ``listing``, ``report``, ``attachment`` or ``robots``.
    kind: Mapped[str] = mapped_column(String(20), default="report")
    status_code: Mapped[int | None] = mapped_column(Integer, nullable=True)
    ok: Mapped[bool] = mapped_column(Boolean, default=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    #: ``new``, ``changed``, ``unchanged``, ``not_modified`` or ``None`` for listings/errors.
    outcome: Mapped[str | None] = mapped_column(String(20), nullable=True)
    fetched_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    duration_ms: Mapped[int | None] = mapped_column(Integer, nullable=True)

    run: Mapped[CrawlRun] = relationship(back_populates="fetches")


class FrontierEntry(Base):
    """A URL a run has discovered; ``state`` makes a killed run resumable."""

    __tablename__ = "crawl_frontier"
    __table_args__ = (UniqueConstraint("run_id", "url", name="uq_frontier_run_url"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("crawl_runs.id"), index=True)
    url: Mapped[str] = mapped_column(String(2000))
    kind: Mapped[str] = mapped_column(String(20), default="listing")
    depth: Mapped[int] = mapped_column(Integer, default=0)
    referer: Mapped[str | None] = mapped_column(String(2000), nullable=True)
    #: ``pending``, ``done`` or ``failed``.
    state: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class HttpCacheEntry(Base):
    """Validators of the last successful fetch of a URL, for conditional GET."""

    __tablename__ = "http_cache"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(2000), unique=True)
    etag: Mapped[str | None] = mapped_column(String(500), nullable=True)
    last_modified: Mapped[str | None] = mapped_column(String(100), nullable=True)
    sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    fetched_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class CrawlRequest(Base):
    """Work queued by the admin area for the scheduler process (the web process never crawls)."""

    __tablename__ = "crawl_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: ``all``, ``source``, ``url``, ``retry``, ``reindex`` or ``corrections`` (target: report id).
    kind: Mapped[str] = mapped_column(String(20))
    target: Mapped[str | None] = mapped_column(Text, nullable=True)
    requested_by: Mapped[str | None] = mapped_column(String(200), nullable=True)
    requested_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    #: ``queued``, ``running``, ``done``, ``failed``.
    status: Mapped[str] = mapped_column(String(20), default="queued", index=True)
    picked_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_runs.id"), nullable=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    #: While ``running``: the claim holds until then and is renewed by the live scheduler; a
    #: request whose lease ran out (its scheduler was killed) is queued again.
    lease_until: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class AdminUser(Base):
    """An administrator; ``password_hash`` is a slow salted hash, never the password."""

    __tablename__ = "admin_users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(300))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    #: Raised on sign-out and when the account changes: sessions of an older one are refused.
    session_generation: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class AuditLogEntry(Base):
    """Who did what, when and from where in the admin area."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_name: Mapped[str | None] = mapped_column(String(100), nullable=True)
    action: Mapped[str] = mapped_column(String(100))
    detail: Mapped[str] = mapped_column(Text, default="")
    remote_addr: Mapped[str | None] = mapped_column(String(100), nullable=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)


class Correction(Base):
    """A reader's report that a value was parsed wrong, and an admin's decision on it.

    ``field`` is a tag (``agency``, ``year`` …) or a table cell (``applications.new.total``), or
    empty when the reader did not say which. An accepted correction overrides the parsed value
    everywhere until a re-parse reads the same value by itself (it is then ``retired``).
    """

    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"), index=True)
    field: Mapped[str | None] = mapped_column(String(100), nullable=True)
    #: What the reader says is wrong, the value they propose, and how to reach them (optional).
    message: Mapped[str] = mapped_column(Text, default="")
    proposed_value: Mapped[str | None] = mapped_column(String(200), nullable=True)
    contact: Mapped[str | None] = mapped_column(String(200), nullable=True)
    submitted_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    #: A salted hash of the reader's address (rate limits and abuse review, never shown).
    submitter_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)
    #: ``pending``, ``accepted``, ``rejected`` or ``retired``.
    status: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    #: The parsed value when the decision was taken, and the value that replaces it.
    old_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    new_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    decided_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    retired_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class ReportSource(Base):
    """Another place the same report was reached from: a mirror, another portal, the PDF of an
    HTML page, a local file. The report's own ``identity`` is its first (most official) source;
    a crawl that meets one of these identities again adds its version to the same report."""

    __tablename__ = "report_sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"), index=True)
    identity: Mapped[str] = mapped_column(String(2000), unique=True)
    url: Mapped[str | None] = mapped_column(String(2000), nullable=True)
    #: ``official``, ``government``, ``mirror`` or ``file`` (see ``archive.dedupe.source_role``).
    role: Mapped[str] = mapped_column(String(20), default="mirror")
    first_seen_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_seen_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    #: Why this source is the same report (agency, year, template, text similarity).
    similarity: Mapped[float | None] = mapped_column(Float, nullable=True)
    reason: Mapped[str] = mapped_column(Text, default="")


class Watch(Base):
    """A saved search: anyone may save one (it gets a stable token URL and feeds); an admin may
    attach an e-mail address or a webhook that is told of every new match."""

    __tablename__ = "watches"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The URL-safe secret naming the watch (``/watches/<token>``).
    token: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    #: The search as on ``/search``: query text, ``cond`` conditions and filters.
    query: Mapped[str] = mapped_column(Text, default="")
    conditions: Mapped[list[Any]] = mapped_column(JSON, default=list)
    filters: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    email: Mapped[str | None] = mapped_column(String(300), nullable=True)
    webhook_url: Mapped[str | None] = mapped_column(String(2000), nullable=True)
    #: A salted hash of the saver's address (rate limits), never shown.
    creator_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)


class WatchMatch(Base):
    """A report that entered (``new``) or changed while in (``changed``) a watch's results."""

    __tablename__ = "watch_matches"
    __table_args__ = (UniqueConstraint("watch_id", "report_id", "version_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    watch_id: Mapped[int] = mapped_column(ForeignKey("watches.id"), index=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"), index=True)
    #: The report version that matched (a change is a new version).
    version_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    kind: Mapped[str] = mapped_column(String(20), default="new")
    matched_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)


class Notification(Base):
    """One message to send about a watch's new matches: an e-mail or a webhook POST, retried
    with backoff until delivered or given up."""

    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    watch_id: Mapped[int] = mapped_column(ForeignKey("watches.id"), index=True)
    #: ``email`` or ``webhook``.
    channel: Mapped[str] = mapped_column(String(20))
    target: Mapped[str] = mapped_column(String(2000))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    delivered_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    #: ``pending``, ``delivered`` or ``failed`` (given up after the last attempt).
    status: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)


class AgencyLink(Base):
    """One body's identity carried across a rename or merger (机构改革): the reports of
    ``predecessor`` are the same body's earlier years as ``successor``. Admins add and remove
    links; coverage, continuity and the year comparison follow them."""

    __tablename__ = "agency_links"
    __table_args__ = (UniqueConstraint("predecessor", "successor"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    predecessor: Mapped[str] = mapped_column(String(300), index=True)
    successor: Mapped[str] = mapped_column(String(300), index=True)
    #: The first report year under the successor's name, when known.
    since_year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    note: Mapped[str] = mapped_column(String(500), default="")
    created_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
