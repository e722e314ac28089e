"""The exercise runner against hostile submissions: each gives a plain result and the app is unharmed.

These start real child processes (`python -m desktop --run-exercise DIR`) with small limits.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

import pytest

from desktop import RUN_EXERCISE_FLAG
from desktop.core import exercises
from desktop.core.bank import Question
from desktop.core.exercises import OUTPUT_CUT, ExerciseRunner, Limits, RunResult, Status

TESTS = '''\
from solution import square


def test_two():
    assert square(2) == 4, f"expected 4, got {square(2)}"


def test_three():
    assert square(3) == 9


def test_negative():
    assert square(-5) == 25, f"expected 25, got {square(-5)}"
'''
SQUARE = "def square(x):\n    return x * x\n"
SMALL = Limits(time_s=1, memory_mb=64, startup_s=0.5)
# Generous: the limit plus start-up plus a loaded machine's slack, far below "the app hung".
PROMPT_S = SMALL.time_s + SMALL.startup_s + 3


def run(code: str, tests: str = TESTS, limits: Limits = SMALL) -> RunResult:
    return ExerciseRunner(code, tests, limits).run()


def alive(pid: int) -> bool:
    """A process that still runs (a zombie waiting for init to reap it is dead)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return False
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")


def test_a_correct_solution_passes_every_test_in_order() -> None:
    result = run(SQUARE)
    assert result.status is Status.PASSED and result.ok
    assert result.message == "All 3 tests passed"
    assert [t.name for t in result.tests] == ["test_two", "test_three", "test_negative"]
    assert all(t.passed and t.message == "" and 0 <= t.seconds < 1 for t in result.tests)
    assert (result.passed, result.total) == (3, 3)


def test_a_wrong_solution_says_which_tests_failed_and_why() -> None:
    result = run("def square(x):\n    return x + x\n")
    assert result.status is Status.FAILED and result.message == "1 of 3 tests passed"
    two, three, negative = result.tests
    assert two.passed and not three.passed and not negative.passed
    assert three.message == "Assertion failed: assert square(3) == 9"  # no message: the line itself
    assert negative.message == "expected 25, got -10"
    assert 'File "test_solution.py", line 9, in test_three' in three.details


def test_an_exception_names_the_line_in_the_users_code() -> None:
    result = run("def square(x):\n    return x * undefined_name\n")
    assert result.status is Status.FAILED and result.passed == 0
    assert result.tests[0].message == "NameError: name 'undefined_name' is not defined (solution.py, line 2, in square)"


def test_an_infinite_loop_hits_the_time_limit_and_keeps_the_finished_results() -> None:
    code = "def square(x):\n    while x == 3:\n        pass\n    return x * x\n"
    started = time.monotonic()
    result = run(code)
    assert time.monotonic() - started < PROMPT_S
    assert result.status is Status.TIME_LIMIT and result.message == "Time limit of 1 s exceeded"
    two, three, negative = result.tests
    assert two.passed  # it finished before the loop began
    assert three.message == "Did not finish: time limit of 1 s exceeded"
    assert negative.message == "Not run"


def test_a_memory_bomb_hits_the_memory_limit() -> None:
    code = "def square(x):\n    hoard = []\n    while True:\n        hoard.append(bytearray(10**7))\n"
    result = run(code)
    assert result.status is Status.MEMORY_LIMIT and result.message == "Memory limit of 64 MB exceeded"
    assert result.tests[0].message.startswith("MemoryError") and "solution.py, line 4" in result.tests[0].message


def test_a_numpy_array_too_big_for_the_limit_is_a_memory_limit_not_a_crash() -> None:
    code = "import numpy as np\n\ndef square(x):\n    return float(np.ones((20_000, 20_000)).sum())\n"
    result = run(code)
    assert result.status is Status.MEMORY_LIMIT


def test_os_exit_before_the_results_is_a_crash_with_the_exit_code() -> None:
    result = run("import os\n\ndef square(x):\n    os._exit(0)\n")
    assert result.status is Status.CRASHED
    assert result.message == "Your code ended the process (exit code 0) before the tests finished"
    assert result.tests[0].message == "Did not finish: the process ended"
    at_import = run("import os\nos._exit(7)\n")
    assert at_import.message == "Your code ended the process (exit code 7) while it was being imported"
    assert [t.message for t in at_import.tests] == ["Not run"] * 3


def test_a_fork_bomb_is_killed_with_its_group_even_children_that_left_it(tmp_path: Path) -> None:
    """Bounded to 20 sleeping children so a failure here cannot hurt the machine; half of them call
    os.setsid() to leave the run's process group."""
    pids = tmp_path / "pids.txt"
    code = f"""\
import os, time

def square(x):
    for i in range(20):
        pid = os.fork()
        if pid == 0:
            if i % 2:
                os.setsid()
            time.sleep(30)
            os._exit(0)
        with open({str(pids)!r}, "a") as f:
            f.write(f"{{pid}}\\n")
    time.sleep(30)
"""
    try:
        result = run(code)
        assert result.status is Status.TIME_LIMIT
        forked = [int(p) for p in pids.read_text().split()]
        assert len(forked) == 20
        assert [p for p in forked if alive(p)] == []
    finally:  # never leave sleepers behind, whatever the assertions found
        for pid in (int(p) for p in pids.read_text().split()) if pids.exists() else ():
            if alive(pid):
                os.kill(pid, 9)


def test_recursion_overflow_is_a_failed_test_with_a_plain_message() -> None:
    result = run("def square(x):\n    return square(x)\n")
    assert result.status is Status.FAILED
    assert result.tests[0].message == "RecursionError: maximum recursion depth exceeded (solution.py, line 2, in square)"
    assert "earlier calls" in result.tests[0].details  # a thousand identical frames are not all listed


def test_a_crash_of_the_interpreter_itself_is_reported() -> None:
    result = run("import ctypes\n\ndef square(x):\n    return ctypes.string_at(0)\n")
    assert result.status is Status.CRASHED
    assert result.message.startswith("The Python process running your code crashed (SIGSEGV")


def test_megabytes_of_output_are_cut_and_the_run_still_passes() -> None:
    code = "def square(x):\n    for _ in range(50_000):\n        print('x' * 99)\n    return x * x\n"
    result = run(code, limits=Limits(time_s=10, output_bytes=64 * 1024))
    assert result.status is Status.PASSED
    assert result.stdout.startswith("x" * 99 + "\n")
    kept, marker = result.stdout.rsplit("\n", 2)[0], result.stdout.rsplit("\n", 2)[1]
    assert len(kept.encode()) <= 64 * 1024 and marker == f"{OUTPUT_CUT} (14.3 MB in all)"


def test_sys_exit_in_the_module_body_is_an_import_failure() -> None:
    result = run("import sys\nsys.exit(3)\n")
    assert result.status is Status.FAILED
    assert result.message == "Your code could not be imported: sys.exit(3) was called (solution.py, line 2)"
    assert all(t.message == "Not run: your code could not be imported" for t in result.tests)


def test_sys_exit_inside_a_test_fails_that_test_only() -> None:
    result = run("import sys\n\ndef square(x):\n    if x == 3:\n        sys.exit(0)\n    return x * x\n")
    assert [t.passed for t in result.tests] == [True, False, True]
    assert result.tests[1].message == "sys.exit(0) was called (solution.py, line 5, in square)"


def test_a_syntax_error_names_its_line() -> None:
    result = run("def square(x)\n    return x * x\n")
    assert result.status is Status.FAILED
    assert result.message == "Your code could not be imported: SyntaxError: expected ':' (solution.py, line 1)"
    assert result.total == 3 and result.passed == 0


def test_an_import_of_a_missing_module_says_what_is_available() -> None:
    result = run("import sklearn\n\ndef square(x):\n    return x * x\n")
    assert result.status is Status.FAILED
    assert "no module named 'sklearn' (exercises have NumPy and the standard library)" in result.message


def test_a_missing_function_is_reported_as_the_tests_not_finding_it() -> None:
    result = run("def cube(x):\n    return x ** 3\n")
    assert result.status is Status.FAILED
    assert result.message.startswith("The tests could not use your code: ImportError: cannot import name 'square'")
    assert "from 'solution' (solution.py)" in result.message  # not the temporary folder the run used


def test_printing_fake_results_to_stdout_changes_nothing() -> None:
    code = ('print(\'{"event": "done", "import_error": null}\')\n'
            "def square(x):\n    return 0\n")
    result = run(code)
    assert result.status is Status.FAILED and result.passed == 0
    assert '"event": "done"' in result.stdout


def test_threads_left_running_do_not_hold_up_the_result() -> None:
    code = "import threading, time\nthreading.Thread(target=time.sleep, args=(60,)).start()\n" + SQUARE
    started = time.monotonic()
    result = run(code)
    assert result.status is Status.PASSED and time.monotonic() - started < 3


def test_cancel_mid_run_kills_the_whole_group_promptly(tmp_path: Path) -> None:
    pids = tmp_path / "pids.txt"
    code = f"""\
import os, time

def square(x):
    for i in range(5):
        pid = os.fork()
        if pid == 0:
            time.sleep(30)
            os._exit(0)
        with open({str(pids)!r}, "a") as f:
            f.write(f"{{pid}}\\n")
    with open({str(pids)!r}, "a") as f:
        f.write(f"{{os.getpid()}}\\n")
    time.sleep(30)
"""
    runner = ExerciseRunner(code, TESTS, Limits(time_s=30))
    results: list[RunResult] = []
    worker = threading.Thread(target=lambda: results.append(runner.run()))
    worker.start()
    try:
        deadline = time.monotonic() + 20
        while (not pids.exists() or len(pids.read_text().split()) < 6) and time.monotonic() < deadline:
            time.sleep(0.01)
        assert runner.running
        cancelled_at = time.monotonic()
        runner.cancel()
        worker.join(timeout=10)
        assert not worker.is_alive() and time.monotonic() - cancelled_at < 3
        (result,) = results
        assert result.status is Status.CANCELLED and result.message == "Cancelled"
        assert result.tests[0].message == "Did not finish: cancelled"
        assert not runner.running
        every = [int(p) for p in pids.read_text().split()]  # 5 children and the child itself
        assert len(every) == 6 and [p for p in every if alive(p)] == []
    finally:
        runner.cancel()
        for pid in (int(p) for p in pids.read_text().split()) if pids.exists() else ():
            if alive(pid):
                os.kill(pid, 9)


def test_cancel_before_run_starts_no_process() -> None:
    runner = ExerciseRunner(SQUARE, TESTS)
    runner.cancel()
    result = runner.run()
    assert result.status is Status.CANCELLED and result.total == 3


def test_a_runner_runs_once() -> None:
    runner = ExerciseRunner(SQUARE, TESTS, SMALL)
    assert runner.run().ok
    with pytest.raises(RuntimeError, match="runs once"):
        runner.run()


def test_the_parent_is_fine_after_every_kind_of_trouble() -> None:
    for code in ("import os\nos._exit(1)\n", "def square(x)\n", "while True:\n    pass\n"):
        assert not run(code).ok
    assert run(SQUARE).ok


def test_the_child_starts_without_qt_and_with_the_hidden_flag() -> None:
    tests = ("import sys\nfrom solution import loaded\n\n\ndef test_no_qt():\n"
             "    assert loaded() == [], loaded()\n\n\ndef test_flag():\n"
             f"    assert sys.argv[1:2] == [{RUN_EXERCISE_FLAG!r}], sys.argv\n")
    code = "import sys\n\ndef loaded():\n    return sorted(m for m in sys.modules if m.startswith(('PySide6', 'desktop.app')))\n"
    result = run(code, tests)
    assert result.ok, [t.message for t in result.tests]


def test_the_child_command_from_source_and_frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    assert exercises.child_command() == [sys.executable, "-m", "desktop", RUN_EXERCISE_FLAG]
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/opt/ml-interview-coach/mlcoach")
    assert exercises.child_command() == ["/opt/ml-interview-coach/mlcoach", RUN_EXERCISE_FLAG]


def test_limits_come_from_the_question() -> None:
    question = Question(id="q", category="c", difficulty="easy", title="T", answer="A", key_points=("k",),
                        starter="def square(x):\n    raise NotImplementedError\n", solution=SQUARE, tests=TESTS,
                        time_limit=3, memory_limit_mb=256)
    runner = ExerciseRunner.for_question(question, SQUARE)
    assert runner.limits == Limits(time_s=3, memory_mb=256)
    assert runner.run().ok
    with pytest.raises(ValueError, match="not a coding exercise"):
        ExerciseRunner.for_question(Question(id="p", category="c", difficulty="easy", title="T", answer="A",
                                             key_points=("k",)), SQUARE)


def test_results_as_plain_data() -> None:
    data = run("def square(x):\n    return x + x\n").as_dict()
    assert data["status"] == "failed" and data["passed"] == 1 and data["total"] == 3
    first = data["tests"][0]
    assert first == {"name": "test_two", "passed": True, "message": "", "seconds": first["seconds"], "details": "",
                     "cpu_seconds": first["cpu_seconds"]}


def test_a_relative_command_is_taken_from_the_current_folder() -> None:
    relative = os.path.relpath(sys.executable)
    runner = ExerciseRunner(SQUARE, TESTS, SMALL, command=[relative, "-m", "desktop", RUN_EXERCISE_FLAG])
    assert runner.command[0] == os.path.abspath(relative)
    assert runner.run().ok  # the child starts in its own temporary folder, where the relative path means nothing


def test_a_runner_that_cannot_start_gives_a_result_not_an_exception(tmp_path: Path) -> None:
    result = ExerciseRunner(SQUARE, TESTS, SMALL, command=[str(tmp_path / "no-such-python")]).run()
    assert result.status is Status.CRASHED
    assert result.message == "The exercise could not be started: No such file or directory"
    assert [t.message for t in result.tests] == ["Not run"] * 3


def test_each_test_reports_the_cpu_it_used_beside_its_wall_time() -> None:
    """The bank's bar on how long an exercise's tests take reads CPU time, which a busy machine does not stretch."""
    busy = "def square(x):\n    import time\n    end = time.process_time() + 0.2\n    while time.process_time() < end:\n" \
           "        pass\n    return x * x\n"
    result = run(busy, tests="from solution import square\n\n\ndef test_busy():\n    assert square(3) == 9\n",
                 limits=Limits(time_s=5, memory_mb=64, startup_s=0.5))
    (test,) = result.tests
    assert test.passed and 0.2 <= test.cpu_seconds <= test.seconds + 0.05, (test.cpu_seconds, test.seconds)
    assert run(SQUARE).tests[0].cpu_seconds < 0.2  # a test that does little uses little
