"""A value that is expensive to compute (a pass over the whole archive), served from its last
computation while a fresh one is made in the background.

Readers never wait, except the very first time a portal with no saved snapshot asks. Each
computation is saved as JSON (written atomically), so a restarted portal serves the last one at
once and refreshes it behind the scenes.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar

T = TypeVar("T")
log = logging.getLogger(__name__)


class Snapshot(Generic[T]):
    """``compute()``'s latest result and when it was made; refreshed in a background thread
    once older than ``max_age``."""

    def __init__(
        self,
        compute: Callable[[], T],
        max_age: dt.timedelta,
        path: Path | None = None,
        dump: Callable[[T], Any] | None = None,
        load: Callable[[Any], T] | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._compute = compute
        self._max_age = max_age.total_seconds()
        self._path = path
        self._dump = dump
        self._load = load
        self._clock = clock
        self._lock = threading.Lock()
        self._value: T | None = None
        self._made_at = 0.0
        self._refreshing: threading.Thread | None = None

    def get(self) -> tuple[T, dt.datetime]:
        """The latest value and its time (UTC); starts a refresh when it is stale."""
        with self._lock:
            if self._value is None:
                self._read_saved()
            if self._value is None:
                self._store(self._compute())
            elif self._clock() - self._made_at > self._max_age:
                self._start_refresh()
            assert self._value is not None
            return self._value, dt.datetime.fromtimestamp(self._made_at, dt.UTC).replace(
                tzinfo=None
            )

    def refresh(self) -> None:
        """Compute now, in the caller's thread, and keep the result."""
        value = self._compute()
        with self._lock:
            self._store(value)

    def wait(self, timeout: float | None = None) -> None:
        """Wait for a background refresh in progress, if any."""
        thread = self._refreshing
        if thread is not None:
            thread.join(timeout)

    def _start_refresh(self) -> None:
        if self._refreshing is not None and self._refreshing.is_alive():
            return
        self._refreshing = threading.Thread(target=self._refresh_quietly, daemon=True)
        self._refreshing.start()

    def _refresh_quietly(self) -> None:
        try:
            self.refresh()
        except Exception:  # the last value stays served; the next request tries again
            log.exception("snapshot refresh failed")
            with self._lock:
                self._made_at = self._clock() - self._max_age + 60

    def _store(self, value: T) -> None:
        self._value, self._made_at = value, self._clock()
        if self._path is None or self._dump is None:
            return
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            partial = self._path.with_suffix(".tmp")
            payload = {"made_at": self._made_at, "value": self._dump(value)}
            partial.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
            os.replace(partial, self._path)
        except OSError:
            log.exception("snapshot not saved to %s", self._path)

    def _read_saved(self) -> None:
        if self._path is None or self._load is None or not self._path.exists():
            return
        try:
            payload = json.loads(self._path.read_text(encoding="utf-8"))
            self._value = self._load(payload["value"])
            self._made_at = float(payload["made_at"])
        except (OSError, ValueError, KeyError, TypeError):
            log.warning("saved snapshot %s unreadable; computing afresh", self._path)
            self._value = None
