"""Desktop bootstrap: QApplication on a qasync loop, the database, the window."""
