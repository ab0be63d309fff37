"""Issue 17, part 1, storage: each message judged at ingest, what waits in a conversation, corrections kept for good
and learnt from, messages stored before judged in the background."""

from __future__ import annotations

from cmdesk.domain import Direction, Page
from cmdesk.domain.reads import ConversationFilter
from cmdesk.storage import ingest, listening, queries
from cmdesk.storage.database import Database
from tests.support.factories import item, make_account


def _conversation(database: Database, remote_id: str = "item-1") -> queries.Conversation:
    with database.read() as connection:
        return next(c for c in queries.conversation_page(connection, ConversationFilter()) if c.remote_id == remote_id)


def test_ingest_judges_each_message_and_the_conversation_says_what_waits(database: Database) -> None:
    account = make_account(database)
    complaint = item(1, text="Très déçue, le pain était brûlé")
    thanks = item(4, thread="item-1", text="Merci pour votre réponse, c'est parfait !")
    ingest.commit_page(database, account.id, Page((complaint,), {}))
    assert _conversation(database).sentiment == "negative"
    with database.read() as connection:
        [message] = queries.thread(connection, 1)
    assert (message.sentiment, message.language, message.sentiment_by) == ("negative", "fr", "")
    assert message.sentiment_score < -0.3

    answer = item(3, thread="item-1", text="Désolés, nous vous offrons le prochain", direction=Direction.OUTBOUND)
    ingest.commit_page(database, account.id, Page((answer, thanks), {}))
    assert _conversation(database).sentiment == "positive", "since the answer, what waits is a thank-you"
    with database.read() as connection:
        negative = queries.count(connection, ConversationFilter(sentiments=("negative",)))
    assert negative == 0


def test_a_correction_stays_through_an_edit_and_teaches_the_next_ingest(database: Database) -> None:
    account = make_account(database)
    ingest.commit_page(database, account.id, Page((item(1, text="Toujours pas reçu ma commande"),), {}))
    before = _conversation(database)
    assert before.sentiment != "negative"
    with database.write() as connection:
        corrected = listening.correct(connection, listening.waiting_messages(connection, [before.id]), "negative")
    assert corrected == {before.id} and _conversation(database).sentiment == "negative"

    ingest.commit_page(database, account.id, Page((item(1, text="Toujours pas reçu ma commande !!"),), {}))
    with database.read() as connection:
        [message] = queries.thread(connection, before.id)
    assert (message.sentiment, message.sentiment_by) == ("negative", "user"), "an edit does not undo the user"

    ingest.commit_page(database, account.id, Page((item(2, text="Commande toujours pas reçue"),), {}))
    assert _conversation(database, "item-2").sentiment == "negative", "learnt from the correction"


def test_messages_stored_before_are_judged_in_the_background(database: Database) -> None:
    account = make_account(database)
    ingest.commit_page(database, account.id, Page(tuple(item(n, text="C'est nul, très déçu") for n in range(5)), {}))
    with database.write() as connection:
        connection.exec_driver_sql("UPDATE messages SET sentiment = NULL, sentiment_score = NULL")
        connection.exec_driver_sql("UPDATE conversations SET sentiment = ''")
        assert listening.backfill(connection, limit=3) == 3
        assert listening.backfill(connection, limit=3) == 2
        assert listening.backfill(connection) == 0
        judged = connection.exec_driver_sql("SELECT count(*) FROM messages WHERE sentiment = 'negative'").scalar()
    assert judged == 5 and _conversation(database, "item-4").sentiment == "negative"


def test_what_waits_is_negative_when_any_message_since_the_answer_is() -> None:
    waiting = listening.waiting_sentiment
    assert waiting([("in", "negative"), ("in", "positive")]) == "negative"
    assert waiting([("in", "negative"), ("out", None), ("in", "neutral")]) == "neutral"
    assert waiting([("in", "positive"), ("out", None)]) == "positive", "answered: the inbound messages say"
    assert waiting([("out", None)]) == ""


def test_a_large_page_is_written_first_and_judged_right_after_by_the_engine(database: Database, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A feed's history (1,000 entries a page) is not slowed down by judging: the engine judges it after."""
    import asyncio

    import httpx

    from cmdesk.sync import SyncEngine

    monkeypatch.setattr(ingest, "JUDGED_INLINE", 3)
    account = make_account(database)
    ingest.commit_page(database, account.id, Page(tuple(item(n, text="Très déçue, c'est nul") for n in range(5)), {}))
    with database.read() as connection:
        waiting = connection.exec_driver_sql("SELECT count(*) FROM messages WHERE sentiment IS NULL").scalar()
    assert waiting == 5 and _conversation(database).sentiment == ""

    async def judge() -> int:
        engine = SyncEngine(database, httpx.AsyncClient(), {})
        try:
            return await engine.judge_backlog()
        finally:
            await engine.aclose()

    assert asyncio.run(judge()) == 5
    assert _conversation(database).sentiment == "negative"


def test_to_answer_puts_what_is_negative_first_and_pages_through_it_all(database: Database) -> None:
    """Issue 17: "negative first" in To answer, with the same keyset paging as every view (after, before,
    position), through the parts the view is split into."""
    from cmdesk.domain import Kind

    account = make_account(database)
    texts = {True: "Très déçue, c'est inadmissible", False: "Vous ouvrez à quelle heure demain ?"}
    negative = {n for n in range(30) if n % 4 == 1}
    page = tuple(item(n, kind=Kind.MENTION, text=texts[n in negative]) for n in range(30))
    ingest.commit_page(database, account.id, Page(page[:15], {}))
    ingest.commit_page(database, account.id, Page(page[15:], {}))
    view = ConversationFilter(statuses=("open", "pending"), kinds=("mention", "comment"), negative_first=True)
    with database.read() as connection:
        rows: list[queries.Conversation] = []
        while True:
            more = queries.conversation_page(connection, view, after=rows[-1].key if rows else None, limit=7)
            if not more:
                break
            rows.extend(more)
        expected = [f"item-{n}" for n in sorted(negative, reverse=True)] + [
            f"item-{n}" for n in reversed(range(30)) if n not in negative
        ]
        assert [row.remote_id for row in rows] == expected
        back = queries.conversation_page(connection, view, before=rows[10].key, limit=4)
        assert [row.remote_id for row in back] == expected[6:10]
        assert queries.position(connection, view, rows[10].key) == 10
        assert queries.position(connection, view, rows[10].key, up_to=5) == 5
        plain = queries.conversation_page(connection, ConversationFilter(statuses=("open",)), limit=3)
        assert [row.remote_id for row in plain] == ["item-29", "item-28", "item-27"], "other views: newest first"


def test_a_damaged_alert_row_reads_as_an_alert_with_nothing_listed(database: Database) -> None:
    from datetime import UTC, datetime

    from cmdesk.storage import alerts

    make_account(database)
    with database.write() as connection:
        connection.exec_driver_sql(
            "INSERT INTO alerts (client_id, kind, started_at, ended_at, messages, baseline, explanation, terms, "
            "message_ids, created_at) VALUES (1, 'negative', '2026-12-01 10:00:00.000000', "
            "'2026-12-01 12:00:00.000000', 5, 0.5, 'x', '{not json', '\"a string\"', '2026-12-01 12:00:00.000000')"
        )
        alerts.acknowledge(connection, 1, datetime.now(UTC))
    with database.read() as connection:
        [alert] = alerts.listing(connection)
    assert alert.terms == () and alert.message_ids == () and alert.acknowledged_at is not None


def test_the_window_judges_in_a_child_process_and_falls_back_when_it_dies(database: Database) -> None:
    """The window's engine leaves every page to its judge, which runs in a process of its own (its event loop
    never waits on the rules); a judge process that died is not the end of judging."""
    import asyncio
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    import httpx

    from cmdesk.sync import SyncEngine
    from cmdesk.sync.judging import judging_pool, shutdown

    account = make_account(database)
    ingest.commit_page(database, account.id, Page((item(1, text="Très déçue, c'est nul"),), {}), judge_inline=False)
    assert _conversation(database).sentiment == "", "left to the judge"

    class Dead(ProcessPoolExecutor):
        def submit(self, *args: object, **kwargs: object):  # type: ignore[no-untyped-def, override]
            raise BrokenProcessPool("killed")

    async def judge(judging: object) -> tuple[int, object]:
        engine = SyncEngine(database, httpx.AsyncClient(), {}, judging=judging)  # type: ignore[arg-type]
        try:
            return await engine.judge_backlog(), engine._judges.judging
        finally:
            await engine.aclose()

    try:
        assert asyncio.run(judge(judging_pool()))[0] == 1
    finally:
        shutdown()
    assert _conversation(database).sentiment == "negative"

    ingest.commit_page(database, account.id, Page((item(2, text="Merci, c'est parfait !"),), {}), judge_inline=False)
    judged, left = asyncio.run(judge(Dead(max_workers=1)))
    assert judged == 1 and left is None and _conversation(database, "item-2").sentiment == "positive"


def test_a_contacts_reach_is_kept_from_what_the_network_says(database: Database) -> None:
    """Issue 17: the authors' reach in the crisis view, where the network tells it (Mastodon's followers_count)."""
    from dataclasses import replace

    from cmdesk.connectors.mastodon.payloads import author_of
    from cmdesk.domain import Author
    from cmdesk.storage import alerts

    said = author_of({"acct": "oberkampf", "display_name": "Quartier", "followers_count": 4800}, "https://m.example")
    assert said.followers == 4800
    assert author_of({"acct": "x", "followers_count": "many"}, "https://m.example").followers is None
    assert author_of({"acct": "x", "followers_count": True}, "https://m.example").followers is None
    account = make_account(database)
    first = replace(item(1), author=Author(name="Quartier", handle="@oberkampf@m.example", followers=4800))
    ingest.commit_page(database, account.id, Page((first,), {}))
    later = replace(item(2), author=Author(name="Quartier", handle="@oberkampf@m.example"))  # not told this time
    ingest.commit_page(database, account.id, Page((later,), {}))
    with database.read() as connection:
        reached = alerts.reach(connection, [1, 2])
    assert reached == {1: 4800, 2: 4800}, "the last count told is kept"
