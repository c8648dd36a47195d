"""The on-disk format of Nianbao's indexes, recorded in each index directory.

An index written by an earlier version of the analysis (``index.analysis``) cannot answer
queries planned by this one, so a backend refuses to open it with :class:`IndexFormatError`,
which tells the admin to rebuild it (``nianbao reindex``), instead of returning wrong hits.
"""

from __future__ import annotations

from pathlib import Path

#: The current format of each backend's index. Format 1: positional bigrams framed by run
#: unigrams. Format 2: doc-level characters and bigrams, and positional 4-grams, of marked text.
#: Format 3 (Whoosh): format 2 with the 4-grams' positions and weights stored as byte planes.
#: Format 4 (Whoosh): also the 4-grams' docnums.
#: Format 5 (Whoosh): format 4 with segments written by Nianbao's own codec
#: (``index/whoosh/FORMAT.md``), which Whoosh's own matchers read correctly, and a length column
#: per text field (BM25).
#: Format 6 (Whoosh) / 3 (tantivy): every known figure of a report as a ``key=value`` keyword term
#: (tantivy also keeps the named figures and rates as float fast fields, for sorting and totals).
#: Format 7 (Whoosh) / 4 (tantivy): keyword fields ``timeliness`` and ``changed_after_publication``.
INDEX_FORMATS = {"whoosh": "7", "tantivy": "4"}
FORMAT_FILE = "nianbao-format"


class IndexFormatError(RuntimeError):
    """The index on disk was written in another format; it must be rebuilt."""


def check_format(path: Path, backend: str, *, has_index: bool) -> None:
    """Record the current format of ``backend`` in a new index directory, or check that of an
    existing index.

    ``has_index`` tells whether ``path`` already holds an index of the backend.
    """
    expected = INDEX_FORMATS[backend]
    marker = Path(path) / FORMAT_FILE
    if not has_index:
        marker.write_text(expected + "\n", encoding="ascii")
        return
    found = marker.read_text(encoding="ascii").strip() if marker.exists() else "1"
    if found != expected:
        raise IndexFormatError(
            f"the search index at {path} has format {found}, this version of Nianbao reads "
            f"format {expected}: rebuild it with `nianbao reindex`"
        )
