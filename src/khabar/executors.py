"""Executors: where the per-document steps of ingest run.

Input: the stream of read items (articles and quarantine records) and the settings. Output: the
same stream, in the same order, with each article replaced by its ``Prepared`` form
(``pipeline.prepare``: clean, language, MinHash signatures, extraction); ``map_chunks`` runs
any picklable function over chunks the same way (``khabar embed`` sends batches of texts). The
steps that need the whole collection (duplicates, the wire anchor, the store, stories, fusion)
stay in the driver, in input order, so an executor never changes a result: only where the work
is done.

* ``InProcessExecutor``: here, one document at a time (what ``ingest`` does without one).
* ``DaskExecutor``: on a Dask distributed cluster — a local one started on 127.0.0.1 with
  ``workers`` processes, or an existing one at ``scheduler``. Items go in partitions of
  ``partition_size``; at most ``max_in_flight`` partitions are out at once, so memory stays
  bounded on any input size.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any, Protocol

from khabar.errors import ConfigError
from khabar.pipeline import prepare_safely
from khabar.settings import Settings

__all__ = ["DaskExecutor", "Executor", "InProcessExecutor", "make_executor"]


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
        stream = iter(items)
        partitions = iter(lambda: list(islice(stream, self.partition_size)), [])
        for prepared in self.map_chunks(_prepare_partition, partitions, settings):
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


def make_executor(name: str, *, workers: int = 2, scheduler: str | None = None) -> Executor:
    """The executor called ``name`` ("inprocess" or "dask")."""
    if name == "inprocess":
        return InProcessExecutor()
    if name == "dask":
        return DaskExecutor(workers=workers, scheduler=scheduler)
    raise ConfigError(f"unknown executor {name!r}; choose inprocess or dask")
