"""The HTTP fetcher: timeouts, manual redirects, a body-size cap, retries with backoff, conditional GET.

Every hop (the first URL and each redirect target) passes ``check_url`` (scope, address guard,
robots.txt) and waits for its host's turn in the :class:`HostThrottle`. Unless private addresses
are allowed, every new connection is also checked for the address it actually reached (see
``address_guard.py``: DNS rebinding).
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import requests
from requests.structures import CaseInsensitiveDict

from config import Settings
from crawler.downloader.address_guard import (
    AddressRule,
    NonPublicPeer,
    PeerCheckingAdapter,
    is_non_public,
)
from crawler.downloader.http_cache import Validators
from crawler.downloader.throttle import HostThrottle
from crawler.errors import (
    BodyTooLarge,
    ConnectionFailed,
    FetchError,
    FetchTimeout,
    HttpStatusError,
    PrivateAddressRefused,
    RedirectError,
    TruncatedBody,
)
from sources.urls import host_key, normalize_url

CHUNK_BYTES = 64 * 1024
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
#: Longest wait honoured from a Retry-After header.
MAX_RETRY_AFTER_SECONDS = 60.0

UrlCheck = Callable[[str], None]


@dataclass
class FetchRequest:
    """One URL to fetch, with an optional form (POST) and validators for a conditional GET."""

    url: str
    method: str = "GET"
    form: dict[str, str] | None = None
    validators: Validators | None = None
    referer: str | None = None
    #: Read at most this many bytes and ignore the rest (robots.txt: 500 KiB, as major crawlers
    #: do), instead of refusing a body over the size cap.
    read_at_most: int | None = None


@dataclass
class Response:
    """A complete answer: 2xx with its whole body, or 304 (``not_modified``) with none."""

    url: str
    status_code: int
    headers: CaseInsensitiveDict[str]
    body: bytes
    duration_ms: int
    attempts: int = 1
    redirects: list[str] = field(default_factory=list)

    @property
    def not_modified(self) -> bool:
        """Whether the server answered 304 to a conditional GET."""
        return self.status_code == 304

    @property
    def content_type(self) -> str | None:
        """The Content-Type header."""
        return self.headers.get("Content-Type")

    def validators(self, sha256: str | None) -> Validators:
        """Validators to store for the next conditional GET."""
        return Validators(self.headers.get("ETag"), self.headers.get("Last-Modified"), sha256)


class Fetcher:
    """Fetches URLs politely and defensively with one ``requests`` session."""

    def __init__(
        self,
        *,
        user_agent: str,
        throttle: HostThrottle,
        connect_timeout: float = 10.0,
        read_timeout: float = 30.0,
        total_timeout: float = 300.0,
        max_body_bytes: int = 20 * 1024 * 1024,
        max_redirects: int = 5,
        max_retries: int = 3,
        backoff_base: float = 1.0,
        backoff_max: float = 60.0,
        refuse_address: AddressRule | None = is_non_public,
    ) -> None:
        """``refuse_address`` says which addresses a connection must never reach (``None``:
        connect anywhere, for tests and the demo on 127.0.0.1)."""
        self.user_agent = user_agent
        self.throttle = throttle
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.total_timeout = total_timeout
        self.max_body_bytes = max_body_bytes
        self.max_redirects = max_redirects
        self.max_retries = max_retries
        self.backoff_base = backoff_base
        self.backoff_max = backoff_max
        self.session = requests.Session()
        self.session.trust_env = False
        self.session.headers["User-Agent"] = header_safe(user_agent)
        self.session.headers["Accept-Language"] = "zh-CN,zh;q=0.9"
        if refuse_address is not None:
            for prefix in ("http://", "https://"):
                self.session.mount(prefix, PeerCheckingAdapter(refuse_address))

    @classmethod
    def from_settings(
        cls, settings: Settings, *, throttle: HostThrottle | None = None, **overrides: Any
    ) -> Fetcher:
        """A fetcher configured from ``settings`` (``overrides`` for e.g. ``backoff_base``)."""
        values: dict[str, Any] = {
            "user_agent": settings.user_agent,
            "throttle": throttle or HostThrottle(),
            "connect_timeout": settings.connect_timeout,
            "read_timeout": settings.read_timeout,
            "total_timeout": settings.fetch_deadline,
            "max_body_bytes": settings.max_body_bytes,
            "max_redirects": settings.max_redirects,
            "max_retries": settings.max_retries,
            "refuse_address": None if settings.allow_private_addresses else is_non_public,
        }
        values.update(overrides)
        return cls(**values)

    def close(self) -> None:
        """Close pooled connections."""
        self.session.close()

    def fetch(self, request: FetchRequest, *, check_url: UrlCheck, delay: float) -> Response:
        """Fetch with retries (5xx, timeouts, broken connections) and exponential backoff.

        Raises a :class:`~crawler.errors.FetchError` subclass; 4xx is never retried.
        """
        attempt = 0
        while True:
            attempt += 1
            try:
                response = self._follow_redirects(request, check_url=check_url, delay=delay)
                response.attempts = attempt
                return response
            except (FetchTimeout, ConnectionFailed, HttpStatusError) as error:
                retryable = (
                    not isinstance(error, HttpStatusError) or (error.status_code or 0) >= 500
                )
                if not retryable or attempt > self.max_retries:
                    if attempt > 1:
                        error.args = (f"{error.args[0]} (after {attempt} attempts)",)
                    raise
                time.sleep(self._backoff(attempt, getattr(error, "retry_after", None)))

    def _backoff(self, attempt: int, retry_after: float | None) -> float:
        wait = min(self.backoff_base * 2 ** (attempt - 1), self.backoff_max)
        if retry_after is not None:
            wait = max(wait, min(retry_after, MAX_RETRY_AFTER_SECONDS))
        return wait

    def _follow_redirects(
        self, request: FetchRequest, *, check_url: UrlCheck, delay: float
    ) -> Response:
        url = request.url
        method = request.method
        form = request.form
        seen = [url]
        started = time.monotonic()
        while True:
            check_url(url)
            with self.throttle.slot(host_key(url), delay):
                raw = self._send(url, method, form, request)
                try:
                    if raw.status_code in REDIRECT_STATUSES and "Location" in raw.headers:
                        location = normalize_url(raw.headers["Location"], url)
                        if location is None:
                            raise RedirectError(
                                url, f"redirect to unsupported URL {raw.headers['Location']!r}"
                            )
                    else:
                        body = self._read_body(url, raw, request.read_at_most)
                        return Response(
                            url=url,
                            status_code=raw.status_code,
                            headers=raw.headers,
                            body=body,
                            duration_ms=int((time.monotonic() - started) * 1000),
                            redirects=seen[1:],
                        )
                finally:
                    raw.close()
            if location in seen:
                raise RedirectError(request.url, f"redirect loop: {' → '.join([*seen, location])}")
            if len(seen) > self.max_redirects:
                raise RedirectError(request.url, f"more than {self.max_redirects} redirects")
            seen.append(location)
            url = location
            if raw.status_code == 303 or (raw.status_code in (301, 302) and method == "POST"):
                method, form = "GET", None

    def _send(
        self, url: str, method: str, form: dict[str, str] | None, request: FetchRequest
    ) -> requests.Response:
        headers: dict[str, str] = {}
        if request.validators is not None and method == "GET" and url == request.url:
            headers.update(request.validators.request_headers())
        if request.referer:
            headers["Referer"] = request.referer
        try:
            return self.session.request(
                method,
                url,
                data=form,
                headers=headers,
                timeout=(self.connect_timeout, self.read_timeout),
                allow_redirects=False,
                stream=True,
            )
        except NonPublicPeer as error:
            raise PrivateAddressRefused(url, str(error)) from error
        except requests.Timeout as error:
            raise FetchTimeout(url, f"timeout: {_reason(error)}") from error
        except requests.RequestException as error:
            raise ConnectionFailed(url, f"connection failed: {_reason(error)}") from error

    def _read_body(
        self, url: str, raw: requests.Response, read_at_most: int | None = None
    ) -> bytes:
        status = raw.status_code
        if status == 304:
            return b""
        if status >= 400:
            error = HttpStatusError(
                url, f"HTTP {status} {raw.reason or ''}".strip(), status_code=status
            )
            error.retry_after = _retry_after(raw.headers.get("Retry-After"))  # type: ignore[attr-defined]
            raise error
        declared = _declared_length(raw.headers)
        if read_at_most is not None:
            return _read_head_of(url, raw, read_at_most, self.total_timeout)
        if declared is not None and declared > self.max_body_bytes:
            raise BodyTooLarge(
                url, f"body of {declared} bytes exceeds the limit of {self.max_body_bytes} bytes"
            )
        deadline = time.monotonic() + self.total_timeout
        chunks: list[bytes] = []
        size = 0
        # A server that sends a byte every few seconds never trips the read timeout, and a read
        # blocks until a whole chunk arrives: a watchdog closes the connection at the deadline.
        watchdog = ResponseWatchdog(raw, self.total_timeout)
        try:
            for chunk in raw.iter_content(CHUNK_BYTES):
                size += len(chunk)
                if size > self.max_body_bytes:
                    raise BodyTooLarge(
                        url, f"body exceeds the limit of {self.max_body_bytes} bytes; aborted"
                    )
                if time.monotonic() > deadline:
                    raise FetchTimeout(url, f"body not complete after {self.total_timeout:.0f} s")
                chunks.append(chunk)
        except requests.exceptions.ChunkedEncodingError as error:
            if watchdog.fired:
                raise _cut_off(url, self.total_timeout) from error
            raise TruncatedBody(url, f"truncated body: {_reason(error)}") from error
        except requests.exceptions.ConnectionError as error:
            if watchdog.fired:
                raise _cut_off(url, self.total_timeout) from error
            if "timed out" in str(error):
                raise FetchTimeout(url, f"read timeout: {_reason(error)}") from error
            raise ConnectionFailed(url, f"connection broke: {_reason(error)}") from error
        except requests.RequestException as error:
            if watchdog.fired:
                raise _cut_off(url, self.total_timeout) from error
            raise ConnectionFailed(url, f"connection broke: {_reason(error)}") from error
        except (OSError, ValueError, AttributeError) as error:
            if watchdog.fired:
                raise _cut_off(url, self.total_timeout) from error
            raise
        finally:
            watchdog.cancel()
        if watchdog.fired:
            raise _cut_off(url, self.total_timeout)
        body = b"".join(chunks)
        encoded = raw.headers.get("Content-Encoding", "identity").lower() not in ("", "identity")
        if declared is not None and not encoded and len(body) != declared:
            raise TruncatedBody(url, f"got {len(body)} of {declared} declared bytes")
        return body


def _read_head_of(url: str, raw: requests.Response, limit: int, seconds: float) -> bytes:
    """The first ``limit`` bytes of a body; the rest is never read (the connection is closed)."""
    watchdog = ResponseWatchdog(raw, seconds)
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in raw.iter_content(min(CHUNK_BYTES, limit)):
            chunks.append(chunk[: limit - size])
            size += len(chunks[-1])
            if size >= limit:
                break
    except requests.RequestException as error:
        if watchdog.fired:
            raise _cut_off(url, seconds) from error
        raise ConnectionFailed(url, f"connection broke: {_reason(error)}") from error
    finally:
        watchdog.cancel()
        raw.close()
    return b"".join(chunks)


def _cut_off(url: str, seconds: float) -> FetchTimeout:
    return FetchTimeout(url, f"body not complete after {seconds:.0f} s (deadline); cut off")


class ResponseWatchdog:
    """Closes a streaming response's connection when its wall-clock deadline passes."""

    def __init__(self, response: requests.Response, seconds: float) -> None:
        self.response = response
        self.fired = False
        self._timer = threading.Timer(max(seconds, 0.0), self._fire)
        self._timer.daemon = True
        self._timer.start()

    def cancel(self) -> None:
        """Stop watching (the body was read, or reading failed)."""
        self._timer.cancel()

    def _fire(self) -> None:
        self.fired = True
        sock = _socket_of(self.response)
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        # Closing a half-read response may raise anything; it is done with either way.
        with contextlib.suppress(Exception):
            self.response.close()


def _socket_of(response: requests.Response) -> socket.socket | None:
    """The socket a streaming response reads from (urllib3 and http.client keep it privately)."""
    raw = response.raw
    connection = getattr(raw, "connection", None) or getattr(raw, "_connection", None)
    sock = getattr(connection, "sock", None)
    if sock is None:
        reader = getattr(getattr(raw, "_fp", None), "fp", None)
        sock = getattr(getattr(reader, "raw", None), "_sock", None)
    return sock if isinstance(sock, socket.socket) else None


def header_safe(value: str) -> str:
    """``value`` with non-ASCII characters percent-encoded (HTTP headers are Latin-1 at best)."""
    return "".join(char if char.isascii() else quote(char) for char in value)


def _declared_length(headers: CaseInsensitiveDict[str]) -> int | None:
    try:
        return int(headers["Content-Length"])
    except (KeyError, ValueError):
        return None


def _retry_after(value: str | None) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None


def _reason(error: BaseException) -> str:
    """A short message for an exception chain (requests nests urllib3 errors deeply)."""
    text = str(error)
    if "Read timed out" in text:
        return "read timed out"
    if "timed out" in text:
        return "timed out"
    if "IncompleteRead" in text or "Connection broken" in text:
        return "connection broken before the end of the body"
    if "Connection refused" in text:
        return "connection refused"
    return text[:300]


__all__ = ["FetchError", "FetchRequest", "Fetcher", "Response"]
