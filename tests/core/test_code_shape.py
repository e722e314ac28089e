"""DESIGN.md: small classes with one job each; no class in desktop/ grows past 400 lines."""

from __future__ import annotations

import ast

from tests.conftest import REPO

MAX_CLASS_LINES = 400


def test_no_class_in_desktop_is_over_400_lines() -> None:
    too_long = {}
    for path in (REPO / "desktop").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and node.end_lineno is not None:
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_CLASS_LINES:
                    too_long[f"{path.relative_to(REPO)}:{node.name}"] = lines
    assert too_long == {}
