"""The saved views of the sidebar (All open, Mentions, Messages…), each a ConversationFilter, with their counts."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QCoreApplication

from cmdesk.storage.queries import ConversationFilter

ACTIVE = ("open", "pending")


@dataclass(frozen=True, slots=True)
class SavedView:
    key: str
    source_title: str
    view: ConversationFilter

    @property
    def title(self) -> str:
        return QCoreApplication.translate("Views", self.source_title)

    def count(self, counts: dict[tuple[str, str], int]) -> int:
        """This view's number of conversations, from (status, kind) counts."""
        return sum(
            number
            for (status, kind), number in counts.items()
            if (not self.view.statuses or status in self.view.statuses)
            and (not self.view.kinds or kind in self.view.kinds)
        )


def builtin_views() -> list[SavedView]:
    return [
        SavedView("open", "All open", ConversationFilter(statuses=ACTIVE)),
        SavedView("mentions", "Mentions", ConversationFilter(kinds=("mention",), statuses=ACTIVE)),
        SavedView("messages", "Messages", ConversationFilter(kinds=("message",), statuses=ACTIVE)),
        SavedView("comments", "Comments", ConversationFilter(kinds=("comment",), statuses=ACTIVE)),
        SavedView("email", "E-mail", ConversationFilter(kinds=("email",), statuses=ACTIVE)),
        SavedView("monitoring", "Monitoring", ConversationFilter(kinds=("feed",), statuses=ACTIVE)),
        SavedView("snoozed", "Snoozed", ConversationFilter(statuses=("snoozed",))),
        SavedView("done", "Done", ConversationFilter(statuses=("done",))),
    ]


def label_view(label_id: int, name: str) -> SavedView:
    return SavedView(f"label:{label_id}", name, ConversationFilter(label_ids=(label_id,)))


def scoped(view: ConversationFilter, client_id: int | None, account_id: int | None) -> ConversationFilter:
    return replace(
        view,
        client_ids=(client_id,) if client_id is not None else (),
        account_ids=(account_id,) if account_id is not None else (),
    )


def _register_titles() -> None:
    """Titles marked for lupdate (they are translated when shown, through SavedView.title)."""
    for text in ("All open", "Mentions", "Messages", "Comments", "E-mail", "Monitoring", "Snoozed", "Done"):
        QCoreApplication.translate("Views", text)
