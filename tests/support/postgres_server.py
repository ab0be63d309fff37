"""A real PostgreSQL (Debian's `postgresql` package) for the team-mode tests: a cluster made by `initdb` in a temp
dir, listening on a free loopback port with password (SCRAM) authentication — as a team's shared server asks — and
on a socket of its own with no password for the fixture's own setup. PostgreSQL refuses to run as root: when the
tests run as root, the cluster belongs to the `postgres` system user the package creates.

`start()` takes ~1.5 s (initdb ~1 s); `stop()` is `pg_ctl stop -m immediate`. Each `database()` is a fresh database
owned by a role with a password, for one test."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

BIN_DIRS = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
SUPERUSER = "postgres"


def binaries() -> Path | None:
    """The newest installed PostgreSQL's bin directory, or None when none is installed."""
    for directory in BIN_DIRS:
        if (directory / "initdb").exists():
            return directory
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class TeamDatabase:
    """One database and the role that owns it: what `cmdesk team join` is given."""

    host: str
    port: int
    name: str
    user: str
    password: str

    @property
    def url(self) -> str:
        """The URL a user types: no password in it (cmdesk refuses one)."""
        return f"postgresql://{self.user}@{self.host}:{self.port}/{self.name}"


class PostgresServer:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.data = root / "data"
        self.sockets = root / "sockets"
        self.port = _free_port()
        self.bin = binaries()
        self.as_user: list[str] = ["runuser", "-u", SUPERUSER, "--"] if os.geteuid() == 0 else []

    def _run(self, *command: str, stdin: str | None = None) -> str:
        result = subprocess.run(
            [*self.as_user, *command], input=stdin, capture_output=True, text=True, timeout=60, cwd=self.root
        )
        if result.returncode:
            raise RuntimeError(f"{command[0]} failed: {result.stderr.strip() or result.stdout.strip()}")
        return result.stdout

    def start(self) -> None:
        assert self.bin is not None, "PostgreSQL is not installed (./dev installs `postgresql`)"
        self.sockets.mkdir(exist_ok=True)
        if self.as_user:
            shutil.chown(self.root, SUPERUSER)
            shutil.chown(self.sockets, SUPERUSER)
        if not (self.data / "PG_VERSION").exists():  # a cluster kept by a benchmark starts again as it was
            self._run(
                str(self.bin / "initdb"),
                "-D",
                str(self.data),
                "-U",
                SUPERUSER,
                "--auth-local=trust",
                "--auth-host=scram-sha-256",
                "--no-sync",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            )
        options = (
            f"-k {self.sockets} -c listen_addresses=127.0.0.1 -p {self.port} -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60"
        )
        self._run(
            str(self.bin / "pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.root / "server.log"),
            "-w",
            "-t",
            "30",
            "start",
        )

    def psql(self, sql: str, database: str = "postgres") -> str:
        assert self.bin is not None
        return self._run(
            str(self.bin / "psql"),
            "-h",
            str(self.sockets),
            "-p",
            str(self.port),
            "-U",
            SUPERUSER,
            "-d",
            database,
            "-v",
            "ON_ERROR_STOP=1",
            "-qAt",
            "-c",
            sql,
        )

    def database(self) -> TeamDatabase:
        """A new empty database owned by a new role with a password (unaccent available: cmdesk creates it)."""
        tag = uuid.uuid4().hex[:10]
        name, user, password = f"team_{tag}", f"desk_{tag}", uuid.uuid4().hex
        self.psql(f"CREATE ROLE {user} LOGIN PASSWORD '{password}'")
        self.psql(f"CREATE DATABASE {name} OWNER {user}")
        self.psql("CREATE EXTENSION IF NOT EXISTS unaccent", database=name)
        return TeamDatabase("127.0.0.1", self.port, name, user, password)

    def stop(self, mode: str = "immediate") -> None:
        """Stop the server (`fast` to keep the cluster for another run: a clean shutdown)."""
        if self.bin is not None and (self.data / "postmaster.pid").exists():
            with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
                self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")


@contextlib.contextmanager
def running_postgres() -> Iterator[PostgresServer]:
    root = Path(tempfile.mkdtemp(prefix="cmdesk-pg-"))
    server = PostgresServer(root)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)
