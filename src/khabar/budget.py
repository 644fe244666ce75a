"""Time budgets: work that runs past its allowance is stopped with ``TimeBudgetError``.

Input: a number of seconds and the work, as the body of ``with time_budget(seconds, message):``
(or of ``Allowance.spend()``, one budget spent over several blocks). Output: the block runs as
usual, or is stopped where it is once the time is up and ``TimeBudgetError(message)`` is raised
from the ``with`` statement.

How the work is stopped:

* in the main thread of a POSIX process, by a real-time interval timer (``SIGALRM``): its
  handler runs between two Python instructions and also inside a regular expression that
  backtracks (``re`` checks for signals while it matches);
* in any other thread (a web server's request thread, a Dask worker's task thread), or when the
  timer is taken by someone else, by a watchdog thread that raises the error in the working
  thread (``PyThreadState_SetAsyncExc``) at its next Python instruction: a single long call
  into C code finishes first.

Inside the block the stop is a ``BaseException`` (``_Expired``), so that no ``except
Exception`` in the work swallows it; it becomes ``TimeBudgetError`` when it leaves the block.
A stop raised while the thread runs a finaliser (``__del__``, a weakref callback of the
garbage collector) is dropped by Python, which hands it to ``sys.unraisablehook``; this module's
hook (installed as a block starts, passing every other exception on to the hook it replaced)
flags it, and the block's timer signal or watchdog, which look for the flag every
``_AGAIN_S`` seconds once the time is up, raise the stop again, outside the finaliser. A stop
can still be lost inside an ``except BaseException`` of a library. So the block's end checks
too: a block whose time ran out ends with ``TimeBudgetError`` however it ended (unless with
``KeyboardInterrupt`` or ``SystemExit``), never as if it had finished in time. Known: a stop
due just as the block ends can still leave the ``with`` statement as the internal
``BaseException`` rather than ``TimeBudgetError`` (it lands in ``contextlib``'s exit code,
outside this module's ``try``); ``late_stop`` tells it, and ingest quarantines its document
as too slow.
"""

from __future__ import annotations

import ctypes
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from khabar.errors import TimeBudgetError

__all__ = ["Allowance", "late_stop", "time_budget"]

_AGAIN_S = 0.02  # seconds between two looks for a stop dropped in a finaliser


class _Expired(BaseException):
    """Raised inside the work when its time is up (never seen outside ``time_budget``)."""


def _signals_usable() -> bool:
    """True when a real-time timer can interrupt this thread and nobody else uses it."""
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
        and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.SIG_IGN, None)
    )


# thread id -> [a stop was dropped in a finaliser of that thread and is not delivered again
# yet, blocks running in it]: the hook sets the flag, the block's timer signal or watchdog
# delivers the stop again when it sees it
_DROPPED: dict[int, list[Any]] = {}


class _UnraisableHook:
    """``sys.unraisablehook``: a stop dropped in a finaliser is flagged for its block to deliver
    again; any other exception goes to the hook this one replaced."""

    def __init__(self, previous: Callable[[object], object]) -> None:
        self.previous = previous

    def __call__(self, unraisable: object) -> None:
        if isinstance(getattr(unraisable, "exc_value", None), _Expired):
            dropped = _DROPPED.get(threading.get_ident())
            if dropped is not None:
                # the hook's last act: the stop delivered again cannot land in the hook (where
                # Python would drop it for good) before the flag is up
                dropped[0] = True
                return
        self.previous(unraisable)


def _install_hook() -> None:
    """Put ``_UnraisableHook`` in front of the current ``sys.unraisablehook`` unless it is
    there (a test runner may have put its own since)."""
    if not isinstance(sys.unraisablehook, _UnraisableHook):
        sys.unraisablehook = _UnraisableHook(sys.unraisablehook)


@contextmanager
def _drops() -> Iterator[list[Any]]:
    """Within the block, a stop this thread drops in a finaliser raises the flag
    ``cell[0]`` of the cell it yields (one per thread, shared by nested blocks)."""
    _install_hook()
    tid = threading.get_ident()
    cell = _DROPPED.setdefault(tid, [False, 0])
    cell[1] += 1
    try:
        yield cell
    finally:
        cell[1] -= 1
        if cell[1] <= 0:
            _DROPPED.pop(tid, None)


@contextmanager
def time_budget(seconds: float, message: str) -> Iterator[None]:
    """Run the block for at most ``seconds`` (0 or less: no limit); past it, stop it and raise
    ``TimeBudgetError(message)``.

    Example::

        with time_budget(30, "extraction took longer than 30 s"):
            extract_document(doc, settings)
    """
    if seconds <= 0:
        yield
        return
    guard = _alarm if _signals_usable() else _watchdog
    fired = [False]
    try:
        with guard(seconds, fired):
            yield
    except _Expired:
        raise TimeBudgetError(message) from None
    except Exception as exc:
        if fired[0]:  # the stop turned into another error on its way out (or came after it)
            raise TimeBudgetError(message) from exc
        raise
    if fired[0]:  # the stop was delivered and lost, or the block ended just as it came
        raise TimeBudgetError(message)


@contextmanager
def _alarm(seconds: float, fired: list[bool]) -> Iterator[None]:
    """Stop the block by SIGALRM after ``seconds``, and again (the timer ticks every
    ``_AGAIN_S`` after) when the stop was dropped in a finaliser; ``fired[0]`` becomes True
    when it does."""
    armed = [True]
    with _drops() as dropped:

        def expire(signum: int, frame: object) -> None:
            if not armed[0]:
                return
            if not fired[0]:
                fired[0] = True
                raise _Expired
            if dropped[0]:
                dropped[0] = False
                raise _Expired

        previous = signal.signal(signal.SIGALRM, expire)
        signal.setitimer(signal.ITIMER_REAL, seconds, _AGAIN_S)
        try:
            yield
        finally:
            try:
                armed[0] = False  # a signal that comes after this line does nothing
            finally:
                armed[0] = False  # (a stop may have landed before the line above)
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)


def _raise_in(thread_id: int, exc: type[BaseException] | None) -> None:
    """Raise ``exc`` in the thread ``thread_id`` at its next Python instruction (None: cancel
    an exception raised so that has not been delivered yet)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc is not None else None
    )


@contextmanager
def _watchdog(seconds: float, fired: list[bool]) -> Iterator[None]:
    """Stop the block from a watchdog thread after ``seconds``, and again (it looks every
    ``_AGAIN_S`` after) when the stop was dropped in a finaliser; ``fired[0]`` becomes True
    when it does."""
    target = threading.get_ident()
    lock = threading.Lock()  # held while a stop is raised and while the block is disarmed
    armed = [True]
    ended = threading.Event()
    with _drops() as dropped:

        def stop() -> bool:
            with lock:
                if not armed[0]:
                    return False
                fired[0] = True
                dropped[0] = False
                _raise_in(target, _Expired)
                return True

        def watch() -> None:
            if ended.wait(seconds) or not stop():
                return
            # (and while this thread's blocks still flag drops in this cell: should the end of
            # the block be cut short by a stop, the watchdog still ends with the block)
            while not ended.wait(_AGAIN_S) and _DROPPED.get(target) is dropped:
                if dropped[0] and not stop():
                    return

        threading.Thread(target=watch, name="khabar-time-budget", daemon=True).start()
        try:
            yield
        finally:
            ended.set()
            with lock:
                armed[0] = False
                if fired[0]:
                    _raise_in(target, None)  # cancel a stop not yet delivered (time_budget raises)


def late_stop(exc: BaseException) -> bool:
    """Whether ``exc`` is a stop that left its ``with`` statement as itself, not as
    ``TimeBudgetError`` (it came due just as the block ended: module docstring): callers that
    keep a batch going treat it as that error."""
    return isinstance(exc, _Expired)


class Allowance:
    """One time budget spent over several blocks (a document's clean, sign, extract steps).

    Example::

        allowance = Allowance(30, "document took longer than 30 s")
        with allowance.spend():
            doc = build_document(raw, settings)
        with allowance.spend():
            extraction = extract_document(doc, settings)
    """

    def __init__(self, seconds: float, message: str, *, spent: float = 0.0) -> None:
        self.seconds = seconds  # 0 or less: no limit
        self.left = seconds - spent
        self.message = message

    @contextmanager
    def spend(self) -> Iterator[None]:
        """Run the block within what is left of the budget."""
        if self.seconds <= 0:
            yield
            return
        if self.left <= 0:
            raise TimeBudgetError(self.message)
        t0 = time.perf_counter()
        try:
            with time_budget(self.left, self.message):
                yield
        finally:
            self.left -= time.perf_counter() - t0
