"""Being a good citizen on a worker thread."""

from __future__ import annotations

import time
from collections.abc import Callable


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
