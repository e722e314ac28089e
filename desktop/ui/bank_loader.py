"""Load and index the question bank off the UI thread, so the window appears at once."""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktop.core.bank import Bank
from desktop.core.bank_cache import CacheFiles, Preparation
from desktop.core.search import SearchIndex
from desktop.core.threads import breather, collection_paused

WARM_UP_WAIT_S = 5.0  # the longest the key-point warm-up waits for the first mode to be on screen
WARM_UP_AFTER_S = 2.0  # ... and then it waits this long more: the first seconds' clicks get the whole CPU

# Where the prepared bank may be cached: (the content roots, the files), worked out on the loader thread.
CacheSpec = Callable[[], tuple[Sequence[Path], CacheFiles]]


class BankLoader(QObject):
    """`load` takes a breathe() function to call often (core.threads.breather), so the UI stays smooth.

    With `cache`, a bank prepared earlier (core.bank_cache) is used while it is still right, and `load`
    runs only when it is not. Without `notes`, the loader can start before the user's data is open:
    it prepares the bank, runs `warm_up` (imports the first screen needs), and waits for add_notes().
    """

    loaded = Signal(object, object)  # Bank, SearchIndex: delivered on the UI thread (queued)
    failed = Signal(str)

    def __init__(self, load: Callable[[Callable[[], None] | None], Bank], notes: dict[str, str] | None = None,
                 cache: CacheSpec | None = None, warm_up: Callable[[], None] | None = None) -> None:
        super().__init__()
        self._load = load
        self._cache = cache
        self._warm_up = warm_up
        self._notes = notes or {}  # read on the UI thread: the store's connection belongs to it
        self._keep = True
        self._have_notes = threading.Event()
        if notes is not None:
            self._have_notes.set()
        self._shown = threading.Event()
        self._quitting = threading.Event()
        self._done = threading.Event()  # loaded or failed
        self.result: tuple[Bank, SearchIndex] | None = None  # what `loaded` carries, once it is ready

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="bank-loader", daemon=True)
        self._thread.start()

    def add_notes(self, notes: dict[str, str], keep: bool) -> None:
        """The user's notes, to index with the bank; `keep`: the data folder may hold a cache of them."""
        self._notes, self._keep = notes, keep
        self._have_notes.set()

    def wait_loaded(self, timeout_s: float) -> tuple[Bank, SearchIndex] | None:
        """Block until the bank is ready (or failed, or `timeout_s` passed) and return it, if it is.

        At start-up the bank usually comes from a cache within a few tens of ms: waiting for it, rather
        than painting a window that says "Loading…" first, makes the next paint the complete one.
        The `loaded` signal is still delivered afterwards.
        """
        self._done.wait(timeout_s)
        return self.result

    def wait(self, timeout_s: float) -> None:
        """Let a load still running finish before the interpreter shuts down around it."""
        self._quitting.set()
        self._have_notes.set()
        self._shown.set()
        self._thread.join(timeout_s)

    def shown(self) -> None:
        """Call once the first mode is on screen (MainWindow.after_paint): the loader goes on with
        the warm-up that would otherwise compete with that first frame for the CPU."""
        self._shown.set()

    def _run(self) -> None:
        try:
            with collection_paused(freeze=True):  # the bank and index live as long as the app (core.threads)
                prepared = self._prepare(breather())
        except Exception:
            self.failed.emit(traceback.format_exc(limit=3))  # reported to the user, never a silent dead thread
            return
        finally:
            self._done.set()
        if prepared is None:
            return  # the app is quitting
        bank, index, preparation = prepared
        self.loaded.emit(bank, index)
        if preparation is not None:
            preparation.write()
        # The key-point warm-up takes ~0.3 s of CPU: after the first screen is painted, and a moment more.
        self._shown.wait(WARM_UP_WAIT_S)
        if self._quitting.wait(WARM_UP_AFTER_S):
            return
        from desktop.core import keypoints  # imported here, off the UI thread

        keypoints.warm(bank.questions, breather())  # so the first review's key-point suggestions never wait

    def _prepare(self, breathe: Callable[[], None]) -> tuple[Bank, SearchIndex, Preparation | None] | None:
        preparation: Preparation | None = None
        if self._cache is None:
            bank = self._load(breathe)
            index = SearchIndex()
        else:
            roots, files = self._cache()
            preparation = Preparation(roots, files, self._load, breathe)
            bank, index = preparation.bank, preparation.index
        if self._warm_up is not None:
            self._warm_up()
        self._have_notes.wait()
        if self._quitting.is_set():
            return None
        if preparation is None:
            index.add(bank.questions, self._notes, breathe)
        else:
            preparation.add_notes(self._notes, self._keep)
        self.result = (bank, index)
        return bank, index, preparation
