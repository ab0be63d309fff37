"""The methods Python writes for each dataclass, compiled once per machine instead of at every start.

On Python 3.11 a frozen, slotted dataclass costs ~0.6 ms to create, four fifths of it compiling the source of the
six or seven methods `dataclasses` writes for it (`__init__`, `__repr__`, `__eq__`, `__hash__`, `__setattr__`…):
the window's first screen creates 68 of them (~42 ms of a ~330 ms start), `cmdesk sync` 174 (~85 ms). That source
depends only on the class's shape, so its compiled code is kept in the user's cache folder, keyed by the source
itself, and loaded the next time (~2 µs each instead of ~58).

`dataclasses` runs each of those sources with `exec`, found among its own module's names before the builtins; the
cache puts its own `exec` there, which hands anything but a plain source to the builtin. The code it keeps is
exactly what `exec` would have compiled (same file name, no inherited `__future__` flags), and a cache file that
cannot be read is ignored and written again, so the classes made are the same with or without it. The file sits
beside Python's own bytecode caches in trust: whoever can write the user's cache folder can already change what
the user runs.
"""

from __future__ import annotations

import atexit
import builtins
import contextlib
import dataclasses
import logging
import marshal
import os
import sys
from pathlib import Path
from types import CodeType
from typing import Any

log = logging.getLogger(__name__)

DISABLE_ENV = "CMDESK_NO_CODE_CACHE"
"""Set (to anything but empty): every dataclass compiled as Python does it (benchmarks compare both)."""
MAX_FILE_BYTES = 16 * 1024 * 1024
"""A file larger than this (~12× what every command and the window together write) is not read, but made anew."""
MAX_ENTRIES = 4096
"""Past this many kept sources (old versions' shapes pile up across upgrades), only those of the last run are kept."""


class DataclassCodeCache:
    """Compiled dataclass methods read from `path`, new ones added while the process runs, written back at `save`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._kept = _read(path)
        self._used: set[int] = set()
        """The hashes of the kept sources this process used (the sources themselves are let go at `release`)."""
        self._new: dict[str, bytes] = {}

    @property
    def compiled(self) -> int:
        """How many sources this process had to compile (0 once the cache knows every class it made)."""
        return len(self._new)

    def __call__(self, source: Any, globals: Any = None, locals: Any = None, /, **options: Any) -> None:  # noqa: A002
        """The `exec` of `dataclasses`: a source string runs from its kept code; anything else as the builtin runs
        it."""
        if type(source) is not str or options:
            return builtins.exec(source, globals, locals, **options)
        return builtins.exec(self._code(source), globals, locals)

    def _code(self, source: str) -> CodeType:
        blob = self._kept.get(source)
        if blob is not None:
            try:
                code = marshal.loads(blob)
            except (EOFError, ValueError, TypeError):
                code = None
            if type(code) is CodeType:
                self._used.add(hash(source))
                return code
        # As `exec` compiles a string for `dataclasses`: its file name, and none of this module's future flags.
        code = compile(source, "<string>", "exec", dont_inherit=True)
        self._new[source] = marshal.dumps(code)
        return code

    def save(self) -> None:
        """Add the sources compiled since the file was read to what the file holds now (another cmdesk may have
        added its own meanwhile), if any; a folder that cannot be written is let be."""
        if not self._new:
            return
        kept = {**_read(self.path), **self._new}
        if len(kept) > MAX_ENTRIES:
            kept = {source: blob for source, blob in kept.items() if hash(source) in self._used or source in self._new}
        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}.partial")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial.write_bytes(marshal.dumps(kept))
            os.replace(partial, self.path)
        except OSError as error:
            log.debug("could not keep the compiled dataclass methods in %s: %s", self.path, error)
            with contextlib.suppress(OSError):
                partial.unlink(missing_ok=True)
            return
        self._new = {}

    def release(self) -> None:
        """Save now, and let go of the code read (~1.5 MB): what is made later is compiled, and kept at `save`."""
        self.save()
        self._kept = {}


def _read(path: Path) -> dict[str, bytes]:
    """The kept sources and their code, or nothing when the file is missing, damaged or not such a file."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return {}
        kept = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if type(kept) is not dict:
        return {}
    return {source: blob for source, blob in kept.items() if type(source) is str and type(blob) is bytes}


def cache_file(folder: Path) -> Path:
    """The cache's file in `folder`, one per bytecode version, as Python's own caches (the code of one Python
    cannot run on another)."""
    from importlib.util import MAGIC_NUMBER

    return folder / f"dataclass-code-{sys.implementation.cache_tag}-{MAGIC_NUMBER.hex()}.marshal"


def install(folder: Path) -> DataclassCodeCache | None:
    """Have `dataclasses` compile through a cache in `folder`, written back when the process ends; None when it is
    disabled ($CMDESK_NO_CODE_CACHE) or already installed."""
    if os.environ.get(DISABLE_ENV) or _installed() is not None:
        return None
    cache = DataclassCodeCache(cache_file(folder))
    dataclasses.exec = cache  # type: ignore[attr-defined]
    atexit.register(cache.save)
    return cache


def release() -> None:
    """A process that lives on has imported what it needs (the window after its background start, `cmdesk sync`
    once its engine is built): save what it compiled and let go of the rest (DataclassCodeCache.release); nothing
    when the cache is not installed."""
    cache = _installed()
    if cache is not None:
        cache.release()


def uninstall() -> None:
    """Back to Python's own compiling, saving what was compiled meanwhile."""
    cache = _installed()
    if cache is not None:
        del dataclasses.exec  # type: ignore[attr-defined]
        atexit.unregister(cache.save)
        cache.save()


def _installed() -> DataclassCodeCache | None:
    """The cache `dataclasses` compiles through, if any (its own name `exec` among the module's names)."""
    cache = getattr(dataclasses, "exec", None)
    return cache if isinstance(cache, DataclassCodeCache) else None
