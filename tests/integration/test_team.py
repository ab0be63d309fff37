"""Team mode against a real PostgreSQL (Debian's, started by the `postgres` fixture): laptops are data folders of
their own, each with its SQLite copy, sharing one team database."""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from cmdesk.connectors.http import make_client
from cmdesk.connectors.mastodon import MastodonConnector
from cmdesk.credentials.memory import MemoryCredentialStore
from cmdesk.domain import Kind, Network, Page, Secret, Status
from cmdesk.domain.team import TeamUrlError, parse_team_url
from cmdesk.services import notes as notes_service
from cmdesk.services import team, triage
from cmdesk.services.commands import Refused, run
from cmdesk.storage import ingest, notes, outbox, queries, workspace
from cmdesk.storage.database import Database
from cmdesk.storage.team import pending
from cmdesk.storage.team.server_schema import TeamDatabaseError, TeamUnreachable
from cmdesk.sync import SyncEngine
from cmdesk.sync.leadership import SendClaim
from tests.support.factories import T0, item
from tests.support.feedserver import FeedServer, Route
from tests.support.file_keyring import BACKEND
from tests.support.mastodon_fake import TOKEN, MastodonFake
from tests.support.postgres_server import PostgresServer, TeamDatabase, binaries, running_postgres
from tests.support.team_laptops import Laptop, anna_and_bruno, workspace_of_comments

pytestmark = pytest.mark.skipif(binaries() is None, reason="PostgreSQL is not installed (./dev installs it)")


@pytest.fixture(scope="module")
def postgres() -> Iterator[PostgresServer]:
    with running_postgres() as server:
        yield server


@pytest.fixture
def two_laptops(tmp_path: Path, postgres: PostgresServer) -> tuple[Laptop, Laptop, TeamDatabase]:
    shared = postgres.database()
    anna, bruno = anna_and_bruno(tmp_path, shared)
    return anna, bruno, shared


def test_a_password_in_the_address_or_a_wrong_one_is_refused(tmp_path: Path, postgres: PostgresServer) -> None:
    shared = postgres.database()
    with pytest.raises(TeamUrlError, match="password"):
        parse_team_url(f"postgresql://{shared.user}:{shared.password}@127.0.0.1:{shared.port}/{shared.name}")
    assert parse_team_url("postgresql://u@db.example.org/team").sslmode == "require", "TLS by default off this machine"
    laptop = Laptop(tmp_path / "a", "a", "Anna")
    with pytest.raises(TeamDatabaseError, match="refused the password") as refused:
        team.join(
            laptop.database,
            laptop.folder,
            parse_team_url(shared.url),
            Secret("wrong"),
            laptop.keyring,
            laptop="a",
            person="Anna",
        )
    assert "wrong" not in str(refused.value)
    assert team.current_link(laptop.database) is None, "a failed join links nothing"
    assert laptop.keyring.get(parse_team_url(shared.url).secret_key) is None, "nor keeps the password"


def test_the_first_laptop_copies_its_workspace_and_the_next_fills_its_copy(
    two_laptops: tuple[Laptop, Laptop, TeamDatabase],
) -> None:
    anna, bruno, shared = two_laptops
    assert bruno.conversation("item-3").title == anna.conversation("item-3").title == "Title 3"
    with bruno.database.read() as connection:
        hits = list(queries.conversation_page(connection, queries.ConversationFilter(), limit=50))
    assert len(hits) == 5
    assert bruno.keyring.get(parse_team_url(shared.url).secret_key) == Secret(shared.password)
    # The database holds no secret: the password is nowhere in either laptop's file.
    for laptop in (anna, bruno):
        assert shared.password.encode() not in laptop.database.path.read_bytes()


def test_status_labels_notes_and_flags_reach_the_other_laptop(two_laptops: tuple[Laptop, Laptop, TeamDatabase]) -> None:
    anna, bruno, _ = two_laptops
    first, second = anna.conversation("item-1"), anna.conversation("item-2")
    with anna.database.read() as connection:
        urgent = next(label for label in triage.triage.list_labels(connection) if label.name == "Urgent")
    run(anna.database, triage.set_status([first.id], Status.DONE))
    run(anna.database, triage.set_status([second.id], Status.SNOOZED, T0 + timedelta(days=3)))
    run(anna.database, triage.set_label([first.id], urgent.id, True))
    run(anna.database, triage.for_management([second.id], "Bad buzz brewing"))
    run(anna.database, notes_service.add_note(second.id, "Karim is a regular: call him back before noon"))
    pushed = anna.replay()
    assert pushed.pushed == 5 and not pushed.refused
    got = bruno.replay()
    assert got.applied_here == 5
    assert bruno.conversation("item-1").status == "done"
    assert bruno.conversation("item-1").labels == ("Urgent",)
    assert bruno.conversation("item-2").status == "snoozed"
    assert bruno.conversation("item-2").snoozed_until == T0 + timedelta(days=3)
    assert bruno.conversation("item-2").management_note == "Bad buzz brewing"
    with bruno.database.read() as connection:
        kept = notes.for_conversation(connection, bruno.conversation("item-2").id)
    assert [(n.author, n.body) for n in kept] == [("Anna", "Karim is a regular: call him back before noon")]
    assert bruno.replay().applied_here == 0, "nothing twice"


def test_last_writer_wins_per_field_and_labels_are_add_wins(two_laptops: tuple[Laptop, Laptop, TeamDatabase]) -> None:
    anna, bruno, _ = two_laptops
    a_id, b_id = anna.conversation("item-1").id, bruno.conversation("item-1").id
    with anna.database.read() as connection:
        a_urgent = next(label for label in triage.triage.list_labels(connection) if label.name == "Urgent")
    with bruno.database.read() as connection:
        b_urgent = next(label for label in triage.triage.list_labels(connection) if label.name == "Urgent")
    run(anna.database, triage.set_label([a_id], a_urgent.id, True))
    anna.replay()
    bruno.replay()
    assert bruno.conversation("item-1").labels == ("Urgent",)
    # Both offline: Bruno closes it, then Anna (later) marks it pending; Bruno takes the label off while Anna puts
    # it on again (she had taken it off and on, offline).
    run(bruno.database, triage.set_status([b_id], Status.DONE))
    run(bruno.database, triage.set_label([b_id], b_urgent.id, False))
    run(anna.database, triage.set_label([a_id], a_urgent.id, False))
    run(anna.database, triage.set_label([a_id], a_urgent.id, True))
    run(anna.database, triage.set_status([a_id], Status.PENDING))
    # Bruno comes back first: his changes apply; then Anna's later status wins, and her new label survives
    # Bruno's removal, which had not seen it.
    assert not bruno.replay().refused
    replayed = anna.replay()
    assert not replayed.refused
    bruno.replay()
    for laptop in (anna, bruno):
        found = laptop.conversation("item-1")
        assert (found.status, found.labels) == ("pending", ("Urgent",)), laptop.name
    # An operation made earlier but replayed later loses to the later one: Bruno's clock ran behind.
    with bruno.database.write() as connection:
        connection.exec_driver_sql("UPDATE meta SET value = '1' WHERE key = 'team.clock'")
    run(anna.database, triage.set_status([a_id], Status.OPEN))
    anna.replay()
    run(bruno.database, triage.set_status([b_id], Status.DONE))
    settled = bruno.replay()
    assert settled.applied_here == 1
    assert bruno.conversation("item-1").status == "done", "Bruno saw Anna's change before his: his is later"


def test_assignment_is_compare_and_set(two_laptops: tuple[Laptop, Laptop, TeamDatabase]) -> None:
    anna, bruno, _ = two_laptops
    a_id, b_id = anna.conversation("item-4").id, bruno.conversation("item-4").id
    taken = team.assign(anna.database, anna.keyring, a_id, "Anna")
    assert taken.checked and not taken.refused
    # Bruno had not replayed: he still sees it unassigned and tries to take it.
    late = team.assign(bruno.database, bruno.keyring, b_id, "Bruno")
    assert late.refused == "already taken by Anna"
    assert bruno.conversation("item-4").assignee == "Anna", "his copy shows who has it"
    with bruno.database.read() as connection:
        mine = queries.conversation_page(connection, queries.ConversationFilter(assignees=("Anna",)), limit=10)
        nobody = queries.conversation_page(connection, queries.ConversationFilter(assignees=("",)), limit=10)
    assert [c.remote_id for c in mine] == ["item-4"]
    assert "item-4" not in {c.remote_id for c in nobody} and len(nobody) == 4
    # Anna hands it to Bruno: allowed, since she saw herself as its holder.
    assert not team.assign(anna.database, anna.keyring, a_id, "Bruno").refused
    bruno.replay()
    assert bruno.conversation("item-4").assignee == "Bruno"


def test_offline_changes_wait_and_replay(
    two_laptops: tuple[Laptop, Laptop, TeamDatabase], postgres: PostgresServer
) -> None:
    anna, bruno, shared = two_laptops
    a_id = anna.conversation("item-0").id
    # The team database is unreachable: the address now points at a port nobody listens on.
    with anna.database.write() as connection:
        good = connection.exec_driver_sql("SELECT value FROM meta WHERE key = 'team.url'").scalar()
        connection.exec_driver_sql(
            "UPDATE meta SET value = ? WHERE key = 'team.url'", (good.replace(str(shared.port), "9"),)
        )
    moved = parse_team_url(good.replace(str(shared.port), "9"))
    anna.keyring.set(moved.secret_key, Secret(shared.password))
    offline = team.assign(anna.database, anna.keyring, a_id, "Anna")
    assert not offline.checked and anna.conversation("item-0").assignee == "Anna"
    run(anna.database, triage.set_status([a_id], Status.DONE))
    with pytest.raises(TeamUnreachable, match="cannot be reached"):
        anna.replay()
    with anna.database.read() as connection:
        assert pending.count(connection) == 2, "nothing lost"
    with anna.database.write() as connection:
        connection.exec_driver_sql("UPDATE meta SET value = ? WHERE key = 'team.url'", (good,))
    assert anna.replay().pushed == 2
    bruno.replay()
    assert (bruno.conversation("item-0").assignee, bruno.conversation("item-0").status) == ("Anna", "done")


def test_a_laptop_offline_for_a_day_comes_back_and_its_changes_meet_the_team_s(
    two_laptops: tuple[Laptop, Laptop, TeamDatabase],
) -> None:
    anna, bruno, shared = two_laptops
    ids = {remote: bruno.conversation(remote).id for remote in ("item-1", "item-2", "item-3", "item-4")}
    with bruno.database.read() as connection:
        urgent = next(label for label in triage.triage.list_labels(connection) if label.name == "Urgent")
    # Monday morning Bruno's laptop loses the team (the address points nowhere) and he works on: closes item-1,
    # takes item-2, labels item-3, closes item-4, notes item-4.
    with bruno.database.write() as connection:
        good = connection.exec_driver_sql("SELECT value FROM meta WHERE key = 'team.url'").scalar()
        connection.exec_driver_sql(
            "UPDATE meta SET value = ? WHERE key = 'team.url'", (good.replace(str(shared.port), "9"),)
        )
    bruno.keyring.set(parse_team_url(good.replace(str(shared.port), "9")).secret_key, Secret(shared.password))
    run(bruno.database, triage.set_status([ids["item-1"]], Status.DONE))
    assert not team.assign(bruno.database, bruno.keyring, ids["item-2"], "Bruno").checked
    run(bruno.database, triage.set_label([ids["item-3"]], urgent.id, True))
    run(bruno.database, triage.set_status([ids["item-4"]], Status.DONE))
    run(bruno.database, notes_service.add_note(ids["item-4"], "Rappelée lundi, elle repasse mardi"))
    # Meanwhile Anna, online all day: takes item-2, and the customer of item-1 writes again (Anna leads the feed).
    assert not team.assign(anna.database, anna.keyring, anna.conversation("item-2").id, "Anna").refused
    account_id = anna.conversation("item-1").account_id
    again = item(101, thread="item-1", kind=Kind.COMMENT, text="Toujours pas de nouvelles de ma commande ?")
    ingest.commit_page(anna.database, account_id, Page((again,), {"n": 2}))
    anna.replay()
    # Bruno's laptop was shut down for the night: its queue is on disk.
    bruno.database.close()
    bruno.database = Database.open(bruno.folder)
    with bruno.database.read() as connection:
        assert pending.count(connection) == 5
    # Tuesday: back online.
    with bruno.database.write() as connection:
        connection.exec_driver_sql("UPDATE meta SET value = ? WHERE key = 'team.url'", (good,))
    back = bruno.replay()
    assert back.pushed == 5
    assert [why for _conversation, why in back.refused] == ["already taken by Anna"]
    anna.replay()
    for laptop in (anna, bruno):
        first, second, third, fourth = (
            laptop.conversation(remote) for remote in ("item-1", "item-2", "item-3", "item-4")
        )
        # His "done" was made before the customer wrote again: item-1 stays open, with the new message.
        assert (first.status, first.message_count) == ("open", 2), laptop.name
        assert second.assignee == "Anna", laptop.name
        assert third.labels == ("Urgent",), laptop.name
        assert fourth.status == "done", laptop.name
        with laptop.database.read() as connection:
            assert [n.body for n in notes.for_conversation(connection, fourth.id)] == [
                "Rappelée lundi, elle repasse mardi"
            ]
        with laptop.database.read() as connection:
            assert pending.count(connection) == 0


def test_a_laptop_name_is_one_laptop_and_leave_keeps_the_copy(
    two_laptops: tuple[Laptop, Laptop, TeamDatabase], tmp_path: Path
) -> None:
    anna, bruno, shared = two_laptops
    other = Laptop(tmp_path / "other", "bruno-laptop", "Carla")
    with pytest.raises(Refused, match="already belongs"):
        other.join(shared)
    assert team.leave(bruno.database, bruno.keyring) == 0
    assert team.current_link(bruno.database) is None
    assert bruno.conversation("item-3").title == "Title 3", "the copy stays"
    with pytest.raises(Refused, match="for teams"):
        team.assign(bruno.database, bruno.keyring, bruno.conversation("item-3").id, "Bruno")
    assert team.status(anna.database, anna.keyring).laptops[0]["laptop"] == "anna-laptop"
    assert len(team.status(anna.database, anna.keyring).laptops) == 1, "Bruno's laptop left the team"


ROOT = Path(__file__).resolve().parents[2]
TRIALS = 100


def _race(folder: str, password: str, secret_key: str, barrier: object, results: object) -> None:
    """One laptop's side of the assignment race: at each trial, both take the same conversation at once."""
    database = Database.open(Path(folder))
    keyring = MemoryCredentialStore()
    keyring.set(secret_key, Secret(password))
    current = team.current_link(database)
    assert current is not None
    with database.read() as connection:
        ids = {
            c.remote_id: c.id for c in queries.conversation_page(connection, queries.ConversationFilter(), limit=500)
        }
    outcome = []
    for trial in range(TRIALS):
        barrier.wait(timeout=60)  # type: ignore[attr-defined]
        done = team.assign(database, keyring, ids[f"item-{trial}"], current.person)
        outcome.append((trial, done.checked, done.refused))
    results.put((current.person, outcome))  # type: ignore[attr-defined]


def test_two_processes_race_for_each_of_100_conversations_and_exactly_one_wins(
    tmp_path: Path, postgres: PostgresServer
) -> None:
    shared = postgres.database()
    anna, bruno = anna_and_bruno(tmp_path, shared, conversations=TRIALS)
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(2), context.Queue()
    key = parse_team_url(shared.url).secret_key
    racers = [
        context.Process(target=_race, args=(str(laptop.folder), shared.password, key, barrier, results))
        for laptop in (anna, bruno)
    ]
    for racer in racers:
        racer.start()
    outcomes = dict(results.get(timeout=300) for _ in racers)
    for racer in racers:
        racer.join(timeout=60)
    winners = {}
    for trial in range(TRIALS):
        won = [person for person, outcome in outcomes.items() if outcome[trial][1] and not outcome[trial][2]]
        lost = [outcome[trial][2] for person, outcome in outcomes.items() if outcome[trial][2]]
        assert len(won) == 1, f"trial {trial}: {won}"
        assert lost == [f"already taken by {won[0]}"]
        winners[f"item-{trial}"] = won[0]
    assert len(set(winners.values())) == 2, "both laptops won some races (they really raced)"
    for laptop in (anna, bruno):
        laptop.replay()
        assert {f"item-{n}": laptop.conversation(f"item-{n}").assignee for n in range(TRIALS)} == winners


def test_the_command_line_joins_assigns_lists_and_leaves(tmp_path: Path, postgres: PostgresServer) -> None:
    shared = postgres.database()
    environment = {**os.environ, "PYTHON_KEYRING_BACKEND": BACKEND, "CMDESK_TEST_KEYRING": str(tmp_path / "k.json"),
                   "PYTHONPATH": str(ROOT)}  # fmt: skip
    anna = Laptop(tmp_path / "anna", "anna-laptop", "Anna")
    workspace_of_comments(anna)
    anna.database.close()

    def cmdesk(folder: str, *args: str, stdin: str = "", ok: bool = True) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "cmdesk", "--data-dir", str(tmp_path / folder), *args]
        done = subprocess.run(command, input=stdin, capture_output=True, text=True, timeout=120, env=environment,
                              cwd=ROOT)  # fmt: skip
        assert (done.returncode == 0) is ok, done.stderr
        return done

    with_password = shared.url.replace("@", f":{shared.password}@")
    refused = cmdesk("anna", "team", "join", with_password, "--password-stdin", stdin=shared.password, ok=False)
    assert "holds a password" in refused.stderr and shared.password not in refused.stderr
    joined = cmdesk("anna", "team", "join", shared.url, "--password-stdin", "--laptop", "anna-laptop", "--person",
                    "Anna", stdin=shared.password + "\n")  # fmt: skip
    assert "this workspace is the team's" in joined.stdout
    cmdesk("bruno", "team", "join", shared.url, "--password-stdin", "--laptop", "bruno-laptop", "--person", "Bruno",
           stdin=shared.password + "\n")  # fmt: skip
    inbox = [json.loads(line) for line in cmdesk("bruno", "inbox", "--json").stdout.splitlines()]
    assert len(inbox) == 5 and {row["assignee"] for row in inbox} == {""}
    first = inbox[0]["id"]
    assert "assigned to Bruno" in cmdesk("bruno", "assign", str(first), "--me").stdout
    anna_inbox = [json.loads(line) for line in cmdesk("anna", "inbox", "--json").stdout.splitlines()]
    same = next(row["id"] for row in anna_inbox if row["title"] == inbox[0]["title"])
    taken = cmdesk("anna", "assign", str(same), "--me", ok=False)
    assert "already taken by Bruno" in taken.stderr
    mine = [json.loads(line) for line in cmdesk("bruno", "inbox", "--assigned", "me", "--json").stdout.splitlines()]
    assert [row["id"] for row in mine] == [first]
    nobody = cmdesk("anna", "inbox", "--assigned", "nobody", "--json").stdout.splitlines()
    assert len(nobody) == 4
    on_server = cmdesk("anna", "inbox", "--from-team", "--assigned", "Bruno", "--json").stdout.splitlines()
    assert [json.loads(line)["title"] for line in on_server] == [inbox[0]["title"]]  # the team database itself
    searched = cmdesk("anna", "search", "--from-team", "--json", "messages").stdout
    found = [json.loads(line) for line in searched.splitlines()]
    assert len(found) == 5 and all("[message]" in hit["snippet"] for hit in found)  # English stem: message(s)
    cmdesk("anna", "note", str(same), "Bruno", "rappelle", "demain")
    cmdesk("anna", "team", "sync")
    cmdesk("bruno", "team", "sync")
    assert "Anna: Bruno rappelle demain" in cmdesk("bruno", "note", str(first)).stdout
    status = json.loads(cmdesk("anna", "team", "status", "--json").stdout)
    assert status["server"] == shared.url and status["laptop"] == "anna-laptop" and status["reachable"]
    assert status["waiting_operations"] == 0 and status["leads"] == []
    assert {laptop["person"] for laptop in status["laptops"]} == {"Anna", "Bruno"}
    assert "left the team" in cmdesk("bruno", "team", "leave").stdout
    assert "no team" in cmdesk("bruno", "team", "status", ok=False).stderr
    assert "belongs to no team" in cmdesk("bruno", "inbox", "--from-team", ok=False).stderr
    assert len(cmdesk("bruno", "inbox", "--json").stdout.splitlines()) == 5, "the local copy stays"
    blob = b"".join(p.read_bytes() for p in tmp_path.rglob("*.sqlite3*") if p.is_file())
    assert shared.password.encode() not in blob, "the password stays in the keyring"


def _feed(entries: range) -> bytes:
    items = "".join(
        f"<item><guid>pain-{n}</guid><title>Fournée {n}</title><description>Du bon pain, fournée {n}.</description>"
        f"<pubDate>Mon, 0{1 + n % 9} Nov 2026 08:00:00 GMT</pubDate></item>"
        for n in entries
    )
    return f"<?xml version='1.0'?><rss version='2.0'><channel><title>Le Fournil</title>{items}</channel></rss>".encode()


@pytest.fixture
def feed_team(tmp_path: Path, postgres: PostgresServer) -> Iterator[tuple[object, FeedServer, TeamDatabase]]:
    shared = postgres.database()
    environment = {**os.environ, "PYTHON_KEYRING_BACKEND": BACKEND, "PYTHONPATH": str(ROOT)}
    server = FeedServer().start()
    server.add("/fournil.rss", Route(body=_feed(range(10))))

    def cmdesk(laptop: str, *args: str, stdin: str = "", ok: bool = True) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "cmdesk", "--data-dir", str(tmp_path / laptop), *args]
        keyring = {"CMDESK_TEST_KEYRING": str(tmp_path / f"{laptop}-keyring.json")}
        done = subprocess.run(command, input=stdin, capture_output=True, text=True, timeout=120,
                              env={**environment, **keyring}, cwd=ROOT)  # fmt: skip
        assert (done.returncode == 0) is ok, done.stdout + done.stderr
        return done

    cmdesk("anna", "account", "add", "feed", server.url("/fournil.rss"))
    for laptop in ("anna", "bruno"):
        cmdesk(laptop, "team", "join", shared.url, "--password-stdin", "--laptop", laptop, "--person", laptop.title(),
               stdin=shared.password + "\n")  # fmt: skip
    try:
        yield cmdesk, server, shared
    finally:
        server.stop()


def _messages(tmp_path: Path, laptop: str) -> list[str]:
    database = Database.open(tmp_path / laptop)
    try:
        with database.read() as connection:
            return sorted(row[0] for row in connection.exec_driver_sql("SELECT remote_id FROM messages"))
    finally:
        database.close()


def test_only_the_leader_pulls_an_account_and_its_messages_reach_the_others(
    feed_team: tuple[object, FeedServer, TeamDatabase], tmp_path: Path
) -> None:
    cmdesk, server, shared = feed_team
    first = cmdesk("anna", "sync")  # type: ignore[operator]
    assert "10 new" in first.stdout and "team: 1 change(s) sent" in first.stdout
    fetched = len(server.hits("/fournil.rss"))
    followed = cmdesk("bruno", "sync")  # type: ignore[operator]
    assert "led by anna" in followed.stdout, followed.stdout
    assert "1 from teammates applied here" in followed.stdout
    assert len(server.hits("/fournil.rss")) == fetched, "Bruno never fetched the feed"
    assert _messages(tmp_path, "bruno") == _messages(tmp_path, "anna") == sorted(f"pain-{n}" for n in range(10))
    status = json.loads(cmdesk("anna", "team", "status", "--json").stdout)  # type: ignore[operator]
    assert status["leads"] == ["Le Fournil"]
    # A laptop joining later has every message at once: the team's log is read from its start.
    cmdesk("carla", "team", "join", shared.url, "--password-stdin", "--laptop", "carla", "--person", "Carla",
           stdin=shared.password + "\n")  # fmt: skip
    assert _messages(tmp_path, "carla") == _messages(tmp_path, "anna")
    assert json.loads(cmdesk("bruno", "team", "status", "--json").stdout)["leads"] == []  # type: ignore[operator]


def test_when_the_leader_is_killed_another_laptop_takes_over_within_the_lease(
    feed_team: tuple[object, FeedServer, TeamDatabase], tmp_path: Path, postgres: PostgresServer
) -> None:
    cmdesk, server, shared = feed_team
    postgres.psql("UPDATE team_info SET value = '4' WHERE key = 'lease_seconds'", database=shared.name)
    cmdesk("anna", "sync")  # type: ignore[operator]
    # Ten more entries; Anna's next pull hangs on a slow server and she is killed in the middle of it.
    server.add("/fournil.rss", Route(body=_feed(range(20)), delay=30))
    command = [sys.executable, "-m", "cmdesk", "--data-dir", str(tmp_path / "anna"), "sync"]
    environment = {**os.environ, "PYTHON_KEYRING_BACKEND": BACKEND, "PYTHONPATH": str(ROOT),
                   "CMDESK_TEST_KEYRING": str(tmp_path / "anna-keyring.json")}  # fmt: skip
    before = len(server.hits("/fournil.rss"))
    leader = subprocess.Popen(command, env=environment, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while len(server.hits("/fournil.rss")) == before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(server.hits("/fournil.rss")) > before, "Anna's second pull started"
    leader.kill()
    leader.wait(timeout=30)
    server.add("/fournil.rss", Route(body=_feed(range(20))))
    killed_at = time.monotonic()
    assert "led by anna" in cmdesk("bruno", "sync").stdout  # type: ignore[operator]
    took_over = None
    while took_over is None and time.monotonic() - killed_at < 30:
        time.sleep(0.5)
        done = cmdesk("bruno", "sync")  # type: ignore[operator]
        if "led by" not in done.stdout:
            took_over = time.monotonic() - killed_at
    assert took_over is not None and took_over < 4 + 10, f"took over after {took_over} s (lease 4 s)"
    everything = sorted(f"pain-{n}" for n in range(20))
    assert _messages(tmp_path, "bruno") == everything, "nothing lost"
    # Anna's laptop comes back: it follows Bruno now (or leads again once his lease ran out); same messages, once.
    cmdesk("anna", "sync")  # type: ignore[operator]
    cmdesk("bruno", "team", "sync")  # type: ignore[operator]
    assert _messages(tmp_path, "anna") == _messages(tmp_path, "bruno") == everything, "none twice"


@pytest.fixture
def mastodon() -> Iterator[MastodonFake]:
    server = MastodonFake().start()
    yield server
    server.stop()


def _mastodon_team(tmp_path: Path, postgres: PostgresServer, fake: MastodonFake) -> tuple[Laptop, Laptop, str]:
    shared = postgres.database()
    postgres.psql("SELECT 1", database=shared.name)
    anna = Laptop(tmp_path / "anna", "anna-laptop", "Anna")
    with anna.database.write() as connection:
        client = workspace.add_client(connection, "Le Fournil")
        account = workspace.add_account(
            connection, client.id, Network.MASTODON, f"{fake.base}/@fournil", name="@fournil", settings={"me": "109"}
        )
    anna.join(shared)
    bruno = Laptop(tmp_path / "bruno", "bruno-laptop", "Bruno")
    bruno.join(shared)
    for laptop in (anna, bruno):
        laptop.keyring.set(account.uid, Secret(TOKEN))  # both signed in on the account
    postgres.psql("UPDATE team_info SET value = '2' WHERE key = 'lease_seconds'", database=shared.name)
    return anna, bruno, account.uid


def _send(laptop: Laptop, leadership: object | None = None) -> list[object]:
    async def run() -> list[object]:
        lead = leadership or team.TeamLeadership(laptop.database, laptop.keyring)
        async with make_client() as client:
            engine = SyncEngine(
                laptop.database, client, {Network.MASTODON: MastodonConnector()}, laptop.keyring, leadership=lead
            )
            try:
                return list(await engine.outbox.send_due())
            finally:
                await engine.aclose()
                if leadership is None:
                    lead.close()  # type: ignore[attr-defined]

    return asyncio.run(run())


def _post(laptop: Laptop, text: str) -> None:
    with laptop.database.write() as connection:
        account_id = workspace.list_accounts(connection)[0].id
        outbox.enqueue_post(connection, [account_id], text)


def _states(laptop: Laptop) -> list[tuple[str, str]]:
    with laptop.database.read() as connection:
        return [(entry.state.value, entry.remote_id) for entry in outbox.listing(connection)]


def test_a_post_written_on_one_laptop_is_sent_once_by_the_accounts_leader(
    tmp_path: Path, postgres: PostgresServer, mastodon: MastodonFake
) -> None:
    anna, bruno, uid = _mastodon_team(tmp_path, postgres, mastodon)
    leadership = team.TeamLeadership(anna.database, anna.keyring)
    assert asyncio.run(leadership.holder(uid, can_lead=True)) == "", "Anna leads @fournil"
    leadership.close()
    _post(bruno, "Galettes des rois dès le 2 janvier")
    waiting = _send(bruno)
    assert [r.reason for r in waiting] == ["anna-laptop leads this account and sends it"]  # type: ignore[attr-defined]
    assert not mastodon.statuses
    bruno.replay()
    anna.replay()
    assert _states(anna) == [("scheduled", "")], "Anna's laptop has Bruno's post, same key"
    sent = _send(anna)
    assert [r.state.value for r in sent] == ["sent"]  # type: ignore[attr-defined]
    assert [s["content"] for s in mastodon.statuses.values()] == ["<p>Galettes des rois dès le 2 janvier</p>"]
    anna.replay()
    bruno.replay()
    remote_id = next(iter(mastodon.statuses))
    assert _states(bruno) == _states(anna) == [("sent", remote_id)]
    with bruno.database.read() as connection:
        texts = [row[0] for row in connection.exec_driver_sql("SELECT text FROM messages WHERE direction = 'out'")]
    assert texts == ["Galettes des rois dès le 2 janvier"], "the sent post reached Bruno's copy through the team"
    assert len(mastodon.statuses) == 1


class _DiesAfterSending:
    """Anna's laptop claims the post, sends it, and is gone before telling the team it did."""

    def __init__(self, real: team.TeamLeadership) -> None:
        self.real = real

    async def holder(self, account_uid: str, *, can_lead: bool) -> str:
        return await self.real.holder(account_uid, can_lead=can_lead)

    async def claim_send(self, account_uid: str, key: str) -> SendClaim:
        return await self.real.claim_send(account_uid, key)

    async def settle_send(self, key: str, remote_id: str | None) -> None:
        return None


def test_the_same_post_on_both_laptops_goes_out_once_when_its_sender_dies_after_sending(
    tmp_path: Path, postgres: PostgresServer, mastodon: MastodonFake
) -> None:
    anna, bruno, _uid = _mastodon_team(tmp_path, postgres, mastodon)
    _post(anna, "Fermé le 25 décembre")
    anna.replay()
    bruno.replay()
    assert _states(bruno) == [("scheduled", "")], "both laptops hold the post"
    real = team.TeamLeadership(anna.database, anna.keyring)
    assert [r.state.value for r in _send(anna, _DiesAfterSending(real))] == ["sent"]  # type: ignore[attr-defined]
    real.close()
    # Anna's laptop never replays again. Bruno may not send while her lease and claim hold …
    assert "leads this account" in _send(bruno)[0].reason  # type: ignore[attr-defined]
    time.sleep(2.5)
    with bruno.database.write() as connection:
        connection.exec_driver_sql("UPDATE outbox SET scheduled_at = '2000-01-01 00:00:00.000000'")
    # … then takes over, looks for the post on the network first, finds it, and does not post it again.
    settled = _send(bruno)
    assert [r.state.value for r in settled] == ["sent"]  # type: ignore[attr-defined]
    assert len(mastodon.statuses) == 1, "sent once"
    assert _states(bruno) == [("sent", next(iter(mastodon.statuses)))]
