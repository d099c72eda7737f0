"""A second opinion beside the rules: character n-gram models trained on written examples.

Rules name the phrasings someone thought of; owners also write "pdeal stcuk", "the car won't quit
going" or "kiten mi numero". A model over character n-grams (and word pairs) of the plain text
reads those by their pieces. It is trained from the example sets in
`bot/understand/data/` (texts written as owners write, each labelled with what a right answer must
do: `wants`) once per change of those sets (a few seconds; kept in `var/understand/` and loaded
in under a second by every later start); scikit-learn's TF-IDF and logistic regression, no
download. Each check asks the model only where its rules' guards allow (bot.understand.emergency,
opt_out), at the threshold chosen on the development sets in tests/dev (bench/detectors.py).
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
import pickle
import threading
from collections.abc import Callable
from functools import cache
from pathlib import Path

import sklearn
import yaml
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from bot.understand.text import plain

logger = logging.getLogger(__name__)

DATA = Path(__file__).resolve().parent / "data"
_lock = threading.Lock()


NLU = Path(__file__).resolve().parents[2] / "data" / "nlu"
# Intents of the NLU data whose examples may be what a check looks for: left out of its background.
NOT_BACKGROUND = {"emergency": {"report_warning_sign"}, "opt_out": set()}


def examples(label: str, directory: Path = DATA) -> tuple[list[str], list[bool]]:
    """The training texts (plain form) and whether each is an example of `label`: the labelled
    sets of `directory`, and as background (never `label`) the NLU examples of the other intents,
    so that everyday messages ("thanks", "who is this?") are known not to be one.

    An NLU example the check's own rules read as `label` is left out of the background: the
    intent data is written for intents, and "this is the 4th letter you've sent me, STOP" is a
    complaint there and an opt-out here, not a text known not to be one."""
    texts: list[str] = []
    labels: list[bool] = []
    for path in sorted(directory.glob("*.yml")):
        for item in yaml.safe_load(path.read_text())["texts"]:
            texts.append(plain(item["text"]))
            labels.append(label in item["wants"])
    rules = _rules(label)
    for intent, lines in _nlu_examples():
        if intent not in NOT_BACKGROUND[label]:
            kept = [plain(line) for line in lines if not rules(line)]
            texts += kept
            labels += [False] * len(kept)
    return texts, labels


def _rules(label: str) -> Callable[[str], bool]:
    from bot.understand import emergency, opt_out  # they ask this module for the model's opinion

    return {"emergency": emergency.by_rules, "opt_out": opt_out.by_rules}[label]


@cache
def training_texts() -> tuple[str, ...]:
    """Every text the checks and the intent classifier learn from, in plain form (bot.understand.familiar)."""
    texts = [plain(line) for _, lines in _nlu_examples() for line in lines]
    for path in sorted(DATA.glob("*.yml")):
        texts += [plain(item["text"]) for item in yaml.safe_load(path.read_text())["texts"]]
    return tuple(texts)


def _nlu_examples() -> list[tuple[str, list[str]]]:
    found = []
    for path in sorted(NLU.glob("*.yml")):
        for block in yaml.safe_load(path.read_text()).get("nlu") or []:
            if "intent" in block:
                lines = [line[2:].strip() for line in block["examples"].splitlines() if line.startswith("- ")]
                found.append((block["intent"], lines))
    return found


class Model:
    """Character n-grams (2-5, within words) and word pairs, TF-IDF, then a logistic regression.

    Applied by hand rather than through a scikit-learn Pipeline/FeatureUnion: those add ~1 ms of
    bookkeeping per message (joblib, fitted-checks), three times the arithmetic itself."""

    def __init__(self, texts: list[str], labels: list[bool]):
        self.vectorizers = [
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True),
            TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
        ]
        features = hstack([v.fit_transform(texts) for v in self.vectorizers]).tocsr()
        classifier = LogisticRegression(C=10, class_weight="balanced", max_iter=2000).fit(features, labels)
        self.weights = classifier.coef_.ravel()
        self.bias = float(classifier.intercept_[0])

    def probability(self, text: str) -> float:
        features = hstack([v.transform([text]) for v in self.vectorizers]).tocsr()
        score = float(features.dot(self.weights)[0]) + self.bias
        return 1.0 / (1.0 + math.exp(-score))


def train(texts: list[str], labels: list[bool]) -> Model:
    return Model(texts, labels)


# Trained models kept between starts, named for what they were trained from: every server (and
# every test server) would otherwise spend seconds training the same models again.
CACHE = Path(__file__).resolve().parents[2] / "var" / "understand"


def _fingerprint(label: str) -> str:
    digest = hashlib.sha1(f"{label} {sklearn.__version__}".encode())
    here = Path(__file__).resolve().parent
    for source in (Path(__file__), here / "emergency.py", here / "opt_out.py"):  # the rules pick the background
        digest.update(source.read_bytes())
    for path in sorted([*DATA.glob("*.yml"), *NLU.glob("*.yml")]):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@cache
def _model(label: str) -> Model:
    with _lock:
        cached = CACHE / f"{label}-{_fingerprint(label)}.pickle"
        if cached.exists():
            try:
                return pickle.loads(cached.read_bytes())  # written by this code, below
            except Exception:
                logger.warning("could not read %s: training again", cached)
        texts, labels = examples(label)
        if not any(labels):
            raise RuntimeError(f"no examples of {label!r} in {DATA}")
        model = train(texts, labels)
        logger.info("trained the %s model on %d texts", label, len(texts))
        CACHE.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(pickle.dumps(model))
        os.replace(partial, cached)  # whole or not at all, whichever server wrote it first
        return model


def probability(label: str, text: str) -> float:
    """How likely the model finds `text` an example of `label` (0..1)."""
    return _model(label).probability(plain(text))


def warm_up() -> None:
    """Train both models now, not while the first owner waits."""
    for label in ("emergency", "opt_out"):
        _model(label)
