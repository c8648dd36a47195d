"""Keeping Python's cyclic garbage collector off the large, long-lived data of a search.

A Whoosh search at 100,000 reports builds lists and dicts of hundreds of thousands of numbers and
byte strings, and reads per-generation columns (``docnum → value`` lists of every keyword field,
the set of live docnums) that live as long as the index generation. The allocations trigger the
collector many times per search, and each full collection visited every item of every live
container, the columns included: three full collections took 96 ms of a 637 ms search.

The remedy is bounded and never switches the collector off:

* :func:`raise_thresholds` raises the youngest generation's threshold (never lowering one the
  application set), so a search triggers far fewer collections;
* :func:`freeze_long_lived` runs one collection and moves every object alive at that moment,
  the columns just read among them, to the permanent generation (:func:`gc.freeze`), which
  collections skip. A searcher generation calls it when it has read a column;
* :func:`thaw` (:func:`gc.unfreeze`) is called when a generation is retired: its objects are
  freed by reference counting as before, and anything else frozen meanwhile is collected
  normally again. So nothing stays frozen longer than one index generation.
"""

from __future__ import annotations

import gc

#: The youngest generation's threshold while a Whoosh index is open (Python's default: 700).
YOUNG_THRESHOLD = 20_000


def raise_thresholds(young: int = YOUNG_THRESHOLD) -> None:
    """Raise the collector's youngest threshold to at least ``young`` (others unchanged)."""
    first, *older = gc.get_threshold()
    if first < young:
        gc.set_threshold(young, *older)


def freeze_long_lived(*, collect: bool = True) -> None:
    """Exempt every object alive now from later collections, after one full collection (so no
    garbage is frozen) unless ``collect`` is false."""
    if collect:
        gc.collect()
    gc.freeze()


def thaw() -> None:
    """Return every frozen object to the collector's care."""
    gc.unfreeze()
