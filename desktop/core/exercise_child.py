"""The child side of a coding-exercise run: `mlcoach --run-exercise DIR` (or `python -m desktop …`).

It runs in its own process, started by `desktop.core.exercises.ExerciseRunner`, in a temporary
folder DIR that holds:

    job.json           the limits, and the length of the tests (written by the parent)
    solution.py        the user's code
    results.jsonl      written here, one JSON object a line, flushed after every test:
                       {"event": "collected", "tests": [names]}
                       {"event": "start", "name"}   before each test, so a kill names the one running
                       {"event": "test", "name", "passed", "message", "details", "seconds", "cpu", "memory"}
                       {"event": "done", "import_error": str | null}

The exercise's hidden tests (`test_*` functions that import from `solution`) never touch the disk: the
parent writes them to this process's stdin, which is read to its end and swapped for the null device
before the user's code is imported. They are compiled under the name test_solution.py (so tracebacks
and messages read as before) into a module that is in sys.modules only while its own body runs. So the
user's code finds no file to open, list or print, nothing on stdin, and no `test_solution` to import.
(Code in the same process can still walk the interpreter's objects, e.g. a caller's frame; the tests
are hidden from files and imports, not sandboxed from a determined reader of memory.)

A line per test means a run that is killed (time limit, cancel, crash) still reports the tests that
finished. Results go to a file, never stdout, because the user's code prints; the parent reads stdout
and stderr separately and keeps only their start. Only the standard library is imported before the
user's code, so the child starts in ~20 ms plus NumPy's import when the exercise uses it.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType, TracebackType
from typing import Any

PROTOCOL = 2  # 2: the tests come on stdin, not in a file
JOB_FILE = "job.json"
SOLUTION_FILE = "solution.py"
TESTS_FILE = "test_solution.py"  # the name the tests are compiled under; no such file is ever written
RESULTS_FILE = "results.jsonl"
# The tests, in the order they are written: one definition per name, at the start of a line.
TEST_FUNCTION = re.compile(r"^def\s+(test_\w+)\s*\(", re.MULTILINE)

# Modules an exercise may import besides NumPy: the frozen bundle carries exactly these (plus what the
# app itself imports), so packaging/mlcoach.spec reads this list and tests/content checks every exercise
# against it. Anything else would work from source and fail in the installed app.
STDLIB_FOR_EXERCISES = (
    "abc", "array", "bisect", "cmath", "collections", "contextlib", "copy", "csv", "dataclasses", "datetime",
    "decimal", "enum", "fractions", "functools", "hashlib", "heapq", "io", "itertools", "json", "math",
    "numbers", "operator", "random", "re", "sqlite3", "statistics", "string", "struct", "textwrap", "time",
    "typing", "unicodedata",
)

_MESSAGE_CHARS = 2000
_DETAIL_FRAMES = 6
# Kept until the user's code runs out of memory, then freed so the report can still be written.
_RESERVE_BYTES = 2 * 1024 * 1024


def defined_tests(tests_source: str) -> list[str]:
    """The test functions a tests file defines, in order (no import needed)."""
    return list(dict.fromkeys(TEST_FUNCTION.findall(tests_source)))


def main(argv: list[str]) -> int:
    """Run the job in argv[0]; the exit code matters less than results.jsonl (see the module docs)."""
    if len(argv) != 1 or not (Path(argv[0]) / JOB_FILE).is_file():
        print("usage: mlcoach --run-exercise DIR   (DIR holds job.json; started by the app)", file=sys.stderr)
        return 2
    folder = Path(argv[0]).resolve()
    job = json.loads((folder / JOB_FILE).read_text(encoding="utf-8"))
    if job.get("protocol") != PROTOCOL:
        print(f"run-exercise: protocol {job.get('protocol')!r} is not {PROTOCOL}", file=sys.stderr)
        return 2
    tests, problem = _take_tests(int(job.get("tests_bytes", -1)))
    os.chdir(folder)
    sys.path.insert(0, str(folder))
    sys.dont_write_bytecode = True
    for name in ("stdout", "stderr"):  # a windowed frozen app on Windows may start with no streams
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 - lives as long as the process
    results = os.open(folder / RESULTS_FILE, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    if problem:
        os.write(results, (json.dumps({"event": "done", "import_error": problem}) + "\n").encode("utf-8"))
        os._exit(0)
    sources = (folder / SOLUTION_FILE).read_text(encoding="utf-8") + tests
    # Loaded before the limits and the tests, so those measure the user's code, not NumPy's start-up.
    if "numpy" in sources:
        import numpy
    if "np.testing" in sources or "numpy.testing" in sources:
        import numpy.testing  # noqa: F401 - ~90 ms of imports (unittest, …) on first use
    _limit_resources(int(job["memory_limit_mb"]), float(job["cpu_limit_s"]))
    _Harness(folder, results, tests).run()
    sys.stdout.flush()
    sys.stderr.flush()
    # Skip interpreter shutdown: threads or atexit handlers the user's code left behind must not keep
    # the process alive (and run into the time limit) after every result is written.
    os._exit(0)


def _take_tests(expected_bytes: int) -> tuple[str, str]:
    """The tests, read from stdin to its end; then stdin becomes the null device, so the user's code reads
    nothing there. Returns (tests, "") or ("", what went wrong)."""
    chunks = []
    try:
        while chunk := os.read(0, 1 << 16):
            chunks.append(chunk)
    except OSError as exc:  # no stdin at all (it is a pipe from the parent, so this is not expected)
        return "", f"The exercise's tests did not reach the process running your code ({exc})"
    finally:
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.close(null)
        if sys.stdin is None:
            sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 - lives as long as the process
    data = b"".join(chunks)
    if len(data) != expected_bytes:
        return "", f"The exercise's tests did not reach the process running your code ({len(data)} of " \
                   f"{expected_bytes} bytes)"
    return data.decode("utf-8"), ""


def _limit_resources(memory_mb: int, cpu_s: float) -> None:
    """Cap this process's memory and CPU time (POSIX; Windows relies on the parent's watchdog).

    Memory: RLIMIT_AS counts address space, and the interpreter plus NumPy already hold ~100 MB of it
    before any user code, so the cap is what is in use now plus the exercise's limit: `memory_limit_mb`
    means what the user's code may allocate. Linux enforces it (an allocation beyond fails, Python raises
    MemoryError). macOS reports hundreds of GB of address space for every process (the shared cache)
    and does not enforce RLIMIT_AS, so there only the CPU and wall-clock limits apply.
    CPU: RLIMIT_CPU sends SIGXCPU at the soft limit and SIGKILL at the hard one; it catches a busy loop
    even if the parent's wall-clock watchdog were starved.
    """
    try:
        import resource
    except ImportError:  # Windows
        return
    cpu = max(1, int(cpu_s + 0.999))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    if sys.platform.startswith("linux"):
        in_use = int(Path("/proc/self/statm").read_text().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        cap = in_use + _RESERVE_BYTES + memory_mb * 1024 * 1024
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard == resource.RLIM_INFINITY or cap < hard:
            resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


class _Harness:
    """Imports the user's code and the tests, runs each test, writes one line per result."""

    def __init__(self, folder: Path, results_fd: int, tests: str) -> None:
        self.folder = folder
        self.fd = results_fd
        self.tests = tests
        self.tests_lines = tests.splitlines()  # for messages that quote a test's line: there is no file to read
        self.reserve: bytearray | None = bytearray(_RESERVE_BYTES)

    def write(self, record: dict[str, Any]) -> None:
        os.write(self.fd, (json.dumps(record) + "\n").encode("utf-8"))

    def run(self) -> None:
        names = defined_tests(self.tests)
        module = ModuleType("test_solution")
        problem = self.guarded(lambda: __import__("solution"))
        if problem is None:
            problem = self.guarded(lambda: self.load_tests(module))
            if problem is not None:
                problem = {**problem, "message": "The tests could not use your code: " + problem["message"]}
        else:
            problem = {**problem, "message": "Your code could not be imported: " + problem["message"]}
        if problem is not None:
            self.write({"event": "collected", "tests": names})
            self.write({"event": "done", "import_error": problem["message"], "details": problem["details"],
                        "memory": problem["memory"]})
            return
        tests = [(n, f) for n, f in vars(module).items()
                 if n.startswith("test_") and callable(f) and getattr(f, "__module__", None) == "test_solution"]
        self.write({"event": "collected", "tests": [n for n, _f in tests]})
        for name, func in tests:
            self.write({"event": "start", "name": name})
            started, cpu = time.perf_counter(), time.process_time()
            failure = self.guarded(func)
            seconds = time.perf_counter() - started
            self.write({"event": "test", "name": name, "passed": failure is None, "seconds": seconds,
                        "cpu": time.process_time() - cpu,
                        "message": "" if failure is None else failure["message"],
                        "details": "" if failure is None else failure["details"],
                        "memory": bool(failure and failure["memory"])})
        self.write({"event": "done", "import_error": None})

    def load_tests(self, module: ModuleType) -> None:
        """Run the tests' module body from memory. It is in sys.modules only meanwhile (dataclasses and typing
        look a class's module up there), so the user's code cannot import it when a test calls it."""
        code = compile(self.tests, str(self.folder / TESTS_FILE), "exec", dont_inherit=True)
        sys.modules[module.__name__] = module
        try:
            exec(code, module.__dict__)
        finally:
            sys.modules.pop(module.__name__, None)

    def guarded(self, call: Callable[[], object]) -> dict[str, Any] | None:
        """Call it; None if it returned, else what went wrong, in words. Catches everything the user's
        code can raise, SystemExit and MemoryError included."""
        try:
            call()
        except MemoryError as exc:
            self.reserve = None  # room to write the report
            message = f"MemoryError: the memory limit was reached{self.where(exc.__traceback__)}"
            report = {"message": message, "details": self.frames(exc.__traceback__), "memory": True}
            del exc
            self.reserve = bytearray(_RESERVE_BYTES) if _can_allocate() else None
            return report
        except SystemExit as exc:
            return {"message": f"sys.exit({exc.code!r}) was called{self.where(exc.__traceback__)}",
                    "details": self.frames(exc.__traceback__), "memory": False}
        except BaseException as exc:  # the user's code may raise anything
            return {"message": self.describe(exc), "details": self.frames(exc.__traceback__), "memory": False}
        return None

    def describe(self, exc: BaseException) -> str:
        # A message naming a file of the run says "solution.py", not the temporary folder it was run in.
        text = _safe_str(exc).strip().replace(str(self.folder) + os.sep, "")
        if isinstance(exc, AssertionError):
            if text:
                return _cut(text)
            line = self.failing_line(exc.__traceback__)
            return f"Assertion failed: {line}" if line else "Assertion failed"
        if isinstance(exc, SyntaxError):
            return _cut(f"SyntaxError: {exc.msg} ({Path(exc.filename or '?').name}, line {exc.lineno})")
        if isinstance(exc, ModuleNotFoundError):
            return _cut(f"ModuleNotFoundError: no module named {exc.name!r} (exercises have NumPy and the "
                        "standard library)")
        name, where = type(exc).__name__, self.where(exc.__traceback__)
        return _cut(f"{name}: {text}{where}" if text else f"{name}{where}")

    def user_frames(self, tb: TracebackType | None) -> list[tuple[str, int, str, str]]:
        """(file, line, function, source) for the frames in solution.py and test_solution.py."""
        import linecache

        frames = []
        while tb is not None:
            code = tb.tb_frame.f_code
            path = Path(code.co_filename)
            if path.parent == self.folder and path.name in (SOLUTION_FILE, TESTS_FILE):
                line = tb.tb_lineno
                if path.name == TESTS_FILE:
                    source = self.tests_lines[line - 1] if 0 < line <= len(self.tests_lines) else ""
                else:
                    source = linecache.getline(str(path), line)
                frames.append((path.name, line, code.co_name, source.strip()))
            tb = tb.tb_next
        return frames

    def where(self, tb: TracebackType | None) -> str:
        frames = self.user_frames(tb)
        if not frames:
            return ""
        file, line, func, _src = frames[-1]
        return f" ({file}, line {line}" + (f", in {func})" if func != "<module>" else ")")

    def failing_line(self, tb: TracebackType | None) -> str:
        frames = self.user_frames(tb)
        return frames[-1][3] if frames else ""

    def frames(self, tb: TracebackType | None) -> str:
        frames = self.user_frames(tb)
        hidden = len(frames) - _DETAIL_FRAMES
        lines = [f"… {hidden} earlier calls"] if hidden > 0 else []
        for file, line, func, src in frames[-_DETAIL_FRAMES:]:
            lines.append(f'File "{file}", line {line}, in {func}' + (f"\n    {src}" if src else ""))
        return "\n".join(lines)


def _safe_str(exc: BaseException) -> str:
    try:
        return str(exc)
    except Exception:  # a user-defined __str__ may itself fail
        return ""


def _cut(text: str) -> str:
    return text if len(text) <= _MESSAGE_CHARS else text[:_MESSAGE_CHARS] + " …"


def _can_allocate() -> bool:
    try:
        bytearray(_RESERVE_BYTES)
    except MemoryError:
        return False
    return True
