"""Learned classifiers for the rules, trained on the team's own labelled examples.

Patterns catch the phrasing we anticipated; classifiers catch paraphrases we did
not. Each stage has one multi-label bank: TF-IDF over word and character
n-grams (robust to typos, fast enough for every reply sentence) and, for
requests, logistic regression on the sentence embedding that retrieval needs
anyway. Training data lives in guardrails/training_data and never overlaps the
evaluation set in guardrails/eval_data.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import sklearn
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict

from guardrails.disclaimers import DISCLAIMER
from guardrails.normalize import normalize
from guardrails.text import split_sentences

TRAINING_DIR = Path(__file__).resolve().parent / "training_data"
BANK_FORMAT = 4  # bump when the bank's attributes or its examples' preparation change


class ClassifierUnavailable(RuntimeError):
    """Training data for a classifier bank is missing or malformed."""


@dataclass(frozen=True)
class LabelledText:
    text: str
    labels: frozenset[str]


def load_examples(path: Path) -> list[LabelledText]:
    if not path.exists():
        raise ClassifierUnavailable(f"classifier training data not found: {path}")
    examples = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            examples.append(LabelledText(str(item["text"]), frozenset(item.get("labels", []))))
        except (ValueError, KeyError) as exc:
            raise ClassifierUnavailable(f"{path}:{number}: malformed example ({exc})") from exc
    return examples


def with_disclaimer_negatives(examples: Sequence[LabelledText]) -> list[LabelledText]:
    """Add the caveat sentences of violating examples as compliant examples.

    A cherry-picked return is usually written with "past performance does not
    predict future results" after it, so a classifier trained on whole
    examples learns the caveat as a sign of the violation and scores the
    caveat sentence itself above the sentence that breaks the rule. The rules
    never count a caveat sentence as a finding; neither should the classifier.
    """
    known = {example.text for example in examples}
    extra: list[LabelledText] = []
    for example in examples:
        if not example.labels:
            continue
        sentences = split_sentences(example.text)
        for sentence in sentences if len(sentences) > 1 else []:
            if DISCLAIMER.search(sentence.text) and sentence.text not in known:
                known.add(sentence.text)
                extra.append(LabelledText(sentence.text, frozenset()))
    return [*examples, *extra]


def _sigmoid(values: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-values)))


def _prepare(text: str) -> str:
    return normalize(text).text


class ClassifierBank:
    """One binary logistic regression per rule id over shared text features.

    Each label's decision threshold is calibrated on out-of-fold predictions
    over the training data, to a target false-positive rate: a balanced
    logistic regression at 0.5 blocks too many ordinary questions.
    """

    def __init__(self, examples: Sequence[LabelledText], min_positive: int = 8,
                 embedder: object | None = None, target_fpr: float = 0.01) -> None:
        self.labels = sorted({label for ex in examples for label in ex.labels
                              if sum(label in e.labels for e in examples) >= min_positive})
        texts = [_prepare(ex.text) for ex in examples]
        self.vectorizers = (
            TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True, max_features=40000),
            TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=2, sublinear_tf=True,
                            max_features=60000),
        )
        matrix = sparse.hstack([v.fit_transform(texts) for v in self.vectorizers]).tocsr()
        self.embedder = embedder
        embedded = self._embed([ex.text for ex in examples]) if embedder is not None else None
        self.models: dict[str, LogisticRegression] = {}
        self.embedding_models: dict[str, LogisticRegression] = {}
        self.thresholds: dict[str, float] = {}
        folds = StratifiedKFold(n_splits=3, shuffle=True, random_state=0)
        for label in self.labels:
            target = np.array([label in ex.labels for ex in examples], dtype=int)
            model = LogisticRegression(C=8.0, class_weight="balanced", max_iter=2000)
            out_of_fold = cross_val_predict(model, matrix, target, cv=folds,
                                            method="predict_proba")[:, 1]
            model.fit(matrix, target)
            self.models[label] = model
            if embedded is not None:
                dense = LogisticRegression(C=4.0, class_weight="balanced", max_iter=2000)
                dense_oof = cross_val_predict(dense, embedded, target, cv=folds,
                                              method="predict_proba")[:, 1]
                out_of_fold = (out_of_fold + dense_oof) / 2
                dense.fit(embedded, target)
                self.embedding_models[label] = dense
            negatives = np.sort(np.asarray(out_of_fold)[target == 0])
            cut = negatives[min(len(negatives) - 1, int(len(negatives) * (1 - target_fpr)))]
            self.thresholds[label] = float(max(0.5, min(0.95, cut + 1e-6)))
        self._stack()
        self._cache: dict[str, _Scores] = {}
        self._lock = threading.Lock()

    def _stack(self) -> None:
        """All labels' weights in one matrix: one sparse product scores every rule at once."""
        # C order: scipy copies a Fortran-ordered operand on every sparse product.
        self._weights = np.ascontiguousarray(
            np.vstack([self.models[label].coef_[0] for label in self.labels]).T)
        self._bias = np.array([self.models[label].intercept_[0] for label in self.labels])
        if self.embedding_models:
            self._dense_weights = np.ascontiguousarray(np.vstack(
                [self.embedding_models[label].coef_[0] for label in self.labels]).T)
            self._dense_bias = np.array(
                [self.embedding_models[label].intercept_[0] for label in self.labels])

    def _embed(self, texts: list[str]) -> np.ndarray:
        embedder: Any = self.embedder
        return np.asarray(embedder.embed(texts))

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state.pop("_lock", None)
        state["_cache"] = {}
        state["embedder"] = None
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._stack()
        self._lock = threading.Lock()

    def threshold(self, label: str) -> float:
        return self.thresholds.get(label, 1.01)

    def predict(self, text: str, decide_at: float | None = None) -> dict[str, float]:
        """Probability per rule id; cached, since several rules ask about the same text."""
        return self.predict_many([text], decide_at)[0]

    def predict_many(self, texts: Sequence[str],
                     decide_at: float | None = None) -> list[dict[str, float]]:
        """Scores for several texts, the uncached ones vectorised in one batch.

        A reply is judged whole and sentence by sentence by a dozen rules; one
        vectoriser call for all its units costs about what one call per unit
        costs for a single unit.

        With ``decide_at`` (the lowest threshold the caller will compare with), a bank that
        averages the lexical and the embedding models skips the embedding for a text whose
        lexical scores are so low that no embedding score could lift the average to the
        threshold: the decision is the same, and the sentence embedding (most of a request's
        scoring time) is saved. Such a text reports its lexical scores.
        """
        with self._lock:
            cached = {t: self._cache[t] for t in texts if t in self._cache}
        known = {t: entry.scores for t, entry in cached.items()
                 if entry.exact or (decide_at is not None and entry.bound < decide_at)}
        missing = list(dict.fromkeys(t for t in texts if t not in known))
        if missing:
            prepared = [_prepare(text) for text in missing]
            # The inputs are strings we prepared and the fitted vectorisers are ours: sklearn's
            # per-call validation is about a third of a short text's scoring time.
            with sklearn.config_context(assume_finite=True, skip_parameter_validation=True):
                features = sparse.hstack([v.transform(prepared)
                                          for v in self.vectorizers]).tocsr()
            probabilities = _sigmoid(np.asarray(features @ self._weights) + self._bias)
            # The highest average any embedding score could give each text.
            bounds = ((probabilities.max(axis=1) + 1.0) / 2 if self.labels
                      else np.zeros(len(missing)))
            exact = [bool(not self.embedding_models or decide_at is None or bound >= decide_at)
                     for bound in bounds]
            rows = [number for number, needed in enumerate(exact)
                    if needed and self.embedding_models]
            if rows:
                embedder: Any = self.embedder
                vectors = np.vstack([np.asarray(embedder.embed_query(missing[row])).ravel()
                                     for row in rows])
                dense = _sigmoid(vectors @ self._dense_weights + self._dense_bias)
                probabilities[rows] = (probabilities[rows] + dense) / 2
            entries = {text: _Scores({label: float(p) for label, p
                                      in zip(self.labels, row, strict=True)},
                                     exact=done, bound=float(bound))
                       for text, row, done, bound in zip(missing, probabilities, exact, bounds,
                                                         strict=True)}
            known.update({text: entry.scores for text, entry in entries.items()})
            with self._lock:
                if len(self._cache) > 4096:
                    self._cache.clear()
                self._cache.update(entries)
        return [known[text] for text in texts]


@dataclass(frozen=True)
class _Scores:
    """A text's scores; ``exact`` is False when the embedding was skipped, and ``bound`` is then
    the highest score it could have given."""

    scores: dict[str, float]
    exact: bool = True
    bound: float = 1.0


_banks: dict[str, ClassifierBank] = {}
_banks_lock = threading.Lock()


def training_files(stage: str) -> list[Path]:
    """A stage's training data: ``<stage>.jsonl`` plus any ``<stage>_<part>.jsonl`` files.

    Parts let sets written at different times (for example replies with the
    customer's message alongside) sit in their own reviewed files.
    """
    return sorted(TRAINING_DIR.glob(f"{stage}.jsonl")) + sorted(
        TRAINING_DIR.glob(f"{stage}_*.jsonl"))


def data_fingerprint(paths: Sequence[Path]) -> str:
    if not paths:
        return "missing"
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@lru_cache(maxsize=1)
def _shared_embedder() -> object:
    from knowledge.embeddings import Embedder

    return Embedder()


def cache_root() -> Path:
    configured = os.environ.get("ADVISOR_CACHE_DIR")
    return Path(configured) if configured else Path(__file__).resolve().parent.parent / ".cache"


def classifier_bank(stage: str, use_embeddings: bool | None = None) -> ClassifierBank:
    """The bank for 'requests' or 'replies', built once and cached on disk.

    Training takes tens of seconds, so the fitted bank is stored under the
    cache folder, keyed by the training data's hash and the sklearn version.
    The file is written by this process's own code (joblib), never downloaded.
    """
    with _banks_lock:
        if stage in _banks:
            return _banks[stage]
        embeddings = (stage == "requests") if use_embeddings is None else use_embeddings
        files = training_files(stage)
        key = (f"{stage}-{data_fingerprint(files)}-{int(embeddings)}-v{BANK_FORMAT}"
               f"-sklearn{sklearn.__version__}")
        path = cache_root() / "classifiers" / f"{key}.joblib"
        bank: ClassifierBank | None = None
        if path.exists():
            try:
                bank = joblib.load(path)
            except Exception:  # a stale or partial file is rebuilt
                bank = None
        if bank is None:
            if not files:
                raise ClassifierUnavailable(
                    f"classifier training data not found: {TRAINING_DIR / stage}.jsonl")
            examples = [example for path in files for example in load_examples(path)]
            if stage == "replies":
                examples = with_disclaimer_negatives(examples)
            bank = ClassifierBank(examples, embedder=_shared_embedder() if embeddings else None)
            path.parent.mkdir(parents=True, exist_ok=True)
            staging = path.with_suffix(".tmp")
            joblib.dump(bank, staging)
            staging.replace(path)
        if embeddings:
            bank.embedder = _shared_embedder()
        _banks[stage] = bank
        return bank
