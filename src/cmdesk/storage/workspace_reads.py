"""Reading the workspace — clients and their accounts — in plain SQL, without SQLAlchemy (storage/rawsql.py says
why: the window lists them before SQLAlchemy is imported). Writing them is storage/workspace.py's, which also
re-exports everything here."""

from __future__ import annotations

from typing import Any

from cmdesk.domain import Account, business_hours
from cmdesk.domain.reads import Client as Client
from cmdesk.storage.rawsql import Reader, first, json_column, rows
from cmdesk.storage.timeutil import from_db, utcnow


class WorkspaceError(Exception):
    """A request about clients or accounts that cannot be done as asked (unknown name, duplicate…)."""


from cmdesk.domain.reads import DEFAULT_CLIENT as DEFAULT_CLIENT  # noqa: E402

"""Where a source goes when the user names no client."""

CLIENT_COLUMNS = (
    "id, name, is_demo, created_at, signature, missed_policy, slots, monitors, business_hours, report_schedule"
)
ACCOUNT_COLUMNS = "id, uid, client_id, network, name, address, settings, is_demo"


def client_from_row(row: Any, account_count: int = 0) -> Client:
    """A client from a row of the clients table (by column name)."""
    created = from_db(row["created_at"]) or utcnow()
    try:
        slots = tuple(str(slot) for slot in json_column(row["slots"], ()))
    except TypeError:  # valid JSON, but not a list
        slots = ()
    try:
        monitors = tuple(str(query) for query in json_column(row["monitors"], ()))
    except TypeError:
        monitors = ()
    return Client(
        row["id"],
        row["name"],
        bool(row["is_demo"]),
        created,
        account_count,
        row["signature"] or "",
        row["missed_policy"] or "ask",
        slots,
        monitors,
        business_hours.from_json(row["business_hours"]),
        row["report_schedule"] or "",
    )


def find_client(connection: Reader, name: str) -> Client | None:
    row = first(connection, f"SELECT {CLIENT_COLUMNS} FROM clients WHERE lower(name) = ?", (name.strip().lower(),))
    return client_from_row(row) if row is not None else None


def get_client(connection: Reader, client_id: int) -> Client:
    row = first(connection, f"SELECT {CLIENT_COLUMNS} FROM clients WHERE id = ?", (client_id,))
    if row is None:
        raise WorkspaceError(f"no client with id {client_id}")
    return client_from_row(row)


def list_clients(connection: Reader) -> list[Client]:
    counts: dict[int, int] = {
        row[0]: row[1] for row in rows(connection, "SELECT client_id, count(*) FROM accounts GROUP BY client_id")
    }
    found = rows(connection, f"SELECT {CLIENT_COLUMNS} FROM clients ORDER BY lower(name)")
    return [client_from_row(row, counts.get(row["id"], 0)) for row in found]


def client_names(connection: Reader) -> dict[int, str]:
    return {row[0]: row[1] for row in rows(connection, "SELECT id, name FROM clients")}


def reply_signature(connection: Reader, account_id: int) -> str:
    """The signature for an account's replies: the account's own, else its client's."""
    row = first(
        connection,
        "SELECT a.settings, c.signature FROM accounts AS a JOIN clients AS c ON c.id = a.client_id WHERE a.id = ?",
        (account_id,),
    )
    if row is None:
        return ""
    settings = json_column(row[0], {})
    own = str(settings.get("signature") or "").strip() if isinstance(settings, dict) else ""
    return own or str(row[1] or "")


def account_from_row(row: Any) -> Account:
    """An account from a row of the accounts table (by column name)."""
    settings = json_column(row["settings"], {})
    return Account(
        id=row["id"],
        uid=row["uid"],
        client_id=row["client_id"],
        network=str(row["network"]),
        name=row["name"],
        address=row["address"],
        settings=settings,
        is_demo=bool(row["is_demo"]),
    )


def list_accounts(connection: Reader, *, enabled_only: bool = False) -> list[Account]:
    where = " WHERE enabled" if enabled_only else ""
    found = rows(connection, f"SELECT {ACCOUNT_COLUMNS} FROM accounts{where} ORDER BY id")
    return [account_from_row(row) for row in found]


def get_account(connection: Reader, account_id: int) -> Account:
    row = first(connection, f"SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE id = ?", (account_id,))
    if row is None:
        raise WorkspaceError(f"no account with id {account_id} (see `cmdesk account list`)")
    return account_from_row(row)


def account_counts(connection: Reader) -> dict[int, tuple[int, int]]:
    """(conversations, messages) per account id."""
    conv = {row[0]: row[1] for row in rows(connection, "SELECT account_id, count(*) FROM conversations GROUP BY 1")}
    msgs = {row[0]: row[1] for row in rows(connection, "SELECT account_id, count(*) FROM messages GROUP BY 1")}
    return {account_id: (conv.get(account_id, 0), msgs.get(account_id, 0)) for account_id in set(conv) | set(msgs)}
