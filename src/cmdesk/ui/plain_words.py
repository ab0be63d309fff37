"""What went wrong, said plainly and in the user's language: the connectors and storage explain failures in English
and in technical terms ("not found (HTTP 404): GET http://…", "cannot resolve host …"), which is right for logs and
the command line; the window shows the sentence here, with the technical text kept as its details."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication


def _host(match: re.Match[str]) -> str:
    return match.group("host").replace("%20", " ")


RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (
        re.compile(r"cannot resolve host (?P<host>\S*%20\S*)", re.IGNORECASE),
        lambda m: QCoreApplication.translate(
            "PlainWords",
            "“{name}” looks like a name, not an address: paste the address of the site or feed (https://…).",
        ).format(name=_host(m)),
    ),
    (
        re.compile(r"cannot resolve host (?P<host>\S+)", re.IGNORECASE),
        lambda m: QCoreApplication.translate(
            "PlainWords", "No server named {host} was found: check the address, or the connection."
        ).format(host=_host(m)),
    ),
    (
        re.compile(r"not found \(HTTP 404\)|HTTP 404|HTTP 410", re.IGNORECASE),
        lambda m: QCoreApplication.translate(
            "PlainWords", "Nothing at this address on the server (it may have moved or been removed)."
        ),
    ),
    (
        re.compile(r"^not a feed", re.IGNORECASE),
        lambda m: QCoreApplication.translate(
            "PlainWords", "This address is neither a feed nor a page that offers one."
        ),
    ),
    (
        re.compile(r"refused the connection|connection refused", re.IGNORECASE),
        lambda m: QCoreApplication.translate(
            "PlainWords", "The server did not take the connection: it may be down; cmdesk tries again later."
        ),
    ),
    (
        re.compile(r"timed out|took more than \d+ s", re.IGNORECASE),
        lambda m: QCoreApplication.translate(
            "PlainWords", "The server took too long to answer; cmdesk tries again later."
        ),
    ),
    (
        re.compile(r"certificate|SSL|TLS", re.IGNORECASE),
        lambda m: QCoreApplication.translate(
            "PlainWords", "The server's identity could not be checked (its security certificate): nothing was sent."
        ),
    ),
    (
        re.compile(r"AUTHENTICATIONFAILED|authentication failed|invalid credentials|login failed", re.IGNORECASE),
        lambda m: QCoreApplication.translate(
            "PlainWords",
            "The server refused this address and password: check them (Gmail, Outlook and others want an app "
            "password).",
        ),
    ),
    (
        re.compile(r"refused the token|sign in again|sign-in needed", re.IGNORECASE),
        lambda m: QCoreApplication.translate(
            "PlainWords", "Sign in again: the server no longer accepts cmdesk's access. Everything is kept."
        ),
    ),
    (
        re.compile(r"rate-limited|HTTP 429", re.IGNORECASE),
        lambda m: QCoreApplication.translate(
            "PlainWords", "The server asks to slow down: cmdesk waits and tries again."
        ),
    ),
    (
        re.compile(r"larger than \d+ MB", re.IGNORECASE),
        lambda m: QCoreApplication.translate(
            "PlainWords", "This source sends far more than a feed ever needs: cmdesk stopped reading it."
        ),
    ),
    (
        re.compile(r"HTTP 5\d\d", re.IGNORECASE),
        lambda m: QCoreApplication.translate(
            "PlainWords", "The server had a problem of its own; cmdesk tries again later."
        ),
    ),
)


def plain(reason: str) -> str:
    """The reason in plain, translated words; the reason itself when no rule knows it."""
    for pattern, words in RULES:
        found = pattern.search(reason)
        if found:
            return words(found)
    return reason


def with_details(reason: str) -> tuple[str, str]:
    """(what to show, the technical details: '' when they would say the same)."""
    said = plain(reason)
    return said, "" if said == reason else reason


def looks_like_a_name(typed: str) -> bool:
    """A business name typed where an address is expected ("Boulangerie Le Fournil"): spaces, and no dot."""
    text = typed.strip()
    return bool(text) and "://" not in text and " " in text and "." not in text.split()[0]


def details_tip(reason: str) -> str:
    """A tooltip: the plain sentence, then "Details:" and the technical text when they differ."""
    said, details = with_details(reason)
    if not details:
        return said
    return said + "\n\n" + QCoreApplication.translate("PlainWords", "Details: {details}").format(details=details)
