"""Rebuild src/recouple/coach/coach_model.npz from the labelled corpus.

    python scripts/train_coach.py [--report]

Training data: every data/coach/corpus/writer-*.jsonl except the held-out writer(s) named in
data/coach/HELD_OUT (kept for the test only; no rule or threshold is tuned on them).
Thresholds: chosen on out-of-fold predictions, folds split by writer, so a phrasing one writer
favours can't leak from training into the score that picks a threshold. Self-harm takes the
highest threshold at which rules and model together still find SELF_HARM_RECALL of it (the
recall-first detector in coach/selfharm.py carries the warning; a model-only guess is a gentle
check-in).
The others are chosen together: the best macro-F1 of "rule or model", combined as the coach
combines them, while at most ALARM_BUDGET of clean items get any risk label.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from recouple.coach import rules  # noqa: E402
from recouple.coach.evaluate import Item, read  # noqa: E402
from recouple.coach.labels import LABELS, RISKS  # noqa: E402
from recouple.coach.model import MODEL_PATH, features  # noqa: E402

CORPUS = ROOT / "data" / "coach" / "corpus"
HELD_OUT = ROOT / "data" / "coach" / "HELD_OUT"
MAX_FEATURES = 60_000
C = 10.0
# At most this share of clean out-of-fold items may get a risk label (rules and model together,
# self-harm check-ins included): a kind message called manipulative costs the user's trust. The
# budget is the 6% the coach is held to on text it has never seen; about half of it goes to
# gentle self-harm check-ins, which recall comes first for.
ALARM_BUDGET = 0.06
# Out of fold, rules and model together must find at least this share of self-harm items.
SELF_HARM_RECALL = 0.90


def load_writers() -> dict[str, list[Item]]:
    held = set(HELD_OUT.read_text().split()) if HELD_OUT.exists() else set()
    writers = {}
    for path in sorted(CORPUS.glob("writer-*.jsonl")):
        if path.name in held:
            continue
        writers[path.stem] = read(path)
    return writers


def fit(items: list[Item]) -> tuple[CountVectorizer, TfidfTransformer, np.ndarray, np.ndarray]:
    vectorizer = CountVectorizer(
        analyzer=features, min_df=2, max_features=MAX_FEATURES, dtype=np.float64
    )
    counts = vectorizer.fit_transform([i.text for i in items])
    tfidf = TfidfTransformer(sublinear_tf=True, norm="l2", smooth_idf=True)
    x = tfidf.fit_transform(counts)
    coef = np.zeros((len(LABELS), x.shape[1]))
    intercept = np.zeros(len(LABELS))
    for row, label in enumerate(LABELS):
        y = np.array([label in i.labels for i in items])
        clf = LogisticRegression(C=C, max_iter=5000)
        clf.fit(x, y)
        coef[row] = clf.coef_[0]
        intercept[row] = clf.intercept_[0]
    return vectorizer, tfidf, coef, intercept


def probabilities(
    vectorizer: CountVectorizer,
    tfidf: TfidfTransformer,
    coef: np.ndarray,
    intercept: np.ndarray,
    items: list[Item],
) -> np.ndarray:
    x = tfidf.transform(vectorizer.transform([i.text for i in items]))
    return 1.0 / (1.0 + np.exp(-(x @ coef.T + intercept)))


def rule_labels(item: Item) -> set[str]:
    return {hit.label for hit in rules.find(item.text, item.kind)}


@dataclass(frozen=True)
class Evidence:
    """What the out-of-fold predictions are judged against: the gold labels, what the rules
    found, which items are journal lines, which items are clean (no risk label)."""

    gold: np.ndarray
    ruled: np.ndarray
    journal: np.ndarray
    clean: np.ndarray

    @classmethod
    def of(cls, items: list[Item]) -> Evidence:
        ruled = [rule_labels(i) for i in items]
        return cls(
            gold=np.array([[label in i.labels for label in LABELS] for i in items]),
            ruled=np.array([[label in r for label in LABELS] for r in ruled]),
            journal=np.array([i.kind == "journal" for i in items]),
            clean=np.array([not (i.labels & set(RISKS)) for i in items]),
        )

    def predict(self, probs: np.ndarray, thresholds: np.ndarray) -> np.ndarray:
        """Rule or model, as ``coach.check`` combines them: no pity in a journal, and owning
        one's part taken back by blame or a demand for forgiveness."""
        pred = self.ruled | (probs >= thresholds)
        pred[self.journal, LABELS.index("pity")] = False
        taken_back = pred[:, LABELS.index("blame")] | pred[:, LABELS.index("forgiveness_demand")]
        pred[:, LABELS.index("accountability")] &= ~taken_back
        return pred

    def scores(self, pred: np.ndarray) -> tuple[float, float]:
        """Macro-F1 over the labels, and the share of clean items given any risk label."""
        tp = (pred & self.gold).sum(axis=0)
        precision = tp / np.maximum(1, pred.sum(axis=0))
        recall = tp / np.maximum(1, self.gold.sum(axis=0))
        f1 = 2 * precision * recall / np.maximum(1e-9, precision + recall)
        alarms = pred[self.clean][:, : len(RISKS)].any(axis=1).mean()
        return float(f1.mean()), float(alarms)


def _self_harm_threshold(evidence: Evidence, p: np.ndarray) -> float:
    """Recall first: the highest threshold at which rules or model together still find
    SELF_HARM_RECALL of the self-harm items out of fold. A guess the model makes alone is shown
    as a gentle check-in, not the crisis card, so a wider net costs little."""
    col = LABELS.index("self_harm")
    rule, gold = evidence.ruled[:, col], evidence.gold[:, col]
    grid = np.round(np.arange(0.05, 0.96, 0.01), 2)
    reaching = [
        t for t in grid if ((rule | (p >= t)) & gold).sum() >= SELF_HARM_RECALL * gold.sum()
    ]
    return float(max(reaching)) if reaching else float(grid[0])


def choose_thresholds(items: list[Item], probs: np.ndarray) -> np.ndarray:
    """Self-harm first (recall first), then the rest together: the thresholds that give the
    best macro-F1 while no more than ``ALARM_BUDGET`` of clean items get a risk label, found
    by coordinate ascent over a grid, a few rounds."""
    evidence = Evidence.of(items)
    harm = LABELS.index("self_harm")
    # Start strict (few alarms) and loosen: the search then walks inside the budget.
    chosen = np.full(len(LABELS), 0.9)
    chosen[harm] = _self_harm_threshold(evidence, probs[:, harm])

    def objective(thresholds: np.ndarray) -> float:
        macro, alarms = evidence.scores(evidence.predict(probs, thresholds))
        return macro - 5 * max(0.0, alarms - ALARM_BUDGET)

    grid = np.round(np.arange(0.10, 0.98, 0.02), 2)
    for _round in range(4):
        for col in range(len(LABELS)):
            if col == harm:
                continue
            trial = chosen.copy()
            best, best_t = objective(chosen), chosen[col]
            for t in grid:
                trial[col] = t
                score = objective(trial)
                if score > best + 1e-9:
                    best, best_t = score, t
            chosen[col] = best_t
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", action="store_true", help="print out-of-fold scores")
    args = parser.parse_args()
    writers = load_writers()
    names = sorted(writers)
    everything = [item for name in names for item in writers[name]]
    oof_items: list[Item] = []
    oof_probs = []
    for name in names:
        train = [item for other in names if other != name for item in writers[other]]
        model = fit(train)
        oof_items.extend(writers[name])
        oof_probs.append(probabilities(*model, writers[name]))
    probs = np.vstack(oof_probs)
    thresholds = choose_thresholds(oof_items, probs)
    vectorizer, tfidf, coef, intercept = fit(everything)
    vocab = np.array(vectorizer.get_feature_names_out(), dtype=str)
    MODEL_PATH.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        MODEL_PATH,
        labels=np.array(LABELS, dtype=str),
        vocabulary=vocab,
        idf=tfidf.idf_.astype(np.float32),
        coef=coef.astype(np.float32),
        intercept=intercept.astype(np.float32),
        thresholds=thresholds.astype(np.float32),
    )
    size = MODEL_PATH.stat().st_size / 1e6
    print(f"trained on {len(everything)} items from {len(names)} writers: {', '.join(names)}")
    print(f"{len(vocab)} features, {size:.1f} MB → {MODEL_PATH.relative_to(ROOT)}")
    for label, t in zip(LABELS, thresholds, strict=True):
        print(f"  threshold {label:<20}{t:.2f}")
    if args.report:
        from recouple.coach.evaluate import report, score

        pred = Evidence.of(oof_items).predict(probs, thresholds)
        rows = {item.id: row for row, item in enumerate(oof_items)}

        def predict(item: Item) -> set[str]:
            return {label for col, label in enumerate(LABELS) if pred[rows[item.id], col]}

        scores, _ = score(oof_items, predict)
        print("out-of-fold, split by writer:")
        print("\n".join(report(scores)))


if __name__ == "__main__":
    main()
