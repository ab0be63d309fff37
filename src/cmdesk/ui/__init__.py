"""The desktop window: panes, dialogs and widgets (PySide6). Never calls the network; asks the app layer."""
