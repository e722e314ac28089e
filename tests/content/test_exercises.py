"""Every coding exercise in the bank, run through the app's real runner: the solution passes every test,
the starter fails at least one, and so does a stub that hands back its input.

The fixture exercises in exercise_fixtures/ (one NumPy, one SQL, one find-the-bug) go through the same
checks, so this file proves itself whatever the bank holds. The runs are child processes, so they run
side by side on a thread pool: all of them are done once, on first use, then each test reads its result.
The fixtures' runs start a child as the app does; the bank's fork from a process that has NumPy imported
already (exercise_zygote.py: the same runner and child code, without a Python start and a NumPy import
for each of a hundred-odd runs).
"""

from __future__ import annotations

import ast
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from desktop.core.bank import Question, load_bank
from desktop.core.exercise_child import STDLIB_FOR_EXERCISES, defined_tests
from desktop.core.exercises import ExerciseRunner, RunResult, Status
from tests.conftest import bundled_bank
from tests.content.exercise_zygote import Zygote

FIXTURES = Path(__file__).resolve().parent / "exercise_fixtures"
BANK = [q for q in bundled_bank().questions if q.is_exercise]
FIXTURE_EXERCISES = [q for q in load_bank(FIXTURES).questions if q.is_exercise]
EXERCISES = {q.id: q for q in (*BANK, *FIXTURE_EXERCISES)}
ALLOWED_IMPORTS = {"numpy", "solution", *STDLIB_FOR_EXERCISES}
TESTS_PER_EXERCISE = (4, 8)
SOLUTION_TESTS_S = 1.0  # the format's bar: all of an exercise's tests together, for the solution


def identity_stub(solution: str) -> str | None:
    """The solution with every top-level function's body replaced by `return <first argument>`
    (None for an exercise that defines no functions, e.g. a SQL one that only sets QUERY)."""
    tree = ast.parse(solution)
    functions = [node for node in tree.body if isinstance(node, ast.FunctionDef)]
    if not functions:
        return None
    for func in functions:
        params = [*func.args.posonlyargs, *func.args.args]
        value: ast.expr = ast.Name(params[0].arg, ast.Load()) if params else ast.Constant(None)
        func.body = [ast.Return(value)]
    return ast.unparse(ast.fix_missing_locations(tree))


STUBBED = {qid: stub for qid, q in EXERCISES.items() if (stub := identity_stub(q.solution)) is not None}


@pytest.fixture(scope="module")
def runs() -> dict[tuple[str, str], RunResult]:
    jobs = [(qid, "solution", q.solution) for qid, q in EXERCISES.items()]
    jobs += [(qid, "starter", q.starter) for qid, q in EXERCISES.items()]
    jobs += [(qid, "stub", stub) for qid, stub in STUBBED.items()]
    real = {q.id for q in FIXTURE_EXERCISES}  # one run of each kind starts its child exactly as the app does
    zygote = Zygote()
    try:
        with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
            results = pool.map(lambda job: ExerciseRunner.for_question(
                EXERCISES[job[0]], job[2], command=None if job[0] in real else zygote.command).run(), jobs)
            return {(qid, which): result for (qid, which, _code), result in zip(jobs, results)}
    finally:
        zygote.close()


def report(result: RunResult) -> str:
    lines = [f"{result.status}: {result.message}", result.details]
    lines += [f"  {'PASS' if t.passed else 'FAIL'} {t.name}: {t.message}" for t in result.tests]
    return "\n".join(line for line in lines if line) + ("\n" + result.stderr[-1500:] if result.stderr else "")


def test_the_fixtures_cover_every_kind_and_the_bank_has_exercises() -> None:
    assert sorted(q.exercise_kind or "" for q in FIXTURE_EXERCISES) == ["debug", "python", "sql"]
    assert "implement-softmax-cross-entropy" in {q.id for q in BANK}


@pytest.mark.parametrize("qid", sorted(EXERCISES))
def test_the_solution_passes_every_test_quickly(qid: str, runs: dict[tuple[str, str], RunResult]) -> None:
    result = runs[qid, "solution"]
    assert result.status is Status.PASSED, report(result)
    assert result.total == len(defined_tests(EXERCISES[qid].tests)), report(result)
    took = sum(t.cpu_seconds for t in result.tests)  # CPU, not wall: ~100 runs share the cores with other tests
    assert took < SOLUTION_TESTS_S, f"the tests took {took:.2f} s of CPU for the solution; the bar is {SOLUTION_TESTS_S} s"
    assert result.stdout == "", f"the solution or the tests print: {result.stdout[:300]!r}"


@pytest.mark.parametrize("qid", sorted(EXERCISES))
def test_the_starter_fails_at_least_one_test(qid: str, runs: dict[tuple[str, str], RunResult]) -> None:
    result = runs[qid, "starter"]
    assert result.status is Status.FAILED and result.passed < result.total, report(result)


@pytest.mark.parametrize("qid", sorted(STUBBED))
def test_a_stub_that_returns_its_input_fails(qid: str, runs: dict[tuple[str, str], RunResult]) -> None:
    result = runs[qid, "stub"]
    assert result.status is Status.FAILED and result.passed < result.total, report(result)


def imported_modules(code: str) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Import):
            modules |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module.split(".")[0])
    return modules


@pytest.mark.parametrize("qid", sorted(EXERCISES))
def test_the_format_rules_for_the_code(qid: str) -> None:
    """4-8 tests that import the code under test from `solution`; every import is one the frozen app
    bundles (NumPy and desktop.core.exercise_child.STDLIB_FOR_EXERCISES)."""
    q: Question = EXERCISES[qid]
    names = defined_tests(q.tests)
    low, high = TESTS_PER_EXERCISE
    assert low <= len(names) <= high, f"{len(names)} tests; the format asks for {low}-{high}"
    assert "solution" in imported_modules(q.tests), "the tests import the code under test from `solution`"
    for section, code in (("Starter", q.starter), ("Solution", q.solution), ("Tests", q.tests)):
        unknown = imported_modules(code) - ALLOWED_IMPORTS
        assert not unknown, f"## {section} imports {sorted(unknown)}, which the installed app does not bundle"
