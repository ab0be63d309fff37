"""The main window, as a package: window.py builds it and keeps it in step with what changed; each other module is
one part of it (actions, triage, thread, sync status, pages), a mixin class whose `self.tr` strings are translated
in the mixin's own context (MainWindow.tr looks in each)."""

from cmdesk.ui.main_window.window import MainWindow

__all__ = ["MainWindow"]
