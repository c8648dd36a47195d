"""URL helpers: normalisation and the allowed-domain test."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit, urlunsplit

DEFAULT_PORTS = {"http": 80, "https": 443}


def normalize_url(url: str, base: str | None = None) -> str | None:
    """``url`` resolved against ``base``, without fragment, host lower-cased; None if not http(s)."""
    url = url.strip()
    if base is not None:
        url = urljoin(base, url)
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    host = parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        return None
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, parts.query, ""))


def host_of(url: str) -> str:
    """The lower-cased host name of a URL (no port)."""
    return (urlsplit(url).hostname or "").lower()


def host_key(url: str) -> str:
    """``host:port`` — the unit of politeness (one request at a time, one delay)."""
    parts = urlsplit(url)
    return f"{(parts.hostname or '').lower()}:{parts.port or DEFAULT_PORTS.get(parts.scheme, 0)}"


def is_allowed_domain(url: str, allowed_domains: list[str]) -> bool:
    """Whether the URL's host is one of ``allowed_domains`` or a subdomain of one."""
    host = host_of(url)
    for domain in allowed_domains:
        domain = domain.lower().strip().lstrip(".")
        if host == domain or host.endswith("." + domain):
            return True
    return False
