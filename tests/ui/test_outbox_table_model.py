"""The Outbox view's model reads the outbox a page at a time, in the outbox's order, and passes Qt's model checks."""

from __future__ import annotations

from cmdesk.domain.acts import Favourite
from cmdesk.domain.reads import OutboxState
from cmdesk.models.outbox_table_model import PAGE, EntryIdRole, OutboxTableModel
from cmdesk.storage import outbox
from cmdesk.storage.database import Database
from cmdesk.storage.sqlite_reader import SqliteReader
from tests.support.factories import make_account


def test_pages_on_demand_in_the_outboxs_order_and_filters(qtmodeltester, database: Database) -> None:  # type: ignore[no-untyped-def]
    account = make_account(database)
    total = PAGE * 2 + 50
    with database.write() as connection:
        ids = [outbox.enqueue(connection, account.id, Favourite(str(n))).id for n in range(total)]
        outbox.claim(connection, ids[-1])
        outbox.mark_failed(connection, ids[-1], "the post is gone (404)")
    model = OutboxTableModel(SqliteReader(database))
    model.reload()
    assert model.rowCount() == PAGE and model.canFetchMore(model.index(-1, -1))
    assert model.index(0, 0).data(EntryIdRole) == ids[-1], "what needs the user comes first"
    assert model.index(0, 5).data() == "the post is gone (404)"
    while model.canFetchMore(model.index(-1, -1)):
        model.fetchMore(model.index(-1, -1))
    assert model.rowCount() == total
    assert sorted(model.index(row, 0).data(EntryIdRole) for row in range(total)) == sorted(ids)
    qtmodeltester.check(model)
    model.set_filter("problems")
    assert [model.entry(row).state for row in range(model.rowCount())] == [OutboxState.FAILED]  # type: ignore[union-attr]
