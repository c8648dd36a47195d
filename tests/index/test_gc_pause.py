"""Searches pause Python's cyclic garbage collector and leave it as they found it."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from index.backend import IndexDocument, SearchRequest
from index.gc_pause import collector_paused
from index.whoosh_backend import WhooshBackend


@pytest.fixture
def collector_on() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.enable()
    yield
    if not was_enabled:
        gc.disable()


def test_the_collector_is_off_during_a_pause_and_on_after_it(collector_on: None) -> None:
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_overlapping_pauses_resume_the_collector_when_the_last_ends(collector_on: None) -> None:
    first_inside, first_may_leave = threading.Event(), threading.Event()

    def first() -> None:
        with collector_paused():
            first_inside.set()
            first_may_leave.wait(5)

    thread = threading.Thread(target=first)
    thread.start()
    first_inside.wait(5)
    with collector_paused():
        pass
    assert not gc.isenabled()  # the first pause still runs
    first_may_leave.set()
    thread.join(5)
    assert gc.isenabled()


def test_a_collector_switched_off_before_stays_off() -> None:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        if was_enabled:
            gc.enable()


def test_a_whoosh_search_runs_with_the_collector_paused(
    tmp_path: Path, collector_on: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    backend = WhooshBackend(tmp_path / "whoosh")
    backend.index_reports([IndexDocument(id=1, title="年报", agency="局", body="依申请公开")])
    seen: list[bool] = []
    evaluate = backend._search

    def recording(request: SearchRequest):  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        return evaluate(request)

    monkeypatch.setattr(backend, "_search", recording)
    assert backend.search(SearchRequest(query="依申请公开")).total == 1
    assert seen == [False] and gc.isenabled()
