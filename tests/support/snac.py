"""A real snac2 server (ActivityPub, with a Mastodon-compatible client API) on loopback, for the Mastodon tests.

snac must listen on port 80 with host `localhost`, or mentions never resolve (../shared/PEERS.md), so one server
serves the whole test session and each test makes its own users. `./dev test` installs snac2 (bookworm-backports).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import uuid
from dataclasses import dataclass
from functools import partial
from html.parser import HTMLParser
from pathlib import Path

import httpx

from cmdesk.connectors.mastodon.signin import pasted_code
from tests.support.ports import listening, wait_until_listening

TIMEOUT = 30.0
"""snac answers in milliseconds, but its queue can keep it busy for seconds on a loaded CI machine."""
_post = partial(httpx.post, timeout=TIMEOUT)
_get = partial(httpx.get, timeout=TIMEOUT)
BASE = "http://localhost"


class _FormReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.action = ""
        self.fields: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        if tag == "form":
            self.action = values.get("action", "")
        elif tag == "input" and values.get("name"):
            self.fields[values["name"]] = values.get("value", "")


@dataclass
class SnacServer:
    directory: Path
    process: subprocess.Popen[bytes] | None = None

    def start(self) -> SnacServer:
        snac = shutil.which("snac")
        if snac is None:
            raise RuntimeError("snac2 is missing: run ./dev test as root once (it installs snac2 from backports)")
        if listening(80):
            raise RuntimeError("port 80 is taken on 127.0.0.1; snac must listen there (stop the other server)")
        answers = b"127.0.0.1\n80\nlocalhost\n\n\n"  # address, port, host, prefix, admin e-mail
        subprocess.run([snac, "init", str(self.directory)], input=answers, check=True, capture_output=True)
        config = self.directory / "server.json"
        config.write_text(config.read_text().replace('"protocol": "https"', '"protocol": "http"'))
        self.process = subprocess.Popen(
            [snac, "httpd", str(self.directory)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        if wait_until_listening(80):
            return self
        raise RuntimeError("snac did not start listening on 127.0.0.1:80")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)

    def add_user(self, prefix: str = "user") -> tuple[str, str]:
        """A new user (name, password)."""
        name = f"{prefix}{uuid.uuid4().hex[:8]}"
        subprocess.run(["snac", "adduser", str(self.directory), name], check=True, capture_output=True)
        done = subprocess.run(
            ["snac", "resetpwd", str(self.directory), name], check=True, capture_output=True, text=True
        )
        match = re.search(r"New password for user \S+ is (\S+)", done.stdout)
        assert match, done.stdout
        return name, match.group(1)

    def approve_as_browser(self, authorize_url: str, user: str, password: str) -> str:
        """Do what the user does in the browser: open the authorisation page, fill in the form, follow the
        redirect. Returns where the browser was sent (the loopback redirect URI with code and state), or, for the
        out-of-band flow, the page that shows the code."""
        page = _get(authorize_url)
        page.raise_for_status()
        form = _FormReader()
        form.feed(page.text)
        fields = {**form.fields, "login": user, "passwd": password}
        answer = _post(form.action, data=fields)
        location = answer.headers.get("location", "")
        if location.startswith("http://127.0.0.1"):
            _get(location)
        return location or answer.text

    def token_for(self, user: str, password: str) -> str:
        """A token obtained the way any client does (app, authorisation form, code exchange)."""
        redirect = "urn:ietf:wg:oauth:2.0:oob"
        app = _post(
            f"{BASE}/api/v1/apps", data={"client_name": "tests", "redirect_uris": redirect, "scopes": "read write"}
        ).json()
        answer = _post(
            f"{BASE}/oauth/x-snac-login",
            data={"login": user, "passwd": password, "redir": redirect, "cid": app["client_id"], "state": "s"},
        )
        code = pasted_code(answer.headers.get("location", "") or answer.text)
        token = _post(
            f"{BASE}/oauth/token",
            data={
                "grant_type": "authorization_code",
                "code": code,
                "client_id": app["client_id"],
                "client_secret": app["client_secret"],
                "redirect_uri": redirect,
            },
        ).json()
        return str(token["access_token"])

    def post(self, token: str, text: str, **fields: str) -> dict[str, object]:
        answer = _post(
            f"{BASE}/api/v1/statuses",
            data={"status": text, **fields},
            headers={"Authorization": f"Bearer {token}"},
        )
        answer.raise_for_status()
        return dict(answer.json())

    def revoke(self, token: str) -> None:
        """What revoking the app in the server's settings does: the server forgets the token."""
        (self.directory / "token" / f"{token}.json").unlink()

    def get(self, token: str, path: str) -> object:
        answer = _get(f"{BASE}{path}", headers={"Authorization": f"Bearer {token}"})
        answer.raise_for_status()
        return answer.json()
