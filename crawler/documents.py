"""Helpers for the bytes of a report: a file name for the parser, and "already archived?"."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import parse_qsl, unquote, urlsplit

from sqlalchemy import select

from storage import Database
from storage.models import Report, ReportVersion

KNOWN_SUFFIXES = (".html", ".htm", ".shtml", ".txt", ".pdf", ".docx", ".doc", ".wps")
_DISPOSITION_NAME = re.compile(r"filename\*?\s*=\s*(?:UTF-8'')?[\"']?([^\"';]+)", re.IGNORECASE)
_TYPE_SUFFIX = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "text/plain": ".txt",
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/msword": ".doc",
    "application/kswps": ".wps",
    "application/wps-office.wps": ".wps",
}


def filename_for(url: str, content_type: str | None, disposition: str | None) -> str:
    """The file name to give the parser: Content-Disposition, the URL's name, or the type's."""
    if disposition:
        match = _DISPOSITION_NAME.search(disposition)
        if match:
            name = posixpath.basename(unquote(match.group(1)).strip())
            if name:
                return name
    parts = urlsplit(url)
    basename = posixpath.basename(unquote(parts.path))
    if basename.lower().endswith(KNOWN_SUFFIXES):
        return basename
    for _, value in parse_qsl(parts.query):
        candidate = posixpath.basename(unquote(value))
        if candidate.lower().endswith(KNOWN_SUFFIXES):
            return candidate
    mime = (content_type or "").split(";")[0].strip().lower()
    suffix = _TYPE_SUFFIX.get(mime, "")
    return (basename or "index") + suffix


def is_html(content_type: str | None, body: bytes) -> bool:
    """Whether a response is an HTML page (by type, or by its first bytes)."""
    mime = (content_type or "").split(";")[0].strip().lower()
    if mime in ("text/html", "application/xhtml+xml"):
        return True
    if mime and mime not in ("text/plain", "application/octet-stream"):
        return False
    head = body[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<meta"))


def already_archived(database: Database, identity: str, sha256: str) -> bool:
    """Whether the report ``identity`` already has a version with this content hash."""
    with database.session() as session:
        found = session.scalar(
            select(ReportVersion.id)
            .join(Report, Report.id == ReportVersion.report_id)
            .where(Report.identity == identity, ReportVersion.sha256 == sha256)
            .limit(1)
        )
        return found is not None


def latest_attachment_url(database: Database, identity: str) -> str | None:
    """The attachment URL of a report whose current version came from an attachment."""
    with database.session() as session:
        version = session.scalar(
            select(ReportVersion)
            .join(Report, Report.id == ReportVersion.report_id)
            .where(Report.identity == identity)
            .order_by(ReportVersion.id.desc())
            .limit(1)
        )
        if version is not None and version.role == "attachment":
            return version.fetched_url
        return None
