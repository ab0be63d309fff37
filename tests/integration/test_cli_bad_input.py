"""Issue 15, finding 6 to 8: whatever a person or a script types, the command line answers with one clear line and a
non-zero exit, never a traceback, and never acts on a mistake (an empty --at published at once before). Each input
below printed a traceback or was silently accepted before."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from cmdesk.domain import Kind, Network, Page
from cmdesk.launcher import main
from cmdesk.storage import ingest, outbox, workspace
from cmdesk.storage.database import Database
from tests.support.factories import item

HUGE = "99999999999999999999"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    database = Database.open(folder)
    with database.write() as connection:
        client = workspace.add_client(connection, "Le Fournil")
        workspace.add_account(connection, client.id, Network.MASTODON, "piaille.fr", name="@fournil")
    database.close()
    return folder


BAD = [
    (["reply", HUGE, "x"], "no such id"),
    (["inbox", "--limit", HUGE], "number of rows"),
    (["outbox", "retry", HUGE], "no such id"),
    (["snippet", "remove", HUGE], "no such id"),
    (["attachment", "list", HUGE], "no such id"),
    (["inbox", "--account", "999"], "no account with id 999"),
    (["search", "pain", "--limit", "-5"], "number of rows"),
    (["export", "--format", "csv", "--out", "/dev/full"], "cannot write /dev/full"),
    (["account", "add", "feed", "javascript:alert(1)"], "not a web address"),
    (["account", "add", "feed", "http://[::1"], "not a web address"),
    (["account", "add", "feed", "http://127.0.0.1:99999/x"], "not a web address"),
    (["post", "x", "--account", "1", "--at", "9999-12-31T23:59:59-12:00"], "too far away"),
    (["post", "x", "--account", "1", "--at", "0001-01-01T00:00"], "too far away"),
    (["post", "x", "--account", "1", "--at", ""], "the time is empty"),
    (["post", "x", "--account", "1", "--at", "demain"], "not an ISO-8601 date and time"),
    (["client", "add", "x" * 100_000], "at most 200 characters"),
    (["client", "add", "   "], "cannot be empty"),
    (["sync", "--attempts", "0"], "number of tries"),
]


@pytest.mark.parametrize(("arguments", "said"), BAD, ids=[" ".join(a)[:50] for a, _ in BAD])
def test_a_bad_input_gets_one_clear_line_and_a_failing_exit(
    arguments: list[str], said: str, data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    try:
        status = main([*arguments, "--data-dir", str(data)])
    except SystemExit as exit_:  # argparse's own refusal
        status = int(exit_.code or 0)
    captured = capsys.readouterr()
    assert status != 0
    assert said in captured.err and "Traceback" not in captured.err
    database = Database.open(data)
    with database.read() as connection:
        assert outbox.listing(connection) == [], "nothing was queued, let alone sent"
    database.close()


def test_an_empty_data_dir_is_refused_not_taken_for_the_default(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as refused:
        main(["client", "list", "--data-dir", ""])
    assert refused.value.code == 2 and "the folder is empty" in capsys.readouterr().err


def test_the_csv_export_cannot_carry_a_formula_into_a_spreadsheet(data: Path, tmp_path: Path) -> None:
    database = Database.open(data)
    with database.read() as connection:
        account = workspace.list_accounts(connection)[0]
    hostile = [
        item(1, kind=Kind.MENTION, text='=HYPERLINK("http://evil.example","Cliquez")', author="@attacker"),
        item(2, kind=Kind.MENTION, text="+33 6 12 34 56 78", author="-Zoé"),
        item(3, kind=Kind.MENTION, text="Merci pour le pain !", author="Inès"),
    ]
    ingest.commit_page(database, account.id, Page(tuple(hostile), {}))
    database.close()
    out = tmp_path / "export.csv"
    assert main(["export", "--format", "csv", "--out", str(out), "--data-dir", str(data)]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    cells = [value for row in rows for value in row.values() if isinstance(value, str)]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@")], "no cell starts a formula"
    texts = {row["text"] for row in rows}
    assert "'=HYPERLINK(\"http://evil.example\",\"Cliquez\")" in texts and "Merci pour le pain !" in texts
