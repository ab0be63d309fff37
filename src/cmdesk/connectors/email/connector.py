"""The e-mail connector's pull: each chosen folder through IMAP, by UID.

Cursor: {"folder": index of the folder this page reads,
         "folders": {name: {"uidvalidity": …, "high": highest UID synced, "low": lowest UID synced,
                            "backfilled": true once everything older is synced}}}
The first sync takes the newest messages of the last `first_sync_days` (90 by default), then continues backwards,
a page at a time, in the background; later passes take what is above `high`. A UIDVALIDITY change starts the
folder over; messages are identified by Message-ID, so nothing doubles.
"""

from __future__ import annotations

import asyncio
import imaplib
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from cmdesk.connectors import registry
from cmdesk.connectors.base import AuthExpired, ConnectorError, Permanent, Uncertain
from cmdesk.connectors.email import imap, smtp
from cmdesk.connectors.email.compose import new_message, reply_message
from cmdesk.connectors.email.idle import IdleWait, in_daemon_thread
from cmdesk.connectors.email.mime import attachment_name, attachment_parts, parse_message
from cmdesk.connectors.email.sessions import SessionPool
from cmdesk.connectors.email.settings import EmailSettings
from cmdesk.domain import (
    Account,
    Action,
    Capabilities,
    Cursor,
    Download,
    Item,
    ItemProblem,
    Network,
    NetworkId,
    Page,
    RemoteRef,
)
from cmdesk.domain.acts import Mail, MarkRead, Reply

if TYPE_CHECKING:
    import httpx

BATCH = 500
"""Messages per page: each page commits with its cursor; the IMAP session stays open between a pass's pages."""
FETCH_BUDGET = 32 * 1024 * 1024
SEEN_WINDOW = 500
"""How many of a folder's latest messages each pass checks for \\Seen set elsewhere."""


_PARSER = BytesParser(policy=policy.default)
PENDING = "\\Draft"
"""The mark on a reply's copy in Sent until the SMTP server has accepted the reply."""
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def uid_ranges(uids: list[int]) -> list[list[int]]:
    """Sorted UIDs as [first, last] runs, to keep a folder's seen set small in its cursor."""
    runs: list[list[int]] = []
    for uid in sorted(uids):
        if runs and uid == runs[-1][1] + 1:
            runs[-1][1] = uid
        else:
            runs.append([uid, uid])
    return runs


def imap_date(value: datetime) -> str:
    """IMAP's date (RFC 3501 `date`): English month names whatever the locale, unlike strftime's %b."""
    return f"{value.day:02d}-{MONTHS[value.month - 1]}-{value.year}"


class EmailConnector:
    network: ClassVar[NetworkId] = Network.EMAIL
    capabilities: ClassVar[Capabilities] = registry.capabilities(Network.EMAIL)

    def __init__(self) -> None:
        self._sessions = SessionPool()

    async def pull(self, client: httpx.AsyncClient, account: Account, cursor: Cursor) -> Page:
        if account.secret is None:
            raise AuthExpired("no saved password for this account")
        settings = EmailSettings.from_account(account.address, account.settings)
        return await asyncio.to_thread(self._pull, settings, account.secret.reveal(), dict(cursor))

    def _pull(self, settings: EmailSettings, password: str, cursor: dict[str, Any]) -> Page:
        folders = list(settings.folders)
        index = int(cursor.get("folder", 0)) % max(1, len(folders))
        states = {name: dict(value) for name, value in (cursor.get("folders") or {}).items()}
        name = folders[index]
        state = states.setdefault(name, {})
        with self._sessions.lease(settings, password) as lease:
            session = lease.client
            validity = lease.select(name)
            if state.get("uidvalidity") != validity:
                state.clear()
                state["uidvalidity"] = validity
            uids, more = self._next_uids(session, settings, state)
            seen = self._seen_elsewhere(session, state) if not uids and not more else []
            items: list[Item] = []
            problems: list[ItemProblem] = []
            # Bodies come in groups of at most FETCH_BUDGET bytes, each parsed and dropped before the next: a page
            # of messages with large attachments never holds them all in memory at once.
            arrived_seen: list[int] = []
            for group in imap.chunks_by_size(uids, imap.sizes(session, uids), FETCH_BUDGET):
                for message in imap.fetch(session, group):
                    if "\\Seen" in message.flags:
                        arrived_seen.append(message.uid)
                    try:
                        parsed = parse_message(message.raw, settings.address)
                        items.append(replace(parsed, seen="\\Seen" in message.flags))
                    except Exception as error:  # noqa: BLE001 - one unreadable message must not stop the folder
                        problems.append(ItemProblem(f"{name} UID {message.uid}", f"unreadable message: {error}"))
            if uids:
                self._remember_seen(state, arrived_seen)
            lease.keep = more or index + 1 < len(folders)
        if more:
            next_index, has_more = index, True
        elif index + 1 < len(folders):
            next_index, has_more = index + 1, True
        else:
            next_index, has_more = 0, False
        return Page(
            tuple(items), {"folder": next_index, "folders": states}, has_more, tuple(problems), seen=tuple(seen)
        )

    @staticmethod
    def _next_uids(session: imaplib.IMAP4, settings: EmailSettings, state: dict[str, Any]) -> tuple[list[int], bool]:
        """The UIDs this page fetches, and whether the folder has more waiting (updates `state`)."""
        if "high" not in state:
            since = datetime.now(UTC) - timedelta(days=settings.first_sync_days)
            recent = imap.search(session, "SINCE", imap_date(since))
            newest = recent[-BATCH:]
            everything = imap.search(session, "ALL")
            state["high"] = everything[-1] if everything else 0
            state["low"] = newest[0] if newest else state["high"] + 1
            state["backfilled"] = state["low"] <= 1
            return newest, not state["backfilled"]
        high = int(state["high"])
        fresh = [uid for uid in imap.search(session, "UID", f"{high + 1}:*") if uid > high]
        if fresh:
            batch = fresh[:BATCH]
            state["high"] = batch[-1]
            return batch, len(fresh) > BATCH or not state.get("backfilled")
        if not state.get("backfilled"):
            low = int(state["low"])
            older = imap.search(session, "UID", f"1:{low - 1}") if low > 1 else []
            older = [uid for uid in older if uid < low]
            batch = older[-BATCH:]
            if batch:
                state["low"] = batch[0]
            state["backfilled"] = len(older) <= BATCH
            return batch, not state["backfilled"]
        return [], False

    @staticmethod
    def _remember_seen(state: dict[str, Any], arrived_seen: list[int]) -> None:
        """Messages that arrived read count as known-read for the next look at read state."""
        low = int(state.get("high", 0)) - SEEN_WINDOW + 1
        known = {uid for first, last in state.get("seen", []) for uid in range(int(first), int(last) + 1)}
        state["seen"] = uid_ranges([uid for uid in known | set(arrived_seen) if uid >= low])

    @staticmethod
    def _seen_elsewhere(session: imaplib.IMAP4, state: dict[str, Any]) -> list[str]:
        """Once a folder is up to date: which of its latest messages were read elsewhere (webmail, phone) since the
        last look. The server's index answers which are \\Seen (cheap); only the newly seen ones are asked for their
        Message-ID (reading headers costs the server a file each: 0.5 s for 500 on Dovecot)."""
        high = int(state.get("high", 0))
        low = max(1, high - SEEN_WINDOW + 1)
        if high < 1:
            return []
        now_seen = [uid for uid in imap.search(session, "UID", f"{low}:{high}", "SEEN") if low <= uid <= high]
        known = state.get("seen")
        state["seen"] = uid_ranges(now_seen)
        if known is None:
            return []  # a folder synced before cmdesk kept this: from now on
        before = {uid for first, last in known for uid in range(int(first), int(last) + 1)}
        fresh = [uid for uid in now_seen if uid not in before]
        return imap.message_ids(session, fresh)

    async def wait_for_change(self, account: Account) -> bool:
        """IMAP IDLE on the first chosen folder (the inbox); other folders are checked on the timer."""
        if account.secret is None:
            raise AuthExpired("no saved password for this account")
        settings = EmailSettings.from_account(account.address, account.settings)
        waiter = IdleWait(settings, account.secret.reveal(), settings.folders[0] if settings.folders else "INBOX")
        return await in_daemon_thread(waiter.run, waiter.close)

    async def fetch_attachment(self, account: Account, message_remote_id: str, part: int) -> Download:
        if account.secret is None:
            raise AuthExpired("no saved password for this account")
        settings = EmailSettings.from_account(account.address, account.settings)
        password = account.secret.reveal()

        def fetch() -> Download:
            if message_remote_id.startswith("sha256:"):
                raise Permanent("this message has no Message-ID, so cmdesk cannot find it again on the server")
            with imap.session(settings, password) as session:
                raw = imap.find_by_message_id(session, list(settings.folders), f"<{message_remote_id}>")
            if raw is None:
                raise Permanent("the message is no longer on the server (moved or deleted elsewhere)")
            message = _PARSER.parsebytes(raw)
            assert isinstance(message, EmailMessage)
            parts = attachment_parts(message)
            if not 0 <= part < len(parts):
                raise Permanent("the message on the server no longer has this attachment")
            found = parts[part]
            payload = found.get_payload(decode=True)
            data = payload if isinstance(payload, bytes) else b""
            return Download(attachment_name(found, part), found.get_content_type(), data)

        return await asyncio.to_thread(fetch)

    async def perform(self, client: httpx.AsyncClient, account: Account, action: Action) -> RemoteRef:
        if account.secret is None:
            raise AuthExpired("no saved password for this account")
        settings = EmailSettings.from_account(account.address, account.settings)
        match action.act:
            case MarkRead() as read:
                return await asyncio.to_thread(self._mark_read, settings, account.secret.reveal(), read)
            case Reply() as reply:
                return await asyncio.to_thread(self._reply, settings, account.secret.reveal(), reply, action)
            case Mail() as mail:
                return await asyncio.to_thread(self._mail, settings, account.secret.reveal(), mail, action)
        raise Permanent(f"e-mail accounts cannot {action.kind}")

    @staticmethod
    def _mark_read(settings: EmailSettings, password: str, read: MarkRead) -> RemoteRef:
        """Read in cmdesk → \\Seen on the server (safe to repeat)."""
        ids = list(read.message_ids)
        with imap.session(settings, password) as session:
            marked = imap.mark_seen(session, list(settings.folders), ids)
        return RemoteRef(str(marked))

    @staticmethod
    def reply_id(settings: EmailSettings, action: Action) -> str:
        """The reply's Message-ID comes from the outbox entry's idempotency key: the same on every attempt, so a
        copy of it in Sent proves an earlier attempt went out."""
        domain = settings.address.rsplit("@", 1)[-1] or "cmdesk.invalid"
        return f"<{action.idempotency_key}.cmdesk@{domain}>"

    def _mail(self, settings: EmailSettings, password: str, mail: Mail, action: Action) -> RemoteRef:
        """A new e-mail, sent with the same care as a reply (a copy in Sent first, confirmed once SMTP took it)."""
        if not mail.to.strip():
            raise Permanent("nobody to send it to")
        message_id = self.reply_id(settings, action)
        try:
            message = new_message(
                settings, mail.to, mail.subject, mail.text, message_id, [Path(path) for path in mail.attachments]
            )
        except OSError as error:
            raise Permanent(f"an attached file cannot be read: {error.strerror or error}") from error
        with imap.session(settings, password) as session:
            self._send_keeping_a_copy(session, settings, password, message, message_id)
        return RemoteRef(message_id)

    def _send_keeping_a_copy(
        self, session: Any, settings: EmailSettings, password: str, message: EmailMessage, message_id: str
    ) -> None:
        sent_box = imap.sent_mailbox(session)
        earlier = imap.copies(session, sent_box, message_id)
        imap.remove(session, [uid for uid, flags in earlier.items() if PENDING in flags])
        imap.append(session, sent_box, bytes(message), f"(\\Seen {PENDING})")
        try:
            smtp.send(settings, password, message)
        except Uncertain:
            raise
        except ConnectorError:
            imap.remove(session, list(imap.copies(session, sent_box, message_id)))
            raise
        try:
            pending = [uid for uid, flags in imap.copies(session, sent_box, message_id).items() if PENDING in flags]
            imap.store(session, pending, "-FLAGS.SILENT", f"({PENDING})")
        except (imaplib.IMAP4.error, OSError):
            pass  # it went out; the copy in Sent just keeps its mark

    def _reply(self, settings: EmailSettings, password: str, reply_act: Reply, action: Action) -> RemoteRef:
        """The copy in Sent is written first, marked \\Draft, and confirmed (the mark removed) once the SMTP server
        has accepted the reply: after a crash, no copy means it never reached SMTP, a confirmed one that it went out,
        and a \\Draft one that nobody can know (`find_sent` says so). A refused reply takes its copy away."""
        text = reply_act.text.strip()
        if not text:
            raise Permanent("nothing to send: the reply is empty")
        message_id = self.reply_id(settings, action)
        with imap.session(settings, password) as session:
            raw = imap.find_by_message_id(session, list(settings.folders), reply_act.target)
            if raw is None:
                raise Permanent("the message to answer is no longer on the server")
            original = _PARSER.parsebytes(raw)
            assert isinstance(original, EmailMessage)
            reply = reply_message(original, text, settings, message_id, signature=reply_act.signature)
            self._send_keeping_a_copy(session, settings, password, reply, message_id)
        return self._ref(bytes(reply), settings, reply_act)

    @staticmethod
    def _ref(raw: bytes, settings: EmailSettings, reply: Reply) -> RemoteRef:
        item = parse_message(raw, settings.address)
        thread_key = reply.thread_key or item.thread_key
        return RemoteRef(item.remote_id, "", replace(item, thread_key=thread_key))

    async def find_sent(
        self, client: httpx.AsyncClient, account: Account, action: Action, since: datetime
    ) -> RemoteRef | None:
        """An earlier attempt went out if its Message-ID is in the Sent folder."""
        reply = action.act
        if not isinstance(reply, Reply | Mail) or account.secret is None:
            return None
        settings = EmailSettings.from_account(account.address, account.settings)
        password = account.secret.reveal()

        def look() -> RemoteRef | None:
            message_id = self.reply_id(settings, action)
            with imap.session(settings, password) as session:
                sent_box = imap.sent_mailbox(session)
                kept = {
                    uid: flags
                    for uid, flags in imap.copies(session, sent_box, message_id).items()
                    if "\\Deleted" not in flags
                }
                confirmed = [uid for uid, flags in kept.items() if PENDING not in flags]
                if kept and not confirmed:
                    raise Uncertain(
                        f"cmdesk stopped while handing this reply to {settings.smtp_host}: it may or may not have "
                        "gone out. Check with the recipient or in your Sent folder, then retry or cancel"
                    )
                raw = imap.find_by_message_id(session, [sent_box], message_id) if confirmed else None
            if raw is None:
                return None
            return self._ref(raw, settings, reply) if isinstance(reply, Reply) else RemoteRef(message_id)

        return await asyncio.to_thread(look)
