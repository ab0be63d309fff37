"""Issue 17, part 3, end to end: feeds served on 127.0.0.1, synced by `cmdesk sync`; a burst of negative French
posts raises a negative alert for its client (`cmdesk alerts --json`), months of ordinary history raise none."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

from tests.integration.test_cli import cmdesk, json_out
from tests.support.feedserver import FeedServer, Route

ORDINARY = [
    "Le marché de Noël ouvre samedi place Carnot",
    "Nouvelle boulangerie rue Sainte-Catherine : horaires et adresse",
    "Concours du meilleur croissant : les inscriptions sont ouvertes",
    "Travaux rue de la République jusqu'à mars",
]
BURST = [
    "Intoxication alimentaire après un éclair de la boulangerie Dupain, trois enfants malades",
    "Encore des malades après les pâtisseries Dupain, c'est inadmissible",
    "Intoxication : les clients de Dupain en colère, aucune réponse de la boutique",
    "Dupain : vomissements et urgences après des choux à la crème, honteux",
    "Scandale sanitaire chez Dupain ? Des familles malades réclament un remboursement",
    "Pâtisseries Dupain : intoxication confirmée, c'est lamentable",
]


def rss(entries: list[tuple[str, datetime]]) -> bytes:
    items = "".join(
        f"<item><title>{escape(title)}</title><link>https://news.example/{n}</link><guid>https://news.example/{n}"
        f"</guid><description>{escape(title)}</description><pubDate>{format_datetime(at)}</pubDate></item>"
        for n, (title, at) in enumerate(entries)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Veille</title>'
        f"<link>https://news.example/</link><description>Veille</description>{items}</channel></rss>"
    ).encode()


def test_a_burst_of_negative_posts_raises_an_alert_and_history_does_not(tmp_path: Path, feed_server: FeedServer) -> None:  # noqa: E501
    now = datetime.now(UTC)
    history = [(ORDINARY[n % len(ORDINARY)] + f" ({n})", now - timedelta(hours=7 * n + 3)) for n in range(120)]
    burst = [(title, now - timedelta(minutes=8 * n + 2)) for n, title in enumerate(BURST)]
    feed_server.add("/quiet.rss", Route(rss(history)))
    feed_server.add("/buzz.rss", Route(rss(history[:40] + burst)))
    data = tmp_path / "data"
    for client, path in (("Le Calme", "/quiet.rss"), ("Boulangerie Dupain", "/buzz.rss")):
        assert cmdesk(data, "client", "add", client).returncode == 0
        added = cmdesk(data, "account", "add", "feed", feed_server.url(path), "--client", client)
        assert added.returncode == 0, added.stderr
    synced = cmdesk(data, "sync")
    assert synced.returncode == 0, synced.stderr

    raised = json_out(cmdesk(data, "alerts", "--json"))
    assert [alert["client"] for alert in raised] == ["Boulangerie Dupain"], "months of history are no spike"
    [alert] = raised
    assert alert["kind"] == "negative" and alert["messages"] >= 5 and alert["baseline"] < 1
    assert alert["explanation"].startswith(f"{alert['messages']} negative messages in 2 h")
    assert "intoxication" in alert["terms"] and "dupain" not in [t.lower() for t in alert["terms"]]
    started = datetime.fromisoformat(str(alert["started_at"]).replace("Z", "+00:00"))
    assert now - timedelta(hours=2) <= started <= now

    assert json_out(cmdesk(data, "alerts", "--client", "Le Calme", "--json")) == []

    # Listening across all the client's sources: what the next sync brings that names it is in Monitoring.
    listening = cmdesk(data, "monitor", "add", "--client", "Le Calme", "marché", '"meilleur croissant" -concours')
    assert listening.returncode == 0 and "Le Calme now listens for: marché" in listening.stdout
    feed_server.add("/quiet.rss", Route(rss(history + [("Le grand marché bio revient dimanche", now)])))
    assert cmdesk(data, "sync").returncode == 0
    heard = [row for row in json_out(cmdesk(data, "inbox", "--json", "--limit", "500")) if row["monitor"]]
    assert [row["title"] for row in heard] == ["Le grand marché bio revient dimanche"], "only what comes next"
    assert heard[0]["monitor"] == "marché"
    again = cmdesk(data, "sync")
    assert again.returncode == 0 and len(json_out(cmdesk(data, "alerts", "--json"))) == 1, "the cooldown holds"
    assert cmdesk(data, "alerts", "--acknowledge", str(alert["id"])).returncode == 0
    assert json.loads(cmdesk(data, "alerts", "--json").stdout.splitlines()[0])["acknowledged"] is True
