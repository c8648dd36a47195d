"""Which links lead to annual reports, which to listings of them, and which only mention them.

Decided from the link text and ``title`` attribute, with the URL's shape as a tie-breaker. No
per-site code: a source may add a link-pattern hint for portals whose link texts say nothing.
"""

from __future__ import annotations

import re
from typing import Literal
from urllib.parse import urlsplit

LinkKind = Literal["report", "listing"]

#: Phrases naming an annual report (or a column of them).
REPORT_PHRASE = re.compile(
    r"(政府)?信息公开(工作)?(年度)?(报告|年报)|政务公开(工作)?(年度)?(报告|年报)|年度报告|年报"
)
#: Words of items that only mention reports: notices about compiling or submitting them,
#: statistics, news, evaluations… ("统计局"/"新闻出版" are agencies, not exclusions).
NOT_A_REPORT = re.compile(
    r"通知|编制|报送|统计(?!局)|汇总|印发|格式|培训|会议|通报|评估|考核|检查|抽查|解读|图解|"
    r"新闻(?!出版)|发布会|征集|工作要点|方案|提醒|督查|督办|测评|排名|答记者问|公示|函|意见"
)
YEAR = re.compile(r"(19|20)\d{2}\s*年?")
#: Anything beyond this many characters is a title of a document, not a column name.
COLUMN_NAME_MAX_CHARS = 16
ATTACHMENT_SUFFIX = re.compile(r"\.(pdf|docx?|wps)(?:$|[?#&])", re.IGNORECASE)
#: Path names of list pages in the common CMSs.
LISTING_BASENAME = re.compile(
    r"^(index|list|default|more|column|channel)([_\-]\d+)?$", re.IGNORECASE
)


def link_label(text: str, title: str | None) -> str:
    """The text to judge a link by: its text, or its title attribute when that says more."""
    text = " ".join(text.split())
    title = " ".join((title or "").split())
    if title and (len(title) > len(text) or text.endswith(("...", "…"))):
        return title
    return text


def is_report_label(label: str) -> bool:
    """Whether a link label names an annual report (and is not a notice about reports)."""
    return bool(REPORT_PHRASE.search(label)) and not NOT_A_REPORT.search(label)


def classify_link(
    label: str, url: str, *, link_pattern: re.Pattern[str] | None = None
) -> LinkKind | None:
    """``report``, ``listing`` (a column of reports to crawl as a list) or None (ignore)."""
    if NOT_A_REPORT.search(label):
        return None
    if link_pattern is not None and link_pattern.search(url):
        return "report"
    if not REPORT_PHRASE.search(label):
        return None
    if looks_like_file(url):
        return "report"
    if YEAR.search(label):
        return "report"
    if len(label) <= COLUMN_NAME_MAX_CHARS or looks_like_listing_url(url):
        return "listing"
    return "report"


def looks_like_file(url: str) -> bool:
    """Whether the URL names a PDF, DOC, DOCX or WPS file."""
    return bool(ATTACHMENT_SUFFIX.search(urlsplit(url).path)) or bool(ATTACHMENT_SUFFIX.search(url))


def looks_like_listing_url(url: str) -> bool:
    """Whether a URL has the shape of a list page (``…/``, ``index_2.html``, ``ndbg.htm``)."""
    path = urlsplit(url).path
    if path.endswith("/"):
        return True
    basename = path.rsplit("/", 1)[-1]
    stem = basename.rsplit(".", 1)[0]
    return bool(LISTING_BASENAME.match(stem)) or not any(ch.isdigit() for ch in stem)
