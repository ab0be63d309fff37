"""Facts about host names that several connectors need (plain http for Mastodon, plaintext IMAP/SMTP for e-mail are
allowed only towards this machine), and the `--api-base` origins of the API networks (YouTube, Meta)."""

from __future__ import annotations

import ipaddress

import httpx


def is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def api_origin(text: str, network: str = "the network") -> str:
    """An `--api-base`: scheme, host and port only, plain http only on loopback. ValueError with the reason."""
    url = httpx.URL(text.strip())
    if url.scheme not in ("https", "http") or not url.host:
        raise ValueError(f"not an API origin: {text!r} (write https://host[:port])")
    if url.scheme == "http" and not is_loopback(url.host):
        raise ValueError(f"plain http is only allowed on loopback, not {url.host}")
    if url.path not in ("", "/") or url.query:
        raise ValueError(f"an API origin has no path: {text!r} (the paths stay as {network} documents them)")
    port = f":{url.port}" if url.port else ""
    host = f"[{url.host}]" if ":" in url.host else url.host
    return f"{url.scheme}://{host}{port}"
