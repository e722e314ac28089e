from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.bank import check, load_bank, main, parse_question

CATEGORIES = """\
- id: fundamentals
  title: Fundamentals
  description: Basics.
- id: coding
  title: Coding
"""

GOOD = """\
---
id: {id}
category: {category}
difficulty: medium
tags: [generalization, classic]
source: original
---
# What is {id}?

## Answer
It is a thing with $\\alpha_1$ in it and a `code_span`.

## Key points
- first point
- second point that
  wraps onto a second line
- third

## Formula
$$y = \\beta_0 + \\beta_1 x$$

## Pitfalls
- a wrong belief

## Follow-ups
- Why does it matter? — because of reasons
- A question without a hint

## Code
```python
# not a heading
## also not a heading
def f():
    return 1
```
"""


def write_bank(root: Path, files: dict[str, str | bytes]) -> Path:
    (root / "categories.yaml").write_text(CATEGORIES, encoding="utf-8")
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return root


def good(qid: str = "good-one", category: str = "fundamentals") -> str:
    return GOOD.format(id=qid, category=category)


def test_a_valid_question_is_parsed_into_every_field(tmp_path: Path) -> None:
    bank = load_bank(write_bank(tmp_path, {"fundamentals/good-one.md": good()}))
    assert bank.problems == ()
    q = bank.get("good-one")
    assert q is not None
    assert q.title == "What is good-one?"
    assert q.difficulty == "medium" and q.tags == ("generalization", "classic")
    assert q.key_points == ("first point", "second point that wraps onto a second line", "third")
    assert q.formula == "$$y = \\beta_0 + \\beta_1 x$$"
    assert q.follow_ups[0].question == "Why does it matter?" and q.follow_ups[0].hint == "because of reasons"
    assert q.follow_ups[1].hint == ""
    assert q.code.startswith("# not a heading") and q.code.endswith("return 1")
    assert [c.id for c in bank.categories] == ["fundamentals", "coding"]


BAD_CASES = {
    "malformed yaml": ("fundamentals/bad-yaml.md", good("bad-yaml").replace("tags: [generalization, classic]", "tags: [oops"), 5, "malformed YAML"),
    "unknown category": ("fundamentals/unknown-cat.md", good("unknown-cat", "nowhere"), 3, "unknown category 'nowhere'"),
    "folder mismatch": ("fundamentals/wrong-folder.md", good("wrong-folder", "coding"), 3, "does not match its folder"),
    "id not kebab": ("fundamentals/Not_Kebab.md", good("Not_Kebab"), 2, "not kebab-case"),
    "bad difficulty": ("fundamentals/bad-diff.md", good("bad-diff").replace("difficulty: medium", "difficulty: brutal"), 4, "difficulty must be one of"),
    "missing section": ("fundamentals/no-points.md", good("no-points").replace("## Key points", "## Keypoints"), 13, "unknown section"),
    "empty answer": ("fundamentals/empty-answer.md", good("empty-answer").replace("It is a thing with $\\alpha_1$ in it and a `code_span`.", ""), 10, "the answer is empty"),
    "not utf-8": ("fundamentals/latin.md", good("latin").encode("utf-8").replace(b"a wrong belief", b"a wr\xf6ng belief"), 23, "not UTF-8"),
    "no front matter": ("fundamentals/no-front.md", "# Title\n\n## Answer\nx\n", 1, "front matter"),
    "unclosed fence": ("fundamentals/open-fence.md", good("open-fence").replace("    return 1\n```", "    return 1"), None, "not closed"),
}


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_each_problem_is_reported_as_path_line_message_and_the_rest_still_loads(tmp_path: Path, case: str) -> None:
    rel, text, line, message = BAD_CASES[case]
    bank = load_bank(write_bank(tmp_path, {rel: text, "fundamentals/fine.md": good("fine")}))
    assert [q.id for q in bank.questions] == ["fine"]
    assert bank.problems, case
    problem = bank.problems[0]
    assert problem.path == str(tmp_path / rel)
    assert message in problem.message
    if line is not None:
        assert problem.line == line
    assert str(problem).startswith(f"{tmp_path / rel}:{problem.line}: ")


def test_missing_required_section_is_reported(tmp_path: Path) -> None:
    text = good("no-answer").replace("## Answer\n", "").replace("It is a thing", "Stray text")
    bank = load_bank(write_bank(tmp_path, {"fundamentals/no-answer.md": text}))
    assert any("missing required section '## Answer'" in p.message for p in bank.problems)


def test_duplicate_ids_keep_the_first_and_report_the_second(tmp_path: Path) -> None:
    bank = load_bank(write_bank(tmp_path, {
        "fundamentals/same-id.md": good("same-id"),
        "coding/same-id.md": good("same-id", "coding"),
    }))
    assert len(bank.questions) == 1
    assert any("duplicate id 'same-id'" in p.message for p in bank.problems)



def test_questions_by_id_in_the_banks_order(tmp_path: Path) -> None:
    bank = load_bank(write_bank(tmp_path, {
        "fundamentals/second.md": good("second"),
        "coding/first.md": good("first", "coding"),
    }))
    assert list(bank.by_id) == [q.id for q in bank.questions]  # what Browse copies after an import
    assert all(bank.by_id[q.id] is q is bank.get(q.id) for q in bank.questions)

def test_file_name_must_equal_id(tmp_path: Path) -> None:
    bank = load_bank(write_bank(tmp_path, {"fundamentals/other-name.md": good("real-id")}))
    assert bank.questions == ()
    assert "file name must be the id" in bank.problems[0].message


def test_questions_come_in_category_then_difficulty_order(tmp_path: Path) -> None:
    bank = load_bank(write_bank(tmp_path, {
        "coding/a-coding.md": good("a-coding", "coding").replace("medium", "easy"),
        "fundamentals/b-hard.md": good("b-hard").replace("difficulty: medium", "difficulty: hard"),
        "fundamentals/c-easy.md": good("c-easy").replace("difficulty: medium", "difficulty: easy"),
    }))
    assert [q.id for q in bank.questions] == ["c-easy", "b-hard", "a-coding"]


def test_check_command_prints_problems_and_exits_nonzero(tmp_path: Path) -> None:
    root = write_bank(tmp_path, {"fundamentals/bad.md": good("bad").replace("medium", "brutal"), "fundamentals/ok.md": good("ok")})
    out = io.StringIO()
    assert check(root, out) == 1
    text = out.getvalue()
    assert f"{root / 'fundamentals/bad.md'}:4: difficulty must be one of" in text
    assert "1 problem; 1 valid question" in text


def test_check_command_passes_a_clean_bank(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_bank(tmp_path, {"fundamentals/ok.md": good("ok")})
    assert main(["check", str(root)]) == 0
    assert "OK: 1 question in 2 categories\n" in capsys.readouterr().out


def test_missing_categories_file_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    bank = load_bank(tmp_path)
    assert bank.questions == () and "categories.yaml is missing" in bank.problems[0].message


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=600))
def test_parser_never_raises_on_arbitrary_text(text: str) -> None:
    question, problems = parse_question(text, "x.md", ["fundamentals"], "fundamentals")
    assert (question is None) == bool(problems)
    for p in problems:
        assert p.line >= 1 and p.message


_pieces = st.sampled_from([
    "---", "id: q-one", "id: Q One", "category: fundamentals", "category: elsewhere", "difficulty: easy",
    "difficulty: 7", "tags: [a, b]", "tags: {x: 1}", "tags: [", "# Title?", "## Answer", "## Key points",
    "## Formula", "## Bogus", "- point", "text line", "```", "$$x$$", ": :", "\t- \x00", "",
])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_pieces, max_size=30))
def test_parser_never_raises_on_near_miss_files(lines: list[str]) -> None:
    question, problems = parse_question("\n".join(lines), "x.md", ["fundamentals"], "fundamentals")
    assert (question is None) == bool(problems)


@settings(max_examples=60, deadline=None,  # what is checked is the result; a loaded machine can take 0.5 s
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300))
def test_loader_reports_arbitrary_bytes_and_keeps_going(tmp_path: Path, data: bytes) -> None:
    root = write_bank(tmp_path, {"fundamentals/fine.md": good("fine"), "fundamentals/junk.md": data})
    bank = load_bank(root)
    assert "fine" in [q.id for q in bank.questions]
    assert any(p.path.endswith("junk.md") for p in bank.problems)


def test_a_tag_is_one_word_and_may_nest() -> None:
    from desktop.core.bank import clean_tag, parse_question, tag_matches

    text = ("---\nid: q\ncategory: c\ndifficulty: easy\ntags: [deep learning, 'a,b', ML::basics, ML::basics]\n---\n"
            "# Q?\n\n## Answer\nA.\n\n## Key points\n- k\n")
    q, problems = parse_question(text, "q.md", {"c"}, "c")
    assert problems == [] and q is not None
    assert q.tags == ("deep-learning", "a-b", "ML::basics")  # spaces and commas separate tags elsewhere
    assert clean_tag("  x  ") == "x" and tag_matches("ML::basics", "ml") and not tag_matches("MLOps", "ML")
