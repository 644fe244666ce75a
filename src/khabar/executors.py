"""Executors: where the per-document steps of ingest run.

Input: the stream of read items (articles and quarantine records) and the settings. Output: the
same stream, in the same order, with each article replaced by its ``Prepared`` form
(``pipeline.prepare``: clean, language, MinHash signatures, extraction), or left as it is for
the driver to prepare (``AutoExecutor`` on a small input); ``map_chunks`` runs
any picklable function over chunks the same way (``khabar embed`` sends batches of texts). The
steps that need the whole collection (duplicates, the wire anchor, the store, stories, fusion)
stay in the driver, in input order, so an executor never changes a result: only where the work
is done.

* ``InProcessExecutor``: here, one document at a time (what ``ingest`` does without one).
* ``ProcessExecutor``: on ``workers`` processes of this machine (the standard library's
  process pool, spawned: each loads the models once), in chunks of ``partition_size``, at most
  ``max_in_flight`` chunks out at once; the driver meanwhile stores, groups and fuses what
  came back, so two cores do the work of two.
* ``AutoExecutor`` (``khabar ingest``'s default): here for an input of at most ``threshold``
  (500) items, else on a ``ProcessExecutor`` of ``default_workers()`` processes. The pool's
  start (each worker loads the models: about 2 s once their tables are kept by
  ``resources.derived``, 6 s before) pays off only on more: on the 2-core machine
  (``bench/ingest.py``, 2026-12-02) 1,000 real articles at 36 against 25 documents/s here,
  300 at 23 against 20, 500 synthetic sample variants (which share wire paragraphs) 28
  against 27.
* ``DaskExecutor``: on a Dask distributed cluster — a local one started on 127.0.0.1 with
  ``workers`` processes, or an existing one at ``scheduler``. Items go in partitions of
  ``partition_size``; at most ``max_in_flight`` partitions are out at once, so memory stays
  bounded on any input size.
"""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import chain, islice
from typing import Any, Protocol

from khabar.errors import ConfigError, ExecutorError, InputError
from khabar.model import QuarantineRecord
from khabar.pipeline import Prepared, prepare_safely
from khabar.settings import Settings

log = logging.getLogger(__name__)

__all__ = [
    "AutoExecutor",
    "DaskExecutor",
    "Executor",
    "InProcessExecutor",
    "ProcessExecutor",
    "default_workers",
    "make_executor",
]


class Executor(Protocol):
    def prepare(self, items: Iterable[Any], settings: Settings) -> Iterator[Any]: ...

    def map_chunks(
        self, fn: Callable[..., Any], chunks: Iterable[Any], *args: Any
    ) -> Iterator[Any]: ...

    def close(self) -> None: ...


class InProcessExecutor:
    """The per-document steps in this process."""

    def prepare(self, items: Iterable[Any], settings: Settings) -> Iterator[Any]:
        for item in items:
            yield prepare_safely(item, settings)

    def map_chunks(
        self, fn: Callable[..., Any], chunks: Iterable[Any], *args: Any
    ) -> Iterator[Any]:
        """``fn(chunk, *args)`` for each chunk, in order."""
        for chunk in chunks:
            yield fn(chunk, *args)

    def close(self) -> None:
        return None


def _prepare_partition(items: list[Any], settings: Settings) -> list[Any]:
    return [prepare_safely(item, settings) for item in items]


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    stream = iter(items)
    return iter(lambda: list(islice(stream, size)), [])


def _worker_start() -> None:
    """In each worker process: Ctrl-C is the driver's to handle (it stops the pool), warnings
    are printed as the command line prints them, and the worker ends when the driver does,
    however it ends (a driver killed with SIGKILL had left its workers waiting forever)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_end_with, args=(parent.sentinel,), daemon=True).start()


def _end_with(sentinel: int) -> None:
    multiprocessing.connection.wait([sentinel])  # ready when the driver process is gone
    os._exit(1)


class ProcessExecutor:
    """The per-document steps on local processes (see the module docstring). A worker that
    dies (killed, out of memory, a crash in native code) costs no document but the one it
    died on: the pool is started again, the chunk it was working on is prepared again one
    document at a time, and a document that kills a worker again is quarantined
    (``worker_crashed``); the chunks in flight are sent again."""

    def __init__(
        self, *, workers: int = 2, partition_size: int = 16, max_in_flight: int | None = None
    ) -> None:
        if workers < 1:
            raise ConfigError(f"the process executor needs at least one worker, got {workers}")
        self.workers = workers
        self.partition_size = partition_size
        self.max_in_flight = max_in_flight or 2 * workers
        self.pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_worker_start)  # fmt: skip

    def _restart(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = self._start()

    def prepare(self, items: Iterable[Any], settings: Settings) -> Iterator[Any]:
        pending: deque[tuple[list[Any], Future[list[Any]]]] = deque()
        for chunk in _chunks(items, self.partition_size):
            pending.append((chunk, self.pool.submit(_prepare_partition, chunk, settings)))
            if len(pending) >= self.max_in_flight:
                yield from self._collect(pending, settings)
        while pending:
            yield from self._collect(pending, settings)

    def _collect(self, pending: deque[tuple[list[Any], Future[list[Any]]]],
                 settings: Settings) -> list[Any]:  # fmt: skip
        chunk, future = pending.popleft()
        try:
            return future.result()
        except BrokenProcessPool as exc:
            log.warning("a worker process died (%s); preparing its %d documents one by one",
                        exc, len(chunk))  # fmt: skip
            self._restart()
            out = [self._alone(item, settings) for item in chunk]
            for k, (again, _) in enumerate(pending):  # they died with the pool
                pending[k] = (again, self.pool.submit(_prepare_partition, again, settings))
            return out
        except Exception as exc:  # e.g. a result that could not travel back: one by one
            log.warning("a chunk of %d documents failed on its way back (%s: %s); preparing "
                        "them one by one", len(chunk), type(exc).__name__, exc)  # fmt: skip
            return [self._alone(item, settings) for item in chunk]

    def _alone(self, item: Any, settings: Settings) -> Any:
        """One item prepared on the pool; a failure is carried to the driver, which quarantines
        the document with its reason (``worker_crashed`` when it killed the worker)."""
        try:
            return self.pool.submit(prepare_safely, item, settings).result()
        except Exception as exc:
            if isinstance(exc, BrokenProcessPool):
                self._restart()
                exc = InputError(f"the worker process preparing it died ({exc})",
                                 reason="worker_crashed", source=item.source)  # fmt: skip
            if isinstance(item, QuarantineRecord):
                return item
            log.warning("%s %s failed on a worker: %s", item.source, item.locator, exc)
            return Prepared(item, None, None, None, {}, error=exc)

    def map_chunks(
        self, fn: Callable[..., Any], chunks: Iterable[Any], *args: Any
    ) -> Iterator[Any]:
        """``fn(chunk, *args)`` for each chunk on the pool, results in order; at most
        ``max_in_flight`` chunks out at once. Raises ``ExecutorError`` if a worker dies."""
        pending: deque[Future[Any]] = deque()
        try:
            for chunk in chunks:
                pending.append(self.pool.submit(fn, chunk, *args))
                if len(pending) >= self.max_in_flight:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        except BrokenProcessPool as exc:
            self._restart()
            raise ExecutorError(f"a worker process died: {exc}") from exc

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> ProcessExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def default_workers() -> int:
    """Worker processes for ``AutoExecutor``: one per core this process may use, at most four
    (the driver's own steps, storing and grouping, bound the gain beyond; each worker holds
    the models, about 0.6 GiB). On two cores two workers beside the driver:
    ``bench/ingest.py``."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(4, cores))


class AutoExecutor(InProcessExecutor):
    """Here for a small input, on local processes for a larger one (see the module
    docstring). A small input's articles go to the driver as they are, so a document already
    stored is never extracted again; on the pool every article is prepared (extracted) before
    the driver sees whether it is new, which makes ingesting an unchanged folder again cost
    its extraction. ``map_chunks`` (embedding) always runs here: the C engine already uses
    every core."""

    def __init__(self, *, workers: int | None = None, threshold: int = 500) -> None:
        if workers is not None and workers < 1:
            raise ConfigError(f"workers must be at least 1, got {workers}")
        self.workers = workers or default_workers()
        self.threshold = threshold
        self._pool: ProcessExecutor | None = None

    def prepare(self, items: Iterable[Any], settings: Settings) -> Iterator[Any]:
        stream = iter(items)
        head = list(islice(stream, self.threshold + 1))
        if self._pool is None and (len(head) <= self.threshold or self.workers < 2):
            yield from chain(head, stream)  # the driver prepares each one, lazily
            return
        if self._pool is None:
            self._pool = ProcessExecutor(workers=self.workers)
        yield from self._pool.prepare(chain(head, stream), settings)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    def __enter__(self) -> AutoExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class DaskExecutor:
    """The per-document steps on a Dask cluster (see the module docstring)."""

    def __init__(
        self,
        *,
        workers: int = 2,
        scheduler: str | None = None,
        partition_size: int = 32,
        max_in_flight: int | None = None,
    ) -> None:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError as exc:
            raise ConfigError(
                "the dask executor needs dask.distributed: pip install 'khabar[dask]'"
            ) from exc
        logging.getLogger("distributed").setLevel(logging.WARNING)  # its INFO lines flood the CLI
        self.cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            self.cluster = LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                dashboard_address=None, silence_logs=40,
            )  # fmt: skip
            self.client = Client(self.cluster)
        self.partition_size = partition_size
        self.max_in_flight = max_in_flight or 2 * max(1, workers)

    def prepare(self, items: Iterable[Any], settings: Settings) -> Iterator[Any]:
        for prepared in self.map_chunks(_prepare_partition, _chunks(items, self.partition_size),
                                        settings):  # fmt: skip
            yield from prepared

    def map_chunks(
        self, fn: Callable[..., Any], chunks: Iterable[Any], *args: Any
    ) -> Iterator[Any]:
        """``fn(chunk, *args)`` for each chunk on the cluster, results in order; at most
        ``max_in_flight`` chunks out at once. ``args`` are sent to every worker once."""
        shared = [self.client.scatter(a, broadcast=True) for a in args]
        pending: deque[Any] = deque()
        for chunk in chunks:
            pending.append(self.client.submit(fn, chunk, *shared, pure=False))
            if len(pending) >= self.max_in_flight:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def __enter__(self) -> DaskExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def make_executor(name: str, *, workers: int | None = None,
                  scheduler: str | None = None) -> Executor:  # fmt: skip
    """The executor called ``name`` ("auto", "inprocess", "processes" or "dask"; ``workers``:
    processes, default ``default_workers()`` for "auto" and 2 otherwise)."""
    if name == "inprocess":
        return InProcessExecutor()
    if name == "auto":
        return AutoExecutor(workers=workers)
    if name == "processes":
        return ProcessExecutor(workers=workers or 2)
    if name == "dask":
        return DaskExecutor(workers=workers or 2, scheduler=scheduler)
    raise ConfigError(f"unknown executor {name!r}; choose auto, inprocess, processes or dask")
