"""Key-point suggestions: time to suggest ticks for a 300-word typed answer against 6 key points.

    python -m benchmarks.keypoints [--runs 200]

Each run is a new answer (300 words cut from the bank's model answers at a random place) against
the 6 key points of a bank question, with the normaliser's text caches emptied first, so nothing
is reused from the run before (word stems stay cached, as they do in the app). Also measured: the
one-off cost of weighing the bundled bank's key points (`keypoints.warm`, run on the loader thread).
Budget: well under one frame (16.7 ms) per suggestion, since the review suggests on the UI thread.
"""

from __future__ import annotations

import argparse
import random
import sys
import time

from benchmarks.common import REPO, median, percentile, table

WORDS = 300
POINTS = 6


def run(runs: int) -> tuple[list[float], list[float], float]:
    from desktop.core import keypoint_text, keypoints
    from desktop.core.bank import load_bank

    bank = load_bank(REPO / "content")
    start = time.perf_counter()
    keypoints.warm(bank.questions)
    warm_s = time.perf_counter() - start
    weights = keypoints.current_weights()
    rng = random.Random(7)
    questions = [q for q in bank.questions if len(q.key_points) >= POINTS]
    words = " ".join(q.answer for q in bank.questions).split()
    wall, cpu = [], []
    for i in range(runs):
        points = rng.choice(questions).key_points[:POINTS]
        at = rng.randrange(0, len(words) - WORDS)
        answer = " ".join(words[at:at + WORDS]) + f" ({i})"
        keypoint_text.forget()
        c0, t0 = time.process_time(), time.perf_counter()
        keypoints.suggest_ticks(answer, points, weights)
        wall.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return wall, cpu, warm_s


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args(argv)
    wall, cpu, warm_s = run(args.runs)
    rows = [
        (f"{WORDS}-word answer, {POINTS} key points: wall ms", median(wall), percentile(wall, 95), max(wall)),
        (f"{WORDS}-word answer, {POINTS} key points: CPU ms", median(cpu), percentile(cpu, 95), max(cpu)),
    ]
    print(table(("per suggestion", "median", "p95", "max"), rows))
    print(f"\nweighing the bundled bank's key points once (loader thread): {warm_s * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
