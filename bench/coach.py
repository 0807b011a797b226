"""How fast is the coach? Messages per second and per-message latency, beside VADER.

    .venv/bin/python bench/coach.py [--seconds 3]

VADER's polarity_scores is the reference for a fast lexicon analyser: the same texts are run
through both in the same process, one after the other. Figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer  # noqa: E402

from recouple import coach  # noqa: E402


def corpus_texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "data" / "coach" / "corpus").glob("writer-*.jsonl")):
        texts.extend(json.loads(line)["text"] for line in path.open() if line.strip())
    return texts


def sized(texts: list[str], length: int) -> list[str]:
    """Texts of about ``length`` characters, stitched from real corpus lines."""
    out, buf = [], ""
    for text in texts:
        buf = f"{buf} {text}".strip()
        if len(buf) >= length:
            out.append(buf[:length])
            buf = ""
    return out


def measure(
    name: str, fn: Callable[[str], object], texts: list[str], seconds: float
) -> dict[str, float]:
    for text in texts[:20]:
        fn(text)  # warm up (model load, caches)
    latencies = []
    start = time.perf_counter()
    i = 0
    while time.perf_counter() - start < seconds:
        text = texts[i % len(texts)]
        t0 = time.perf_counter()
        fn(text)
        latencies.append((time.perf_counter() - t0) * 1000)
        i += 1
    total = time.perf_counter() - start
    latencies.sort()
    return {
        "per_second": len(latencies) / total,
        "p50_ms": statistics.median(latencies),
        "p95_ms": latencies[int(0.95 * (len(latencies) - 1))],
        "p99_ms": latencies[int(0.99 * (len(latencies) - 1))],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="time per measurement")
    args = parser.parse_args()
    texts = corpus_texts()
    vader = SentimentIntensityAnalyzer()
    suites = {
        "corpus lines": texts,
        "500 characters": sized(texts, 500),
        "20 000 characters": sized(texts, coach.MAX_CHARS)[:5],
    }
    print(f"{'texts':<20}{'analyser':<10}{'msg/s':>10}{'p50 ms':>10}{'p95 ms':>10}{'p99 ms':>10}")
    for label, batch in suites.items():
        for name, fn in (("coach", coach.check), ("vader", vader.polarity_scores)):
            row = measure(name, fn, batch, args.seconds)
            print(
                f"{label:<20}{name:<10}{row['per_second']:>10.0f}{row['p50_ms']:>10.2f}"
                f"{row['p95_ms']:>10.2f}{row['p99_ms']:>10.2f}"
            )


if __name__ == "__main__":
    main()
