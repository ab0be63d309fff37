"""The desktop window: panes, dialogs and widgets (PySide6). Reads through the Reader, writes by submitting service
commands to the Desk (ui/desk.py); never calls the network."""
