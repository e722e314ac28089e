"""`python -m desktop` and the frozen app's entry point (packaging/launcher.py)."""

import sys

from desktop import RUN_EXERCISE_FLAG


def main() -> int:
    if sys.argv[1:2] == [RUN_EXERCISE_FLAG]:  # an exercise's child process: no Qt, no app, a fast start
        from desktop.console import ensure_std_streams
        from desktop.core.exercise_child import main as run_exercise

        ensure_std_streams()  # the windowed Windows exe may start without them; the user's code prints

        return run_exercise(sys.argv[2:])
    from desktop.app import main as run_app

    return run_app()


if __name__ == "__main__":
    sys.exit(main())
