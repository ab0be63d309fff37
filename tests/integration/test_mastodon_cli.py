"""`cmdesk account add mastodon` (pasted code and --token-stdin), `cmdesk sync`, `cmdesk reply --send` and
`cmdesk outbox`, in subprocesses, with the token in a real OS keyring (gnome-keyring on a private D-Bus session)
and a real snac2 server."""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path

from tests.conftest import ROOT
from tests.support.keyring_session import run_in_keyring_session
from tests.support.snac import SnacServer

DRIVER = textwrap.dedent(
    """
    import json, os, subprocess, sys, time
    sys.path.insert(0, os.environ["ROOT"])
    from tests.support.snac import SnacServer
    from pathlib import Path

    snac = SnacServer(Path(os.environ["SNAC_DIR"]))
    data = os.environ["DATA"]

    def cmdesk(*args, input=None, check=True):
        done = subprocess.run([sys.executable, "-m", "cmdesk", "--data-dir", data, *args],
                              input=input, capture_output=True, text=True, timeout=120)
        if check and done.returncode != 0:
            raise SystemExit(f"cmdesk {args} failed: {done.stdout} {done.stderr}")
        return done

    # 1. the pasted-code flow: cmdesk prints the URL, the user approves in a browser, pastes the code
    process = subprocess.Popen([sys.executable, "-m", "cmdesk", "--data-dir", data, "account", "add", "mastodon",
                                "http://localhost"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    url = ""
    while not url:
        line = process.stdout.readline()
        assert line, "cmdesk printed no authorisation URL"
        if "/oauth/authorize?" in line:
            url = line.strip()
    shown = snac.approve_as_browser(url, os.environ["SHOP_USER"], os.environ["SHOP_PASSWORD"])
    out, _ = process.communicate(shown + "\\n", timeout=60)
    assert process.returncode == 0, out
    print("oob:", out.strip().splitlines()[-2])

    # 2. the same account with an existing token: signed in again, not added twice
    again = cmdesk("account", "add", "mastodon", "http://localhost", "--token-stdin",
                   input=os.environ["SHOP_TOKEN"] + "\\n")
    print("token:", again.stdout.strip().splitlines()[0])
    accounts = [json.loads(l) for l in cmdesk("account", "list", "--json").stdout.splitlines()]
    assert len(accounts) == 1 and accounts[0]["network"] == "mastodon", accounts

    # 3. a customer's mention arrives with `cmdesk sync`
    snac.post(os.environ["CUSTOMER_TOKEN"], f"@{os.environ['SHOP_USER']}@localhost Ouvert le lundi ?")
    deadline = time.monotonic() + 40
    while True:
        cmdesk("sync")
        rows = [json.loads(l) for l in cmdesk("inbox", "--json").stdout.splitlines()]
        if rows or time.monotonic() > deadline:
            break
        time.sleep(1)
    assert rows and rows[0]["kind"] == "mention", rows
    print("inbox:", rows[0]["snippet"])

    # 4. a reply sent at once, then listed in the outbox
    sent = cmdesk("reply", str(rows[0]["id"]), "Non, fermé le lundi. À mardi !", "--send")
    print("reply:", sent.stdout.strip().splitlines()[-1])
    box = [json.loads(l) for l in cmdesk("outbox", "--json").stdout.splitlines()]
    assert [b["state"] for b in box] == ["sent"] and box[0]["remote_id"], box
    print("outbox:", box[0]["state"])

    # 5. the token never reached the database
    blob = b"".join(p.read_bytes() for p in Path(data).iterdir() if p.is_file())
    assert os.environ["SHOP_TOKEN"].encode() not in blob
    print("driver ok")
    """
)


def test_mastodon_from_the_command_line_with_a_real_keyring(snac: SnacServer, tmp_path: Path) -> None:
    shop, shop_password = snac.add_user("fournil")
    customer, customer_password = snac.add_user("client")
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER)
    done = run_in_keyring_session(
        tmp_path,
        [sys.executable, str(driver)],
        {
            "ROOT": str(ROOT),
            "SNAC_DIR": str(snac.directory),
            "DATA": str(tmp_path / "cmdesk"),
            "SHOP_USER": shop,
            "SHOP_PASSWORD": shop_password,
            "SHOP_TOKEN": snac.token_for(shop, shop_password),
            "CUSTOMER_TOKEN": snac.token_for(customer, customer_password),
        },
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "driver ok" in done.stdout
    assert "oob: added Mastodon account @fournil" in done.stdout
    assert "token: signed in again as @fournil" in done.stdout
    assert json.dumps("Ouvert le lundi")[1:-1] in done.stdout
