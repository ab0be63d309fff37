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


def start_parser_process(parent: int) -> None:
    """The first thing a feed parser process does (here, not in feeds/connector.py: the process imports the module
    of its initializer, and the connector's pulls in httpx and the registry, ~10 MB the parser never uses).

    Parser workers yield the CPU to the window (on a two-core laptop, two busy parsers at normal priority delayed
    the Qt event loop by up to 100 ms; at nice 10 the window keeps its share), and die with the process that
    started them: after a kill -9 of `cmdesk sync` they lived on, 40 MB each, 111 of them after 40 kills."""
    try:
        os.nice(10)
    except (AttributeError, OSError):
        pass
    die_with_parent(parent)
    _memory_ceiling(PARSER_MEMORY)


PARSER_MEMORY = 1536 * 1024 * 1024
"""The address space a parser worker may use: past it, the parse fails with MemoryError (the source says why and
the rest of the sync goes on) instead of taking the laptop's memory (a 160 KB feed reached 9.8 GB)."""


def _memory_ceiling(limit: int) -> None:
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        wanted = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    except (ImportError, ValueError, OSError):  # not on this system: the entity and size bounds have to do
        pass
