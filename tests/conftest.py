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


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("CMDESK_DATA_DIR", str(home / "cmdesk"))


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
