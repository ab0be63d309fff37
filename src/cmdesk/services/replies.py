"""Answering: a reply queued in the outbox (sent by the engine, exactly once), and the acts on one message of a
thread (favourite, boost, delete). Whether a conversation can be answered is the registry's to say."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
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


def queue_reply(
    conversation_id: int, text: str, content_warning: str = "", *, private: bool = False
) -> Command[OutboxEntry]:
    """A reply to the conversation's latest incoming message, queued; the engine sends it. `private`: to its author
    in a private message (a Facebook private reply)."""

    def command(connection: Connection) -> Done[OutboxEntry]:
        from cmdesk.storage import outbox

        if private:
            _private_reply_allowed(connection, conversation_id)
        entry = outbox.enqueue_reply(
            connection, conversation_id, text, content_warning=content_warning, private=private
        )
        return Done(entry, Changes.of_outbox([entry.id], [conversation_id]))

    return command


def _private_reply_allowed(connection: Connection, conversation_id: int) -> None:
    from cmdesk.storage import queries, workspace

    found = queries.conversations_by_ids(connection, [conversation_id])
    if not found:
        raise Refused(f"no conversation {conversation_id}")
    network = workspace.get_account(connection, found[0].account_id).network
    if found[0].kind != "comment" or not networks.capabilities(network).can_reply_privately:
        raise Refused("a private reply answers a comment in a private message: only on networks that have them")


def act_on_message(
    conversation_id: int, account_id: int, act_name: str, remote_id: str, *, ban_author: bool = False
) -> Command[OutboxEntry]:
    """Favourite, boost or delete one message of a thread (`act_name` as the thread's buttons say it; "spam" is
    trashing it as spam); hiding may also ban its author where the network can."""
    act_type = ON_A_MESSAGE.get("trash" if act_name == "spam" else act_name)
    if act_type is None:
        raise Refused(f"unknown act on a message: {act_name}")

    def command(connection: Connection) -> Done[OutboxEntry]:
        from cmdesk.domain.acts import Act, Hide, Trash
        from cmdesk.storage import outbox

        if act_type is Hide and ban_author:
            act: Act = Hide(remote_id, ban_author=True)
        else:
            act = Trash(remote_id, spam=True) if act_name == "spam" else act_type(remote_id)
        entry = outbox.enqueue(connection, account_id, act, conversation_id=conversation_id)
        return Done(entry, Changes.of_outbox([entry.id], [conversation_id]))

    return command


@dataclass(frozen=True, slots=True)
class Answered:
    """What answering several conversations at once did: the replies queued, and those left out, by reason."""

    queued: tuple[int, ...]
    already_answered: tuple[int, ...]
    cannot_answer: tuple[int, ...]


def answer_many(conversation_ids: Sequence[int], text: str, shared: Mapping[str, str]) -> Command[Answered]:
    """One reply to each conversation (a holding statement in a crisis), queued in the outbox like any reply, so
    each goes out exactly once; `text` may hold snippet variables, {first_name} and {name} filled per conversation
    from who waits in it, the others from `shared`. A conversation already answered (by the user or by a reply
    still waiting in the outbox) or on a network cmdesk cannot answer is left out — pressing twice sends nothing
    twice."""

    def command(connection: Connection) -> Done[Answered]:
        from cmdesk.domain import snippets
        from cmdesk.storage import outbox
        from cmdesk.storage.rawsql import marks

        ids = list(dict.fromkeys(conversation_ids))
        if not ids or not text.strip():
            return Done(Answered((), (), ()), Changes())
        found = connection.exec_driver_sql(
            f"SELECT c.id, a.network, c.last_direction, (SELECT m.author_name FROM messages AS m WHERE "
            f"m.conversation_id = c.id AND m.direction = 'in' ORDER BY m.created_at DESC LIMIT 1), "
            f"(SELECT count(*) FROM outbox AS o WHERE o.conversation_id = c.id AND o.action = 'reply' AND "
            f"o.state != 'cancelled') FROM conversations AS c "
            f"JOIN accounts AS a ON a.id = c.account_id WHERE c.id IN ({marks(ids)})",
            tuple(ids),
        ).all()
        queued, answered, refused = [], [], []
        entries = []
        for conversation, network, last_direction, author, waiting_replies in found:
            if networks.why_not_reply(network):
                refused.append(conversation)
                continue
            if last_direction == "out" or waiting_replies:
                answered.append(conversation)
                continue
            values = {**shared, **snippets.person_values(author or "")}
            entry = outbox.enqueue_reply(connection, conversation, snippets.filled(text, values))
            queued.append(conversation)
            entries.append(entry.id)
        result = Answered(tuple(queued), tuple(answered), tuple(refused))
        return Done(result, Changes.of_outbox(entries, queued))

    return command
