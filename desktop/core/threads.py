"""Being a good citizen on a worker thread."""

from __future__ import annotations

import gc
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager


def breather(every_s: float = 0.003) -> Callable[[], None]:
    """A function to call often in a loop on a worker thread: every `every_s` seconds it hands the GIL
    to other threads (time.sleep(0)), so the UI thread never waits long to run (measured in
    benchmarks/bank_size.py: without it, loading 10,000 questions stalled the UI for 50-90 ms)."""
    last = time.perf_counter()

    def breathe() -> None:
        nonlocal last
        now = time.perf_counter()
        if now - last >= every_s:
            time.sleep(0)
            last = time.perf_counter()

    return breathe


_paused = 0
_paused_lock = threading.Lock()


@contextmanager
def collection_paused(freeze: bool = False) -> Iterator[None]:
    """Bulk work on a worker thread with automatic garbage collection paused: a full collection over many
    new objects holds the GIL for tens of ms in one piece, and the UI thread cannot tick meanwhile
    (measured in benchmarks/ui_gaps.py: 30-50 ms during an import). `freeze`: the work made long-lived
    objects (a bank, an index), so gc.freeze() parks them where later collections never rescan them.
    Nested and concurrent uses are counted: collection resumes when the last one ends."""
    global _paused
    with _paused_lock:
        _paused += 1
        gc.disable()
    try:
        yield
    finally:
        with _paused_lock:
            _paused -= 1
            if freeze:
                gc.freeze()
            if _paused == 0:
                gc.enable()


HANDOVER_S = 0.001  # the GIL's switch interval while a worker runs beside the UI thread (Python's default: 5 ms)
_handing_over = 0
_usual_interval = 0.0
_handover_lock = threading.Lock()


@contextmanager
def quick_handover() -> Iterator[None]:
    """Work on a worker thread while the UI thread goes on: the GIL changes hands after HANDOVER_S instead of
    Python's 5 ms. The UI thread needs the GIL for every call into Python (a timer, a slot, a delegate's paint)
    and, while the worker runs Python code, waits a whole switch interval for it each time; a few such calls
    in one frame made it late (benchmarks/ui_gaps.py, docs/performance.md "Issue 23, item 4"). The worker
    loses little: the GIL only changes hands when another thread asks for it. Counted like collection_paused:
    the usual interval comes back when the last such work ends."""
    global _handing_over, _usual_interval
    with _handover_lock:
        if _handing_over == 0:
            _usual_interval = sys.getswitchinterval()
            sys.setswitchinterval(min(HANDOVER_S, _usual_interval))
        _handing_over += 1
    try:
        yield
    finally:
        with _handover_lock:
            _handing_over -= 1
            if _handing_over == 0:
                sys.setswitchinterval(_usual_interval)
