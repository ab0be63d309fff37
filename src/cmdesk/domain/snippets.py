"""Snippet text, before it goes into a reply: the version in the conversation's language chosen, its variables
filled from the conversation ({first_name}, {name}, {client}, {signature}, {date}), the spacing around the cursor
made right (no "#ParisMerci"), and short codes (`/merci` then Tab) found by their title. Plain functions: the reply
box and the composer use them."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence

from cmdesk.domain.reads import Message, Snippet

VARIABLES = ("first_name", "name", "client", "signature", "date")
_VARIABLE = re.compile(r"( ?)\{(" + "|".join(VARIABLES) + r")\}")
_NO_SPACE_BEFORE = ".,;:!?)]}…'’\"»"


def filled(text: str, values: Mapping[str, str]) -> str:
    """The variables replaced by their values; one without a value takes the space before it along ("Bonjour
    {first_name}," → "Bonjour," when the name is unknown). Other braces stay as they are."""

    def value(match: re.Match[str]) -> str:
        found = values.get(match.group(2), "")
        return match.group(1) + found if found else ""

    return _VARIABLE.sub(value, text)


def spaced(before: str, text: str, after: str) -> str:
    """`text` as it should be inserted between `before` and `after` (the editor's text around the cursor): a space
    added where words would otherwise run together."""
    if before and not before[-1].isspace() and text and not text[0].isspace() and text[0] not in _NO_SPACE_BEFORE:
        text = " " + text
    if after and after[0].isalnum() and text and not text[-1].isspace():
        text += " "
    return text


def code_of(title: str) -> str:
    """A snippet's short code, from its title: "Merci !" → "merci", "Horaires d'été" → "horaires-d-ete"."""
    plain = unicodedata.normalize("NFKD", title.casefold())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def matching(code: str, titles: Sequence[str]) -> int | None:
    """Which title a typed `/code` means: the exact code, else the only one it begins; None when none or several."""
    wanted = code_of(code.lstrip("/"))
    if not wanted:
        return None
    codes = [code_of(title) for title in titles]
    if wanted in codes:
        return codes.index(wanted)
    starting = [number for number, found in enumerate(codes) if found.startswith(wanted)]
    return starting[0] if len(starting) == 1 else None


def person_values(name: str) -> dict[str, str]:
    """{name} and {first_name} of the person a text answers."""
    return {"name": name, "first_name": name.split()[0] if name.split() else ""}


def grouped(found: Iterable[Snippet]) -> list[list[Snippet]]:
    """The versions of each snippet together (one client, one title), in the order first met."""
    groups: dict[tuple[int, str], list[Snippet]] = {}
    for snippet in found:
        groups.setdefault((snippet.client_id, snippet.title), []).append(snippet)
    return list(groups.values())


def version_for(versions: Sequence[Snippet], language: str, fallback: str = "") -> Snippet:
    """The version to insert: the one in `language` (the conversation's), else the one for any language, else the
    one in `fallback` (the user's own language), else the first."""
    by_language = {snippet.language: snippet for snippet in versions}
    for wanted in (language, "", fallback):
        if wanted in by_language:
            return by_language[wanted]
    return versions[0]


def conversation_language(messages: Sequence[Message]) -> str:
    """The language to answer in: the newest message from the other side whose language is known, else the newest
    known one; "" when none is."""
    known = [message for message in messages if message.language and message.deleted_at is None]
    inbound = [message for message in known if message.direction == "in"]
    newest = (inbound or known)[-1:]
    return newest[0].language if newest else ""
