"""Logging to a rotating file in the data dir (cmdesk.log, 3 × 1 MB), never with secrets: connectors and the
engine log reasons, not request headers or tokens."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_FILE = "cmdesk.log"


def setup_logging(data_dir: Path, level: int = logging.INFO) -> Path:
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / LOG_FILE
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    return path
