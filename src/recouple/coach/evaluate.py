"""Score the coach on a labelled JSON Lines file (the format in DESIGN.md)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from recouple.coach.labels import LABELS, RISKS


class CorpusError(ValueError):
    """A line of the labelled file is not in the expected shape."""


@dataclass(frozen=True)
class Item:
    id: str
    kind: str
    text: str
    labels: frozenset[str]


def read(path: Path) -> list[Item]:
    items = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                raw: Any = json.loads(line)
                kind = raw.get("kind", "message")
                labels = frozenset(raw["labels"])
                item = Item(str(raw["id"]), kind, str(raw["text"]), labels)
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                raise CorpusError(f"line {number}: not a labelled item ({exc})") from None
            if kind not in ("message", "journal"):
                raise CorpusError(f"line {number}: kind must be message or journal")
            unknown = labels - set(LABELS)
            if unknown:
                raise CorpusError(f"line {number}: unknown labels {sorted(unknown)}")
            items.append(item)
    if not items:
        raise CorpusError("the file holds no items")
    return items


@dataclass(frozen=True)
class Scores:
    per_label: dict[str, tuple[float, float, float, int]]  # precision, recall, f1, support
    macro_f1: float
    false_alarm_rate: float
    self_harm_recall: float


def score(
    items: Iterable[Item], predict: Callable[[Item], set[str]]
) -> tuple[Scores, list[tuple[Item, set[str]]]]:
    pairs = [(item, predict(item)) for item in items]
    per_label = {}
    for label in LABELS:
        tp = sum(1 for item, got in pairs if label in item.labels and label in got)
        fp = sum(1 for item, got in pairs if label not in item.labels and label in got)
        fn = sum(1 for item, got in pairs if label in item.labels and label not in got)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_label[label] = (precision, recall, f1, tp + fn)
    macro = sum(v[2] for v in per_label.values()) / len(LABELS)
    risk = set(RISKS)
    clean = [(item, got) for item, got in pairs if not (item.labels & risk)]
    alarms = sum(1 for _, got in clean if got & risk)
    harm = [got for item, got in pairs if "self_harm" in item.labels]
    return (
        Scores(
            per_label,
            macro,
            alarms / len(clean) if clean else 0.0,
            sum(1 for got in harm if "self_harm" in got) / len(harm) if harm else 0.0,
        ),
        pairs,
    )


def report(scores: Scores) -> list[str]:
    lines = [f"{'label':<20}{'precision':>10}{'recall':>8}{'f1':>8}{'support':>9}"]
    for label, (p, r, f, n) in scores.per_label.items():
        lines.append(f"{label:<20}{p:>10.3f}{r:>8.3f}{f:>8.3f}{n:>9}")
    lines.append(
        f"macro_f1={scores.macro_f1:.4f} false_alarm_rate={scores.false_alarm_rate:.4f} "
        f"self_harm_recall={scores.self_harm_recall:.4f}"
    )
    return lines
