"""The mode registry: the main window builds its mode switcher from MODES.

A mode is one module exposing a class with the `Mode` interface. Modules are
imported when a mode is first opened, so start-up pays only for the first one.
Adding a mode means adding one line here and one module: no other mode changes.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Literal, NamedTuple, Protocol, runtime_checkable

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QWidget

    from desktop.core.bank import Bank
    from desktop.core.note_store import UserData
    from desktop.core.search import SearchIndex
    from desktop.ui.context import AppContext


class Mode(Protocol):
    def widget(self) -> QWidget: ...
    def actions(self) -> list[QAction]: ...  # mode-only actions, with shortcuts, shown in the mode's menu
    def activate(self) -> None: ...
    def deactivate(self) -> None: ...  # save anything pending (the user may be leaving, or a backup needs it)
    def unsaved(self) -> dict[str, str]: ...  # typed text that could not be saved yet, by question id
    def restyle(self) -> None: ...  # the theme, text size or settings changed: re-read and repaint


# Optional capabilities: a mode that has one says so by having the method; callers check with isinstance().


@runtime_checkable
class PausesWhenLeft(Protocol):
    def left(self) -> None: ...  # another mode is now on screen: stop a clock that should not run unseen


@runtime_checkable
class ReloadsUserData(Protocol):
    def reload_user_data(self, restored: UserData | None) -> None: ...
    # The user's data was replaced (a restore): re-read and repaint. `restored`: the notes and bookmarks as the
    # restore read them (None: read them from the store).


@runtime_checkable
class FollowsBank(Protocol):
    def bank_changed(self, bank: Bank, index: SearchIndex) -> None: ...
    # The bank was read again (an import; ctx has the new one): show it in place, keeping the user's place.


@runtime_checkable
class OpensQuestion(Protocol):
    def open_question(self, qid: str) -> None: ...  # show this question (Browse)


@runtime_checkable
class StartsDrill(Protocol):
    def start_drill(self, question_ids: list[str], label: str = ...) -> None: ...  # a session on just these (Quiz)


@runtime_checkable
class EditsPlan(Protocol):
    def edit_plan(self) -> None: ...  # show the study plan's fields, category weights open (Progress)


QuitAnswer = Literal["quit", "stay", "show"]  # quit now / stay / stay and show the mode that asked


@runtime_checkable
class AsksBeforeQuit(Protocol):
    def ask_before_quit(self, parent: QWidget, answered: Callable[[QuitAnswer], None]) -> bool: ...
    # Work in progress that a quit would cut short (a running interview): ask, without blocking, and
    # call `answered` with the choice. False: nothing to ask, quit at once.


class ModeSpec(NamedTuple):  # imported before the first frame, where dataclasses would cost ~2 ms
    key: str
    title: str
    shortcut: str
    icon: str
    target: str  # "module:Class"

    def create(self, ctx: AppContext) -> Mode:
        module_name, class_name = self.target.split(":")
        cls = getattr(importlib.import_module(module_name), class_name)
        return cls(ctx)


MODES: tuple[ModeSpec, ...] = (
    ModeSpec("browse", "Browse", "Ctrl+1", "browse", "desktop.ui.modes.browse:BrowseMode"),
    ModeSpec("quiz", "Quiz", "Ctrl+2", "quiz", "desktop.ui.modes.quiz:QuizMode"),
    ModeSpec("interview", "Mock interview", "Ctrl+3", "interview", "desktop.ui.modes.interview:InterviewMode"),
    ModeSpec("progress", "Progress", "Ctrl+4", "progress", "desktop.ui.modes.progress:ProgressMode"),
)
