"""A threaded HTTP server on a free 127.0.0.1 port whose answers are plain Python values.

Each route maps a path (optionally with its query) to a :class:`Reply` or a function of the
:class:`SeenRequest` returning one. Every request is recorded, so tests can count what the crawler
asked for. Replies can be slow, truncated, huge (streamed lazily), conditional (ETag → 304).
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import parse_qsl, urlsplit

MiB = 1024 * 1024


@dataclass
class SeenRequest:
    """One request as the server saw it."""

    method: str
    path: str
    query: str
    headers: dict[str, str]
    form: dict[str, str]
    at: float

    @property
    def target(self) -> str:
        """Path plus query, as routes are keyed."""
        return f"{self.path}?{self.query}" if self.query else self.path


@dataclass
class Reply:
    """What to answer."""

    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    #: Seconds to wait before answering.
    delay: float = 0.0
    #: Declared Content-Length when it should differ from the body (truncated bodies).
    declared_length: int | None = None
    #: Stream this many filler bytes instead of ``body`` (huge files, never built in memory).
    stream_bytes: int | None = None
    etag: str | None = None
    #: Send ``body`` one byte at a time, this many seconds apart (a server that trickles).
    trickle: float | None = None


Route = Reply | Callable[[SeenRequest], Reply]


class PortalServer:
    """Serve ``routes`` on 127.0.0.1 (or another loopback ``host``) until closed (use as a context
    manager)."""

    def __init__(self, routes: dict[str, Route] | None = None, *, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, Route] = dict(routes or {})
        self.host = host
        self.requests: list[SeenRequest] = []
        self.bytes_streamed = 0
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer((host, 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>`` (with this server's host)."""
        return f"http://{self.host}:{self._server.server_address[1]}"

    def url(self, target: str) -> str:
        """Absolute URL of a path on this server."""
        return self.base_url + target

    def count(self, target: str, method: str | None = None) -> int:
        """How many requests asked for ``target`` (path with query)."""
        return sum(
            1
            for request in list(self.requests)
            if request.target == target and (method is None or request.method == method)
        )

    def counts(self) -> Counter[str]:
        """Requests per target."""
        return Counter(request.target for request in list(self.requests))

    def start(self) -> PortalServer:
        """Start serving in a background thread."""
        self._thread.start()
        return self

    def close(self) -> None:
        """Stop serving."""
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> PortalServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # -- request handling ------------------------------------------------------------------------

    def _resolve(self, request: SeenRequest) -> Reply:
        route = self.routes.get(request.target) or self.routes.get(request.path)
        if route is None:
            return Reply(b"<html><body><h1>404 Not Found</h1></body></html>", status=404)
        return route(request) if callable(route) else route

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        portal = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def log_message(self, format: str, *args: object) -> None:
                """Quiet."""

            def do_GET(self) -> None:
                self._answer("GET")

            def do_POST(self) -> None:
                self._answer("POST")

            def _answer(self, method: str) -> None:
                parts = urlsplit(self.path)
                form: dict[str, str] = {}
                if method == "POST":
                    length = int(self.headers.get("Content-Length") or 0)
                    form = dict(parse_qsl(self.rfile.read(length).decode("utf-8")))
                seen = SeenRequest(
                    method, parts.path, parts.query, dict(self.headers.items()), form, time.time()
                )
                with portal._lock:
                    portal.requests.append(seen)
                reply = portal._resolve(seen)
                if reply.delay:
                    time.sleep(reply.delay)
                if reply.etag and self.headers.get("If-None-Match") == reply.etag:
                    self.send_response(304)
                    self.send_header("ETag", reply.etag)
                    self.end_headers()
                    return
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self._send(reply)

            def _send(self, reply: Reply) -> None:
                self.send_response(reply.status)
                self.send_header("Content-Type", reply.content_type)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                if reply.etag:
                    self.send_header("ETag", reply.etag)
                if reply.stream_bytes is not None:
                    if reply.declared_length != -1:  # -1: no Content-Length, read to the end
                        self.send_header("Content-Length", str(reply.stream_bytes))
                    self.end_headers()
                    chunk = b"%PDF" + b"0" * (MiB - 4)
                    sent = 0
                    while sent < reply.stream_bytes:
                        self.wfile.write(chunk)
                        sent += len(chunk)
                        with portal._lock:
                            portal.bytes_streamed += len(chunk)
                    return
                length = (
                    reply.declared_length if reply.declared_length is not None else len(reply.body)
                )
                self.send_header("Content-Length", str(length))
                self.end_headers()
                if reply.trickle is not None:
                    for byte in reply.body:
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                        time.sleep(reply.trickle)
                    return
                self.wfile.write(reply.body)

        return Handler
