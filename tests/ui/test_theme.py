"""One style sheet for every widget, in both themes (issue 20): text contrast at WCAG AA everywhere, combo
popups that show the current and hovered item, a drop-down arrow, check boxes that show unticked in the
dark, no state that changes a font (Qt would cut the text), and the text size applied live and undone."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLabel, QVBoxLayout, QWidget

from desktop.core.markup import contrast
from desktop.ui import theme
from desktop.ui.widgets.rich_view import document_css

AA = 4.5  # WCAG AA, normal text
UI = 3.0  # WCAG 1.4.11, the edge of a control (a check box) against what is around it
Role, Group = QPalette.ColorRole, QPalette.ColorGroup


@pytest.fixture
def app(qapp) -> Iterator[QApplication]:  # type: ignore[no-untyped-def]
    yield qapp
    qapp.setStyleSheet("")
    theme.set_text_scale(qapp, 1.0)
    theme.apply(qapp, "light")
    qapp.setStyleSheet("")


def palette_pairs(p: QPalette) -> dict[str, tuple[str, str]]:
    """Text colour on the background it is drawn on, as the palette gives them."""
    name = lambda role, group=Group.Active: p.color(group, role).name()  # noqa: E731
    return {
        "text on base": (name(Role.Text), name(Role.Base)),
        "window text on window": (name(Role.WindowText), name(Role.Window)),
        "button text on button": (name(Role.ButtonText), name(Role.Button)),
        "selected text on selection": (name(Role.HighlightedText), name(Role.Highlight)),
        "selected text, window inactive": (name(Role.HighlightedText, Group.Inactive),
                                           name(Role.Highlight, Group.Inactive)),
        "tooltip": (name(Role.ToolTipText), name(Role.ToolTipBase)),
        "placeholder on base": (name(Role.PlaceholderText), name(Role.Base)),
        "link on base": (name(Role.Link), name(Role.Base)),
        "disabled text on base": (name(Role.Text, Group.Disabled), name(Role.Base)),
        "disabled text on window": (name(Role.WindowText, Group.Disabled), name(Role.Window)),
    }


RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
PROP = re.compile(r"(?<![-\w])(color|background|background-color|selection-color|selection-background-color)\s*:"
                  r"\s*(#[0-9a-fA-F]{6}|transparent)")


def sheet_pairs(sheet: str, c: theme.Colors) -> dict[str, tuple[str, str]]:
    """Every text colour a rule of the sheet sets, on the background that rule sets, or (when it sets none)
    on each background such a widget can sit on: the window, a card or field (base), a list's stripe."""
    out: dict[str, tuple[str, str]] = {}
    for selector, body in RULE.findall(sheet):
        props = dict(PROP.findall(body))
        selector = " ".join(selector.split())
        if "color" in props:
            backgrounds = [props.get("background", props.get("background-color", ""))]
            if backgrounds[0] in ("", "transparent"):
                backgrounds = [c.window, c.base, c.alt_base]
            for bg in backgrounds:
                out[f"{selector}: color on {bg}"] = (props["color"], bg)
        if "selection-color" in props:
            out[f"{selector}: selection"] = (props["selection-color"], props["selection-background-color"])
    return out


def page_pairs(c: theme.Colors) -> dict[str, tuple[str, str]]:
    """The reading view's colours (answers, notes), and the ones painted by hand (lists, countdown)."""
    css = document_css(c)
    colors = set(re.findall(r"(?<![-\w])color: (#[0-9a-fA-F]{6})", css))
    out = {f"page {color} on {bg}": (color, bg) for color in colors for bg in (c.base, c.code_bg)}
    out.update({
        "text on a search match": (c.text, c.mark),
        "muted row line on base": (c.muted, c.base),
        "selected row": (c.accent_text, c.accent),
        "countdown, last 30 s": (c.warn, c.window),
        "countdown, last 10 s": (c.error, c.window),
        "a note not saved": (c.error, c.base),
        "a disabled primary button": (c.muted, c.alt_base),
    })
    return out


@pytest.mark.parametrize("key", ["light", "dark"])
def test_every_text_colour_meets_wcag_aa_in_both_themes(app, key: str) -> None:  # type: ignore[no-untyped-def]
    c = theme.apply(app, key)
    pairs = {**palette_pairs(app.palette()), **sheet_pairs(app.styleSheet(), c), **page_pairs(c)}
    assert len(pairs) > 40  # the sampling found the sheet's rules, not nothing
    ratios = {what: round(contrast(fg, bg), 2) for what, (fg, bg) in pairs.items()}
    assert {what: r for what, r in ratios.items() if r < AA} == {}
    assert min(ratios.values()) >= AA


def test_no_rule_changes_a_font_in_a_state(app) -> None:  # type: ignore[no-untyped-def]
    """Qt sizes a widget by its plain font: a bolder checked state cut "Custom quiz" to "ustom qui"."""
    for key in ("light", "dark"):
        theme.apply(app, key)
        stateful = [(sel, body) for sel, body in RULE.findall(app.styleSheet())
                    if re.search(r":(checked|hover|pressed|focus|selected|disabled|on|off)\b", sel)]
        assert stateful  # there are state rules to look at
        assert [sel.strip() for sel, body in stateful if re.search(r"\bfont", body)] == []


def shown(widget: QWidget, size: tuple[int, int] = (320, 120)) -> QWidget:
    holder = QWidget()
    QVBoxLayout(holder).addWidget(widget)
    holder.resize(*size)
    holder.show()
    QApplication.processEvents()
    return holder


def colours(image: QImage, x0: int, y0: int, x1: int, y1: int) -> set[str]:
    return {image.pixelColor(x, y).name() for x in range(max(0, x0), min(image.width(), x1))
            for y in range(max(0, y0), min(image.height(), y1))}


def near(found: set[str], target: str, tolerance: int = 24) -> bool:
    t = QColor(target)
    return any(abs(QColor(f).red() - t.red()) + abs(QColor(f).green() - t.green())
               + abs(QColor(f).blue() - t.blue()) <= tolerance for f in found)


@pytest.mark.parametrize("key", ["light", "dark"])
def test_a_combo_popup_shows_its_current_and_hovered_items(app, qtbot, key: str) -> None:  # type: ignore[no-untyped-def]
    c = theme.apply(app, key)
    combo = QComboBox()
    for text in ("Any difficulty", "Easy", "Medium", "Hard"):
        combo.addItem(text)
    holder = shown(combo)
    qtbot.addWidget(holder)
    grab = combo.grab().toImage()
    arrow = colours(grab, grab.width() - 24, 4, grab.width() - 4, grab.height() - 4)
    assert near(arrow, c.muted, 60), "the drop-down arrow is drawn"

    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    for row in (0, 2):  # the current item, then one the pointer moves to (the view follows the pointer)
        view.setCurrentIndex(view.model().index(row, 0))
        QApplication.processEvents()
        image = view.viewport().grab().toImage()
        rect = view.visualRect(view.model().index(row, 0))
        inside = colours(image, rect.left() + 2, rect.top() + 1, rect.right() - 2, rect.bottom())
        assert near(inside, c.accent), f"row {row} is highlighted"
        assert near(inside, c.accent_text, 90), f"row {row}'s text shows on the highlight, not a blank row"
    combo.hidePopup()


def test_an_unticked_check_box_stands_out_in_the_dark(app, qtbot) -> None:  # type: ignore[no-untyped-def]
    c = theme.apply(app, "dark")
    box = QCheckBox("unticked")
    holder = shown(box)
    qtbot.addWidget(holder)
    image = box.grab().toImage()
    edge = max(contrast(color, c.window) for color in colours(image, 0, 0, 22, box.height()))
    assert edge >= UI


def test_dialog_buttons_carry_no_dark_icons(app, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QDialogButtonBox

    theme.apply(app, "dark")
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    holder = shown(buttons)
    qtbot.addWidget(holder)
    assert buttons.button(QDialogButtonBox.StandardButton.Close).icon().isNull() or not app.style().styleHint(
        app.style().StyleHint.SH_DialogButtonBox_ButtonsHaveIcons, None, buttons)


def test_text_size_reaches_every_widget_live_and_is_undone_exactly(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Settings → Text size: every screen built so far (headings, card titles, menus, the mode bar, the
    dialog itself) follows at once; 100 % again puts every size back as it was."""
    from desktop.ui.settings_dialog import SettingsDialog

    window = make_window()
    for key in ("browse", "quiz", "interview", "progress"):
        window.switch_to(key)
    dialog = SettingsDialog(window.ctx, window.set_theme, window.set_text_scale, window.settings_changed, window)
    qtbot.addWidget(dialog)
    dialog.show()

    def sizes() -> dict[str, float]:  # the window's widgets (its menus too) and the dialog's
        widgets = [w for top in (window, dialog) for w in (top, *top.findChildren(QWidget))]
        return {f"{type(w).__name__} {w.objectName()} {id(w)}": w.font().pointSizeF() for w in widgets}

    before = sizes()
    base = QApplication.font().pointSizeF()
    heading = window.mode("quiz").start_page.start_title  # type: ignore[attr-defined]
    tile = window.mode("progress").today_value  # type: ignore[attr-defined]
    assert isinstance(heading, QLabel) and heading.font().pointSizeF() > base

    dialog.text_size.setCurrentIndex(dialog.text_size.findData(1.25))
    after = sizes()
    grown = {i for i in before if i in after and after[i] == pytest.approx(before[i] * 1.25, abs=0.06)}
    adapts = [i for i in before if i.startswith("Countdown bigCountdown")]  # sized by the window's height too
    assert [i for i in before if i not in grown and i not in adapts] == []
    assert heading.font().pointSizeF() == pytest.approx(base * 1.25 * 1.8, abs=0.06)
    assert tile.font().pointSizeF() == pytest.approx(base * 1.25 * 2.0, abs=0.06)
    assert window.menuBar().font().pointSizeF() == pytest.approx(base * 1.25, abs=0.06)

    dialog.text_size.setCurrentIndex(dialog.text_size.findData(1.0))
    again = sizes()
    assert {i: again[i] for i in before if i not in adapts} == {i: v for i, v in before.items() if i not in adapts}


def test_150_percent_is_offered(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from desktop.ui.settings_dialog import SettingsDialog

    window = make_window()
    dialog = SettingsDialog(window.ctx, window.set_theme, window.set_text_scale, window.settings_changed, window)
    qtbot.addWidget(dialog)
    assert dialog.text_size.findData(1.5) >= 0 and "150%" in [dialog.text_size.itemText(i)
                                                               for i in range(dialog.text_size.count())]

