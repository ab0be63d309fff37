"""Across the top of the main window while a bad-buzz alert waits: which client, what spiked and by how much, the
words it is about, and two choices — see the messages, or mark it seen to (remembered)."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from cmdesk.domain.reads import Alert
from cmdesk.ui import theme


def alert_text(alert: Alert) -> str:
    """The alert in the user's language: "Boulangerie Le Fournil: 5 negative messages in 2 hours, 20× the usual —
    chocolat, éclair, intoxication"."""
    ratio = QLocale().toString(round(alert.messages / alert.baseline)) if alert.baseline else ""
    if alert.kind == "negative":
        what = AlertBar.tr("%Ln negative message(s) in 2 hours", "", alert.messages)
    else:
        what = AlertBar.tr("%Ln message(s) in 2 hours", "", alert.messages)
    usual = AlertBar.tr("{ratio}× the usual").format(ratio=ratio) if ratio else AlertBar.tr("none usually")
    words = f" — {', '.join(alert.terms)}" if alert.terms else ""
    return f"{alert.client}: {what}, {usual}{words}"


class AlertBar(QFrame):
    seeRequested = Signal(int)  # noqa: N815 - the alert's id
    crisisRequested = Signal(int)  # noqa: N815 - the alert's id
    acknowledged = Signal(int)  # noqa: N815 - the alert's id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alertBar")
        tones = theme.colours()
        self.setStyleSheet(
            f"#alertBar {{ background: {tones['warning']}; border-bottom: 1px solid {tones['caution']}; }}"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        layout.addWidget(self.text, 1)
        self.see = QPushButton(self.tr("See the messages"), self)
        self.crisis = QPushButton(self.tr("Crisis view…"), self)
        self.crisis.setToolTip(self.tr("Who is talking, the most shared first, and one holding statement to all"))
        self.done = QPushButton(self.tr("Seen to"), self)
        self.done.setToolTip(self.tr("Hide this alert: it stays in `cmdesk alerts` and the reports"))
        layout.addWidget(self.see)
        layout.addWidget(self.crisis)
        layout.addWidget(self.done)
        self._alert: Alert | None = None
        self.see.clicked.connect(lambda: self._alert is not None and self.seeRequested.emit(self._alert.id))
        self.crisis.clicked.connect(lambda: self._alert is not None and self.crisisRequested.emit(self._alert.id))
        self.done.clicked.connect(lambda: self._alert is not None and self.acknowledged.emit(self._alert.id))
        self.setVisible(False)

    @property
    def alert(self) -> Alert | None:
        return self._alert

    def show_alerts(self, waiting: list[Alert]) -> None:
        """The newest waiting alert (and how many others wait), or nothing."""
        self._alert = waiting[0] if waiting else None
        if self._alert is None:
            self.setVisible(False)
            return
        more = self.tr(" (and %Ln other alert(s))", "", len(waiting) - 1) if len(waiting) > 1 else ""
        self.text.setText("⚠ " + self.tr("Bad buzz?") + " " + alert_text(self._alert) + more)
        self.setVisible(True)
