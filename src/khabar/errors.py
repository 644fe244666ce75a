"""The khabar exception tree.

Every error khabar raises on purpose is a ``KhabarError``; callers choose how broad to catch::

    KhabarError
    ├── ConfigError          a setting is missing, malformed or out of range
    ├── InputError           an input cannot be read or parsed (carries ``reason`` and ``source``)
    │   ├── EncodingError    bytes that are not text in any supported encoding
    │   ├── FormatError      text that is not valid HTML/JSONL/RSS/WARC as declared
    │   └── TimeBudgetError  a document's processing ran past its time budget (``too_slow``)
    ├── ResourceError        a packaged data file (lexicon, gold, model) is missing or broken
    ├── StoreError           the database cannot be opened, migrated, read or written (locked,
    │   │                    disk full, corrupt): it ends an ingest run; no input is blamed
    │   ├── NotFoundError    a document id (or other key) that the store does not have
    │   └── ConflictError    a name the store already holds (a watchlist's)
    ├── WatchError           a watchlist definition that cannot be used (bad name, unknown
    │                        type, country, place or actor)
    ├── EvalError            gold data and predictions cannot be compared
    └── ExecutorError        an executor lost its worker processes beyond recovery

Messages say what happened and what the user can do about it.
"""

from __future__ import annotations

__all__ = [
    "ExportError",
    "ConfigError",
    "ConflictError",
    "EmbedError",
    "EncodingError",
    "EvalError",
    "ExecutorError",
    "FormatError",
    "InputError",
    "KhabarError",
    "NotFoundError",
    "ResourceError",
    "StoreError",
    "TimeBudgetError",
    "WatchError",
]


def _rebuilt(cls: type[KhabarError], args: tuple[object, ...],
             state: dict[str, object]) -> KhabarError:  # fmt: skip
    err = cls.__new__(cls)
    err.args = args
    err.__dict__.update(state)
    return err


class KhabarError(Exception):
    """Root of every error khabar raises on purpose. Every one survives pickling, keyword-only
    arguments included (an error carried back from a worker process: ``khabar.executors``)."""

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuilt, (type(self), self.args, dict(self.__dict__)))


class ConfigError(KhabarError):
    """A setting is missing, malformed or out of range."""


class InputError(KhabarError):
    """An input cannot be read or parsed.

    ``reason`` is a short machine-friendly code (``empty``, ``binary``, ``too_large``...) used to
    count quarantined inputs; the message is the human explanation.
    """

    def __init__(self, message: str, *, reason: str, source: str = "") -> None:
        super().__init__(message)
        self.reason = reason
        self.source = source


class EncodingError(InputError):
    """Bytes that do not decode as text in any supported encoding."""


class FormatError(InputError):
    """Text that is not valid in the format it claims to be."""


class TimeBudgetError(InputError):
    """Processing one document ran past its time budget (setting ``document_time_budget_s``).

    The document is quarantined with reason ``too_slow``; the batch goes on.
    """

    def __init__(self, message: str, *, source: str = "") -> None:
        super().__init__(message, reason="too_slow", source=source)


class ResourceError(KhabarError):
    """A packaged data file is missing or malformed."""


class StoreError(KhabarError):
    """The database cannot be opened, migrated, read or written."""


class NotFoundError(StoreError):
    """A key that the store does not hold.

    The message (for the command line) may name the database and the command that lists the
    keys; ``public`` is what a remote client may be told (no path, no CLI advice): the message
    itself when none is given.
    """

    def __init__(self, message: str, *, public: str | None = None) -> None:
        super().__init__(message)
        self.public = public or message


class ConflictError(StoreError):
    """A name that the store already holds (creating a watchlist twice)."""


class WatchError(KhabarError):
    """A watchlist definition that cannot be used: a bad name, or a type, country, place or
    actor that khabar does not know."""


class EvalError(KhabarError):
    """Gold data and predictions cannot be compared."""


class ExportError(KhabarError):
    """An export could not be written (unknown format, missing optional package)."""


class ExecutorError(KhabarError):
    """An executor lost its workers in a way it cannot recover from (``khabar.executors``)."""


class EmbedError(KhabarError):
    """Embeddings cannot be computed or compared (model package or device missing, no vectors)."""
