"""Facts about host names that several connectors need (plain http for Mastodon, plaintext IMAP/SMTP for e-mail are
allowed only towards this machine)."""

from __future__ import annotations

import ipaddress


def is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
