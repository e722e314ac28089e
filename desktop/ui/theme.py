"""Light and dark themes: Fusion with one restrained palette each, plus icons tinted to match."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette

if TYPE_CHECKING:
    import tempfile

    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QPixmap
    from PySide6.QtWidgets import QApplication, QWidget

    from desktop.core.settings import Settings

from desktop.core.settings import THEME, THEMES
from desktop.paths import resource

# How menus and the Settings dialog name each theme (the keys are core.settings.THEMES).
THEME_LABELS = {"system": "Follow the &system", "light": "&Light", "dark": "&Dark"}
assert tuple(THEME_LABELS) == THEMES


class Colors(NamedTuple):  # a NamedTuple, not a dataclass: importing dataclasses costs the first frame ~2 ms
    window: str
    base: str
    alt_base: str
    text: str
    muted: str
    accent: str
    accent_text: str
    border: str
    mark: str  # search-match highlight behind text
    code_bg: str
    good: str  # a test passed (AA on base, window and code_bg)
    bad: str  # a test failed, a limit was hit
    warn: str  # a countdown's last 30 s
    error: str  # its last 10 s and overtime; a note that could not be saved


# Every text colour reaches WCAG AA (4.5:1) on every background it is drawn on: tests/ui/test_theme.py.
LIGHT = Colors(
    window="#f4f3ef", base="#ffffff", alt_base="#f8f7f4", text="#1f2328", muted="#616979",
    accent="#2a7396", accent_text="#ffffff", border="#dcdad3", mark="#fbe7a1", code_bg="#f2f1ec",
    good="#17702f", bad="#b42318",
    warn="#8a5d00", error="#b42318",
)
DARK = Colors(
    window="#1d1f23", base="#25282d", alt_base="#2a2d33", text="#e4e6ea", muted="#9aa1ad",
    accent="#5aa9cc", accent_text="#10171c", border="#3a3e45", mark="#6b5a1e", code_bg="#2e3238",
    good="#56d364", bad="#ff7b72",
    warn="#e3b341", error="#ff7b72",
)


def system_is_dark() -> bool:
    # Imported here: the first use of the Qt namespace costs ~12 ms, which the first frame must not pay.
    from PySide6.QtCore import Qt

    hints = QGuiApplication.styleHints()
    return bool(hints.colorScheme() == Qt.ColorScheme.Dark)


def resolve(choice: str) -> Colors:
    if choice == "dark" or (choice == "system" and system_is_dark()):
        return DARK
    return LIGHT


_current = LIGHT
_text_scale = 1.0
_base_point_size: float | None = None
READING_PT = 11.5  # answers and notes, before the user's text-size setting
TEXT_SCALES = (0.9, 1.0, 1.1, 1.25, 1.4, 1.5)
FONT_FACTOR = "fontFactor"  # a widget property: its text is this many times the interface's size
FONT_BOLD = "fontBold"  # …and semi-bold


def current() -> Colors:
    return _current


def text_scale() -> float:
    return _text_scale


def reading_pt() -> float:
    """Point size for answers and notes at the user's text size."""
    return READING_PT * _text_scale


def reading_style() -> str:
    """A widget style sheet giving the reading size; survives the re-polish that undoes setFont()."""
    return f"font-size: {reading_pt():.1f}pt;"


def set_font(widget: QWidget, factor: float = 1.0, bold: bool = False) -> None:
    """Give `widget` text `factor` times the interface's size, and keep it so when the text size changes.

    The one way to size a widget's text: a font set any other way stays at the size it was set at.
    """
    widget.setProperty(FONT_FACTOR, factor)
    widget.setProperty(FONT_BOLD, bold)
    _resize_font(widget)


def _resize_font(widget: QWidget) -> None:
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    font = QFont(widget.font())
    font.setPointSizeF(QApplication.font().pointSizeF() * float(widget.property(FONT_FACTOR)))
    font.setWeight(QFont.Weight.DemiBold if widget.property(FONT_BOLD) else QFont.Weight.Normal)
    widget.setFont(font)


def set_text_scale(app: QApplication, scale: float) -> None:
    """Scale the whole interface's text (menus, lists, answers, headings) from the platform's default size.

    Live: every widget on screen follows, and going back to 100 % undoes it exactly.
    """
    global _text_scale, _base_point_size
    if _base_point_size is None:
        _base_point_size = app.font().pointSizeF()
    _text_scale = scale
    font = app.font()
    if font.pointSizeF() == _base_point_size * scale:
        return  # already so (start-up at 100 %): nothing to polish again
    font.setPointSizeF(_base_point_size * scale)
    app.setFont(font)
    if app.styleSheet():
        # Widgets the style sheet has polished keep the font they had then: polishing them again
        # hands them the new size (and the sheet's own sizes follow the scale).
        app.setStyleSheet("")
        app.setStyleSheet(_style_sheet(_current))
    from PySide6 import QtWidgets

    for window in app.topLevelWidgets():
        for widget in (window, *window.findChildren(QtWidgets.QWidget)):
            if widget.property(FONT_FACTOR) is not None:
                _resize_font(widget)


LAST_DARK_KEY = "view/last_was_dark"  # what the last applied theme resolved to


def first_frame(app: QApplication, prefs: Settings, override: str | None = None) -> Colors:
    """Colour the bare first frame without asking the system whether it is dark (see system_is_dark);
    returns the colours used.

    A chosen theme is used as it is. For "system", the last session's result stands in; apply()
    corrects it a moment later in the rare case the system changed. On the very first launch,
    the platform's own palette, which follows a dark desktop, decides.
    """
    choice = override or prefs.get(THEME)
    if choice in ("light", "dark"):
        dark = choice == "dark"
    else:
        last = prefs.backend.value(LAST_DARK_KEY)
        dark = app.palette().color(QPalette.ColorRole.Window).lightness() < 128 if last is None \
            else str(last) == "true"
    colors = DARK if dark else LIGHT
    _set_palette(app, colors)
    return colors


# QApplication's own arguments for starting in Fusion, last so that they win over any -style given, as
# apply()'s setStyle does. At start-up the app is made with them and its first apply() skips setStyle: that
# returns the QStyle, and wrapping it makes PySide create QStyle's 11 enum classes (~8 ms) before the first
# complete frame; no list draws a row before it either (widgets/list_rows.py).
FUSION_ARGS = ("-style", "Fusion")


def apply(app: QApplication, choice: str, settings: QSettings | None = None, in_fusion: bool = False) -> Colors:
    """Apply a theme to the whole application and return its colours; remember them in `settings`.
    `in_fusion`: the application was made with FUSION_ARGS and has had no other style since."""
    global _current
    c = resolve(choice)
    _current = c
    if not in_fusion:
        app.setStyle("Fusion")
    _set_palette(app, c)
    app.setStyleSheet(_style_sheet(c))
    if settings is not None:
        settings.setValue(LAST_DARK_KEY, "true" if c is DARK else "false")
    return c


def _set_palette(app: QApplication, c: Colors) -> None:
    pal = QPalette()
    roles = {
        QPalette.ColorRole.Window: c.window,
        QPalette.ColorRole.WindowText: c.text,
        QPalette.ColorRole.Base: c.base,
        QPalette.ColorRole.AlternateBase: c.alt_base,
        QPalette.ColorRole.Text: c.text,
        QPalette.ColorRole.Button: c.window,
        QPalette.ColorRole.ButtonText: c.text,
        QPalette.ColorRole.Highlight: c.accent,
        QPalette.ColorRole.HighlightedText: c.accent_text,
        QPalette.ColorRole.ToolTipBase: c.base,
        QPalette.ColorRole.ToolTipText: c.text,
        QPalette.ColorRole.PlaceholderText: c.muted,
        QPalette.ColorRole.Link: c.accent,
        QPalette.ColorRole.Mid: c.border,
        QPalette.ColorRole.Midlight: c.border,
    }
    for role, color in roles.items():
        pal.setColor(role, QColor(color))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor(c.muted))
    app.setPalette(pal)


def _px(n: float) -> int:
    """A size in the style sheet, grown with the text so a box or an arrow keeps in proportion."""
    return round(n * max(1.0, _text_scale))


def _style_sheet(c: Colors) -> str:
    """Every widget the app shows, in both themes: the palette does the rest.

    No rule changes a font in a state (:checked, :hover…): Qt sizes a widget by its plain font, so text
    made bolder only when checked is cut ("ustom qui"). tests/ui/test_theme.py keeps it so.
    """
    chevron, check = _sheet_image("chevron-down", c.muted), _sheet_image("check", c.accent_text)
    box = _px(15)
    return f"""
    QToolBar#modeBar {{ background: {c.window}; border: none; border-bottom: 1px solid {c.border};
                        padding: 4px 8px; spacing: 4px; }}
    QToolBar#modeBar QToolButton {{ padding: 5px 12px; border-radius: 6px; color: {c.text}; }}
    QToolBar#modeBar QToolButton:checked {{ background: {c.base}; border: 1px solid {c.border}; }}
    QToolBar#modeBar QToolButton:hover:!checked {{ background: {c.alt_base}; }}
    QListView, QTextBrowser, QPlainTextEdit {{
        border: 1px solid {c.border}; border-radius: 6px; background: {c.base}; }}
    QListView#categoryList {{ background: transparent; border: none; }}
    QListView#categoryList QScrollBar:vertical {{ background: transparent; width: 8px; margin: 0; }}
    QListView#categoryList QScrollBar::handle:vertical {{ background: {c.border}; border-radius: 4px;
                                                         min-height: 24px; }}
    QListView#categoryList QScrollBar::add-line:vertical, QListView#categoryList QScrollBar::sub-line:vertical,
    QListView#categoryList QScrollBar::add-page:vertical, QListView#categoryList QScrollBar::sub-page:vertical
        {{ background: none; height: 0; }}
    QListView#categoryList::item {{ padding: 6px 8px; border-radius: 6px; }}
    QListView#categoryList::item:selected {{ background: {c.accent}; color: {c.accent_text}; }}
    QListView#questionList, QListView#backupList {{ padding: 2px; }}
    QListView#interviewRuns::item, QListView#backupList::item, QListView#runHistory::item {{ padding: 3px 6px; }}
    QLineEdit {{ padding: 5px 8px; border: 1px solid {c.border}; border-radius: 6px; background: {c.base}; }}
    QLineEdit:focus {{ border: 1px solid {c.accent}; }}
    QComboBox {{ padding: 5px {_px(26)}px 5px 8px; border: 1px solid {c.border}; border-radius: 6px;
                 background: {c.base}; color: {c.text}; combobox-popup: 0; }}
    QComboBox:hover, QComboBox:focus {{ border-color: {c.accent}; }}
    QComboBox:disabled {{ color: {c.muted}; background: {c.alt_base}; }}
    QComboBox QLineEdit {{ border: none; padding: 0; background: transparent; }}
    QComboBox::drop-down {{ subcontrol-origin: padding; subcontrol-position: center right; border: none;
                            width: {_px(24)}px; }}
    QComboBox::down-arrow {{ image: url({chevron}); width: {_px(12)}px; height: {_px(12)}px; }}
    QComboBox QAbstractItemView {{ background: {c.base}; color: {c.text}; border: 1px solid {c.border};
                                   border-radius: 0; padding: 2px; outline: none;
                                   selection-background-color: {c.accent}; selection-color: {c.accent_text}; }}
    {_spin_boxes(c)}
    QToolButton[popupMode="2"] {{ padding-right: {_px(18)}px; }}
    QToolButton::menu-indicator {{ image: url({chevron}); subcontrol-origin: padding; subcontrol-position: center right;
                                   width: {_px(12)}px; height: {_px(12)}px; right: {_px(2)}px; }}
    QCheckBox {{ spacing: 8px; }}
    QCheckBox::indicator, QAbstractItemView::indicator {{
        width: {box}px; height: {box}px; border: 1px solid {c.muted}; border-radius: 3px; background: {c.base}; }}
    QAbstractItemView::indicator {{ width: {_px(13)}px; height: {_px(13)}px; }}
    QListWidget#categoryChecklist::item {{ padding: 3px 2px; }}
    QCheckBox::indicator:hover, QAbstractItemView::indicator:hover {{ border-color: {c.accent}; }}
    QCheckBox::indicator:checked, QAbstractItemView::indicator:checked {{
        background: {c.accent}; border-color: {c.accent}; image: url({check}); }}
    QCheckBox::indicator:disabled, QAbstractItemView::indicator:disabled {{
        background: {c.alt_base}; border-color: {c.border}; }}
    QCheckBox::indicator:checked:disabled {{ background: {c.border}; }}
    QCheckBox:disabled {{ color: {c.muted}; }}
    QDialogButtonBox {{ dialogbuttonbox-buttons-have-icons: 0; }}
    QToolTip {{ color: {c.text}; background: {c.base}; border: 1px solid {c.border}; padding: 4px; }}
    QLabel#sectionLabel {{ color: {c.muted}; font-weight: 600; padding: 4px 8px 2px 8px; }}
    QStatusBar {{ color: {c.muted}; }}
    QStatusBar QLabel {{ color: {c.muted}; }}
    QSplitter::handle {{ background: transparent; }}
    QLabel#mutedLabel {{ color: {c.muted}; }}
    QFrame#card {{ background: {c.base}; border: 1px solid {c.border}; border-radius: 8px; }}
    QPushButton {{ padding: 6px 14px; border: 1px solid {c.border}; border-radius: 6px; background: {c.base};
                   color: {c.text}; }}
    QPushButton:hover {{ border-color: {c.accent}; }}
    QPushButton:disabled {{ color: {c.muted}; }}
    QPushButton:checked {{ background: {c.accent}; color: {c.accent_text}; border-color: {c.accent}; }}
    QPushButton#primaryButton {{ background: {c.accent}; color: {c.accent_text}; border: 1px solid {c.accent};
                                 font-weight: 600; padding: 6px 18px; }}
    QPushButton#primaryButton:disabled {{ background: {c.alt_base}; border-color: {c.border}; color: {c.muted}; }}
    {_focus_rings(c)}
    """


def _spin_boxes(c: Colors) -> str:
    """Number and date fields drawn as the combo boxes beside them: the same box, border, padding and so the
    same height (Fusion's own were shorter, and had no border in the dark theme), chevrons for arrows. Their
    text is moved in by widgets/spin_boxes.py: a style sheet cannot."""
    up, down = _sheet_image("chevron-up", c.muted), _sheet_image("chevron-down", c.muted)
    up_off, down_off = _sheet_image("chevron-up", c.border), _sheet_image("chevron-down", c.border)
    arrow = _px(10)
    return f"""
    QAbstractSpinBox {{ padding: 3px {_px(24)}px 4px 8px; border: 1px solid {c.border}; border-radius: 6px;
                        background: {c.base}; color: {c.text}; }}
    QAbstractSpinBox:hover, QAbstractSpinBox:focus {{ border-color: {c.accent}; }}
    QAbstractSpinBox:disabled {{ color: {c.muted}; background: {c.alt_base}; }}
    QAbstractSpinBox QLineEdit {{ border: none; padding: 0; background: transparent; }}
    QAbstractSpinBox::up-button, QAbstractSpinBox::down-button {{
        subcontrol-origin: padding; width: {_px(22)}px; border: none; background: transparent; }}
    QAbstractSpinBox::up-button {{ subcontrol-position: top right; }}
    QAbstractSpinBox::down-button {{ subcontrol-position: bottom right; }}
    QAbstractSpinBox::up-arrow {{ image: url({up}); width: {arrow}px; height: {arrow}px; }}
    QAbstractSpinBox::down-arrow {{ image: url({down}); width: {arrow}px; height: {arrow}px; }}
    QAbstractSpinBox::up-arrow:off, QAbstractSpinBox::up-arrow:disabled {{ image: url({up_off}); }}
    QAbstractSpinBox::down-arrow:off, QAbstractSpinBox::down-arrow:disabled {{ image: url({down_off}); }}
    QDateTimeEdit {{ padding-right: 0; }}  /* its drop-down is taken from the text's room, not from the padding */
    QDateTimeEdit::drop-down {{ subcontrol-origin: padding; subcontrol-position: center right; border: none;
                                width: {_px(24)}px; }}
    QDateTimeEdit::down-arrow {{ image: url({down}); width: {_px(12)}px; height: {_px(12)}px; }}
    """


def _focus_rings(c: Colors) -> str:
    """Where the keyboard is: Fusion's dotted line round a label is faint, drawn in the accent's own colour on
    a primary button, and lists, the reading pane and tool buttons draw none. A ring twice a border's width
    (its padding one less, so nothing moves), in the accent, or in the text colour round what is accent-filled."""
    return f"""
    QListView:focus, QTextBrowser:focus, QPlainTextEdit:focus {{ border: 2px solid {c.accent}; }}
    QListView#categoryList, QScrollArea#pageScroll {{ border: 2px solid transparent; border-radius: 6px; }}
    QScrollArea#pageScroll:focus {{ border-color: {c.accent}; }}
    QListView#categoryList:focus {{ border-color: {c.accent}; }}
    QPushButton:focus {{ border: 2px solid {c.accent}; padding: 5px 13px; }}
    QPushButton:checked:focus {{ border-color: {c.text}; }}
    QPushButton#primaryButton:focus {{ border: 2px solid {c.text}; padding: 5px 17px; }}
    QToolButton:focus {{ border: 2px solid {c.accent}; border-radius: 4px; }}
    """


@lru_cache(maxsize=16)
def _sheet_image(name: str, color: str) -> str:
    """A bundled icon in `color`, as a file the style sheet can point to (url() takes a path, not data)."""
    import tempfile

    global _sheet_dir
    if _sheet_dir is None:
        _sheet_dir = tempfile.TemporaryDirectory(prefix="mlcoach-style-")  # removed when the app exits
    svg = resource("icons", f"{name}.svg").read_text(encoding="utf-8").replace("#000", color)
    path = f"{_sheet_dir.name}/{name}-{color.lstrip('#')}.svg"
    with open(path, "w", encoding="utf-8") as out:
        out.write(svg)
    return path.replace("\\", "/")


_sheet_dir: tempfile.TemporaryDirectory[str] | None = None


@lru_cache(maxsize=64)
def _tinted(name: str, color: str, size: int, dpr: float) -> QPixmap:
    # Imported here: materialising these Qt classes costs start-up time, and icons are drawn after show.
    from PySide6.QtCore import QByteArray, QSize, Qt
    from PySide6.QtGui import QImage, QPainter, QPixmap
    from PySide6.QtSvg import QSvgRenderer

    svg = resource("icons", f"{name}.svg").read_text(encoding="utf-8").replace("#000", color)
    renderer = QSvgRenderer(QByteArray(svg.encode()))
    image = QImage(QSize(round(size * dpr), round(size * dpr)), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    pixmap = QPixmap.fromImage(image)
    pixmap.setDevicePixelRatio(dpr)
    return pixmap


def icon(name: str, color: str | None = None, size: int = 20) -> QIcon:
    """A bundled line icon, recoloured for the current theme and crisp at the screen's scale."""
    app = QGuiApplication.instance()
    dpr = app.devicePixelRatio() if isinstance(app, QGuiApplication) else 1.0
    result = QIcon()
    result.addPixmap(_tinted(name, color or _current.text, size, max(dpr, 2.0)))
    return result


def app_icon() -> QIcon:
    return QIcon(str(resource("icons", "app.svg")))
