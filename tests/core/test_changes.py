"""The store announces every committed change once, and multi-write operations are all or nothing."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from desktop.core.changes import Change, Changed, ChangeFeed
from desktop.core.interview import Plan, PlannedQuestion
from desktop.core.store import DB_NAME, Store
from tests.core.fakes import FakeClock


def recorded(store: Store) -> list[Changed]:
    seen: list[Changed] = []
    store.changes.subscribe(seen.append)
    return seen


def test_each_kind_of_write_is_announced_with_its_question(tmp_path: Path) -> None:
    store = Store.open(tmp_path / DB_NAME, FakeClock())
    seen = recorded(store)
    store.note_store.save_note("q1", "a note")
    store.note_store.toggle_bookmark("q2")
    store.interview_store.start(Plan("Phone", (PlannedQuestion("q3", 0.0, 60.0),)))
    assert [(c.what, set(c.question_ids)) for c in seen] == [
        (Change.NOTES, {"q1"}), (Change.BOOKMARKS, {"q2"}), (Change.INTERVIEWS, set())]
    store.note_store.save_note("q1", "a note")  # nothing changed: nothing announced
    assert len(seen) == 3


def test_a_failed_write_is_not_announced_and_leaves_nothing_half_done(tmp_path: Path) -> None:
    store = Store.open(tmp_path / DB_NAME, FakeClock())
    seen = recorded(store)
    store.note_store.save_note("q1", "first")
    with pytest.raises(RuntimeError), store.transaction():
        store.note_store.toggle_bookmark("q9")
        store.note_store.save_note("q9", "written in the same operation")
        raise RuntimeError("a failure midway")
    assert store.note_store.bookmarks() == set() and store.note_store.note("q9") == ""  # both writes rolled back together
    assert [c.what for c in seen] == [Change.NOTES]  # and the rolled-back ones were never announced
    with store.transaction():
        store.note_store.toggle_bookmark("q9")
        assert [c.what for c in seen] == [Change.NOTES]  # not before the commit
    assert [c.what for c in seen] == [Change.NOTES, Change.BOOKMARKS]


def test_restoring_an_earlier_revision_writes_note_and_history_together(tmp_path: Path) -> None:
    clock = FakeClock()
    store = Store.open(tmp_path / DB_NAME, clock)
    store.note_store.save_note("q", "version one")
    clock.advance(hours=1)
    store.note_store.save_note("q", "version two")
    oldest = store.note_store.revisions("q")[-1]
    seen = recorded(store)
    assert store.note_store.restore_revision(oldest.id) == "version one"
    assert store.note_store.note("q") == "version one" and [r.text for r in store.note_store.revisions("q")][:2] == [
        "version one", "version two"]
    assert [c.what for c in seen] == [Change.NOTES]


def test_a_subscriber_that_is_gone_stops_listening() -> None:
    feed = ChangeFeed()
    heard: list[Changed] = []

    class Mode:
        def on_change(self, changed: Changed) -> None:
            heard.append(changed)

    mode = Mode()
    feed.subscribe_while_alive(mode.on_change)
    feed.publish(Changed(Change.NOTES))
    del mode
    gc.collect()
    feed.publish(Changed(Change.NOTES))
    assert len(heard) == 1 and len(feed) == 0  # nothing left behind
