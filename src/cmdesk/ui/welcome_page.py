"""First run: what cmdesk is, and two ways in — add a source, or explore the demo workspace."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class WelcomePage(QWidget):
    addSourceRequested = Signal()  # noqa: N815
    demoRequested = Signal()  # noqa: N815

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("Welcome to cmdesk"), self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        self.intro = intro = QLabel(
            self.tr(
                "One calm inbox for everything said to and about your organisation: blog comments, forums, "
                "YouTube and Reddit, mentions, messages and e-mail. Read, triage and answer — even offline."
            ),
            self,
        )
        intro.setWordWrap(True)
        intro.setFixedWidth(560)
        self.add_button = QPushButton(self.tr("Add a source…"), self)
        self.add_button.setToolTip(self.tr("Paste the address of a blog, forum, YouTube channel or feed"))
        self.demo_button = QPushButton(self.tr("Explore the demo workspace"), self)
        self.demo_button.setToolTip(self.tr("Two example clients with realistic conversations; removable in one click"))
        for button in (self.add_button, self.demo_button):
            button.setMinimumHeight(40)
            button.setMinimumWidth(320)
        self.add_button.setDefault(True)
        self.add_button.clicked.connect(self.addSourceRequested)
        self.demo_button.clicked.connect(self.demoRequested)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(title, 0, Qt.AlignmentFlag.AlignHCenter)
        # Centred by stretches, not by an alignment: a layout item with an alignment is given its size hint's
        # height, one line, and the wrapped introduction lost its second and third lines.
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(intro)
        centred.addStretch(1)
        layout.addLayout(centred)
        layout.addSpacing(24)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.demo_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)
        intro.setAlignment(Qt.AlignmentFlag.AlignHCenter)
