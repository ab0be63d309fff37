"""Publishing from the composer: the draft kept on disk while the user types (written whole, so it survives a
crash), the length rules of the networks an account publishes to, and queueing a publication in the outbox, which
the engine sends when it is due.

A draft in progress is not yet an outgoing act, so it is a file of its own, not an outbox row: the outbox only ever
holds what the user asked to publish.
"""

from __future__ import annotations

import html
import json
import mimetypes
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from cmdesk.domain import Account, LengthCounting, NetworkId
from cmdesk.domain.counting import Count, count_for
from cmdesk.domain.media import media_problem
from cmdesk.domain.reads import OutboxEntry
from cmdesk.services import networks
from cmdesk.services.commands import Refused
from cmdesk.services.desk import Desk

DRAFT_FILE = "composer-draft.json"


@dataclass
class Draft:
    text: str = ""
    targets: list[int] = field(default_factory=list)
    variants: dict[int, str] = field(default_factory=dict)
    """An account's own text, where it must differ."""
    content_warning: str = ""
    when: str = "now"
    at: str = ""
    """ISO-8601, for when == "at"."""
    repeat_weekly: bool = False
    missed: str = ""
    """"send", "ask", "skip", or "" for the client's choice."""
    media: list[dict[str, str]] = field(default_factory=list)
    """Images to attach: {"path", "description"} (the alt text), in order."""

    def text_for(self, account_id: int) -> str:
        return self.variants.get(account_id) or self.text

    @property
    def empty(self) -> bool:
        return not self.text.strip() and not any(v.strip() for v in self.variants.values())


def load_draft(data_dir: Path) -> Draft | None:
    try:
        values = json.loads((data_dir / DRAFT_FILE).read_text(encoding="utf-8"))
        values["variants"] = {int(key): str(text) for key, text in values.get("variants", {}).items()}
        values["media"] = [
            {"path": str(m["path"]), "description": str(m.get("description", ""))} for m in values.get("media", [])
        ]
        return Draft(**values)
    except (OSError, ValueError, TypeError):
        return None


def save_draft(data_dir: Path, draft: Draft) -> None:
    if draft.empty:
        clear_draft(data_dir)
        return
    path = data_dir / DRAFT_FILE
    partial = path.with_suffix(".part")
    partial.write_text(json.dumps(asdict(draft), ensure_ascii=False), encoding="utf-8")
    os.replace(partial, path)


def clear_draft(data_dir: Path) -> None:
    (data_dir / DRAFT_FILE).unlink(missing_ok=True)


def media_problems(draft: Draft, accounts: Mapping[int, Account] | None = None) -> list[str]:
    """Why the chosen accounts' networks would refuse the images, with the smallest limits their servers announced,
    else their networks' own (connectors/registry.py)."""
    from PySide6.QtCore import QCoreApplication

    chosen = [accounts[a] for a in draft.targets if a in accounts] if accounts else []
    publishing = [c for c in (networks.capabilities(a.network) for a in chosen) if c.can_publish]
    if not draft.media or not publishing:
        return []
    capabilities = min(publishing, key=lambda c: c.max_media)

    def smallest(name: str, default: int) -> int:
        """The tightest of the chosen accounts' limits (each its server's own, else the network's)."""
        values = [v if isinstance(v := a.settings.get(name), int) else default for a in chosen]
        return min(values) if values else default

    most = smallest("max_media", capabilities.max_media)
    max_bytes = smallest("image_size_limit", capabilities.max_image_bytes)
    max_description = smallest("description_limit", capabilities.max_description)
    found = []
    if len(draft.media) > most:
        found.append(QCoreApplication.translate("Composer", "At most {n} images per post.").format(n=most))
    for medium in draft.media:
        path = Path(medium["path"])
        try:
            size = path.stat().st_size
        except OSError:
            found.append(QCoreApplication.translate("Composer", "{name} is no longer there.").format(name=path.name))
            continue
        kind = mimetypes.guess_type(path.name)[0] or ""
        problem = media_problem(capabilities, kind, size, medium.get("description", ""), max_bytes, max_description)
        if problem:
            found.append(f"{path.name}: {problem}")
    return found


def length_rules(network: NetworkId) -> tuple[LengthCounting, int | None, bool]:
    """(how the network counts, its limit, whether cmdesk can publish there)."""
    capabilities = networks.capabilities(network)
    return capabilities.length_counting, capabilities.max_length, capabilities.can_publish


def length_of(account: Account, draft: Draft) -> Count:
    return count_for(account, networks.capabilities(account.network), draft.text_for(account.id), draft.content_warning)


def notes(accounts: Mapping[int, Account], draft: Draft, client_names: Mapping[int, str] | None = None) -> list[str]:
    """What to know before publishing, which does not stop it: accounts of several clients ticked together (one
    text for two businesses is rarely meant), a demo account (the post plays out in cmdesk)."""
    from PySide6.QtCore import QCoreApplication

    translate = QCoreApplication.translate
    found = []
    chosen = [accounts[a] for a in draft.targets if a in accounts]
    clients = list(dict.fromkeys(account.client_id for account in chosen))
    if len(clients) > 1:
        names = client_names or {}
        found.append(
            translate(
                "Composer", "⚠ These accounts belong to {count} clients ({names}): is this text meant for each?"
            ).format(count=len(clients), names=", ".join(names.get(c, str(c)) for c in clients))
        )
    demo = [account.name for account in chosen if account.is_demo]
    if demo:
        found.append(
            translate("Composer", "Demo: on {accounts} the post stays in cmdesk, marked sent.").format(
                accounts=", ".join(demo)
            )
        )
    return found


def problems(accounts: Mapping[int, Account], draft: Draft) -> list[str]:
    """What stops this draft from being published, in words for the user ([] when it can go)."""
    from PySide6.QtCore import QCoreApplication

    translate = QCoreApplication.translate
    found = []
    if not draft.targets:
        found.append(translate("Composer", "Choose at least one account to publish to."))
    for account_id in draft.targets:
        account = accounts.get(account_id)
        if account is None:
            continue
        if not length_rules(account.network)[2]:
            found.append(translate("Composer", "{account} cannot publish posts.").format(account=account.name))
        elif not draft.text_for(account_id).strip():
            found.append(
                translate("Composer", "Nothing to publish on {account}: the text is empty.").format(
                    account=account.name
                )
            )
        elif length_of(account, draft).over:
            used = length_of(account, draft)
            found.append(
                translate("Composer", "Too long for {account}: {used} / {limit}.").format(
                    account=account.name, used=used.used, limit=used.limit
                )
            )
        elif not draft.media and networks.capabilities(account.network).needs_media:
            found.append(
                translate("Composer", "{account} publishes only with an image: add one.").format(account=account.name)
            )
    found.extend(media_problems(draft, accounts))
    if draft.when == "at":
        try:
            datetime.fromisoformat(draft.at)
        except ValueError:
            found.append(translate("Composer", "Choose when to publish."))
    return found


def queue(context: Desk, draft: Draft, then: Callable[[list[OutboxEntry] | str], None]) -> None:
    """Queue the publication through the publishing service, on the writer thread; `then` gets the entries, or the
    reason it was refused. A post for now goes out at once if the network allows."""
    from cmdesk.services.publishing import Publication, keep_images, queue_post

    try:
        at = datetime.fromisoformat(draft.at).astimezone() if draft.when == "at" else None
        publication = keep_images(
            context.data_dir,
            Publication(
                account_ids=draft.targets,
                text=draft.text,
                at=at,
                next_slot=draft.when == "slot",
                content_warning=draft.content_warning,
                missed=draft.missed or None,
                repeat_weekly=draft.repeat_weekly,
                variants=draft.variants,
                media=draft.media,
            ),
        )
    except (ValueError, Refused) as error:
        then(str(error))
        return

    def queued(entries: list[OutboxEntry]) -> None:
        then(entries)
        if draft.when == "now":
            context.send_soon()

    context.submit(queue_post(publication), queued, then)


_LINK = re.compile(r"(https?://[^\s<]+[^\s<.,;:!?)\]}'\"»])|(?<![\w/])([#@][\w.@-]*\w)", re.IGNORECASE)


def preview_html(account: Account, draft: Draft) -> str:
    """How the post will look on this account's network, as a card: the account with its network's colour and name,
    its content warning folded over the text as Mastodon shows it, links, hashtags and mentions as links, the images
    themselves (local files) with their descriptions, and the length as the network counts it."""
    from PySide6.QtCore import QCoreApplication, QUrl

    from cmdesk.ui import avatars, style, theme

    translate = QCoreApplication.translate
    tones = theme.colours()
    text = html.escape(draft.text_for(account.id).strip(), quote=False)  # no &#x27;: it would read as a hashtag
    body = _LINK.sub(lambda m: f'<a href="#">{m.group(0)}</a>', text).replace("\n", "<br>")
    avatar = html.escape(avatars.url(account.name, account.network), quote=True)
    network = html.escape(style.network_name(account.network))
    parts = [
        f'<table width="100%" cellpadding="8" style="background:{tones["card"]}"><tr><td>'
        f'<img src="{avatar}" width="36" height="36" style="vertical-align: middle">&nbsp; '
        f'<b>{html.escape(account.name)}</b> <span style="color:{tones["meta"]}">· {network}</span>'
    ]
    if draft.content_warning.strip():
        more = translate("Composer", "Show more")
        parts.append(
            f'<p style="background:{tones["warning"]};padding:4px">⚠ {html.escape(draft.content_warning.strip())}'
            f" · <i>{html.escape(more)}</i></p>"
        )
    parts.append(f"<p>{body}</p>")
    for medium in draft.media:
        described = medium.get("description", "").strip() or translate("Composer", "(no description)")
        source = QUrl.fromLocalFile(medium["path"]).toString()
        parts.append(
            f'<p><img src="{html.escape(source, quote=True)}" width="160"><br><i>{html.escape(described)}</i></p>'
        )
    counted = length_of(account, draft)
    limit = f" / {counted.limit}" if counted.limit else ""
    parts.append(f'<p style="color:{tones["meta"]}">{counted.used}{limit}</p></td></tr></table><br>')
    return "".join(parts)
