"""The bundled bank: valid, at the quality bar, complete, and covering the seed post."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

import pytest

from desktop.core.bank import Bank
from tests.conftest import bundled_bank
from tests.content.quality import near_duplicate_titles, question_problems


def bank() -> Bank:
    return bundled_bank()


def test_the_bundled_bank_has_no_problems() -> None:
    assert [str(p) for p in bank().problems] == []


def test_every_question_meets_the_quality_bar() -> None:
    failures = {q.id: question_problems(q) for q in bank().questions}
    assert {k: v for k, v in failures.items() if v} == {}


def test_no_near_duplicate_titles() -> None:
    assert near_duplicate_titles(list(bank().questions)) == []


# Every question of the seed post, its tips and its FAQ, by the id that answers it.
SEED_QUESTIONS = {
    "What interests you about machine learning?": "what-interests-you-about-ml",
    "What programming languages are you proficient in?": "programming-languages",
    "Can you explain your experience with data analysis and visualization?": "data-analysis-visualization-experience",
    "How do you stay up-to-date with the latest developments in machine learning?": "staying-up-to-date",
    "What is backpropagation, and how does it work?": "backpropagation",
    "Can you explain the difference between L1 and L2 regularization?": "l1-vs-l2-regularization",
    "How does a decision tree work?": "how-decision-tree-works",
    "What is the difference between classification and regression?": "classification-vs-regression",
    "What is the k-nearest neighbors algorithm?": "k-nearest-neighbors",
    "Can you explain how a support vector machine works?": "support-vector-machine",
    "What is a convolutional neural network, and how does it work?": "convolutional-neural-network",
    "How does a random forest work?": "how-random-forest-works",
    # Tips
    "how ML differs from traditional programming": "ml-vs-traditional-programming",
    "real-world applications such as image and speech recognition": "real-world-ml-applications",
    "supervised vs unsupervised (vs reinforcement) learning": "supervised-unsupervised-reinforcement",
    "the bias-variance tradeoff": "bias-variance-tradeoff",
    "dealing with missing data": "handling-missing-data",
    "cross-validation": "cross-validation",
    "k-means vs hierarchical clustering": "kmeans-vs-hierarchical-clustering",
    # FAQ
    "What if I don't know the answer to a question?": "when-you-dont-know-the-answer",
    "How can I best prepare for a machine learning interview?": "how-to-prepare-for-ml-interview",
    "What should I bring / research the company and role": "what-to-bring-and-research-the-company",
}


@pytest.mark.parametrize("seed_question", sorted(SEED_QUESTIONS))
def test_every_seed_question_and_tip_is_in_the_bank(seed_question: str) -> None:
    q = bank().get(SEED_QUESTIONS[seed_question])
    assert q is not None, f"missing: {seed_question}"
    assert q.source == "seed"


def test_only_seed_questions_claim_the_seed_as_source() -> None:
    seeded = {q.id for q in bank().questions if q.source == "seed"}
    assert seeded == set(SEED_QUESTIONS.values())


MINIMUM_PER_CATEGORY = {
    # Part 1
    "fundamentals": 25, "data-and-features": 25, "linear-models": 20, "trees-and-ensembles": 22,
    "svm-knn-bayes": 15, "clustering-unsupervised": 15, "dimensionality-reduction": 10,
    "evaluation-metrics": 25, "validation-tuning": 12,
    # Part 2
    "regularization-optimization": 20, "neural-networks": 25, "deep-architectures": 25, "applied-ml": 20,
    "probability-statistics": 30, "ml-system-design": 33, "coding-from-scratch": 15, "behavioral-career": 22,
    # 2026: the rounds a current loop runs (raised as their questions land)
    "llms-genai": 60, "experimentation-causal": 15, "ml-infra-scale": 15,
}


def test_each_category_has_its_minimum_number_of_questions() -> None:
    counts = Counter(q.category for q in bank().questions)
    short = {c: (counts[c], n) for c, n in MINIMUM_PER_CATEGORY.items() if counts[c] < n}
    assert short == {}
    assert set(MINIMUM_PER_CATEGORY) == {c.id for c in bank().categories}


def test_the_bank_prepares_for_a_current_loop() -> None:
    """Issues 14 and 15: at least 540 questions, with the LLM, experimentation and scale rounds in."""
    assert len(bank().questions) >= 540


def test_difficulty_mix_is_roughly_35_45_20() -> None:
    counts = Counter(q.difficulty for q in bank().questions)
    total = sum(counts.values())
    assert 0.25 <= counts["easy"] / total <= 0.45
    assert 0.35 <= counts["medium"] / total <= 0.55
    assert 0.12 <= counts["hard"] / total <= 0.28


def test_every_design_case_is_a_whole_round() -> None:
    """Issue 15: at least 12 full cases, each with its walkthrough stages in the order of the round."""
    cases = [q for q in bank().questions if "case-study" in q.tags]
    assert len(cases) >= 12
    stages = ("Clarify", "Requirements and scale", "Objective and metrics", "Data and labels", "Features", "Model",
              "Evaluation", "Serving", "Monitoring and iteration", "Trade-offs")
    for q in cases:
        at = [q.walkthrough.find(f"**{s}**:") for s in stages]
        assert -1 not in at and at == sorted(at), (q.id, dict(zip(stages, at, strict=True)))


@pytest.mark.parametrize(("query", "dedicated"), [
    ("LLM", "what-is-a-large-language-model"), ("RAG", "retrieval-augmented-generation-rag"),
    ("RLHF", "rlhf-three-stages"), ("DPO", "dpo-direct-preference-optimisation"), ("KV cache", "kv-cache-memory"),
    ("MoE", "mixture-of-experts-moe-layer"), ("mixture of experts", "mixture-of-experts-moe-layer"),
    ("quantization", "llm-quantization-weights-activations"), ("hallucination", "llm-hallucination-causes"),
    ("agent", "llm-agents-and-tool-use"), ("vector database", "vector-database-filtered-search"),
    ("instruction tuning", "instruction-tuning-sft-data"), ("BLEU", "bleu-rouge-generation-metrics"),
])
def test_llm_searches_open_a_dedicated_question_first(query: str, dedicated: str) -> None:
    """Issue 14: a candidate searching these terms lands on the question written for them."""
    index = _index()
    assert index.search(query)[:1] == [dedicated]


@lru_cache(maxsize=1)
def _index():  # type: ignore[no-untyped-def]
    from desktop.core.search import SearchIndex

    index = SearchIndex()
    index.add(bank().questions, {})
    return index


def test_the_known_good_formula_list_never_hides_a_formula_that_fails() -> None:
    """The list only skips formulas recorded as typesetting with these library versions."""
    from tests.content.quality import formula_problem

    assert formula_problem(r"\frac{a}{b} + \nosuchcommand{x}") is not None
    assert formula_problem(r"\frac{a}{\sqrt{b}}") is None


def test_the_readme_states_the_bank_as_it_is() -> None:
    """The README's opening promise is the bank's real size, topics and number of design cases."""
    from tests.conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    cases = sum("case-study" in q.tags for q in bank().questions)
    assert f"a bank of {len(bank().questions)} questions" in readme
    assert f"across {len(bank().categories)} topics" in readme
    assert f"{cases} full ML system-design cases" in readme
    exercises = sum(q.is_exercise for q in bank().questions)
    assert f"{exercises} coding exercises you run against hidden tests" in readme


def test_coding_rounds_have_the_exercises_issue_21_asks_for() -> None:
    """At least 45 exercises, among them SQL ones and find-the-bug ones."""
    exercises = [q for q in bank().questions if q.is_exercise]
    kinds = [q.exercise_kind for q in exercises]
    assert len(exercises) >= 45
    assert kinds.count("sql") >= 5 and kinds.count("debug") >= 3
