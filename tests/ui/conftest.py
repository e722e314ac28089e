from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings
from PySide6.QtWidgets import QApplication

from desktop.core.bank import Bank, load_bank
from desktop.core.search import SearchIndex
from desktop.core.store import DB_NAME, Store
from desktop.ui import theme
from desktop.ui.context import AppContext
from desktop.ui.main_window import MainWindow

CATEGORIES = """\
- id: optimization
  title: Optimization
- id: trees
  title: Trees
"""


def question(qid: str, category: str, title: str, answer: str, difficulty: str = "easy",
             formula: str = "") -> str:
    formula_section = f"\n## Formula\n{formula}\n" if formula else ""
    return f"""---
id: {qid}
category: {category}
difficulty: {difficulty}
tags: [{category}-tag, shared]
---
# {title}

## Answer
{answer}

## Key points
- point one of {qid}
- point two
- point three
{formula_section}
## Follow-ups
- And then? — a hint
"""


@pytest.fixture
def sample_bank(tmp_path: Path) -> Bank:
    root = tmp_path / "bank"
    files = {
        "optimization/gradient-descent.md": question(
            "gradient-descent", "optimization", "How does gradient descent work?",
            "It steps against the gradient, scaled by a learning rate.", "easy",
            "$$\\theta_{t+1} = \\theta_t - \\eta \\nabla L(\\theta_t)$$"),
        "optimization/learning-rate.md": question(
            "learning-rate", "optimization", "How do you pick a learning rate?", "Try a range on a log scale.", "medium"),
        "trees/decision-tree.md": question(
            "decision-tree", "trees", "How does a decision tree split?", "Greedily, by impurity decrease."),
        "trees/random-forest.md": question(
            "random-forest", "trees", "Why do random forests work?", "Averaging decorrelated trees cuts variance.",
            "hard"),
    }
    (root).mkdir()
    (root / "categories.yaml").write_text(CATEGORIES, encoding="utf-8")
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    bank = load_bank(root)
    assert bank.problems == (), bank.problems
    return bank


def _window(qtbot, bank: Bank, data_dir: Path, settings_file: str = "settings.ini",  # type: ignore[no-untyped-def]
            size: tuple[int, int] | None = None, active: bool = True, plan_asked: bool = False) -> MainWindow:
    """A shown main window over `bank`, with its data (and settings file) in `data_dir`: the one recipe the
    window fixtures below share. `active`: waited for, since focus and shortcuts need an active window."""
    settings = QSettings(str(data_dir / settings_file), QSettings.Format.IniFormat)
    if plan_asked:
        settings.setValue("plan/asked", True)  # no first-run panel over the page
    index = SearchIndex()
    index.add(bank.questions)
    ctx = AppContext(bank=bank, index=index, settings=settings, store=Store.open(data_dir / DB_NAME),
                     data_dir=data_dir, status=lambda _m: None)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    if size is not None:
        window.resize(*size)
    window.show()
    if active:
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
    return window


def unstyle(app: QApplication, windows: list[MainWindow]) -> None:
    """Close the test's windows and delete them now, then take the style sheet off the application. pytest-qt
    has only scheduled their deletion by now (deleteLater, which processEvents does not carry out), and taking
    a style sheet off live windows re-styles every widget in them: a cost on every window test, for nothing."""
    for w in windows:
        w.close()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.setStyleSheet("")


@pytest.fixture
def make_window(qtbot, sample_bank: Bank, isolated_data: Path) -> Iterator[Callable[[], MainWindow]]:  # type: ignore[no-untyped-def]
    """Builds main windows over the sample bank that share one data folder (so settings persist)."""
    isolated_data.mkdir(parents=True, exist_ok=True)
    windows: list[MainWindow] = []
    app = QApplication.instance()
    theme.apply(app, "light")  # test with the style sheet users get, not bare Qt

    def make() -> MainWindow:
        window = _window(qtbot, sample_bank, isolated_data)
        windows.append(window)
        return window

    yield make
    unstyle(app, windows)
    theme.set_text_scale(app, 1.0)


@pytest.fixture
def window_over(qtbot, isolated_data: Path) -> Callable[[Path], MainWindow]:  # type: ignore[no-untyped-def]
    """Builds a shown main window over the bank folder `root` (categories.yaml + questions)."""

    def make(root: Path) -> MainWindow:
        bank = load_bank(root)
        assert bank.problems == (), bank.problems
        isolated_data.mkdir(parents=True, exist_ok=True)
        return _window(qtbot, bank, isolated_data, settings_file="s.ini", active=False)

    return make


@pytest.fixture
def coding_window(qtbot, tmp_path: Path, isolated_data: Path) -> Iterator[Callable[[], MainWindow]]:  # type: ignore[no-untyped-def]
    """Builds shown, active main windows over a tiny bank of coding exercises (tests/ui/exercise_bank.py),
    sharing one data folder, so a second window sees what the first saved."""
    from tests.ui.exercise_bank import write_bank

    bank = load_bank(write_bank(tmp_path / "coding-bank"))
    assert bank.problems == (), bank.problems
    isolated_data.mkdir(parents=True, exist_ok=True)
    windows: list[MainWindow] = []
    app = QApplication.instance()
    theme.apply(app, "light")

    def make() -> MainWindow:
        window = _window(qtbot, bank, isolated_data, size=(1360, 820), plan_asked=True)
        windows.append(window)
        return window

    yield make
    unstyle(app, windows)
