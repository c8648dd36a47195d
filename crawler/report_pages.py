"""Helpers for the bytes of a report: what a fetched page holds, a file name for the parser, and
"already archived?"."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote, urlsplit

from sqlalchemy import select

from archive.parsing import ParseJob
from archive.pipeline import FetchedDocument
from crawler.discovery import parse_html
from crawler.discovery.attachments import (
    MIN_REPORT_BODY_CHARS,
    main_text,
    mentions_attachment,
    report_attachment,
)
from crawler.discovery.decoding import decode_html
from crawler.discovery.page_images import combined_pdf, report_images
from crawler.downloader.fetcher import Response
from crawler.frontier import PendingEntry
from storage import Database
from storage.blobs import sha256_of
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


@dataclass
class ReportPage:
    """A fetched report page or file as seen before parsing (no database, no network)."""

    identity: str
    digest: str
    #: A note on the page's declared charset, when it did not fit the bytes.
    warning: str | None = None
    #: The attachment to read instead, when the page only points to one.
    attachment_url: str | None = None
    #: The document to archive (None when the page points to an attachment, or until its page
    #: images are fetched).
    document: FetchedDocument | None = None
    #: The images that are the report, when the page has no text of its own (fetch them and
    #: call :meth:`with_page_images`).
    image_urls: list[str] | None = None
    #: The page's own URL as fetched, and the source, for the document made of its images.
    fetched_url: str | None = None
    source_name: str | None = None

    def with_page_images(self, images: list[bytes]) -> ReportPage:
        """The report as one image-only PDF of its fetched page images (read by OCR)."""
        data = combined_pdf(images)
        self.digest = sha256_of(data)
        self.document = FetchedDocument(
            identity=self.identity,
            data=data,
            url=self.identity,
            content_type="application/pdf",
            filename="page-images.pdf",
            role="page_images",
            fetched_url=self.fetched_url,
            source_name=self.source_name,
        )
        return self


def prepare_report_page(
    entry: PendingEntry, response: Response, source_name: str | None
) -> ReportPage:
    """Decide what a fetched report page holds: its own report, or a pointer to an attachment.

    A pure function of the response, so the engine runs it in its fetch thread and starts the
    parse before the page's turn to be stored comes.
    """
    identity = str(entry.data.get("identity") or entry.url)
    role = "attachment" if entry.kind == "attachment" else "page"
    body = response.body
    content_type = response.content_type
    digest = sha256_of(body)
    warning = None
    if role == "page" and is_html(content_type, body):
        decoded = decode_html(body, content_type)
        warning = decoded.warning
        if warning:
            content_type = f"text/html; charset={decoded.encoding}"
        attachment = (
            report_attachment(parse_html(decoded.text), response.url)
            if mentions_attachment(decoded.text)
            else None
        )
        if attachment is not None:
            # No validators kept for the page: it is refetched each time, so a failed
            # attachment is retried; the attachment itself gets the conditional GET.
            return ReportPage(identity, digest, warning, attachment_url=attachment.url)
        images = _page_images(decoded.text, response.url)
        if images:
            return ReportPage(
                identity,
                digest,
                warning,
                image_urls=images,
                fetched_url=response.url,
                source_name=source_name,
            )
    document = FetchedDocument(
        identity=identity,
        data=body,
        url=identity,
        content_type=content_type,
        filename=filename_for(
            response.url, content_type, response.headers.get("Content-Disposition")
        ),
        role=role,
        fetched_url=response.url,
        source_name=source_name,
    )
    return ReportPage(identity, digest, warning, document=document)


def _page_images(text: str, page_url: str) -> list[str]:
    """The images that are the report, for a page with images and too little text of its own."""
    if "<img" not in text and "<IMG" not in text:
        return []
    soup = parse_html(text)
    if len(main_text(soup)) >= MIN_REPORT_BODY_CHARS:
        return []
    return report_images(soup, page_url)


def parse_job_for(document: FetchedDocument) -> ParseJob:
    """The parser's arguments for a document (as :meth:`ArchivePipeline.archive` passes them)."""
    return ParseJob(
        document.data,
        filename=document.filename,
        url=document.url or document.fetched_url,
        content_type=document.content_type,
    )
