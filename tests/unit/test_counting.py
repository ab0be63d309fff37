"""Post lengths as each network documents them: Mastodon (URLs 23, remote mentions as @username, content warning
included, grapheme clusters), Bluesky (300 grapheme clusters), X (twitter-text v3 weighted length)."""

from __future__ import annotations

from cmdesk.domain import LengthCounting
from cmdesk.domain.counting import bluesky_length, count, mastodon_length, x_length

LONG_URL = "https://www.lefournil.fr/commandes/galettes-des-rois?taille=8-parts&livraison=samedi"


def test_mastodon_counts_every_url_as_23_whatever_its_length() -> None:
    assert mastodon_length(LONG_URL) == 23
    assert mastodon_length(f"Commandez ici : {LONG_URL}.") == len("Commandez ici : ") + 23 + 1
    assert mastodon_length("http://a.fr") == 23, "short URLs count 23 too"
    assert mastodon_length("lefournil.fr sans schéma") == len("lefournil.fr sans schéma")


def test_mastodon_counts_a_remote_mention_as_its_username_only() -> None:
    assert mastodon_length("Merci @marie@piaille.fr !") == len("Merci @marie !")
    assert mastodon_length("Merci @marie !") == len("Merci @marie !")
    assert mastodon_length("écrire à contact@lefournil.fr") == len("écrire à contact@lefournil.fr"), "not a mention"


def test_mastodon_counts_the_content_warning_and_grapheme_clusters() -> None:
    assert mastodon_length("Texte", content_warning="Spoiler") == 12
    assert mastodon_length("👨‍👩‍👧 🇫🇷 e\u0301") == 5, "family emoji, flag, e + combining accent: one each"
    assert count(LengthCounting.CHARACTERS, "x" * 500).over is False
    assert count(LengthCounting.CHARACTERS, "x" * 501).over is True
    assert count(LengthCounting.CHARACTERS, "x" * 600, limit=5000).remaining == 4400, "an instance's own limit"


def test_bluesky_counts_300_grapheme_clusters_and_urls_in_full() -> None:
    assert bluesky_length("👨‍👩‍👧") == 1
    assert bluesky_length(LONG_URL) == len(LONG_URL)
    assert count(LengthCounting.GRAPHEMES, "é" * 300).over is False
    assert count(LengthCounting.GRAPHEMES, "é" * 301).remaining == -1


def test_x_weighs_characters_as_twitter_text_v3_does() -> None:
    assert x_length("Bonjour") == 7
    assert x_length("你好") == 4, "CJK weighs 2"
    assert x_length("café") == x_length("cafe\u0301") == 4, "NFC first"
    assert x_length("👍🏽") == 2 and x_length("👨‍👩‍👧") == 2 and x_length("🇫🇷") == 2, "an emoji sequence weighs 2"
    assert x_length(f"Voir {LONG_URL}") == 5 + 23
    assert x_length("\u2014") == 1, "General Punctuation weighs 1"
    assert count(LengthCounting.WEIGHTED, "a" * 280).over is False
    assert count(LengthCounting.WEIGHTED, "你" * 141).over is True


def test_networks_without_a_limit_count_but_never_refuse() -> None:
    counted = count(LengthCounting.NONE, "x" * 10_000)
    assert counted.used == 10_000 and counted.limit is None and not counted.over and counted.remaining is None
