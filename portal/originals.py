"""Archived originals: every stored version's bytes as fetched, and a safe snapshot of HTML pages.

``/reports/<id>/versions/<n>/original`` serves the file exactly as it was fetched (its sha256 is
the one the report page and the API show), with its content type and a download name.
``/reports/<id>/versions/<n>/snapshot`` shows an archived HTML page as it read, made safe: the
sanitiser keeps the text, tables and inline styles and drops scripts, frames, forms, event
handlers and every remote reference, and the response's Content-Security-Policy forbids scripts
and remote loads even if something slipped through. Versions are numbered from 1, oldest first.
"""

from __future__ import annotations

import mimetypes
import re
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote, urlsplit

import nh3
from flask import Blueprint, Response, abort, render_template, url_for

from parsers.extract.encoding import decode_page
from portal import queries
from portal.resources import services
from portal.serializers import version_summary
from storage.models import Report, ReportVersion

blueprint = Blueprint("originals", __name__)

#: Types a browser may show inline (its own viewer, no page script of ours or theirs).
INLINE_TYPES = frozenset({"application/pdf", "image/png", "image/jpeg", "image/tiff", "text/plain"})
#: No script, no plugin, no remote load: only the page's inline styles and embedded images.
SNAPSHOT_POLICY = (
    "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "frame-ancestors 'self'; base-uri 'none'; form-action 'none'"
)
ORIGINAL_POLICY = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:"
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_SNAPSHOT_TAGS = (nh3.ALLOWED_TAGS - {"img", "area", "map"}) | {"font", "style"}
_SNAPSHOT_ATTRIBUTES = {
    "*": {"style", "class", "align", "valign", "width", "height", "colspan", "rowspan", "border"},
    "a": {"title"},
    "font": {"color", "size", "face"},
    "td": {"bgcolor", "nowrap"},
    "th": {"bgcolor", "nowrap"},
    "table": {"cellpadding", "cellspacing", "bgcolor"},
}
_REMOTE_CSS = re.compile(r"url\s*\(|@import|expression\s*\(", re.IGNORECASE)


def version_number_of(report: Report, version: ReportVersion) -> int:
    """The version's number on the report page: 1 for the oldest stored version."""
    return report.versions.index(version) + 1


def is_html_version(version: ReportVersion) -> bool:
    """True for a version fetched as an HTML page."""
    content_type = (version.content_type or "").split(";")[0].strip().lower()
    if content_type:
        return content_type in _HTML_TYPES
    return (version.filename or "").lower().endswith((".html", ".htm"))


def original_links(report: Report, version: ReportVersion) -> dict[str, str | None]:
    """The URLs of a version's archived original and (for HTML) its snapshot."""
    number = version_number_of(report, version)
    return {
        "original_url": url_for("originals.original", report_id=report.id, number=number),
        "snapshot_url": (
            url_for("originals.snapshot", report_id=report.id, number=number)
            if is_html_version(version)
            else None
        ),
    }


def version_summaries(report: Report) -> list[dict[str, Any]]:
    """Every stored version of a report as API JSON, oldest first, with its archive links."""
    return [
        version_summary(version, number, original_links(report, version))
        for number, version in enumerate(report.versions, start=1)
    ]


def download_name(report: Report, version: ReportVersion) -> str:
    """A file name for the download: the fetched file's own name, else one from the report."""
    if version.filename:
        return PurePosixPath(version.filename).name
    path_name = PurePosixPath(urlsplit(version.fetched_url or "").path).name
    extension = mimetypes.guess_extension(_media_type(version)) or ".bin"
    if path_name and "." in path_name:
        return path_name
    stem = f"{report.agency or '报告'}-{report.year or ''}-v{version_number_of(report, version)}"
    return stem + (".html" if is_html_version(version) else extension)


@blueprint.get("/reports/<id:report_id>/versions/<int:number>/original")
def original(report_id: int, number: int) -> Response:
    """The version's bytes as fetched, with their content type and a download name."""
    report, version = _version(report_id, number)
    data = _bytes_of(version)
    media_type = _media_type(version)
    disposition = "inline" if media_type in INLINE_TYPES else "attachment"
    name = download_name(report, version)
    response = Response(data, mimetype=media_type)
    response.headers["Content-Disposition"] = (
        f"{disposition}; filename=\"{_ascii_name(name)}\"; filename*=UTF-8''{quote(name)}"
    )
    response.headers["Content-Security-Policy"] = ORIGINAL_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    response.headers["ETag"] = f'"{version.sha256}"'
    return response


@blueprint.get("/reports/<id:report_id>/versions/<int:number>/snapshot")
def snapshot(report_id: int, number: int) -> Response:
    """An archived HTML page as it read, sanitised and served under a no-script policy."""
    report, version = _version(report_id, number)
    if not is_html_version(version):
        abort(
            404,
            description=f"第 {number} 版不是网页（{version.content_type or '类型不详'}），请下载原件。",
        )
    page = decode_page(_bytes_of(version), version.content_type).text
    body = render_template(
        "snapshot.html",
        report=report,
        version=version,
        number=number,
        content=safe_snapshot_html(page),
        original_url=url_for("originals.original", report_id=report.id, number=number),
    )
    response = Response(body, mimetype="text/html")
    response.headers["Content-Security-Policy"] = SNAPSHOT_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def safe_snapshot_html(page: str) -> str:
    """The page's markup with scripts, frames, forms, handlers, images and remote CSS removed;
    links kept as text targets that leave through ``noopener noreferrer``."""
    cleaned = nh3.clean(
        page,
        tags=_SNAPSHOT_TAGS,
        clean_content_tags={"script", "noscript", "iframe", "object", "template"},
        attributes=_SNAPSHOT_ATTRIBUTES,
        attribute_filter=_drop_remote_styles,
        url_schemes={"http", "https"},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    return cleaned


def _drop_remote_styles(element: str, attribute: str, value: str) -> str | None:
    """An inline style that loads anything (``url(…)``, ``@import``) is dropped whole."""
    if attribute == "style" and _REMOTE_CSS.search(value):
        return None
    return value


def _version(report_id: int, number: int) -> tuple[Report, ReportVersion]:
    with services().database.session() as session:
        report = queries.report_by_id(session, report_id)
    if report is None:
        abort(404, description=f"没有编号为 {report_id} 的报告。")
    if not 1 <= number <= len(report.versions):
        abort(
            404,
            description=f"报告 {report_id} 没有第 {number} 版（共 {len(report.versions)} 版）。",
        )
    return report, report.versions[number - 1]


def _bytes_of(version: ReportVersion) -> bytes:
    try:
        return services().blobs.get(version.sha256)
    except (FileNotFoundError, OSError):
        abort(
            404,
            description=(
                f"存档文件缺失：这一版本（SHA-256 {version.sha256}）的原件不在存档中。"
                "报告的文字和数字仍可在报告页查看；请联系管理员恢复存档。"
            ),
        )


def _media_type(version: ReportVersion) -> str:
    declared = (version.content_type or "").split(";")[0].strip().lower()
    if declared and declared != "application/octet-stream":
        return declared
    guessed, _ = mimetypes.guess_type(version.filename or urlsplit(version.fetched_url or "").path)
    return guessed or "application/octet-stream"


def _ascii_name(name: str) -> str:
    """A plain-ASCII fallback file name for old clients (``filename*`` carries the real one)."""
    suffix = PurePosixPath(name).suffix
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", PurePosixPath(name).stem).strip("_") or "report"
    return stem + re.sub(r"[^A-Za-z0-9.]", "", suffix)
