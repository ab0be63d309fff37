"""Test-wide settings and fixtures.

QT_QPA_PLATFORM is set to "offscreen" before anything imports Qt: without a platform plugin, creating a
QApplication aborts the whole process (SIGABRT), and CI has no display. Every test gets its own data dir and an
in-memory credential store; the user's real data and keyring are never touched.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cmdesk.credentials import MemoryCredentialStore  # noqa: E402
from cmdesk.storage.database import Database  # noqa: E402
from tests.support.atproto_network import Network as AtprotoNetwork  # noqa: E402
from tests.support.atproto_network import Running  # noqa: E402
from tests.support.feedserver import FeedServer  # noqa: E402
from tests.support.mastodon_fake import MastodonFake  # noqa: E402
from tests.support.snac import SnacServer  # noqa: E402
from tests.support.wordpress_site import Running as RunningWordPress  # noqa: E402
from tests.support.wordpress_site import WordPressSite  # noqa: E402

DATA = Path(__file__).parent / "data"

ONE_WORKER = {
    **dict.fromkeys(("test_mastodon_snac.py", "test_mastodon_cli.py", "test_mastodon_ui.py"), "snac"),
    **dict.fromkeys(("test_bluesky.py", "test_bluesky_ui.py"), "atproto"),
    **dict.fromkeys(("test_wordpress.py", "test_wordpress_ui.py"), "wordpress"),
    **dict.fromkeys(
        ("test_discourse.py", "test_discourse_ui.py", "test_reddit.py", "test_reddit_ui.py", "test_x.py",
         "test_x_ui.py", "test_facebook.py", "test_facebook_ui.py", "test_instagram.py", "test_youtube_signin.py"),
        "fixed-ports",
    ),
}  # fmt: skip
"""Test files that share one real server (snac must have port 80; one AT Protocol network, one WordPress) or a
sign-in's fixed loopback port (48761–48764): when the suite runs on both cores (`./dev test`: `pytest -n 2`), each
group runs on one worker, one test at a time."""


def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object:
    """pytest-xdist's scheduler with this file's groups: a group's tests go to one worker, every other test alone
    (xdist's own `--dist loadgroup` does nothing under pytest 9: it renames `item._nodeid`, which pytest 9 no longer
    reads)."""
    from xdist.scheduler import LoadScopeScheduling

    class SharedServers(LoadScopeScheduling):  # type: ignore[misc]
        def _split_scope(self, nodeid: str) -> str:
            return ONE_WORKER.get(Path(nodeid.split("::", 1)[0]).name, nodeid)

    return SharedServers(config, log)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("CMDESK_DATA_DIR", str(home / "cmdesk"))
    # The compiled dataclass methods of the `cmdesk` processes tests start: kept apart from the user's, shared by
    # the session's tests (cmdesk/dataclass_code.py).
    monkeypatch.setenv("CMDESK_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cmdesk-cache"))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "cmdesk-data"


@pytest.fixture
def database(data_dir: Path) -> Iterator[Database]:
    db = Database.open(data_dir)
    yield db
    db.close()


@pytest.fixture
def credentials() -> MemoryCredentialStore:
    return MemoryCredentialStore()


@pytest.fixture
def fake() -> Iterator[MastodonFake]:
    """A loopback server speaking Mastodon's documented API (tests/support/mastodon_fake.py)."""
    server = MastodonFake().start()
    yield server
    server.stop()


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    server = FeedServer().start()
    yield server
    server.stop()


def sample(name: str) -> bytes:
    return (DATA / "feeds" / name).read_bytes()


@pytest.fixture(scope="session")
def snac(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SnacServer]:
    """One real snac2 server for the session (it must own 127.0.0.1:80); each test makes its own users."""
    server = SnacServer(tmp_path_factory.mktemp("snac") / "data").start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def atproto(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AtprotoNetwork]:
    """One real local AT Protocol network for the session (tests/support/atproto_network.py); each test writes its
    own posts, so that none depends on another's."""
    running = Running(tmp_path_factory.mktemp("atproto"))
    try:
        yield running.start()
    finally:
        running.stop()


@pytest.fixture(scope="session")
def wordpress() -> Iterator[WordPressSite]:
    """One real WordPress for the session (tests/support/wordpress_site.py); each test writes its own posts and
    comments, so that none depends on another's. In a short folder of its own: MariaDB's socket path must stay under
    108 bytes."""
    folder = Path(tempfile.mkdtemp(prefix="cmdesk-wp-"))
    running = RunningWordPress(folder)
    try:
        yield running.start()
    finally:
        running.stop()
        shutil.rmtree(folder, ignore_errors=True)
