"""The thread pane's action links (`cmdesk:VERB/ARGUMENT`, handled by ThreadView), the outbox entries shown under a
thread (what is on its way, where it stands, what the user can do about it) and the internal notes above it."""

from __future__ import annotations

import html
from urllib.parse import quote

from PySide6.QtCore import QCoreApplication

from cmdesk.domain.reads import Note, OutboxEntry, OutboxState
from cmdesk.domain.text import plain_to_html
from cmdesk.models.time_text import relative_time
from cmdesk.ui import theme


def action_link(verb: str, argument: object, text: str) -> str:
    """An action's link; its argument (a remote id may be an address with "?" and "#") quoted whole."""
    return f'<a href="cmdesk:{verb}/{quote(str(argument), safe="")}">{html.escape(text)}</a>'


def pending_html(entry: OutboxEntry) -> str:
    """A reply (or favourite, boost…) on its way: what it says and where it stands, with what the user can do."""
    translate = QCoreApplication.translate
    text = entry.text
    what = {
        "reply": translate("ThreadView", "Your reply"),
        "favourite": translate("ThreadView", "Favourite"),
        "boost": translate("ThreadView", "Boost"),
    }.get(entry.action, entry.action)
    if entry.state is OutboxState.SENDING:
        state = translate("ThreadView", "sending…")
    elif entry.state is OutboxState.SCHEDULED:
        when = relative_time(entry.scheduled_at) if entry.scheduled_at else ""
        state = (
            translate("ThreadView", "waiting to send (next try {when}): {reason}").format(
                when=when, reason=entry.last_error
            )
            if entry.last_error
            else translate("ThreadView", "queued, sending as soon as possible")
        )
    elif entry.state is OutboxState.NEEDS_CHECK:
        state = translate("ThreadView", "not sure it was sent: {reason}").format(reason=entry.last_error)
    else:
        state = translate("ThreadView", "not sent: {reason}").format(reason=entry.last_error)
    actions = ""
    if entry.state in (OutboxState.FAILED, OutboxState.NEEDS_CHECK):
        again = (
            translate("ThreadView", "Send anyway")
            if entry.state is OutboxState.NEEDS_CHECK
            else translate("ThreadView", "Retry")
        )
        actions = (
            " · "
            + action_link("retry", entry.id, again)
            + " · "
            + action_link("cancel", entry.id, translate("ThreadView", "Cancel"))
        )
    elif entry.state is OutboxState.SCHEDULED:
        actions = " · " + action_link("cancel", entry.id, translate("ThreadView", "Cancel"))
    colour = theme.colours()["bad" if entry.state in (OutboxState.FAILED, OutboxState.NEEDS_CHECK) else "info"]
    body = f"<div>{plain_to_html(text)}</div>" if text else ""
    return (
        f'<table width="100%" cellspacing="0"><tr><td class="msg out"><b>{html.escape(what)}</b> '
        f'<span style="color:{colour}">{html.escape(state)}</span>{actions}{body}</td></tr></table><br>'
    )


def note_html(note: Note) -> str:
    """An internal note, set apart from the messages: it never left cmdesk."""
    label = QCoreApplication.translate("ThreadView", "Internal note")
    when = relative_time(note.created_at)
    return (
        f'<table width="100%" cellspacing="0"><tr><td class="cw">🗒 <b>{html.escape(label)}</b> · '
        f"{html.escape(note.author)} · {html.escape(when)}<div>{plain_to_html(note.body)}</div></td></tr></table><br>"
    )
