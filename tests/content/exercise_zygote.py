"""A warm start for the bank's exercise runs in test_exercises.py: the runs fork from one process that has
already imported NumPy, instead of each starting Python and importing NumPy again (~0.15 s of CPU a run,
over a hundred runs).

The app's ExerciseRunner still does everything else: it writes the job folder, starts `command` (the
client below) in a session of its own with pipes for stdout and stderr, enforces the wall-clock limit,
kills on cancel, and reads results.jsonl. The client hands the job folder and its own stdin, stdout and
stderr to the server over a Unix socket; the server forks, and the fork runs the app's own child code
(desktop.core.exercise_child.main, which sets the memory and CPU limits itself) on those streams; the
client exits as the fork did, killed by the same signal or with the same exit code. If the client dies
(the runner's time limit or cancel), the server kills the fork. POSIX only, as the suite's runs are.

    python -S -I exercise_zygote.py client SOCKET FOLDER    (what ExerciseRunner starts)
    python -P exercise_zygote.py serve SOCKET               (started by Zygote; -P, as -I implies: this
                                                            folder holds a numbers.py)

Only the standard library's os, socket, struct and sys are imported at the top: the client must start fast.
"""

from __future__ import annotations

import os
import socket
import struct
import sys

STATUS = struct.Struct("i")  # the fork's exit code, or minus the signal that killed it


def client(path: str, folder: str) -> int:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
        conn.connect(path)
        socket.send_fds(conn, [os.path.abspath(folder).encode()], [0, 1, 2])
        data = b""
        while len(data) < STATUS.size:
            chunk = conn.recv(STATUS.size - len(data))
            if not chunk:
                return 70  # the server went away: a crash the runner reports
            data += chunk
    (code,) = STATUS.unpack(data)
    if code < 0:
        os.kill(os.getpid(), -code)  # end as the fork ended, so the runner reads the same return code
    return code


def serve(path: str) -> None:
    import contextlib
    import gc
    import threading

    import numpy
    import numpy.testing

    from desktop.console import ensure_std_streams
    from desktop.core.exercise_child import main as run_exercise

    del numpy  # the point of the server: every fork starts with NumPy (and numpy.testing, as the child loads it)
    gc.freeze()  # what is loaded now stays out of the forks' collections, so they do not copy its pages
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(64)
    with open(path + ".ready", "w"):  # listening now: Zygote waits for this
        pass

    def watch(pid: int, conn: socket.socket) -> None:
        done = threading.Event()

        def kill_if_client_goes() -> None:
            with contextlib.suppress(OSError):
                conn.recv(1)  # the client sends nothing more: this returns when it exits or is killed
            if not done.is_set():
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, 9)

        threading.Thread(target=kill_if_client_goes, daemon=True).start()
        _pid, status = os.waitpid(pid, 0)
        done.set()
        with contextlib.suppress(OSError):
            conn.sendall(STATUS.pack(os.waitstatus_to_exitcode(status)))
        conn.close()

    parent = os.getppid()
    listener.settimeout(1.0)
    while True:
        try:
            conn, _addr = listener.accept()
        except TimeoutError:
            if os.getppid() != parent:  # the test run is gone (killed, say): no server nor socket left behind
                for leftover in (path, path + ".ready"):
                    os.unlink(leftover)
                os.rmdir(os.path.dirname(path))
                return
            continue
        message, fds, _flags, _address = socket.recv_fds(conn, 4096, 3)
        pid = os.fork()
        if pid == 0:  # the run: the client's streams as its own, nothing else of the server's open
            code = 1
            try:
                for target, fd in enumerate(fds):
                    os.dup2(fd, target)
                os.closerange(3, 65536)
                folder = message.decode()
                os.chdir(folder)
                ensure_std_streams()
                code = run_exercise([folder])  # ends the process itself (os._exit) once the results are written
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        for fd in fds:
            os.close(fd)
        threading.Thread(target=watch, args=(pid, conn), daemon=True).start()


class Zygote:
    """The server for one test module: `command` is what ExerciseRunner(command=…) starts for each run."""

    def __init__(self) -> None:
        import subprocess
        import tempfile
        import time
        from pathlib import Path

        self._folder = tempfile.mkdtemp(prefix="mlcoach-zygote-")
        self.path = os.path.join(self._folder, "socket")
        root = str(Path(__file__).resolve().parents[2])
        # The environment ExerciseRunner gives a child (desktop/core/exercises.py, _spawn), fixed at the server's
        # start since a fork inherits it: hash seed, one BLAS thread, no bytecode written.
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONHASHSEED": "0", "PYTHONIOENCODING": "utf-8",
               "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
               "PYTHONPATH": os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p)}
        self._server = subprocess.Popen([sys.executable, "-P", __file__, "serve", self.path], env=env,
                                        stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while not os.path.exists(self.path + ".ready"):
            if self._server.poll() is not None or time.monotonic() > deadline:
                self.close()
                raise RuntimeError("the exercise zygote did not start")
            time.sleep(0.01)
        self.command = [sys.executable, "-S", "-I", __file__, "client", self.path]

    def close(self) -> None:
        import shutil

        self._server.kill()
        self._server.wait()
        shutil.rmtree(self._folder, ignore_errors=True)


if __name__ == "__main__":
    if sys.argv[1] == "client":
        sys.exit(client(sys.argv[2], sys.argv[3]))
    serve(sys.argv[2])
