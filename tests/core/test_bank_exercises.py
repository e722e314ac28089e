"""Coding exercises in the bank: ## Starter, ## Solution and ## Tests, their limits, and every mistake the
loader reports as `path:line: what is wrong`."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from desktop.core.bank import check, load_bank, parse_question

EXERCISE = """\
---
id: square-numbers
category: coding
difficulty: easy
tags: [numpy{extra_tag}]
source: original
{limits}---
# Square every number

## Answer
Multiply each number by itself.

## Key points
- vectorised

## Starter
```python
def square(x):
    \"\"\"x: an array. Returns x squared.\"\"\"
    raise NotImplementedError
```

## Solution
```python
def square(x):
    return x * x
```

## Tests
```python
from solution import square


def test_two():
    assert square(2) == 4
```
"""


def exercise(extra_tag: str = "", limits: str = "") -> str:
    return EXERCISE.format(extra_tag=extra_tag, limits=limits)


def problems_of(text: str) -> list[str]:
    question, problems = parse_question(text, "q.md", ["coding"], "coding")
    assert (question is None) == bool(problems)
    return [f"{p.line}: {p.message}" for p in problems]


def test_an_exercise_is_parsed_with_its_code_and_default_limits() -> None:
    q, problems = parse_question(exercise(), "q.md")
    assert problems == [] and q is not None
    assert q.is_exercise and q.exercise_kind == "python"
    assert q.starter == 'def square(x):\n    """x: an array. Returns x squared."""\n    raise NotImplementedError\n'
    assert q.solution == "def square(x):\n    return x * x\n"
    assert q.tests.startswith("from solution import square\n") and "def test_two():" in q.tests
    assert (q.time_limit, q.memory_limit_mb) == (10, 1024)
    assert q.code == "" and q.reference_code == q.solution


@pytest.mark.parametrize(("tag", "kind"), [(", sql", "sql"), (", find-the-bug", "debug"), ("", "python")])
def test_the_kind_comes_from_the_tags(tag: str, kind: str) -> None:
    q, _ = parse_question(exercise(tag), "q.md")
    assert q is not None and q.exercise_kind == kind


def test_limits_from_the_front_matter() -> None:
    q, problems = parse_question(exercise(limits="time_limit: 3\nmemory_limit_mb: 256\n"), "q.md")
    assert problems == [] and q is not None and (q.time_limit, q.memory_limit_mb) == (3, 256)


def test_a_question_without_the_sections_is_no_exercise() -> None:
    q, _ = parse_question(exercise().split("## Starter")[0] + "## Code\n```python\nx = 1\n```\n", "q.md")
    assert q is not None and not q.is_exercise and q.exercise_kind is None and q.reference_code == "x = 1"


CASES = {
    "only two of the three": (
        exercise().replace("## Tests", "## Pitfalls\n- none\n\n## Code").split("## Code")[0],
        ["16: a coding exercise needs ## Starter, ## Solution and ## Tests; missing ## Tests"]),
    "two blocks in one section": (
        exercise().replace("    return x * x\n```\n", "    return x * x\n```\n```python\nmore = 1\n```\n"),
        ["23: ## Solution must hold exactly one ```python block, not 2"]),
    "no block at all": (
        exercise().replace("```python\ndef square(x):\n    return x * x\n```", "def square(x): return x * x"),
        ["23: ## Solution must hold exactly one ```python block, not 0"]),
    "a block in another language": (
        exercise().replace("```python\ndef square(x):\n    return", "```sql\ndef square(x):\n    return"),
        ["24: ## Solution holds text outside its ```python block"]),
    "prose beside the block": (
        exercise().replace("## Solution\n", "## Solution\nThe reference:\n"),
        ["24: ## Solution holds text outside its ```python block"]),
    "an empty block": (
        exercise().replace("def square(x):\n    return x * x\n", ""),
        ["23: ## Solution's ```python block is empty"]),
    "tests without a test function": (
        exercise().replace("def test_two():\n    assert square(2) == 4\n", "assert square(2) == 4\n"),
        ["29: ## Tests defines no test functions (def test_…():)"]),
    "a Code section too": (
        exercise() + "\n## Code\n```python\nx = 1\n```\n",
        ["38: a coding exercise has no ## Code section: its ## Solution is the reference code"]),
    "time limit not a number": (
        exercise(limits="time_limit: ten\n"),
        ["7: time_limit must be a whole number of seconds from 1 to 60, not 'ten'"]),
    "time limit too long": (
        exercise(limits="time_limit: 61\n"),
        ["7: time_limit must be a whole number of seconds from 1 to 60, not 61"]),
    "time limit a fraction": (
        exercise(limits="time_limit: 2.5\n"),
        ["7: time_limit must be a whole number of seconds from 1 to 60, not 2.5"]),
    "time limit a boolean": (
        exercise(limits="time_limit: yes\n"),
        ["7: time_limit must be a whole number of seconds from 1 to 60, not True"]),
    "memory limit too small": (
        exercise(limits="memory_limit_mb: 32\n"),
        ["7: memory_limit_mb must be a whole number of MB from 64 to 4096, not 32"]),
    "memory limit too large": (
        exercise(limits="time_limit: 5\nmemory_limit_mb: 5000\n"),
        ["8: memory_limit_mb must be a whole number of MB from 64 to 4096, not 5000"]),
    "limits on a question that is no exercise": (
        exercise(limits="time_limit: 5\n").split("## Starter")[0],
        ["7: time_limit only applies to coding exercises (with ## Starter, ## Solution, ## Tests)"]),
}


@pytest.mark.parametrize("case", CASES)
def test_each_mistake_is_reported_at_its_line(case: str) -> None:
    text, expected = CASES[case]
    assert problems_of(text) == expected


def test_check_content_reports_a_broken_exercise_and_loads_the_rest(tmp_path: Path) -> None:
    (tmp_path / "categories.yaml").write_text("- id: coding\n  title: Coding\n", encoding="utf-8")
    (tmp_path / "coding").mkdir()
    (tmp_path / "coding" / "square-numbers.md").write_text(exercise(), encoding="utf-8")
    broken = exercise().replace("square-numbers", "broken-one").replace("## Tests", "## Pitfalls\n- x\n\n## Code")
    broken = broken.split("## Code")[0]
    broken_path = tmp_path / "coding" / "broken-one.md"
    broken_path.write_text(broken, encoding="utf-8")
    out = io.StringIO()
    assert check(tmp_path, out) == 1
    path = tmp_path / "coding" / "broken-one.md"
    assert f"{path}:16: a coding exercise needs ## Starter, ## Solution and ## Tests; missing ## Tests" in out.getvalue()
    assert [q.id for q in load_bank(tmp_path).questions] == ["square-numbers"]
    broken_path.unlink()
    out = io.StringIO()
    assert check(tmp_path, out) == 0
    assert out.getvalue() == "OK: 1 question in 1 category, 1 coding exercise\n"
