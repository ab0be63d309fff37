"""Process-wide settings that keep an event loop responsive while the engine's threads and parsers work.

Measured with bench/ingest.py (20 feeds × 1,000 entries, 2 cores), worst event-loop stall during a sync:
- defaults: ~100 ms, caused by full garbage collections walking every long-lived object (SQLAlchemy metadata,
  modules, Qt wrappers) while holding the GIL;
- after `gc.freeze()` of everything alive at start-up: ~20 ms;
- plus a 2 ms GIL switch interval (default 5 ms), so the loop thread waits less behind the writer thread and the
  parser pool's result thread: ~18 ms worst, ~6 ms 99th percentile, for a ~3 % longer sync.
Call once, after start-up imports and before syncing; the GUI does. The CLI does not need it.
"""

from __future__ import annotations

import gc
import sys

SWITCH_INTERVAL = 0.002


GC_THRESHOLDS = (10_000, 20, 1_000)


def keep_loop_responsive() -> None:
    gc.unfreeze()  # what the window's start put aside unexamined (app/main.py) is examined once, here
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
    sys.setswitchinterval(SWITCH_INTERVAL)
