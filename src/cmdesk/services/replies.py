"""Answering: a reply queued in the outbox (sent by the engine, exactly once), and the acts on one message of a
thread (favourite, boost, delete). Whether a conversation can be answered is the registry's to say."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cmdesk.domain import Account
from cmdesk.domain.acts import ON_A_MESSAGE
from cmdesk.services import networks
from cmdesk.services.commands import Changes, Command, Done, Refused

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from cmdesk.storage.outbox_reads import OutboxEntry


def refusal(account: Account) -> str:
    """Why this account's conversations cannot be answered from cmdesk, in English ('' when they can)."""
    return networks.why_not_reply(account.network)


def queue_reply(conversation_id: int, text: str, content_warning: str = "") -> Command[OutboxEntry]:
    """A reply to the conversation's latest incoming message, queued; the engine sends it."""

    def command(connection: Connection) -> Done[OutboxEntry]:
        from cmdesk.storage import outbox

        entry = outbox.enqueue_reply(connection, conversation_id, text, content_warning=content_warning)
        return Done(entry, Changes.of_outbox([entry.id], [conversation_id]))

    return command


def act_on_message(conversation_id: int, account_id: int, act_name: str, remote_id: str) -> Command[OutboxEntry]:
    """Favourite, boost or delete one message of a thread (`act_name` as the thread's buttons say it)."""
    act_type = ON_A_MESSAGE.get(act_name)
    if act_type is None:
        raise Refused(f"unknown act on a message: {act_name}")

    def command(connection: Connection) -> Done[OutboxEntry]:
        from cmdesk.storage import outbox

        entry = outbox.enqueue(connection, account_id, act_type(remote_id), conversation_id=conversation_id)
        return Done(entry, Changes.of_outbox([entry.id], [conversation_id]))

    return command
