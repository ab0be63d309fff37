"""The keyring store against a real Secret Service (gnome-keyring on a private D-Bus session), as on a desktop.

The test runs in a child process under `dbus-run-session` with XDG dirs in a temp dir, so the user's own keyring is
never touched. `./dev test` installs gnome-keyring and dbus on Debian.
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

from tests.support.keyring_session import run_in_keyring_session

CHILD = textwrap.dedent(
    """
    import keyring
    from cmdesk.credentials import KeyringCredentialStore
    from cmdesk.domain import Secret

    store = KeyringCredentialStore()
    print("backend", store.backend_name)
    store.probe()
    store.set("uid-1", Secret("s3cr3t-token"))
    assert store.get("uid-1") == Secret("s3cr3t-token")
    store.delete("uid-1")
    assert store.get("uid-1") is None
    print("round trip ok")
    """
)


def test_round_trip_through_gnome_keyring(tmp_path: Path) -> None:
    script = tmp_path / "child.py"
    script.write_text(CHILD)
    done = run_in_keyring_session(tmp_path, [sys.executable, str(script)], timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "backend keyring.backends.SecretService.Keyring" in done.stdout
    assert "round trip ok" in done.stdout
