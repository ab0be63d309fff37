"""The headless command line (`cmdesk …`): accounts, sync, inbox, search, export. Never imports PySide6."""
