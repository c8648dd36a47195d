"""Pausing Python's cyclic garbage collector while a search builds its large containers.

A Whoosh search at 100,000 reports builds lists and dicts of hundreds of thousands of numbers and
byte strings. Their allocations trigger the cyclic collector many times per search, and its full
collections visit every item of every live container: three full collections took 96 ms of a
637 ms search. Those containers hold no reference cycles (numbers, bytes, lists and dicts of
them), so reference counting frees them without the collector. While any search runs, the
collector is paused; it resumes, if it was on, when the last one finishes, and then collects
whatever cyclic garbage other threads made meanwhile.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pauses = 0
_enabled_before = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector until the last of the overlapping pauses ends."""
    global _pauses, _enabled_before
    with _lock:
        if _pauses == 0:
            _enabled_before = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _enabled_before:
                gc.enable()
