"""What the sync engine says, shown: progress in the status bar, the list refreshed when things go quiet, desktop
notifications. Part of MainWindow (window.py), as a mixin: it works on the window's own widgets."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QItemSelectionModel,
    QLocale,
    QTimer,
)

from cmdesk.domain import Account, Health
from cmdesk.domain.reader import Reader, ReadError
from cmdesk.domain.reads import Conversation, ConversationFilter, OutboxState
from cmdesk.models.conversation_list_model import BLOCK
from cmdesk.models.outbox_table_model import host_of
from cmdesk.services import networks
from cmdesk.ui import theme
from cmdesk.ui.conversation_delegate import ConversationDelegate
from cmdesk.ui.main_window.constants import (
    SYNC_REFRESH_MAX_S,
    SYNC_REFRESH_SPREAD_MS,
)
from cmdesk.ui.plain_words import plain
from cmdesk.ui.tray import NOTIFIABLE, NOTIFIED_BY_DEFAULT

if TYPE_CHECKING:
    from cmdesk.services.desk import AccountOutcome, SendOutcome

log = logging.getLogger(__name__)


class SyncStatus:
    def _outbox_changed(self, result: SendOutcome) -> None:
        self._refresh_thread()
        self.refresh_all()
        if result.state is OutboxState.FAILED:
            self.statusBar().showMessage(self.tr("Not sent: {reason}").format(reason=plain(result.reason)), 8000)

    def sync_all(self) -> None:
        self.context.sync_now()
        self.statusBar().showMessage(self.tr("Syncing all sources…"), 3000)

    def _sync_started(self, account_id: int) -> None:
        self._syncing.add(account_id)
        self._show_sync_progress()
        if self._sources is not None and self._showing(self._sources):
            self._sources.refresh()

    def _show_sync_progress(self) -> None:
        done = len(self._synced)
        self.sync_label.setText(
            self.tr("⟳ syncing {done} of {total}…").format(done=done + 1, total=done + len(self._syncing))
        )

    def _sync_finished(self, result: AccountOutcome) -> None:
        self._syncing.discard(result.account_id)
        self._synced.add(result.account_id)
        if self._syncing:
            self._show_sync_progress()
        else:
            self._synced.clear()
        self._new_since_refresh = self._new_since_refresh or result.ingested.inserted > 0
        if time.monotonic() - self._last_refresh > SYNC_REFRESH_MAX_S:
            self._refresh_after_sync()
        else:
            self.sync_refresh.start()

    def _team_arrived(self, _pages: int) -> None:
        """Messages a teammate's laptop pulled reached this copy (team mode): shown as a sync's are."""
        self._new_since_refresh = True
        self.sync_refresh.start()

    def _refresh_after_sync(self) -> None:
        """Show what the sync brought without moving the user: the selected conversation stays selected. The rows
        the reload will show are read on the reading thread and painted ahead, a few per turn of the event loop
        (ConversationDelegate.paint_ahead), then the list reloads and draws them from their pictures."""
        self.sync_refresh.stop()
        self._last_refresh = time.monotonic()
        if not self._new_since_refresh:
            self._refresh_the_rest()
            return
        self._new_since_refresh = False
        if self.model.search_text or self.list.verticalScrollBar().value() > 0:
            # Search hits are read as the reload reads them; a list scrolled down shows other rows than the first.
            self._reload_after_sync()
            return
        view = self.model.view
        shown = self.list.viewport().height() // max(1, self.list.verticalHeader().defaultSectionSize()) + 1
        self.context.reads.submit(
            "rows-ahead",
            lambda reader: read_ahead(reader, view),
            lambda read: self._paint_ahead(read, shown),
            self.list,
        )

    def _paint_ahead(self, read: ReadAhead | None, shown: int) -> None:
        if read is None:
            self._reload_after_sync()
            return
        current = self.thread.conversation
        delegate = self.list.itemDelegate()
        assert isinstance(delegate, ConversationDelegate)
        selected = current.id if current is not None else None
        delegate.paint_ahead(self.list, read.rows[:shown], selected, lambda: self._reload_after_sync(read))

    def _reload_after_sync(self, read: ReadAhead | None = None) -> None:
        """The list reloaded, keeping the selected conversation selected: from the rows read ahead (those painted
        ahead) when they are of the view still shown, else read again."""
        current = self.thread.conversation
        if read is None or not self.model.show_read(read.view, read.rows, read.count):
            self.model.reload()
        row = self.model.locate(current) if current is not None else -1
        if row >= 0:
            index = self.model.index(row)
            self.list.selectionModel().blockSignals(True)
            self.list.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.list.selectionModel().blockSignals(False)
            self.list.viewport().update()
        elif current is None:
            self._after_reload(0)
        self._show_empty_state(self.model.rowCount() == 0)
        self._refresh_the_rest()

    def _refresh_the_rest(self) -> None:
        # In later turns of the event loop, a few ms apart so that input, painting and the sync's own callbacks run
        # in between: zero-delay timers all ran in one pass, 80–100 ms on a slow machine.
        QTimer.singleShot(SYNC_REFRESH_SPREAD_MS, self.refresh_all)
        QTimer.singleShot(2 * SYNC_REFRESH_SPREAD_MS, self.notify_new)

    def notify_new(self, *, quietly: bool = False) -> str:
        """A desktop notification for unread conversations that arrived (or got a new message) since the last look,
        of the kinds chosen in Preferences (direct messages and mentions by default). Each arrival is told once;
        what arrives in a kind the user does not follow is not told later either."""
        wanted = {
            kind for kind in NOTIFIABLE if self.settings.value(f"notify/{kind}", kind in NOTIFIED_BY_DEFAULT, bool)
        }
        rows = self.context.reader.conversation_page(ConversationFilter(kinds=NOTIFIABLE, unread_only=True), limit=50)
        fresh = [row for row in rows if (row.id, row.last_activity_at) not in self._told and row.kind in wanted]
        self._told |= {(row.id, row.last_activity_at) for row in rows}
        return "" if quietly else self.tray.notify_new(fresh)

    def _update_status(self, accounts: list, states: dict, outbox: int) -> None:  # type: ignore[type-arg]
        if self._syncing:
            return
        real = [account for account in accounts if not account.is_demo]
        attention = [a for a in real if states.get(a.id) and states[a.id].health is Health.NEEDS_ATTENTION]
        retrying = [a for a in real if states.get(a.id) and states[a.id].health is Health.RETRYING]
        if not real:
            self.sync_label.setText(self.tr("No sources yet") if not accounts else self.tr("Demo workspace"))
        elif attention:
            self.sync_label.setText(self.tr("⚠ %Ln source(s) need attention", "", len(attention)))
            self.sync_label.setToolTip("\n".join(f"{a.name}: {plain(states[a.id].reason)}" for a in attention))
        elif retrying:
            self.sync_label.setText(self.tr("⟳ %Ln source(s) out of reach, trying again", "", len(retrying)))
            self.sync_label.setToolTip("\n".join(f"{a.name}: {plain(states[a.id].reason)}" for a in retrying))
        elif ending := ending_sign_ins(real):
            self.sync_label.setText(self.tr("⚠ %Ln sign-in(s) end soon: Sources → Sign in again", "", len(ending)))
            locale = QLocale()
            self.sync_label.setToolTip(
                "\n".join(
                    f"{a.name}: {locale.toString(end.astimezone(), QLocale.FormatType.ShortFormat)}"
                    for a, end in ending
                )  # fmt: skip
            )
        else:
            self.sync_label.setText(self.tr("✓ %Ln source(s) up to date", "", len(real)))
            self.sync_label.setToolTip("")
        offline = looks_offline(real, retrying)
        self.network_label.setText(self.tr("● offline") if offline else self.tr("● online"))
        self.network_label.setStyleSheet(theme.text_style("bad") if offline else theme.text_style("good"))
        self.outbox_label.setText(self.tr("Outbox: {n}").format(n=outbox))
        problem = self.context.team_problem
        if problem:
            self.network_label.setText(self.network_label.text() + " · " + self.tr("team database out of reach"))
            self.network_label.setStyleSheet(theme.text_style("bad"))
        self.network_label.setToolTip(plain(problem))


SIGN_IN_ENDING = timedelta(days=2)


@dataclass(frozen=True, slots=True)
class ReadAhead:
    """A view's first block and count, read in one state of the database on the reading thread after a sync."""

    view: ConversationFilter
    rows: list[Conversation]
    count: int


def read_ahead(reader: Reader, view: ConversationFilter) -> ReadAhead | None:
    """What the list will show after a sync, for painting ahead; None when it cannot be read (the reload then reads
    again, and says why)."""
    try:
        with reader.consistent():
            return ReadAhead(view, reader.conversation_page(view, limit=BLOCK), reader.count(view))
    except ReadError:
        return None


def ending_sign_ins(accounts: list[Account], now: datetime | None = None) -> list[tuple[Account, datetime]]:
    """Accounts whose network ends their sign-in within two days (Sources shows it a week ahead)."""
    now = now or datetime.now(UTC)
    found = ((account, networks.sign_in_ends(account)) for account in accounts)
    return [(account, end) for account, end in found if end is not None and end - now <= SIGN_IN_ENDING]


def looks_offline(accounts: list[Account], retrying: list[Account]) -> bool:
    """The computer is offline — not one source down: every source is out of reach, and they live on at least two
    different servers (one dead feed is that feed's health, shown as such)."""
    if not accounts or len(retrying) < len(accounts):
        return False
    return len({host_of(account.address) or account.address for account in retrying}) >= 2
