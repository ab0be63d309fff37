"""The desktop bundle (issue 7): built with PyInstaller from packaging/cmdesk.spec, started from its archive with a
clean environment (nothing from the virtualenv, no display), rendering every pane to PNG on a demo workspace; its
desktop integration files agree on one application id and one version; the install script puts it under ~/.local.
Prints the bundle's size, build time and start-up time."""

from __future__ import annotations

import configparser
import subprocess
import sys
import tarfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtGui import QImage

from cmdesk import __version__
from cmdesk.paths import APP_ID
from tests.support.keyring_session import run_in_keyring_session

ROOT = Path(__file__).resolve().parents[2]


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    return {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", **extra}


def test_the_bundle_builds_starts_clean_renders_and_installs(tmp_path: Path) -> None:
    started = time.monotonic()
    built = subprocess.run(
        [
            sys.executable,
            str(ROOT / "packaging" / "build.py"),
            "--build-dir",
            str(tmp_path / "build"),
            "--dist-dir",
            str(tmp_path / "dist"),
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert built.returncode == 0, built.stderr[-3000:]
    build_seconds = time.monotonic() - started
    (archive,) = (tmp_path / "dist").glob("*.tar.gz")
    assert archive.name.startswith(f"cmdesk-{__version__}-linux-"), "the version is in the file name"
    with tarfile.open(archive) as tar:
        tar.extractall(tmp_path / "unpacked", filter="tar")
    (folder,) = (tmp_path / "unpacked").iterdir()
    binary = folder / "cmdesk" / "cmdesk"
    assert (folder / "install.sh").exists() and (folder / "icons" / "cmdesk.svg").exists()
    assert sorted(p.name for p in (folder / "icons").glob("cmdesk-*.png"))[:2] == ["cmdesk-128.png", "cmdesk-16.png"]

    desktop = configparser.ConfigParser(interpolation=None)
    desktop.read(folder / f"{APP_ID}.desktop", encoding="utf-8")
    assert desktop["Desktop Entry"]["Icon"] == APP_ID
    metainfo = ET.parse(folder / f"{APP_ID}.metainfo.xml").getroot()
    assert metainfo.findtext("id") == APP_ID and metainfo.findtext("launchable") == f"{APP_ID}.desktop"
    assert metainfo.find("releases/release").get("version") == __version__  # type: ignore[union-attr]

    home = tmp_path / "home"
    home.mkdir()
    version = subprocess.run([str(binary), "--version"], env=clean_env(home), capture_output=True, text=True)
    assert version.stdout.strip() == f"cmdesk {__version__}"
    data = tmp_path / "data"
    demo = subprocess.run([str(binary), "demo"], env=clean_env(home, CMDESK_DATA_DIR=str(data)), capture_output=True)
    assert demo.returncode == 0, demo.stderr
    shots = tmp_path / "shots"
    began = time.monotonic()
    shown = subprocess.run(
        [str(binary), "gui", "--screenshots", str(shots)],
        env=clean_env(home, CMDESK_DATA_DIR=str(data), QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    render_seconds = time.monotonic() - began
    assert shown.returncode == 0, shown.stderr[-3000:]
    for name in ("main", "compose", "calendar", "outbox", "sources", "thread"):
        image = QImage(str(shots / f"{name}.png"))
        assert not image.isNull() and image.width() >= 400, name

    no_keyring = subprocess.run([str(binary), "keyring"], env=clean_env(home), capture_output=True, text=True)
    assert no_keyring.returncode == 1 and "apt install gnome-keyring" in no_keyring.stderr
    (tmp_path / "desktop").mkdir()
    keyring = run_in_keyring_session(tmp_path / "desktop", [str(binary), "keyring"], env={"PATH": "/usr/bin:/bin"})
    assert keyring.returncode == 0, keyring.stderr
    assert "SecretService" in keyring.stdout, "the bundle finds the desktop's keyring (its backends were bundled)"

    installed = subprocess.run(["sh", str(folder / "install.sh")], env=clean_env(home), capture_output=True, text=True)
    assert installed.returncode == 0, installed.stderr
    launcher = home / ".local" / "bin" / "cmdesk"
    again = subprocess.run([str(launcher), "--version"], env=clean_env(home), capture_output=True, text=True)
    assert again.stdout.strip() == f"cmdesk {__version__}"
    entry = (home / ".local" / "share" / "applications" / f"{APP_ID}.desktop").read_text()
    assert f"Exec={launcher} %U" in entry
    assert (home / ".local/share/icons/hicolor/256x256/apps" / f"{APP_ID}.png").exists()
    agent_entry = home / ".config" / "autostart" / "cmdesk-agent.desktop"
    assert "agent" in agent_entry.read_text(), "install.sh installs the background agent (no systemd user manager)"
    status = subprocess.run([str(launcher), "agent", "--status"], env=clean_env(home), capture_output=True, text=True)
    assert "installed: autostart" in status.stdout, status.stdout + status.stderr
    removed = subprocess.run(
        ["sh", str(folder / "install.sh"), "--uninstall"], env=clean_env(home), capture_output=True, text=True
    )
    assert removed.returncode == 0 and not agent_entry.exists(), removed.stderr

    size = sum(f.stat().st_size for f in (folder / "cmdesk").rglob("*") if f.is_file() and not f.is_symlink())
    size /= 1_048_576
    print(
        f"bundle {size:.0f} MB unpacked, archive {archive.stat().st_size / 1_048_576:.0f} MB; built in "
        f"{build_seconds:.0f} s; start, render 13 panes and exit: {render_seconds:.2f} s"
    )
