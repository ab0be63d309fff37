"""The composition root: QApplication on a qasync loop, the database, the Reader, the credential store, the engine and
the window (AppContext is the Desk the window is given). Only the launcher imports it."""
