"""Helper processes that must not outlive the process that started them (the feed parsers, the background agent's
sync passes): Linux's PR_SET_PDEATHSIG sends them a signal when their parent dies, even by SIGKILL."""

from __future__ import annotations

import os
import signal

PR_SET_PDEATHSIG = 1
"""Linux prctl(2): the signal a process gets when its parent dies."""


def die_with_parent(parent: int, signum: int = signal.SIGKILL) -> None:
    """Call first thing in the child: `signum` when `parent` dies; exits at once if it already has."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signum, 0, 0, 0)
    except (AttributeError, OSError):  # not Linux: the parent's own shutdown has to do
        return
    if os.getppid() != parent:  # the parent died before the signal was asked for
        os._exit(1)
