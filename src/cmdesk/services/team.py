"""Team mode's use cases: joining a team database (the first laptop copies its workspace in, the others fill
their copy from it), replaying this laptop's changes and the team's, assigning a conversation (checked against
the team at once when it can be reached), leaving, and what `cmdesk team status` says.

The window and the CLI keep reading the laptop's SQLite copy; nothing here runs on the window's thread (the team
database is a network peer)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import shutil
import socket
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cmdesk.credentials.base import CredentialStore
from cmdesk.domain import Secret
from cmdesk.domain.team import Operation, OpKind, TeamAddress, TeamLink, Verdict
from cmdesk.services.commands import Refused
from cmdesk.storage import backups, presence
from cmdesk.storage.database import Database
from cmdesk.storage.rawsql import rows, scalar
from cmdesk.storage.team import copying, link, local_apply, pending, server_leases, server_log, server_sends
from cmdesk.storage.team.server_schema import TeamDatabaseError, TeamUnreachable, engine_for, explain, prepare
from cmdesk.sync.leadership import SendClaim

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

log = logging.getLogger(__name__)

PUSH_BATCH = 500
PULL_BATCH = 1000


def default_laptop_name() -> str:
    return socket.gethostname() or "laptop"


@contextlib.contextmanager
def talking(address: TeamAddress) -> Iterator[None]:
    """psycopg and SQLAlchemy failures as TeamDatabaseError / TeamUnreachable, worded for people."""
    from sqlalchemy.exc import DBAPIError, OperationalError

    try:
        yield
    except (OperationalError, DBAPIError) as error:
        raise explain(error, address) from None


def team_engine(link_: TeamLink, credentials: CredentialStore) -> Engine:
    password = credentials.get(link_.address.secret_key)
    if password is None:
        raise TeamDatabaseError(
            f"the team database's password for {link_.address.user} is not in this computer's keyring: run "
            f"`cmdesk team join {link_.address.url}` again"
        )
    return engine_for(link_.address, password)


def current_link(database: Database) -> TeamLink | None:
    return link.current(database)


@contextlib.contextmanager
def reading(database: Database, credentials: CredentialStore) -> Iterator[Connection]:
    """One read-only snapshot of the team database itself (`--from-team`): the plain-SQL reads and
    storage/team/server_search run on it as on the laptop's copy."""
    from cmdesk.storage.team.server_reader import TeamSnapshots

    current = current_link(database)
    if current is None:
        raise Refused("this workspace belongs to no team: `cmdesk team join URL` first")
    engine = team_engine(current, credentials)
    try:
        with talking(current.address), TeamSnapshots(engine).snapshot() as connection:
            yield connection
    finally:
        engine.dispose()


@dataclass(frozen=True, slots=True)
class Joined:
    first: bool
    """This laptop's workspace became the team's (else its copy was filled from the team database)."""
    copied: dict[str, int]
    seq: int
    kept_copy: Path | None = None
    """Where this laptop's previous database was kept, when it was replaced by the team's."""


def _local_only_accounts(database: Database, team_uids: set[str]) -> list[str]:
    with database.read() as connection:
        return [row[1] for row in rows(connection, "SELECT uid, name FROM accounts") if row[0] not in team_uids]


def _fill_from(engine: Engine, database: Database) -> dict[str, int]:
    """A fresh SQLite workspace filled from the team database, then written over this laptop's database with
    SQLite's backup API (atomic, WAL-safe). The records hold the shared fields as the log left them and the pages
    logged since the team database writes them (storage/team/server_pages.py), but not what each laptop keeps for
    itself of a page (deletions, read marks, the networks' counts) nor teammates' replies still to send: the laptop
    then reads the log from its start, in order, over the records (every operation is idempotent)."""
    from sqlalchemy import text

    folder = Path(tempfile.mkdtemp(prefix="cmdesk-team-fill-", dir=database.path.parent))
    try:
        fresh = Database.open(folder)
        try:
            with engine.connect().execution_options(isolation_level="REPEATABLE READ") as pg, pg.begin():
                workspace_id = pg.execute(text("SELECT value FROM team_info WHERE key = 'workspace_id'")).scalar()
                with fresh.write() as local:
                    copied = copying.from_server(pg, local)
                    local.exec_driver_sql("UPDATE meta SET value = ? WHERE key = 'workspace_id'", (workspace_id,))
        finally:
            fresh.close()
        database.close()
        source = sqlite3.connect(folder / database.path.name)
        try:
            target = sqlite3.connect(database.path)
            try:
                source.backup(target)
            finally:
                target.close()
        finally:
            source.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return copied


def join(
    database: Database,
    data_dir: Path,
    address: TeamAddress,
    password: Secret,
    credentials: CredentialStore,
    *,
    laptop: str,
    person: str,
    replace_local: bool = False,
    from_window: bool = False,
) -> Joined:
    """Link this laptop's workspace to a team database: copied into it when it is empty, else filled from it.
    `from_window`: the window asks, its sync stopped, and starts again once joined (app/context.join_team)."""
    from sqlalchemy import text

    if current_link(database) is not None:
        raise Refused("this workspace already belongs to a team: `cmdesk team leave` first")
    for role in (presence.AGENT,) if from_window else (presence.WINDOW, presence.AGENT):
        if presence.holder(data_dir, role) is not None:
            raise Refused(f"close cmdesk's {role} on this data folder first: joining a team may replace its database")
    if not laptop.strip() or not person.strip():
        raise Refused("a team needs a name for this laptop and for the person using it")
    credentials.probe()
    engine = engine_for(address, password)
    kept: Path | None = None
    try:
        with talking(address):
            with engine.begin() as pg:
                info = prepare(pg)
                taken = pg.execute(
                    text("SELECT person FROM team_laptops WHERE laptop = :laptop"), {"laptop": laptop}
                ).first()
                if taken is not None:
                    raise Refused(
                        f"a laptop named {laptop!r} already belongs to this team ({taken.person}'s): give this one "
                        "another name with --laptop"
                    )
                first = "workspace_id" not in info
                if first:
                    with database.read() as local:
                        copied = copying.to_server(local, pg)
                        workspace_id = scalar(local, "SELECT value FROM meta WHERE key = 'workspace_id'")
                    pg.execute(
                        text("INSERT INTO team_info (key, value) VALUES ('workspace_id', :w)"), {"w": workspace_id}
                    )
                else:
                    team_uids = {row[0] for row in pg.execute(text("SELECT uid FROM accounts"))}
            if not first:
                alone = _local_only_accounts(database, team_uids)
                if alone and not replace_local:
                    raise Refused(
                        f"this laptop has {len(alone)} account(s) the team has not ({', '.join(alone[:3])}"
                        f"{'…' if len(alone) > 3 else ''}): joining replaces this laptop's workspace with the "
                        "team's. Add --replace-local to do it (a copy of this one is kept)"
                    )
                if database.path.exists() and database.path.stat().st_size:
                    kept = backups.make(database.path)
                copied = _fill_from(engine, database)
            seq = 0  # the first laptop's log starts now; the others read it from its start
            with engine.begin() as pg:
                server_log.seen(pg, laptop, person, seq)
        credentials.set(address.secret_key, password)
        with database.write() as local:
            link.save(local, TeamLink(address, laptop, person, seq, 0))
            link.tick(local)
    finally:
        engine.dispose()
    if not first:
        with contextlib.suppress(TeamDatabaseError):
            seq = replay(database, credentials).seq
    return Joined(first, copied, seq, kept)


@dataclass(slots=True)
class Replayed:
    pushed: int = 0
    applied_here: int = 0
    """Operations from teammates applied to this laptop's copy."""
    refused: list[tuple[int | None, str]] = field(default_factory=list)
    """(local conversation id, why) for each of this laptop's operations the team did not apply."""
    conversations: set[int] = field(default_factory=set)
    """Local conversations changed by the replay (for the window's refresh)."""
    pages: int = 0
    """Pages another laptop pulled, written here: new messages (the window reloads its list as after a sync)."""
    seq: int = 0


def _settle(database: Database, sent: list[Operation], verdicts: list[Verdict], outcome: Replayed) -> None:
    """The server's answers: operations it refused give way to the value that holds (unless a newer change made
    here since is still waiting); all leave the queue."""
    by_id = {op.op_id: op for op in sent}
    with database.write() as local:
        pending.remove(local, [verdict.op_id for verdict in verdicts])
        still = pending.fields_waiting(local)
        for verdict in verdicts:
            op = by_id[verdict.op_id]
            if verdict.applied:
                continue
            found: int | None = local_apply.conversation_id(local, op.account_uid, op.conversation)
            if (op.account_uid, op.conversation, op.field) not in still:
                found = local_apply.apply(
                    local, op.kind, op.account_uid, op.conversation, {**op.payload, **verdict.current}
                )
            outcome.refused.append((found, verdict.detail))
            if found is not None:
                outcome.conversations.add(found)


def _push(engine: Engine, database: Database, current: TeamLink, outcome: Replayed) -> None:
    while True:
        with database.read() as local:
            waiting = pending.waiting(local, PUSH_BATCH)
        if not waiting:
            return
        with engine.begin() as pg:
            verdicts = server_log.push(pg, current.laptop, current.person, waiting)
        _settle(database, waiting, verdicts, outcome)
        outcome.pushed += len(waiting)


def _pull(engine: Engine, database: Database, current: TeamLink, outcome: Replayed) -> None:
    seq = current.seq
    while True:
        with engine.connect() as pg:
            found = server_log.after(pg, seq, PULL_BATCH)
        if not found:
            break
        with database.write() as local:
            still = pending.fields_waiting(local)
            for op in found:
                link.observe(local, op.made_at)
                if not op.applied or (*op.subject, op.field) in still:
                    continue
                if op.laptop == current.laptop and op.kind in (OpKind.PAGE, OpKind.OUTBOX, OpKind.SENT):
                    continue  # made true here when it was made; the log's copy would only be older
                # This laptop's other operations are applied again too, in the log's order, so each field ends as
                # the team's last applied operation left it (another laptop's older one may come before it here).
                changed = local_apply.apply(local, op.kind, op.account_uid, op.conversation, op.payload, op.made_at)
                if op.laptop != current.laptop:
                    outcome.applied_here += 1
                    outcome.pages += op.kind is OpKind.PAGE
                    if changed is not None:
                        outcome.conversations.add(changed)
            seq = found[-1].seq
            link.read_up_to(local, seq)
    outcome.seq = seq
    with engine.begin() as pg:
        server_log.seen(pg, current.laptop, current.person, seq)
        people = server_log.people(pg)
    with database.write() as local:
        link.remember_people(local, people)


def replay(database: Database, credentials: CredentialStore) -> Replayed:
    """Push this laptop's waiting operations, then apply the team's new ones here. TeamUnreachable when the team
    database cannot be reached (nothing is lost: the queue stays)."""
    current = current_link(database)
    if current is None:
        raise Refused("this workspace belongs to no team (`cmdesk team join URL`)")
    outcome = Replayed(seq=current.seq)
    engine = team_engine(current, credentials)
    try:
        with talking(current.address):
            _push(engine, database, current, outcome)
            _pull(engine, database, current, outcome)
    finally:
        engine.dispose()
    return outcome


@dataclass(frozen=True, slots=True)
class Assigned:
    conversation_id: int
    person: str
    checked: bool
    """The team database took it (else it waits to be replayed: the team could not be reached)."""
    refused: str = ""
    """Why the team refused it ("already taken by Anna"); the conversation then shows whom it is assigned to."""
    holder: str = ""


def assign(database: Database, credentials: CredentialStore, conversation_id: int, person: str) -> Assigned:
    """Assign a conversation (person "" for nobody): written here at once, then checked against the team."""
    with database.write() as local:
        if link.read(local) is None:
            raise Refused("assigning is for teams: join one first with `cmdesk team join URL`")
        if not scalar(local, "SELECT 1 FROM conversations WHERE id = ?", (conversation_id,)):
            raise Refused(f"no conversation {conversation_id} (see `cmdesk inbox`)")
        pending.assign(local, conversation_id, person)
    try:
        outcome = replay(database, credentials)
    except TeamUnreachable:
        return Assigned(conversation_id, person, False)
    mine = [why for found, why in outcome.refused if found == conversation_id and why]
    with database.read() as local:
        holder = str(scalar(local, "SELECT assignee FROM conversations WHERE id = ?", (conversation_id,)) or "")
    return Assigned(conversation_id, person, True, mine[-1] if mine else "", holder)


def leave(database: Database, credentials: CredentialStore) -> int:
    """Back to a workspace of its own, keeping the local copy; the changes still waiting are replayed first when the
    team can be reached, else dropped (they stay made here). Returns how many were dropped."""
    current = current_link(database)
    if current is None:
        raise Refused("this workspace belongs to no team")
    with contextlib.suppress(TeamDatabaseError):
        replay(database, credentials)
        engine = team_engine(current, credentials)
        try:
            with talking(current.address), engine.begin() as pg:
                from sqlalchemy import text

                pg.execute(text("DELETE FROM team_laptops WHERE laptop = :laptop"), {"laptop": current.laptop})
                server_leases.give_up(pg, current.laptop)
        finally:
            engine.dispose()
    with database.write() as local:
        dropped = pending.count(local)
        local.exec_driver_sql("DELETE FROM team_pending")
        link.forget(local)
    credentials.delete(current.address.secret_key)
    return dropped


class TeamLeadership:
    """sync/leadership.Leadership over the team database's leases, for this laptop's engine. Its calls to the team
    database run on a worker thread; one out of reach answers "this laptop" (pulling twice is harmless)."""

    def __init__(self, database: Database, credentials: CredentialStore) -> None:
        current = current_link(database)
        if current is None:
            raise Refused("this workspace belongs to no team")
        self._link = current
        self._credentials = credentials
        self._engine: Engine | None = None

    def _pg(self) -> Engine:
        """The engine on the team database, made at the first call (a missing password raises then)."""
        if self._engine is None:
            self._engine = team_engine(self._link, self._credentials)
        return self._engine

    def _holder(self, account_uid: str, can_lead: bool) -> str:
        try:
            with talking(self._link.address), self._pg().begin() as pg:
                if can_lead:
                    holder, _until = server_leases.take(
                        pg, account_uid, self._link.laptop, server_leases.lease_seconds(pg)
                    )
                else:
                    found = server_leases.holder(pg, account_uid)
                    holder = found[0] if found else ""
        except TeamDatabaseError as error:
            log.info("team database out of reach, pulling %s here: %s", account_uid, error)
            return ""
        return "" if holder == self._link.laptop else holder

    async def holder(self, account_uid: str, *, can_lead: bool) -> str:
        return await asyncio.to_thread(self._holder, account_uid, can_lead)

    def _claim_send(self, account_uid: str, key: str) -> SendClaim:
        laptop = self._link.laptop
        try:
            with talking(self._link.address), self._pg().begin() as pg:
                lease = server_leases.lease_seconds(pg)
                holder, _until = server_leases.take(pg, account_uid, laptop, lease)
                if holder != laptop:
                    return SendClaim(False, reason=f"{holder} leads this account and sends it")
                # A claim outlives its laptop's lease only if that laptop stopped renewing it: dead or cut off
                # (every request has a deadline well within a lease).
                claimed = server_sends.claim(pg, key, laptop, stale_seconds=lease)
        except TeamDatabaseError as error:
            return SendClaim(False, reason=f"waiting for the team database: {error}")
        if claimed.remote_id:
            return SendClaim(False, reason=f"sent by {claimed.holder}", sent_as=claimed.remote_id)
        if not claimed.ok:
            return SendClaim(False, reason=f"{claimed.holder} is sending it")
        return SendClaim(True, unsure=claimed.unsure)

    async def claim_send(self, account_uid: str, key: str) -> SendClaim:
        return await asyncio.to_thread(self._claim_send, account_uid, key)

    def _settle_send(self, key: str, remote_id: str | None) -> None:
        try:
            with talking(self._link.address), self._pg().begin() as pg:
                server_sends.settle(pg, key, self._link.laptop, remote_id)
        except TeamDatabaseError as error:
            # A sent entry is settled again by its SENT operation at the next replay; a released one stays claimed
            # until stale (then another laptop looks for it on the network before sending).
            log.info("could not settle %s with the team now: %s", key, error)

    async def settle_send(self, key: str, remote_id: str | None) -> None:
        await asyncio.to_thread(self._settle_send, key, remote_id)

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()


@dataclass(frozen=True, slots=True)
class TeamStatus:
    server: str
    laptop: str
    person: str
    waiting: int
    seq: int
    reachable: bool
    problem: str = ""
    team_seq: int | None = None
    leads: tuple[str, ...] = ()
    laptops: tuple[dict[str, Any], ...] = ()


def status(database: Database, credentials: CredentialStore) -> TeamStatus:
    from sqlalchemy import text

    current = current_link(database)
    if current is None:
        raise Refused("this workspace belongs to no team (`cmdesk team join URL`)")
    with database.read() as local:
        waiting = pending.count(local)
    base: dict[str, Any] = {
        "server": current.address.url,
        "laptop": current.laptop,
        "person": current.person,
        "waiting": waiting,
        "seq": current.seq,
    }
    try:
        engine = team_engine(current, credentials)
        try:
            with talking(current.address), engine.connect() as pg:
                team_seq = server_log.last_seq(pg)
                led = server_leases.led_by(pg, current.laptop)
                laptops = tuple(
                    {
                        "laptop": row.laptop,
                        "person": row.person,
                        "seen_at": row.seen_at.astimezone(UTC).isoformat(timespec="seconds"),
                        "seq": int(row.seq),
                    }
                    for row in pg.execute(text("SELECT laptop, person, seen_at, seq FROM team_laptops ORDER BY laptop"))
                )
        finally:
            engine.dispose()
    except TeamDatabaseError as error:
        return TeamStatus(**base, reachable=False, problem=str(error))
    with database.read() as local:
        names = {row[0]: row[1] for row in rows(local, "SELECT uid, name FROM accounts")}
    leads = tuple(names.get(uid, uid) for uid in led)
    return TeamStatus(**base, reachable=True, team_seq=team_seq, leads=leads, laptops=laptops)
