"""Judging a batch (analysis/learning.Corrections.judge_all): the languages not known are found first, in one loop,
then the rules read each message; the verdicts are those of judging one message after another, and a message's
language is the same whether its page was judged as it was written or in the judging processes."""

from __future__ import annotations

from dataclasses import replace

from cmdesk.analysis.learning import Corrections
from cmdesk.storage import listening
from cmdesk.storage.listening import text_of
from cmdesk.sync.judging import judge_many
from tests.support.factories import item
from tests.unit.test_judging_parcel import CORRECTIONS

TEXTS = [
    ("Très déçue, la commande n'est jamais arrivée", ""),
    ("Thanks a lot, the sourdough was perfect!", ""),
    ("ok 👍", ""),
    ("lol", ""),
    ("Le pain était bon", "fr"),
    ("http://example.org @someone #tag", ""),
    ("NUUUUL le service, jamais plus", ""),
    ("", ""),
]


def test_a_batch_is_judged_as_its_messages_one_by_one() -> None:
    for model in (Corrections(), Corrections.learnt(CORRECTIONS)):
        assert model.judge_all(TEXTS) == [model.judge(text, language) for text, language in TEXTS]
    undetermined = Corrections().judge_all([("lol", "")])[0]
    assert undetermined.language == "", "a language looked for and not found stays undetermined"


def test_a_messages_language_does_not_depend_on_the_size_of_its_page() -> None:
    """A short reply under a French title: its page judged as it is written (small) or in the judging processes
    (large) gives it the same language; the small page's was found from the text alone ("en" for "ok")."""
    items = [
        replace(item(1), title="Merci pour la livraison rapide de la commande de pain", text="ok"),
        replace(item(2), title="Opening hours", text="Are you open on Sunday morning? We would like to come"),
    ]
    as_written = [language for language, _label, _score in listening.verdicts(Corrections(), items)]
    in_processes = [v[2] for v in judge_many(Corrections(), [(text_of(i.title, i.text), "") for i in items])]
    assert as_written == in_processes == ["fr", "en"]
