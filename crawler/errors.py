"""Named reasons a fetch stops. Each failure has its own type; the message is what the admin sees."""

from __future__ import annotations


class FetchError(Exception):
    """A URL could not be fetched; ``url`` is the URL asked for."""

    def __init__(self, url: str, message: str, *, status_code: int | None = None) -> None:
        super().__init__(message)
        self.url = url
        self.status_code = status_code


class HttpStatusError(FetchError):
    """The server answered with a 4xx or (after retries) 5xx status."""


class FetchTimeout(FetchError):
    """Connecting or reading took longer than allowed (after retries)."""


class ConnectionFailed(FetchError):
    """The TCP connection could not be made or broke (after retries)."""


class BodyTooLarge(FetchError):
    """The body is larger than ``max_body_bytes``; reading was aborted."""


class TruncatedBody(FetchError):
    """Fewer bytes arrived than the declared Content-Length."""


class RedirectError(FetchError):
    """Too many redirects, or a redirect loop."""


class OutOfScope(FetchError):
    """The URL (or a redirect target) is outside the allowed domains."""


class RobotsDisallowed(FetchError):
    """robots.txt does not allow our user agent to fetch the URL."""


class PrivateAddressRefused(FetchError):
    """The host resolves to a private, loopback, link-local or reserved address."""


class CrawlAlreadyRunning(RuntimeError):
    """Another live process is crawling the same source."""
