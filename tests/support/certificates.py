"""Self-signed certificates for the test servers (Dovecot's TLS, the feed server's refused certificate), made with
the openssl command line."""

from __future__ import annotations

import subprocess
from pathlib import Path


def self_signed(cert: Path, key: Path, *, days: int = 1, alt_names: str = "") -> None:
    """A certificate for CN=localhost (and `alt_names`, e.g. "DNS:localhost,IP:127.0.0.1") with its key."""
    extension = ["-addext", f"subjectAltName={alt_names}"] if alt_names else []
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", str(days), "-subj", "/CN=localhost"]
        + extension
        + ["-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
