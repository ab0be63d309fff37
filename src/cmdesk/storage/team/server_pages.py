"""The team database's own records follow the pages laptops pull: when a page's operation is appended to the log,
its messages, conversations, contacts and activities are written into the team database by the laptop's own ingest
(storage/ingest.py, which writes the records the same way on PostgreSQL), so reading the team database directly
(`--from-team`, storage/team/server_reader.py) and filling a new laptop's copy from it see them.

What stays the laptops' alone: language and sentiment (judged on each laptop), monitors, reply-time summaries,
deletions, read marks and the networks' own counts — the team database holds the records, each laptop what it works
out of them. A page the records refuse (a stranger's bytes PostgreSQL will not store) is skipped with a warning; its
operation stays in the log for the laptops, which is what matters."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from cmdesk.storage import ingest
from cmdesk.storage.team import page_codec
from cmdesk.storage.timeutil import utcnow

log = logging.getLogger(__name__)


def write(pg: Connection, account_uid: str, payload: dict[str, Any]) -> bool:
    """Write a page into the team database's records (in the append's transaction); whether it was."""
    account_id = pg.execute(text("SELECT id FROM accounts WHERE uid = :uid"), {"uid": account_uid}).scalar()
    if account_id is None:
        log.warning("a page for an account the team database does not hold (%s): kept in the log only", account_uid)
        return False
    try:
        page = page_codec.decode(payload)
    except page_codec.BadPage as error:
        log.warning("a page that cannot be read (%s): kept in the log only", error)
        return False
    savepoint = pg.begin_nested()
    try:
        ingest.write_page(pg, int(account_id), page, utcnow(), judge_inline=False, save_cursor=False)
    except (DBAPIError, ValueError) as error:
        savepoint.rollback()
        log.warning("a page the team database's records refused (%s): kept in the log only", error)
        return False
    savepoint.commit()
    return True
