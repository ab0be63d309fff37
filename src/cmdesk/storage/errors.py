"""Storage failures worded for people: a damaged file, a locked database, a full disk."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from cmdesk.domain.reader import ReadError


class StorageError(ReadError):
    """A database problem with a one-line explanation of what happened and what to do."""


def newest_copy(path: Path | None) -> Path | None:
    """The most recent copy of the database: a daily one (storage/backups.py) or one a migration made."""
    if path is None:
        return None
    copies = [*path.parent.glob(path.name + ".*.bak"), *(path.parent / "backups").glob(f"{path.stem}-*.sqlite3")]
    return max(copies, key=lambda p: p.stat().st_mtime) if copies else None


def _what_to_do(path: Path | None) -> str:
    """What tells the damage (`cmdesk check`), then the copy to restore when there is one (named) or the salvage:
    never a copy that does not exist."""
    copy = newest_copy(path)
    if copy is not None:
        return (
            f"`cmdesk check` says what is damaged; restore the newest copy, {copy}, with `cmdesk restore`, or "
            "salvage what is readable with `cmdesk salvage` (the damaged file is kept aside)."
        )
    return (
        "`cmdesk check` says what is damaged; salvage what is readable with `cmdesk salvage` (the damaged file is "
        "kept aside); there is no copy of it to restore."
    )


def says_damaged(message: str) -> bool:
    """Whether SQLite's message says the file is damaged (not locked, full or missing)."""
    lowered = message.lower()
    return "not a database" in lowered or "malformed" in lowered or "corrupt" in lowered


def explain(error: BaseException, path: Path | None = None) -> StorageError:
    """Turn a SQLAlchemy/sqlite3 error into a StorageError that says what to do next."""
    text = str(getattr(error, "orig", None) or error)
    where = f" ({path})" if path else ""
    lowered = text.lower()
    if says_damaged(text):
        return StorageError(f"the database{where} is damaged ({text}); nothing was changed. {_what_to_do(path)}")
    if "locked" in lowered or "busy" in lowered:
        return StorageError(f"the database{where} is locked by another program (is cmdesk already running?)")
    if "disk is full" in lowered or "database or disk is full" in lowered:
        return StorageError(f"the disk holding the database{where} is full; free some space and try again")
    if "readonly" in lowered or "read-only" in lowered or "unable to open" in lowered:
        return StorageError(f"cannot write the database{where}: {text}")
    return StorageError(f"database error{where}: {text}")


def is_database_error(error: BaseException) -> bool:
    if isinstance(error, sqlite3.DatabaseError):
        return True
    # SQLAlchemy's wrappers exist only once SQLAlchemy is imported; the window's plain reads never import it.
    sqlalchemy_errors = sys.modules.get("sqlalchemy.exc")
    return sqlalchemy_errors is not None and isinstance(error, sqlalchemy_errors.DBAPIError)
