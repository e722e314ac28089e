"""A side list under its title (categories, the interview history, the answers under review) that
folds to a narrow strip, so the page beside it gets the width.

It folds by itself in a narrow window and unfolds in a wide one, until the user folds or unfolds it:
from then on that choice is kept (in the settings, under the panel's key, when it has one).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QToolButton, QVBoxLayout, QWidget

STRIP = 24  # px, at least: the folded panel, its unfold button over its title written upwards
NO_LIMIT = 16777215  # QWIDGETSIZE_MAX


class _SideTitle(QWidget):
    """The folded panel's title, written upwards along the strip; a click unfolds it."""

    clicked = Signal()

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setObjectName("sideTitle")

    def sizeHint(self) -> QSize:
        fm = self.fontMetrics()
        return QSize(fm.height() + 8, fm.horizontalAdvance(self.text) + 16)

    def minimumSizeHint(self) -> QSize:
        return QSize(self.sizeHint().width(), 0)

    def paintEvent(self, _event: QPaintEvent) -> None:
        from desktop.ui import theme

        p = QPainter(self)
        p.setPen(QColor(theme.current().muted))
        p.rotate(-90)
        text = self.fontMetrics().elidedText(self.text, Qt.TextElideMode.ElideRight, self.height() - 8)
        p.drawText(QRect(-self.height() + 4, 0, self.height() - 8, self.width()),
                   Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
        p.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()


class SidePanel(QWidget):
    folded_changed = Signal(bool)

    def __init__(self, title: str, body: QWidget, what: str, side: str = "left", fold_below: int = 0,
                 settings: QSettings | None = None, key: str = "", margins: tuple[int, int, int, int] = (8, 8, 0, 8),
                 parent: QWidget | None = None) -> None:
        """`what`: the panel in a tooltip ("Hide the categories"); `fold_below`: fold by itself while the
        splitter it sits in is narrower than this (0: never)."""
        super().__init__(parent)
        self.body = body
        self._what = what
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
        self.side_title = _SideTitle(title)  # what the folded strip shows under its button
        self.side_title.clicked.connect(lambda: self.set_folded(False, chosen=True))
        self.side_title.setVisible(False)
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
        layout.addWidget(self.side_title, 0, Qt.AlignmentFlag.AlignHCenter)
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
        self.side_title.setVisible(folded)
        strip = self._strip()
        self.setMinimumWidth(strip if folded else self._floor)
        self.setMaximumWidth(strip if folded else NO_LIMIT)
        if splitter is not None:
            sizes = splitter.sizes()
            here = splitter.indexOf(self)
            other = max((i for i in range(len(sizes)) if i != here), key=lambda i: sizes[i])  # the widest pane
            new = strip if folded else max(self._width, self._floor)
            sizes[other] = max(0, sizes[other] + sizes[here] - new)
            sizes[here] = new
            splitter.setSizes(sizes)
        self._show_fold_state()
        self.folded_changed.emit(folded)

    def _strip(self) -> int:
        """The folded width: the button, or the title written upwards, whichever is wider, and the margins."""
        layout = self.layout()
        sides = layout.contentsMargins().left() + layout.contentsMargins().right() if layout is not None else 0
        return max(STRIP, self.fold_button.sizeHint().width(), self.side_title.sizeHint().width()) + sides

    def _show_fold_state(self) -> None:
        left = self._side == "left"
        self.fold_button.setText(("›" if left else "‹") if self.folded else ("‹" if left else "›"))
        says = f"Show {self._what}" if self.folded else f"Hide {self._what}"
        self.fold_button.setToolTip(says)
        self.fold_button.setAccessibleName(says)  # a screen reader would say the arrow's own name

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
