"""A new label: its name and a colour chosen among a few presets that read well on light and dark themes (not
Qt's full colour picker). Cancel creates nothing."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QToolButton,
    QWidget,
)

SWATCH_PX = 26


class NewLabelDialog(QDialog):
    def __init__(self, palette: Sequence[str], proposed: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New label"))
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("e.g. Urgent, Order, Bad buzz"))
        self.swatches = QButtonGroup(self)
        row = QHBoxLayout()
        row.setSpacing(6)
        for colour in palette:
            swatch = QToolButton(self)
            swatch.setCheckable(True)
            swatch.setFixedSize(SWATCH_PX, SWATCH_PX)
            swatch.setToolTip(colour)
            swatch.setProperty("colour", colour)
            swatch.setStyleSheet(
                f"QToolButton {{ background: {colour}; border: 2px solid transparent; border-radius: 13px; }}"
                "QToolButton:checked { border: 2px solid palette(text); }"
            )
            swatch.setChecked(colour == proposed)
            self.swatches.addButton(swatch)
            row.addWidget(swatch)
        row.addStretch(1)
        if self.swatches.checkedButton() is None and self.swatches.buttons():
            self.swatches.buttons()[0].setChecked(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(False)
        self.name.textChanged.connect(lambda text: self.ok.setEnabled(bool(text.strip())))
        form = QFormLayout(self)
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("Colour:"), row)
        form.addRow(self.buttons)
        self.name.setFocus()

    @property
    def colour(self) -> str:
        chosen = self.swatches.checkedButton()
        return str(chosen.property("colour")) if chosen is not None else ""
