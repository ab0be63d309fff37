"""The window's side of bad-buzz alerts: the bar across the top, a desktop notification when one is raised, the
alert's conversations in the list ("See the messages"), and marking it seen to."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cmdesk.domain.reads import ConversationFilter
from cmdesk.services import listening as listening_service
from cmdesk.ui.alert_bar import alert_text

if TYPE_CHECKING:
    from cmdesk.ui.crisis_dialog import CrisisDialog
    from cmdesk.ui.main_window.window import MainWindow


class BuzzAlerts:
    def refresh_alerts(self: MainWindow) -> None:
        self.alert_bar.show_alerts(self.context.reader.alerts(unacknowledged=True))

    def alerts_raised(self: MainWindow, alert_ids: tuple[int, ...]) -> None:
        """New alerts from a sync pass: the bar, and a desktop notification for the newest."""
        self.refresh_alerts()
        alert = self.alert_bar.alert
        if alert is not None and alert.id in alert_ids:
            self.tray.notify_text(self.tr("Bad buzz?"), alert_text(alert))

    def see_alert(self: MainWindow, alert_id: int) -> None:
        """The alert's conversations in the list, the most recent first, the inbox brought forward."""
        alert = next((a for a in self.context.reader.alerts() if a.id == alert_id), None)
        if alert is None:
            return
        self.show_inbox()
        ids = tuple(self.context.reader.alert_conversations(alert))
        self.model.set_view(ConversationFilter(conversation_ids=ids or (-1,)))
        self._after_reload(0)
        self.statusBar().showMessage(
            self.tr("Bad buzz: the conversations behind the alert. Choose a view on the left to go back."), 10000
        )
        self.list.setFocus()

    def open_crisis(self: MainWindow, alert_id: int) -> CrisisDialog | None:
        from cmdesk.ui.crisis_dialog import CrisisDialog

        alert = next((a for a in self.context.reader.alerts() if a.id == alert_id), None)
        if alert is None:
            return None
        dialog = CrisisDialog(self.context.reader, self.context, alert, self)
        dialog.open()
        return dialog

    def acknowledge_alert(self: MainWindow, alert_id: int) -> None:
        self.context.submit(listening_service.acknowledge_alert(alert_id), lambda _none: self.refresh_alerts())
