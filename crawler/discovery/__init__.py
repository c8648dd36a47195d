"""Discovery: find report links, sub-listings, pagination and attachments on fetched pages.

No per-site code: link texts, CMS pagination conventions and optional per-source hints
(a link-pattern regex, a CSS selector of the list) are enough for the portals we know.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from bs4 import BeautifulSoup, Tag

from crawler.discovery.attachments import Attachment, report_attachment
from crawler.discovery.classify import classify_link, link_label
from crawler.discovery.hanweb import (
    ProxyRequest,
    datastore_records,
    is_proxy_answer,
    proxy_requests,
)
from crawler.discovery.pagination import pagination_links
from sources.urls import normalize_url

EntryKind = Literal["listing", "report", "attachment"]


@dataclass(frozen=True)
class Hints:
    """Per-source help for discovery."""

    #: URLs matching this regex are reports, whatever their link text says.
    link_pattern: str | None = None
    #: CSS selector of the element(s) holding the list of reports.
    list_selector: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, str] | None) -> Hints:
        """Hints from a source's ``hints`` table."""
        data = data or {}
        return cls(link_pattern=data.get("link_pattern"), list_selector=data.get("list_selector"))


@dataclass
class DiscoveredLink:
    """A URL to add to the frontier."""

    url: str
    kind: EntryKind
    label: str = ""
    #: ``pagination`` for other pages of the same list (same depth), else ``link``.
    via: str = "link"
    method: str = "GET"
    form: dict[str, str] | None = None
    data: dict[str, object] = field(default_factory=dict)


def parse_html(text: str) -> BeautifulSoup:
    """A forgiving parse (lxml) of possibly malformed HTML."""
    return BeautifulSoup(text, "lxml")


def discover_report_links(
    text: str, page_url: str, hints: Hints | None = None
) -> list[DiscoveredLink]:
    """Every report link, sub-listing and further page of the list shown on a listing page."""
    hints = hints or Hints()
    soup = parse_html(text)
    pattern = re.compile(hints.link_pattern) if hints.link_pattern else None
    links: dict[str, DiscoveredLink] = {}

    containers = soup.select(hints.list_selector) if hints.list_selector else []
    scopes = containers or [soup]
    for scope in scopes:
        for anchor in scope.find_all("a", href=True):
            _add_anchor(links, anchor, page_url, pattern)

    records = datastore_records(text)
    for record in records:
        for anchor in parse_html(record).find_all("a", href=True):
            _add_anchor(links, anchor, page_url, pattern)

    for url in pagination_links(soup, page_url):
        links.setdefault(url, DiscoveredLink(url=url, kind="listing", via="pagination"))
    if not is_proxy_answer(page_url):
        for request in proxy_requests(text, page_url, records_on_page=len(records)):
            links.setdefault(request.url, hanweb_link(request))
    links.pop(page_url, None)
    return list(links.values())


def hanweb_link(request: ProxyRequest) -> DiscoveredLink:
    """The frontier link of a Hanweb dataproxy request."""
    return DiscoveredLink(
        url=request.url,
        kind="listing",
        via="pagination",
        method="POST",
        form=request.form,
        data={"hanweb": {"start": request.start, "end": request.end, "total": request.total}},
    )


def _add_anchor(
    links: dict[str, DiscoveredLink],
    anchor: Tag,
    page_url: str,
    pattern: re.Pattern[str] | None,
) -> None:
    href = str(anchor["href"]).strip()
    if href.lower().startswith(("javascript:", "mailto:", "tel:", "#")):
        return
    url = normalize_url(href, page_url)
    if url is None:
        return
    title = anchor.get("title")
    label = link_label(anchor.get_text(" ", strip=True), str(title) if title else None)
    kind = classify_link(label, url, link_pattern=pattern)
    if kind is None:
        return
    existing = links.get(url)
    if existing is None or (existing.kind == "listing" and kind == "report"):
        links[url] = DiscoveredLink(url=url, kind=kind, label=label)


__all__ = [
    "Attachment",
    "DiscoveredLink",
    "Hints",
    "discover_report_links",
    "parse_html",
    "report_attachment",
]
