"""Rolling copies of the database, taken with SQLite's online backup API (consistent while the app writes): one a
day at the most, the last KEEP kept, in `<data>/backups/`, private like the database. They are what a damaged
database is restored from (`cmdesk restore`), and what the damage message names."""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cmdesk.storage.errors import newest_copy
from cmdesk.storage.health import check, set_aside

FOLDER = "backups"
KEEP = 3
EVERY = timedelta(days=1)
PRIVATE_FILE = 0o600


class DamagedCopy(OSError):
    """The copy just taken fails SQLite's quick_check (the database is damaged): it is not kept, so the copies
    offered for a restore are all good ones."""


def folder_of(database_path: Path) -> Path:
    return database_path.parent / FOLDER


def listing(database_path: Path) -> list[Path]:
    """The copies, oldest first."""
    folder = folder_of(database_path)
    return sorted(folder.glob(f"{database_path.stem}-*.sqlite3")) if folder.is_dir() else []


def newest(database_path: Path) -> Path | None:
    copies = listing(database_path)
    return copies[-1] if copies else None


def due(database_path: Path, now: datetime | None = None) -> bool:
    """Whether a day has passed since the newest copy (or there is none) and there is a database to copy."""
    if not database_path.is_file() or database_path.stat().st_size == 0:
        return False
    last = newest(database_path)
    if last is None:
        return True
    taken = datetime.fromtimestamp(last.stat().st_mtime, UTC)
    return (now or datetime.now(UTC)) - taken >= EVERY


def make(database_path: Path, now: datetime | None = None) -> Path:
    """A consistent copy of the database now, checked (`quick_check`), then the oldest beyond KEEP removed. Written
    under a temporary name and renamed, so a copy that exists is whole; DamagedCopy when the check fails (the
    database itself is damaged), and then nothing is removed."""
    now = now or datetime.now(UTC)
    folder = folder_of(database_path)
    folder.mkdir(mode=0o700, exist_ok=True)
    target = folder / f"{database_path.stem}-{now:%Y%m%d-%H%M%S}.sqlite3"
    partial = target.with_suffix(".part")
    os.close(os.open(partial, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, PRIVATE_FILE))
    source = sqlite3.connect(f"file:{database_path}?mode=ro", uri=True)
    try:
        destination = sqlite3.connect(partial)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    found = check(partial, search_index=False)
    if not found.ok:
        partial.unlink(missing_ok=True)
        raise DamagedCopy(f"{found.summary()}: no copy kept today, the earlier ones stay as they are")
    os.replace(partial, target)
    for old in listing(database_path)[:-KEEP]:
        old.unlink(missing_ok=True)
    return target


def make_if_due(database_path: Path, now: datetime | None = None) -> Path | None:
    return make(database_path, now) if due(database_path, now) else None


def restore(database_path: Path, copy: Path | None = None) -> tuple[Path, Path | None]:
    """Put a copy (the newest by default: a daily one or one a migration made) in the database's place; the file it
    replaces is moved aside, never deleted. Returns (the copy used, where the replaced file went).
    FileNotFoundError when there is no copy."""
    chosen = copy or newest_copy(database_path)
    if chosen is None or not chosen.is_file():
        raise FileNotFoundError(f"no copy of the database in {folder_of(database_path)}")
    aside = set_aside(database_path) if database_path.exists() else None
    partial = database_path.with_name(database_path.name + ".restoring")
    shutil.copyfile(chosen, partial)
    partial.chmod(PRIVATE_FILE)
    os.replace(partial, database_path)
    return chosen, aside
