"""Pagination of list pages as real CMSs write it.

- next/previous/last-page links and page numbers (下一页, 下页, >, 尾页, 2, 3 …), including
  ``?page=N`` queries and VSB/博达's reverse-numbered pages (``ndbg.htm`` → ``ndbg/3.htm`` …);
- TRS WCM's ``createPageHTML(total, current, "index", "html")`` script (``index_1.html`` …).
Hanweb's dataproxy paging lives in :mod:`crawler.discovery.hanweb`.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import urlsplit, urlunsplit

from bs4 import BeautifulSoup

from sources.urls import normalize_url

PAGER_WORDS = {
    "下一页", "下页", "后页", "后一页", "上一页", "上页", "前页", "前一页", "首页", "尾页", "末页",
    "最后一页", "第一页", ">", ">>", "<", "<<", "›", "»", "‹", "«", "next", "prev", "last", "first",
}  # fmt: skip
PAGE_NUMBER = re.compile(r"^\[?\d{1,4}\]?$")
CREATE_PAGE_HTML = re.compile(r"createPageHTML\s*\(([^)]*)\)")
COUNT_PAGE_VAR = re.compile(r"(?:countPage|pageCount|totalPage)\s*=\s*(\d+)")
PAGE_EXTENSIONS = {"html", "htm", "shtml", "jsp", "php", "asp", "aspx"}
#: Safety cap on pages generated from one createPageHTML call.
MAX_GENERATED_PAGES = 2000


def pagination_links(soup: BeautifulSoup, page_url: str) -> list[str]:
    """URLs of the other pages of the list shown at ``page_url``."""
    found: list[str] = []
    for anchor in soup.find_all("a", href=True):
        label = " ".join(anchor.get_text(" ", strip=True).split()).strip("[]【】 ").lower()
        if not label:
            label = str(anchor.get("title") or "").strip().lower()
        is_pager_word = label in PAGER_WORDS or label.replace(" ", "") in PAGER_WORDS
        if not is_pager_word and not PAGE_NUMBER.match(label):
            continue
        url = normalize_url(str(anchor["href"]), page_url)
        if url is None or url == page_url:
            continue
        # "首页" is also the site's home page: only pages of the same list count.
        if is_sibling_page(page_url, url):
            found.append(url)
    found.extend(trs_pages(soup, page_url))
    return found


def is_sibling_page(page_url: str, other_url: str) -> bool:
    """Whether ``other_url`` looks like another page of the same list as ``page_url``."""
    a, b = urlsplit(page_url), urlsplit(other_url)
    if a.netloc != b.netloc:
        return False
    if a.path == b.path:
        return True
    if b.path == "/":  # the site's home page, not a page of this list
        return False
    dir_a, dir_b = posixpath.dirname(a.path), posixpath.dirname(b.path)
    stem_a = posixpath.splitext(a.path)[0]
    stem_b = posixpath.splitext(b.path)[0]
    # index.html ↔ index_2.html; ndbg.htm ↔ ndbg/3.htm; ndbg/3.htm ↔ ndbg/2.htm
    return dir_a in (dir_b, stem_b) or dir_b == stem_a


def trs_pages(soup: BeautifulSoup, page_url: str) -> list[str]:
    """The pages announced by a TRS WCM ``createPageHTML(...)`` call on the page."""
    for script in soup.find_all("script"):
        source = script.string or script.get_text() or ""
        match = CREATE_PAGE_HTML.search(source)
        if not match:
            continue
        args = match.group(1)
        numbers = [int(n) for n in re.findall(r"(?<![\w\"'])(\d+)(?![\w\"'])", args)]
        strings = re.findall(r"[\"']([^\"']*)[\"']", args)
        if not numbers:
            variable = COUNT_PAGE_VAR.search(source)
            numbers = [int(variable.group(1))] if variable else []
        if not numbers:
            continue
        total = min(numbers[0], MAX_GENERATED_PAGES)
        name, extension = _trs_name_and_extension(strings, page_url)
        return _trs_urls(page_url, total, name, extension)
    return []


def _trs_name_and_extension(strings: list[str], page_url: str) -> tuple[str, str]:
    for position, value in enumerate(strings):
        if value.lower() in PAGE_EXTENSIONS and position > 0:
            return strings[position - 1], value
    basename = posixpath.basename(urlsplit(page_url).path) or "index.html"
    stem, _, extension = basename.partition(".")
    return re.sub(r"_\d+$", "", stem) or "index", extension or "html"


def _trs_urls(page_url: str, total: int, name: str, extension: str) -> list[str]:
    parts = urlsplit(page_url)
    directory = posixpath.dirname(parts.path)
    urls = []
    for number in range(total):
        basename = f"{name}.{extension}" if number == 0 else f"{name}_{number}.{extension}"
        path = posixpath.join(directory, basename)
        urls.append(urlunsplit((parts.scheme, parts.netloc, path, "", "")))
    return [url for url in urls if url != page_url]
