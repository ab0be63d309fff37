"""The saved views of the sidebar (All open, Mentions, Messages…), each a ConversationFilter, with their counts."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from cmdesk.domain.reads import ConversationFilter, Tally

ACTIVE = ("open", "pending")
ANSWERABLE = ("mention", "message", "comment", "email")
"""What people say to the organisation and wait for an answer to (a feed post found by monitoring is not)."""


@dataclass(frozen=True, slots=True)
class SavedView:
    key: str
    source_title: str
    view: ConversationFilter

    @property
    def title(self) -> str:
        return QCoreApplication.translate("Views", self.source_title)

    @property
    def counted_from_tallies(self) -> bool:
        """Whether (status, kind) tallies give this view's count (a view limited to some networks, labels or
        sentiments is counted by itself)."""
        view = self.view
        apart = (
            view.networks,
            view.label_ids,
            view.sentiments,
            view.monitored,
            view.conversation_ids,
            view.overdue,
            view.held,
            view.assignees,
        )
        return not any(apart)

    def count(self, tallies: dict[tuple[str, str], Tally]) -> int:
        """This view's number of conversations, from (status, kind) tallies."""
        return sum(
            tally.unanswered if self.view.unanswered else tally.conversations
            for (status, kind), tally in tallies.items()
            if (not self.view.statuses or status in self.view.statuses)
            and (not self.view.kinds or kind in self.view.kinds)
        )


def builtin_views(
    reply_networks: tuple[str, ...] = (), *, moderating: bool = True, person: str = ""
) -> list[SavedView]:
    """The built-in views; To answer keeps to `reply_networks`, the networks cmdesk answers (a blog's comments read
    through its feed wait on the blog, not here); To moderate only when an account's network holds comments for
    review (`moderating`); in a team, Mine (assigned to `person`) and Unassigned."""
    views = [
        SavedView("open", QT_TRANSLATE_NOOP("Views", "All open"), ConversationFilter(statuses=ACTIVE)),
        SavedView(
            "to_answer",
            QT_TRANSLATE_NOOP("Views", "To answer"),
            ConversationFilter(
                kinds=ANSWERABLE, statuses=ACTIVE, unanswered=True, networks=reply_networks, negative_first=True
            ),
        ),
        SavedView(
            "overdue",
            QT_TRANSLATE_NOOP("Views", "Overdue"),
            ConversationFilter(statuses=("open",), overdue=True),
        ),
        SavedView(
            "to_moderate",
            QT_TRANSLATE_NOOP("Views", "To moderate"),
            ConversationFilter(statuses=ACTIVE, held=True),
        ),
        SavedView(
            "mentions", QT_TRANSLATE_NOOP("Views", "Mentions"), ConversationFilter(kinds=("mention",), statuses=ACTIVE)
        ),
        SavedView(
            "messages", QT_TRANSLATE_NOOP("Views", "Messages"), ConversationFilter(kinds=("message",), statuses=ACTIVE)
        ),
        SavedView(
            "comments", QT_TRANSLATE_NOOP("Views", "Comments"), ConversationFilter(kinds=("comment",), statuses=ACTIVE)
        ),
        SavedView("email", QT_TRANSLATE_NOOP("Views", "E-mail"), ConversationFilter(kinds=("email",), statuses=ACTIVE)),
        SavedView(
            "monitoring", QT_TRANSLATE_NOOP("Views", "Monitoring"), ConversationFilter(monitored=True, statuses=ACTIVE)
        ),
        SavedView(
            "negative",
            QT_TRANSLATE_NOOP("Views", "Negative"),
            ConversationFilter(statuses=ACTIVE, sentiments=("negative",)),
        ),
        SavedView("snoozed", QT_TRANSLATE_NOOP("Views", "Snoozed"), ConversationFilter(statuses=("snoozed",))),
        SavedView("done", QT_TRANSLATE_NOOP("Views", "Done"), ConversationFilter(statuses=("done",))),
    ]
    if person:
        views[2:2] = [
            SavedView(
                "mine", QT_TRANSLATE_NOOP("Views", "Mine"), ConversationFilter(statuses=ACTIVE, assignees=(person,))
            ),
            SavedView(
                "unassigned",
                QT_TRANSLATE_NOOP("Views", "Unassigned"),
                ConversationFilter(statuses=ACTIVE, assignees=("",)),
            ),
        ]
    return [view for view in views if moderating or view.key != "to_moderate"]


def label_view(label_id: int, name: str) -> SavedView:
    return SavedView(f"label:{label_id}", name, ConversationFilter(label_ids=(label_id,)))


def scoped(view: ConversationFilter, client_id: int | None, account_id: int | None) -> ConversationFilter:
    return replace(
        view,
        client_ids=(client_id,) if client_id is not None else (),
        account_ids=(account_id,) if account_id is not None else (),
    )
