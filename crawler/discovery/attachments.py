"""Report pages that only point to an attachment (详见附件): find the body text and the file."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, Tag

from crawler.discovery.classify import ATTACHMENT_SUFFIX, is_report_label, link_label
from sources.urls import normalize_url

#: Body text shorter than this cannot be a whole report.
MIN_REPORT_BODY_CHARS = 300
SEE_ATTACHMENT = re.compile(r"详见附件|见附件|请(点击)?下载附件|附件下载|全文见附件|报告全文")
#: Preferred attachment formats, best first (DOCX and PDF are read without converters).
FORMAT_PREFERENCE = ("docx", "pdf", "doc", "wps")
_FILE_LINK = re.compile(r"\.(?:pdf|docx?|wps)\b", re.IGNORECASE)
_CHROME_TAGS = (
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "form",
    "select",
    "iframe",
)
_BLOCKS = ("p", "div", "td", "li", "span", "section", "article", "h1", "h2", "h3", "br")


@dataclass
class Attachment:
    """A downloadable file linked from a report page."""

    url: str
    label: str
    format: str


def main_text(soup: BeautifulSoup) -> str:
    """The text of the page's main content block (site chrome and link lists left out).

    Paragraph text is credited to its parent element and the richest parent wins, as in
    readability-style extractors; link text does not count.
    """
    scores: dict[int, tuple[Tag, int]] = {}
    for element in soup.find_all(["p", "div", "td", "span", "font", "li", "h1", "h2", "h3"]):
        if element.find_parent(_CHROME_TAGS) is not None or element.name in _CHROME_TAGS:
            continue
        own = "".join(
            str(child) for child in element.find_all(string=True, recursive=False)
        ).strip()
        if not own:
            continue
        parent = element.parent if element.name in ("p", "span", "font", "li") else element
        if parent is None:
            continue
        current = scores.get(id(parent), (parent, 0))
        scores[id(parent)] = (parent, current[1] + len(own))
    if not scores:
        return ""
    best, _ = max(scores.values(), key=lambda pair: pair[1])
    return _text_without_links(best)


def _text_without_links(element: Tag) -> str:
    parts = []
    for string in element.find_all(string=True):
        if string.find_parent("a") is not None or string.find_parent(_CHROME_TAGS) is not None:
            continue
        parts.append(str(string))
    return " ".join("".join(parts).split())


def find_attachments(soup: BeautifulSoup, page_url: str) -> list[Attachment]:
    """Links to PDF/DOC/DOCX/WPS files on the page, best candidates first."""
    found: dict[str, Attachment] = {}
    for anchor in soup.find_all("a", href=True):
        href = str(anchor["href"])
        label = link_label(anchor.get_text(" ", strip=True), anchor.get("title"))  # type: ignore[arg-type]
        match = ATTACHMENT_SUFFIX.search(href) or ATTACHMENT_SUFFIX.search(label)
        if not match:
            continue
        url = normalize_url(href, page_url)
        if url is None or url in found:
            continue
        found[url] = Attachment(url=url, label=label, format=match.group(1).lower())
    return sorted(found.values(), key=_preference)


def _preference(attachment: Attachment) -> tuple[int, int]:
    named_as_report = 0 if is_report_label(attachment.label) else 1
    return named_as_report, FORMAT_PREFERENCE.index(attachment.format)


def mentions_attachment(text: str) -> bool:
    """A cheap test before parsing: does the page link to a PDF/DOC/DOCX/WPS file at all?"""
    return bool(_FILE_LINK.search(text))


def report_attachment(soup: BeautifulSoup, page_url: str) -> Attachment | None:
    """The attachment to parse instead of the page, when the page body is not the report."""
    attachments = find_attachments(soup, page_url)
    if not attachments:
        return None
    text = main_text(soup)
    if len(text) < MIN_REPORT_BODY_CHARS:
        return attachments[0]
    if SEE_ATTACHMENT.search(text) and len(text) < 3 * MIN_REPORT_BODY_CHARS:
        return attachments[0]
    return None
