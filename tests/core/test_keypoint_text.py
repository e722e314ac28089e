"""The normaliser behind key-point suggestions: what people type differently must read the same."""

from __future__ import annotations

import pytest

from desktop.core.keypoint_text import formulas, plain, sentences, symbols_plain, words
from desktop.core.stemmer import stem
from desktop.core.typos import Speller


def same_words(*texts: str) -> None:
    first = words(texts[0])
    for text in texts[1:]:
        assert words(text) == first, (texts[0], text)


def test_unicode_dashes_and_minus_signs_read_as_a_hyphen_minus() -> None:
    for dash in "−–—‐‑":
        assert symbols_plain(f"n {dash} k") == "n - k"
    assert formulas("Output = floor((n + 2p − k) / s) + 1") == formulas("out = floor((n + 2p - k)/s) + 1")


def test_formulas_meet_whatever_the_spacing_brackets_and_notation() -> None:
    expected = ("floorn+2p-k/s+1",)
    for typed in ("Output = floor((n + 2p − k) / s) + 1 per spatial dimension",
                  "out = floor((n+2p-k)/s)+1",
                  "use ⌊(n + 2p − k)/s⌋ + 1",
                  r"$\left\lfloor \frac{n + 2p - k}{s} \right\rfloor + 1$"):
        assert formulas(typed) == expected, typed
    assert formulas("the boundary is $w^\\top x + b = 0$") == formulas("w^T x + b = 0") == formulas("wᵀx + b = 0")
    assert formulas(r"noise falls as $1/\sqrt{B}$") == formulas("noise falls as 1/√B") == formulas("1/sqrt(B)")
    assert formulas("Label-preserving transforms") == ()  # a hyphenated word is not a formula


def test_latex_unicode_greek_and_spelled_out_greek_are_one_word() -> None:
    same_words(r"larger $\lambda$ shrinks weights", "larger λ shrinks weights", "larger lambda shrinks weights")
    same_words(r"$\varepsilon$ smoothing", "ε smoothing", "epsilon smoothing")
    same_words("β₂ = 0.999", "beta_2 = 0.999", "beta2 = 0.999")
    same_words(r"$\mathrm{Var}(X) = \sigma^2$", "Var(X) = σ^2", "var(x) = sigma^2")
    assert "$" not in plain("cost is $x^2$") and "\\" not in plain(r"$\hat{y}$")


def test_plurals_stems_and_british_spellings_meet() -> None:
    same_words("regularisation", "regularization", "regularizes")
    same_words("nearest neighbours", "nearest neighbors")
    same_words("label-preserving transforms", "label preserving transform")
    assert stem("overlapping") == stem("overlaps") == "overlap"
    assert stem("invariances") == stem("invariance")


@pytest.mark.parametrize("variants", [
    ("AUC", "ROC AUC", "area under the curve", "area under the ROC curve", "AUROC"),
    ("k-NN", "kNN", "k nearest neighbours", "nearest neighbors"),
    ("SGD", "stochastic gradient descent"),
    ("MLE", "maximum likelihood", "maximum-likelihood estimation"),
    ("KL", "KL divergence", "Kullback-Leibler divergence"),
    ("CNN", "convolutional neural network", "ConvNet"),
    ("RNN", "recurrent neural networks"),
    ("learning rate", "LR"),
    ("cross-validation", "cross validation", "CV"),
    ("k-means", "kmeans", "k means"),
    ("on-policy", "on policy"),
    ("argmax", "arg max", "most probable"),
])
def test_abbreviations_and_their_spelled_out_forms_are_one_term(variants: tuple[str, ...]) -> None:
    same_words(*variants)


def test_numbers_contractions_and_directions() -> None:
    assert words("precision 0.80") == words("precision 0.8")
    assert words("max 65,504") == words("max 65504")
    assert words("it doesn't overfit") == words("it doesnt overfit") == words("it does not overfit")
    assert words("higher bias") == words("bias increases") == words("more bias") == ("+bia",)
    assert words("lower variance") == words("variance decreases") == ("-varianc",)


def test_sentences_split_on_full_stops_but_not_inside_numbers() -> None:
    assert len(sentences("AUC is 0.5 for chance. It is 1.0 when perfect.")) == 2
    assert "0.5" in sentences("AUC is 0.5 for chance.")[0]


def test_a_speller_brings_typos_back_to_the_words_it_knows() -> None:
    speller = Speller(["variance", "gradient", "boundary", "ranking", "default", "noise"])
    assert speller.correct("varience") == "variance"  # a letter changed
    assert speller.correct("gradeint") == "gradient"  # two swapped
    assert speller.correct("boundry") == "boundary"  # one dropped
    assert speller.correct("rankingg") == "ranking"  # one added
    assert speller.correct("noize") == "noise"
    assert speller.correct("bariance") == "bariance"  # not the same first letter: left alone
    assert speller.correct("vary") == "vary"  # too short to guess at
    assert speller.correct("variance") == "variance"
    assert words("the gradiant varience", speller) == words("the gradient variance")
