"""Whoosh's compound segment files read in place, without a copy of each part in memory.

Whoosh 2.7.4 (pinned, no longer developed) maps a compound segment file (``.seg``) and opens each
part as a ``BufferFile``, whose ``BytesIO(memoryview)`` copies the whole part: every process
reading an index held a private copy of all of it (4 GB at 100,000 reports). :func:`install`
makes the parts read straight from the map, so only the pages a query touches are read, and
they live in the shared page cache.
"""

from __future__ import annotations

from whoosh.compat import memoryview_
from whoosh.filedb.compound import CompoundStorage
from whoosh.filedb.structfile import BufferFile, StructFile


class MappedPart:
    """A read-only file over a memoryview (of a map), reading only what is asked for."""

    def __init__(self, view: memoryview) -> None:
        self._view = view
        self._position = 0
        self.closed = False

    def read(self, size: int | None = -1) -> bytes:
        """Up to ``size`` bytes (all that is left when ``size`` is negative or None)."""
        length = len(self._view)
        end = length if size is None or size < 0 else min(self._position + size, length)
        data = self._view[self._position : end].tobytes()
        self._position = max(self._position, end)
        return data

    def readline(self, size: int | None = -1) -> bytes:
        """Bytes up to and including the next newline (pickle's text opcodes need it)."""
        view = self._view
        end = len(view) if size is None or size < 0 else min(self._position + size, len(view))
        chunk = 256
        start = self._position
        while True:
            stop = min(start + chunk, end)
            found = view[start:stop].tobytes().find(b"\n")
            if found >= 0:
                stop = start + found + 1
                break
            if stop >= end:
                break
            start, chunk = stop, chunk * 2
        data = view[self._position : stop].tobytes()
        self._position = stop
        return data

    def seek(self, offset: int, whence: int = 0) -> int:
        """Move to ``offset`` from the start (0), the current position (1) or the end (2)."""
        base = (0, self._position, len(self._view))[whence]
        self._position = max(0, base + offset)
        return self._position

    def tell(self) -> int:
        """The current position."""
        return self._position

    def close(self) -> None:
        """Forget the view (the map itself belongs to the compound storage)."""
        self.closed = True


class MappedBufferFile(BufferFile):
    """Whoosh's ``BufferFile`` over a view of the map, without ``BytesIO``'s copy."""

    def __init__(self, buf: memoryview, name: str | None = None, onclose: object = None) -> None:
        self._buf = buf
        self._name = name
        self.file = MappedPart(buf)
        self.onclose = onclose
        self.is_real = False
        self.is_closed = False


class MappedCompoundStorage(CompoundStorage):
    """Whoosh's compound-file storage, opening each part as a view of the map."""

    def open_file(self, name: str, *args: object, **kwargs: object) -> StructFile:
        """A part of the compound file, read in place when the file is mapped."""
        if self._source is None or self.is_closed:
            return super().open_file(name, *args, **kwargs)
        offset, length = self.range(name)
        return MappedBufferFile(memoryview_(self._source, offset, length), name=name)
