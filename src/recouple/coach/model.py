"""The trained part of the coach: word and character n-grams into one linear model per label.

The model ships as plain arrays (``coach_model.npz``): the vocabulary, the idf weights, the
coefficients and a tuned threshold per label. It is scored with numpy alone, so no pickle is
loaded and no model is downloaded at run time. ``scripts/train_coach.py`` rebuilds it from the
corpus in ``data/coach/``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from recouple.coach.rules import normalise

MODEL_PATH = Path(__file__).with_name("coach_model.npz")
# At most this many distinct words keep their n-gram indices in memory (a few MB).
WORD_CACHE = 50_000
WORD = re.compile(r"(?u)\b\w+\b|[!?]+|[\U0001F300-\U0001FAFF]")


def word_ngrams(norm: str) -> list[str]:
    tokens = WORD.findall(norm)
    grams = [f"w:{t}" for t in tokens]
    grams += [f"w:{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]
    return grams


def word_char_ngrams(word: str, low: int = 2, high: int = 5) -> list[str]:
    padded = f" {word} "
    grams: list[str] = []
    for n in range(low, high + 1):
        grams.extend(f"c:{padded[i : i + n]}" for i in range(max(0, len(padded) - n + 1)))
    return grams


def char_ngrams(norm: str, low: int = 2, high: int = 5) -> list[str]:
    grams: list[str] = []
    for word in norm.split():
        grams.extend(word_char_ngrams(word, low, high))
    return grams


def features(text: str) -> list[str]:
    """The n-grams the model reads; the training script uses this same function."""
    norm = normalise(text)
    return word_ngrams(norm) + char_ngrams(norm)


@dataclass(frozen=True)
class LinearModel:
    labels: tuple[str, ...]
    vocabulary: dict[str, int]
    idf: NDArray[np.float64]
    coef: NDArray[np.float64]  # labels × features
    intercept: NDArray[np.float64]
    thresholds: NDArray[np.float64]
    # Each word's character n-grams as vocabulary indices, kept as they are first seen: the
    # same words come back in every sentence the spans are scored on, and in every draft.
    _word_grams: dict[str, tuple[int, ...]] = field(default_factory=dict, compare=False)

    def _indices(self, word: str) -> tuple[int, ...]:
        found = self._word_grams.get(word)
        if found is None:
            found = tuple(
                i for i in map(self.vocabulary.get, word_char_ngrams(word)) if i is not None
            )
            if len(self._word_grams) < WORD_CACHE:
                self._word_grams[word] = found
        return found

    def vector(self, text: str) -> tuple[NDArray[np.intp], NDArray[np.float64]]:
        """The text's tf-idf vector (sparse: indices and values), as ``features`` reads it."""
        norm = normalise(text)
        counts: dict[int, int] = {}
        for gram in word_ngrams(norm):
            index = self.vocabulary.get(gram)
            if index is not None:
                counts[index] = counts.get(index, 0) + 1
        for word in norm.split():
            for index in self._indices(word):
                counts[index] = counts.get(index, 0) + 1
        if not counts:
            return np.zeros(0, dtype=np.intp), np.zeros(0)
        idx = np.fromiter(counts.keys(), dtype=np.intp, count=len(counts))
        tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        values = (1.0 + np.log(tf)) * self.idf[idx]  # sublinear tf, as trained
        length = np.linalg.norm(values)
        return idx, values / length if length else values

    def probabilities(self, text: str) -> dict[str, float]:
        idx, values = self.vector(text)
        scores = self.coef[:, idx] @ values + self.intercept if len(idx) else self.intercept
        probs = 1.0 / (1.0 + np.exp(-scores))
        return {label: float(p) for label, p in zip(self.labels, probs, strict=True)}

    def predict(self, text: str) -> dict[str, float]:
        """The labels whose probability reaches their tuned threshold, with the probability."""
        probs = self.probabilities(text)
        return {
            label: p
            for label, p, t in zip(self.labels, probs.values(), self.thresholds, strict=True)
            if p >= t
        }


def load(path: Path = MODEL_PATH) -> LinearModel:
    with np.load(path, allow_pickle=False) as data:
        vocab = [str(v) for v in data["vocabulary"]]
        return LinearModel(
            labels=tuple(str(v) for v in data["labels"]),
            vocabulary={gram: i for i, gram in enumerate(vocab)},
            idf=data["idf"].astype(np.float64),
            coef=data["coef"].astype(np.float64),
            intercept=data["intercept"].astype(np.float64),
            thresholds=data["thresholds"].astype(np.float64),
        )


@functools.cache
def shipped() -> LinearModel:
    """The model in the package, loaded once per process."""
    if not MODEL_PATH.exists():
        raise FileNotFoundError(
            f"{MODEL_PATH} is missing: rebuild it with 'python scripts/train_coach.py'."
        )
    return load()
