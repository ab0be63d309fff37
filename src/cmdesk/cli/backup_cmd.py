"""`cmdesk backup` keeps a copy of the database now (and lists the copies); `cmdesk check` (or `cmdesk doctor`, issue
23's name for its consistency check) says whether the database is whole (`--rebuild-search` remakes a damaged
search index) and whether the counts the sidebar and the reports read agree with a full count (`--rebuild-counts`
counts them again); `cmdesk restore [--from FILE]` puts the newest (or the given) copy in place of a damaged
database and `cmdesk salvage` what is readable of it, keeping the damaged file aside either way."""

from __future__ import annotations

import argparse
from pathlib import Path

from cmdesk.cli.context import CommandError, open_data_dir
from cmdesk.cli.output import local_time
from cmdesk.storage import backups, health
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
    check = commands.add_parser(
        "check",
        aliases=["doctor"],
        parents=[common],
        help="say whether the database is whole and its kept counts right (exit 1 if not)",
    )
    check.add_argument(
        "--rebuild-search", action="store_true", help="remake the search index from the messages (loses nothing)"
    )
    check.add_argument(
        "--rebuild-counts",
        action="store_true",
        help="count the reports' messages per hour and the views' conversations again (loses nothing)",
    )
    check.set_defaults(handler=run_check)
    salvage = commands.add_parser(
        "salvage", parents=[common], help="keep what is readable of a damaged database (the file is kept aside)"
    )
    salvage.set_defaults(handler=run_salvage)


def run_backup(args: argparse.Namespace) -> int:
    path = open_data_dir(args) / DB_FILENAME
    if not args.list:
        if not path.is_file() or path.stat().st_size == 0:
            raise CommandError(f"no database to copy at {path}")
        try:
            made = backups.make(path)
        except backups.DamagedCopy as error:
            raise CommandError(f"{error} (see `cmdesk check`)") from None
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


def _database_file(args: argparse.Namespace) -> Path:
    path = open_data_dir(args) / DB_FILENAME
    if not path.is_file() or path.stat().st_size == 0:
        raise CommandError(f"no database at {path}")
    return path


def run_check(args: argparse.Namespace) -> int:
    path = _database_file(args)
    if args.rebuild_search:
        try:
            health.rebuild_search_index(path)
        except Exception as error:  # noqa: BLE001 - sqlite3's errors, a full disk: said, nothing else changed
            raise CommandError(f"cannot rebuild the search index: {error}") from None
        print("rebuilt the search index from the messages")
    if args.rebuild_counts:
        try:
            health.rebuild_report_counts(path)
        except Exception as error:  # noqa: BLE001 - sqlite3's errors, a full disk: said, nothing else changed
            raise CommandError(f"cannot count the messages again: {error}") from None
        print("counted the reports' messages per hour and the views' conversations again")
    found = health.check(path)
    print(f"{path}: {found.summary()}")
    for problem in found.problems:
        print(f"  {problem}")
    if found.ok:
        differing = health.report_counts_differences(path)
        if differing:
            print(
                f"  the kept counts (reports per hour, views per status and kind) differ from a full count in "
                f"{differing} places: count them again with `cmdesk check --rebuild-counts` (loses nothing)"
            )
        return 1 if differing else 0
    if found.only_the_search_index:
        return 1
    copy = backups.newest(path)
    if copy is not None:
        print(f"restore the newest copy ({copy}) with `cmdesk restore`, or salvage what is readable: `cmdesk salvage`")
    else:
        print("salvage what is readable with `cmdesk salvage` (there is no copy to restore)")
    return 1


def run_salvage(args: argparse.Namespace) -> int:
    path = _database_file(args)
    try:
        done = health.salvage(path)
    except (RuntimeError, OSError) as error:
        raise CommandError(f"cannot salvage {path}: {error}") from None
    before = f"{done.messages_before:,}" if done.messages_before is not None else "an unknown number of"
    print(f"salvaged {done.messages_after:,} messages of {before} into {path}")
    print(f"the damaged file is kept as {done.aside}")
    return 0
