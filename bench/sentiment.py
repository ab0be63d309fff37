"""Sentiment benchmark: items judged per second on this machine (goal ≥ 2,000/s), macro-F1 over three classes per
language on a public labelled set of posts (goal ≥ 0.65, not below 0.60), and what corrections change.

The labelled set is XLM-T's Twitter sentiment benchmark (Barbieri, Espinosa-Anke, Camacho-Collados, "XLM-T:
Multilingual Language Models in Twitter for Sentiment Analysis and Beyond", LREC 2022; github.com/cardiffnlp/xlm-t,
data/sentiment/<language>/test_text.txt and test_labels.txt: 870 test posts per language, 0 negative, 1 neutral, 2
positive; the French posts come from DEFT 2015, the English ones from SemEval 2017). `bench/data/sentiment` holds the
first 150 test posts of each of French and English, copied by hand from that repository with their labels; pass
`--data` a checkout's `data/sentiment` folder to measure on all 870. Nothing in cmdesk was fitted to these rows.

It also holds the first validation posts of the same sets (val_text.txt, val_labels.txt: 167 French, 144 English),
the only rows the rules' thresholds (analysis/sentiment.py THRESHOLDS) and the corrections' gate
(analysis/learning.py RESEMBLANCE) were chosen on; `--validation` prints the grid of thresholds they were chosen
from. Both sets' labels follow XLM-T's files, which list negative, neutral and positive posts in turn.

Corrections: the first half of each language's rows plays a user who corrects every post cmdesk got wrong; the
model learnt from those corrections (analysis/learning.py) is measured on the second half, before and after.

Usage: python bench/sentiment.py [--data DIR] [--items 20000]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import common  # noqa: F401  (first: it puts src/ and the project root on sys.path)

from cmdesk.analysis.learning import Corrections
from cmdesk.analysis.sentiment import LABELS, NEGATIVE, NEUTRAL, POSITIVE, normalised, rule_score

HERE = Path(__file__).resolve().parent
LANGUAGES = {"french": "fr", "english": "en"}


def load(folder: Path, split: str = "test") -> list[tuple[str, str]]:
    texts = (folder / f"{split}_text.txt").read_text(encoding="utf-8").splitlines()
    labels = (folder / f"{split}_labels.txt").read_text(encoding="utf-8").split()
    if len(texts) != len(labels):
        raise SystemExit(f"{folder}: {len(texts)} texts but {len(labels)} labels")
    return [(text, LABELS[int(label)]) for text, label in zip(texts, labels, strict=True)]


def macro_f1(gold: list[str], guessed: list[str]) -> tuple[float, dict[str, float]]:
    scores = {}
    for label in LABELS:
        true_positive = sum(1 for g, p in zip(gold, guessed, strict=True) if g == label and p == label)
        predicted = sum(1 for p in guessed if p == label)
        actual = sum(1 for g in gold if g == label)
        precision = true_positive / predicted if predicted else 0.0
        recall = true_positive / actual if actual else 0.0
        scores[label] = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return sum(scores.values()) / len(scores), scores


def judged(model: Corrections, rows: list[tuple[str, str]]) -> list[str]:
    return [model.judge(text).label for text, _gold in rows]


def threshold_grid(rows: list[tuple[str, str]], code: str) -> None:
    """Macro-F1 on the validation rows for each pair of thresholds (negative down the side, positive across)."""
    gold = [label for _text, label in rows]
    scores = [normalised(rule_score(text, code)[0]) for text, _gold in rows]
    steps = [step / 100 for step in range(5, 60, 5)]
    print(f"{code} validation: negative \\ positive " + " ".join(f"{p:5.2f}" for p in steps))
    for negative in steps:
        cells = []
        for positive in steps:
            guessed = [POSITIVE if s >= positive else NEGATIVE if s <= -negative else NEUTRAL for s in scores]
            cells.append(f"{macro_f1(gold, guessed)[0]:5.2f}")
        print(f"{code} validation: {negative:5.2f}                " + " ".join(cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=HERE / "data" / "sentiment")
    parser.add_argument("--items", type=int, default=20000, help="items judged for the speed figure")
    parser.add_argument("--validation", action="store_true", help="print the thresholds' grid on the validation rows")
    args = parser.parse_args()
    rules = Corrections()
    every: list[str] = []
    for folder, code in LANGUAGES.items():
        validation = load(args.data / folder, "val")
        if args.validation:
            threshold_grid(validation, code)
        score, _per_class = macro_f1([label for _t, label in validation], judged(rules, validation))
        print(f"{code}: macro-F1 {score:.3f} over {len(validation)} validation posts (the rows tuned on)")
        rows = load(args.data / folder)
        every.extend(text for text, _gold in rows)
        gold = [label for _text, label in rows]
        score, per_class = macro_f1(gold, judged(rules, rows))
        classes = ", ".join(f"{label} {value:.2f}" for label, value in per_class.items())
        print(f"{code}: macro-F1 {score:.3f} over {len(rows)} test posts ({classes})")

        half = len(rows) // 2
        teaching, held_out = rows[:half], rows[half:]
        wrong = [(text, label) for (text, label), guess in zip(teaching, judged(rules, teaching), strict=True)
                 if guess != label]  # fmt: skip
        learnt = Corrections.learnt(wrong)
        held_gold = [label for _text, label in held_out]
        before, _ = macro_f1(held_gold, judged(rules, held_out))
        after, _ = macro_f1(held_gold, judged(learnt, held_out))
        print(
            f"{code}: {len(wrong)} corrections of the first {half} posts → macro-F1 on the other {len(held_out)}: "
            f"{before:.3f} before, {after:.3f} after"
        )

    started = time.perf_counter()
    for number in range(args.items):
        rules.judge(every[number % len(every)] + (" " if number % 2 else ""))
    elapsed = time.perf_counter() - started
    rate = args.items / elapsed
    print(f"speed: {rate:,.0f} items/s over {args.items:,} posts (language found for each), goal ≥ 2,000/s: "
          f"{'MET' if rate >= 2000 else 'NOT MET'}")  # fmt: skip


if __name__ == "__main__":
    main()
