"""A side list under its title (categories, the interview history, the answers under review) that
folds to a narrow strip, so the page beside it gets the width.

It folds by itself in a narrow window and unfolds in a wide one, until the user folds or unfolds it:
from then on that choice is kept (in the settings, under the panel's key, when it has one).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QToolButton, QVBoxLayout, QWidget

STRIP = 30  # px: the folded panel, just its unfold button
NO_LIMIT = 16777215  # QWIDGETSIZE_MAX


class SidePanel(QWidget):
    folded_changed = Signal(bool)

    def __init__(self, title: str, body: QWidget, side: str = "left", fold_below: int = 0,
                 settings: QSettings | None = None, key: str = "", margins: tuple[int, int, int, int] = (8, 8, 0, 8),
                 parent: QWidget | None = None) -> None:
        """`fold_below`: fold by itself while the splitter it sits in is narrower than this (0: never)."""
        super().__init__(parent)
        self.body = body
        self._side = side
        self._fold_below = fold_below
        self._settings, self._key = settings, key
        chosen = settings.value(key) if settings is not None and key else None
        self._chosen: bool | None = None if chosen is None else str(chosen) == "true"  # None: fold by width
        self._width = 0  # the unfolded width to go back to
        self.folded = False
        self._floor = 0  # the unfolded minimum width

        self.title = QLabel(title)
        self.title.setObjectName("sectionLabel")
        self.fold_button = QToolButton()
        self.fold_button.setObjectName("foldButton")
        self.fold_button.setAutoRaise(True)
        self.fold_button.clicked.connect(lambda: self.set_folded(not self.folded, chosen=True))
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.setSpacing(2)
        if side == "left":
            head.addWidget(self.title, 1)
            head.addWidget(self.fold_button, 0, Qt.AlignmentFlag.AlignTop)
        else:
            head.addWidget(self.fold_button, 0, Qt.AlignmentFlag.AlignTop)
            head.addWidget(self.title, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*margins)
        layout.addLayout(head)
        layout.addWidget(body, 1)
        self._watched: QWidget | None = None
        self._show_fold_state()

    # ------------------------------------------------------------------ folding

    def set_folded(self, folded: bool, chosen: bool = False) -> None:
        """Fold or unfold; `chosen`: the user did it, so the width of the window no longer decides."""
        if chosen:
            self._chosen = folded
            if self._settings is not None and self._key:
                self._settings.setValue(self._key, "true" if folded else "false")
        if folded == self.folded:
            return
        parent = self.parentWidget()
        splitter = parent if isinstance(parent, QSplitter) else None
        if folded:
            self._width = self.width() or self._width
            self._floor = self.minimumWidth()
        self.folded = folded
        self.title.setVisible(not folded)
        self.body.setVisible(not folded)
        self.setMinimumWidth(STRIP if folded else self._floor)
        self.setMaximumWidth(STRIP if folded else NO_LIMIT)
        if splitter is not None:
            sizes = splitter.sizes()
            here = splitter.indexOf(self)
            other = max((i for i in range(len(sizes)) if i != here), key=lambda i: sizes[i])  # the widest pane
            new = STRIP if folded else max(self._width, self._floor)
            sizes[other] = max(0, sizes[other] + sizes[here] - new)
            sizes[here] = new
            splitter.setSizes(sizes)
        self._show_fold_state()
        self.folded_changed.emit(folded)

    def _show_fold_state(self) -> None:
        title = self.title.text().lower()
        left = self._side == "left"
        self.fold_button.setText(("›" if left else "‹") if self.folded else ("‹" if left else "›"))
        self.fold_button.setToolTip(f"Show the {title}" if self.folded else f"Hide the {title}")

    # ------------------------------------------------------------- by width

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        host = self.parentWidget()
        if host is not None and host is not self._watched:
            self._watched = host
            host.installEventFilter(self)
        self._fit()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self._watched and event.type() == QEvent.Type.Resize:
            self._fit()
        return False

    def _fit(self) -> None:
        if self._chosen is not None:
            self.set_folded(self._chosen)
        elif self._fold_below and self._watched is not None:
            self.set_folded(self._watched.width() < self._fold_below)
