"""Team mode's vocabulary: the operations a laptop makes on shared conversations, how the team database answers
them, and how a laptop is linked to that database. Pure data: storage/team writes and replays them.

A conversation is named across laptops by its account's uid and its own remote id (local row ids differ from one
laptop to the next). Each kind of operation has its own rule when two laptops disagree:

- STATUS (open, pending, done, snoozed with its time) and FLAG (the note for management) are registers: the last
  writer wins, "last" by the laptops' hybrid clock (`made_at`), then by operation id;
- LABEL is an add-wins set: a removal takes away only the additions its laptop had seen;
- ASSIGN is a compare-and-set: it names whom the laptop saw assigned, and is refused when that changed meanwhile
  ("already taken by …");
- NOTE (an internal note) is only ever added: nothing to merge;
- PAGE is what the leader of an account pulled from the network, ingested by every other laptop (ingest is
  idempotent: the same message twice is one message);
- OUTBOX is an outbox entry as its writer queued, edited, retried or cancelled it: every laptop keeps a copy under
  the same idempotency key, and only the account's leader sends it, after claiming the key in the whole team
  (storage/team/server_sends.py); SENT says it went out, and as what.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from cmdesk.domain.types import Secret


class OpKind(StrEnum):
    STATUS = "status"
    FLAG = "flag"
    LABEL = "label"
    ASSIGN = "assign"
    NOTE = "note"
    PAGE = "page"
    OUTBOX = "outbox"
    SENT = "sent"


REGISTERS = (OpKind.STATUS, OpKind.FLAG)
"""Kinds resolved by last writer wins, one register per conversation and kind."""


@dataclass(frozen=True, slots=True)
class Operation:
    """One change to a shared conversation, as queued on a laptop and kept in the team database's log."""

    op_id: str
    kind: OpKind
    account_uid: str
    conversation: str
    """The conversation's remote id on its account."""
    payload: dict[str, Any]
    made_at: int
    """The making laptop's hybrid clock, in microseconds (see `next_clock`)."""
    laptop: str = ""
    person: str = ""
    seq: int = 0
    """Its place in the team database's log (0 until the server took it)."""
    applied: bool = True
    """Whether the server applied it (False: it lost to another laptop's change, or a compare-and-set failed)."""

    @property
    def subject(self) -> tuple[str, str]:
        return (self.account_uid, self.conversation)

    @property
    def field(self) -> str:
        """What it changes on its conversation: the kind, and for a label which one."""
        if self.kind is OpKind.LABEL:
            return f"label:{self.payload.get('client', '')}:{self.payload.get('label', '')}"
        return str(self.kind)


@dataclass(frozen=True, slots=True)
class Verdict:
    """The team database's answer to one pushed operation: applied, or not and why, with the value that holds now
    (which the laptop then takes, so every laptop ends the same)."""

    op_id: str
    applied: bool
    detail: str = ""
    current: dict[str, Any] = field(default_factory=dict)


def next_clock(last: int, seen: int = 0, now_us: int | None = None) -> int:
    """A hybrid logical clock: the wall clock in microseconds, but never at or behind the laptop's last tick or an
    operation it has seen — so a change made after seeing another one always orders after it, whatever the
    laptops' clocks say."""
    wall = now_us if now_us is not None else time.time_ns() // 1000
    return max(wall, last + 1, seen + 1)


class PresenceState(StrEnum):
    VIEWING = "viewing"
    REPLYING = "replying"
    AWAY = "away"


@dataclass(frozen=True, slots=True)
class Presence:
    """Where a teammate is now: the conversation their window shows, and whether they are writing in it."""

    laptop: str
    person: str
    account_uid: str
    conversation: str
    state: PresenceState


class TeamUrlError(ValueError):
    """A team database address cmdesk will not use; the message says why."""


LOOPBACK_HOSTS = ("127.0.0.1", "::1", "localhost")


@dataclass(frozen=True, slots=True)
class TeamAddress:
    """`postgresql://USER@HOST[:PORT]/DB[?sslmode=…]`, without its password (which lives in the keyring)."""

    user: str
    host: str
    port: int
    database: str
    sslmode: str

    @property
    def url(self) -> str:
        tail = "" if self.sslmode == default_sslmode(self.host) else f"?sslmode={self.sslmode}"
        return f"postgresql://{self.user}@{self.host}:{self.port}/{self.database}{tail}"

    @property
    def secret_key(self) -> str:
        """Where its password is kept in the keyring."""
        return f"team-database:{self.user}@{self.host}:{self.port}/{self.database}"


SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")


def default_sslmode(host: str) -> str:
    """TLS is required by default; a server on this very machine may go without it (it is used if offered)."""
    return "prefer" if host in LOOPBACK_HOSTS else "require"


def parse_team_url(url: str) -> TeamAddress:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("postgresql", "postgres"):
        raise TeamUrlError("a team database address starts with postgresql:// (postgresql://USER@HOST[:PORT]/DB)")
    if parts.password is not None:
        raise TeamUrlError(
            "the address holds a password: give it without one (postgresql://USER@HOST/DB) and type the password "
            "when asked, or on standard input with --password-stdin; cmdesk keeps it in the system keyring"
        )
    if not parts.username or not parts.hostname:
        raise TeamUrlError("the address needs a user and a host: postgresql://USER@HOST[:PORT]/DB")
    database = unquote(parts.path.lstrip("/"))
    if not database or "/" in database:
        raise TeamUrlError("the address needs a database name: postgresql://USER@HOST[:PORT]/DB")
    try:
        port = parts.port or 5432
    except ValueError:
        raise TeamUrlError("the port in the address is not a number between 1 and 65535") from None
    query = parse_qs(parts.query)
    unknown = set(query) - {"sslmode"}
    if unknown:
        raise TeamUrlError(f"unknown option in the address: {', '.join(sorted(unknown))} (only sslmode is read)")
    sslmode = query.get("sslmode", [default_sslmode(parts.hostname)])[-1]
    if sslmode not in SSL_MODES:
        raise TeamUrlError(f"sslmode must be one of {', '.join(SSL_MODES)}")
    return TeamAddress(unquote(parts.username), parts.hostname, port, database, sslmode)


LED_BY = "led by {holder}: its messages come through the team"
"""What an account another laptop leads says in its sync state (sync/leadership.LedElsewhere)."""


def led_by(reason: str) -> str:
    """The laptop named by a sync state's reason written from `LED_BY` ("" for any other reason)."""
    head, _, tail = LED_BY.partition("{holder}")
    if reason.startswith(head) and reason.endswith(tail) and len(reason) > len(head) + len(tail):
        return reason[len(head) : len(reason) - len(tail)]
    return ""


@dataclass(frozen=True, slots=True)
class JoinRequest:
    """What joining a team from the window needs (the command line's `cmdesk team join` arguments)."""

    address: TeamAddress
    password: Secret
    laptop: str
    person: str
    replace_local: bool = False


@dataclass(frozen=True, slots=True)
class TeamLink:
    """This laptop's membership of a team: where the team database is, its own name, the person using it, how far
    it has read the team's log, and its clock."""

    address: TeamAddress
    laptop: str
    person: str
    seq: int = 0
    clock: int = 0
