"""The index stage in a process of its own: the crawler's batches written beside its main loop.

Writing the search index is CPU work in Python (Whoosh tokenizes, sorts postings and writes
segments), and in the crawler's main process it competed with fetching and storing for one
interpreter. :class:`IndexWriterProcess` hands each batch of
:class:`~index.backend.IndexDocument` to one worker process, which opens the backend once and
stays the index's only writer; the crawler waits for a batch only when it has the next one ready.

A worker that dies (a crash in a native library, the OOM killer) loses nothing: the batch is
written again in the calling process and the next batch starts a fresh worker. Errors the
backend raises (:class:`~index.backend.IndexBusyError` …) reach the caller unchanged.
"""

from __future__ import annotations

import logging
import os
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from archive.parsing import watch_crawler, worker_context
from index import open_backend
from index.backend import IndexDocument, SearchBackend

log = logging.getLogger(__name__)

#: The backend a worker process writes to, opened on its first batch.
_worker_backend: dict[tuple[str, str], SearchBackend] = {}


def write_batch(backend_name: str, index_dir: str, documents: list[IndexDocument]) -> int:
    """Add or replace ``documents`` in the index and commit (runs in the worker process)."""
    key = (backend_name, index_dir)
    backend = _worker_backend.get(key)
    if backend is None:
        backend = _worker_backend[key] = open_backend(backend_name, Path(index_dir))
    backend.index_reports(documents)
    return len(documents)


class PendingBatch:
    """A batch handed to the worker: wait for it with :meth:`result`."""

    def __init__(
        self, writer: IndexWriterProcess, documents: list[IndexDocument], future: Future[int]
    ) -> None:
        self.writer = writer
        self.documents = documents
        self.future = future

    def result(self) -> None:
        """Wait until the batch is committed; raises what the backend raised."""
        try:
            self.future.result()
        except BrokenProcessPool:
            self.writer.recover(self.documents)


class IndexWriterProcess:
    """Writes batches of index documents in one worker process (started on first use)."""

    def __init__(self, backend_name: str, index_dir: Path, fallback: SearchBackend) -> None:
        self.backend_name = backend_name
        self.index_dir = str(index_dir)
        #: The calling process's backend, for a batch whose worker died.
        self.fallback = fallback
        self._pool: ProcessPoolExecutor | None = None

    def submit(self, documents: list[IndexDocument]) -> PendingBatch:
        """Start writing ``documents``; the caller waits with :meth:`PendingBatch.result`."""
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=1,
                mp_context=worker_context(),
                initializer=watch_crawler,
                initargs=(os.getpid(),),
            )
        try:
            future = self._pool.submit(write_batch, self.backend_name, self.index_dir, documents)
        except BrokenProcessPool:
            self._drop_pool()
            future = Future()
            future.set_exception(BrokenProcessPool("the index writer process died"))
        return PendingBatch(self, documents, future)

    def recover(self, documents: list[IndexDocument]) -> None:
        """Write a batch whose worker died in this process; the next batch gets a new worker."""
        log.warning(
            "the index writer process died; writing its batch of %d in the crawler", len(documents)
        )
        self._drop_pool()
        self.fallback.index_reports(documents)

    def close(self) -> None:
        """Stop the worker after the batches already submitted."""
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True)

    def _drop_pool(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
