"""The composer: write once, pick the accounts to publish to (grouped by client), see each one's length as its
network counts it, give an account its own text where it must differ, add a content warning and images with their
descriptions, and publish now, at a time, or at the client's next free slot (weekly if asked). The draft is saved
as you type and comes back after a crash; Ctrl+Enter publishes or schedules."""

from __future__ import annotations

import html
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QDateTime, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTabWidget,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from cmdesk.domain import Account
from cmdesk.domain.reads import OutboxEntry
from cmdesk.models.publish_targets_model import PublishTargetsModel
from cmdesk.models.time_text import edit_format, local_time
from cmdesk.ui import publishing, style, theme
from cmdesk.ui.desk import WindowDesk
from cmdesk.ui.publishing import Draft
from cmdesk.ui.rows import roomy
from cmdesk.ui.snippet_menu import SnippetButton, client_values
from cmdesk.ui.thread_view import SafeBrowser

SAVE_DELAY_MS = 500


class ComposerPane(QWidget):
    changed = Signal()  # noqa: N815 - a publication was queued

    def __init__(self, context: WindowDesk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._accounts: dict[int, Account] = {}
        self._client_names: dict[int, str] = {}
        self._variants: dict[int, QPlainTextEdit] = {}
        self._loading = True  # until every widget exists
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_draft)

        title = QLabel(self.tr("Compose"), self)
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.target_model = PublishTargetsModel(self)
        self.target_model.itemChanged.connect(lambda *_: self._changed())
        self.targets = QTreeView(self)
        roomy(self.targets)
        self.targets.setModel(self.target_model)
        self.targets.setMinimumWidth(220)  # the clients and accounts stay readable on a small screen

        self.content_warning = QLineEdit(self)
        self.content_warning.setPlaceholderText(self.tr("Content warning (optional): the text stays folded"))
        self.content_warning.textChanged.connect(self._changed)
        self.editor = QPlainTextEdit(self)
        self.editor.setPlaceholderText(self.tr("What would you like to share? The same text goes to every account."))
        self.editor.textChanged.connect(self._changed)
        self.tabs = QTabWidget(self)
        self.tabs.setTabsClosable(True)
        self.tabs.addTab(self.editor, self.tr("All accounts"))
        self.tabs.tabBar().setTabButton(0, self.tabs.tabBar().ButtonPosition.RightSide, None)
        self.tabs.tabCloseRequested.connect(self._close_variant)
        self.variant_button = QPushButton(self.tr("Own text for…"), self)
        self.variant_menu = QMenu(self)
        self.variant_button.setMenu(self.variant_menu)
        self.variant_menu.aboutToShow.connect(self._fill_variant_menu)
        self._media: list[tuple[str, QLineEdit, QWidget]] = []
        self.media_rows = QVBoxLayout()
        self.media_rows.setSpacing(2)
        self.snippets = SnippetButton(
            context.reader,
            context,
            lambda: self.tabs.currentWidget(),
            self._chosen_clients,
            self,  # type: ignore[arg-type, return-value]
            self._snippet_values,
        )
        self.snippets.watch(self.editor)
        self.add_image_button = QPushButton(self.tr("Add images…"), self)
        self.add_image_button.clicked.connect(self.choose_images)
        self.counters = QLabel(self)
        self.counters.setWordWrap(True)
        self.counters.setTextFormat(Qt.TextFormat.RichText)

        self.now = QRadioButton(self.tr("Now"), self)
        self.at = QRadioButton(self.tr("At"), self)
        self.slot = QRadioButton(self.tr("Next free slot of the client"), self)
        self.when = QButtonGroup(self)
        for button in (self.now, self.at, self.slot):
            self.when.addButton(button)
            button.toggled.connect(self._changed)
        self.now.setChecked(True)
        self.at_time = QDateTimeEdit(self)
        self.at_time.setCalendarPopup(True)
        self.at_time.setDisplayFormat(edit_format())
        self.at_time.calendarWidget().setFirstDayOfWeek(QLocale().firstDayOfWeek())
        self.at_time.setDateTime(QDateTime.currentDateTime().addSecs(3600))
        self.at_time.dateTimeChanged.connect(lambda *_: (self.at.setChecked(True), self._changed()))
        self.weekly = QCheckBox(self.tr("Every week"), self)
        self.weekly.toggled.connect(self._changed)
        self.missed = QComboBox(self)
        for key, label in (
            ("", self.tr("the client's choice")),
            ("send", self.tr("send it when cmdesk runs")),
            ("ask", self.tr("ask me")),
            ("skip", self.tr("skip it")),
        ):
            self.missed.addItem(label, key)
        self.missed.currentIndexChanged.connect(self._changed)
        # Two rows: on one, the French labels made the composer (and so the window) wider than a 1024-px screen.
        when_row, then_row = QHBoxLayout(), QHBoxLayout()
        for widget in (self.now, self.at, self.at_time):
            when_row.addWidget(widget)
        for widget in (self.slot, self.weekly):
            then_row.addWidget(widget)
        when_row.addStretch(1)
        then_row.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("When:"), when_row)
        form.addRow("", then_row)
        form.addRow(self.tr("If cmdesk is not running then:"), self.missed)

        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.preview_button = QPushButton(self.tr("Preview"), self)
        self.preview_button.clicked.connect(self.show_preview)
        self.discard_button = QPushButton(self.tr("Discard"), self)
        self.discard_button.clicked.connect(self.discard)
        self.publish_button = QPushButton(self.tr("Publish"), self)
        self.publish_button.setDefault(True)
        self.publish_button.setToolTip(self.tr("Ctrl+Enter"))
        self.publish_button.clicked.connect(self.publish)
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(key), self, activated=self.publish)

        editor_side = QWidget(self)
        right = QVBoxLayout(editor_side)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.content_warning)
        right.addWidget(self.tabs, 1)
        right.addLayout(self.media_rows)
        counter_row = QHBoxLayout()
        counter_row.addWidget(self.counters, 1)
        counter_row.addWidget(self.snippets, 0, Qt.AlignmentFlag.AlignTop)
        counter_row.addWidget(self.add_image_button, 0, Qt.AlignmentFlag.AlignTop)
        counter_row.addWidget(self.variant_button, 0, Qt.AlignmentFlag.AlignTop)
        right.addLayout(counter_row)
        right.addLayout(form)
        right.addWidget(self.status)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addStretch(1)
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.publish_button)
        right.addLayout(buttons)
        split = QSplitter(self)
        split.addWidget(self.targets)
        split.addWidget(editor_side)
        split.setStretchFactor(1, 1)
        split.setSizes([300, 700])
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(split, 1)
        self._loading = False
        self.refresh()
        self.restore_draft()

    # accounts ------------------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """The accounts that can publish, under their clients; checked ones stay checked."""
        chosen = set(self.chosen())
        with self._context.reader.consistent():
            clients = self._context.reader.clients()
            accounts = self._context.reader.accounts()
        self._accounts = {a.id: a for a in accounts if publishing.length_rules(a.network)[2]}
        self._client_names = {client.id: client.name for client in clients}
        self._loading = True
        self.target_model.fill(
            clients,
            list(self._accounts.values()),
            chosen,
            client_label=lambda client: client.name + (self.tr(" (demo)") if client.is_demo else ""),
            account_tip=lambda account: f"{account.name} · {style.network_name(account.network)}",
            nothing=self.tr("No account can publish yet: add a Mastodon account."),
        )
        self.target_model.setHorizontalHeaderLabels([self.tr("Publish to")])
        self.targets.expandAll()
        self._loading = False
        self._update()

    def chosen(self) -> list[int]:
        return self.target_model.chosen()

    def _chosen_clients(self) -> list[int]:
        return list(dict.fromkeys(self._accounts[a].client_id for a in self.chosen() if a in self._accounts))

    def set_chosen(self, account_ids: list[int]) -> None:
        self._loading = True
        self.target_model.set_chosen(account_ids)
        self._loading = False

    # variants ------------------------------------------------------------------------------------------------------

    def _fill_variant_menu(self) -> None:
        self.variant_menu.clear()
        for account_id in self.chosen():
            if account_id not in self._variants:
                name = self._accounts[account_id].name
                self.variant_menu.addAction(name).triggered.connect(lambda _c=False, a=account_id: self.add_variant(a))
        if self.variant_menu.isEmpty():
            self.variant_menu.addAction(self.tr("Choose accounts first")).setEnabled(False)

    def add_variant(self, account_id: int, text: str | None = None) -> QPlainTextEdit:
        editor = QPlainTextEdit(self)
        editor.setPlainText(self.editor.toPlainText() if text is None else text)
        editor.textChanged.connect(self._changed)
        self._variants[account_id] = editor
        self.tabs.addTab(editor, self._accounts[account_id].name if account_id in self._accounts else str(account_id))
        self.tabs.setCurrentWidget(editor)
        editor.setFocus()
        self._changed()
        return editor

    def _close_variant(self, index: int) -> None:
        widget = self.tabs.widget(index)
        for account_id, editor in list(self._variants.items()):
            if editor is widget:
                del self._variants[account_id]
        self.tabs.removeTab(index)
        self._changed()

    # images --------------------------------------------------------------------------------------------------------

    def choose_images(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Add images"), "", self.tr("Images (*.jpg *.jpeg *.png *.gif *.webp)")
        )
        for path in paths:
            self.add_image(path)

    def add_image(self, path: str, description: str = "") -> QLineEdit:
        row = QWidget(self)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        thumbnail = QLabel(row)
        picture = QPixmap(path)
        if not picture.isNull():
            thumbnail.setPixmap(
                picture.scaled(40, 40, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
            )
        thumbnail.setFixedSize(42, 42)
        name = QLabel(Path(path).name, row)
        alt = QLineEdit(description, row)
        alt.setPlaceholderText(self.tr("Describe the image for people who cannot see it (alt text)"))
        alt.textChanged.connect(self._changed)
        remove = QToolButton(row)
        remove.setText("✕")
        remove.setToolTip(self.tr("Remove this image"))
        remove.clicked.connect(lambda _c=False, r=row: self.remove_image(r))
        for widget, stretch in ((thumbnail, 0), (name, 0), (alt, 1), (remove, 0)):
            line.addWidget(widget, stretch)
        self.media_rows.addWidget(row)
        self._media.append((path, alt, row))
        self._changed()
        alt.setFocus()
        return alt

    def remove_image(self, row: QWidget) -> None:
        self._media = [entry for entry in self._media if entry[2] is not row]
        row.deleteLater()
        self._changed()

    # the draft -----------------------------------------------------------------------------------------------------

    def draft(self) -> Draft:
        when = "at" if self.at.isChecked() else "slot" if self.slot.isChecked() else "now"
        moment = self.at_time.dateTime().toPython()
        assert isinstance(moment, datetime)
        return Draft(
            text=self.editor.toPlainText(),
            targets=self.chosen(),
            variants={account_id: editor.toPlainText() for account_id, editor in self._variants.items()},
            content_warning=self.content_warning.text(),
            when=when,
            at=moment.astimezone().isoformat(timespec="minutes") if when == "at" else "",
            repeat_weekly=self.weekly.isChecked(),
            missed=str(self.missed.currentData() or ""),
            media=[{"path": path, "description": alt.text()} for path, alt, _row in self._media],
        )

    def _changed(self) -> None:
        if self._loading:
            return
        self._update()
        self._save_timer.start()

    def save_draft(self) -> None:
        try:
            publishing.save_draft(self._context.data_dir, self.draft())
        except OSError as error:
            self.status.setText(self.tr("The draft could not be saved: {reason}").format(reason=error.strerror))

    def restore_draft(self) -> None:
        draft = publishing.load_draft(self._context.data_dir)
        if draft is None:
            return
        self._loading = True
        self.editor.setPlainText(draft.text)
        self.content_warning.setText(draft.content_warning)
        self.weekly.setChecked(draft.repeat_weekly)
        self.missed.setCurrentIndex(max(0, self.missed.findData(draft.missed)))
        if draft.when == "at" and draft.at:
            self.at_time.setDateTime(QDateTime(datetime.fromisoformat(draft.at).astimezone().replace(tzinfo=None)))
        {"at": self.at, "slot": self.slot}.get(draft.when, self.now).setChecked(True)
        self._loading = False
        self.set_chosen(draft.targets)
        for account_id, text in draft.variants.items():
            self.add_variant(account_id, text)
        for medium in draft.media:
            self.add_image(medium["path"], medium.get("description", ""))
        self.tabs.setCurrentIndex(0)
        self.status.setText(self.tr("Your draft was restored."))
        self._update()

    def discard(self) -> None:
        self._loading = True
        self.editor.clear()
        self.content_warning.clear()
        for index in range(self.tabs.count() - 1, 0, -1):
            self.tabs.removeTab(index)
        self._variants.clear()
        for _path, _alt, row in self._media:
            row.deleteLater()
        self._media.clear()
        self.now.setChecked(True)
        self.weekly.setChecked(False)
        self.missed.setCurrentIndex(0)
        self._loading = False
        publishing.clear_draft(self._context.data_dir)
        self._update()
        self.editor.setFocus()

    # counters and publishing ---------------------------------------------------------------------------------------

    def _update(self) -> None:
        draft = self.draft()
        parts = []
        tones = theme.colours()
        for account_id in draft.targets:
            account = self._accounts.get(account_id)
            if account is None:
                continue
            counted = publishing.length_of(account, draft)
            colour = tones["bad"] if counted.over else tones["meta"]
            limit = f" / {counted.limit}" if counted.limit else ""
            own = " ✎" if account_id in self._variants else ""
            parts.append(
                f'<span style="color:{colour}; white-space:nowrap"><b>{html.escape(account.name)}</b>{own} '
                f"{counted.used}{limit}</span>"  # an account's count on one line: the lines break between accounts
            )
        if any(not alt.text().strip() for _path, alt, _row in self._media):
            missing = html.escape(self.tr("an image has no description"))
            parts.append(f'<span style="color:{tones["caution"]}">{missing}</span>')
        self.counters.setText(" · ".join(parts) or self.tr("Choose where to publish on the left."))
        self.at_time.setEnabled(self.at.isChecked())
        self.weekly.setEnabled(not self.now.isChecked())
        label = self.tr("Publish") if self.now.isChecked() else self.tr("Schedule")
        self.publish_button.setText(label)
        blocking = publishing.problems(self._accounts, draft)
        self.publish_button.setEnabled(not blocking)
        self.publish_button.setToolTip("\n".join(blocking) or self.tr("Ctrl+Enter"))
        said = blocking or publishing.notes(self._accounts, draft, self._client_names)
        if said and not draft.empty:
            self.status.setStyleSheet(theme.text_style("meta"))
            self.status.setText(" ".join(said))
        elif self.status.styleSheet() == theme.text_style("meta"):
            self.status.clear()

    def plan_at(self, at: datetime) -> None:
        """Planned for `at` (a day double-clicked in the calendar); the editor takes the keys."""
        self.at_time.setDateTime(QDateTime(at.astimezone().replace(tzinfo=None)))
        self.at.setChecked(True)
        self.editor.setFocus()

    def _snippet_values(self) -> dict[str, str]:
        """A post's snippet variables: the client written for (the first chosen), its signature, today's date."""
        chosen = self._chosen_clients()
        return client_values(self._context.reader, chosen[0] if chosen else None)

    def preview_html(self) -> str:
        draft = self.draft()
        shown = [publishing.preview_html(self._accounts[a], draft) for a in draft.targets if a in self._accounts]
        return "".join(shown) or "<p>" + html.escape(self.tr("Choose where to publish on the left.")) + "</p>"

    def show_preview(self) -> QDialog:
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Preview"))
        dialog.resize(560, 480)
        view = SafeBrowser(dialog)
        view.setHtml(self.preview_html())
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        close.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(view)
        layout.addWidget(close)
        dialog.open()
        return dialog

    def publish(self) -> None:
        draft = self.draft()
        blocking = publishing.problems(self._accounts, draft)
        if draft.when == "at" and not blocking:
            moment = datetime.fromisoformat(draft.at)
            if moment < datetime.now().astimezone() - timedelta(minutes=1):
                blocking = [self.tr("That time has passed: choose a later one, or Now.")]
        if blocking:
            self.status.setStyleSheet(theme.text_style("bad"))
            self.status.setText(" ".join(blocking))
            return
        self.publish_button.setEnabled(False)
        publishing.queue(self._context, draft, self._queued)

    def _queued(self, outcome: list[OutboxEntry] | str) -> None:
        if isinstance(outcome, str):
            self.status.setStyleSheet(theme.text_style("bad"))
            self.status.setText(self.tr("Not queued: {reason}").format(reason=outcome))
            self._update()
            return
        when = outcome[0].scheduled_at if outcome else None
        self.status.setStyleSheet(theme.text_style("good"))
        if self.now.isChecked() or when is None:
            self.status.setText(self.tr("Queued: it goes out now (%Ln account(s)).", "", len(outcome)))
        else:
            self.status.setText(
                self.tr("Scheduled for {when} (%Ln account(s)).", "", len(outcome)).format(when=local_time(when))
            )
        chosen = self.chosen()
        self.discard()
        self.set_chosen(chosen)
        self._update()
        self.changed.emit()
