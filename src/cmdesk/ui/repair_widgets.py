"""What the user sees when the database is damaged, never a modal dialog (it would block `--screenshots`, scripts
and a window that must keep showing what is readable): `RepairWindow` when cmdesk cannot open the database at
all, and `DamageBar` across the top of the main window when damage is found while it runs. Both offer the same
choices — rebuild the search index (loses nothing), restore the newest copy, salvage what is readable — and say
which ones exist; the app (app/repair.py) carries them out."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from cmdesk.ui import theme

REBUILD_SEARCH = "rebuild-search"
RESTORE = "restore"
SALVAGE = "salvage"
QUIT = "quit"


@dataclass(frozen=True)
class Damage:
    """What is wrong and what can be offered: a one-line summary, when the newest copy was made ('' when there is
    none), whether a salvage has anything to read, whether only the search index is damaged."""

    summary: str
    copy_made: str
    can_salvage: bool
    only_search_index: bool = False


def _choice_buttons(
    owner: QWidget, copy_made: str, can_salvage: bool, only_search_index: bool
) -> list[tuple[str, QPushButton]]:
    buttons: list[tuple[str, QPushButton]] = []
    if only_search_index:
        buttons.append(
            (
                REBUILD_SEARCH,
                QPushButton(QCoreApplication.translate("RepairChoices", "Rebuild the search index"), owner),
            )
        )
    if copy_made:
        label = QCoreApplication.translate("RepairChoices", "Restore the copy of {when}").format(when=copy_made)
        buttons.append((RESTORE, QPushButton(label, owner)))
    if can_salvage and not only_search_index:
        buttons.append(
            (SALVAGE, QPushButton(QCoreApplication.translate("RepairChoices", "Salvage what is readable"), owner))
        )
    return buttons


class RepairWindow(QWidget):
    """cmdesk could not open its database: why, and what can be done about it."""

    chosen = Signal(str)

    def __init__(self, damage: Damage) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("cmdesk cannot open its database"))
        self.setMinimumWidth(640)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(12)
        title = QLabel(self.tr("cmdesk cannot open its database"), self)
        title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        layout.addWidget(title)
        self.reason = QLabel(damage.summary, self)
        self.reason.setWordWrap(True)
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.reason)
        advice = QLabel(self._advice(damage.copy_made, damage.can_salvage), self)
        advice.setWordWrap(True)
        advice.setStyleSheet(theme.text_style("meta"))
        layout.addWidget(advice)
        self.outcome = QLabel(self)
        self.outcome.setWordWrap(True)
        self.outcome.setVisible(False)
        layout.addWidget(self.outcome)
        row = QHBoxLayout()
        row.addStretch(1)
        self.buttons = dict(_choice_buttons(self, damage.copy_made, damage.can_salvage, False))
        self.buttons[QUIT] = QPushButton(self.tr("Quit"), self)
        for kind, button in self.buttons.items():
            button.clicked.connect(lambda _checked=False, kind=kind: self.chosen.emit(kind))
            row.addWidget(button)
        layout.addLayout(row)
        first = next(iter(self.buttons.values()))
        first.setDefault(True)
        first.setFocus()

    def _advice(self, copy_made: str, can_salvage: bool) -> str:
        parts = []
        if copy_made:
            restoring = self.tr("Restoring the copy of {when} brings back everything up to then.")
            parts.append(restoring.format(when=copy_made))
        if can_salvage:
            parts.append(self.tr("Salvaging keeps every message that can still be read."))
        parts.append(self.tr("Either way the damaged file is kept aside, never deleted."))
        return " ".join(parts)

    def working(self, text: str) -> None:
        """A choice is being carried out: say so, and no second click meanwhile."""
        for button in self.buttons.values():
            button.setEnabled(False)
        self.show_outcome(text, failed=False)

    def failed(self, text: str) -> None:
        for button in self.buttons.values():
            button.setEnabled(True)
        self.show_outcome(text, failed=True)

    def show_outcome(self, text: str, *, failed: bool) -> None:
        self.outcome.setText(text)
        self.outcome.setStyleSheet(theme.text_style("bad") if failed else theme.text_style("good"))
        self.outcome.setVisible(True)


class DamageBar(QFrame):
    """Across the top of the main window while the database is damaged: what was found and the choices. The window
    goes on showing what it can read."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("damageBar")
        tones = theme.colours()
        self.setStyleSheet(f"#damageBar {{ background: {tones['danger']}; border-bottom: 1px solid {tones['bad']}; }}")
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(12, 6, 12, 6)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setStyleSheet(theme.text_style("bad"))
        self._layout.addWidget(self.text, 1)
        self._buttons: list[QPushButton] = []
        self.setVisible(False)

    def show_damage(self, damage: Damage) -> None:
        for button in self._buttons:
            button.deleteLater()
        if damage.only_search_index:
            intro = self.tr("The search index is damaged; your messages are whole.")
        else:
            intro = self.tr("The database is damaged. cmdesk shows what it can read; repairing restarts it.")
        self.text.setText(intro)
        self.text.setToolTip(damage.summary)  # SQLite's own words, for whoever helps the user
        self._buttons = []
        for kind, button in _choice_buttons(self, damage.copy_made, damage.can_salvage, damage.only_search_index):
            button.clicked.connect(lambda _checked=False, kind=kind: self.chosen.emit(kind))
            self._layout.addWidget(button)
            self._buttons.append(button)
        self.setVisible(True)

    def busy(self, text: str) -> None:
        for button in self._buttons:
            button.setEnabled(False)
        self.text.setText(text)

    def clear(self) -> None:
        self.setVisible(False)
