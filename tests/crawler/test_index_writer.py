"""The crawler's index writer process: batches become searchable, a dead worker loses nothing."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from archive.index_writer import IndexWriterProcess
from index.backend import IndexDocument, SearchRequest
from services import Services


def _document(report_id: int, word: str) -> IndexDocument:
    return IndexDocument(
        id=report_id, title=f"报告{report_id}", agency="测试局", body=f"本年度{word}工作情况。"
    )


def _hits(services: Services, query: str) -> list[int]:
    return sorted(hit.id for hit in services.search.search(SearchRequest(query=query)).hits)


def _writer(services: Services) -> IndexWriterProcess:
    settings = services.settings
    return IndexWriterProcess(settings.search_backend, settings.index_dir, services.search)


def test_batches_written_by_the_worker_are_searchable_in_the_crawler(
    crawl_services: Services,
) -> None:
    writer = _writer(crawl_services)
    try:
        writer.submit([_document(1, "政府开放日"), _document(2, "依申请公开")]).result()
        writer.submit([_document(2, "政府开放日")]).result()  # an upsert replaces report 2
    finally:
        writer.close()
    assert _hits(crawl_services, "政府开放日") == [1, 2]
    assert _hits(crawl_services, "依申请公开") == []


def test_a_batch_whose_worker_died_is_written_by_the_crawler(
    crawl_services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    writer = _writer(crawl_services)
    try:
        writer.submit([_document(1, "政府开放日")]).result()
        assert writer._pool is not None
        for process in list(writer._pool._processes.values()):  # type: ignore[attr-defined]
            os.kill(process.pid, signal.SIGKILL)
            process.join(10)
        writer.submit([_document(2, "政府开放日")]).result()
        writer.submit([_document(3, "政府开放日")]).result()  # a fresh worker takes over
    finally:
        writer.close()
    assert _hits(crawl_services, "政府开放日") == [1, 2, 3]
    assert "index writer process died" in caplog.text


def test_errors_of_the_worker_reach_the_crawler_unchanged(
    crawl_services: Services, tmp_path: Path
) -> None:
    not_a_directory = tmp_path / "index"
    not_a_directory.write_text("a file where the index should be")
    writer = IndexWriterProcess("whoosh", not_a_directory, crawl_services.search)
    try:
        with pytest.raises(OSError):
            writer.submit([_document(1, "政府开放日")]).result()
    finally:
        writer.close()
