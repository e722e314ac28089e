"""Typed answers and key points brought to one plain form before they are compared. No Qt.

Both sides go through the same steps, so "Output = floor((n + 2p − k) / s) + 1" and
"out = ⌊(n+2p-k)/s⌋+1" meet, as do `\\lambda`, "λ" and "lambda"; "k-NN", "kNN" and "nearest
neighbours"; "regularisation" and "regularizes". `plain` gives the normalised text, `words` its
word sequence (stop words out, stems in), `formulas` the compact form of its formulas.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from desktop.core.search import fold_spelling
from desktop.core.stemmer import stem

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

# LaTeX to the plain form people type: commands that wrap text keep it, \frac{a}{b} becomes
# (a)/(b), \sqrt{x} sqrt(x), ^\top ^t, and any other \command its name ("\lambda" -> "lambda").
_LATEX = [(re.compile(p), r) for p, r in (
    (r"\\[$%&#_]", " "),
    (r"\\(?:text|textrm|textbf|textit|mathrm|mathbf|mathit|mathcal|mathsf|mathtt|operatorname|boldsymbol)\*?\s*"
     r"\{([^{}]*)\}", r" \1 "),
    (r"\\mathbb\s*\{?([A-Za-z])\}?", r"\1"),
    (r"\\arg\s*\\?(max|min)", r" arg\1 "),
    (r"\\(?:left|right|bigl|bigr|Bigl|Bigr|big|Big|biggl|biggr)\b\s*\\?", ""),
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
)]
# "non-linear" and "nonlinear", "k-means" and "kmeans", "re-weights" and "reweights" meet.
_JOINED = re.compile(r"\b(non|pre|re|co|multi|sub|self|semi|over|under|anti|inter|intra|post|bi|hyper|mini|"
                     r"micro|macro|meta|[a-z](?=-(?:means|medoids|nn|fold|sne|axis|values?|scores?|test)\b))-(?=[a-z])")

# Abbreviations and variants -> one form, longest first. Applied after lower-casing and spelling
# folding, on both sides: an answer saying "area under the curve" covers a point saying "AUC".
_VARIANTS = [(re.compile(rf"\b(?:{p})\b"), r) for p, r in (
    (r"approximate nearest neighbors?(?: search)?", "ann"),
    (r"k ?-? ?nearest neighbors?|k ?nn|nearest neighbors?|nearest-neighbors?", "knn"),
    (r"area under (?:the )?(?:pr|precision ?-? ?recall) curve|pr ?-? ?auc|auprc|auc ?-? ?pr", "prauc"),
    (r"area under (?:the )?(?:roc )?curve|roc ?-? ?auc|auc ?-? ?roc|auroc", "auc"),
    (r"receiver operating characteristic(?: curve)?", "roc"),
    (r"stochastic gradient descent", "sgd"),
    (r"\bgd", "gradient descent"),
    (r"learning rates?", "lr"),
    (r"logistic regression|log ?reg", "logreg"),
    (r"convolutional (?:neural )?net(?:work)?s?|conv ?nets?|cnns", "cnn"),
    (r"recurrent (?:neural )?net(?:work)?s?|rnns", "rnn"),
    (r"neural nets?", "neural network"),
    (r"kullback ?-? ?leibler(?: divergence)?|kl ?-? ?divergence", "kl"),
    (r"maximum ?-? ?likelihood(?: estimat(?:e|es|ion|or|ors))?|mles", "mle"),
    (r"support vector machines?|svms", "svm"),
    (r"principal components? analysis", "pca"),
    (r"nb", "naive bayes"),
    (r"rf", "random forest"),
    (r"gradient ?-? ?boosted (?:decision )?trees?|gradient boosting machines?|gbdts?|gbms?|gbts?",
     "gradient boosting"),
    (r"root mean squared? error", "rmse"), (r"mean squared? error", "mse"), (r"mean absolute error", "mae"),
    (r"cross ?-? ?validat(?:ion|ed|e|es|ing)|cv", "cv"),
    (r"true positive rate", "tpr"), (r"false positive rate", "fpr"),
    (r"true positives?|tps", "tp"), (r"false positives?|fps", "fp"),
    (r"true negatives?|tns", "tn"), (r"false negatives?|fns", "fn"),
    (r"large language models?|llms", "llm"),
    (r"negative log ?-? ?likelihoods?", "nll"),
    (r"ppl", "perplexity"),
    (r"cross ?-? ?entropy|ce", "crossentropy"),
    (r"a ?/ ?b tests?|a ?/ ?b testing|ab tests?", "abtest"),
    (r"batch ?-? ?norm(?:alization)?|bn", "batchnorm"), (r"layer ?-? ?norm(?:alization)?", "layernorm"),
    (r"hyper ?-? ?param(?:eter)?s?|hparams?", "hyperparameter"),
    (r"on ?-? ?policy", "onpolicy"), (r"off ?-? ?policy", "offpolicy"),
    (r"arg ?max|most (?:probable|likely)|highest (?:posterior )?probability", "argmax"),
    (r"k ?means", "kmeans"), (r"t ?sne", "tsne"),
    (r"gaussian mixture(?: models?)?|gmms?", "gmm"), (r"expectation ?-? ?maximization", "em"),
    (r"multi ?layer perceptrons?|mlps", "mlp"), (r"tf ?-? ?idf", "tfidf"), (r"byte ?-? ?pair encoding", "bpe"),
    (r"out ?-? ?of ?-? ?vocabulary|oov", "unknown word"), (r"unk", "unknown"),
    (r"xgb", "xgboost"), (r"light ?gbm|lgbm", "lightgbm"),
    (r"probs?", "probability"), (r"params?", "parameter"), (r"dims?", "dimension"),
    (r"approx", "approximately"), (r"inits?", "initialization"), (r"val", "validation"), (r"eval", "evaluation"),
    (r"avg", "average"), (r"std ?devs?|stdevs?|standard deviations?|stds?|sd", "std"), (r"var", "variance"),
    (r"cov", "covariance"), (r"corr", "correlation"), (r"grads?", "gradient"), (r"feats?", "feature"),
    (r"perf", "performance"), (r"seq", "sequence"), (r"vocab", "vocabulary"), (r"diff", "difference"),
    (r"w/o", "without"), (r"w/", "with"), (r"etc", " "), (r"wrt|w\.r\.t\.", "with respect to"),
    (r"#", "number"),
    (r"test ?-? ?time", "inference"), (r"neurons?", "unit"), (r"temporal ?-? ?difference", "td"),
    (r"causation|causality", "causal"),
    (r"lowest|smallest|least|fewest|minimal|minimum", "lowest"),
    (r"highest|largest|biggest|greatest|maximal|maximum", "highest"),
    # comparatives, so "bigger lambda, less variance" states "larger λ: lower variance"
    (r"increas(?:e|es|ed|ing)|grows?|growing|grew|larger|bigger|higher|greater|more", "more"),
    (r"decreas(?:e|es|ed|ing)|reduc(?:e|es|ed|ing)|shrinks?|shrinking|shrank|smaller|lower|fewer|less", "less"),
    (r"large|big|high|huge", "high"), (r"small|low|tiny", "low"),
)]
_VARIANT_ANY = re.compile("|".join(f"(?:{p.pattern})" for p, _ in _VARIANTS))

# Words that carry no content in a key point; negations are kept apart (see `negated`).
STOP = frozenset("""
a about above after again against all also am an and any are as at be because been before being below between
both but by can could did do does doing down during each either etc every few for from further had has have
having he her here hers him his how i if in into is it its itself just let lets me most my myself of off
on once one only or other ought our ours out over own per rather same she should so some such than that the
their theirs them then there these they this those through thus to too under until up upon us very via vs was
we were what when where whether which while who whom whose why will with would yet you your yours
""".split())
NEGATIONS = frozenset({"not", "no", "never", "cannot", "neither", "nor", "without"})
BREAK = ","  # a comma or a word that starts a new clause: where a negation's reach ends
_CLAUSE_WORDS = frozenset({"and", "but", "or", "than", "rather", "instead", "because", "so", "while", "whereas",
                           "though", "although", "yet", "then", "which", "that"})

_TOKEN = re.compile(r"[a-z0-9]+(?:\.[0-9]+)?|,")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")
_NUMBER = re.compile(r"^\d*\.\d+$")
_GREEK_DIGIT = re.compile(rf"\b({'|'.join(GREEK)})(\d)\b")
_ABBREVIATION_DOTS = re.compile(r"\b(?:e\.g|i\.e|etc|vs|cf|approx|resp)\.", re.I)
_SENTENCE = re.compile(r"(?<!\d)[.!?]+(?!\d)|\n+")


@lru_cache(maxsize=4096)
def plain(text: str) -> str:
    """Lower-case text with one spelling of each symbol, formula and abbreviation (see the module doc)."""
    return _VARIANT_ANY.sub(_variant, symbols_plain(text))


@lru_cache(maxsize=4096)
def symbols_plain(text: str) -> str:
    """`plain` before abbreviations are expanded: what formulas are read from ("var(x)" stays a function)."""
    text = _ABBREVIATION_DOTS.sub(" ", _latex_to_plain(text))
    text = _SYMBOL_RE.sub(lambda m: _SYMBOLS[m.group()], text)
    text = re.sub(r"(\d)\s*×\s*(\d)", r"\1x\2", text).replace("×", "*")
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    text = fold_spelling(text.lower())
    text = _THOUSANDS.sub("", text).replace("%", " percent ")
    for pattern, replacement in _CONTRACTIONS:
        text = pattern.sub(replacement, text)
    text = _JOINED.sub(r"\1", text)
    return _GREEK_DIGIT.sub(r"\1 \2", text)


def _variant(match: re.Match[str]) -> str:
    found = match.group()
    for pattern, replacement in _VARIANTS:
        if pattern.fullmatch(found):
            return f" {replacement} "
    return found


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
    return text.replace("{", "").replace("}", "")


def _token_form(token: str) -> str:
    if _NUMBER.match(token):  # 0.80 and .8 read as 0.8
        whole, _, decimals = token.partition(".")
        decimals = decimals.rstrip("0")
        return f"{whole or '0'}.{decimals}" if decimals else whole or "0"
    return stem(token) if token.isalpha() else token


@lru_cache(maxsize=4096)
def sentences(text: str) -> tuple[tuple[str, ...], ...]:
    """The text's sentences (or clauses after ';' and ':'), each as its word forms (stems, numbers, names),
    stop words left out but negations kept, so a caller can tell "not" apart, and BREAK where a clause ends."""
    out = []
    for part in _SENTENCE.split(plain(text)):
        forms: list[str] = []
        for token in _TOKEN.findall(part):
            if token == BREAK or token in _CLAUSE_WORDS:
                if forms and forms[-1] != BREAK:
                    forms.append(BREAK)
            elif token not in STOP or token in NEGATIONS:
                forms.append(_token_form(token))
        if forms and forms[-1] == BREAK:
            forms.pop()
        if forms:
            out.append(tuple(_directed(forms)))
    return tuple(out)


_DIRECTIONS = {"more": "+", "high": "+", "less": "-", "low": "-"}


def _plain_word(form: str) -> bool:
    return form != BREAK and form not in NEGATIONS and form not in _DIRECTIONS and form[0] not in "+-"


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


def words(text: str) -> tuple[str, ...]:
    """All of the text's word forms in order, negations included."""
    return tuple(w for sentence in sentences(text) for w in sentence)


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
