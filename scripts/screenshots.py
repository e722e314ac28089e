"""Render the app's screens to docs/screenshots/ in the light and dark themes, then the whole matrix.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py [OUT_DIR] [--matrix-only] [--matrix DIR]

The matrix is every mode and dialog (MATRIX below) at 760x520 and 1360x820, at 100 % and 150 % text,
light and dark, written to build/screenshots/ (or DIR) and checked for overlapping and clipped
widgets (tests/ui/layout_audit.py); the problems are listed and the script exits 1 if there are any.
tests/ui/test_layout_matrix.py checks a representative part of it in the normal test suite.

Uses a throw-away data folder, so it never touches your own notes.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop.core.bank import Bank, load_bank
from desktop.core.importer import deck_roots
from desktop.core.search import SearchIndex
from desktop.paths import content_dir
from desktop.ui import theme
from desktop.ui.context import AppContext
from desktop.ui.main_window import MainWindow

SIZE = (1360, 820)
SMALL = (760, 520)
QUESTION = "bias-variance-tradeoff"


_bank_cache: list[Bank] = []


def bundled_bank() -> Bank:
    """The bundled bank, read once per run: the scenes never change it (an import reloads its own)."""
    if not _bank_cache:
        _bank_cache.append(load_bank(content_dir()))
    return _bank_cache[0]


_index_cache: list[bytes] = []


def bundled_index() -> SearchIndex:
    """A new index over the bundled bank for each shot (a scene may add to it), restored from one built once
    per run, as a launch restores the prepared bank's: indexing the whole bank took most of a shot's time."""
    if not _index_cache:
        index = SearchIndex()
        index.add(bundled_bank().questions)
        _index_cache.append(index.snapshot())
    return SearchIndex.restore(bundled_bank().questions, _index_cache[0])


def shoot(app: QApplication, out: Path, name: str, theme_key: str, setup,  # type: ignore[no-untyped-def]
          size: tuple[int, int] = SIZE, first_run: bool = False, scale: float = 1.0, check=None,
          filename: str | None = None) -> Path:
    """`first_run`: the study-plan panel shows (otherwise it was answered: an ML engineer, three weeks out).

    `setup(window)` arranges the screen; if it returns a dialog, the dialog is what is shot. `check`, if
    given, is called with what was shot (and the size) before it closes: the matrix audits it there.
    """
    data = Path(tempfile.mkdtemp(prefix="mlcoach-shots-"))
    settings = QSettings(str(data / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("view/theme", theme_key)
    settings.setValue("view/text_scale", scale)
    if not first_run:
        from datetime import date, timedelta

        settings.setValue("plan/asked", True)
        settings.setValue("plan/focus", "ml-engineer")
        settings.setValue("progress/interview_date", (date.today() + timedelta(days=21)).isoformat())
    theme.apply(app, theme_key)
    theme.set_text_scale(app, scale)
    bank = bundled_bank()
    index = bundled_index()
    from desktop.core.store import DB_NAME, Store

    ctx = AppContext(bank=bank, index=index, settings=settings, store=Store.open(data / DB_NAME), data_dir=data,
                     status=lambda _m: None)
    ctx.load_bank = lambda breathe=None: load_bank(content_dir(), deck_roots(data), breathe)  # as app.py's
    window = MainWindow(ctx)
    window.resize(*size)
    window.show()
    dialog = setup(window)
    shot = dialog if dialog is not None else window
    for _ in range(5):
        app.processEvents()
    path = out / (filename or (f"{name}-{theme_key}.png" if size == SIZE
                               else f"{name}-{theme_key}-{size[0]}x{size[1]}.png"))
    shot.grab().save(str(path))
    if check is not None:
        check(shot, size)
    if dialog is not None:
        dialog.close()
        dialog.deleteLater()
    window.close()
    window.deleteLater()
    from PySide6.QtCore import QEvent

    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # its timers go with it
    ctx.store.close()
    theme.set_text_scale(app, 1.0)
    return path


def browse(window: MainWindow) -> None:
    mode = window.mode("browse")
    mode.refresh(prefer=QUESTION)  # type: ignore[attr-defined]
    mode.notes.edit.setPlainText(  # type: ignore[attr-defined]
        "Say the decomposition first, then give the *symptoms*: train vs validation gap.\n"
        "Remember: more data cuts variance, not bias. Ensembles: bagging $\\downarrow$ variance.")
    mode.notes.flush()  # type: ignore[attr-defined]
    mode.toggle_bookmark()  # type: ignore[attr-defined]


def showing(question_id: str):  # type: ignore[no-untyped-def]
    """Browse on one question of the bank (an LLM question with formulas, a design case)."""
    def setup(window: MainWindow) -> None:
        window.mode("browse").refresh(prefer=question_id)  # type: ignore[attr-defined]
    return setup


def browse_search(window: MainWindow) -> None:
    mode = window.mode("browse")
    mode.search.setText("regul")  # type: ignore[attr-defined]


def quiz_start(window: MainWindow) -> None:
    window.switch_to("quiz")


def quiz_revealed(window: MainWindow) -> None:
    """Today's study on a card with key points to tick (the bank may put an exercise first: exercise-quiz has it)."""
    from desktop.core.today import todays_study

    window.switch_to("quiz")
    mode = window.mode("quiz")
    ctx = window.ctx
    deck = todays_study(ctx.bank, ctx.scheduler, mode.plan).deck  # type: ignore[attr-defined]
    deck.sort(key=lambda qid: ctx.bank.get(qid).is_exercise)  # type: ignore[union-attr]
    mode.start_drill(deck, "Today's study")  # type: ignore[attr-defined]
    mode.reveal()  # type: ignore[attr-defined]
    mode.toggle_point(0)  # type: ignore[attr-defined]
    mode.toggle_point(2)  # type: ignore[attr-defined]


def quiz_summary(window: MainWindow) -> None:
    """A whole first session: two missed at first sight, one recalled only partly, the rest Good."""
    from desktop.core.scheduler import Grade

    window.switch_to("quiz")
    mode = window.mode("quiz")
    mode.start_today()  # type: ignore[attr-defined]
    first = (Grade.GOOD, Grade.AGAIN, Grade.GOOD, Grade.HARD, Grade.EASY, Grade.AGAIN)
    while mode.session is not None and not mode.session.finished:  # type: ignore[attr-defined]
        mode.reveal()  # type: ignore[attr-defined]
        done = len(mode.session.results)  # type: ignore[attr-defined]
        mode.grade(first[done] if done < len(first) else Grade.GOOD)  # type: ignore[attr-defined]


def first_run(window: MainWindow) -> None:
    """The study-plan panel over Quiz's start page, as a new user sees it."""
    window.switch_to("quiz")


def interview_start(window: MainWindow) -> None:
    window.switch_to("interview")


def interview_running(window: MainWindow) -> None:
    window.switch_to("interview")
    mode = window.mode("interview")
    mode.start_selected()  # type: ignore[attr-defined]
    mode.answer.setPlainText("Bias: wrong assumptions, underfits.\nVariance: sensitive to the sample.")  # type: ignore[attr-defined]


DEEP_DIVE = (("bias-variance-tradeoff", "How do ensembles relate to the tradeoff?"),
             ("implement-softmax-cross-entropy", "Why does the gradient simplify to $P-Y$?"),
             ("batch-vs-stochastic-gradient-descent", ""), ("l1-vs-l2-regularization", ""))


class Clock:
    """Time that moves only when told, so the screens show believable times used."""

    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def _deep_dive(window: MainWindow, clock: Clock | None = None):  # type: ignore[no-untyped-def]
    from desktop.core.interview import Plan, PlannedQuestion

    window.switch_to("interview")
    mode = window.mode("interview")
    if clock is not None:
        mode.monotonic = clock  # type: ignore[attr-defined]
    ids = [(qid, follow) for qid, follow in DEEP_DIVE if window.ctx.bank.get(qid)]
    mode.start(Plan("Technical deep-dive", tuple(  # type: ignore[attr-defined]
        PlannedQuestion(qid, 60, 360, follow, 60 if follow else 0) for qid, follow in ids)))
    return mode


def interview_follow_up(window: MainWindow) -> None:
    """The follow-up phase: its own box under the question's answer, its formula typeset."""
    mode = _deep_dive(window)
    mode.runner.skip()  # type: ignore[attr-defined]
    mode.next_phase()  # type: ignore[attr-defined]
    mode.answer.setPlainText("Subtract the row max, then log-sum-exp. Gradient is (P - Y)/n.")  # type: ignore[attr-defined]
    mode.next_phase()  # type: ignore[attr-defined]
    mode.follow_answer.setPlainText("d LSE/dz is the softmax, and the true-class logit gives -1.")  # type: ignore[attr-defined]


def interview_review(window: MainWindow) -> None:
    """Ended early: the first answer and its follow-up scored, the next one ended while thinking, one never asked."""
    clock = Clock()
    mode = _deep_dive(window, clock)
    first = window.ctx.bank.get(DEEP_DIVE[0][0])
    for seconds, step in ((40, "next_phase"), (250, "next_phase"), (50, "next_phase"), (20, "end_early")):
        if step == "next_phase" and mode.session.phase.value == "answering":  # type: ignore[attr-defined]
            mode.answer.setPlainText(" ".join(first.key_points[:2]))  # type: ignore[attr-defined, union-attr]
        if mode.session is not None and mode.session.phase.value == "follow-up":  # type: ignore[attr-defined]
            mode.follow_answer.setPlainText(  # type: ignore[attr-defined]
                "Bagging averages away variance; boosting mostly cuts bias.")
        clock.t += seconds
        getattr(mode, step)()
    mode.set_score(3)  # type: ignore[attr-defined]
    mode.review.step(1)  # type: ignore[attr-defined]
    mode.set_score(4)  # type: ignore[attr-defined]


def design_round_review(window: MainWindow) -> None:
    """A system-design round on one case, ended after the deep dive: the rubric beside the walkthrough."""
    from PySide6.QtCore import Qt

    window.switch_to("interview")
    mode = window.mode("interview")
    presets = mode.picker.presets  # type: ignore[attr-defined]
    presets.setCurrentRow(next(i for i in range(presets.count())
                               if presets.item(i).data(Qt.ItemDataRole.UserRole) == "design"))
    mode.start_selected()  # type: ignore[attr-defined]
    mode.runner.next_phase()  # type: ignore[attr-defined]
    mode.answer.setPlainText(  # type: ignore[attr-defined]
        "Clarify: users, QPS. Baseline first: popularity. Latency budget per stage: 50 ms retrieval, "
        "100 ms ranking. Offline NDCG, then an online A/B test with guardrails.")
    mode.runner.next_phase()  # type: ignore[attr-defined]
    mode.end_early()  # type: ignore[attr-defined]
    mode.set_score(4)  # type: ignore[attr-defined]


def design_case_walkthrough(window: MainWindow) -> None:
    """Browse on a design case, scrolled to its walkthrough."""
    mode = window.mode("browse")
    mode.refresh(prefer="design-rag-document-assistant")  # type: ignore[attr-defined]
    view = mode.view  # type: ignore[attr-defined]
    cursor = view.document().find("Walkthrough")
    if not cursor.isNull():
        view.setTextCursor(cursor)
        view.ensureCursorVisible()
        cursor.clearSelection()
        view.setTextCursor(cursor)
        view.verticalScrollBar().setValue(view.verticalScrollBar().value() + view.viewport().height() // 2 - 40)


def anki_import(window: MainWindow) -> None:
    """The sample Anki deck brought in through File → Import, Browse on its first converted question."""
    from desktop.core.anki_import import question_id

    deck = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "anki" / "ml-deck.apkg"
    window.data.import_questions(folder=False, path=deck)
    while window.data.import_worker is not None:
        QApplication.processEvents()
    message = window.statusBar().currentMessage()
    if window.data.import_report is not None:
        window.data.import_report.accept()  # what was left out (its own box): shown by the app, not shot here
    mode = window.mode("browse")
    categories = mode.categories  # type: ignore[attr-defined]
    categories.setCurrentRow(next(i for i in range(categories.count()) if categories.item(i).text() == "ML › Basics"))
    mode.open_question(question_id("mlb-bias-var"))  # type: ignore[attr-defined]
    window.statusBar().showMessage(message)


def import_report(window: MainWindow):  # type: ignore[no-untyped-def]
    """File → Import of the sample Anki deck: the box that says what was left out, over Browse."""
    deck = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "anki" / "ml-deck.apkg"
    window.data.import_questions(folder=False, path=deck)
    while window.data.import_worker is not None:
        QApplication.processEvents()
    return window.data.import_report


def progress_page(window: MainWindow) -> None:
    """A month of simulated study so the dashboard has something to show: each day the reviews that
    fell due, then twelve new questions, with a miss now and then relearned on the spot."""
    from datetime import timedelta

    from desktop.core.scheduler import Grade
    from desktop.core.study_plan import StudyPlan
    from desktop.core.today import todays_study

    sr = window.ctx.scheduler
    store = window.ctx.store
    start = sr.clock() - timedelta(days=30)
    plan = StudyPlan.load(window.ctx.prefs)
    done = 0
    for day in range(30):
        if day % 7 == 5:
            continue  # a rest day now and then
        now = start + timedelta(days=day)
        today = todays_study(window.ctx.bank, sr, plan, now)
        for qid in [*today.soonest, *today.new[:12]]:
            done += 1
            missed = done % 6 == 0
            new = sr.is_new(qid)
            grades = [Grade.AGAIN, Grade.GOOD] if missed else [Grade.GOOD]
            if new or missed:
                grades.append(Grade.GOOD)  # the learning steps, in the same sitting
            for step, grade in enumerate(grades):
                sr.grade(qid, grade, now=now + timedelta(minutes=10 * step))
    ids = [q.id for q in window.ctx.bank.questions]
    from desktop.core.interview import Plan, PlannedQuestion, QuestionRecord
    from desktop.core.interview_store import Part, Status

    log = store.interview_store
    for score_set in ((2, 3, 3), (3, 4, 3), (4, 4, 5)):
        iid = log.start(Plan("Phone screen", tuple(PlannedQuestion(qid, 60, 180) for qid in ids[:3])))
        log.finish(iid, {i: QuestionRecord(qid, asked=True) for i, qid in enumerate(ids[:3])}, Status.FINISHED)
        for pos, score in enumerate(score_set):
            log.save_review(iid, pos, Part.MAIN, score, [])
    window.switch_to("progress")


EXERCISE = "implement-softmax-cross-entropy"
SECOND_EXERCISE = "implement-precision-recall-f1"


def _finish_run(panel) -> None:  # type: ignore[no-untyped-def]
    """Run the exercise panel's code for real and wait for the result, as the user would."""
    import time

    panel.run()
    while panel.running:
        QApplication.processEvents()
        time.sleep(0.01)


def _naive(solution: str) -> str:
    """The softmax solution with the classic mistake: no max-shift, so large logits overflow."""
    return solution.replace("np.exp(Z - np.max(Z, axis=axis, keepdims=True))", "np.exp(Z)")


def exercise_before(window: MainWindow) -> None:
    """Browse on a coding exercise: the statement, the editor with the starter, nothing run yet."""
    window.mode("browse").refresh(prefer=EXERCISE)  # type: ignore[attr-defined]


def exercise_failed(window: MainWindow) -> None:
    mode = window.mode("browse")
    mode.refresh(prefer=EXERCISE)  # type: ignore[attr-defined]
    panel = mode.exercise  # type: ignore[attr-defined]
    panel.editor.setPlainText(_naive(window.ctx.bank.get(EXERCISE).solution))  # type: ignore[union-attr]
    _finish_run(panel)


def exercise_passed(window: MainWindow) -> None:
    """After a failing run and a passing one, with the reference solution asked for."""
    mode = window.mode("browse")
    mode.refresh(prefer=EXERCISE)  # type: ignore[attr-defined]
    panel = mode.exercise  # type: ignore[attr-defined]
    solution = window.ctx.bank.get(EXERCISE).solution  # type: ignore[union-attr]
    panel.editor.setPlainText(_naive(solution))
    _finish_run(panel)
    panel.editor.setPlainText(solution)
    _finish_run(panel)
    panel.solution_button.setChecked(True)


def quiz_exercise(window: MainWindow) -> None:
    """A Quiz card on an exercise, run and revealed: the tests suggest the grade."""
    window.switch_to("quiz")
    mode = window.mode("quiz")
    mode.start_drill([EXERCISE])  # type: ignore[attr-defined]
    panel = mode.exercise  # type: ignore[attr-defined]
    panel.editor.setPlainText(_naive(window.ctx.bank.get(EXERCISE).solution))  # type: ignore[union-attr]
    _finish_run(panel)
    mode.reveal()  # type: ignore[attr-defined]


def _coding_round(window: MainWindow):  # type: ignore[no-untyped-def]
    from desktop.core.interview import CODING_ROUND_S, Plan, PlannedQuestion

    window.switch_to("interview")
    mode = window.mode("interview")
    mode.start(Plan("Coding round", (PlannedQuestion(EXERCISE, 0, CODING_ROUND_S / 2),  # type: ignore[attr-defined]
                                     PlannedQuestion(SECOND_EXERCISE, 0, CODING_ROUND_S / 2)), kind="coding"))
    return mode


def coding_round_running(window: MainWindow) -> None:
    """A coding round, the first exercise written with a bug and run."""
    mode = _coding_round(window)
    panel = mode.runner.code  # type: ignore[attr-defined]
    panel.editor.setPlainText(_naive(window.ctx.bank.get(EXERCISE).solution))  # type: ignore[union-attr]
    _finish_run(panel)


def coding_round_review(window: MainWindow) -> None:
    """Reviewed: the final code, the tests passed over time, the reference solution beside them."""
    mode = _coding_round(window)
    panel = mode.runner.code  # type: ignore[attr-defined]
    solution = window.ctx.bank.get(EXERCISE).solution  # type: ignore[union-attr]
    for code in (window.ctx.bank.get(EXERCISE).starter, _naive(solution), solution):  # type: ignore[union-attr]
        panel.editor.setPlainText(code)
        _finish_run(panel)
    mode.end_early()  # type: ignore[attr-defined]
    mode.set_score(4)  # type: ignore[attr-defined]


EXERCISE_SHOTS = (("exercise-browse", exercise_before), ("exercise-failed", exercise_failed),
                  ("exercise-passed", exercise_passed), ("exercise-quiz", quiz_exercise),
                  ("coding-round", coding_round_running), ("coding-round-review", coding_round_review))


def browse_hidden(window: MainWindow) -> None:
    """Browse with answers hidden: the question alone, Space to reveal."""
    mode = window.mode("browse")
    mode.refresh(prefer=QUESTION)  # type: ignore[attr-defined]
    mode.set_hide_answers(True)  # type: ignore[attr-defined]


def browse_revealed(window: MainWindow) -> None:
    """Answers hidden, then this one revealed (Space): a short window scrolls to where the answer begins."""
    browse_hidden(window)
    window.mode("browse").toggle_reveal()  # type: ignore[attr-defined]


def quiz_question(window: MainWindow) -> None:
    window.switch_to("quiz")
    window.mode("quiz").start_today()  # type: ignore[attr-defined]


def quiz_custom(window: MainWindow) -> None:
    window.switch_to("quiz")
    window.mode("quiz").custom_button.setChecked(True)  # type: ignore[attr-defined]


def interview_custom(window: MainWindow) -> None:
    from PySide6.QtCore import Qt

    window.switch_to("interview")
    presets = window.mode("interview").picker.presets  # type: ignore[attr-defined]
    presets.setCurrentRow(next(i for i in range(presets.count())
                               if presets.item(i).data(Qt.ItemDataRole.UserRole) == "custom"))


def interview_paused(window: MainWindow) -> None:
    interview_running(window)
    window.mode("interview").runner.toggle_pause()  # type: ignore[attr-defined]


def interview_history(window: MainWindow) -> None:
    """The start page after a few interviews: the history beside the presets."""
    progress_page(window)
    window.switch_to("interview")


def settings_dialog(window: MainWindow):  # type: ignore[no-untyped-def]
    from desktop.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(window.ctx, window.set_theme, window.set_text_scale, window.settings_changed, window)
    dialog.show()
    return dialog


def export_dialog(window: MainWindow):  # type: ignore[no-untyped-def]
    from desktop.ui.export_dialog import ExportDialog

    dialog = ExportDialog(window.ctx, window)
    dialog.show()
    return dialog


def export_refused(window: MainWindow):  # type: ignore[no-untyped-def]
    """Export… aimed at a read-only file: the message over the export dialog, which stays open."""
    from desktop.core.export import ExportRefused

    dialog = export_dialog(window)
    chosen = Path.home() / "Documents" / "ml-interview-coach.csv"
    dialog.refuse(str(ExportRefused(f"{chosen} is read-only; choose another name or make it writable")), chosen)
    return dialog.refusal


def my_notes_dialog(window: MainWindow):  # type: ignore[no-untyped-def]
    for qid, note in ((QUESTION, "Say the decomposition first. $\\mathrm{Var}$ falls with more data."),
                      ("l1-vs-l2-regularization", "L1: **sparse** weights; L2 shrinks them all.")):
        window.ctx.store.note_store.save_note(qid, note)
    return window.show_my_notes()


def restore_dialog(window: MainWindow):  # type: ignore[no-untyped-def]
    from desktop.core import backups
    from desktop.ui.widgets.restore_dialog import RestoreDialog

    window.ctx.store.note_store.save_note(QUESTION, "A note, so there is something to back up.")
    window.data.back_up_now(quiet=True, wait=True)  # on a worker thread it had not finished: "No backups yet"
    dialog = RestoreDialog(backups.list_backups(window.data.backup_dir), window)
    dialog.show()
    return dialog


def keys_dialog(window: MainWindow):  # type: ignore[no-untyped-def]
    window.switch_to("quiz")
    return window.show_keys()


def about_dialog(window: MainWindow):  # type: ignore[no-untyped-def]
    return window.show_about()


def quit_question(window: MainWindow):  # type: ignore[no-untyped-def]
    """Quitting mid-interview asks first."""
    interview_running(window)
    mode = window.mode("interview")
    mode.ask_before_quit(window, lambda _answer: None)  # type: ignore[attr-defined]
    return mode.quit_box  # type: ignore[attr-defined]


# Every screen and dialog the layout is judged on: (name, setup, first run).
MATRIX = (
    ("browse", browse, False), ("browse-search", browse_search, False), ("browse-hidden", browse_hidden, False),
    ("browse-revealed", browse_revealed, False),
    ("llm-kv-cache", showing("kv-cache-memory"), False), ("design-case", design_case_walkthrough, False),
    ("first-run-plan", first_run, True), ("quiz-start", quiz_start, False), ("quiz-custom", quiz_custom, False),
    ("quiz-question", quiz_question, False), ("quiz-card", quiz_revealed, False),
    ("quiz-summary", quiz_summary, False), ("interview-start", interview_start, False),
    ("interview-custom", interview_custom, False), ("interview-history", interview_history, False),
    ("interview-running", interview_running, False), ("interview-paused", interview_paused, False),
    ("interview-follow-up", interview_follow_up, False), ("interview-review", interview_review, False),
    ("design-round-review", design_round_review, False), ("progress", progress_page, False),
    ("settings", settings_dialog, False), ("export", export_dialog, False),
    ("export-refused", export_refused, False), ("my-notes", my_notes_dialog, False),
    ("restore", restore_dialog, False), ("import-report", import_report, False), ("keys", keys_dialog, False),
    ("about", about_dialog, False),
    ("quit-question", quit_question, False),
    *((name, setup, False) for name, setup in EXERCISE_SHOTS),  # they run real code: slower
)
THEMES = ("light", "dark")
SIZES = (SMALL, SIZE)
SCALES = (1.0, 1.5)


def audit(shot, size: tuple[int, int]) -> list[str]:  # type: ignore[no-untyped-def]
    """What is wrong with a screen or a dialog as shot (tests/ui/layout_audit.py)."""
    from PySide6.QtWidgets import QMainWindow

    from tests.ui.layout_audit import dialog_problems, problems

    return problems(shot) if isinstance(shot, QMainWindow) else dialog_problems(shot, size)


def run_matrix(app: QApplication, out: Path, scenes=MATRIX, themes=THEMES, sizes=SIZES,  # type: ignore[no-untyped-def]
               scales=SCALES) -> dict[str, list[str]]:
    """Shoot every combination into `out`; the problems found in each picture, by file name."""
    out.mkdir(parents=True, exist_ok=True)
    found: dict[str, list[str]] = {}
    for name, setup, first in scenes:
        for theme_key in themes:
            for size in sizes:
                for scale in scales:
                    filename = f"{name}-{size[0]}x{size[1]}-{round(scale * 100)}-{theme_key}.png"
                    shoot(app, out, name, theme_key, setup, size, first_run=first, scale=scale, filename=filename,
                          check=lambda shot, size, f=filename: found.__setitem__(f, audit(shot, size)))
    return found


def main() -> int:
    import argparse

    root = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=root / "docs" / "screenshots")
    parser.add_argument("--matrix", type=Path, default=root / "build" / "screenshots", help="where the matrix goes")
    parser.add_argument("--matrix-only", action="store_true", help="leave docs/screenshots as they are")
    parser.add_argument("--only", help="the matrix's scenes whose name starts with this")
    parser.add_argument("--theme", choices=THEMES, help="the matrix in this theme only")
    parser.add_argument("--size", choices=[f"{w}x{h}" for w, h in SIZES], help="…at this size only")
    parser.add_argument("--scale", type=float, choices=SCALES, help="…at this text size only")
    parser.add_argument("--interview-only", action="store_true")
    parser.add_argument("--exercises-only", action="store_true")
    args = parser.parse_args()
    out = args.out
    app = QApplication.instance() or QApplication(sys.argv[:1])
    if args.exercises_only:  # the coding exercise's screens, at both sizes
        out.mkdir(parents=True, exist_ok=True)
        for theme_key in ("light", "dark"):
            for size in (SIZE, SMALL):
                for name, setup in EXERCISE_SHOTS:
                    print(shoot(app, out, name, theme_key, setup, size))
        return 0
    if args.interview_only:  # the mock interview's screens, at both sizes a screen is judged at
        out.mkdir(parents=True, exist_ok=True)
        for theme_key in ("light", "dark"):
            for size in (SIZE, SMALL):
                for name, setup in (("interview-start", interview_start), ("interview-follow-up", interview_follow_up),
                                    ("interview-review", interview_review)):
                    print(shoot(app, out, name, theme_key, setup, size))
        return 0
    if not args.matrix_only:
        out.mkdir(parents=True, exist_ok=True)
        docs(app, out)
    matrix_dir = args.matrix
    scenes = [scene for scene in MATRIX if scene[0].startswith(args.only or "")]
    found = run_matrix(app, matrix_dir, scenes, themes=(args.theme,) if args.theme else THEMES,
                       sizes=[size for size in SIZES if args.size in (None, f"{size[0]}x{size[1]}")],
                       scales=(args.scale,) if args.scale else SCALES)
    bad = {f: p for f, p in found.items() if p}
    for f, problems in sorted(bad.items()):
        print(f"{f}:")
        for problem in problems:
            print(f"    {problem}")
    print(f"{len(found)} screenshots in {matrix_dir}, {len(bad)} with problems")
    return 1 if bad else 0


def docs(app: QApplication, out: Path) -> None:
    """The pictures docs/ and the README show."""
    for theme_key in ("light", "dark"):
        print(shoot(app, out, "browse", theme_key, browse))
        print(shoot(app, out, "browse-search", theme_key, browse_search))
        print(shoot(app, out, "llm-kv-cache", theme_key, showing("kv-cache-memory")))
        print(shoot(app, out, "llm-dpo-derivation", theme_key, showing("dpo-loss-derivation")))
        print(shoot(app, out, "design-case", theme_key, design_case_walkthrough))
        print(shoot(app, out, "design-round-review", theme_key, design_round_review))
        print(shoot(app, out, "first-run-plan", theme_key, first_run, first_run=True))
        print(shoot(app, out, "quiz-start", theme_key, quiz_start))
        print(shoot(app, out, "quiz-card", theme_key, quiz_revealed))
        print(shoot(app, out, "quiz-summary", theme_key, quiz_summary))
        print(shoot(app, out, "interview-start", theme_key, interview_start))
        print(shoot(app, out, "interview-running", theme_key, interview_running))
        print(shoot(app, out, "interview-follow-up", theme_key, interview_follow_up))
        print(shoot(app, out, "interview-review", theme_key, interview_review))
        print(shoot(app, out, "progress", theme_key, progress_page))
        print(shoot(app, out, "anki-import", theme_key, anki_import))
        for name, setup in EXERCISE_SHOTS:
            print(shoot(app, out, name, theme_key, setup))
        for name, setup in (("quiz-card", quiz_revealed), ("browse", browse)):  # the smallest window, large text
            print(shoot(app, out, name, theme_key, setup, SMALL, scale=1.5,
                        filename=f"{name}-760x520-150-{theme_key}.png"))


if __name__ == "__main__":
    sys.exit(main())
