"""Hanweb (大汉) jpage lists: records in ``<script type="text/xml"><datastore>`` CDATA blocks, and
further records from ``dataproxy.jsp?startrecord=…&endrecord=…&perpage=…`` (POSTed with the
column's ``columnid``/``unitid``/``webid`` parameters found in the page)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from sources.urls import normalize_url

DATASTORE = re.compile(r"<datastore>(.*?)</datastore>", re.DOTALL | re.IGNORECASE)
RECORD = re.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.DOTALL | re.IGNORECASE)
NEXTGROUP_HREF = re.compile(
    r"<nextgroup>\s*<!\[CDATA\[.*?href\s*=\s*[\"']([^\"']+)[\"']", re.DOTALL | re.IGNORECASE
)
TOTAL_RECORDS = [
    re.compile(r"<totalrecord>\s*(\d+)\s*</totalrecord>", re.IGNORECASE),
    re.compile(r"totalRecord\s*[:=]\s*['\"]?(\d+)", re.IGNORECASE),
]
PER_PAGE = re.compile(r"perPage\s*[:=]\s*['\"]?(\d+)", re.IGNORECASE)
GROUP_SIZE = re.compile(r"groupSize\s*[:=]\s*['\"]?(\d+)", re.IGNORECASE)
PROXY_URL = re.compile(r"proxyUrl\s*[:=]\s*['\"]([^'\"]+)['\"]", re.IGNORECASE)
PARAM = re.compile(
    r"\b(columnid|unitid|webid|col|appid|sourceContentType|permissiontype)\s*[:=]\s*['\"]?(\w+)",
    re.IGNORECASE,
)
DEFAULT_PROXY = "/module/web/jpage/dataproxy.jsp"
DEFAULT_PER_PAGE = 15
DEFAULT_GROUP_SIZE = 3
#: Safety cap on the number of records asked for from one column.
MAX_RECORDS = 100_000


@dataclass
class ProxyRequest:
    """One POST to ``dataproxy.jsp`` for a range of records."""

    url: str
    form: dict[str, str]
    start: int
    end: int
    #: Total records announced by the page; None when unknown (then ranges are chained).
    total: int | None = None


def is_proxy_answer(url: str) -> bool:
    """Whether ``url`` is a dataproxy request (its answer is records, not a list page)."""
    return urlsplit(url).path.endswith("dataproxy.jsp")


def datastore_records(text: str) -> list[str]:
    """The HTML fragments of every ``<record>`` in the page's datastores."""
    records: list[str] = []
    for store in DATASTORE.findall(text):
        records.extend(RECORD.findall(store))
    return records


def proxy_requests(text: str, page_url: str, *, records_on_page: int) -> list[ProxyRequest]:
    """The dataproxy requests that fetch the records not already on the page.

    With a known total every range is returned; without one, only the next range (the crawler
    asks for more after each full answer, see :func:`next_proxy_request`).
    """
    if not DATASTORE.search(text):
        return []
    nextgroup = NEXTGROUP_HREF.search(text)
    proxy_match = PROXY_URL.search(text)
    params: dict[str, str] = {}
    proxy_path = DEFAULT_PROXY
    if nextgroup:
        href = nextgroup.group(1).replace("&amp;", "&")
        parts = urlsplit(href)
        proxy_path = parts.path or proxy_path
        params.update({k: v for k, v in parse_qsl(parts.query) if k.lower() != "page"})
    if proxy_match:
        proxy_path = proxy_match.group(1)
    for name, value in PARAM.findall(text):
        params.setdefault(name, value)
    if not any(key.lower() == "columnid" for key in params):
        return []
    params.setdefault("col", "1")
    params.setdefault("appid", "1")
    proxy = normalize_url(proxy_path, page_url)
    if proxy is None:
        return []
    total = _first_int(TOTAL_RECORDS, text)
    per_page = _first_int([PER_PAGE], text) or DEFAULT_PER_PAGE
    group = (_first_int([GROUP_SIZE], text) or DEFAULT_GROUP_SIZE) * per_page
    start = records_on_page + 1
    if total is None:
        return [_request(proxy, params, start, start + group - 1, per_page, None)]
    requests = []
    while start <= min(total, MAX_RECORDS):
        end = min(start + group - 1, total)
        requests.append(_request(proxy, params, start, end, per_page, total))
        start += group
    return requests


def next_proxy_request(previous: ProxyRequest, records_received: int) -> ProxyRequest | None:
    """After a full answer of unknown total, the following range; None when the list ended."""
    size = previous.end - previous.start + 1
    if previous.total is not None or records_received < size or previous.end >= MAX_RECORDS:
        return None
    per_page = int(dict(parse_qsl(urlsplit(previous.url).query)).get("perpage", DEFAULT_PER_PAGE))
    base = urlunsplit(urlsplit(previous.url)._replace(query=""))
    return _request(base, previous.form, previous.end + 1, previous.end + size, per_page, None)


def _request(
    proxy: str, params: dict[str, str], start: int, end: int, per_page: int, total: int | None
) -> ProxyRequest:
    parts = urlsplit(proxy)
    query = urlencode({"startrecord": start, "endrecord": end, "perpage": per_page})
    url = urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))
    return ProxyRequest(url=url, form=dict(params), start=start, end=end, total=total)


def _first_int(patterns: list[re.Pattern[str]], text: str) -> int | None:
    for pattern in patterns:
        match = pattern.search(text)
        if match:
            return int(match.group(1))
    return None
