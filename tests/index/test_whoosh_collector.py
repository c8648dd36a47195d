"""Searches keep the cyclic garbage collector on, make it run less often and let it skip the
columns of the current index generation until that generation is retired."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from index.backend import IndexDocument, SearchRequest
from index.whoosh import collector
from index.whoosh.backend import WhooshBackend


@pytest.fixture
def collector_state() -> Iterator[None]:
    """Restore the collector's switch, thresholds and frozen objects after a test."""
    was_enabled = gc.isenabled()
    thresholds = gc.get_threshold()
    gc.enable()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)
    if not was_enabled:
        gc.disable()


def _backend(path: Path) -> WhooshBackend:
    backend = WhooshBackend(path)
    backend.index_reports(
        [IndexDocument(id=1, title="年报", agency="局", body="依申请公开", year=2023)]
    )
    return backend


def test_opening_an_index_raises_the_young_threshold_but_keeps_a_higher_one(
    tmp_path: Path, collector_state: None
) -> None:
    gc.set_threshold(700, 10, 10)
    _backend(tmp_path / "a").close()
    assert gc.get_threshold() == (collector.YOUNG_THRESHOLD, 10, 10)
    gc.set_threshold(collector.YOUNG_THRESHOLD * 3, 10, 10)
    _backend(tmp_path / "b").close()
    assert gc.get_threshold()[0] == collector.YOUNG_THRESHOLD * 3


def test_a_search_runs_with_the_collector_on(
    tmp_path: Path, collector_state: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    backend = _backend(tmp_path / "whoosh")
    seen: list[bool] = []
    evaluate = backend._search_in

    def recording(*args):  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        return evaluate(*args)

    monkeypatch.setattr(backend, "_search_in", recording)
    assert backend.search(SearchRequest(query="依申请公开", facets=("year",))).total == 1
    assert seen == [True] and gc.isenabled()
    backend.close()


def test_a_generations_columns_are_frozen_until_it_is_retired(
    tmp_path: Path, collector_state: None
) -> None:
    gc.unfreeze()
    backend = _backend(tmp_path / "whoosh")
    backend.search(SearchRequest(query="依申请公开", facets=("year",)))
    assert gc.get_freeze_count() > 0
    backend.close()  # retires the generation
    assert gc.get_freeze_count() == 0
