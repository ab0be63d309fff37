"""What the user types to name a Mastodon server — a host, a URL or a full handle — turned into its base URL.

Plain http is accepted only for loopback addresses (tests and local servers); everything else is https.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from cmdesk.connectors.hosts import is_loopback


class InvalidInstance(ValueError):
    """The text does not name a server cmdesk may talk to; the message says why."""


def instance_base(text: str) -> str:
    """'mastodon.social', 'https://mastodon.social/@alice', '@alice@mastodon.social' → 'https://mastodon.social'."""
    value = text.strip()
    if not value:
        raise InvalidInstance("no server given: type an instance such as mastodon.social, or a handle @you@server")
    if "://" not in value and "@" in value:
        value = value.rsplit("@", 1)[1]
    if "://" not in value:
        value = "https://" + value
    parts = urlsplit(value)
    host = (parts.hostname or "").lower()
    if not host or parts.scheme not in ("http", "https") or " " in host:
        raise InvalidInstance(f"{text.strip()!r} is not a server address")
    if parts.scheme == "http" and not is_loopback(host):
        raise InvalidInstance(f"plain http is refused for {host}: use https (http is only for loopback addresses)")
    netloc = f"[{host}]" if ":" in host else host
    if parts.port is not None:
        netloc += f":{parts.port}"
    return f"{parts.scheme}://{netloc}"


def handle_of(acct: str, base: str) -> str:
    """A full @user@host handle: local accounts come without their host in Mastodon's `acct`."""
    acct = acct.lstrip("@")
    if "@" not in acct:
        acct += "@" + (urlsplit(base).hostname or "")
    return "@" + acct
