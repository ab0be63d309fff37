"""Issue 18, part 2, in the window: the Reports pane for a client and a period, its charts, a click on a bar that
opens the conversations behind it, a notable conversation opened from its list, and the exports."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from PySide6.QtCore import QPoint, Qt

from cmdesk.demo import load_demo
from cmdesk.domain.reporting import Period
from cmdesk.models.conversation_list_model import ConversationRole
from cmdesk.ui.main_window import MainWindow


def _shown(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.context.reads.idle() and window.reports_pane.data is not None, timeout=15000)


def test_a_clients_week_with_charts_and_a_click_through(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    load_demo(window.context.database)
    window.refresh_all()
    window.show_reports()
    pane = window.reports_pane
    assert pane is not None and pane.client.currentText().startswith("Boulangerie Le Fournil")
    pane.period.setCurrentIndex(pane.period.findData("this_week"))
    _shown(qtbot, window)
    assert "Boulangerie Le Fournil" in pane.heading.text()
    assert pane.data is not None and pane.data.received > 0
    assert all(not chart.pixmap().isNull() for chart in pane.charts)

    volume = pane.charts[0]
    box, key = next((box, key) for box, key in volume._boxes if key[1] == pane.data.period.last)  # noqa: SLF001
    qtbot.mouseClick(volume, Qt.MouseButton.LeftButton, pos=box.center().toPoint())
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.splitter and window.model.rowCount() > 0)
    rows = [window.model.index(n).data(ConversationRole) for n in range(window.model.rowCount())]
    fournil = window.context.reader.clients()[0].id
    assert {row.client_id for row in rows} == {fournil}, "the client's conversations of that day, no other's"
    assert "conversation" in window.statusBar().currentMessage()

    window.show_reports()
    _shown(qtbot, window)
    negative = pane.lists["negative"]
    assert negative.count() > 0 and negative.item(0).data(Qt.ItemDataRole.UserRole) is not None
    pane._open_item(negative.item(0))  # noqa: SLF001 - what a click on the row does
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=5000)

    for kind in ("pdf", "csv", "html"):
        path = tmp_path / f"report.{kind}"
        pane.write(kind, path)
        qtbot.waitUntil(lambda path=path: path.exists() and path.stat().st_size > 200, timeout=15000)
    assert window.reports_pane.charts[2].key_at(QPoint(-5, -5)) is None


def test_a_report_due_while_closed_is_written_at_start_and_once(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from cmdesk.domain.reporting import ReportSchedule
    from cmdesk.services import scheduled_reports
    from cmdesk.services.commands import run

    load_demo(window.context.database)
    fournil = window.context.reader.clients()[0]
    run(window.context.database, scheduled_reports.set_schedule(fournil.id, ReportSchedule("weekly", str(tmp_path))))
    window.write_due_reports()
    qtbot.waitUntil(lambda: len(list(tmp_path.glob("*.pdf"))) == 1 and "written" in window.statusBar().currentMessage())
    stored = ReportSchedule.from_json(window.context.reader.client(fournil.id).report_schedule)
    assert stored is not None and stored.last_written is not None
    window.write_due_reports()
    qtbot.waitUntil(window.context.reads.idle)
    assert len(list(tmp_path.glob("*.pdf"))) == 1


def test_this_week_is_the_client_s_week_when_its_day_is_not_the_computer_s(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """At 23:30 UTC on a Friday it is Saturday in Paris: the Paris bakery's "this week" runs to Saturday there (read
    with the computer's UTC date, it ended at Paris's midnight, leaving out the last half hour's bad buzz)."""
    load_demo(window.context.database)
    window.refresh_all()
    window.show_reports()
    pane = window.reports_pane
    assert pane is not None
    pane.client.setCurrentIndex(pane.client.findData(window.context.reader.clients()[0].id))
    pane.period.setCurrentIndex(pane.period.findData("this_week"))
    late = datetime(2026, 12, 4, 23, 30, tzinfo=UTC)
    assert pane.chosen_period(late) == Period(date(2026, 11, 30), date(2026, 12, 5), "Europe/Paris")


def test_the_charts_come_first_and_only_the_last_choice_is_shown(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    load_demo(window.context.database)
    window.refresh_all()
    window.show_reports()
    pane = window.reports_pane
    assert pane is not None
    _shown(qtbot, window)
    events: list[str] = []
    pane.chartsShown.connect(lambda: events.append("charts" if pane.data is None else "charts after the rest"))
    pane.period.setCurrentIndex(pane.period.findData("last_month"))
    assert pane.data is None and not pane.export.isEnabled(), "nothing of the last choice can be exported"
    pane.period.setCurrentIndex(pane.period.findData("this_month"))  # chosen before the first was read
    _shown(qtbot, window)
    assert events and set(events) == {"charts"}, "each choice's charts are on screen before its conversations"
    assert pane.shown_period == pane.data.period == pane.chosen_period(), "the last choice, not the one before"
    assert pane.export.isEnabled()
    assert pane.data.received == sum(sum(day.values()) for day in pane.data.daily.values())


def test_charts_stand_side_by_side_on_a_wide_window_and_one_under_the_other_on_a_narrow_one(
    qtbot, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    load_demo(window.context.database)
    window.resize(1600, 900)
    window.show()
    window.show_reports()
    pane = window.reports_pane
    assert pane is not None
    _shown(qtbot, window)
    pane.refresh()  # read at this width
    _shown(qtbot, window)

    def places() -> list[tuple[int, int]]:
        return [pane.chart_grid.getItemPosition(pane.chart_grid.indexOf(chart))[:2] for chart in pane.charts]

    assert places() == [(0, 0), (0, 1), (1, 0)], "two a row"
    assert all(chart.width() <= pane.width() // 2 for chart in pane.charts)
    window.resize(900, 700)
    qtbot.waitUntil(lambda: places() == [(0, 0), (1, 0), (2, 0)], timeout=5000)


def test_a_team_s_report_lists_each_teammate(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    load_demo(window.context.database)
    window.refresh_all()
    window.show_reports()
    pane = window.reports_pane
    assert pane is not None
    pane.period.setCurrentIndex(pane.period.findData("this_week"))
    _shown(qtbot, window)
    assert pane.lists["team"].isHidden() and pane.titles["team"].isHidden(), "no assignment: no split"
    with window.context.database.write() as connection:
        connection.exec_driver_sql(
            "UPDATE conversations SET assignee = CASE WHEN id % 2 = 0 THEN 'Anna' ELSE 'Bruno' END"
        )
    pane.refresh()
    qtbot.waitUntil(lambda: not pane.lists["team"].isHidden() and pane.lists["team"].count() == 2, timeout=5000)
    texts = [pane.lists["team"].item(n).text() for n in range(2)]
    assert {text.split(" — ")[0] for text in texts} == {"Anna", "Bruno"}
    assert all("conversations" in text and "median first response" in text for text in texts)
