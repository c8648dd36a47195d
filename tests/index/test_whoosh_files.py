"""Compound Whoosh segments are read in place: parts behave as files without being copied."""

from __future__ import annotations

import io
import mmap
from pathlib import Path

from whoosh import index as whoosh_index

from index.backend import IndexDocument
from index.whoosh.backend import WhooshBackend
from index.whoosh.storage import MappedBufferFile, MappedCompoundStorage, MappedPart

DATA = b"first line\nsecond line\n\x00\x01binary\xff tail without newline"


def _both() -> tuple[MappedPart, io.BytesIO]:
    return MappedPart(memoryview(DATA)), io.BytesIO(DATA)


def test_a_mapped_part_reads_seeks_and_reads_lines_as_a_bytes_file_does() -> None:
    part, reference = _both()
    steps = [
        ("read", 5),
        ("readline", -1),
        ("tell", None),
        ("read", 3),
        ("seek", 2),
        ("readline", 4),
        ("readline", -1),
        ("readline", -1),
        ("read", -1),
        ("read", 10),
        ("seek", 0),
        ("read", None),
    ]
    for name, argument in steps:
        args = () if argument is None else (argument,)
        assert getattr(part, name)(*args) == getattr(reference, name)(*args), (name, argument)
    assert part.seek(-4, 2) == reference.seek(-4, 2)
    assert part.read() == reference.read() == b"line"


def test_parts_of_a_compound_segment_are_views_of_the_map(tmp_path: Path) -> None:
    backend = WhooshBackend(tmp_path / "index")
    backend.index_reports([IndexDocument(id=1, title="报告", agency="测试局", body="依申请公开")])
    index = whoosh_index.open_dir(str(tmp_path / "index"))
    (segment,) = index._segments()
    compound = segment.open_compound_file(index.storage)
    try:
        assert isinstance(compound, MappedCompoundStorage)
        assert isinstance(compound._source, mmap.mmap)
        part_name = next(name for name in compound.list() if name.endswith(".trm"))
        part = compound.open_file(part_name)
        assert isinstance(part, MappedBufferFile)
        offset, length = compound.range(part_name)
        assert part.read(length) == compound._source[offset : offset + length]
        part.close()
    finally:
        compound.close()
    backend.close()
