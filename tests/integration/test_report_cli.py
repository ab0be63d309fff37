"""Issue 18, part 3: `cmdesk report` as scripts call it — the demo's bakery over dates given on the command line, as
CSV (the agreed header), HTML and PDF (read back with pdftotext), the total of messages received the same in all
three; bad input told plainly; the scheduled reports written once."""

from __future__ import annotations

import csv
import io
import subprocess
from datetime import date, timedelta
from pathlib import Path

from tests.integration.test_cli import cmdesk

CLIENT = "Boulangerie Le Fournil"


def test_the_three_formats_say_who_when_and_how_many(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert cmdesk(data, "demo").returncode == 0
    today = date.today()
    first, last = (today - timedelta(days=6)).isoformat(), today.isoformat()
    common = ["report", "--client", CLIENT, "--from", first, "--to", last]
    done = cmdesk(data, *common, "--format", "csv", "--out", str(tmp_path / "r.csv"))
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO((tmp_path / "r.csv").read_text(encoding="utf-8"))))
    header = ["conversation", "network", "kind", "author", "subject", "first_message_at", "first_response_at",
              "first_response_seconds", "status", "sentiment", "messages"]  # fmt: skip
    assert set(header) <= set(rows[0]) and len(rows) >= 5
    assert all(row["status"] in ("open", "pending", "done", "snoozed") for row in rows)

    html = cmdesk(data, *common, "--format", "html", "--out", str(tmp_path / "r.html"), "--language", "en")
    assert html.returncode == 0, html.stderr
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    received = page.split('<span class="big">')[1].split("<")[0]
    assert CLIENT in page and int(received) > 0 and f"{first} – {last}" in page

    pdf = cmdesk(data, *common, "--format", "pdf", "--out", str(tmp_path / "r.pdf"), "--language", "fr")
    assert pdf.returncode == 0, pdf.stderr
    text = subprocess.run(["pdftotext", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True, check=True)
    assert CLIENT in text.stdout and "Messages reçus" in text.stdout and received in text.stdout
    assert f"{(today - timedelta(days=6)).strftime('%d/%m/%Y')} – {today.strftime('%d/%m/%Y')}" in text.stdout


def test_bad_input_is_told_plainly(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert cmdesk(data, "demo").returncode == 0
    out = str(tmp_path / "r.csv")
    nobody = cmdesk(data, "report", "--client", "Nobody", "--format", "csv", "--out", out)
    assert nobody.returncode != 0 and "Nobody" in nobody.stderr
    backwards = cmdesk(data, "report", "--client", CLIENT, "--from", "2026-12-01", "--to", "2026-11-01",
                       "--format", "csv", "--out", out)  # fmt: skip
    assert backwards.returncode != 0 and "after" in backwards.stderr
    not_a_date = cmdesk(data, "report", "--client", CLIENT, "--from", "yesterday", "--format", "csv", "--out", out)
    assert not_a_date.returncode != 0 and "not a date" in not_a_date.stderr


def test_scheduled_reports_are_written_once(tmp_path: Path) -> None:
    data, folder = tmp_path / "data", tmp_path / "rapports"
    assert cmdesk(data, "demo").returncode == 0
    scheduled = cmdesk(data, "report-schedule", "--client", CLIENT, "weekly", "--folder", str(folder))
    assert scheduled.returncode == 0, scheduled.stderr
    first = cmdesk(data, "report", "--scheduled")
    assert first.returncode == 0 and CLIENT in first.stdout
    again = cmdesk(data, "report", "--scheduled")
    assert again.returncode == 0 and "no scheduled report is due" in again.stdout
    assert len(list(folder.glob("*.pdf"))) == 1
