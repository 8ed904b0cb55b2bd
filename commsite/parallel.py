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
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.pool import AsyncResult
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
    todo = deque(range(count))
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            sent: deque[tuple[int, AsyncResult[R]]] = deque()
            while todo or sent:
                while todo and len(sent) < 2 * workers:  # keep the workers busy, no more
                    number = todo.popleft()
                    sent.append((number, pool.apply_async(_run, (number,))))
                if todo and not sent[0][1].ready():
                    number = todo.pop()
                    yield number, task(number)
                else:
                    number, result = sent.popleft()
                    yield number, result.get()
    finally:
        if freezing:
            gc.unfreeze()
        _task = None


def _run(number: int) -> Any:
    assert _task is not None, "only in a forked worker"
    return _task(number)
