"""The parse stage on the second core: report bytes → :class:`ParsedReport` in a worker process.

Parsing is a pure function of bytes (:func:`parsers.parse_document`), so the crawler hands it to
a small :class:`~concurrent.futures.ProcessPoolExecutor` while its main process fetches, stores
and indexes. After a successful parse the worker also keeps the bytes in the blob store (temp
file, fsync, atomic rename): the fsync leaves the main process's path, and the blob is durable
on disk before the main process commits the database row that points at it.

A worker that dies (a crash in a native library, the OOM killer) breaks the pool. The parse is
then retried once in a fresh pool; if the worker dies again the document is the culprit and
:class:`ParseWorkerCrashed` is raised, which the engine records as a failed page. Workers that
die on several documents in a row cannot start at all: :class:`ParseWorkersUnavailable` stops
the run.

Workers are started with ``forkserver``, which imports the main module in each worker, as every
``multiprocessing`` program does: a script that crawls must keep its work under
``if __name__ == "__main__":`` (the ``nianbao`` commands do), or use ``parse_workers=0``.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from parsers import parse_document
from parsers.model import ParsedReport, ParseError
from storage.blobs import BlobStore

#: Worker processes by default: the main process keeps one core for fetch, store and index.
PARSE_WORKERS = 1
#: How often a worker checks that the crawler that started it is still alive.
PARENT_CHECK_SECONDS = 0.5
#: Documents in a row whose worker died before the workers count as unable to start.
MAX_CRASHES_IN_A_ROW = 3
#: Longest a worker may spend on one document before it is killed and the page recorded failed.
PARSE_TIMEOUT_SECONDS = 120.0
#: Longest a fresh parse worker may take to start (fork, import, load the parser's data).
WORKER_START_TIMEOUT_SECONDS = 120.0
#: Address space a parse worker may use (its documents' inflated parts are capped far below).
PARSE_MEMORY_BYTES = 3 * 1024 * 1024 * 1024


class ParseWorkerCrashed(Exception):
    """The worker process died twice while parsing one document."""


class ParseTimedOut(ParseError):
    """Parsing one document took longer than the timeout (its worker was killed)."""


class ParseWorkersUnavailable(RuntimeError):
    """Worker processes died on several documents in a row: they cannot work here at all."""


@dataclass(frozen=True)
class ParseJob:
    """The arguments of :func:`parsers.parse_document` for one document."""

    data: bytes
    filename: str | None = None
    url: str | None = None
    content_type: str | None = None


def parse_and_keep(job: ParseJob, blobs_root: Path | None) -> ParsedReport:
    """Parse ``job``; when it parses, keep its bytes under ``blobs_root`` (runs in a worker)."""
    parsed = parse_document(
        job.data, filename=job.filename, url=job.url, content_type=job.content_type
    )
    if blobs_root is not None:
        BlobStore(blobs_root).put(job.data)
    return parsed


ParseFunction = Callable[[ParseJob, Path | None], ParsedReport]


@dataclass
class PendingParse:
    """A submitted parse: its job and, when it runs in a worker, its future."""

    job: ParseJob
    future: Future[ParsedReport] | None = None
    pool: ProcessPoolExecutor | None = None


class ParseWorkers:
    """Parses documents in ``workers`` processes, or in the calling thread when ``workers`` is 0.

    :meth:`submit` may be called from another thread than :meth:`result` (the engine submits
    from its fetch thread and collects in its main thread).
    """

    def __init__(
        self,
        workers: int = PARSE_WORKERS,
        *,
        blobs_root: Path | None = None,
        parse: ParseFunction = parse_and_keep,
        timeout: float = PARSE_TIMEOUT_SECONDS,
        memory_bytes: int | None = PARSE_MEMORY_BYTES,
    ) -> None:
        self.workers = workers
        #: Seconds one document may take in a worker (inline parsing cannot be interrupted).
        self.timeout = timeout
        #: Address-space limit of each worker process (``None``: no limit).
        self.memory_bytes = memory_bytes
        self.blobs_root = blobs_root
        #: The function run in the workers (a module-level function, so it pickles by name).
        self.parse = parse
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self._crashes_in_a_row = 0
        self._closed = False

    def submit(self, job: ParseJob) -> PendingParse:
        """Start parsing ``job`` (in a worker; inline parsing waits for :meth:`result`)."""
        with self._lock:
            if self.workers <= 0 or self._closed:
                # Inline (or after close, from a fetch that outlived its run: never collected).
                return PendingParse(job)
            pool = self._current_pool()
            return PendingParse(job, pool.submit(self.parse, job, self.blobs_root), pool)

    def result(self, pending: PendingParse) -> ParsedReport:
        """The parsed report. Raises :class:`~parsers.model.ParseError` (incl.
        :class:`ParseTimedOut`) or :class:`ParseWorkerCrashed`."""
        if pending.future is None:
            return self.parse(pending.job, self.blobs_root)
        try:
            parsed = pending.future.result(timeout=self.timeout)
        except FutureTimeout as error:
            self._kill(pending.pool)
            raise ParseTimedOut(
                f"解析超过 {self.timeout:.0f} 秒未完成，已中止（{pending.job.filename or pending.job.url}）"
            ) from error
        except BrokenProcessPool:
            self._drop(pending.pool)
            parsed = self._retry(pending.job)
        except Exception:
            self._crashes_in_a_row = 0  # the worker lived to raise it
            raise
        self._crashes_in_a_row = 0
        return parsed

    def _retry(self, job: ParseJob) -> ParsedReport:
        """Parse ``job`` again in a fresh pool after its worker died."""
        with self._lock:
            pool = self._current_pool()
            retry = pool.submit(self.parse, job, self.blobs_root)
        try:
            return retry.result()
        except BrokenProcessPool as error:
            self._drop(pool)
            self._crashes_in_a_row += 1
            if self._crashes_in_a_row >= MAX_CRASHES_IN_A_ROW:
                raise ParseWorkersUnavailable(
                    f"parse workers died on {self._crashes_in_a_row} documents in a row"
                ) from error
            raise ParseWorkerCrashed(
                "the parse worker process died twice on this document"
            ) from error

    def close(self, *, wait: bool = True) -> None:
        """Stop the worker processes; with ``wait``, let running parses finish first."""
        with self._lock:
            pool, self._pool = self._pool, None
            self._closed = True
        if pool is not None:
            pool.shutdown(wait=wait, cancel_futures=True)

    def _current_pool(self) -> ProcessPoolExecutor:
        """The live pool, started on first use (call with the lock held)."""
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=worker_context(),
                initializer=start_worker,
                initargs=(os.getpid(), self.memory_bytes),
            )
            # Start the workers now: their start-up is not part of any document's time limit.
            for warm_up in [self._pool.submit(os.getpid) for _ in range(self.workers)]:
                warm_up.result(timeout=WORKER_START_TIMEOUT_SECONDS)
        return self._pool

    def _kill(self, pool: ProcessPoolExecutor | None) -> None:
        """Kill a pool whose worker is stuck; the next submit starts a fresh one."""
        if pool is None:
            return
        # ProcessPoolExecutor has no public way to stop a running task before Python 3.14.
        for process in list(getattr(pool, "_processes", {}).values()):
            process.kill()
        self._drop(pool)

    def _drop(self, broken: ProcessPoolExecutor | None) -> None:
        """Forget a broken pool (unless already replaced); the next submit starts a fresh one."""
        with self._lock:
            if broken is None or self._pool is not broken:
                return
            self._pool = None
        broken.shutdown(wait=False, cancel_futures=True)


def start_worker(crawler_pid: int, memory_bytes: int | None) -> None:
    """Worker start-up: bound its memory (a document that needs more fails with MemoryError,
    recorded as a parse error), then watch the crawler that started it."""
    if memory_bytes is not None:
        limit_memory(memory_bytes)
    watch_crawler(crawler_pid)


def limit_memory(memory_bytes: int) -> None:
    """Cap this process's address space (``RLIMIT_AS``) where the platform allows it."""
    try:
        import resource
    except ImportError:  # not on POSIX
        return
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        memory_bytes = min(memory_bytes, hard)
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, hard))


def watch_crawler(crawler_pid: int) -> None:
    """Worker start-up: leave Ctrl-C to the crawler, and exit when the crawler is gone.

    Pool workers wait on their task queue forever, so a crawler killed with SIGKILL would leave
    them (and the output pipes they inherited) behind; this thread ends them within
    :data:`PARENT_CHECK_SECONDS`.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def exit_when_orphaned() -> None:
        while _is_running(crawler_pid):
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(0)

    threading.Thread(target=exit_when_orphaned, name="watch-crawler", daemon=True).start()


def _is_running(pid: int) -> bool:
    """Whether ``pid`` is alive and not a zombie waiting to be reaped."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().rsplit(") ", 1)[1][0] != "Z"
    except (OSError, IndexError):
        return True


def worker_context() -> multiprocessing.context.BaseContext:
    """``forkserver`` where available: workers forked from a clean server that has the parser and
    the index writer imported, never from the crawler's threads (forking a threaded process can
    deadlock)."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(
        ["archive.parsing", "archive.index_writer", "archive.parser_warmup"]
    )
    return context
