"""E-mail account settings from the command line: provider presets, ports that follow the security, refusals."""

from __future__ import annotations

import pytest

from cmdesk.cli.context import CommandError
from cmdesk.cli.email_cmd import settings_from
from cmdesk.cli.main import build_parser
from cmdesk.connectors.email.connector import imap_date
from cmdesk.connectors.email.mime import parse_message


def parsed(*argv: str) -> dict[str, object]:
    return settings_from(build_parser().parse_args(["account", "add", "email", *argv]))


def test_well_known_providers_are_prefilled() -> None:
    gmail = parsed("boulangerie@gmail.com")
    assert (gmail["imap_host"], gmail["imap_port"], gmail["imap_security"]) == ("imap.gmail.com", 993, "tls")
    outlook = parsed("velos.martin@outlook.com")
    assert (outlook["smtp_host"], outlook["smtp_port"], outlook["smtp_security"]) == (
        "smtp.office365.com",
        587,
        "starttls",
    )


def test_ports_follow_the_chosen_security_and_unknown_domains_need_a_host() -> None:
    own = parsed("contact@fournil.fr", "--imap-host", "mail.fournil.fr", "--imap-security", "starttls")
    assert (own["imap_port"], own["smtp_host"]) == (143, "mail.fournil.fr")
    with pytest.raises(CommandError, match="--imap-host"):
        parsed("contact@fournil.fr")
    with pytest.raises(CommandError, match="not an e-mail address"):
        parsed("fournil.fr", "--imap-host", "x")


def test_imap_dates_are_english_whatever_the_locale() -> None:
    from datetime import datetime

    assert imap_date(datetime(2026, 8, 3)) == "03-Aug-2026"


def test_a_message_without_id_or_date_still_becomes_an_item() -> None:
    item = parse_message(
        b"From: =?utf-8?q?L=C3=A9a?= <lea@client.test>\r\nSubject: =?iso-8859-1?q?d=E9j=E0?=\r\n\r\nok", "me@x"
    )
    assert item.author.name == "Léa" and item.title == "déjà" and item.text == "ok"
    assert item.remote_id.startswith("sha256:") and item.created_at is None


def test_bodies_are_fetched_in_groups_that_fit_the_memory_budget() -> None:
    from cmdesk.connectors.email.imap import chunks_by_size

    sizes = {1: 10, 2: 10, 3: 50, 4: 5, 5: 200}
    assert chunks_by_size([1, 2, 3, 4, 5], sizes, 60) == [[1, 2], [3, 4], [5]]
    assert chunks_by_size([], sizes, 60) == []
