"""Study focuses: how much each category of the bank matters for the role an interview is for.

A focus weighs every category 0–3 (0: leave it out of new study, 1: some, 2: core, 3: the most).
The user can adjust any category on top of the chosen focus; only the adjustments are stored, as
"category=weight" pairs, so a focus improved in a later version still reaches its users. A category
a focus does not name (an imported deck) gets the focus's default weight.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

WEIGHTS = (0, 1, 2, 3)
WEIGHT_NAMES = {0: "Skip", 1: "Some", 2: "Core", 3: "Most"}


@dataclass(frozen=True)
class Focus:
    id: str
    title: str
    summary: str
    weights: Mapping[str, int] = field(default_factory=dict)
    default: int = 1

    def weight(self, category_id: str) -> int:
        return self.weights.get(category_id, self.default)


def _weights(text: str) -> dict[str, int]:
    """'a=2 b=3' → {'a': 2, 'b': 3}: the tables below read better as one line per weight."""
    return {k: int(v) for k, v in (pair.split("=") for pair in text.split())}


FOCUSES: tuple[Focus, ...] = (
    Focus("balanced", "A mix of everything", "Every category equally: the default when no role is chosen."),
    Focus("ml-engineer", "ML engineer", "System design, ML at scale and coding first; modelling breadth behind.",
          _weights("fundamentals=2 data-and-features=2 trees-and-ensembles=2 evaluation-metrics=2 "
                   "validation-tuning=2 regularization-optimization=2 neural-networks=2 deep-architectures=2 "
                   "applied-ml=2 ml-system-design=3 ml-infra-scale=3 coding-from-scratch=3 behavioral-career=2")),
    Focus("applied-scientist", "Applied scientist / research",
          "Theory in depth: optimisation, neural networks, architectures, probability and statistics.",
          _weights("fundamentals=2 linear-models=2 trees-and-ensembles=2 svm-knn-bayes=2 clustering-unsupervised=2 "
                   "dimensionality-reduction=2 evaluation-metrics=2 validation-tuning=2 "
                   "regularization-optimization=3 neural-networks=3 deep-architectures=3 llms-genai=2 applied-ml=2 "
                   "probability-statistics=3 experimentation-causal=2 coding-from-scratch=2")),
    Focus("data-scientist", "Data scientist",
          "Statistics, experiments, metrics and classical models; little deep learning, no infrastructure.",
          _weights("fundamentals=2 data-and-features=3 linear-models=3 trees-and-ensembles=3 "
                   "clustering-unsupervised=2 evaluation-metrics=3 validation-tuning=2 applied-ml=2 "
                   "probability-statistics=3 experimentation-causal=3 ml-infra-scale=0 coding-from-scratch=2 "
                   "behavioral-career=2")),
    Focus("llm-engineer", "LLM engineer",
          "LLMs, transformers, serving at scale and evaluation; classical models left out.",
          _weights("linear-models=0 trees-and-ensembles=0 svm-knn-bayes=0 clustering-unsupervised=0 "
                   "dimensionality-reduction=0 evaluation-metrics=2 neural-networks=2 deep-architectures=3 "
                   "llms-genai=3 ml-system-design=2 ml-infra-scale=3 coding-from-scratch=2 behavioral-career=2")),
)
FOCUS_IDS = tuple(f.id for f in FOCUSES)


def focus(focus_id: str) -> Focus:
    """The focus with this id; an unknown id gives the balanced mix."""
    return next((f for f in FOCUSES if f.id == focus_id), FOCUSES[0])


def parse_adjustments(text: str) -> dict[str, int] | None:
    """'ml-system-design=3,coding-from-scratch=0' → a dict; None when the text is not in that form."""
    out: dict[str, int] = {}
    for pair in filter(None, (p.strip() for p in text.split(","))):
        category, sep, weight = pair.partition("=")
        if not sep or not category.strip() or weight.strip() not in {str(w) for w in WEIGHTS}:
            return None
        out[category.strip()] = int(weight)
    return out


def valid_adjustments(text: str) -> bool:
    return parse_adjustments(text) is not None


def format_adjustments(adjustments: Mapping[str, int]) -> str:
    return ",".join(f"{category}={weight}" for category, weight in adjustments.items())


def adjustments_between(focus_id: str, weights: Mapping[str, int]) -> dict[str, int]:
    """The adjustments that turn a focus into `weights`: only the categories that differ."""
    chosen = focus(focus_id)
    return {c: w for c, w in weights.items() if w != chosen.weight(c)}


def weights_for(focus_id: str, adjustments: Mapping[str, int], category_ids: Iterable[str]) -> dict[str, int]:
    """Every category's weight: the focus's, unless the user adjusted it."""
    chosen = focus(focus_id)
    return {c: adjustments.get(c, chosen.weight(c)) for c in category_ids}
