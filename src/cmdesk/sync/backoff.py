"""Exponential backoff with jitter ("equal jitter": half fixed, half random) so many accounts never retry in step."""

from __future__ import annotations

import random

_shared = random.Random()


def backoff_delay(failures: int, *, base: float = 30.0, cap: float = 3600.0, rng: random.Random | None = None) -> float:
    """Seconds to wait after `failures` consecutive transient failures (1 → ~base, doubling, never above cap)."""
    if failures <= 0:
        return 0.0
    ceiling = min(cap, base * 2.0 ** (failures - 1))
    source = rng if rng is not None else _shared
    return ceiling / 2 + source.uniform(0, ceiling / 2)
