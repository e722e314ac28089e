"""The main window: mode switcher built from the registry, menus, shortcuts, status bar."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QMessageBox, QStackedWidget, QToolBar, QWidget

from desktop import APP_NAME, __version__
from desktop.ui import theme
from desktop.ui.context import AppContext
from desktop.ui.modes import MODES, Mode, ModeSpec

OWNS_UNDO = "ownsUndo"  # widget property: this editor keeps Ctrl+Z for its own undo


class ShortcutFirst(QObject):
    """Lets the window's Ctrl shortcuts win over text fields.

    On Linux, QLineEdit and friends accept ShortcutOverride for Ctrl+E, Ctrl+D,
    Ctrl+K… (Emacs-style editing), which would swallow our shortcuts. Filtering the
    override event without accepting it hands the key to the shortcut system.
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            return False
        if not isinstance(obj, QWidget) or obj.window() is not self._window:
            return False
        pressed = QKeySequence(event.keyCombination())
        if pressed.matches(QKeySequence.StandardKey.Undo) == QKeySequence.SequenceMatch.ExactMatch and obj.property(
            OWNS_UNDO
        ):
            return False
        return any(
            a.isEnabled() and s.matches(pressed) == QKeySequence.SequenceMatch.ExactMatch
            for a in self._window.all_actions()
            for s in a.shortcuts()
        )


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(theme.app_icon())
        self.setMinimumSize(760, 520)
        self.modes: dict[str, Mode] = {}
        self.current_key: str | None = None
        self._stack = QStackedWidget()
        self.setCentralWidget(self._stack)
        self._build_menus()
        self._build_mode_bar()
        self.statusBar().setSizeGripEnabled(False)
        ctx.status = self.show_status
        self._filter = ShortcutFirst(self)
        QApplication.instance().installEventFilter(self._filter)

        geometry = ctx.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        last = str(ctx.settings.value("window/mode", MODES[0].key))
        self.switch_to(last if any(m.key == last for m in MODES) else MODES[0].key)

    # ------------------------------------------------------------------ building

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.quit_action = QAction("&Quit", self, shortcut=QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.quit_action)

        self.view_menu = bar.addMenu("&View")
        theme_menu = self.view_menu.addMenu("&Theme")
        group = QActionGroup(self)
        chosen = str(self.ctx.settings.value("view/theme", "system"))
        self.theme_actions: dict[str, QAction] = {}
        for key, label in (("system", "Follow the &system"), ("light", "&Light"), ("dark", "&Dark")):
            a = QAction(label, self, checkable=True)
            a.setChecked(key == chosen)
            a.triggered.connect(lambda _=False, k=key: self.set_theme(k))
            group.addAction(a)
            theme_menu.addAction(a)
            self.theme_actions[key] = a
        self.view_menu.addSeparator()

        self.mode_menu = QMenu(self)
        bar.addMenu(self.mode_menu)

        help_menu = bar.addMenu("&Help")
        about = QAction(f"&About {APP_NAME}", self)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)
        keys = QAction("&Keyboard shortcuts", self, shortcut=QKeySequence("F1"))
        keys.triggered.connect(self.show_keys)
        help_menu.addAction(keys)

    def _build_mode_bar(self) -> None:
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
            a = QAction(theme.icon(spec.icon), spec.title, self, checkable=True)
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
        if key == self.current_key:
            return
        previous = self.current_mode()
        if previous is not None:
            previous.deactivate()
            for a in previous.actions():
                self.removeAction(a)
        mode = self.mode(key)
        self.current_key = key
        self._stack.setCurrentWidget(mode.widget())
        self.mode_actions[key].setChecked(True)
        spec = next(m for m in MODES if m.key == key)
        self.mode_menu.clear()
        self.mode_menu.setTitle(f"&{spec.title}")
        for a in mode.actions():
            self.addAction(a)  # window-wide shortcuts while this mode is showing
            self.mode_menu.addAction(a)
        mode.activate()

    def all_actions(self) -> list[QAction]:
        return [*self.actions(), self.quit_action, *self.mode_actions.values(), *self.theme_actions.values()]

    # ------------------------------------------------------------------ actions

    def show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, 5000)

    def set_theme(self, key: str) -> None:
        self.ctx.settings.setValue("view/theme", key)
        theme.apply(QApplication.instance(), key)  # type: ignore[arg-type]
        for spec in MODES:
            self.mode_actions[spec.key].setIcon(theme.icon(spec.icon))
        for mode in self.modes.values():
            mode.restyle()

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<h3>{APP_NAME} {__version__}</h3>"
            f"<p>Practise machine-learning interviews offline: browse the bank, quiz yourself "
            f"with spaced repetition, and run timed mock interviews.</p>"
            f"<p>{len(self.ctx.bank.questions)} questions in {len(self.ctx.bank.categories)} categories.</p>"
            f"<p>Your data folder:<br><code>{self.ctx.data_dir}</code></p>",
        )

    def show_keys(self) -> None:
        rows = [(spec.shortcut, spec.title) for spec in MODES]
        mode = self.current_mode()
        if mode is not None:
            rows += [(a.shortcut().toString(QKeySequence.SequenceFormat.NativeText), a.text().replace("&", ""))
                     for a in mode.actions()]
        rows.append(("Ctrl+Q", "Quit"))
        table = "".join(f"<tr><td><b>{k}</b>&nbsp;&nbsp;</td><td>{t}</td></tr>" for k, t in rows)
        QMessageBox.information(self, "Keyboard shortcuts", f"<table>{table}</table>")

    def closeEvent(self, event: QCloseEvent) -> None:
        mode = self.current_mode()
        if mode is not None:
            mode.deactivate()  # saves whatever is pending
        self.ctx.settings.setValue("window/geometry", self.saveGeometry())
        self.ctx.settings.setValue("window/mode", self.current_key or MODES[0].key)
        self.ctx.settings.sync()
        QApplication.instance().removeEventFilter(self._filter)
        super().closeEvent(event)
