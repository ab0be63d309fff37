"""App services: one instance per data dir, the crash dialog, the rotating log."""

from __future__ import annotations

import logging
import socket
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from cmdesk.app.crash import show_error
from cmdesk.app.logging_setup import setup_logging
from cmdesk.app.single_instance import InstanceServer, notify_running, server_path


def test_a_second_launch_brings_the_first_forward(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    activations: list[bool] = []
    assert not notify_running(tmp_path, timeout_ms=200)
    server = InstanceServer(tmp_path, lambda: activations.append(True))
    try:
        assert notify_running(tmp_path)
        qtbot.waitUntil(lambda: activations == [True], timeout=3000)
        assert not notify_running(tmp_path / "other-data-dir", timeout_ms=200)
    finally:
        server.close()


def test_a_socket_left_by_a_crashed_window_neither_answers_nor_blocks_the_next(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    left = server_path(tmp_path / "data")
    assert left.parent == tmp_path
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as crashed:
        crashed.bind(str(left))  # bound, then gone without removing its file: what a killed window leaves
    assert left.exists()
    assert not notify_running(tmp_path / "data", timeout_ms=200)
    activations: list[bool] = []
    server = InstanceServer(tmp_path / "data", lambda: activations.append(True))
    try:
        assert server.listening
        assert notify_running(tmp_path / "data")
        qtbot.waitUntil(lambda: activations == [True], timeout=3000)
    finally:
        server.close()


def test_crash_dialog_offers_the_details_to_copy(qtbot) -> None:  # type: ignore[no-untyped-def]
    show_error(ValueError("boom"), "Traceback: ValueError: boom")
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert boxes, "the dialog is shown"
    box = boxes[-1]
    copy = next(button for button in box.buttons() if button.text() == "Copy details")
    copy.click()
    assert QApplication.clipboard().text() == "Traceback: ValueError: boom"
    box.close()


def test_log_file_in_the_data_dir(tmp_path: Path) -> None:
    path = setup_logging(tmp_path)
    logging.getLogger("cmdesk.test").warning("hello from the test")
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert "hello from the test" in path.read_text()
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "baseFilename", "") == str(path):
            root.removeHandler(handler)
            handler.close()
