"""Where cmdesk keeps its data and finds its bundled resources (source tree or PyInstaller bundle). No Qt here."""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

import platformdirs

APP_NAME = "cmdesk"
APP_ID = "io.github.cmdesk.Cmdesk"
DATA_DIR_ENV = "CMDESK_DATA_DIR"
CACHE_DIR_ENV = "CMDESK_CACHE_DIR"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """`--data-dir` if given, else $CMDESK_DATA_DIR, else the platform's user data dir (~/.local/share/cmdesk)."""
    if override:
        return Path(override).expanduser().resolve()
    from_env = os.environ.get(DATA_DIR_ENV)
    if from_env:
        return Path(from_env).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """Where cmdesk keeps what only makes it start faster, safe to delete: $CMDESK_CACHE_DIR if set, else the
    platform's user cache dir (~/.cache/cmdesk)."""
    from_env = os.environ.get(CACHE_DIR_ENV)
    if from_env:
        return Path(from_env).expanduser().resolve()
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def resource_path(*parts: str) -> Path:
    """A file under `resources/`, in the source tree or inside a PyInstaller bundle (`sys._MEIPASS`)."""
    return _resources().joinpath(*parts)


@cache
def _resources() -> Path:
    """The `resources/` folder, found once (the window asks for ~40 icons before its first screen, and resolving
    this file's path each time cost ~5 ms of it)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle, "resources")
    return Path(__file__).resolve().parents[2] / "resources"


def downloads_dir() -> Path:
    """Where saved attachments go unless the user picks a folder (~/Downloads or its translation)."""
    return Path(platformdirs.user_downloads_dir())
