"""Issue 15, finding 14: `cmdesk agent`, the light background agent — syncs and sends with no window, pauses while a
window runs on the data folder and resumes when it quits, one per data folder, stops on request (what Quit in the
tray does) leaving no process behind; installed to start with the session (XDG autostart here: no systemd user
manager in CI) and removed again. Real processes, a loopback feed server and the loopback Mastodon API."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from cmdesk.domain import Network
from cmdesk.storage import outbox, presence, workspace
from cmdesk.storage.database import DB_FILENAME, Database
from tests.support.factories import make_account
from tests.support.feedserver import FeedServer, Route
from tests.support.file_keyring import BACKEND, FileKeyring
from tests.support.mastodon_fake import TOKEN, MastodonFake
from tests.support.processes import descendants

ROOT = Path(__file__).resolve().parents[2]


def rss(*titles: str) -> bytes:
    items = "".join(f"<item><guid>{t}</guid><title>{t}</title></item>" for t in titles)
    return f"<?xml version='1.0'?><rss version='2.0'><channel><title>Blog</title>{items}</channel></rss>".encode()


@pytest.fixture
def environment(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "CMDESK_TEST_KEYRING": str(tmp_path / "keyring.json"),
        "PYTHON_KEYRING_BACKEND": BACKEND,
        "PYTHONPATH": str(ROOT),
    }


@pytest.fixture
def start_agent(environment: dict[str, str]) -> Iterator[Callable[[Path], subprocess.Popen[str]]]:
    started: list[subprocess.Popen[str]] = []

    def start(data: Path) -> subprocess.Popen[str]:
        process = subprocess.Popen(
            [sys.executable, "-m", "cmdesk", "agent", "--data-dir", str(data)],
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
            process.wait(10)


def cmdesk(environment: dict[str, str], *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cmdesk", *arguments], env=environment, capture_output=True, text=True, timeout=60
    )


def until(check: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.2)


def messages(data: Path) -> int:
    connection = sqlite3.connect(f"file:{data / DB_FILENAME}?mode=ro", uri=True)
    try:
        return int(connection.execute("SELECT count(*) FROM messages").fetchone()[0])
    finally:
        connection.close()


def test_the_agent_syncs_without_a_window_pauses_while_one_runs_and_stops_on_request(
    tmp_path: Path,
    feed_server: FeedServer,
    environment: dict[str, str],
    start_agent: Callable[[Path], subprocess.Popen[str]],
) -> None:
    feed_server.routes["/blog.xml"] = Route(body=rss("Le pain du mois"))
    data = tmp_path / "data"
    database = Database.open(data)
    make_account(database, address=feed_server.url("/blog.xml"), interval_seconds=1)
    database.close()
    agent = start_agent(data)
    until(lambda: messages(data) == 1, "the agent's first pass")
    assert presence.holder(data, presence.AGENT) == agent.pid

    window = presence.Presence(data, presence.WINDOW)  # a window starts: it takes over
    feed_server.routes["/blog.xml"] = Route(body=rss("Le pain du mois", "Galette des rois"))
    time.sleep(14)  # longer than the account's interval and the agent's gap between passes
    assert messages(data) == 1, "no pass while the window runs"
    feed_server.routes["/slow.xml"] = Route(body=rss("Brioche") + b" " * 200, drip=0.1)
    database = Database.open(data)
    make_account(database, address=feed_server.url("/slow.xml"), interval_seconds=1)
    database.close()
    window.release()  # the window quits: the agent goes on
    until(lambda: messages(data) == 2, "the agent to resume")
    until(lambda: feed_server.hits("/slow.xml") != [], "a pass to be under way on the slow feed")
    window = presence.Presence(data, presence.WINDOW)
    until(lambda: "a window started" in (data / "agent.log").read_text(), "the pass to be stopped for the window")
    until(lambda: descendants(agent.pid) == set(), "the pass and its parser processes to end", 20)
    window.release()

    second = cmdesk(environment, "agent", "--data-dir", str(data))
    assert second.returncode == 0 and "already runs" in second.stdout, "one agent per data folder"
    status = cmdesk(environment, "agent", "--status", "--data-dir", str(data))
    assert f"running: yes (process {agent.pid})" in status.stdout
    until(lambda: descendants(agent.pid) != set(), "a pass under way again (the slow feed is due every second)")
    children = descendants(agent.pid)
    stopped = cmdesk(environment, "agent", "--stop", "--data-dir", str(data))
    assert stopped.returncode == 0 and "stopped the agent" in stopped.stdout
    assert agent.wait(40) == 0
    until(lambda: not any(Path(f"/proc/{child}").exists() for child in children), "its pass to end with it", 20)
    assert presence.holder(data, presence.AGENT) is None


def test_a_post_due_with_the_window_closed_is_sent_once_by_the_agent(
    tmp_path: Path,
    fake: MastodonFake,
    environment: dict[str, str],
    start_agent: Callable[[Path], subprocess.Popen[str]],
) -> None:
    data = tmp_path / "data"
    database = Database.open(data)
    with database.write() as connection:
        owner = workspace.add_client(connection, "Le Fournil")
        account = workspace.add_account(
            connection, owner.id, Network.MASTODON, f"{fake.base}/@fournil", name="@fournil", settings={"me": "109"}
        )
        (entry,) = outbox.enqueue_post(
            connection, [account.id], "Chouquettes à 16 h", at=datetime.now(UTC) + timedelta(seconds=5)
        )
    database.close()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CMDESK_TEST_KEYRING", environment["CMDESK_TEST_KEYRING"])
        FileKeyring().set_password("cmdesk", account.uid, TOKEN)
    start_agent(data)
    until(lambda: len(fake.statuses) == 1, "the agent to send the post at its time", 40)
    time.sleep(3)
    assert [s["content"] for s in fake.statuses.values()] == ["<p>Chouquettes à 16 h</p>"], "sent once"
    database = Database.open(data)
    with database.read() as connection:
        assert outbox.get(connection, entry.id).state is outbox.OutboxState.SENT
    database.close()


def test_installed_to_start_with_the_session_and_removed_again(tmp_path: Path, environment: dict[str, str]) -> None:
    data = tmp_path / "data"
    installed = cmdesk(environment, "agent", "--install", "--data-dir", str(data))
    assert installed.returncode == 0, installed.stderr
    entry = tmp_path / "config" / "autostart" / "cmdesk-agent.desktop"
    text = entry.read_text()
    assert "Exec=" in text and " agent --data-dir " in text and str(data) in text
    until(lambda: presence.holder(data, presence.AGENT) is not None, "the agent to start now too")
    status = cmdesk(environment, "agent", "--status", "--data-dir", str(data))
    assert f"installed: autostart ({entry})" in status.stdout and "running: yes" in status.stdout
    removed = cmdesk(environment, "agent", "--uninstall", "--data-dir", str(data))
    assert removed.returncode == 0 and not entry.exists()
    until(lambda: presence.holder(data, presence.AGENT) is None, "the agent to stop")


def test_closing_the_window_hands_over_to_the_agent_and_quit_stops_it(
    tmp_path: Path, environment: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from cmdesk.app.main import hand_over_to_the_agent

    for key in ("XDG_CONFIG_HOME", "PYTHONPATH"):
        monkeypatch.setenv(key, environment[key])
    data = tmp_path / "data"
    Database.open(data).close()
    hand_over_to_the_agent(data, quit_requested=False)
    assert presence.holder(data, presence.AGENT) is None, "no agent installed: closing the window starts none"
    (tmp_path / "config" / "autostart").mkdir(parents=True)
    (tmp_path / "config" / "autostart" / "cmdesk-agent.desktop").write_text("[Desktop Entry]\n")
    hand_over_to_the_agent(data, quit_requested=False)
    until(lambda: presence.holder(data, presence.AGENT) is not None, "the agent to take over from the window")
    hand_over_to_the_agent(data, quit_requested=True)
    until(lambda: presence.holder(data, presence.AGENT) is None, "Quit to stop the agent")
