"""A reindex request rebuilds the index from the database and the process keeps writing to it."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.pipeline import ArchivePipeline, FetchedDocument
from archive.reindex import reindex_all
from config import Settings
from index import open_backend
from index.backend import SearchRequest
from services import Services

SEEDS = sorted((Path(__file__).resolve().parents[2] / "demo_portal" / "seeds").glob("*.txt"))


@pytest.mark.parametrize("backend", ["whoosh", "tantivy"])
def test_reindex_swaps_in_a_full_index_and_later_writes_land_in_it(
    tmp_path: Path, backend: str
) -> None:
    services = Services.from_settings(Settings(data_dir=tmp_path, search_backend=backend))
    with ArchivePipeline(services) as pipeline:
        for path in SEEDS[:3]:
            pipeline.archive(FetchedDocument(identity=f"file:{path}", data=path.read_bytes()))
    services.search.clear()
    assert services.search.document_count() == 0

    assert reindex_all(services) == 3
    assert services.search.document_count() == 3

    with ArchivePipeline(services) as pipeline:
        for path in SEEDS[3:]:
            pipeline.archive(FetchedDocument(identity=f"file:{path}", data=path.read_bytes()))
    fresh_reader = open_backend(backend, services.settings.index_dir)
    assert fresh_reader.document_count() == 5
    assert fresh_reader.search(SearchRequest(query="依申请公开")).total == 5
    services.close()
