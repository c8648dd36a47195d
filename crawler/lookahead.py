"""Fetching ahead: the next frontier entries are fetched while the previous page is processed.

One fetch thread takes the entries in frontier order and fetches them one at a time (so the
politeness rule of one request at a time per host holds; the host throttle still spaces them by
the delay). The run loop takes the results back in the same order, so pages are stored and
committed in frontier order exactly as without look-ahead.

At most ``depth`` entries are in hand at once. A graceful stop (:meth:`FetchAhead.stop`) cancels
the fetches that have not started; pages already fetched (or being fetched) are still handed
out, so the run stores them instead of fetching them again after a restart.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Generic, TypeVar

from crawler.frontier import PendingEntry

#: Pages fetched ahead of the one being processed.
LOOKAHEAD_DEPTH = 4

Page = TypeVar("Page")


class FetchAhead(Generic[Page]):
    """A bounded, ordered window of fetches running in one background thread."""

    def __init__(
        self, fetch: Callable[[PendingEntry], Page], *, depth: int = LOOKAHEAD_DEPTH
    ) -> None:
        self.fetch = fetch
        self.depth = max(depth, 1)
        #: Id of the last entry taken into the window (the frontier is walked past it).
        self.last_id = 0
        self._window: deque[Future[Page]] = deque()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="nianbao-fetch")

    @property
    def in_hand(self) -> int:
        """Entries taken into the window and not yet handed out."""
        return len(self._window)

    @property
    def room(self) -> int:
        """How many more entries the window takes."""
        return self.depth - len(self._window)

    def add(self, entries: list[PendingEntry]) -> None:
        """Queue ``entries`` (in frontier order) for fetching."""
        for entry in entries:
            self._window.append(self._executor.submit(self.fetch, entry))
            self.last_id = max(self.last_id, entry.id)

    def next(self) -> Page | None:
        """The oldest fetched page (waiting for it), or None when nothing is left in hand.

        An unexpected exception of the fetch function is raised here.
        """
        while self._window:
            future = self._window.popleft()
            if future.cancelled():
                continue
            return future.result()
        return None

    def stop(self) -> None:
        """Cancel the fetches that have not started; started ones are still handed out."""
        for future in self._window:
            future.cancel()

    def close(self, *, wait: bool = True) -> None:
        """Cancel what has not started; with ``wait``, let a running fetch finish first."""
        self.stop()
        self._window.clear()
        self._executor.shutdown(wait=wait, cancel_futures=True)
