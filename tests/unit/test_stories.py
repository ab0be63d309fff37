"""Issue 17, part 2: the same link or post seen from two sources is one conversation — the story keys, and ingest
putting a later source's post (and the comments under it) into the first one's conversation."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from cmdesk.domain import Direction, Kind, Page, Status
from cmdesk.domain.reads import ConversationFilter
from cmdesk.domain.stories import canonical_url, headline_forms, story_keys
from cmdesk.storage import ingest, outbox, queries, triage
from cmdesk.storage.database import Database
from tests.support.factories import T0, item, make_account

HEADLINE = "Intoxication alimentaire : une boulangerie du 11e fermée par la préfecture"
ARTICLE = "https://www.leparisien.fr/paris-75/intoxication-boulangerie-11e.php"


def story(n: int, *, title: str = HEADLINE, url: str = ARTICLE, days: float = 0, kind: Kind = Kind.FEED):  # type: ignore[no-untyped-def]
    return replace(item(n, kind=kind, at=T0 + timedelta(days=days)), title=title, url=url)


def test_addresses_that_show_the_same_page_are_one() -> None:
    assert canonical_url(ARTICLE) == "leparisien.fr/paris-75/intoxication-boulangerie-11e.php"
    assert canonical_url("http://leparisien.fr/paris-75/intoxication-boulangerie-11e.php/?utm_source=rss#top") == (
        canonical_url(ARTICLE)
    )
    assert canonical_url("https://example.org/a?b=2&a=1&fbclid=x") == canonical_url("https://example.org/a?a=1&b=2")
    assert canonical_url("https://example.org/a?id=1") != canonical_url("https://example.org/a?id=2")
    assert canonical_url("mailto:zoe@example.org") == "" and canonical_url("") == ""


def test_a_headline_is_the_same_with_the_publication_after_it() -> None:
    google = headline_forms(f"{HEADLINE} - Le Parisien")
    bing = headline_forms(HEADLINE.upper().replace("É", "E"))
    assert bing[0] in google, "case, accents and the publication's name do not matter"
    assert headline_forms("Actualités - Le Fournil") == (), "too short to say which story"
    long_tail = headline_forms("Lyon - Un incendie ravage un entrepôt de la zone industrielle cette nuit")
    assert len(long_tail) == 1, "a long part after ' - ' is the headline, not a publication's name"


def test_only_posts_that_start_a_thread_from_listening_have_keys() -> None:
    assert story_keys(story(1)) == (
        "url:leparisien.fr/paris-75/intoxication-boulangerie-11e.php",
        "title:intoxication alimentaire une boulangerie du 11e fermee par la prefecture",
    )
    assert story_keys(story(2, kind=Kind.EMAIL)) == ()
    assert story_keys(replace(story(3), thread_key="item-1", kind=Kind.COMMENT)) == ()


def _conversations(database: Database) -> list[tuple[int, str, int]]:
    with database.read() as connection:
        page = queries.conversation_page(connection, ConversationFilter())
    return sorted((c.account_id, c.remote_id, c.message_count) for c in page)


def test_the_same_article_from_two_news_feeds_is_one_conversation(database: Database) -> None:
    google = make_account(database, address="http://127.0.0.1:1/google")
    bing = make_account(database, address="http://127.0.0.1:1/bing")
    blog = make_account(database, address="http://127.0.0.1:1/blog")
    google_news = story(1, title=f"{HEADLINE} - Le Parisien", url="https://news.google.com/rss/articles/CBMiX")
    ingest.commit_page(database, google.id, Page((google_news,), {}))
    ingest.commit_page(database, bing.id, Page((story(2, url=ARTICLE + "?utm_medium=rss"),), {}))
    ingest.commit_page(database, blog.id, Page((story(3, title="Notre boulangerie rouvre lundi prochain"),), {}))
    assert _conversations(database) == [(google.id, "item-1", 3)], "headline, then address, join the first"
    with database.read() as connection:
        first = queries.conversation_page(connection, ConversationFilter())[0]
        messages = queries.thread(connection, first.id)
    assert [(m.account_id, m.remote_id) for m in messages] == [
        (google.id, "item-1"),
        (bing.id, "item-2"),
        (blog.id, "item-3"),
    ]

    again = ingest.commit_page(database, bing.id, Page((story(2, url=ARTICLE),), {}))
    assert again.inserted == 0 and _conversations(database) == [(google.id, "item-1", 3)], "seen again: nothing new"


def test_comments_under_the_second_source_follow_it_and_wake_the_conversation(database: Database) -> None:
    news = make_account(database, address="http://127.0.0.1:1/news")
    reddit = make_account(database, address="http://127.0.0.1:1/reddit")
    ingest.commit_page(database, news.id, Page((story(1),), {}))
    ingest.commit_page(database, reddit.id, Page((story(2, url=f"{ARTICLE}#comments"),), {}))
    (conversation,) = _conversations_ids(database)
    with database.write() as connection:
        triage.set_status(connection, [conversation], Status.DONE)
    comment = replace(item(3, thread="item-2", kind=Kind.COMMENT, text="J'y étais, c'est vrai"), seen=False)
    ingest.commit_page(database, reddit.id, Page((comment,), {}))
    with database.read() as connection:
        (found,) = queries.conversations_by_ids(connection, [conversation])
    assert (found.message_count, found.status, found.unread) == (3, "open", True)
    assert _conversations(database) == [(news.id, "item-1", 3)]


def test_a_reply_answers_through_the_conversations_own_account(database: Database) -> None:
    first = make_account(database, address="http://127.0.0.1:1/first")
    second = make_account(database, address="http://127.0.0.1:1/second")
    ingest.commit_page(database, first.id, Page((story(1),), {}))
    ingest.commit_page(database, second.id, Page((story(2, days=0.5),), {}))
    (conversation,) = _conversations_ids(database)
    with database.write() as connection:
        entry = outbox.enqueue_reply(connection, conversation, "Merci, nous regardons")
    assert entry.account_id == first.id and entry.act.target == "item-1"  # type: ignore[attr-defined]


def test_what_is_not_the_same_story_stays_apart(database: Database) -> None:
    fournil = make_account(database, address="http://127.0.0.1:1/fournil")
    iris = make_account(database, client="Iris", address="http://127.0.0.1:1/iris")
    ingest.commit_page(database, fournil.id, Page((story(1, url=""),), {}))
    ingest.commit_page(database, iris.id, Page((story(2, url=""),), {}))
    ingest.commit_page(database, fournil.id, Page((story(3, url="", days=30),), {}))
    mail = make_account(database, address="http://127.0.0.1:1/mail")
    ingest.commit_page(database, mail.id, Page((story(4, kind=Kind.EMAIL),), {}))
    answer = replace(story(5, kind=Kind.EMAIL), direction=Direction.OUTBOUND)
    ingest.commit_page(database, mail.id, Page((answer,), {}))
    assert sorted(remote for _account, remote, _count in _conversations(database)) == [
        "item-1",
        "item-2",
        "item-3",
        "item-4",
        "item-5",
    ], "another client, the same headline a month later, e-mails with the same subject"


def _conversations_ids(database: Database) -> list[int]:
    with database.read() as connection:
        return [c.id for c in queries.conversation_page(connection, ConversationFilter())]
