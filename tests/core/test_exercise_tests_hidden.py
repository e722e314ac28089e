"""The hidden tests stay hidden from the code under test: a solution that goes looking for them, by every
way a curious user (or a cheating solution) would try, finds nothing, at import time or when a test calls
it, and cannot print them. Real child processes, as the app starts them.

(Adversary testing found solution.py and test_solution.py side by side in the run's folder: `print(open(
"test_solution.py").read())` showed the hidden tests, and a solution could read the expected values.)
"""

from __future__ import annotations

from desktop.core.exercises import ExerciseRunner, Limits, Status

MARKER = "hidden-tests-marker-5e0c2a"
LIMITS = Limits(time_s=5, memory_mb=256, startup_s=1.0)

# Everything it finds goes in a list of findings (and to stdout, as a user printing the tests would).
SNOOP = r'''
import glob
import importlib
import os
import sys

MARKER = "hidden-tests-" + "marker-5e0c2a"  # split, so this file itself never matches


def _read(path):
    try:
        with open(path, "rb") as f:
            return f.read().decode("utf-8", "replace")
    except OSError:
        return ""


def look():
    found = []
    here = os.path.dirname(os.path.abspath(__file__))
    folders = {here, os.getcwd(), *(a for a in sys.argv[1:] if os.path.isdir(a))}
    for folder in folders:
        for name in os.listdir(folder):
            if "test" in name.lower():
                found.append(f"listed {name}")
        for path in glob.glob(os.path.join(folder, "**", "*"), recursive=True):
            if os.path.isfile(path) and MARKER in _read(path):
                found.append(f"read {os.path.basename(path)}")
    for name in ("test_solution.py", "tests.py", "test.py"):
        if MARKER in _read(os.path.join(here, name)):
            found.append(f"opened {name}")
    for name in ("test_solution", "tests", "test"):
        try:
            module = importlib.import_module(name)
        except BaseException:
            continue
        if hasattr(module, "SECRET_CASES") or MARKER in _read(getattr(module, "__file__", None) or ""):
            found.append(f"imported {name}")
    if "test_solution" in sys.modules:
        found.append("sys.modules has test_solution")
    try:
        stdin = sys.stdin.read() if sys.stdin is not None else ""
    except (OSError, ValueError):
        stdin = ""
    try:
        raw = os.read(0, 1 << 20).decode("utf-8", "replace")
    except OSError:
        raw = ""
    if MARKER in stdin + raw:
        found.append("read stdin")
    if sys.platform.startswith("linux"):
        for fd in os.listdir("/proc/self/fd"):  # files it has open (pipes would block: not those)
            path = f"/proc/self/fd/{fd}"
            if os.path.isfile(path) and MARKER in _read(path):
                found.append(f"read fd {fd}")
    for finding in found:
        print(finding)
    return found


AT_IMPORT = look()


def add(a, b):
    return a + b
'''

TESTS = f'''\
from solution import AT_IMPORT, add, look

SECRET_CASES = [(2, 3, 5), (-1, 1, 0)]  # {MARKER}


def test_nothing_found_while_the_solution_was_imported():
    assert AT_IMPORT == [], AT_IMPORT


def test_nothing_found_while_a_test_calls_it():
    found = look()
    assert found == [], found


def test_the_solution_still_works():
    assert all(add(a, b) == total for a, b, total in SECRET_CASES)
'''


def test_a_solution_looking_for_the_hidden_tests_finds_nothing() -> None:
    result = ExerciseRunner(SNOOP, TESTS, LIMITS).run()
    assert result.status is Status.PASSED, [(t.name, t.message) for t in result.tests]
    assert MARKER not in result.stdout + result.stderr
    assert result.stdout == ""  # nothing found, so nothing printed


def test_failures_still_quote_the_tests_line_and_name_its_file() -> None:
    """The tests are not on disk any more, yet a failure still shows the line of the test that failed."""
    tests = "from solution import add\n\n\ndef test_sum():\n    assert add(2, 3) == 5\n"
    result = ExerciseRunner("def add(a, b):\n    return a - b\n", tests, LIMITS).run()
    (test,) = result.tests
    assert test.message == "Assertion failed: assert add(2, 3) == 5"
    assert test.details == 'File "test_solution.py", line 5, in test_sum\n    assert add(2, 3) == 5'


def test_a_syntax_error_in_the_tests_is_reported_as_before() -> None:
    result = ExerciseRunner("def add(a, b):\n    return a + b\n", "from solution import add\ndef test_x(:\n", LIMITS).run()
    assert result.status is Status.FAILED
    assert result.message.startswith("The tests could not use your code: SyntaxError")
    assert "(test_solution.py, line 2)" in result.message


def test_user_code_reading_stdin_gets_nothing_and_does_not_hang() -> None:
    code = "import sys\nDATA = sys.stdin.read()\n\ndef data():\n    return DATA\n"
    tests = f"from solution import data\n\n\ndef test_stdin_is_empty():\n    assert data() == '', data()  # {MARKER}\n"
    result = ExerciseRunner(code, tests, LIMITS).run()
    assert result.ok, [t.message for t in result.tests]
