"""The command line end to end, in subprocesses, against feeds served on 127.0.0.1."""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import sample
from tests.support.feedserver import FeedServer, Route


def cmdesk(data_dir: Path, *args: str, env_dir: bool = False, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "CMDESK_DATA_DIR"}
    argv = [sys.executable, "-m", "cmdesk", *args]
    if env_dir:
        env["CMDESK_DATA_DIR"] = str(data_dir)
    else:
        argv.extend(["--data-dir", str(data_dir)])
    return subprocess.run(argv, capture_output=True, text=True, env=env, timeout=timeout, stdin=subprocess.DEVNULL)


def json_out(done: subprocess.CompletedProcess[str]) -> list[dict[str, object]]:
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


def serve_bakery(server: FeedServer) -> None:
    base = server.base.encode()
    page = (
        b'<!doctype html><html><head><link rel="alternate" type="application/rss+xml" title="Articles" '
        b'href="/feed/"><link rel="alternate" type="application/rss+xml" title="Commentaires" '
        b'href="/comments/feed/"></head><body></body></html>'
    )
    server.add("/", Route(page, "text/html"))
    server.add("/feed/", Route(sample("wordpress.rss").replace(b"{base}", base), etag='"1"'))
    server.add("/2026/11/24/pain-au-levain/feed/", Route(sample("wordpress-comments.rss").replace(b"{base}", base)))
    server.add("/videos", Route(sample("youtube.atom"), "application/atom+xml"))


def test_full_cli_session(tmp_path: Path, feed_server: FeedServer) -> None:
    serve_bakery(feed_server)
    data = tmp_path / "data"

    assert cmdesk(data, "client", "add", "Boulangerie Le Fournil").returncode == 0
    duplicate = cmdesk(data, "client", "add", "boulangerie le fournil")
    assert duplicate.returncode == 1 and "already exists" in duplicate.stderr
    assert cmdesk(data, "client", "add", "Fleuriste Iris").returncode == 0
    assert [c["name"] for c in json_out(cmdesk(data, "client", "list", "--json"))] == [
        "Boulangerie Le Fournil",
        "Fleuriste Iris",
    ]

    ambiguous = cmdesk(data, "account", "add", "feed", feed_server.url("/"), "--client", "Boulangerie Le Fournil")
    assert ambiguous.returncode == 1
    assert "offers 2 feeds" in ambiguous.stderr and feed_server.url("/comments/feed/") in ambiguous.stderr
    no_client = cmdesk(data, "account", "add", "feed", feed_server.url("/videos"))
    assert no_client.returncode == 1 and "--client" in no_client.stderr

    added = cmdesk(
        data, "account", "add", "feed", feed_server.url("/"), "--pick", "1", "--client", "boulangerie le fournil"
    )
    assert added.returncode == 0, added.stderr
    assert "Boulangerie Le Fournil – Le blog" in added.stdout
    video = cmdesk(
        data, "account", "add", "feed", feed_server.url("/videos"), "--client", "Fleuriste Iris", "--name", "Chaîne"
    )
    assert video.returncode == 0, video.stderr
    broken_url = feed_server.url("/gone")
    assert cmdesk(data, "account", "add", "feed", broken_url, "--client", "Fleuriste Iris").returncode == 1
    forced = cmdesk(data, "account", "add", "feed", broken_url, "--client", "Fleuriste Iris", "--no-check")
    assert forced.returncode == 0

    synced = cmdesk(data, "sync")
    assert synced.returncode == 1
    assert "[1] Boulangerie Le Fournil – Le blog: 4 new, 0 updated" in synced.stdout
    assert "[2] Chaîne: 1 new" in synced.stdout
    assert "[3] 127.0.0.1: FAILED: not found (HTTP 404)" in synced.stdout
    assert "1 of 3 account(s) failed" in synced.stderr

    only_good = cmdesk(data, "sync", "--account", "1", "--account", "2")
    assert only_good.returncode == 0, only_good.stdout + only_good.stderr
    assert "[1] Boulangerie Le Fournil – Le blog: not modified" in only_good.stdout
    unknown = cmdesk(data, "sync", "--account", "42")
    assert unknown.returncode == 1 and "no account with id 42" in unknown.stderr

    accounts = {a["id"]: a for a in json_out(cmdesk(data, "account", "list", "--json"))}
    assert accounts[1]["health"] == "ok" and accounts[1]["messages"] == 4
    assert accounts[3]["health"] == "needs_attention" and "404" in str(accounts[3]["reason"])

    inbox = json_out(cmdesk(data, "inbox", "--json"))
    assert [row["title"] for row in inbox] == [
        "Notre pain au levain & le nouveau four",
        "Comment façonner une baguette",
        "Fermeture exceptionnelle lundi",
    ]
    assert inbox[0]["kind"] == "comment" and inbox[0]["messages"] == 3 and inbox[0]["author"] == "Sophie"
    assert [r["title"] for r in json_out(cmdesk(data, "inbox", "--json", "--client", "Fleuriste Iris"))] == [
        "Comment façonner une baguette"
    ]
    assert len(json_out(cmdesk(data, "inbox", "--json", "--kind", "feed", "--limit", "1"))) == 1
    assert json_out(cmdesk(data, "inbox", "--json", "--status", "done")) == []
    table = cmdesk(data, "inbox")
    assert table.returncode == 0 and "Notre pain au levain" in table.stdout

    hits = json_out(cmdesk(data, "search", "decue", "--json"))
    assert [h["author"] for h in hits] == ["Sophie"]
    assert "[déçue]" in str(hits[0]["snippet"])
    human = cmdesk(data, "search", "levain")
    assert human.returncode == 0 and "[levain]" in human.stdout

    out = tmp_path / "export.csv"
    exported = cmdesk(data, "export", "--format", "csv", "--out", str(out))
    assert exported.returncode == 0 and "exported 5 message(s)" in exported.stdout
    with out.open(newline="", encoding="utf-8") as handle:
        records = list(csv.DictReader(handle))
    assert list(records[0]) == [
        "id",
        "account",
        "network",
        "kind",
        "conversation",
        "remote_id",
        "url",
        "author",
        "title",
        "text",
        "created_at",
        "direction",
        "client",
        "sentiment",
        "language",
    ]
    post = next(r for r in records if r["remote_id"].endswith("?p=412"))
    assert post["created_at"] == "2026-11-24T08:00:00Z" and post["direction"] == "in" and post["kind"] == "feed"
    assert post["author"] == "Marie Dupont" and post["url"].endswith("/2026/11/24/pain-au-levain/")
    lines = json_out(cmdesk(data, "export", "--format", "jsonl"))
    assert len(lines) == 5 and {line["network"] for line in lines} == {"feed"}

    removed = cmdesk(data, "account", "remove", "1")
    assert removed.returncode == 0 and "4 message(s)" in removed.stdout
    assert len(json_out(cmdesk(data, "export", "--format", "jsonl"))) == 1
    assert json_out(cmdesk(data, "search", "levain", "--json")) == []


def test_data_dir_from_environment_and_empty_states(tmp_path: Path) -> None:
    data = tmp_path / "env-data"
    listing = cmdesk(data, "account", "list", env_dir=True)
    assert listing.returncode == 0 and "no accounts yet" in listing.stdout
    assert (data / "cmdesk.sqlite3").exists()
    assert "nothing here yet" in cmdesk(data, "inbox", env_dir=True).stdout
    synced = cmdesk(data, "sync", env_dir=True)
    assert synced.returncode == 0 and "no accounts to sync" in synced.stdout
    version = cmdesk(data, "--version", env_dir=True)
    assert version.returncode == 0 and version.stdout.startswith("cmdesk ")


def test_bad_urls_are_refused_with_a_reason(tmp_path: Path) -> None:
    data = tmp_path / "data"
    for url, reason in [
        ("ftp://example.org/feed", "not a web address"),
        ("http://", "not a web address"),
        ("http://nonexistent-cmdesk-host.invalid/feed", "cannot resolve host"),
    ]:
        done = cmdesk(data, "account", "add", "feed", url)
        assert done.returncode == 1, done
        assert reason in done.stderr and done.stderr.count("\n") == 1


def test_a_damaged_database_is_reported_and_left_alone(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    garbage = os.urandom(8192)
    (data / "cmdesk.sqlite3").write_bytes(garbage)
    done = cmdesk(data, "inbox")
    assert done.returncode == 1
    assert "damaged" in done.stderr and "Traceback" not in done.stderr
    assert (data / "cmdesk.sqlite3").read_bytes() == garbage


def test_a_locked_database_is_reported(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert cmdesk(data, "client", "add", "A").returncode == 0
    holder = sqlite3.connect(data / "cmdesk.sqlite3", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO meta (key, value) VALUES ('holding', 'lock')")
    try:
        started = time.monotonic()
        done = cmdesk(data, "client", "add", "B")
        assert done.returncode == 1
        assert "locked" in done.stderr and "Traceback" not in done.stderr
        assert time.monotonic() - started < 30
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert cmdesk(data, "client", "add", "B").returncode == 0


def test_snippets_in_two_languages_from_the_command_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert cmdesk(data, "client", "add", "Le Fournil").returncode == 0
    french = cmdesk(data, "snippet", "add", "Le Fournil", "Merci", "Merci beaucoup pour votre message, à bientôt !")
    assert french.returncode == 0 and "'Merci' (fr)" in french.stdout, "the language found from the text"
    english = cmdesk(data, "snippet", "add", "Le Fournil", "Merci", "Thanks!", "--language", "en")
    assert english.returncode == 0 and "(en)" in english.stdout
    again = cmdesk(data, "snippet", "add", "Le Fournil", "Merci", "Thank you!", "--language", "en")
    assert again.returncode == 1 and "already has a snippet titled 'Merci' in en" in again.stderr
    anywhere = cmdesk(data, "snippet", "add", "Le Fournil", "Emoji", "🥐", "--language", "any")
    assert anywhere.returncode == 0 and "(" not in anywhere.stdout.split("'Emoji'")[1]
    listed = cmdesk(data, "snippet", "list").stdout
    assert "LANGUAGE" in listed and listed.count("Merci") == 3 and " any " in listed


def test_sentiment_from_standard_input_and_in_the_inbox_and_the_export(tmp_path: Path) -> None:
    """Issue 17's command-line contract: `cmdesk sentiment [--lang] [--json]`, `inbox --sentiment`, export rows with
    "sentiment" and "client"."""
    data = tmp_path / "data"
    lines = "Très déçue, je ne reviendrai pas\n\nVous êtes ouverts dimanche ?\nHighly recommend, lovely staff!\n"
    done = subprocess.run(
        [sys.executable, "-m", "cmdesk", "--data-dir", str(data), "sentiment"],
        input=lines.encode(),
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().splitlines() == ["negative", "neutral", "neutral", "positive"], "one line per line"
    assert not data.exists(), "judging text creates no data folder"
    as_json = subprocess.run(
        [sys.executable, "-m", "cmdesk", "--data-dir", str(data), "sentiment", "--json", "--lang", "fr"],
        input=b"C'est nul\n",
        capture_output=True,
        timeout=60,
    )
    [record] = [json.loads(line) for line in as_json.stdout.decode().splitlines()]
    assert record["label"] == "negative" and -1 <= record["score"] < 0 and record["lang"] == "fr"

    assert cmdesk(data, "demo").returncode == 0
    negative = json_out(cmdesk(data, "inbox", "--sentiment", "negative", "--json"))
    assert {row["author"] for row in negative} >= {"Quartier Oberkampf", "/u/croissant_lover"}
    assert all(row["sentiment"] == "negative" for row in negative)
    exported = json_out(cmdesk(data, "export", "--format", "jsonl"))
    assert {"sentiment", "client", "language"} <= set(exported[0])
    assert {row["client"] for row in exported} == {"Boulangerie Le Fournil", "Northwind Bikes"}
    inbound = [row for row in exported if row["direction"] == "in"]
    assert all(row["sentiment"] in ("negative", "neutral", "positive") for row in inbound)


def test_listening_to_the_web_for_a_name_from_the_command_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = cmdesk(data, "listen", "Le Fournil", "--only", "news,reddit")
    assert first.returncode == 0, first.stderr
    assert "Google News — « Le Fournil »" in first.stdout and "Reddit — « Le Fournil »" in first.stdout
    again = cmdesk(data, "listen", "Le Fournil", "--only", "news,reddit")
    assert again.returncode == 0 and "already sources" in again.stdout
    listed = json_out(cmdesk(data, "monitor", "list", "--json"))
    assert {"client": "Le Fournil", "term": '"Le Fournil"'} in listed
    wrong = cmdesk(data, "listen", "Le Fournil", "--only", "twitter")
    assert wrong.returncode == 1 and "unknown search twitter" in wrong.stderr


WATCHED_CONNECTORS = """
import atexit, runpy, sys
endings = (".connector", ".facebook", ".instagram")
imported = lambda: sorted(m for m in sys.modules if m.startswith("cmdesk.connectors.") and m.endswith(endings))
atexit.register(lambda: print("connectors:", *imported(), file=sys.stderr))
atexit.register(lambda: print("team modules:", "cmdesk.services.team" in sys.modules, file=sys.stderr))
sys.argv = ["cmdesk", "--data-dir", sys.argv[1], "sync"]
runpy.run_module("cmdesk", run_name="__main__")
"""


def test_a_sync_of_feeds_imports_no_other_network_s_connector_nor_the_team_s(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feed_server.add("/feed/", Route(sample("wordpress.rss").replace(b"{base}", feed_server.base.encode())))
    data = tmp_path / "data"
    added = cmdesk(data, "account", "add", "feed", feed_server.url("/feed/"))
    assert added.returncode == 0, added.stderr
    env = {key: value for key, value in os.environ.items() if key != "CMDESK_DATA_DIR"}
    done = subprocess.run(
        [sys.executable, "-c", WATCHED_CONNECTORS, str(data)], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert " new, " in done.stdout
    said = [line for line in done.stderr.splitlines() if line.startswith(("team modules:", "connectors:"))]
    assert said == ["team modules: False", "connectors: cmdesk.connectors.feeds.connector"]
