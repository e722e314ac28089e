"""Coding exercises: run the user's code against an exercise's hidden tests, in a process that cannot
hurt the app. No Qt.

Public API (the editor builds on this; every method is safe to call from any thread):

    question.is_exercise, question.exercise_kind ("python" | "sql" | "debug"), question.starter,
    question.solution, question.tests, question.time_limit, question.memory_limit_mb   (desktop.core.bank)

    runner = ExerciseRunner.for_question(question, code)   # limits from the question's front matter;
                                                           # ValueError if it is not an exercise
    runner = ExerciseRunner(code, tests, Limits(time_s=10, memory_mb=1024), command=None)  # spelled out
    result = runner.run()   # BLOCKS until the results are in (~0.15-0.5 s for a NumPy exercise; at most
                            # time_s + Limits.startup_s + ~0.1 s): call it on a worker thread, never the UI
                            # thread. It returns a result for anything the user's code does, and for a child
                            # that cannot start (CRASHED); one run per runner (a second run() raises
                            # RuntimeError).
    runner.cancel()         # any thread, any time, idempotent: kills the child and everything it started;
                            # a run() in progress returns within milliseconds with status CANCELLED, and a
                            # run() not yet started returns CANCELLED without starting a process.
    runner.running          # True while the child process is alive

    Limits(time_s=10, memory_mb=1024, output_bytes=64 * 1024, startup_s=1.0)  frozen dataclass

    result: RunResult  (frozen dataclass)
        .status    Status.PASSED | FAILED | TIME_LIMIT | MEMORY_LIMIT | CRASHED | CANCELLED, a StrEnum:
                   "passed", "failed", "time-limit", "memory-limit", "crashed", "cancelled"
        .message   one plain line for a status bar: "All 5 tests passed", "3 of 5 tests passed",
                   "Time limit of 10 s exceeded", "Memory limit of 1024 MB exceeded", "Cancelled",
                   "Your code could not be imported: SyntaxError: expected ':' (solution.py, line 1)",
                   "The tests could not use your code: ImportError: cannot import name 'f' …",
                   "Your code ended the process (exit code 0) before the tests finished",
                   "The Python process running your code crashed (SIGSEGV: …)",
                   "The exercise could not be started: No such file or directory"
        .details   the user's own traceback frames when the code could not be imported, else ""
        .tests     tuple[TestResult, ...] in the order the tests are written, every test listed even if
                   it never ran. TestResult(name, passed, message, seconds, details): message says why it
                   failed ("expected 4, got 5", "Assertion failed: assert f(3) == 9", "ValueError: …
                   (solution.py, line 7, in f)"), or "Did not finish: time limit of 10 s exceeded" /
                   "Did not finish: cancelled" for the test that was running, "Not run" for the rest;
                   details is the traceback through solution.py and test_solution.py only.
        .passed, .total, .ok      tests passed, tests in all, status is PASSED
        .stdout, .stderr          what the user's code printed, each cut at Limits.output_bytes and then
                                  ending in a "… output cut (N MB in all)" line
        .seconds   wall-clock time from run() to the result
        .as_dict() plain JSON-ready data (the CLI's --json)

    The user's code and their runs are kept by store.exercises (desktop.core.exercise_log.ExerciseLog):
    save_code(qid, code) on every keystroke like a note, code(qid) -> str | None (None: show the starter),
    forget_code(qid), record_run(qid, result) -> ExerciseRun, runs(qid=None) newest first, last_run(qid),
    solved() -> set of ids; each change is announced on store.changes as Change.EXERCISES.

How a run works: run() writes the code and a job.json into a fresh temporary folder and starts
`sys.executable -m desktop --run-exercise DIR` from source, or the frozen app's own executable with the
same hidden flag (so no system Python is needed), and writes the hidden tests to its stdin: they are never
in a file the user's code could open, list, print or import. The child (desktop/core/exercise_child.py,
which says how) runs in its own session and process group, caps its own address space and CPU time (POSIX),
runs the tests and appends one JSON line per result to DIR/results.jsonl; results never travel over
stdout, which belongs to the user's code. A watchdog thread kills the whole group at the wall-clock
deadline or on cancel().
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from desktop import RUN_EXERCISE_FLAG
from desktop.core.exercise_child import JOB_FILE, PROTOCOL, RESULTS_FILE, SOLUTION_FILE, defined_tests
from desktop.core.wording import count

if TYPE_CHECKING:
    from collections.abc import Sequence

    from desktop.core.bank import Question

OUTPUT_CUT = "… output cut"
# Every process of a run carries this variable, so on Linux a process that left the run's group
# (os.setsid) is still found in /proc and killed.
RUN_TOKEN_ENV = "MLCOACH_EXERCISE_RUN"


class Status(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    TIME_LIMIT = "time-limit"
    MEMORY_LIMIT = "memory-limit"
    CRASHED = "crashed"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Limits:
    time_s: int = 10  # wall clock for the user's code and the tests
    memory_mb: int = 1024  # what the user's code may allocate on top of Python and NumPy
    output_bytes: int = 64 * 1024  # kept of stdout, and of stderr
    # Added to time_s for starting the interpreter and importing NumPy (~0.2 s warm): the limit is
    # meant for the user's code, and a cold first start must not fail a correct solution.
    startup_s: float = 1.0


@dataclass(frozen=True)
class TestResult:
    __test__ = False  # not a pytest test class, despite its name

    name: str
    passed: bool
    message: str = ""  # why it failed, in one or a few plain lines
    seconds: float = 0.0
    details: str = ""  # the user's frames of the traceback, newest last
    cpu_seconds: float = 0.0  # the child's CPU time for it: unlike `seconds`, not stretched by a busy machine


@dataclass(frozen=True)
class RunResult:
    status: Status
    message: str
    tests: tuple[TestResult, ...] = ()
    stdout: str = ""
    stderr: str = ""
    seconds: float = 0.0
    details: str = ""

    @property
    def passed(self) -> int:
        return sum(t.passed for t in self.tests)

    @property
    def total(self) -> int:
        return len(self.tests)

    @property
    def ok(self) -> bool:
        return self.status is Status.PASSED

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "status": self.status.value, "passed": self.passed, "total": self.total}


def child_command() -> list[str]:
    """How to start a child: the frozen app re-runs its own executable, a source checkout its Python."""
    if getattr(sys, "frozen", False):
        return [sys.executable, RUN_EXERCISE_FLAG]
    return [sys.executable, "-m", "desktop", RUN_EXERCISE_FLAG]


class ExerciseRunner:
    """One run of one piece of code against one exercise's tests. See the module docs."""

    def __init__(self, code: str, tests: str, limits: Limits | None = None,
                 command: Sequence[str] | None = None) -> None:
        self.code = code
        self.tests = tests
        self.limits = limits or Limits()
        self.command = list(command) if command is not None else child_command()
        if os.sep in self.command[0] or (os.altsep and os.altsep in self.command[0]):
            self.command[0] = os.path.abspath(self.command[0])  # the child starts in its own folder
        self._lock = threading.Lock()
        self._proc: subprocess.Popen[bytes] | None = None
        self._reaped = False
        self._started = False
        self._cancelled = False
        self._timed_out = False
        self._exited = threading.Event()

    @classmethod
    def for_question(cls, question: Question, code: str, command: Sequence[str] | None = None) -> ExerciseRunner:
        if not question.is_exercise:
            raise ValueError(f"{question.id} is not a coding exercise")
        limits = Limits(time_s=question.time_limit, memory_mb=question.memory_limit_mb)
        return cls(code, question.tests, limits, command)

    @property
    def running(self) -> bool:
        with self._lock:
            return self._proc is not None and not self._reaped

    def cancel(self) -> None:
        """Stop the run: the child and everything it started are killed; run() returns CANCELLED."""
        with self._lock:
            self._cancelled = True
        self._kill()

    # ------------------------------------------------------------------ run

    def run(self) -> RunResult:
        with self._lock:
            if self._started:
                raise RuntimeError("an ExerciseRunner runs once; make a new one")
            self._started = True
        started = time.monotonic()
        try:
            folder = Path(tempfile.mkdtemp(prefix="mlcoach-exercise-"))
        except OSError as exc:
            return self._not_started(exc, started)
        try:
            token = uuid.uuid4().hex
            with self._lock:
                if self._cancelled:
                    return self._result(folder, None, started, "", "")
                try:
                    self._write_job(folder)
                    self._proc = proc = self._spawn(folder, token)
                except OSError as exc:  # a full disk, a missing executable: a result, never an exception
                    return self._not_started(exc, started)
            assert proc.stdout is not None and proc.stderr is not None
            out, err = _CappedReader(proc.stdout, self.limits.output_bytes), \
                _CappedReader(proc.stderr, self.limits.output_bytes)
            threading.Thread(target=self._watchdog, name="exercise-watchdog", daemon=True).start()
            try:
                self._send_tests(proc)
                self._wait_for_exit(proc)
            except BaseException:  # e.g. Ctrl+C in the terminal: the child is in another session and never saw it
                self._kill()
                with contextlib.suppress(subprocess.TimeoutExpired):
                    proc.wait(timeout=2)  # reaped: gone before the caller says "Cancelled"
                raise
            with self._lock:
                # The child has exited but is not reaped yet, so its group id cannot have been reused:
                # kill whatever it left running in its group, then reap it.
                self._kill_group(proc)
                self._reaped = True
            returncode = proc.wait()
            self._exited.set()
            if sys.platform.startswith("linux"):
                _wait_until_gone(proc.pid, _kill_escapees(token))
            return self._result(folder, returncode, started, out.text(), err.text())
        finally:
            self._exited.set()
            shutil.rmtree(folder, ignore_errors=True)

    def _not_started(self, exc: OSError, started: float) -> RunResult:
        tests = tuple(TestResult(name, False, "Not run") for name in defined_tests(self.tests))
        return RunResult(Status.CRASHED, f"The exercise could not be started: {exc.strerror or exc}", tests,
                         seconds=time.monotonic() - started)

    def _write_job(self, folder: Path) -> None:
        (folder / SOLUTION_FILE).write_text(self.code, encoding="utf-8")
        job = {"protocol": PROTOCOL, "memory_limit_mb": self.limits.memory_mb,
               "cpu_limit_s": self.limits.time_s + self.limits.startup_s,
               "tests_bytes": len(self.tests.encode("utf-8"))}  # the child checks they all arrived
        (folder / JOB_FILE).write_text(json.dumps(job), encoding="utf-8")

    def _send_tests(self, proc: subprocess.Popen[bytes]) -> None:
        """The tests go to the child's stdin, never to disk. A child killed meanwhile (cancel, the time limit)
        breaks the pipe: its result says what happened, so the error here says nothing new."""
        assert proc.stdin is not None
        with contextlib.suppress(OSError):  # BrokenPipeError; EINVAL on Windows
            proc.stdin.write(self.tests.encode("utf-8"))
        with contextlib.suppress(OSError):
            proc.stdin.close()

    def _spawn(self, folder: Path, token: str) -> subprocess.Popen[bytes]:
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONHASHSEED": "0", "PYTHONIOENCODING": "utf-8",
               # One BLAS thread: timings that do not depend on the machine, and no per-thread buffers
               # eating into the memory limit.
               "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
               # A frozen (PyInstaller) child must set itself up afresh, not as part of its parent.
               "PYINSTALLER_RESET_ENVIRONMENT": "1", RUN_TOKEN_ENV: token}
        if not getattr(sys, "frozen", False):
            # The child must run this very copy of `desktop`, whatever the current folder is.
            root = str(Path(__file__).resolve().parents[2])
            env["PYTHONPATH"] = os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p)
        command, pipe = [*self.command, str(folder)], subprocess.PIPE
        if sys.platform == "win32":  # its own process group, no console window
            return subprocess.Popen(command, cwd=folder, env=env, stdin=pipe, stdout=pipe, stderr=pipe,
                                    creationflags=subprocess.CREATE_NEW_PROCESS_GROUP | subprocess.CREATE_NO_WINDOW)
        # Its own session, so its own process group. (Not preexec_fn: that is unsafe in a threaded
        # program such as the app; the child sets its own resource limits instead.)
        return subprocess.Popen(command, cwd=folder, env=env, stdin=pipe, stdout=pipe, stderr=pipe,
                                start_new_session=True)

    def _watchdog(self) -> None:
        if not self._exited.wait(self.limits.time_s + self.limits.startup_s):
            with self._lock:
                self._timed_out = not self._cancelled
            self._kill()

    @staticmethod
    def _wait_for_exit(proc: subprocess.Popen[bytes]) -> None:
        """Block until the child exits, without reaping it where the platform allows (see run()).

        Python has no os.waitid on macOS (nor on Windows), so there the child is reaped here. Killing its
        group afterwards is still safe: a process group's id is not reused while any member is alive, and
        with no member left the kill finds nothing (ESRCH).
        """
        if hasattr(os, "waitid"):
            os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOWAIT)
        else:
            proc.wait()

    def _kill(self) -> None:
        with self._lock:
            if self._proc is not None and not self._reaped:
                self._kill_group(self._proc)

    @staticmethod
    def _kill_group(proc: subprocess.Popen[bytes]) -> None:
        """Kill the child and its descendants. The caller holds the lock and the child is not reaped."""
        if sys.platform != "win32":
            with contextlib.suppress(ProcessLookupError, PermissionError):  # the group is already empty
                os.killpg(proc.pid, signal.SIGKILL)  # the group id is the child's pid (start_new_session)
            return
        # Windows has no process groups to signal: taskkill /T walks the tree from the child (whose
        # handle Popen holds open, so its pid cannot be reused meanwhile) and /F terminates each process.
        # A grandchild whose parent already exited is outside that tree; exercises have no reason to
        # start processes, so that case is accepted rather than handled with a job object.
        if proc.poll() is None:
            subprocess.run(["taskkill", "/F", "/T", "/PID", str(proc.pid)], capture_output=True,
                           creationflags=subprocess.CREATE_NO_WINDOW, check=False)
            if proc.poll() is None:
                proc.kill()

    # -------------------------------------------------------------- results

    def _result(self, folder: Path, returncode: int | None, started: float, stdout: str, stderr: str) -> RunResult:
        records = _read_records(folder / RESULTS_FILE)
        collected = next((r["tests"] for r in records if r.get("event") == "collected"), None)
        names = [str(n) for n in collected] if isinstance(collected, list) else defined_tests(self.tests)
        finished = {r["name"]: r for r in records if r.get("event") == "test" and "name" in r}
        running = next((r["name"] for r in reversed(records) if r.get("event") == "start"), None)
        done = next((r for r in records if r.get("event") == "done"), None)
        status, message, why = self._verdict(done, finished, returncode, running is None)
        tests = []
        for name in names:
            record = finished.get(name)
            if record is not None:
                tests.append(TestResult(name, bool(record.get("passed")), str(record.get("message", "")),
                                        float(record.get("seconds", 0.0)), str(record.get("details", "")),
                                        float(record.get("cpu", 0.0))))
            elif name == running:
                tests.append(TestResult(name, False, f"Did not finish: {why}"))
            else:
                tests.append(TestResult(name, False, "Not run" if done is None or not done.get("import_error")
                                        else "Not run: your code could not be imported"))
        details = str(done.get("details") or "") if done else ""
        return RunResult(status, message, tuple(tests), stdout, stderr, time.monotonic() - started, details)

    def _verdict(self, done: dict[str, Any] | None, finished: dict[str, dict[str, Any]],
                 returncode: int | None, before_tests: bool) -> tuple[Status, str, str]:
        """The overall status, its message, and why the test that was running did not finish."""
        time_limit = f"Time limit of {self.limits.time_s} s exceeded"
        memory_limit = f"Memory limit of {self.limits.memory_mb} MB exceeded"
        if done is not None:  # every test reported: the results stand, whatever happened after
            if done.get("memory") or any(r.get("memory") for r in finished.values()):
                return Status.MEMORY_LIMIT, memory_limit, ""
            if done.get("import_error"):
                return Status.FAILED, str(done["import_error"]), ""
            passed, total = sum(bool(r.get("passed")) for r in finished.values()), len(finished)
            if total and passed == total:
                return Status.PASSED, "The test passed" if total == 1 else f"All {total} tests passed", ""
            return Status.FAILED, f"{passed} of {count(total, 'test')} passed", ""
        if self._cancelled:
            return Status.CANCELLED, "Cancelled", "cancelled"
        if self._timed_out or (returncode is not None and returncode == -getattr(signal, "SIGXCPU", 0) != 0):
            return Status.TIME_LIMIT, time_limit, time_limit.lower()
        when = " while it was being imported" if before_tests else ""
        if returncode is not None and returncode < 0:
            how = _signal_name(-returncode)
            return Status.CRASHED, f"The Python process running your code crashed{when} ({how})", how
        return (Status.CRASHED, f"Your code ended the process (exit code {returncode})"
                + (when or " before the tests finished"), "the process ended")


class _CappedReader:
    """Drains a pipe on its own thread, keeping only the first `cap` bytes (the child never blocks
    on a full pipe, and megabytes of output cost the app nothing)."""

    def __init__(self, pipe: IO[bytes], cap: int) -> None:
        self.pipe = pipe
        self.cap = cap
        self.kept = bytearray()
        self.total = 0
        self.thread = threading.Thread(target=self._drain, name="exercise-output", daemon=True)
        self.thread.start()

    def _drain(self) -> None:
        fd = self.pipe.fileno()
        try:
            while chunk := os.read(fd, 65536):
                self.total += len(chunk)
                if len(self.kept) < self.cap:
                    self.kept += chunk[: self.cap - len(self.kept)]
        except OSError:
            pass
        finally:
            self.pipe.close()

    def text(self) -> str:
        # Every process of the run is dead by now, so the pipe is at its end; the timeout only guards
        # against a process that escaped the kill and still holds it open.
        self.thread.join(timeout=2.0)
        text = bytes(self.kept).decode("utf-8", errors="replace")
        if self.total > len(self.kept):
            text += ("" if text.endswith("\n") else "\n") + f"{OUTPUT_CUT} ({_size(self.total)} in all)\n"
        return text


def _read_records(path: Path) -> list[dict[str, Any]]:
    """The child's JSON lines; a line cut short by a kill is skipped."""
    records = []
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    for line in lines:
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict):
            records.append(record)
    return records


def _wait_until_gone(group: int, escapees: list[int], timeout: float = 2.0) -> None:
    """SIGKILL is delivered, not instant: wait (briefly) until no process of the group, nor any escapee
    killed, still runs, so a finished or cancelled run has really stopped everything it started.
    Zombies do not count."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with os.scandir("/proc") as entries:
            if not any(_still_runs(e.name, group, escapees) for e in entries if e.name.isdigit()):
                return
        time.sleep(0.005)


def _still_runs(pid: str, group: int, escapees: list[int]) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return False
    alive = fields[0] not in ("Z", "X")  # fields: state, ppid, pgrp, …
    return alive and (int(fields[2]) == group or int(pid) in escapees)


def _kill_escapees(token: str) -> list[int]:
    """Kill any process of this run that left its process group (os.setsid), found by the run's token in
    its environment; returns their pids. Only the user's own processes are readable, which is all that
    can carry it."""
    needle = f"{RUN_TOKEN_ENV}={token}".encode()
    me = os.getpid()
    killed: list[int] = []
    with os.scandir("/proc") as entries:
        procs = list(entries)
    for entry in procs:
        if not entry.name.isdigit() or int(entry.name) == me:
            continue
        try:
            with open(f"/proc/{entry.name}/environ", "rb") as f:
                if needle in f.read().split(b"\0"):
                    os.kill(int(entry.name), signal.SIGKILL)
                    killed.append(int(entry.name))
        except OSError:
            continue
    return killed


def _signal_name(number: int) -> str:
    try:
        name = signal.Signals(number).name
    except ValueError:
        return f"signal {number}"
    meaning = {"SIGSEGV": "a segmentation fault, e.g. a recursion too deep for the C stack",
               "SIGKILL": "killed, perhaps by the system for lack of memory", "SIGABRT": "aborted"}.get(name)
    return f"{name}: {meaning}" if meaning else name


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"
