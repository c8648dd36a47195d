"""Full-text search of reports behind Nianbao's own :class:`~index.backend.SearchBackend`."""

from __future__ import annotations

from pathlib import Path

from index.backend import SearchBackend

BACKENDS = ("whoosh", "tantivy")


def open_backend(name: str, index_dir: Path) -> SearchBackend:
    """Open (creating if needed) the index of backend ``name`` in ``index_dir``."""
    if name == "whoosh":
        from index.whoosh_backend import WhooshBackend

        return WhooshBackend(index_dir / "whoosh")
    if name == "tantivy":
        from index.tantivy_backend import TantivyBackend

        return TantivyBackend(index_dir / "tantivy")
    raise ValueError(f"unknown search backend {name!r}; choose one of {', '.join(BACKENDS)}")
