"""A reply as an e-mail client writes one: To the sender (or Reply-To), "Re: " once, In-Reply-To and References
for threading, the text, the signature after the standard "-- " line, and the original quoted. And a new e-mail
with files attached (a scheduled report sent to management)."""

from __future__ import annotations

import mimetypes
from collections.abc import Sequence
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, formataddr
from pathlib import Path

from cmdesk.connectors.email.mime import message_ids
from cmdesk.connectors.email.settings import EmailSettings


def _quoted(original: EmailMessage) -> str:
    try:
        part = original.get_body(preferencelist=("plain",))
        text = str(part.get_content()) if part is not None else ""
    except (LookupError, ValueError, KeyError, AttributeError):
        text = ""
    when = str(original.get("Date", "")).strip()
    who = str(original.get("From", "")).strip()
    lines = [f"> {line}" if line else ">" for line in text.strip().splitlines()]
    return f"On {when}, {who} wrote:\n" + "\n".join(lines) if lines else ""


def reply_message(
    original: EmailMessage,
    text: str,
    settings: EmailSettings,
    message_id: str,
    now: datetime | None = None,
    signature: str | None = None,
) -> EmailMessage:
    """`signature` as chosen when the reply was written (None: the account's own)."""
    subject = str(original.get("Subject", "")).strip()
    reply = EmailMessage()
    reply["From"] = formataddr((settings.display_name, settings.address)) if settings.display_name else settings.address
    reply["To"] = str(original.get("Reply-To") or original.get("From") or "")
    reply["Subject"] = subject if subject.lower().startswith("re:") else f"Re: {subject}".strip()
    reply["Date"] = format_datetime(now or datetime.now(UTC))
    reply["Message-ID"] = message_id
    parent = message_ids(str(original.get("Message-ID", "")))
    if parent:
        reply["In-Reply-To"] = f"<{parent[0]}>"
        chain = message_ids(str(original.get("References", ""))) + parent
        reply["References"] = " ".join(f"<{value}>" for value in dict.fromkeys(chain))
    body = text.strip()
    signed = (settings.signature if signature is None else signature).strip()
    if signed:
        body += "\n\n-- \n" + signed
    quote = _quoted(original)
    if quote:
        body += "\n\n" + quote
    reply.set_content(body + "\n")
    return reply


def new_message(settings: EmailSettings, to: str, subject: str, text: str, message_id: str,
                attachments: Sequence[Path] = (), now: datetime | None = None) -> EmailMessage:  # fmt: skip
    """A new e-mail (not an answer): the account's signature under the text, each file attached with the type its
    name says. OSError when a file cannot be read."""
    message = EmailMessage()
    message["From"] = (
        formataddr((settings.display_name, settings.address)) if settings.display_name else settings.address
    )
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(now or datetime.now(UTC))
    message["Message-ID"] = message_id
    body = text.strip()
    if settings.signature.strip():
        body += "\n\n-- \n" + settings.signature.strip()
    message.set_content(body + "\n")
    for path in attachments:
        kind, _encoding = mimetypes.guess_type(path.name)
        main, _, sub = (kind or "application/octet-stream").partition("/")
        message.add_attachment(path.read_bytes(), maintype=main, subtype=sub, filename=path.name)
    return message
