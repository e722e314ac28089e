"""Typed answers and key points brought to one plain form before they are compared. No Qt.

Both sides go through the same steps, so "Output = floor((n + 2p − k) / s) + 1" and
"out = ⌊(n+2p-k)/s⌋+1" meet, as do `\\lambda`, "λ" and "lambda"; "k-NN", "kNN" and "nearest
neighbours"; "regularisation" and "regularizes". `plain` gives the normalised text, `words` its
word sequence (stop words out, stems in), `formulas` the compact form of its formulas.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from desktop.core.search import fold_word
from desktop.core.stemmer import stem
from desktop.core.typos import Speller

GREEK = (
    "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu",
    "nu", "xi", "omicron", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega",
)
_GREEK_CHARS = {chr(0x3B1 + i): name for i, name in enumerate(GREEK[:17])}  # α … ρ
_GREEK_CHARS.update({chr(0x3C3 + i): name for i, name in enumerate(GREEK[17:])})  # σ … ω
_GREEK_CHARS.update({"ς": "sigma", "ϵ": "epsilon", "ϑ": "theta", "ϕ": "phi", "ϱ": "rho", "ϖ": "pi"})
_GREEK_CHARS.update({ch.upper(): name for ch, name in list(_GREEK_CHARS.items()) if ch.upper() != ch})

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"
_SYMBOLS = {
    **{ch: "-" for ch in _DASHES},
    "·": "*", "⋅": "*", "∙": "*", "∗": "*", "÷": "/", "≈": " ~ ", "≃": " ~ ", "∼": " ~ ",
    "≥": ">=", "≤": "<=", "≠": "!=", "→": "->", "⟶": "->", "⇒": "=>", "←": "<-", "∞": " infinity ",
    "∝": " propto ", "√": " sqrt ", "⌊": " floor(", "⌋": ")", "⌈": " ceil(", "⌉": ")", "∑": " sum ",
    "∏": " prod ", "∈": " in ", "∂": " partial ", "∇": " nabla ", "‖": "||", "ᵀ": "^t", "’": "'", "‘": "'",
    "′": "'", "“": '"', "”": '"', "…": " ", "\u00a0": " ", "\u202f": " ", "\u2009": " ",
    **{sup: f"^{d}" for d, sup in enumerate("⁰¹²³⁴⁵⁶⁷⁸⁹")}, "⁻": "^-", "ⁿ": "^n",
    **{sub: f"_{d}" for d, sub in enumerate("₀₁₂₃₄₅₆₇₈₉")},
    **{ch: f" {name} " for ch, name in _GREEK_CHARS.items()},
}
_SYMBOL_RE = re.compile("|".join(re.escape(s) for s in sorted(_SYMBOLS, key=len, reverse=True)))
_TIMES = re.compile(r"(\d)\s*×\s*(\d)")  # 7×7 is typed 7x7; any other × is a product

# LaTeX to the plain form people type: commands that wrap text keep it, \frac{a}{b} becomes
# (a)/(b), \sqrt{x} sqrt(x), ^\top ^t, and any other \command its name ("\lambda" -> "lambda").
_LATEX = [(re.compile(p), r) for p, r in (
    (r"\\[$%&#_]", " "),
    (r"\\(?:text|textrm|textbf|textit|mathrm|mathbf|mathit|mathcal|mathsf|mathtt|operatorname|boldsymbol)\*?\s*"
     r"\{([^{}]*)\}", r" \1 "),
    (r"\\mathbb\s*\{?([A-Za-z])\}?", r"\1"),
    (r"\\arg\s*\\?(max|min)", r" arg\1 "),
    (r"\\(?:left|right|bigl|bigr|Bigl|Bigr|big|Big|biggl|biggr)\b\.?", ""),
    (r"\\(?:,|;|:|!| |quad|qquad)", " "),
    (r"\\(?:top|intercal|mathsf\{T\})\b", "t"),
    (r"\\lfloor\b", " floor("), (r"\\rfloor\b", ")"), (r"\\lceil\b", " ceil("), (r"\\rceil\b", ")"),
    (r"\\(?:cdot|times|ast)\b", "*"), (r"\\div\b", "/"), (r"\\(?:mid|vert)\b", "|"), (r"\\\|", "||"),
    (r"\\(?:leq|le|leqslant)\b", "<="), (r"\\(?:geq|ge|geqslant)\b", ">="), (r"\\(?:neq|ne)\b", "!="),
    (r"\\(?:approx|sim|simeq)\b", " ~ "), (r"\\(?:to|rightarrow|longrightarrow)\b", "->"), (r"\\pm\b", "+-"),
    (r"\\(?:hat|widehat)\s*\{?(\w)\}?", r" \1 hat "), (r"\\(?:bar|overline)\s*\{?(\w)\}?", r" \1 bar "),
    (r"\\(?:tilde|widetilde)\s*\{?(\w)\}?", r" \1 tilde "),
    (r"\\(?:var)?([a-zA-Z]+)", r" \1 "),
)]
_FRAC = re.compile(r"\\[dt]?frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}")
_SQRT = re.compile(r"\\sqrt\s*(?:\{([^{}]*)\}|(\w))")

_CONTRACTIONS = [(re.compile(p), r) for p, r in (
    (r"\bcan'?t\b", "can not"), (r"\bwon'?t\b", "will not"), (r"\b(\w+)n't\b", r"\1 not"), (r"'s\b", ""),
    (r"\b(do|does|did|is|are|was|were|has|have|had|should|would|could)nt\b", r"\1 not"),
)]
# "non-linear" and "nonlinear", "k-means" and "kmeans", "re-weights" and "reweights" meet.
_JOINED = re.compile(r"\b(non|pre|re|co|multi|sub|self|semi|over|under|anti|inter|intra|post|bi|hyper|mini|"
                     r"micro|macro|meta|[a-z](?=-(?:means|medoids|nn|fold|sne|axis|values?|scores?|test)\b))-(?=[a-z])")

# Abbreviations and variants -> one form, matched on the words (after lower-casing and spelling
# folding), longest phrase first, on both sides: an answer saying "area under the curve" covers a
# point saying "AUC". In a phrase, "a|b" is either word and "[a]" may be left out.
_VARIANTS = (
    ("approximate nearest neighbor|neighbors [search]", "ann"),
    ("k nearest neighbor|neighbors", "knn"), ("nearest neighbor|neighbors", "knn"), ("k nn", "knn"),
    ("area under [the] pr curve", "prauc"), ("area under [the] precision recall curve", "prauc"),
    ("pr auc", "prauc"), ("auc pr", "prauc"), ("auprc", "prauc"),
    ("area under [the] [roc] curve", "auc"), ("roc auc", "auc"), ("auc roc", "auc"), ("auroc", "auc"),
    ("receiver operating characteristic [curve]", "roc"),
    ("stochastic gradient descent", "sgd"), ("gd", "gradient descent"),
    ("learning rate|rates", "lr"),
    ("logistic regression", "logreg"), ("log reg", "logreg"),
    ("convolutional [neural] net|nets|network|networks", "cnn"), ("conv net|nets", "cnn"),
    ("convnet|convnets|cnns", "cnn"),
    ("recurrent [neural] net|nets|network|networks", "rnn"), ("rnns", "rnn"),
    ("neural net|nets", "neural network"),
    ("kullback leibler [divergence]", "kl"), ("kl divergence", "kl"),
    ("maximum likelihood [estimate|estimates|estimation|estimator|estimators]", "mle"), ("mles", "mle"),
    ("support vector machine|machines", "svm"), ("svms", "svm"),
    ("principal component|components analysis", "pca"),
    ("nb", "naive bayes"), ("rf", "random forest"),
    ("gradient boosted [decision] tree|trees", "gradient boosting"), ("gradient boosting machine|machines",
                                                                     "gradient boosting"),
    ("gbdt|gbdts|gbm|gbms|gbt|gbts", "gradient boosting"),
    ("root mean square|squared error", "rmse"), ("mean square|squared error", "mse"), ("mean absolute error", "mae"),
    ("cross validation|validated|validate|validates|validating", "cv"),
    ("true positive rate", "tpr"), ("false positive rate", "fpr"),
    ("true positive|positives", "tp"), ("false positive|positives", "fp"), ("true negative|negatives", "tn"),
    ("false negative|negatives", "fn"), ("tps", "tp"), ("fps", "fp"), ("tns", "tn"), ("fns", "fn"),
    ("large language model|models", "llm"), ("llms", "llm"),
    ("negative log likelihood|likelihoods", "nll"), ("ppl", "perplexity"),
    ("cross entropy", "crossentropy"), ("ce", "crossentropy"),
    ("a b test|tests|testing", "abtest"), ("ab test|tests|testing", "abtest"),
    ("batch norm|normalization", "batchnorm"), ("bn", "batchnorm"), ("layer norm|normalization", "layernorm"),
    ("hyper parameter|parameters|param|params", "hyperparameter"),
    ("hyperparameters|hyperparam|hyperparams|hparam|hparams", "hyperparameter"),
    ("on policy", "onpolicy"), ("off policy", "offpolicy"),
    ("arg max", "argmax"), ("most probable|likely", "argmax"), ("highest [posterior] probability", "argmax"),
    ("k means", "kmeans"), ("t sne", "tsne"),
    ("gaussian mixture [model|models]", "gmm"), ("gmms", "gmm"), ("expectation maximization", "em"),
    ("multi layer perceptron|perceptrons", "mlp"), ("multilayer perceptron|perceptrons", "mlp"), ("mlps", "mlp"),
    ("tf idf", "tfidf"), ("byte pair encoding", "bpe"),
    ("out of vocabulary", "unknown word"), ("oov", "unknown word"), ("unk", "unknown"),
    ("xgb", "xgboost"), ("light gbm", "lightgbm"), ("lgbm", "lightgbm"),
    ("prob|probs", "probability"), ("param|params", "parameter"), ("dim|dims", "dimension"),
    ("approx", "approximately"), ("init|inits", "initialization"), ("val", "validation"),
    ("eval", "evaluation"), ("avg", "average"), ("std dev|devs", "std"), ("stdev|stdevs|stds|sd", "std"),
    ("standard deviation|deviations", "std"), ("var", "variance"), ("cov", "covariance"), ("corr", "correlation"),
    ("grad|grads", "gradient"), ("feat|feats", "feature"), ("perf", "performance"), ("seq", "sequence"),
    ("vocab", "vocabulary"), ("diff", "difference"), ("etc", ""), ("wrt", "with respect to"),
    ("mini batch|batches", "minibatch"), ("minibatches", "minibatch"), ("test time", "inference"),
    ("testtime", "inference"), ("neuron|neurons", "unit"),
    ("temporal difference", "td"), ("causation|causality", "causal"),
    ("lowest|smallest|least|fewest|minimal|minimum", "lowest"),
    ("highest|largest|biggest|greatest|maximal|maximum", "highest"),
    # comparatives and changes, so "bigger lambda, less variance" states "larger λ: lower variance"
    ("increase|increases|increased|increasing|grow|grows|growing|grew|larger|bigger|higher|greater|more", "more"),
    ("decrease|decreases|decreased|decreasing|reduce|reduces|reduced|reducing|shrink|shrinks|shrinking|shrank|"
     "smaller|lower|fewer|less", "less"),
    ("large|big|high|huge", "high"), ("small|low|tiny", "low"),
)


def _expand(phrase: str) -> list[tuple[str, ...]]:
    """Every word sequence a variant phrase stands for: 'area under [the] curve' is two."""
    sequences: list[tuple[str, ...]] = [()]
    for slot in phrase.split():
        optional = slot.startswith("[")
        choices = slot.strip("[]").split("|")
        sequences = [(*seq, c) for seq in sequences for c in choices] + (sequences if optional else [])
    return sequences


@cache
def _variant_table() -> dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]]:
    """First word -> (phrase, replacement words), longest phrase first."""
    table: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
    for phrase, replacement in _VARIANTS:
        for sequence in _expand(phrase):
            table.setdefault(sequence[0], []).append((sequence, tuple(replacement.split())))
    for entries in table.values():
        entries.sort(key=lambda entry: -len(entry[0]))
    return table


def _words_of(part: str, speller: Speller | None = None) -> list[str]:
    """A sentence's tokens, British spellings folded, numbered Greek letters split, typos corrected
    (given a speller), variants made one."""
    tokens: list[str] = []
    for token in _TOKEN.findall(part):
        numbered = _GREEK_NUMBERED.match(token) if token[-1].isdigit() else None
        if numbered:
            tokens.extend(numbered.groups())
        else:
            token = fold_word(token)
            tokens.append(speller.correct(token) if speller is not None and token not in STOP else token)
    return _with_variants(tokens)


def surface_words(text: str) -> list[str]:
    """The text's tokens as written (lower-case, spelling folded), before any variant or stem: what a
    speller learns its vocabulary from."""
    return [fold_word(t) for t in _TOKEN.findall(symbols_plain(text)) if t not in _CLAUSE_MARKS]


def _with_variants(tokens: list[str]) -> list[str]:
    table = _variant_table()
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for sequence, replacement in table.get(tokens[i], ()):
            if tuple(tokens[i:i + len(sequence)]) == sequence:
                out.extend(replacement)
                i += len(sequence)
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


# Words that carry no content in a key point; negations are kept apart (see `negated`).
STOP = frozenset("""
a about above after again against all also am an and any are as at be because been before being below between
both but by can could did do does doing down during each either etc every few for from further had has have
having he her here hers him his how i if in into is it its itself just let lets me most my myself of off
on once one only or other ought our ours out over own per rather same she should so some such than that the
their theirs them then there these they this those through thus to too under until up upon us very via vs was
we were what when where whether which while who whom whose why will with would yet you your yours much many
quite really even still
""".split())
NEGATIONS = frozenset({"not", "no", "never", "cannot", "neither", "nor", "without"})
BREAK = ","  # a comma or a word that starts a new clause: where a negation's reach ends
OR = "|"  # "or": a break too, and it joins alternatives ("label noise or missing information")
BOUNDARIES = frozenset({BREAK, OR})
_CLAUSE_MARKS = frozenset({",", ";", ":"})
_CLAUSE_WORDS = frozenset({"and", "but", "than", "rather", "instead", "because", "so", "while", "whereas",
                           "though", "although", "yet", "then", "which", "that"})

_TOKEN = re.compile(r"[a-z0-9]+(?:\.[0-9]+)?|[,;:]")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")
_NUMBER = re.compile(r"^\d*\.\d+$")
_GREEK_NUMBERED = re.compile(rf"^({'|'.join(GREEK)})(\d)$")  # "beta2" is beta 2, as "β₂" and "beta_2" are
_ABBREVIATION_DOTS = re.compile(r"\b(?:e\.g|i\.e|etc|vs|cf|approx|resp)\.", re.I)
_SENTENCE = re.compile(r"(?<!\d)[.!?]+(?!\d)|\n+")


def plain(text: str) -> str:
    """The text's words, lower-case, with one spelling of each symbol, formula and abbreviation (see the
    module doc), sentences ending in '.': what the matcher reads before stop words and stems."""
    return ". ".join(" ".join(_words_of(part)) for part in _SENTENCE.split(symbols_plain(text)))


@lru_cache(maxsize=4096)
def symbols_plain(text: str) -> str:
    """Lower-case text with one spelling of each symbol and formula ("var(x)" stays a function)."""
    text = _ABBREVIATION_DOTS.sub(" ", _latex_to_plain(text))
    if not text.isascii():
        text = _TIMES.sub(r"\1x\2", text)
        text = _SYMBOL_RE.sub(lambda m: _SYMBOLS[m.group()], text)
        text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    text = text.lower()
    text = _THOUSANDS.sub("", text).replace("%", " percent ").replace("#", " number ").replace("w/o ", "without ")
    if "'" in text or "nt " in text or text.endswith("nt"):
        for pattern, replacement in _CONTRACTIONS:
            text = pattern.sub(replacement, text)
    return _JOINED.sub(r"\1", text)


def _latex_to_plain(text: str) -> str:
    if "\\" not in text and "$" not in text:
        return text
    text = text.replace("$", " ")
    for _ in range(4):  # nested fractions and roots, innermost first
        replaced = _SQRT.sub(lambda m: f" sqrt({m.group(1) or m.group(2)})", _FRAC.sub(r"(\1)/(\2)", text))
        if replaced == text:
            break
        text = replaced
    for pattern, replacement in _LATEX:
        text = pattern.sub(replacement, text)
    return text.replace("{", "").replace("}", "").replace("\\", " ")


def _token_form(token: str) -> str:
    if _NUMBER.match(token):  # 0.80 and .8 read as 0.8
        whole, _, decimals = token.partition(".")
        decimals = decimals.rstrip("0")
        return f"{whole or '0'}.{decimals}" if decimals else whole or "0"
    return stem(token) if token.isalpha() else token


@lru_cache(maxsize=4096)
def sentences(text: str, speller: Speller | None = None) -> tuple[tuple[str, ...], ...]:
    """The text's sentences (or clauses after ';' and ':'), each as its word forms (stems, numbers, names),
    stop words left out but negations kept, so a caller can tell "not" apart, BREAK where a clause ends and
    OR where it ends in "or"."""
    out = []
    for part in _SENTENCE.split(symbols_plain(text)):
        forms: list[str] = []
        for token in _words_of(part, speller):
            if token == "or":
                if forms:
                    forms[-1:] = [*forms[-1:], OR] if forms[-1] not in BOUNDARIES else [OR]
            elif token in _CLAUSE_MARKS or token in _CLAUSE_WORDS:
                if forms and forms[-1] not in BOUNDARIES:
                    forms.append(BREAK)
            elif token not in STOP or token in NEGATIONS:
                forms.append(_token_form(token))
        if forms and forms[-1] in BOUNDARIES:
            forms.pop()
        if forms:
            out.append(tuple(_directed(forms)))
    return tuple(out)


_DIRECTIONS = {"more": "+", "high": "+", "less": "-", "low": "-"}


def _plain_word(form: str) -> bool:
    return form not in BOUNDARIES and form not in NEGATIONS and form not in _DIRECTIONS and form[0] not in "+-"


def _directed(forms: list[str]) -> list[str]:
    """'more', 'less', 'high' and 'low' joined to the word they qualify, the next one or, at the end of a
    clause, the one before: "higher bias" and "bias increases" both give "+bia", "lower variance" "-varianc"."""
    out: list[str] = []
    i = 0
    while i < len(forms):
        sign = _DIRECTIONS.get(forms[i])
        if sign is None:
            out.append(forms[i])
        elif i + 1 < len(forms) and _plain_word(forms[i + 1]):
            out.append(sign + forms[i + 1])
            i += 1
        elif out and _plain_word(out[-1]):
            out[-1] = sign + out[-1]
        i += 1
    return out


def base(form: str) -> str:
    """A word form without its direction: "+bia" -> "bia"."""
    return form[1:] if form[:1] in ("+", "-") and len(form) > 1 else form


def words(text: str, speller: Speller | None = None) -> tuple[str, ...]:
    """All of the text's word forms in order, negations included."""
    return tuple(w for sentence in sentences(text, speller) for w in sentence)


def forget() -> None:
    """Empty the caches of normalised texts (after a whole bank went through them)."""
    for cached in (sentences, symbols_plain, formulas):
        cached.cache_clear()


# ------------------------------------------------------------------ formulas

_FORMULA_CHARS = re.compile(r"[\w^()\[\]+\-*/=|<>~.,!' ]+")
_OPERATOR = re.compile(r"[+\-*/^=|<>]")
_FUNCTIONS = frozenset({"floor", "ceil", "sqrt", "log", "exp", "max", "min", "sum", "prod", "var", "cov",
                        "softmax", "sigmoid", "argmax", "argmin", "tanh", "relu", "mean", "abs", "cos", "sin"})
_WORDLIKE = re.compile(r"^(?:[a-z]{3,}|[a-z]{2,}(?:-[a-z]{2,})+)$")


def compact(text: str) -> str:
    """A formula with nothing that people write differently: no spaces, brackets, '*' or '_'."""
    return re.sub(r"[\s()\[\]{}*_]+", "", text)


@lru_cache(maxsize=4096)
def formulas(text: str) -> tuple[str, ...]:
    """The compact form of each formula side in the text ("a = b" gives a and b), if long enough to mean
    something: at least five characters, one of them an operator."""
    out: list[str] = []
    for run in _formula_runs(symbols_plain(text)):
        for side in re.split(r"=|<=|>=|~", run):
            side = compact(side).strip("+-*/^|.,'!")
            if len(side) >= 5 and _OPERATOR.search(side) and not side.replace(".", "").isdigit():
                out.append(side)
    return tuple(out)


def _formula_runs(text: str) -> list[str]:
    """Runs of symbols, single letters, numbers and function names that hold an operator; an ordinary
    word of three or more letters ends a run."""
    runs = []
    for chunk in _FORMULA_CHARS.findall(text):
        current: list[str] = []
        for piece in [*chunk.split(), ""]:
            bare = piece.strip("()[]|,.")
            word = (_WORDLIKE.match(bare) and bare not in _FUNCTIONS and bare not in GREEK) or bare in STOP
            if piece and not word:
                current.append(piece)
                continue
            run = " ".join(current)
            if _OPERATOR.search(run):
                runs.append(run)
            current = []
    return runs


def whole(text: str) -> str:
    """The text's normalised form with nothing between symbols: what a formula is searched in."""
    return compact(symbols_plain(text))
