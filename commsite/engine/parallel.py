"""Numbered tasks shared between this process and forked workers, for both cores.

Workers are forked, so they inherit everything a task needs (the site, the plan, compiled
templates, the files' bytes): only task numbers go to them and only results come back.
This process works too, from the other end of the list, whenever no worker's result is
waiting; one worker fewer is one copy fewer of everything in memory.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import queue
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.pool import Pool
from typing import Any, TypeVar

R = TypeVar("R")
T = TypeVar("T")

_task: Callable[[int], Any] | None = None  # what forked workers run


def cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def in_chunks(items: Sequence[T], size: int) -> list[Sequence[T]]:
    """The items in runs of ``size``, one task each: few enough messages, even enough shares."""
    return [items[start : start + size] for start in range(0, len(items), size)]


def done_in_turn(task: Callable[[int], R], count: int, *, fork: bool) -> Iterator[tuple[int, R]]:
    """(number, task(number)) for every number below ``count``, in the order they are done.
    ``fork`` says whether there is enough work for starting processes to pay. A process
    with threads (the live preview's) is never forked: a lock some thread holds at that
    moment would stay locked forever in the copy."""
    workers = cores() - 1
    if not fork or workers < 1 or count < 2 or threading.active_count() > 1:
        yield from ((number, task(number)) for number in range(count))
        return
    global _task
    _task = task
    freezing = gc.get_freeze_count() == 0  # objects a caller froze itself stay frozen
    if freezing:
        gc.freeze()  # the workers' collections then leave the inherited objects alone
    todo = deque(range(count))  # workers take from the front, this process from the back
    finished: queue.SimpleQueue[_Done] = queue.SimpleQueue()
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for _ in range(2 * workers):  # one at work and one waiting, for each worker
                _send(pool, todo, finished)
            for _ in range(count):
                try:
                    number, result, error = finished.get_nowait()
                except queue.Empty:
                    number, result, error = _here_or_wait(task, todo, finished)
                if error is not None:
                    raise error
                yield number, result
    finally:
        if freezing:
            gc.unfreeze()
        _task = None


_Done = tuple[int, Any, BaseException | None]  # a task's number, and its result or its error


def _send(pool: Pool, todo: deque[int], finished: queue.SimpleQueue[_Done]) -> None:
    """The next task from the front to a worker. Each result a worker gives sends it another,
    from the pool's thread: a worker never waits while this process makes a long task."""
    try:
        number = todo.popleft()  # a deque is safe to share between threads
    except IndexError:
        return

    def done(result: Any) -> None:
        finished.put((number, result, None))
        _send(pool, todo, finished)

    def failed(error: BaseException) -> None:
        finished.put((number, None, error))  # raised to the caller: nothing more to send

    try:
        pool.apply_async(_run, (number,), callback=done, error_callback=failed)
    except ValueError:  # the pool is closing: the caller stopped early
        return


def _here_or_wait(task: Callable[[int], Any], todo: deque[int], finished: queue.SimpleQueue[_Done]) -> _Done:
    """A task from the back of the list, made in this process; with none left, the next
    result of a worker."""
    try:
        number = todo.pop()
    except IndexError:
        return finished.get()
    return number, task(number), None


def _run(number: int) -> Any:
    assert _task is not None, "only in a forked worker"
    return _task(number)
