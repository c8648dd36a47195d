"""Links that came from crawled pages: only http(s) URLs may become clickable."""

from __future__ import annotations

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
