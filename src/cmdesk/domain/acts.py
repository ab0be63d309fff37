"""Outgoing acts — what the user asks cmdesk to do on a network: reply, post, favourite, boost, delete, mark read,
hide, approve. Each is a frozen dataclass stored in the outbox as `KIND` + `to_json()`, read back by `act_from_json`,
and matched on its type by the connectors; no layer agrees on dictionary keys any more.

`act_from_json` never trusts what it reads (an older or newer cmdesk, a hand-edited database): anything it cannot
understand raises `BadAct` with the reason, which the outbox shows as an entry for the user to check.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import MISSING, dataclass, fields, replace
from typing import Any, ClassVar


class BadAct(ValueError):
    """A stored act that cannot be read back: unknown kind, missing or mistyped field."""


@dataclass(frozen=True, slots=True)
class Medium:
    """An image kept in the data folder (storage/media_files.py) with its description (alt text)."""

    path: str
    description: str = ""
    name: str = ""
    """The file's name as the user chose it (the copy's is random)."""
    media_type: str = ""

    def to_json(self) -> dict[str, str]:
        return {"path": self.path, "description": self.description, "name": self.name, "type": self.media_type}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Medium:
        return cls(*(str(data.get(key) or "") for key in ("path", "description", "name", "type")))


@dataclass(frozen=True, slots=True)
class Reply:
    """An answer in a conversation, to its message `target` (a network's id, an e-mail's Message-ID)."""

    KIND: ClassVar[str] = "reply"
    text: str
    target: str
    thread_key: str = ""
    """The conversation's key, so the sent reply joins it at once."""
    kind: str = ""
    """The conversation's kind (mention, message, comment, email)."""
    content_warning: str = ""
    signature: str | None = None
    """E-mail: the signature fixed when the reply was written (None: the account's current one)."""
    private: bool = False
    """Answer the comment `target` in a private message to its author (Facebook's private reply), not in public."""


MISSED_POLICIES = ("send", "ask", "skip")
"""What happens to a post whose time passed while cmdesk was closed or the computer asleep: sent at once, held for
the user to decide (needs-check), or skipped (cancelled, with the reason)."""


@dataclass(frozen=True, slots=True)
class Post:
    """A publication on one account; a post to several accounts is one Post per account sharing a `group`."""

    KIND: ClassVar[str] = "post"
    text: str
    group: str = ""
    content_warning: str = ""
    media: tuple[Medium, ...] = ()
    planned: str = ""
    """The time the user chose (ISO 8601), kept apart from when the outbox will try (a retry moves that)."""
    repeat: str = ""
    """"weekly", or "" for once."""
    missed: str = ""
    """What to do if cmdesk was closed at its time: "send", "ask", "skip", or "" for the client's choice."""
    visibility: str = ""


@dataclass(frozen=True, slots=True)
class Favourite:
    KIND: ClassVar[str] = "favourite"
    target: str


@dataclass(frozen=True, slots=True)
class Boost:
    KIND: ClassVar[str] = "boost"
    target: str


@dataclass(frozen=True, slots=True)
class Delete:
    """Delete the account's own message on the network (cmdesk keeps its text, marked deleted)."""

    KIND: ClassVar[str] = "delete"
    target: str


@dataclass(frozen=True, slots=True)
class MarkRead:
    """Carry cmdesk's read mark to the server (e-mail's \\Seen) for these messages."""

    KIND: ClassVar[str] = "mark_read"
    message_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Hide:
    """Hide someone else's comment under the account's post (networks that moderate)."""

    KIND: ClassVar[str] = "hide"
    target: str
    ban_author: bool = False
    """Also keep its author from commenting again (YouTube's ban, with the comment rejected)."""


@dataclass(frozen=True, slots=True)
class Approve:
    """Publish a comment held for moderation."""

    KIND: ClassVar[str] = "approve"
    target: str


@dataclass(frozen=True, slots=True)
class Trash:
    """Send someone else's comment to the site's trash, or mark it as spam (which also teaches the site's filter)."""

    KIND: ClassVar[str] = "trash"
    target: str
    spam: bool = False


@dataclass(frozen=True, slots=True)
class Withdraw:
    """Take a post back from the network's own scheduler (it was edited, moved or cancelled in cmdesk)."""

    KIND: ClassVar[str] = "withdraw"
    schedule_id: str
    """The network's id of its scheduled copy (OutboxEntry.network_schedule)."""


@dataclass(frozen=True, slots=True)
class Mail:
    """A new e-mail from an e-mail account (a scheduled report sent to management), files attached."""

    KIND: ClassVar[str] = "mail"
    to: str
    """The recipients, comma-separated."""
    subject: str
    text: str
    attachments: tuple[str, ...] = ()
    """Paths of the files to attach, read when the mail goes out."""


Act = Reply | Post | Favourite | Boost | Delete | MarkRead | Hide | Approve | Trash | Withdraw | Mail
ACT_TYPES: dict[str, type[Act]] = {
    kind.KIND: kind
    for kind in (Reply, Post, Favourite, Boost, Delete, MarkRead, Hide, Approve, Trash, Withdraw, Mail)
}
TARGETED = (Reply, Favourite, Boost, Delete, Hide, Approve, Trash)
"""The acts aimed at one remote message (`target`)."""
ON_A_MESSAGE: dict[str, type[Favourite | Boost | Delete | Hide | Approve | Trash]] = {
    kind.KIND: kind for kind in (Favourite, Boost, Delete, Hide, Approve, Trash)
}
"""The acts the thread offers on one message, by the name its buttons use."""


def act_to_json(act: Act) -> dict[str, Any]:
    """The act's fields as JSON values, without those left at their default (so stored rows stay small)."""
    data: dict[str, Any] = {}
    for field in fields(act):
        value = getattr(act, field.name)
        if value == field.default:
            continue
        if field.name == "media":
            value = [medium.to_json() for medium in value]
        elif isinstance(value, tuple):
            value = list(value)
        data[field.name] = value
    return data


def act_from_json(kind: str, data: object) -> Act:
    """The act stored as `kind` + `data`; BadAct says what is wrong with it."""
    act_type = ACT_TYPES.get(kind)
    if act_type is None:
        raise BadAct(f"unknown kind of act {kind!r}")
    if not isinstance(data, Mapping):
        raise BadAct(f"{kind}: its data is not a JSON object")
    values: dict[str, Any] = {}
    for field in fields(act_type):
        if field.name not in data:
            if field.default is MISSING:
                raise BadAct(f"{kind}: {field.name} is missing")
            continue
        values[field.name] = _checked(kind, field.name, data[field.name], field.default)
    return act_type(**values)


def _checked(kind: str, name: str, value: object, default: object) -> object:
    if name == "media":
        images = value if isinstance(value, list) else None
        if images is None or not all(isinstance(m, Mapping) and isinstance(m.get("path"), str) for m in images):
            raise BadAct(f"{kind}: media is not a list of images with their paths")
        return tuple(Medium.from_json(m) for m in images)
    if name == "attachments":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise BadAct(f"{kind}: attachments is not a list of file paths")
        return tuple(value)
    if name == "message_ids":
        if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
            raise BadAct(f"{kind}: message_ids is not a list of ids")
        return tuple(str(v) for v in value)
    if name == "signature":
        if value is not None and not isinstance(value, str):
            raise BadAct(f"{kind}: signature is not text")
        return value
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise BadAct(f"{kind}: {name} is not true or false")
        return value
    if not isinstance(value, str):
        raise BadAct(f"{kind}: {name} is not text")
    return value


def text_of(act: Act | None) -> str:
    """The text the act carries ('' for a favourite, a boost…)."""
    return act.text if isinstance(act, Reply | Post) else ""


def target_of(act: Act | None) -> str:
    """The remote message the act is aimed at ('' for a post or a read mark)."""
    return act.target if isinstance(act, TARGETED) else ""


def with_text(act: Act, text: str) -> Act:
    """The same act with new text (a post or a reply edited before it goes out)."""
    if not isinstance(act, Reply | Post):
        raise BadAct(f"a {act.KIND} has no text to edit")
    return replace(act, text=text)
