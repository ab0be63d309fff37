"""Installing the background agent (`cmdesk agent`) so it starts with the user's session: a systemd user service
where the session has a systemd user manager (restarted if it fails, stopped cleanly with the session), otherwise
an XDG autostart entry (every Linux desktop reads ~/.config/autostart). Used by Preferences, by `cmdesk agent
--install` and by the bundle's install.sh. Also: whether it is installed, whether it runs, starting it when the
window closes and stopping it when the user quits from the tray.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from cmdesk import paths
from cmdesk.storage import presence

UNIT = "cmdesk-agent.service"
DESKTOP = "cmdesk-agent.desktop"
SYSTEMCTL_DEADLINE_S = 15


class AgentSetupError(Exception):
    """The agent could not be installed, removed, started or stopped; the message says why."""


@dataclass(frozen=True)
class Installed:
    kind: str
    """"systemd" or "autostart"."""
    path: Path


def _config_home() -> Path:
    return Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")


def unit_path() -> Path:
    return _config_home() / "systemd" / "user" / UNIT


def desktop_path() -> Path:
    return _config_home() / "autostart" / DESKTOP


def agent_command(data_dir: Path | None = None) -> list[str]:
    """How this cmdesk runs its agent: the bundle's own program, or this Python with `-m cmdesk`."""
    program = [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "cmdesk"]
    command = [*program, "agent"]
    if data_dir is not None and data_dir != paths.data_dir():
        command += ["--data-dir", str(data_dir)]
    return command


def _systemctl(*arguments: str) -> subprocess.CompletedProcess[str] | None:
    """`systemctl --user …`, or None where there is no systemd user manager to talk to."""
    program = shutil.which("systemctl")
    if program is None or sys.platform != "linux":
        return None
    try:
        return subprocess.run(
            [program, "--user", *arguments], capture_output=True, text=True, timeout=SYSTEMCTL_DEADLINE_S, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None


def has_user_manager() -> bool:
    """Whether the session runs a systemd user manager (`systemctl --user` answers; "offline" means none)."""
    answer = _systemctl("is-system-running")
    return answer is not None and answer.stdout.strip() not in ("", "offline") and "Failed to" not in answer.stderr


def installed() -> Installed | None:
    if unit_path().is_file():
        return Installed("systemd", unit_path())
    if desktop_path().is_file():
        return Installed("autostart", desktop_path())
    return None


def _unit_text(command: list[str]) -> str:
    return (
        "[Unit]\n"
        "Description=cmdesk background agent: syncs and sends while the window is closed\n"
        "After=network-online.target\n\n"
        "[Service]\n"
        f"ExecStart={shlex.join(command)}\n"
        "Restart=on-failure\n"
        "RestartSec=30\n\n"
        "[Install]\n"
        "WantedBy=default.target\n"
    )


def _desktop_text(command: list[str]) -> str:
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=cmdesk agent\n"
        "Comment=Syncs and sends while the cmdesk window is closed\n"
        f"Exec={shlex.join(command)}\n"
        "NoDisplay=true\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


def install(data_dir: Path | None = None, *, start: bool = True) -> Installed:
    """The agent starts with the session from now on (and now, unless `start` is False)."""
    if sys.platform != "linux":
        raise AgentSetupError("the background agent is available on Linux desktops only for now")
    command = agent_command(data_dir)
    try:
        if has_user_manager():
            unit_path().parent.mkdir(parents=True, exist_ok=True)
            unit_path().write_text(_unit_text(command), encoding="utf-8")
            for arguments in (("daemon-reload",), ("enable", *(["--now"] if start else []), UNIT)):
                answer = _systemctl(*arguments)
                if answer is None or answer.returncode != 0:
                    reason = answer.stderr.strip() if answer is not None else "systemctl did not answer"
                    raise AgentSetupError(f"systemd could not enable the agent: {reason}")
            return Installed("systemd", unit_path())
        desktop_path().parent.mkdir(parents=True, exist_ok=True)
        desktop_path().write_text(_desktop_text(command), encoding="utf-8")
    except OSError as error:
        raise AgentSetupError(f"cannot write the agent's start-up entry: {error.strerror or error}") from None
    if start:
        ensure_running(data_dir)
    return Installed("autostart", desktop_path())


def uninstall(data_dir: Path | None = None) -> None:
    """The agent no longer starts with the session, and stops now."""
    if unit_path().is_file():
        _systemctl("disable", "--now", UNIT)
        unit_path().unlink(missing_ok=True)
        _systemctl("daemon-reload")
    desktop_path().unlink(missing_ok=True)
    stop(data_dir)


def running(data_dir: Path | None = None) -> int | None:
    """The agent's process id when one runs on this data folder."""
    return presence.holder(data_dir or paths.data_dir(), presence.AGENT)


def ensure_running(data_dir: Path | None = None) -> None:
    """Start the agent if it is installed and not running (the window closes: syncing goes on without it)."""
    if running(data_dir) is not None:
        return
    if unit_path().is_file() and (answer := _systemctl("start", UNIT)) is not None and answer.returncode == 0:
        return
    try:
        subprocess.Popen(  # noqa: S603 - our own program
            agent_command(data_dir),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError as error:
        raise AgentSetupError(f"cannot start the agent: {error.strerror or error}") from None


def stop(data_dir: Path | None = None) -> bool:
    """Stop the running agent (Quit from the tray); whether one was running."""
    pid = running(data_dir)
    if not pid:
        return False
    if unit_path().is_file():
        _systemctl("stop", UNIT)
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    except OSError as error:
        raise AgentSetupError(f"cannot stop the agent (process {pid}): {error.strerror or error}") from None
    return True
