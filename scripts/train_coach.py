"""Rebuild src/recouple/coach/coach_model.npz from the labelled corpus.

    python scripts/train_coach.py [--report]

Training data: every data/coach/corpus/writer-*.jsonl except the held-out writer(s) named in
data/coach/HELD_OUT (kept for the test only; no rule or threshold is tuned on them).
Thresholds: chosen per label on out-of-fold predictions, folds split by writer, so a phrasing
one writer favours can't leak from training into the score that picks the threshold. Each
label's threshold is the one that maximises F1 of "rule or model" on those predictions while
keeping model-only false alarms on clean items under 0.5% per label. Self-harm takes the lowest
threshold whose model-only alarms stay under 1% of clean items: the recall-first detector in
coach/selfharm.py carries the warning, and a model-only guess is shown as a gentle check-in.
"""

from __future__ import annotations

import argparse
import sys
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


def _self_harm_threshold(
    rule: np.ndarray, gold: np.ndarray, p: np.ndarray, clean: np.ndarray
) -> float:
    """Recall first, within reason: the lowest threshold whose model-only alarms stay under
    1% of clean items. A warning that fires on every quiet sentence stops being heard."""
    grid = np.round(np.arange(0.02, 0.96, 0.01), 2)
    quiet = [t for t in grid if (~rule & (p >= t) & clean).sum() <= 0.01 * clean.sum()]
    return float(min(quiet)) if quiet else 0.5


def choose_thresholds(items: list[Item], probs: np.ndarray) -> np.ndarray:
    ruled = [rule_labels(i) for i in items]
    clean = [not (i.labels & set(RISKS)) for i in items]
    grid = np.round(np.arange(0.20, 0.96, 0.01), 2)
    chosen = np.zeros(len(LABELS))
    for col, label in enumerate(LABELS):
        gold = np.array([label in i.labels for i in items])
        rule = np.array([label in r for r in ruled])
        best_t, best_f1 = 0.95, -1.0
        if label == "self_harm":
            chosen[col] = _self_harm_threshold(rule, gold, probs[:, col], np.array(clean))
            continue
        for t in grid:
            pred = rule | (probs[:, col] >= t)
            tp = (pred & gold).sum()
            precision = tp / max(1, pred.sum())
            recall = tp / max(1, gold.sum())
            f1 = 2 * precision * recall / max(1e-9, precision + recall)
            model_alarms = (~rule & (probs[:, col] >= t) & np.array(clean)).sum()
            if label in RISKS and model_alarms > 0.005 * sum(clean):
                continue
            if f1 > best_f1:
                best_t, best_f1 = t, f1
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

        rows = {item.id: row for row, item in enumerate(oof_items)}

        def predict(item: Item) -> set[str]:
            row = rows[item.id]
            got = rule_labels(item)
            got |= {
                label
                for col, label in enumerate(LABELS)
                if probs[row, col] >= thresholds[col]
                and not (label == "pity" and item.kind == "journal")
            }
            return got

        scores, _ = score(oof_items, predict)
        print("out-of-fold, split by writer:")
        print("\n".join(report(scores)))


if __name__ == "__main__":
    main()
