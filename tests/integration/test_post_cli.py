"""`cmdesk post TEXT --account ID [--account ID…] [--at ISO-8601]` (issue 6's contract) against a loopback Mastodon
API: sent before exit (0), scheduled for later (not sent), refused when too long as Mastodon counts or when the
account cannot publish, and queued with the reason (exit 1) when the server cannot be reached."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from cmdesk.domain import Network
from cmdesk.storage import outbox, workspace
from cmdesk.storage.database import Database
from cmdesk.storage.outbox import OutboxState
from tests.support.file_keyring import BACKEND, FileKeyring
from tests.support.mastodon_fake import TOKEN, MastodonFake
from tests.support.ports import free_port

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def desk(tmp_path: Path, fake: MastodonFake, monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    data_dir = tmp_path / "data"
    monkeypatch.setenv("CMDESK_TEST_KEYRING", str(tmp_path / "keyring.json"))
    database = Database.open(data_dir)
    with database.write() as connection:
        client = workspace.add_client(connection, "Le Fournil")
        ids = {}
        for name, port in (("up", None), ("down", free_port())):
            base = fake.base if port is None else f"http://127.0.0.1:{port}"
            account = workspace.add_account(
                connection,
                client.id,
                Network.MASTODON,
                f"{base}/@fournil",
                name=f"@fournil-{name}",
                settings={"me": "109"},
            )
            FileKeyring().set_password("cmdesk", account.uid, TOKEN)
            ids[name] = account.id
        mail = workspace.add_account(connection, client.id, Network.EMAIL, "contact@fournil.test", name="e-mail")
        ids["email"] = mail.id
    database.close()
    environment = {
        **os.environ,
        "CMDESK_DATA_DIR": str(data_dir),
        "PYTHON_KEYRING_BACKEND": BACKEND,
        "PYTHONPATH": str(ROOT),
    }
    return {"ids": ids, "env": environment, "data": data_dir}


def cmdesk(desk: dict[str, object], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cmdesk", *args], env=desk["env"], capture_output=True, text=True, timeout=60, cwd=ROOT
    )


def entries(desk: dict[str, object]) -> list[outbox.OutboxEntry]:
    database = Database.open(desk["data"])  # type: ignore[arg-type]
    with database.read() as connection:
        found = outbox.listing(connection)
    database.close()
    return found


def test_post_now_sends_before_exiting(desk: dict[str, object], fake: MastodonFake) -> None:
    up = str(desk["ids"]["up"])  # type: ignore[index]
    done = cmdesk(desk, "post", "Galettes des rois dès samedi ! https://lefournil.fr/galettes", "--account", up)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "sent" in done.stdout
    assert [s["content"] for s in fake.statuses.values()] == [
        "<p>Galettes des rois dès samedi ! https://lefournil.fr/galettes</p>"
    ]
    assert [e.state for e in entries(desk)] == [OutboxState.SENT]


def test_post_at_a_time_is_queued_not_sent(desk: dict[str, object], fake: MastodonFake) -> None:
    up = str(desk["ids"]["up"])  # type: ignore[index]
    year = date.today().year + 1
    done = cmdesk(desk, "post", "Fermé le 25 décembre", "--account", up, "--at", f"{year}-12-24T18:00")
    assert done.returncode == 0, done.stderr
    assert f"for {year}-12-24 18:00" in done.stdout
    assert "waits on 127.0.0.1's scheduler" in done.stdout, "handed to Mastodon's scheduler as soon as written"
    assert fake.statuses == {}
    (copy,) = fake.scheduled.values()
    assert copy["params"]["text"] == "Fermé le 25 décembre"
    (entry,) = entries(desk)
    assert entry.state is OutboxState.SCHEDULED and entry.scheduled_at is not None
    assert entry.network_schedule == copy["id"]
    assert entry.scheduled_at.astimezone().strftime("%Y-%m-%d %H:%M") == f"{year}-12-24 18:00"
    past = cmdesk(desk, "post", "Trop tard", "--account", up, "--at", "2020-01-01T09:00")
    assert past.returncode == 1 and "has passed" in past.stderr
    wrong = cmdesk(desk, "post", "Quand ?", "--account", up, "--at", "demain")
    assert wrong.returncode == 1 and "not an ISO-8601" in wrong.stderr


def test_post_refuses_what_the_network_would_refuse(desk: dict[str, object], fake: MastodonFake) -> None:
    ids = desk["ids"]
    long_text = "Le Fournil " * 50
    too_long = cmdesk(desk, "post", long_text, "--account", str(ids["up"]))  # type: ignore[index]
    assert (
        too_long.returncode == 1
        and "too long for @fournil-up: 550" in too_long.stderr
        and "at most 500" in too_long.stderr
    )
    links = "https://lefournil.fr/" + "x" * 600
    assert cmdesk(desk, "post", links, "--account", str(ids["up"])).returncode == 0, "a URL counts 23"  # type: ignore[index]
    by_mail = cmdesk(desk, "post", "Bonjour", "--account", str(ids["email"]))  # type: ignore[index]
    assert by_mail.returncode == 1 and "cannot publish posts" in by_mail.stderr
    assert len(fake.statuses) == 1


def test_a_server_out_of_reach_leaves_the_post_queued_with_the_reason(
    desk: dict[str, object], fake: MastodonFake
) -> None:
    ids = desk["ids"]
    done = cmdesk(
        desk,
        "post",
        "Nouveau : pain aux noix",
        "--account",
        str(ids["up"]),
        "--account",
        str(ids["down"]),  # type: ignore[index]
    )
    assert done.returncode == 1
    assert "not sent on @fournil-down:" in done.stdout and "still queued" in done.stdout
    states = {e.account_id: e.state for e in entries(desk)}
    assert states == {ids["up"]: OutboxState.SENT, ids["down"]: OutboxState.SCHEDULED}  # type: ignore[index]
    groups = {e.post.group for e in entries(desk)}
    assert len(groups) == 1, "one publication, one entry per account"


def test_post_at_the_clients_next_free_slot_every_week(desk: dict[str, object], fake: MastodonFake) -> None:
    up = str(desk["ids"]["up"])  # type: ignore[index]
    none_yet = cmdesk(desk, "post", "Le pain du mois", "--account", up, "--next-slot")
    assert none_yet.returncode == 1 and "no posting slots yet" in none_yet.stderr
    assert cmdesk(desk, "client", "slots", "Le Fournil", "lundi 9h00", "thu 18:30").returncode == 0
    first = cmdesk(desk, "post", "Le pain du mois", "--account", up, "--next-slot", "--repeat", "weekly")
    second = cmdesk(desk, "post", "La viennoiserie du mois", "--account", up, "--next-slot")
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    assert "then every week" in first.stdout
    queued = sorted(entries(desk), key=lambda e: e.id)
    times = [e.scheduled_at.astimezone() for e in queued if e.scheduled_at is not None]
    assert [(t.strftime("%a %H:%M")) for t in times] in (["Mon 09:00", "Thu 18:30"], ["Thu 18:30", "Mon 09:00"])
    assert times[0] < times[1] and times[1] - times[0] < timedelta(days=7), "two different slots, the first free"
    assert queued[0].post.repeat == "weekly" and fake.statuses == {}


PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + bytes(40)


def test_post_with_images_and_their_descriptions(desk: dict[str, object], fake: MastodonFake, tmp_path: Path) -> None:
    up = str(desk["ids"]["up"])  # type: ignore[index]
    picture = tmp_path / "galette.png"
    picture.write_bytes(PNG)
    menu = tmp_path / "menu.pdf"
    menu.write_bytes(b"%PDF-1.4")
    refused = cmdesk(desk, "post", "Le menu", "--account", up, "--image", str(menu))
    assert refused.returncode == 1 and "menu.pdf: only JPEG, PNG, GIF and WebP" in refused.stderr
    done = cmdesk(
        desk, "post", "La galette du jour", "--account", up, "--image", str(picture), "--alt", "Une galette dorée"
    )
    assert done.returncode == 0, done.stdout + done.stderr
    (status,) = fake.statuses.values()
    assert [m["description"] for m in status["media_attachments"]] == ["Une galette dorée"]
    assert fake.media[status["media_attachments"][0]["id"]]["_bytes"] == PNG


def test_a_planned_post_on_a_server_out_of_reach_stays_in_cmdesk_and_says_so(
    desk: dict[str, object], fake: MastodonFake
) -> None:
    ids = desk["ids"]
    year = date.today().year + 1
    done = cmdesk(desk, "post", "Fermé le 1er mai", "--account", str(ids["down"]), "--at", f"{year}-04-30T18:00")  # type: ignore[index]
    assert done.returncode == 0, done.stderr
    assert "stays in cmdesk" in done.stdout and "cmdesk sends it at its time" in done.stdout
    (entry,) = entries(desk)
    assert entry.state is OutboxState.SCHEDULED and not entry.on_network_scheduler
    listed = cmdesk(desk, "outbox", "--json")
    assert '"waits_on": "cmdesk"' in listed.stdout
