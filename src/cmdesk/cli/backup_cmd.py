"""`cmdesk backup` keeps a copy of the database now (and lists the copies); `cmdesk restore [--from FILE]` puts the
newest (or the given) copy in place of a damaged database, keeping the damaged file aside."""

from __future__ import annotations

import argparse
from pathlib import Path

from cmdesk.cli.context import CommandError, open_data_dir
from cmdesk.cli.output import local_time
from cmdesk.storage import backups
from cmdesk.storage.database import DB_FILENAME


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    backup = commands.add_parser("backup", parents=[common], help="keep a copy of the database now, list the copies")
    backup.add_argument("--list", action="store_true", help="only list the copies")
    backup.set_defaults(handler=run_backup)
    restore = commands.add_parser(
        "restore", parents=[common], help="put the newest copy in place of a damaged database (kept aside)"
    )
    restore.add_argument("--from", dest="copy", type=Path, metavar="FILE", help="this copy instead of the newest")
    restore.set_defaults(handler=run_restore)


def run_backup(args: argparse.Namespace) -> int:
    path = open_data_dir(args) / DB_FILENAME
    if not args.list:
        if not path.is_file() or path.stat().st_size == 0:
            raise CommandError(f"no database to copy at {path}")
        try:
            made = backups.make(path)
        except OSError as error:
            raise CommandError(f"cannot write a copy in {backups.folder_of(path)}: {error.strerror or error}") from None
        print(f"kept a copy of the database: {made}")
    copies = backups.listing(path)
    if not copies:
        print("no copies yet")
    for copy in reversed(copies):
        from datetime import UTC, datetime

        when = datetime.fromtimestamp(copy.stat().st_mtime, UTC)
        print(f"{local_time(when)}  {copy.stat().st_size / 1_048_576:8.1f} MB  {copy}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    path = open_data_dir(args) / DB_FILENAME
    try:
        used, aside = backups.restore(path, args.copy)
    except FileNotFoundError as error:
        raise CommandError(str(error)) from None
    except OSError as error:
        raise CommandError(f"cannot restore: {error.strerror or error}") from None
    print(f"restored {used} in place of {path}")
    if aside is not None:
        print(f"the file it replaced is kept as {aside}")
    return 0
