"""Links that came from crawled pages: only http(s) URLs may become clickable."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

SAFE_SCHEMES = frozenset({"http", "https"})


def safe_http_url(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) URL with a host, else None (``javascript:`` …)."""
    if not url:
        return None
    candidate = url.strip()
    if any(ord(ch) < 0x20 for ch in candidate):
        return None
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return None
    if parts.scheme.lower() not in SAFE_SCHEMES or not parts.netloc:
        return None
    return candidate


def is_local_address(url: str | None) -> bool:
    """True for a URL on this machine or a private network (a demo or test portal): a reader
    elsewhere cannot open it, so the archived copy comes first."""
    host = urlsplit(url or "").hostname or ""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_private or address.is_link_local
