"""What the user's corrections teach: a small linear model over character n-grams, learnt from the messages whose
sentiment the user corrected in this data folder, added to the rules' verdict (analysis/sentiment.py).

The rules give each label a prior logit from their score (a message at the rules' threshold is a tie), the model adds
its own; with no correction the model is empty and the rules decide alone. Training is multinomial logistic
regression by stochastic gradient descent over the corrections (a few hundred at most: milliseconds), repeated until
every correction is reproduced or the epochs run out, so a correction is learnt at once and generalises to messages
that share its words ("livraison en retard", "pas reçu ma commande").
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from cmdesk.analysis.language import cleaned, languages_of
from cmdesk.analysis.sentiment import LABELS, Sentiment, label_for, normalised, rule_score, thresholds

PRIOR_GAIN = 6.0
"""How firmly the rules' score speaks: logits (-score - T, 0, score - T) × this."""
RESEMBLANCE = 0.3
"""A message is judged by the corrections only when it resembles one of them at least this much (cosine of their
n-grams); other messages keep the rules' verdict. Ungated, a few dozen corrections of unrelated public posts moved
the verdict on the rest of XLM-T's validation posts the wrong way (French macro-F1 0.62 → 0.49); gated, by little
(bench/sentiment.py)."""
RATE = 0.4
EPOCHS = 40
L2 = 1e-4
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def features(text: str) -> dict[str, float]:
    """Character 3- to 5-grams inside each word (with its boundaries) and the words themselves, weighted so that a
    long text counts as much as a short one."""
    grams: dict[str, float] = {}
    for word in _WORD.findall(cleaned(text).lower()):
        grams["w:" + word] = grams.get("w:" + word, 0.0) + 1.0
        padded = f"<{word}>"
        for size in (3, 4, 5):
            for start in range(0, max(0, len(padded) - size) + 1):
                gram = padded[start : start + size]
                grams[gram] = grams.get(gram, 0.0) + 1.0
    norm = math.sqrt(sum(v * v for v in grams.values())) or 1.0
    return {gram: value / norm for gram, value in grams.items()}


def prior(score: float, language: str = "") -> list[float]:
    negative, positive = thresholds(language)
    return [PRIOR_GAIN * (-score - negative), 0.0, PRIOR_GAIN * (score - positive)]


def _softmax(logits: Sequence[float]) -> list[float]:
    top = max(logits)
    exps = [math.exp(v - top) for v in logits]
    total = sum(exps)
    return [v / total for v in exps]


@dataclass
class Corrections:
    """The model learnt from (text, label) corrections; empty, it changes nothing."""

    weights: dict[str, list[float]] = field(default_factory=dict)
    examples: int = 0
    postings: dict[str, list[tuple[int, float]]] = field(default_factory=dict)
    """n-gram → (correction, weight): which corrections a message resembles (`resemblance`)."""

    @classmethod
    def learnt(cls, corrections: Iterable[tuple[str, str]], seed: int = 7) -> Corrections:
        rows = []
        for text, label in corrections:
            total, language = rule_score(text)
            rows.append((features(text), LABELS.index(label), normalised(total), language))
        model = cls(examples=len(rows))
        for number, (grams, _wanted, _score, _language) in enumerate(rows):
            for gram, value in grams.items():
                model.postings.setdefault(gram, []).append((number, value))
        order = list(range(len(rows)))
        shuffler = random.Random(seed)
        for _epoch in range(EPOCHS):
            shuffler.shuffle(order)
            wrong = 0
            for index in order:
                grams, wanted, score, language = rows[index]
                probabilities = _softmax(model._logits(grams, score, language))
                if max(range(3), key=probabilities.__getitem__) != wanted:
                    wrong += 1
                # The three columns written out, the gradients worked out once a row: the same arithmetic, in the
                # same order, as a loop over the columns, at half the interpreter's cost (learning from 300
                # corrections took seconds of the writer thread).
                negative, neutral, positive = (
                    probabilities[column] - (1.0 if column == wanted else 0.0) for column in range(3)
                )
                weights = model.weights
                for gram, value in grams.items():
                    row = weights.get(gram)
                    if row is None:
                        row = weights[gram] = [0.0, 0.0, 0.0]
                    row[0] -= RATE * (negative * value + L2 * row[0])
                    row[1] -= RATE * (neutral * value + L2 * row[1])
                    row[2] -= RATE * (positive * value + L2 * row[2])
            if not wrong:
                break
        return model

    def _logits(self, grams: dict[str, float], score: float, language: str) -> list[float]:
        logits = prior(score, language)
        weights = self.weights
        for gram, value in grams.items():
            row = weights.get(gram)
            if row is not None:
                logits[0] += row[0] * value
                logits[1] += row[1] * value
                logits[2] += row[2] * value
        return logits

    def resemblance(self, grams: dict[str, float]) -> float:
        """The cosine between a message's n-grams and those of the correction it most resembles."""
        dots: dict[int, float] = {}
        for gram, value in grams.items():
            for number, weight in self.postings.get(gram, ()):
                dots[number] = dots.get(number, 0.0) + value * weight
        return max(dots.values(), default=0.0)

    def judge(self, text: str, language: str = "", *, looked: bool = False) -> Sentiment:
        """The rules' verdict, changed where the corrections say otherwise (`looked`: as rule_score's)."""
        total, found = rule_score(text, language, looked=looked)
        score = normalised(total)
        if not self.weights:
            return Sentiment(label_for(score, found), round(score, 4), found)
        grams = features(text)
        if self.resemblance(grams) < RESEMBLANCE:
            return Sentiment(label_for(score, found), round(score, 4), found)
        probabilities = _softmax(self._logits(grams, score, found))
        label = LABELS[max(range(3), key=probabilities.__getitem__)]
        adjusted = probabilities[2] - probabilities[0]
        return Sentiment(label, round(adjusted if label != label_for(score, found) else score, 4), found)

    def judge_all(self, texts: Sequence[tuple[str, str]]) -> list[Sentiment]:
        """The verdict of each (text, its language or "" when not known yet), in order. The languages not known are
        found first, in one loop: fastText's tables stay in the processor's cache between two texts instead of
        being pushed out by the rules' work (measured on the benchmark's feeds: ~7 % less time a message)."""
        unknown = [text for text, language in texts if not language]
        found = iter(languages_of(unknown))
        languages = [language or next(found) for _text, language in texts]
        return [self.judge(text, language, looked=True) for (text, _), language in zip(texts, languages, strict=True)]


_learnt: dict[str, Corrections] = {}
"""This process's model, by the key that names its corrections."""


def learnt_once(key: str, corrections: Callable[[], Iterable[tuple[str, str]]]) -> Corrections:
    """The model learnt from `corrections` (read only when `key`, which names them, is new), kept until another key
    comes: one per process — the engine's, when it judges on its writer thread, or a judging process's."""
    model = _learnt.get(key)
    if model is None:
        _learnt.clear()
        model = _learnt[key] = Corrections.learnt(corrections())
    return model
