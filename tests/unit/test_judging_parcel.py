"""A model learnt from corrections goes to the judging processes as a parcel, unpickled once per process: sent as
it is, 300 corrections (1.2 MB) were pickled and unpickled again for every batch (sync/judging.py, sync/judges.py)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from cmdesk.analysis.learning import Corrections
from cmdesk.storage.database import Database
from cmdesk.sync import judging
from cmdesk.sync.judges import Judges
from cmdesk.sync.judging import Parcel, judge_many

TEXTS = [("Très déçue, la commande n'est jamais arrivée", ""), ("Merci pour l'accueil, parfait", "")]
CORRECTIONS = [
    ("la baguette était un peu cuite", "negative"),
    ("la baguette était bien cuite", "positive"),
    ("ouvert dimanche ?", "neutral"),
] * 4


def test_a_parcel_is_unpickled_once_and_judges_as_the_model_does() -> None:
    model = Corrections.learnt(CORRECTIONS)
    parcel = Parcel.of(model)
    expected = [(v.label, v.score, v.language) for v in (model.judge(text, known) for text, known in TEXTS)]
    assert judge_many(parcel, TEXTS) == expected
    kept = judging._unpacked[parcel.key]
    assert judge_many(parcel, TEXTS) == expected
    assert judging._unpacked[parcel.key] is kept, "the second batch reuses the model unpickled for the first"
    other = Parcel.of(Corrections.learnt(CORRECTIONS[:3]))
    judge_many(other, TEXTS)
    assert list(judging._unpacked) == [other.key], "a process keeps only the model it was sent last"


def test_the_engine_makes_one_parcel_per_model_and_none_without_corrections(database: Database) -> None:
    async def on_writer(function: Callable[..., Any], *args: Any) -> Any:
        return function(*args)

    writer: Callable[..., Awaitable[Any]] = on_writer
    judges = Judges(database, writer, None, small_pages_here=False)
    empty = Corrections()
    assert judges._sent(empty) is empty, "no corrections: the small model itself"
    learnt = Corrections.learnt(CORRECTIONS)
    first = judges._sent(learnt)
    assert isinstance(first, Parcel) and judges._sent(learnt) is first
    assert judges._sent(Corrections.learnt(CORRECTIONS[:3])) is not first, "a correction made a new model"
