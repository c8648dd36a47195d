"""Politeness: one request at a time per host, and a delay between two requests to a host.

One :class:`HostThrottle` is shared by every crawl in a process (the scheduler runs several
sources in threads), so two sources on the same host still take turns.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class HostThrottle:
    """Per-host lock plus the earliest time the next request may start."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._next_allowed: dict[str, float] = {}

    @contextmanager
    def slot(self, host: str, delay: float) -> Iterator[None]:
        """Hold the host for one request, waiting for the previous request's delay first."""
        with self._guard:
            lock = self._locks.setdefault(host, threading.Lock())
        with lock:
            wait = self._next_allowed.get(host, 0.0) - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                yield
            finally:
                self._next_allowed[host] = time.monotonic() + max(delay, 0.0)
