"""Synthetic banks in the real format, for benchmarks: N questions with formulas, plus notes.

Words are drawn with the frequencies they have in the bundled bank's own answers, so the
vocabulary and how often a prefix matches behave like real content (a tiny fixed word list
made nearly every query match every question, which no real bank does).
"""

from __future__ import annotations

import random
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

WORDS = ("gradient descent regularization variance bias overfitting kernel margin entropy softmax attention "
         "transformer embedding precision recall calibration bootstrap likelihood posterior prior convolution "
         "pooling dropout normalization momentum learning rate boosting bagging forest tree split impurity "
         "cluster centroid eigenvector projection manifold sampling estimator hypothesis confidence interval "
         "leakage imbalance feature scaling encoding ranking retrieval latency drift monitoring pipeline").split()
FORMULAS = (r"\frac{\partial L}{\partial w} = X^\top (p - y)", r"\mathbb{E}[(y-\hat f)^2] = \mathrm{Bias}^2 + \sigma^2",
            r"\sum_{i=1}^{n} \alpha_i y_i = 0", r"p(y \mid x) = \frac{p(x \mid y)\,p(y)}{p(x)}")


@lru_cache(maxsize=1)
def vocabulary() -> tuple[list[str], list[int]]:
    """Words of the bundled bank's answers and key points, with their counts."""
    from desktop.core.bank import load_bank
    from desktop.paths import content_dir

    counts: Counter[str] = Counter()
    for q in load_bank(content_dir()).questions:
        counts.update(w.lower() for w in re.findall(r"[A-Za-z]{3,}", " ".join((q.answer, *q.key_points))))
    words = sorted(counts)
    return words, [counts[w] for w in words]


def sentence(rng: random.Random, n: int) -> str:
    words, weights = vocabulary()
    return " ".join(rng.choices(words, weights, k=n)).capitalize() + "."


def write_bank(root: Path, count: int, categories: int = 17, seed: int = 7) -> dict[str, str]:
    """Write `count` questions under `root`; returns notes for about a third of them (question id -> text)."""
    rng = random.Random(seed)
    cats = [f"topic-{i:02d}" for i in range(categories)]
    root.mkdir(parents=True, exist_ok=True)
    (root / "categories.yaml").write_text(
        "".join(f"- id: {c}\n  title: Topic {i}\n  description: Synthetic.\n" for i, c in enumerate(cats)),
        encoding="utf-8")
    notes: dict[str, str] = {}
    for i in range(count):
        cat = cats[i % categories]
        qid = f"q-{i:05d}"
        answer = " ".join(sentence(rng, rng.randint(8, 16)) for _ in range(6)) + f" Inline ${rng.choice(FORMULAS)}$."
        body = [
            "---", f"id: {qid}", f"category: {cat}", f"difficulty: {rng.choice(('easy', 'medium', 'hard'))}",
            f"tags: [{rng.choice(WORDS)}, {rng.choice(WORDS)}]", "source: original", "---",
            f"# What is {' '.join(rng.choice(WORDS) for _ in range(5))} number {i}?", "", "## Answer", answer, "",
            "## Key points", *(f"- {sentence(rng, 7)}" for _ in range(4)), "",
            "## Formula", f"$${rng.choice(FORMULAS)}$$", "",
            "## Pitfalls", f"- {sentence(rng, 10)}", "",
            "## Follow-ups", f"- {sentence(rng, 6)[:-1]}? — {sentence(rng, 6)}", "",
        ]
        (root / cat).mkdir(exist_ok=True)
        (root / cat / f"{qid}.md").write_text("\n".join(body), encoding="utf-8")
        if i % 3 == 0:
            notes[qid] = sentence(rng, 25)
    return notes
