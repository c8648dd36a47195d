"""A short-lived cache of the home page's archive statistics and region tree.

Counting distinct agencies and grouping every report by region scans the whole table; with a
TTL the home page costs one scan per minute, not one per visit.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

HOME_CACHE_TTL = dt.timedelta(seconds=60)


@dataclass
class _Entry(Generic[T]):
    value: T
    expires_at: float


class TtlCache:
    """Values computed on demand and kept for ``ttl``; safe to share between threads."""

    def __init__(
        self, ttl: dt.timedelta = HOME_CACHE_TTL, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.ttl_seconds = ttl.total_seconds()
        self._clock = clock
        self._entries: dict[str, _Entry[object]] = {}
        self._lock = threading.Lock()

    def get(self, key: str, compute: Callable[[], T]) -> T:
        """The cached value of ``key``, computing it when missing or expired."""
        now = self._clock()
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and entry.expires_at > now:
                return entry.value  # type: ignore[return-value]
        value = compute()
        with self._lock:
            self._entries[key] = _Entry(value, now + self.ttl_seconds)
        return value

    def clear(self) -> None:
        """Forget every value."""
        with self._lock:
            self._entries.clear()
