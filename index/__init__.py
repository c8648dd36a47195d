"""Full-text search of reports behind Nianbao's own :class:`~index.backend.SearchBackend`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from index.backend import IndexDocument, SearchBackend
from index.generations import ensure_index_dir, finish_building, new_generation_dir, swap_in

BACKENDS = ("whoosh", "tantivy")
REBUILD_BATCH = 2000


def _backend_class(name: str) -> type:
    if name == "whoosh":
        from index.whoosh.backend import WhooshBackend

        return WhooshBackend
    if name == "tantivy":
        from index.tantivy_backend import TantivyBackend

        return TantivyBackend
    raise ValueError(f"unknown search backend {name!r}; choose one of {', '.join(BACKENDS)}")


def open_backend(name: str, index_dir: Path) -> SearchBackend:
    """Open (creating if needed) the index of backend ``name`` in ``index_dir``.

    The index lives in ``index_dir/<name>``, a link to its current generation directory (see
    :mod:`index.generations`), so :func:`rebuild_index` can swap in a new one.
    """
    backend_class = _backend_class(name)
    return backend_class(ensure_index_dir(Path(index_dir) / name))


def rebuild_index(
    name: str,
    index_dir: Path,
    documents: Iterable[IndexDocument],
    *,
    batch_size: int = REBUILD_BATCH,
    before_swap: Callable[[SearchBackend], None] | None = None,
) -> int:
    """Build a fresh index of ``documents`` in a new directory, then swap it in atomically.

    Readers of the old index keep working and move to the new one on their next search; writers
    follow the link on their next batch. Writes that reach the old index while the rebuild runs
    would be lost with it: ``before_swap`` gets the new index to copy them into (see
    :func:`archive.reindex.reindex_all`). Returns the number of documents indexed.
    """
    backend_class = _backend_class(name)
    link = Path(index_dir) / name
    generation = new_generation_dir(link, building=True)
    backend = backend_class(generation)
    count: int = backend.index_all(documents, batch_size=batch_size)
    if before_swap is not None:
        before_swap(backend)
    backend.close()
    del backend
    finish_building(generation)
    swap_in(link, generation)
    return count
