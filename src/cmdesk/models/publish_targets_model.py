"""PublishTargetsModel: the accounts a post can go to, checkable, under their clients (the composer's "Publish to"
list), as a Qt model filled from the Reader's clients and accounts."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from cmdesk.domain import Account
from cmdesk.domain.reads import Client

AccountRole = Qt.ItemDataRole.UserRole + 40
"""An account row's account id (client rows have none)."""


class PublishTargetsModel(QStandardItemModel):
    def fill(
        self,
        clients: Sequence[Client],
        accounts: Sequence[Account],
        chosen: Collection[int],
        *,
        client_label: Callable[[Client], str],
        account_tip: Callable[[Account], str],
        nothing: str,
    ) -> None:
        """Each client with accounts that can publish, its accounts under it, `chosen` ones checked; `nothing` is
        said when no account can publish."""
        self.clear()
        root = self.invisibleRootItem()
        for client in clients:
            mine = [a for a in accounts if a.client_id == client.id]
            if not mine:
                continue
            head = QStandardItem(client_label(client))
            head.setEditable(False)
            head.setSelectable(False)
            for account in mine:
                item = QStandardItem(account.name)
                item.setEditable(False)
                item.setToolTip(account_tip(account))
                item.setData(account.id, AccountRole)
                item.setCheckable(True)
                item.setCheckState(Qt.CheckState.Checked if account.id in chosen else Qt.CheckState.Unchecked)
                head.appendRow(item)
            root.appendRow(head)
        if not accounts:
            note = QStandardItem(nothing)
            note.setEnabled(False)
            root.appendRow(note)

    def _account_items(self) -> list[QStandardItem]:
        found = []
        for row in range(self.rowCount()):
            head = self.item(row)
            if head is not None:
                found.extend(head.child(n) for n in range(head.rowCount()))
        return [item for item in found if item is not None]

    def chosen(self) -> list[int]:
        return [int(i.data(AccountRole)) for i in self._account_items() if i.checkState() == Qt.CheckState.Checked]

    def set_chosen(self, account_ids: Collection[int]) -> None:
        for item in self._account_items():
            wanted = int(item.data(AccountRole)) in account_ids
            item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)

    def shown(self) -> dict[str, list[str]]:
        """Client → the names of its accounts, as listed (for tests and screenshots)."""
        result: dict[str, Any] = {}
        for row in range(self.rowCount()):
            head = self.item(row)
            if head is not None:
                result[head.text()] = [head.child(n).text() for n in range(head.rowCount()) if head.child(n)]
        return result
