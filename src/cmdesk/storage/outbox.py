"""The outbox: every outgoing act (reply, post, favourite, boost, delete) is a row with an idempotency key before
any network call, and moves through its states only here:

    draft → scheduled → sending → sent | failed (reason) | needs_check
                          ↑______ scheduled again after a temporary failure (with the time to try again)

`claim` moves a due row to "sending" in its own committed transaction before the network is touched, so a crash
while sending leaves a row that says so; `recover_interrupted` turns such rows back into due ones flagged as
"unsure" (attempts > 0), and the sender checks the network for them before sending again.

Reading entries is storage/outbox_reads.py's (plain SQL, for the window's start-up); its names are re-exported here.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, case, select, update

from cmdesk.domain import Direction, Kind
from cmdesk.domain.acts import MISSED_POLICIES as MISSED_POLICIES
from cmdesk.domain.acts import Act, MarkRead, Medium, Post, Reply, Withdraw, act_to_json
from cmdesk.storage import workspace
from cmdesk.storage.outbox_reads import NOT_SENT as NOT_SENT
from cmdesk.storage.outbox_reads import PENDING as PENDING
from cmdesk.storage.outbox_reads import UNFINISHED as UNFINISHED
from cmdesk.storage.outbox_reads import OutboxEntry as OutboxEntry
from cmdesk.storage.outbox_reads import OutboxError as OutboxError
from cmdesk.storage.outbox_reads import OutboxState as OutboxState
from cmdesk.storage.outbox_reads import count_pending as count_pending
from cmdesk.storage.outbox_reads import due as due
from cmdesk.storage.outbox_reads import entry_from_row as entry_from_row
from cmdesk.storage.outbox_reads import for_conversation as for_conversation
from cmdesk.storage.outbox_reads import get as get
from cmdesk.storage.outbox_reads import listing as listing
from cmdesk.storage.outbox_reads import next_due as next_due
from cmdesk.storage.outbox_reads import next_send_time as next_send_time
from cmdesk.storage.outbox_reads import to_hand_over as to_hand_over
from cmdesk.storage.records import AccountRecord, ConversationRecord, MessageRecord, OutboxRecord
from cmdesk.storage.team import pending as team_pending
from cmdesk.storage.timeutil import from_db, to_db, utcnow

outbox = OutboxRecord.__table__  # type: ignore[attr-defined]
conversations = ConversationRecord.__table__  # type: ignore[attr-defined]
messages = MessageRecord.__table__  # type: ignore[attr-defined]
accounts = AccountRecord.__table__  # type: ignore[attr-defined]


def stored(act: Act) -> str:
    """The act as its outbox row keeps it (the `payload` column; the `action` column keeps its KIND)."""
    return json.dumps(act_to_json(act), sort_keys=True, ensure_ascii=False)


def set_act(connection: Connection, entry_id: int, act: Act, now: datetime | None = None) -> None:
    """Replace an entry's act by one of the same kind (an edited text, a moved planned time)."""
    connection.execute(
        update(outbox)
        .where(outbox.c.id == entry_id, outbox.c.action == act.KIND)
        .values(payload=stored(act), updated_at=to_db(now or utcnow()))
    )
    team_pending.outbox(connection, entry_id)


def new_key(now: datetime) -> str:
    """An act's idempotency key: 32 hex digits, the first 14 the microseconds of `now` (so that a network whose record
    keys are times, Bluesky's TIDs, can draw the act's key from it), the rest random."""
    return f"{int(now.timestamp() * 1_000_000):014x}{uuid.uuid4().hex[:18]}"


def enqueue(
    connection: Connection,
    account_id: int,
    act: Act,
    *,
    conversation_id: int | None = None,
    at: datetime | None = None,
    now: datetime | None = None,
) -> OutboxEntry:
    """A new act, due at `at` (now when None). Its idempotency key is made here, once, and never changes."""
    now = now or utcnow()
    values = {
        "account_id": account_id,
        "conversation_id": conversation_id,
        "action": act.KIND,
        "idempotency_key": new_key(now),
        "payload": stored(act),
        "state": OutboxState.SCHEDULED.value,
        "scheduled_at": to_db(at or now),
        "attempts": 0,
        "last_error": "",
        "remote_id": "",
        "created_at": to_db(now),
        "updated_at": to_db(now),
    }
    new_id = connection.execute(outbox.insert().values(**values)).inserted_primary_key
    assert new_id is not None
    team_pending.outbox(connection, int(new_id[0]))
    return get(connection, int(new_id[0]))


def enqueue_reply(
    connection: Connection,
    conversation_id: int,
    text: str,
    *,
    content_warning: str = "",
    now: datetime | None = None,
    private: bool = False,
) -> OutboxEntry:
    """A reply in a conversation, answering its latest inbound message that is public (the root when there is none);
    `private`: in a private message to that message's author (networks that have private replies)."""
    if not text.strip():
        raise OutboxError("nothing to send: the reply is empty")
    conversation = connection.execute(
        select(conversations.c.account_id, conversations.c.remote_id, conversations.c.kind).where(
            conversations.c.id == conversation_id
        )
    ).first()
    if conversation is None:
        raise OutboxError(f"no conversation {conversation_id}")
    latest = connection.execute(
        select(messages.c.remote_id)
        .where(
            messages.c.conversation_id == conversation_id,
            messages.c.direction == Direction.INBOUND.value,
            # The same story from another source joins the conversation (storage/stories.py): the reply goes
            # through the conversation's account, so it answers that account's own message.
            messages.c.account_id == conversation.account_id,
            # Not a comment waiting for moderation (spam, most often) nor one gone from the network.
            messages.c.held.is_(False),
            messages.c.deleted_at.is_(None),
        )
        .order_by(messages.c.created_at.desc(), messages.c.id.desc())
        .limit(1)
    ).scalar()
    reply = Reply(
        text=text.strip(),
        target=latest or conversation.remote_id,
        thread_key=conversation.remote_id,
        kind=conversation.kind,
        content_warning=content_warning.strip(),
        private=private,
        # E-mail: fixed when the reply is written, so the signature the user could see is the one that goes out.
        signature=(
            workspace.reply_signature(connection, conversation.account_id)
            if conversation.kind == Kind.EMAIL.value
            else None
        ),
    )
    return enqueue(connection, conversation.account_id, reply, conversation_id=conversation_id, now=now)


def enqueue_post(
    connection: Connection,
    account_ids: Sequence[int],
    text: str,
    *,
    at: datetime | None = None,
    content_warning: str = "",
    missed: str | None = None,
    repeat: str | None = None,
    variants: Mapping[int, str] | None = None,
    media: Sequence[Mapping[str, str]] = (),
    now: datetime | None = None,
) -> list[OutboxEntry]:
    """One publication to several accounts: one entry per account (each with its own idempotency key), sharing a
    `group` so the composer and the calendar show them as one post. `variants` gives an account its own text."""
    variants = variants or {}
    if not account_ids:
        raise OutboxError("choose at least one account to publish to")
    group = uuid.uuid4().hex
    entries = []
    for account_id in dict.fromkeys(account_ids):
        body = (variants.get(account_id) or text).strip()
        if not body:
            raise OutboxError("nothing to publish: the text is empty")
        if repeat is not None and (repeat != "weekly" or at is None):
            raise OutboxError("only weekly repeats, from a time given with it")
        if missed is not None and missed not in MISSED_POLICIES:
            raise OutboxError(f"unknown policy for a missed time: {missed} (one of {', '.join(MISSED_POLICIES)})")
        post = Post(
            text=body,
            group=group,
            content_warning=content_warning.strip(),
            media=tuple(Medium.from_json(m) for m in media),
            planned=at.isoformat() if at is not None else "",
            repeat=repeat or "",
            missed=missed or "",
        )
        entries.append(enqueue(connection, account_id, post, at=at, now=now))
    return entries


def enqueue_remote_reads(connection: Connection, conversation_ids: Sequence[int], networks: Collection[str]) -> int:
    """For conversations just read in cmdesk, on a network in `networks` (those that keep read marks: e-mail's
    \\Seen): one "mark_read" act per account with the messages' ids, so the server follows (webmail and phone show
    them read too)."""
    rows = connection.execute(
        select(messages.c.account_id, messages.c.remote_id)
        .join(accounts, accounts.c.id == messages.c.account_id)
        .where(
            messages.c.conversation_id.in_(list(conversation_ids)),
            messages.c.direction == Direction.INBOUND.value,
            accounts.c.network.in_(list(networks)),
            accounts.c.is_demo.is_(False),
        )
    ).all()
    by_account: dict[int, list[str]] = {}
    for account_id, remote_id in rows:
        by_account.setdefault(account_id, []).append(remote_id)
    for account_id, remote_ids in by_account.items():
        enqueue(connection, account_id, MarkRead(tuple(remote_ids)))
    return len(by_account)


def _move(connection: Connection, entry_id: int, expected: tuple[OutboxState, ...], **values: Any) -> bool:
    values["updated_at"] = to_db(values.pop("now", None) or utcnow())
    changed = connection.execute(
        update(outbox)
        .where(outbox.c.id == entry_id, outbox.c.state.in_([state.value for state in expected]))
        .values(**values)
    ).rowcount
    return bool(changed)


def claim(connection: Connection, entry_id: int, now: datetime | None = None, claimed_by: str = "") -> bool:
    """scheduled → sending (commit this before the network call). False if someone else took it or it changed.
    `claimed_by`: the sending process's token (storage/claims.py)."""
    return _move(
        connection,
        entry_id,
        (OutboxState.SCHEDULED,),
        state=OutboxState.SENDING.value,
        attempts=outbox.c.attempts + 1,
        claimed_by=claimed_by,
        now=now,
    )


def mark_sent(connection: Connection, entry_id: int, remote_id: str, now: datetime | None = None) -> None:
    _move(
        connection,
        entry_id,
        (OutboxState.SENDING,),
        state=OutboxState.SENT.value,
        remote_id=remote_id,
        last_error="",
        now=now,
    )


def mark_retry(connection: Connection, entry_id: int, reason: str, at: datetime, now: datetime | None = None) -> None:
    """Back to scheduled after a temporary failure (network down, rate limit): it waits, it is never dropped."""
    _move(
        connection,
        entry_id,
        (OutboxState.SENDING,),
        state=OutboxState.SCHEDULED.value,
        scheduled_at=to_db(at),
        last_error=reason,
        now=now,
    )


def mark_failed(connection: Connection, entry_id: int, reason: str, now: datetime | None = None) -> None:
    _move(connection, entry_id, (OutboxState.SENDING,), state=OutboxState.FAILED.value, last_error=reason, now=now)


def mark_needs_check(connection: Connection, entry_id: int, reason: str, now: datetime | None = None) -> None:
    _move(connection, entry_id, (OutboxState.SENDING,), state=OutboxState.NEEDS_CHECK.value, last_error=reason, now=now)


def expedite(connection: Connection, account_id: int, now: datetime | None = None) -> int:
    """The account's server answered again (a sync succeeded): what waits for a retry after a network failure goes
    now instead of at the end of its backoff (which may be an hour). Returns how many."""
    now = now or utcnow()
    return int(
        connection.execute(
            update(outbox)
            .where(
                outbox.c.account_id == account_id,
                outbox.c.state == OutboxState.SCHEDULED.value,
                outbox.c.last_error != "",
                outbox.c.attempts > 0,
                outbox.c.scheduled_at > to_db(now),
            )
            .values(scheduled_at=to_db(now), updated_at=to_db(now))
        ).rowcount
    )


STALE_SENDING = timedelta(minutes=2)
"""A row "sending" for longer than this was left by a process that died: every request times out well before."""


def recover_interrupted(
    connection: Connection,
    now: datetime | None = None,
    stale_after: timedelta = STALE_SENDING,
    holder_alive: Callable[[str], bool] | None = None,
) -> int:
    """Rows left "sending" by a process that died become due again; their attempts count says they are unsure.
    A row whose sender is known dead (`holder_alive(token)` is False) is taken back at once; any other only once
    stale: another process (the CLI beside the app) may be sending it right now."""
    now = now or utcnow()
    rows = connection.execute(
        select(outbox.c.id, outbox.c.claimed_by, outbox.c.updated_at).where(outbox.c.state == OutboxState.SENDING.value)
    ).all()
    stale = now - stale_after
    dead: dict[str, bool] = {}
    ids = []
    for row_id, token, updated in rows:
        if token and holder_alive is not None and token not in dead:
            dead[token] = not holder_alive(token)
        if (token and dead.get(token)) or (from_db(updated) or now) <= stale:
            ids.append(row_id)
    if not ids:
        return 0
    return int(
        connection.execute(
            update(outbox)
            .where(outbox.c.id.in_(ids), outbox.c.state == OutboxState.SENDING.value)
            .values(
                state=OutboxState.SCHEDULED.value,
                # A post being handed to the network's scheduler keeps its time: it must not go out early.
                scheduled_at=case((outbox.c.scheduled_at > to_db(now), outbox.c.scheduled_at), else_=to_db(now)),
                last_error="interrupted while sending; checking before sending again",
                claimed_by="",
                updated_at=to_db(now),
            )
        ).rowcount
    )


def retry(connection: Connection, entry_id: int, now: datetime | None = None) -> OutboxEntry:
    """The user's "retry" on a failed or needs-check entry: due now, with the same idempotency key. Retrying an
    entry that needed checking means the user checked that it did not go out: it is sent without looking again."""
    now = now or utcnow()
    found = connection.execute(select(outbox.c.state).where(outbox.c.id == entry_id)).scalar()
    checked = {"attempts": 0} if found == OutboxState.NEEDS_CHECK.value else {}
    if not _move(
        connection,
        entry_id,
        (OutboxState.FAILED, OutboxState.NEEDS_CHECK),
        state=OutboxState.SCHEDULED.value,
        scheduled_at=to_db(now),
        last_error="",
        now=now,
        **checked,
    ):
        raise OutboxError(f"outbox entry {entry_id} is {get(connection, entry_id).state.value}; only failed ones retry")
    team_pending.outbox(connection, entry_id)
    return get(connection, entry_id)


SIGN_IN_NEEDED = "sign-in needed"
"""How a failed entry's reason begins when the network refused the account's sign-in (sync/outbox.py)."""


def retry_signed_out(connection: Connection, account_id: int, now: datetime | None = None) -> list[int]:
    """The account signed in again: its entries that failed for want of a sign-in are due again (same idempotency
    key). Their ids."""
    found = connection.execute(
        select(outbox.c.id).where(
            outbox.c.account_id == account_id,
            outbox.c.state == OutboxState.FAILED.value,
            outbox.c.last_error.like(SIGN_IN_NEEDED + "%"),
        )
    ).scalars()
    ids = [int(entry_id) for entry_id in found]
    for entry_id in ids:
        retry(connection, entry_id, now)
    return ids


def mark_handed_over(connection: Connection, entry_id: int, schedule_id: str, now: datetime | None = None) -> None:
    """sending → scheduled, on the network's scheduler now (`schedule_id`: its copy there). Its time is unchanged:
    at that time the sender checks that the network published it. attempts back to 0: nothing is unsure."""
    _move(
        connection,
        entry_id,
        (OutboxState.SENDING,),
        state=OutboxState.SCHEDULED.value,
        network_schedule=schedule_id,
        attempts=0,
        last_error="",
        claimed_by="",
        now=now,
    )


def hand_over_failed(
    connection: Connection, entry_id: int, reason: str, *, unsure: bool, now: datetime | None = None
) -> None:
    """sending → scheduled, still cmdesk's to send at its time (unchanged). A hand-over that clearly did not
    happen is tried again later (outbox_reads.to_hand_over); one that may have landed (`unsure`) keeps its
    attempt, so the next pass looks for it on the scheduler first."""
    attempts = outbox.c.attempts if unsure else outbox.c.attempts - 1
    _move(
        connection,
        entry_id,
        (OutboxState.SENDING,),
        state=OutboxState.SCHEDULED.value,
        last_error=reason,
        attempts=attempts,
        now=now,
    )


WITHDRAW_LEAD = timedelta(minutes=5)
"""So close to its time, a post on the network's scheduler is the network's: taking it back might race it out."""


def take_back(connection: Connection, entry: OutboxEntry, now: datetime | None = None) -> None:
    """A post handed to the network's scheduler is edited, moved or cancelled in cmdesk: its copy there is
    withdrawn first (a Withdraw act, due now: the sender sends it before handing anything of the account over
    again), and the post is cmdesk's again, with a new idempotency key (the network would answer the old key with
    the old copy). Refused when the network cannot take it back, or when it goes out within minutes."""
    if not entry.network_schedule or entry.state is not OutboxState.SCHEDULED:
        return
    now = now or utcnow()
    if entry.network_copy_fixed:
        raise OutboxError(
            "this post waits on the network's own scheduler, which cmdesk cannot change: edit or delete it on the "
            "network's site"
        )
    if entry.scheduled_at is not None and entry.scheduled_at - now < WITHDRAW_LEAD:
        raise OutboxError("it goes out in a few minutes from the network's scheduler: change it on the network's site")
    enqueue(connection, entry.account_id, Withdraw(entry.network_schedule), now=now)
    connection.execute(
        update(outbox)
        .where(outbox.c.id == entry.id)
        .values(network_schedule="", idempotency_key=new_key(now), updated_at=to_db(now))
    )


def cancel(connection: Connection, entry_id: int, now: datetime | None = None) -> OutboxEntry:
    take_back(connection, get(connection, entry_id), now)
    if not _move(
        connection,
        entry_id,
        NOT_SENT,
        state=OutboxState.CANCELLED.value,
        now=now,
    ):
        state = get(connection, entry_id).state.value
        raise OutboxError(f"outbox entry {entry_id} is {state}; it can no longer be cancelled")
    team_pending.outbox(connection, entry_id)
    return get(connection, entry_id)
