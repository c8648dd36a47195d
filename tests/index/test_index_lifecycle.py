"""Opening, concurrent writing and atomic rebuilds of an index, for every backend."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from index import open_backend, rebuild_index
from index.backend import IndexBusyError, IndexDocument, SearchRequest
from index.formats import FORMAT_FILE, INDEX_FORMATS, IndexFormatError


def doc(report_id: int, body: str) -> IndexDocument:
    return IndexDocument(id=report_id, title=f"报告{report_id}", agency="测试局", body=body)


def hit_ids(backend, query: str) -> set[int]:  # type: ignore[no-untyped-def]
    return {hit.id for hit in backend.search(SearchRequest(query=query, page_size=100)).hits}


def test_open_backend_rejects_unknown_names(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown search backend"):
        open_backend("elasticsearch", tmp_path)


def test_the_index_directory_is_a_link_to_a_generation(tmp_path: Path, backend_name: str) -> None:
    open_backend(backend_name, tmp_path)
    link = tmp_path / backend_name
    assert link.is_symlink()
    assert Path(os.path.realpath(link)).name.startswith(f"{backend_name}.gen-")


def test_a_second_writer_gives_up_with_index_busy_error(tmp_path: Path, backend_name: str) -> None:
    first = open_backend(backend_name, tmp_path)
    second = open_backend(backend_name, tmp_path)
    second.write_timeout = 0.3  # type: ignore[attr-defined]
    held = first._writer()  # type: ignore[attr-defined]
    try:
        with pytest.raises(IndexBusyError):
            second.index_reports([doc(1, "政务公开")])
    finally:
        if backend_name == "whoosh":
            held.cancel()
        else:
            held.rollback()
            del held
    second.index_reports([doc(1, "政务公开")])
    assert hit_ids(second, "政务公开") == {1}


def test_rebuild_swaps_in_a_new_index_and_old_readers_move_over(
    tmp_path: Path, backend_name: str
) -> None:
    reader = open_backend(backend_name, tmp_path)
    reader.index_reports([doc(1, "旧的报告"), doc(2, "旧的报告")])
    assert hit_ids(reader, "旧的报告") == {1, 2}
    old_generation = os.path.realpath(tmp_path / backend_name)

    count = rebuild_index(
        backend_name, tmp_path, (doc(n, "新的报告") for n in range(3, 8)), batch_size=2
    )

    assert count == 5
    assert os.path.realpath(tmp_path / backend_name) != old_generation
    assert Path(old_generation).exists()  # kept for readers still holding it
    assert hit_ids(reader, "新的报告") == {3, 4, 5, 6, 7}
    assert hit_ids(reader, "旧的报告") == set()
    assert reader.document_count() == 5


def test_rebuilds_keep_only_the_current_and_previous_generations(
    tmp_path: Path, backend_name: str
) -> None:
    open_backend(backend_name, tmp_path)
    for round_number in range(3):
        rebuild_index(backend_name, tmp_path, [doc(round_number, "报告")])
    generations = list(tmp_path.glob(f"{backend_name}.gen-*"))
    assert len(generations) == 2
    assert open_backend(backend_name, tmp_path).document_count() == 1


def test_a_rebuild_keeps_the_last_version_of_an_id_repeated_across_batches(
    tmp_path: Path, backend_name: str
) -> None:
    documents = [
        doc(1, "第一版报告"),
        doc(2, "另一份报告"),
        doc(3, "第三份报告"),
        doc(1, "第二版报告"),
    ]

    count = rebuild_index(backend_name, tmp_path, documents, batch_size=2)

    backend = open_backend(backend_name, tmp_path)
    assert count == 3
    assert backend.document_count() == 3
    assert hit_ids(backend, "第一版") == set()
    assert hit_ids(backend, "第二版") == {1}


def test_phrases_are_found_in_every_segment_of_a_bulk_rebuild(
    tmp_path: Path, backend_name: str
) -> None:
    documents = [doc(n, "依申请公开" if n % 3 else "依申请、公开") for n in range(1, 11)]

    rebuild_index(backend_name, tmp_path, documents, batch_size=3)

    backend = open_backend(backend_name, tmp_path)
    assert hit_ids(backend, "依申请公开") == {n for n in range(1, 11) if n % 3}
    backend.delete_report(1)
    assert hit_ids(backend, "依申请公开") == {n for n in range(2, 11) if n % 3}


def test_an_index_in_an_older_format_is_refused_with_a_rebuild_hint(
    tmp_path: Path, backend_name: str
) -> None:
    backend = open_backend(backend_name, tmp_path)
    backend.index_reports([doc(1, "政务公开")])
    backend.close()
    generation = Path(os.path.realpath(tmp_path / backend_name))
    (generation / FORMAT_FILE).unlink()  # as an index written before formats were recorded
    with pytest.raises(IndexFormatError, match="nianbao reindex"):
        open_backend(backend_name, tmp_path)


def test_an_index_one_format_behind_is_refused(tmp_path: Path, backend_name: str) -> None:
    backend = open_backend(backend_name, tmp_path)
    backend.index_reports([doc(1, "政务公开")])
    backend.close()
    generation = Path(os.path.realpath(tmp_path / backend_name))
    (generation / FORMAT_FILE).write_text(f"{int(INDEX_FORMATS[backend_name]) - 1}\n")
    with pytest.raises(IndexFormatError, match="nianbao reindex"):
        open_backend(backend_name, tmp_path)


def test_a_rebuild_writes_the_current_format(tmp_path: Path, backend_name: str) -> None:
    rebuild_index(backend_name, tmp_path, [doc(1, "政务公开")])
    generation = Path(os.path.realpath(tmp_path / backend_name))
    assert (generation / FORMAT_FILE).read_text().strip() == INDEX_FORMATS[backend_name]
    assert hit_ids(open_backend(backend_name, tmp_path), "政务公开") == {1}
