"""`cmdesk account add email ADDRESS [--client NAME] [--imap-host H] [--imap-port P] [--imap-security
tls|starttls|none] [--smtp-host H] [--smtp-port P] [--smtp-security tls|starttls|none] [--username U]
[--password-stdin]`: an e-mail account. Servers are pre-filled for well-known providers; the connection is tested
(sign-in and folders) before anything is saved; the password goes to the keyring only."""

from __future__ import annotations

import argparse
import getpass
import sys

from cmdesk.cli import arguments
from cmdesk.cli.context import CommandError, credential_store, open_database
from cmdesk.connectors.email.providers import preset_for
from cmdesk.connectors.email.settings import SECURITY
from cmdesk.services import email_signin
from cmdesk.services.commands import Refused, run
from cmdesk.storage import workspace

DEFAULT_PORTS = {"tls": 993, "starttls": 143, "none": 143}
DEFAULT_SMTP_PORTS = {"tls": 465, "starttls": 587, "none": 25}


def register_add(kinds: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    email = kinds.add_parser("email", parents=[common], help="an e-mail account (IMAP to read, SMTP to answer)")
    email.add_argument("address", help="the e-mail address")
    email.add_argument(
        "--client", type=arguments.name, help="the client it belongs to (default: the only client, or 'Default')"
    )
    email.add_argument("--imap-host", help="IMAP server (pre-filled for well-known providers)")
    email.add_argument("--imap-port", type=arguments.port, help="IMAP port (993 with tls, 143 with starttls)")
    email.add_argument("--imap-security", choices=SECURITY, help="tls (default), starttls, or none (loopback only)")
    email.add_argument("--smtp-host", help="SMTP server for replies")
    email.add_argument("--smtp-port", type=arguments.port, help="SMTP port (465 with tls, 587 with starttls)")
    email.add_argument("--smtp-security", choices=SECURITY, help="tls, starttls, or none (loopback only)")
    email.add_argument("--username", help="the login, when it is not the address")
    email.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    email.add_argument("--folder", action="append", metavar="NAME", help="a folder to sync (repeatable; INBOX)")
    email.add_argument("--since-days", type=arguments.days, default=90, help="how far back the first sync reaches (90)")
    email.add_argument("--no-check", action="store_true", help="save without testing the connection")
    email.set_defaults(handler=add_email)


def settings_from(args: argparse.Namespace) -> dict[str, object]:
    address = args.address.strip()
    if "@" not in address or address.startswith("@") or address.endswith("@"):
        raise CommandError(f"{address!r} is not an e-mail address")
    preset = preset_for(address)
    imap_security = args.imap_security or (preset.imap_security if preset else "tls")
    smtp_security = args.smtp_security or (preset.smtp_security if preset else "tls")
    imap_host = args.imap_host or (preset.imap_host if preset else "")
    if not imap_host:
        raise CommandError(f"no known servers for {address.split('@')[1]}: give --imap-host (and --smtp-host)")
    values: dict[str, object] = {
        "imap_host": imap_host,
        "imap_port": args.imap_port
        or (preset.imap_port if preset and not args.imap_security else None)
        or DEFAULT_PORTS[imap_security],
        "imap_security": imap_security,
        "smtp_host": args.smtp_host or (preset.smtp_host if preset else imap_host),
        "smtp_port": args.smtp_port
        or (preset.smtp_port if preset and not args.smtp_security else None)
        or DEFAULT_SMTP_PORTS[smtp_security],
        "smtp_security": smtp_security,
        "folders": args.folder or ["INBOX"],
        "first_sync_days": args.since_days,
    }
    if args.username:
        values["username"] = args.username
    return values


def add_email(args: argparse.Namespace) -> int:
    values = settings_from(args)
    address = args.address.strip()
    credentials = credential_store()
    credentials.probe()
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    elif sys.stdin.isatty():
        password = getpass.getpass(f"Password (or app password) for {address}: ")
    else:
        raise CommandError("no password: use --password-stdin, or run in a terminal")
    if not password:
        raise CommandError("the password is empty")
    if not args.no_check:
        try:
            summary = email_signin.check(address, values, password).summary
        except Refused as error:
            raise CommandError(f"cannot use {address}: {error} (nothing was saved)") from None
        print(f"connected to {values['imap_host']}: {summary}")
    database = open_database(args)
    command = email_signin.add_account(credentials, args.client, address, values, password, create_client=False)
    account = run(database, command)
    with database.read() as connection:
        client = workspace.get_client(connection, account.client_id)
    print(f"added e-mail account {address} (account {account.id}, client {client.name})")
    preset = preset_for(address)
    if preset and preset.note:
        print(preset.note)
    print("run `cmdesk sync` to fetch its messages")
    return 0
