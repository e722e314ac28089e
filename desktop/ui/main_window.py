"""The main window: mode switcher built from the registry, menus, shortcuts, status bar.

The File menu's data work (backups, restore, import, export, reloading the bank) is done by the
DataController in data_controller.py, which the window owns as `self.data`.

It is built in two steps so a window is on screen as early as possible: `MainWindow(settings=…)`
is the bare frame (title, icon, saved geometry), cheap enough to show before the database,
style sheet and menus exist; `furnish(ctx)` then builds everything else. That is also why this
module imports only light things at the top: the store, backups, search and the `Qt` namespace
(whose 94 enum classes PySide creates on first import, about 12 ms) come in with furnish().
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QRect, QSettings, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMenu, QToolBar

from desktop import APP_NAME
from desktop.core.settings import TEXT_SCALE, THEME
from desktop.core.wording import count
from desktop.ui import theme
from desktop.ui.after_paint import AfterPaint
from desktop.ui.application import lay_out_now, next_turn, qt_app
from desktop.ui.early_keys import EarlyKeys
from desktop.ui.modes import (
    MODES,
    AsksBeforeQuit,
    EditsPlan,
    Mode,
    ModeSpec,
    OpensQuestion,
    PausesWhenLeft,
    QuitAnswer,
    StartsDrill,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QKeyEvent  # their QEvent.Type enum alone costs ~1 ms to create
    from PySide6.QtWidgets import QDialog, QMessageBox  # for dialogs only: their enum classes cost start-up time

    from desktop.core.bank import Bank
    from desktop.core.search import SearchIndex
    from desktop.ui.context import AppContext
    from desktop.ui.data_controller import DataController
    from desktop.ui.widgets.my_notes import MyNotesDialog

DEFAULT_SIZE = (1280, 800)
FRAME_ALLOWANCE = (16, 48)  # what a window manager adds around a window: borders, a title bar


def first_geometry(available: QRect) -> QRect:
    """Where the window opens the first time: the default size, or less on a screen too small for it (a
    1366×768 laptop has ~728 pixels above its taskbar), centred on the screen's free area."""
    width = min(DEFAULT_SIZE[0], available.width() - FRAME_ALLOWANCE[0])
    height = min(DEFAULT_SIZE[1], available.height() - FRAME_ALLOWANCE[1])
    rect = QRect(0, 0, width, height)
    rect.moveCenter(available.center())
    return rect


class MainWindow(QMainWindow):
    ctx: AppContext

    def __init__(self, ctx: AppContext | None = None, ready: bool = True, settings: QSettings | None = None) -> None:
        """With a context, the whole window. Without one, the bare frame to show first: call furnish() next.

        `ready=False`: the bank is still loading; call bank_loaded() when it has.
        """
        super().__init__()
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(theme.app_icon())
        self.setMinimumSize(760, 520)
        self.modes: dict[str, Mode] = {}
        self.current_key: str | None = None
        self._quit_agreed = False  # a mode asked before quitting and the user chose to quit
        self.ready = False
        self.furnished = False
        settings = settings if settings is not None else ctx.settings if ctx is not None else None
        geometry = settings.value("window/geometry") if settings is not None else None
        # settings.ini can be edited by hand: a value that is not a saved geometry gives the default size
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            self.setGeometry(first_geometry(self.screen().availableGeometry()))
        # Ctrl+Q works from the first frame, before the menus that carry the real Quit exist;
        # any other key pressed before the window is ready is kept and replayed when it is.
        self._early_quit: QShortcut | None = QShortcut(QKeySequence("Ctrl+Q"), self)
        self._early_quit.activated.connect(self.close)
        self._early_keys = EarlyKeys(self)
        self.after_paint = AfterPaint(self)  # for what the first screen does not need
        if ctx is not None:
            self.furnish(ctx, ready)

    def furnish(self, ctx: AppContext, ready: bool = True) -> None:
        """Menus, mode bar, status bar, backups and shortcuts; then the first mode once the bank is in."""
        from PySide6.QtCore import Qt

        from desktop.core import backups
        from desktop.ui.shortcut_first import ShortcutFirst

        self.ctx = ctx
        if self._early_quit is not None:  # the File menu's Quit takes over (two would be ambiguous)
            self._early_quit.setEnabled(False)
            self._early_quit.deleteLater()
            self._early_quit = None
        from desktop.ui.widgets.page_stack import PageStack

        self._stack = PageStack()  # sized by the mode on show, not the largest one built
        from desktop.ui.plan_panel import PlanHost

        self.plan = PlanHost(self, self._stack, ctx)
        self._data: DataController | None = None  # the menus' backup, import and export: see `data`
        self._build_menus()
        self._build_mode_bar()
        self.statusBar().setSizeGripEnabled(False)
        ctx.status = self.show_status
        ctx.prefs.set_reporter(self.show_status)
        ctx.open_question = self.open_question
        ctx.drill = self.drill
        self._my_notes: MyNotesDialog | None = None
        self._backup_timer = QTimer(self, interval=int(backups.INTERVAL.total_seconds() * 1000))
        self._backup_timer.timeout.connect(lambda: self.data.back_up_if_changed())
        self._backup_timer.start()
        for a in (self.backup_action, self.restore_action):
            a.setEnabled(not ctx.store.read_only)
        self._filter = ShortcutFirst(self, self.all_actions)  # installed once the first mode is in (bank_loaded)

        last = str(ctx.settings.value("window/mode", MODES[0].key))
        self._wanted_mode = last if any(m.key == last for m in MODES) else MODES[0].key
        self._loading = QLabel("Loading the question bank…")
        self._loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._loading.setObjectName("mutedLabel")
        self._stack.addWidget(self._loading)
        self.furnished = True
        if ready:
            self.draw_icons()
            self.bank_loaded(ctx.bank, ctx.index)
        else:
            for a in self._needs_bank():
                a.setEnabled(False)

    @property
    def data(self) -> DataController:
        """The File menu's backups, restores, imports and exports, made on first use: the first screen needs
        neither its module nor its dialogs' Qt classes (whose enum classes PySide creates on import)."""
        if self._data is None:
            from desktop.ui.data_controller import DataController

            self._data = DataController(self.ctx, self, self)
        return self._data

    def edit_plan(self) -> None:
        self.switch_to("progress")
        progress = self.mode("progress")
        if isinstance(progress, EditsPlan):
            progress.edit_plan()

    def _needs_bank(self) -> list[QAction]:
        return [self.export_action, self.import_file_action, self.import_folder_action, self.my_notes_action,
                *self.mode_actions.values()]

    def bank_loaded(self, bank: Bank, index: SearchIndex) -> None:
        """The bank is in memory and indexed: build the mode the user was last in."""
        self.ctx.bank, self.ctx.index = bank, index
        self.ready = True
        for a in self._needs_bank():
            a.setEnabled(True)
        for a in (self.import_file_action, self.import_folder_action):
            a.setEnabled(not self.ctx.store.read_only)
        from desktop.core.interview_status import waiting_at_launch

        if waiting_at_launch(self.ctx.store):  # paused and quit, or cut short by a crash
            self._wanted_mode = "interview"  # where its resume is offered
        self.switch_to(self._wanted_mode)
        self._stack.removeWidget(self._loading)
        self.plan.offer(self.settings_changed, self.edit_plan)
        # The filter turns the focus widget's events into Python objects (PySide builds the enum classes of
        # each event type the first time): it starts once this first screen is painted.
        self.after_paint.add(self._filter.install)
        self.after_paint.add(lambda: self.ctx.study_record.warm_in_background())  # Progress's data, off the UI thread
        self._early_keys.replay(self.all_actions())
        lay_out_now()  # one complete paint next, not the old layout first and the new one a moment later

    # ------------------------------------------------------------------ building

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.backup_action = QAction("&Back up now", self, shortcut=QKeySequence("Ctrl+Shift+B"))
        self.backup_action.triggered.connect(lambda: self.data.back_up_now())
        self.restore_action = QAction("&Restore from backup…", self)
        self.restore_action.triggered.connect(lambda: self.data.restore_from_backup())
        file_menu.addAction(self.backup_action)
        file_menu.addAction(self.restore_action)
        file_menu.addSeparator()
        self.export_action = QAction("&Export…", self, shortcut=QKeySequence("Ctrl+Shift+E"))
        self.export_action.triggered.connect(lambda: self.data.show_export())
        self.import_file_action = QAction("&Import questions (CSV, Anki)…", self)
        self.import_file_action.triggered.connect(lambda: self.data.import_questions(folder=False))
        self.import_folder_action = QAction("Import a &folder of questions…", self)
        self.import_folder_action.triggered.connect(lambda: self.data.import_questions(folder=True))
        for a in (self.export_action, self.import_file_action, self.import_folder_action):
            file_menu.addAction(a)
        file_menu.addSeparator()
        self.settings_action = QAction("&Settings…", self, shortcut=QKeySequence("Ctrl+,"))
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.triggered.connect(self.show_settings)
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        self.quit_action = QAction("&Quit", self, shortcut=QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.quit_action)

        self.view_menu = bar.addMenu("&View")
        theme_menu = self.view_menu.addMenu("&Theme")
        group = QActionGroup(self)
        chosen = self.ctx.prefs.get(THEME)
        self.theme_actions: dict[str, QAction] = {}
        for key, label in theme.THEME_LABELS.items():
            a = QAction(label, self, checkable=True)
            a.setChecked(key == chosen)
            a.triggered.connect(lambda _=False, k=key: self.set_theme(k))
            group.addAction(a)
            theme_menu.addAction(a)
            self.theme_actions[key] = a
        self.my_notes_action = QAction("&My notes…", self, shortcut=QKeySequence("Ctrl+Shift+N"))
        self.my_notes_action.triggered.connect(self.show_my_notes)
        self.view_menu.addAction(self.my_notes_action)
        self.view_menu.addSeparator()

        self.mode_menu = QMenu(self)
        bar.addMenu(self.mode_menu)
        self.mode_menu.menuAction().setVisible(False)  # titled and shown once a mode is open

        _add_help_menu(self)

    def _build_mode_bar(self) -> None:
        from PySide6.QtCore import Qt

        toolbar = QToolBar("Modes", self)
        toolbar.setObjectName("modeBar")
        toolbar.setMovable(False)
        toolbar.setFloatable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.toggleViewAction().setVisible(False)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        self._mode_group = QActionGroup(self)
        self.mode_actions: dict[str, QAction] = {}
        for spec in MODES:
            a = QAction(spec.title, self, checkable=True)  # icons are drawn just after the first paint
            a.setShortcut(QKeySequence(spec.shortcut))
            a.setToolTip(f"{spec.title} ({spec.shortcut})")
            a.triggered.connect(lambda _=False, k=spec.key: self.switch_to(k))
            self._mode_group.addAction(a)
            toolbar.addAction(a)
            self.view_menu.addAction(a)
            self.mode_actions[spec.key] = a

    # ------------------------------------------------------------------- modes

    def mode(self, key: str) -> Mode:
        """The mode's object, created (and its module imported) on first use."""
        if key not in self.modes:
            spec: ModeSpec = next(m for m in MODES if m.key == key)
            mode = spec.create(self.ctx)
            self.modes[key] = mode
            self._stack.addWidget(mode.widget())
        return self.modes[key]

    def current_mode(self) -> Mode | None:
        return self.modes.get(self.current_key) if self.current_key else None

    def switch_to(self, key: str) -> None:
        if not self.ready:
            self._wanted_mode = key  # opened as soon as the bank has loaded
            return
        if key == self.current_key:
            return
        previous = self.current_mode()
        if previous is not None:
            previous.deactivate()
            if isinstance(previous, PausesWhenLeft):
                previous.left()
            for a in previous.actions():
                self.removeAction(a)
            self.statusBar().clearMessage()  # a mode's messages are about that mode: they go with it
        mode = self.mode(key)
        self.current_key = key
        self._stack.setCurrentWidget(mode.widget())
        self.mode_actions[key].setChecked(True)
        spec = next(m for m in MODES if m.key == key)
        self.setWindowTitle(f"{spec.title} — {APP_NAME}")  # the taskbar says where you are
        self.mode_menu.clear()
        self.mode_menu.setTitle(f"&{spec.title}")
        self.mode_menu.menuAction().setVisible(True)
        for a in mode.actions():
            self.addAction(a)  # window-wide shortcuts while this mode is showing
            self.mode_menu.addAction(a)
        mode.activate()

    def all_actions(self) -> list[QAction]:
        return [*self.actions(), self.quit_action, self.backup_action, self.my_notes_action, self.settings_action,
                self.export_action,
                *self.mode_actions.values(), *self.theme_actions.values()]

    # ------------------------------------------------------------------ actions

    def show_status(self, message: str) -> None:
        """A quiet message for a few seconds; "" clears the one showing."""
        if message:
            self.statusBar().showMessage(message, 5000)
        else:
            self.statusBar().clearMessage()

    def draw_icons(self) -> None:
        """Tinted SVG icons need QtSvg and more Qt classes; at start-up the app calls this once the
        window is on screen, so they cost nothing before it appears."""
        for spec in MODES:
            self.mode_actions[spec.key].setIcon(theme.icon(spec.icon))

    def set_theme(self, key: str) -> None:
        self.ctx.prefs.set(THEME, key)
        theme.apply(qt_app(), key, self.ctx.settings)
        for k, a in self.theme_actions.items():
            a.setChecked(k == key)
        self.draw_icons()
        self.settings_changed()

    def set_text_scale(self, scale: float) -> None:
        self.ctx.prefs.set(TEXT_SCALE, scale)
        theme.set_text_scale(qt_app(), scale)
        self.settings_changed()

    def settings_changed(self) -> None:
        """Theme, text size or a mode's settings changed: every open mode re-reads and repaints."""
        for mode in self.modes.values():
            mode.restyle()
        self.plan.restyle()

    def show_settings(self) -> None:
        from desktop.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.ctx, self.set_theme, self.set_text_scale, self.settings_changed, self)
        dialog.exec()

    def save_pending(self) -> None:
        """Write what is being typed. Deactivating only saves; it never moves focus or changes the page."""
        mode = self.current_mode()
        if mode is not None:
            mode.deactivate()

    def rebuild_modes(self) -> None:
        """The bank changed (an import): the mode on screen shows it in place if it can (Browse); any other
        open mode is dropped, to be built again when next shown: never all rebuilt at once (ui_gaps)."""
        from desktop.ui.modes import FollowsBank

        current = self.current_key or MODES[0].key
        keep = self.modes.get(current)
        for key in [k for k, m in self.modes.items() if not (m is keep and isinstance(m, FollowsBank))]:
            _drop_mode(self, self.modes.pop(key))
        if isinstance(keep, FollowsBank):
            keep.bank_changed(self.ctx.bank, self.ctx.index)
        else:
            self.current_key = None
            self.switch_to(current)
        status = self.plan.status
        next_turn(status, status.refresh_soon, turns=2)  # after the mode's own next turn (Browse's list)

    def show_my_notes(self) -> MyNotesDialog:
        """Show (and return) the one My notes window, built on first use."""
        from desktop.ui.widgets.my_notes import MyNotesDialog

        self.save_pending()
        if self._my_notes is None:
            self._my_notes = MyNotesDialog(self.ctx, self.open_question, self)
        self._my_notes.show()
        self._my_notes.raise_()
        self._my_notes.activateWindow()
        return self._my_notes

    def open_question(self, qid: str) -> None:
        self.switch_to("browse")
        browse = self.mode("browse")
        if isinstance(browse, OpensQuestion):
            browse.open_question(qid)
        self.raise_()
        self.activateWindow()

    def drill(self, question_ids: list[str], label: str = "Drill") -> None:
        self.switch_to("quiz")
        quiz = self.mode("quiz")
        if isinstance(quiz, StartsDrill):
            quiz.start_drill(question_ids, label)

    def bring_forward(self) -> None:
        """Another launch on this data folder asked us to show ourselves."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def show_about(self) -> QMessageBox:
        from desktop.ui.help_menu import about_box

        return about_box(self)

    def show_keys(self) -> QDialog:
        """Every shortcut, grouped by mode, the mode on screen first (Help → Keyboard shortcuts, F1)."""
        from desktop.ui.help_menu import keys_dialog

        return keys_dialog(self)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.ready:
            self._early_keys.keep(event)  # nothing to type into yet: kept for bank_loaded() to replay
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.furnished:  # closed in the instant before furnish(): nothing can have changed yet
            super().closeEvent(event)
            return
        if not self._quit_agreed:
            from functools import partial

            for key, m in self.modes.items():
                if isinstance(m, AsksBeforeQuit) and m.ask_before_quit(self, partial(self._quit_answered, key)):
                    event.ignore()  # asked without blocking: the answer closes the window, or not
                    return
        self._quit_agreed = False
        mode = self.current_mode()
        if mode is not None:
            mode.deactivate()  # saves whatever is pending
        unsaved = {k: v for m in self.modes.values() for k, v in m.unsaved().items()}
        if unsaved and not self._confirm_losing(unsaved):
            event.ignore()
            if mode is not None:
                mode.activate()
            return
        self.data.back_up_if_changed(wait=True)
        self.ctx.settings.setValue("window/geometry", self.saveGeometry())
        self.ctx.settings.setValue("window/mode", self.current_key or MODES[0].key)
        self.ctx.settings.sync()
        self._filter.uninstall()
        super().closeEvent(event)

    def close_without_asking(self) -> None:
        """Close as Ctrl+Q does, saving everything, but ask nothing (SIGTERM: nobody may be there to answer)."""
        self._quit_answered("", "quit")

    def _confirm_losing(self, unsaved: dict[str, str]) -> bool:
        return _ask_before_losing(self, unsaved)

    def _quit_answered(self, key: str, answer: QuitAnswer) -> None:
        if answer == "quit":
            self._quit_agreed = True
            self.close()
        elif answer == "show":
            self.switch_to(key)


def _drop_mode(window: MainWindow, mode: Mode) -> None:
    for a in mode.actions():
        window.removeAction(a)
    widget = mode.widget()
    window._stack.removeWidget(widget)
    widget.deleteLater()


def _add_help_menu(window: MainWindow) -> None:
    help_menu = window.menuBar().addMenu("&Help")
    about = QAction(f"&About {APP_NAME}", window)
    about.setMenuRole(QAction.MenuRole.AboutRole)
    about.triggered.connect(window.show_about)
    help_menu.addAction(about)
    keys = QAction("&Keyboard shortcuts", window, shortcut=QKeySequence("F1"))
    keys.triggered.connect(window.show_keys)
    help_menu.addAction(keys)


def _ask_before_losing(window: MainWindow, unsaved: dict[str, str]) -> bool:
    """Never drop typed text silently: say so, and offer to copy it somewhere safe."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(window)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Notes not saved")
    box.setText(f"{count(len(unsaved), 'note')} could not be written to your data folder.")
    box.setInformativeText("Copy them to the clipboard before quitting, or stay and try again.")
    copy = box.addButton("Copy and quit", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Stay", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is copy:
        text = "\n\n".join(f"## {qid}\n\n{body}" for qid, body in unsaved.items())
        QApplication.clipboard().setText(text)
        return True
    return False
