"""The extract stage: bytes of any supported format → :class:`ExtractedDocument`.

The format is detected from magic bytes first, then from the HTTP content type and the file
extension. Reading functions per format live in their own modules.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from parsers.extract.control_chars import strip_control_characters
from parsers.extract.docx import extract_docx
from parsers.extract.html import extract_html
from parsers.extract.image import is_image
from parsers.extract.inflation import check_pdf_inflation, check_zip_inflation
from parsers.extract.legacy import extract_legacy_word
from parsers.extract.text import extract_text
from parsers.extracted import ExtractedDocument
from parsers.model import ParseError

__all__ = ["detect_format", "extract_document"]

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_SNIFF = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta|div|p|table|title)[\s>/]", re.I)
_EXTENSIONS = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".doc": "doc",
    ".wps": "doc",
    ".htm": "html",
    ".html": "html",
    ".shtml": "html",
    ".xhtml": "html",
    ".jsp": "html",
    ".asp": "html",
    ".aspx": "html",
    ".php": "html",
    ".png": "image",
    ".jpg": "image",
    ".jpeg": "image",
    ".tif": "image",
    ".tiff": "image",
    ".txt": "text",
    ".md": "text",
}
_CONTENT_TYPES = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/msword": "doc",
    "application/vnd.ms-works": "doc",
    "application/kswps": "doc",
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "image/png": "image",
    "image/jpeg": "image",
    "image/tiff": "image",
}
_BINARY_FORMATS = {"pdf", "docx", "doc", "image"}


def detect_format(
    data: bytes,
    *,
    filename: str | None = None,
    url: str | None = None,
    content_type: str | None = None,
) -> str:
    """``pdf``, ``docx``, ``doc``, ``image``, ``html`` or ``text``; raises :class:`ParseError` if unsupported."""
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        if _is_docx(data):
            return "docx"
        raise ParseError("unsupported ZIP file: not a Word .docx document (no word/document.xml)")
    if data.startswith(_OLE2_MAGIC):
        return "doc"
    if is_image(data):
        return "image"
    declared = _declared_format(filename, url, content_type)
    head = data[:2048]
    if declared == "text":
        return "text"
    if _HTML_SNIFF.search(head):
        return "html"
    if declared in _BINARY_FORMATS:
        raise ParseError(
            f"file is declared as {declared.upper()} ({filename or url or content_type}) "
            "but its bytes are not a valid file of that format (corrupt or truncated?)"
        )
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ParseError("unsupported binary file: not PDF, DOCX, DOC/WPS, HTML or text")
    return declared or "text"


def extract_document(
    data: bytes,
    *,
    filename: str | None = None,
    url: str | None = None,
    content_type: str | None = None,
) -> ExtractedDocument:
    """Extract the text, title, page metadata and table grids of a report file."""
    if not data:
        raise ParseError("empty file: nothing to parse")
    kind = detect_format(data, filename=filename, url=url, content_type=content_type)
    if kind == "pdf":
        # Imported on first use: pdfplumber and pdfium stay out of processes that never read a
        # PDF (the web workers, which use the parser's model and labels only).
        from parsers.extract.pdf import extract_pdf

        check_pdf_inflation(data)
        document = extract_pdf(data)
    elif kind == "docx":
        check_zip_inflation(data)
        document = extract_docx(data)
    elif kind == "doc":
        document = extract_legacy_word(data)
    elif kind == "image":
        from parsers.extract.image import extract_image  # OCR stack loaded on first use

        document = extract_image(data)
    elif kind == "html":
        document = extract_html(data, content_type=content_type)
    else:
        document = extract_text(data, content_type=content_type)
    document.url = url
    return without_control_characters(document)


def without_control_characters(document: ExtractedDocument) -> ExtractedDocument:
    """The document with control characters removed from everything it will show or index.

    One ``\x01`` in a title makes every Atom feed that lists the report invalid XML; Word's
    ``\x0b`` line breaks and ``\x0c`` page breaks become line breaks.
    """
    document.text = strip_control_characters(document.text)
    if document.title is not None:
        document.title = strip_control_characters(document.title).strip() or None
    document.metadata = {
        strip_control_characters(key): strip_control_characters(value)
        for key, value in document.metadata.items()
    }
    document.tables = [
        [[strip_control_characters(cell) for cell in row] for row in grid]
        for grid in document.tables
    ]
    return document


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile as error:
        raise ParseError(f"corrupt ZIP/DOCX file: {error}") from error


def _declared_format(filename: str | None, url: str | None, content_type: str | None) -> str | None:
    """The format named by the content type, else by the extension of the file name or URL."""
    if content_type:
        mime = content_type.split(";", 1)[0].strip().lower()
        if mime in _CONTENT_TYPES:
            return _CONTENT_TYPES[mime]
    for name in (filename, urlsplit(url).path if url else None):
        if name:
            suffix = PurePosixPath(name.lower()).suffix
            if suffix in _EXTENSIONS:
                return _EXTENSIONS[suffix]
    return None
