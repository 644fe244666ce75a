"""Time budgets (``khabar.budget``): work past its allowance is stopped, in the main thread by a
timer signal (which also stops a backtracking regular expression) and in any other thread by a
watchdog; nothing is raised once the block is over."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Callable

import pytest

from khabar.budget import Allowance, time_budget
from khabar.errors import TimeBudgetError

_MAIN_THREAD = """
import re, time
from khabar.budget import time_budget
from khabar.errors import TimeBudgetError
t0 = time.monotonic()
try:
    with time_budget(0.5, "too slow"):
        re.match(r"(a+)+$", "a" * 40 + "b")  # backtracks for hours
except TimeBudgetError as exc:
    print("stopped within 2 s:", time.monotonic() - t0 < 2, exc)
"""


def test_the_main_thread_is_stopped_even_inside_a_regular_expression() -> None:
    # in its own process: pytest-timeout holds this one's timer signal
    run = subprocess.run([sys.executable, "-c", _MAIN_THREAD], capture_output=True, text=True,
                         timeout=60)  # fmt: skip
    assert run.stdout.strip() == "stopped within 2 s: True too slow", run.stderr


def _spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            sum(range(1000))
        except Exception:  # work that catches everything must not swallow the stop
            pass


def _run(work: Callable[[], None], in_thread: bool) -> None:
    """``work()`` here (the main thread: the timer signal, or the watchdog where pytest-timeout
    holds the signal) or in a thread of its own (the watchdog), waited for."""
    if not in_thread:
        work()
        return
    worker = threading.Thread(target=work)
    worker.start()
    worker.join(60)


def test_another_thread_is_stopped_by_the_watchdog() -> None:
    caught: list[BaseException] = []

    def work() -> None:
        try:
            with time_budget(0.2, "too slow"):
                _spin(10)
        except TimeBudgetError as exc:
            caught.append(exc)

    t0 = time.monotonic()
    worker = threading.Thread(target=work)
    worker.start()
    worker.join(30)
    assert time.monotonic() - t0 < 5
    assert [str(e) for e in caught] == ["too slow"]


@pytest.mark.parametrize("in_thread", [False, True])
def test_nothing_is_raised_after_a_block_that_ends_in_time(in_thread: bool) -> None:
    errors: list[BaseException] = []

    def many() -> None:
        try:
            for i in range(300):
                with time_budget(0.0005 * (i % 4 + 1), "too slow"):
                    sum(range(200))
            time.sleep(0.05)  # a stop that came late would land here
        except BaseException as exc:  # noqa: BLE001 (the test looks for any stray exception)
            errors.append(exc)

    _run(many, in_thread)
    assert all(isinstance(e, TimeBudgetError) for e in errors)  # stopped inside, never after


def _swallow_everything(seconds: float) -> None:
    """Work that loses the stop, as a finaliser does (Python drops an exception raised in
    ``__del__`` or a garbage collector callback) or an ``except BaseException`` in a library."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            time.sleep(0.01)
        except BaseException:  # noqa: BLE001, S110 (the point of the test)
            pass


@pytest.mark.parametrize("in_thread", [False, True])
def test_a_block_past_its_time_ends_in_the_error_even_if_the_work_swallowed_the_stop(
    in_thread: bool,
) -> None:
    caught: list[BaseException] = []

    def work() -> None:
        try:
            with time_budget(0.1, "too slow"):
                _swallow_everything(0.5)
        except TimeBudgetError as exc:
            caught.append(exc)

    _run(work, in_thread)
    assert [str(e) for e in caught] == ["too slow"]


class _SlowFinaliser:
    """An object whose finaliser runs for a while: a stop that lands in it is dropped by Python
    (as one landing in a garbage collector callback is)."""

    def __del__(self) -> None:
        end = time.monotonic() + 0.3
        while time.monotonic() < end:
            sum(range(1000))


def _drop_a_stop_then_work() -> None:
    _SlowFinaliser()  # deleted at once; the 0.1 s budget runs out inside its finaliser
    _spin(20)  # work that lets a stop through


_DROPPED_IN_MAIN_THREAD = """
import time
from khabar.budget import time_budget
from khabar.errors import TimeBudgetError
class Slow:
    def __del__(self):
        end = time.monotonic() + 0.3
        while time.monotonic() < end:
            sum(range(1000))
t0 = time.monotonic()
try:
    with time_budget(0.1, "too slow"):
        Slow()
        while time.monotonic() - t0 < 20:
            sum(range(1000))
except TimeBudgetError as exc:
    print("stopped within 5 s:", time.monotonic() - t0 < 5, exc)
"""


@pytest.mark.parametrize("in_thread", [False, True])
def test_a_stop_dropped_in_a_finaliser_is_delivered_again(in_thread: bool) -> None:
    caught: list[BaseException] = []
    took: list[float] = []

    def work() -> None:
        t0 = time.monotonic()
        try:
            with time_budget(0.1, "too slow"):
                _drop_a_stop_then_work()
        except TimeBudgetError as exc:
            caught.append(exc)
        took.append(time.monotonic() - t0)

    _run(work, in_thread)
    assert [str(e) for e in caught] == ["too slow"]
    assert took[0] < 5  # stopped again after the finaliser, not at the work's end (20 s)


def test_a_stop_dropped_in_a_finaliser_is_delivered_again_by_the_timer_signal() -> None:
    run = subprocess.run([sys.executable, "-c", _DROPPED_IN_MAIN_THREAD], capture_output=True,
                         text=True, timeout=60)  # fmt: skip
    assert run.stdout.strip() == "stopped within 5 s: True too slow", run.stderr


def test_an_error_the_stop_turned_into_is_reported_as_the_stop() -> None:
    def work() -> None:
        with time_budget(0.1, "too slow"):
            try:
                _swallow_everything(0.3)
            finally:
                raise RuntimeError("a library wrapped the stop")

    with pytest.raises(TimeBudgetError, match="too slow") as info:
        work()
    assert isinstance(info.value.__cause__, RuntimeError)
    with pytest.raises(RuntimeError):  # in time: an error is the error
        with time_budget(5, "too slow"):
            raise RuntimeError("bad input")


def test_an_allowance_is_spent_over_several_blocks() -> None:
    allowance = Allowance(0.3, "document too slow")
    with allowance.spend():
        time.sleep(0.2)
    with pytest.raises(TimeBudgetError, match="document too slow"):
        with allowance.spend():
            _spin(5)
    with pytest.raises(TimeBudgetError):  # nothing left
        with allowance.spend():
            pass
    off = Allowance(0, "never")
    with off.spend():
        time.sleep(0.01)
