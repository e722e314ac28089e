"""`mlcoach exercise list` and `mlcoach exercise run ID FILE [--json]`, run as a user runs them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, bundled_bank

pytestmark = pytest.mark.e2e

SOFTMAX = bundled_bank().get("implement-softmax-cross-entropy")
assert SOFTMAX is not None


def mlcoach(*args: str, data: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MLCOACH_DATA_DIR": str(data)}
    return subprocess.run([sys.executable, "-m", "desktop", "exercise", *args], cwd=REPO, env=env, input=stdin,
                          capture_output=True, text=True, timeout=60)


def test_list_shows_every_exercise_with_its_difficulty_and_kind(isolated_data: Path) -> None:
    result = mlcoach("list", data=isolated_data)
    assert result.returncode == 0, result.stderr
    header, *rows = result.stdout.splitlines()
    assert header.split() == ["ID", "DIFFICULTY", "KIND", "TITLE"]
    row = next(r for r in rows if r.startswith("implement-softmax-cross-entropy "))
    assert row.split()[1:3] == ["medium", "python"] and row.endswith(SOFTMAX.title)
    exercises = [q for q in bundled_bank().questions if q.is_exercise]
    assert len(rows) == len(exercises)


def test_run_the_solution_passes_and_exits_0(tmp_path: Path, isolated_data: Path) -> None:
    code = tmp_path / "mine.py"
    code.write_text(SOFTMAX.solution, encoding="utf-8")
    result = mlcoach("run", SOFTMAX.id, str(code), data=isolated_data)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == SOFTMAX.title
    assert sum(line.startswith("  PASS  test_") for line in lines) == 7
    assert lines[-1].startswith("All 7 tests passed  (")


def test_run_the_starter_prints_each_failure_and_exits_1(tmp_path: Path, isolated_data: Path) -> None:
    code = tmp_path / "mine.py"
    code.write_text(SOFTMAX.starter + "\nprint('hello from my code')\n", encoding="utf-8")
    result = mlcoach("run", SOFTMAX.id, str(code), data=isolated_data)
    assert result.returncode == 1
    out = result.stdout
    assert "  FAIL  test_softmax_hand_worked_rows  (" in out
    line = next(i for i, text in enumerate(SOFTMAX.starter.splitlines(), 1) if "NotImplementedError" in text)
    assert f"        NotImplementedError (solution.py, line {line}, in softmax)" in out
    assert "0 of 7 tests passed" in out and "Your code printed:\nhello from my code" in out


def test_json_results_from_standard_input(isolated_data: Path) -> None:
    broken = SOFTMAX.solution.replace("e = np.exp(Z - np.max(Z, axis=axis, keepdims=True))", "e = np.exp(Z)")
    assert broken != SOFTMAX.solution
    result = mlcoach("run", SOFTMAX.id, "-", "--json", data=isolated_data, stdin=broken)
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    assert data["id"] == SOFTMAX.id and data["status"] == "failed" and data["total"] == 7
    failed = {t["name"]: t["message"] for t in data["tests"] if not t["passed"]}
    assert "test_softmax_large_logits_do_not_overflow" in failed
    assert failed["test_softmax_large_logits_do_not_overflow"].startswith("FloatingPointError: overflow")


def test_a_limit_is_exit_1_with_a_plain_message(tmp_path: Path, isolated_data: Path) -> None:
    """An exercise in an imported deck (with a 1 s limit) runs like a bundled one."""
    deck = isolated_data / "decks" / "mine"
    shutil.copytree(REPO / "tests" / "content" / "exercise_fixtures", deck)
    exercise = deck / "coding-from-scratch" / "fixture-normalize-rows.md"
    exercise.write_text(exercise.read_text(encoding="utf-8").replace("time_limit: 5", "time_limit: 1"), encoding="utf-8")
    code = tmp_path / "loop.py"
    code.write_text("def normalize_rows(X):\n    while True:\n        pass\n", encoding="utf-8")
    result = mlcoach("run", "fixture-normalize-rows", str(code), data=isolated_data)
    assert result.returncode == 1
    assert "Time limit of 1 s exceeded" in result.stdout
    assert "        Did not finish: time limit of 1 s exceeded" in result.stdout


@pytest.mark.parametrize(("args", "complaint"), [
    (("run", "no-such-exercise", "x.py"), "no coding exercise 'no-such-exercise'"),
    (("run", "bias-variance-tradeoff", "x.py"), "no coding exercise 'bias-variance-tradeoff'"),
    (("run", "implement-softmax-cross-entropy", "does-not-exist.py"), "cannot read does-not-exist.py"),
    (("run", "implement-softmax-cross-entropy"), "the following arguments are required: file"),
    ((), "the following arguments are required: action"),
])
def test_usage_errors_exit_2(args: tuple[str, ...], complaint: str, isolated_data: Path) -> None:
    result = mlcoach(*args, data=isolated_data)
    assert result.returncode == 2 and complaint in result.stderr, result.stderr


def test_ctrl_c_stops_the_run_and_its_child(tmp_path: Path, isolated_data: Path) -> None:
    import signal
    import time

    pid_file = tmp_path / "child.pid"
    code = tmp_path / "slow.py"
    code.write_text(f"import os, time\nopen({str(pid_file)!r}, 'w').write(str(os.getpid()))\ntime.sleep(60)\n",
                    encoding="utf-8")
    env = {**os.environ, "MLCOACH_DATA_DIR": str(isolated_data)}
    # A test run started in the background by a shell without job control (`make test &` in a script) ignores
    # SIGINT, and an ignored signal stays ignored across exec: the CLI would then rightly ignore Ctrl+C, as
    # under nohup. A handled signal is reset to the default at exec, so the CLI starts as from a terminal.
    ignoring = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        cli = subprocess.Popen([sys.executable, "-m", "desktop", "exercise", "run", SOFTMAX.id, str(code)],
                               cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    finally:
        signal.signal(signal.SIGINT, ignoring)
    try:
        deadline = time.monotonic() + 30
        while not (pid_file.exists() and pid_file.read_text()) and time.monotonic() < deadline:
            time.sleep(0.02)
        child = int(pid_file.read_text())
        cli.send_signal(signal.SIGINT)
        _out, err = cli.communicate(timeout=10)
        assert cli.returncode == 130 and "Cancelled" in err
        stat = Path(f"/proc/{child}/stat")
        assert not stat.exists() or stat.read_text().rsplit(")", 1)[1].split()[0] in ("Z", "X")
    finally:
        cli.kill()
        cli.communicate()  # closes its pipes too: left open, they fail whichever test runs next with a ResourceWarning
