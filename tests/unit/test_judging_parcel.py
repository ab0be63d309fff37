"""What a model is learnt from goes to the judging processes as a parcel: each process learns it once and keeps it;
the parent neither learns it (seconds of the writer thread in the window's process) nor pickles it for every batch
(sync/judging.py, sync/judges.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from cmdesk.analysis import learning
from cmdesk.analysis.learning import Corrections
from cmdesk.domain import Page
from cmdesk.storage import ingest, listening
from cmdesk.storage.database import Database
from cmdesk.sync.judges import Judges
from cmdesk.sync.judging import Parcel, judge_many
from tests.support.factories import item, make_account

TEXTS = [("Très déçue, la commande n'est jamais arrivée", ""), ("Merci pour l'accueil, parfait", "")]
CORRECTIONS = (
    ("la baguette était un peu cuite", "negative"),
    ("la baguette était bien cuite", "positive"),
    ("ouvert dimanche ?", "neutral"),
) * 4


def test_a_parcel_is_learnt_once_per_process_and_judges_as_the_model_does() -> None:
    model = Corrections.learnt(CORRECTIONS)
    parcel = Parcel("workspace:1", CORRECTIONS)
    expected = [(v.label, v.score, v.language) for v in (model.judge(text, known) for text, known in TEXTS)]
    assert judge_many(parcel, TEXTS) == expected
    kept = learning._learnt[parcel.key]
    assert judge_many(parcel, TEXTS) == expected
    assert learning._learnt[parcel.key] is kept, "the second batch reuses the model learnt for the first"
    other = Parcel("workspace:2", CORRECTIONS[:3])
    judge_many(other, TEXTS)
    assert list(learning._learnt) == [other.key], "a process keeps only the model of the parcel it was sent last"


class Recording:
    """Runs what the engine would run on its writer thread, and counts the reads of the corrections."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.reads = 0
        original = listening.corrections

        def counted(connection: Any) -> list[tuple[str, str]]:
            self.reads += 1
            return original(connection)

        monkeypatch.setattr(listening, "corrections", counted)

    async def __call__(self, function: Callable[..., Any], *args: Any) -> Any:
        return function(*args)


@pytest.mark.asyncio
async def test_the_engine_reads_the_corrections_once_per_correction_and_never_learns_them(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    account = make_account(database)
    ingest.commit_page(database, account.id, Page((item(1, text="Pas terrible"), item(2, text="Bof")), {}))
    writer = Recording(monkeypatch)
    learnt: list[object] = []
    monkeypatch.setattr(Corrections, "learnt", classmethod(lambda cls, rows, seed=7: learnt.append(rows)))
    judges = Judges(database, writer, None, small_pages_here=False)
    assert judges._sent(*await writer(judges._learning)) == Corrections(), "no corrections: the empty model"
    assert judges._sent(*await writer(judges._learning)) == Corrections()
    assert writer.reads == 1, "read again only when a correction changed them"
    with database.write() as connection:
        listening.correct(connection, [1], "negative")
    parcel = judges._sent(*await writer(judges._learning))
    assert isinstance(parcel, Parcel) and parcel.corrections == (("Title 1. Pas terrible", "negative"),)
    assert judges._sent(*await writer(judges._learning)) is parcel
    assert writer.reads == 2
    assert learnt == [], "the engine's process never learns the model: the judging processes do"
