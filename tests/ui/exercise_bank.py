"""A tiny bank of coding exercises for the editor's tests: standard library only, so a run takes about a
tenth of a second, plus one ordinary question."""

from __future__ import annotations

from pathlib import Path

CATEGORIES = "- id: concepts\n  title: Concepts\n- id: coding\n  title: Coding\n"

ADD = '''---
id: add-two
category: coding
difficulty: easy
tags: [python]
time_limit: 5
---
# Add two numbers

## Answer
Return `a + b`.

## Key points
- Return the sum
- Handle negative numbers

## Starter
```python
def add(a, b):
    """Return a + b."""
    raise NotImplementedError
```

## Solution
```python
def add(a, b):
    return a + b
```

## Tests
```python
from solution import add


def test_small_numbers():
    assert add(2, 3) == 5, f"expected 5, got {add(2, 3)}"


def test_a_negative_number():
    assert add(-1, 1) == 0, f"expected 0, got {add(-1, 1)}"
```
'''

DOUBLE = '''---
id: double-it
category: coding
difficulty: easy
tags: [python]
time_limit: 5
---
# Double a number

## Answer
Return `2 * x`.

## Key points
- Multiply by two

## Starter
```python
def double(x):
    """Return 2 * x."""
    raise NotImplementedError
```

## Solution
```python
def double(x):
    return 2 * x
```

## Tests
```python
from solution import double


def test_double():
    assert double(4) == 8, f"expected 8, got {double(4)}"
```
'''

CONCEPT = '''---
id: what-is-overfitting
category: concepts
difficulty: easy
tags: [basics]
---
# What is overfitting?

## Answer
Fitting noise in the training data, so the model does worse on new data.

## Key points
- Low training error, high test error
'''

SOLUTION = "def add(a, b):\n    return a + b\n"


def write_bank(root: Path) -> Path:
    (root / "coding").mkdir(parents=True)
    (root / "concepts").mkdir()
    (root / "categories.yaml").write_text(CATEGORIES, encoding="utf-8")
    (root / "coding" / "add-two.md").write_text(ADD, encoding="utf-8")
    (root / "coding" / "double-it.md").write_text(DOUBLE, encoding="utf-8")
    (root / "concepts" / "what-is-overfitting.md").write_text(CONCEPT, encoding="utf-8")
    return root
