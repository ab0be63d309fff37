"""Running a child process inside a private D-Bus session with an unlocked gnome-keyring, as on a desktop: the OS
keyring is real, and the user's own keyring is never touched (XDG dirs and HOME in a temp dir)."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path


def run_in_keyring_session(
    home: Path, argv: Sequence[str], env: Mapping[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    for tool in ("dbus-run-session", "gnome-keyring-daemon"):
        assert shutil.which(tool), (
            f"{tool} is missing: run ./dev test as root once, or apt-get install gnome-keyring dbus"
        )
    (home / "run").mkdir(mode=0o700, exist_ok=True)
    environment = {
        **os.environ,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_RUNTIME_DIR": str(home / "run"),
        **(env or {}),
    }
    environment.pop("CMDESK_DATA_DIR", None)
    command = (
        "echo -n test-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; "
        f"exec {shlex.join(argv)}"
    )
    return subprocess.run(
        ["dbus-run-session", "--", "sh", "-c", command],
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )
