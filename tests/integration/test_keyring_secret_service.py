"""The keyring store against a real Secret Service (gnome-keyring on a private D-Bus session), as on a desktop.

The test runs in a child process under `dbus-run-session` with XDG dirs in a temp dir, so the user's own keyring is
never touched. `./dev test` installs gnome-keyring and dbus on Debian.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

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
    for tool in ("dbus-run-session", "gnome-keyring-daemon"):
        assert shutil.which(tool), (
            f"{tool} is missing: run ./dev test as root once, or apt-get install gnome-keyring dbus"
        )
    env = {
        **os.environ,
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_RUNTIME_DIR": str(tmp_path / "run"),
    }
    (tmp_path / "run").mkdir(mode=0o700)
    script = tmp_path / "child.py"
    script.write_text(CHILD)
    command = (
        "echo -n test-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; "
        f"exec {sys.executable} {script}"
    )
    done = subprocess.run(
        ["dbus-run-session", "--", "sh", "-c", command], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "backend keyring.backends.SecretService.Keyring" in done.stdout
    assert "round trip ok" in done.stdout
