"""A process and its descendants as /proc shows them (Linux): who is left after a kill, how much memory a whole
process tree holds. Used by the crash, orphan and agent tests and by the benchmarks that measure from outside."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _parents() -> dict[int, int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
    return parents


def descendants(pid: int) -> set[int]:
    """Every process descended from `pid` (not `pid` itself)."""
    parents = _parents()
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pid: int) -> bool:
    """Running (a zombie waiting for its parent counts as ended)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def tree_rss(pid: int) -> int:
    """Resident memory of `pid` and all its descendants, in bytes."""
    total = 0
    for member in {pid} | descendants(pid):
        try:
            total += int(Path(f"/proc/{member}/statm").read_text().split()[1]) * PAGE
        except OSError:
            continue
    return total


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_bytes: int
    returncode: int
    output: str


def sampled(command: Sequence[str], env: Mapping[str, str], limit: float) -> Run:
    """Run `command` (its output and errors captured together), its process tree's RSS sampled every 50 ms; killed
    past `limit` seconds."""
    started = time.monotonic()
    process = subprocess.Popen(
        list(command), env=dict(env), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_rss(process.pid))
        if time.monotonic() - started > limit:
            process.kill()
            break
        time.sleep(0.05)
    output = process.communicate()[0]
    return Run(time.monotonic() - started, peak, process.returncode, output)
