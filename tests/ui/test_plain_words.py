"""Issue 16, defect 6: errors were technical and English in the French window ("not found (HTTP 404): GET http://…",
"not a feed: <unknown>:2:0: syntax error", "cannot resolve host boulangerie%20le%20fournil (DNS lookup failed;
offline?)"). The window says what happened and what to do, in the user's language; the technical text stays as the
details. A business name typed where an address is expected is explained."""

from __future__ import annotations

from cmdesk.app.context import AppContext
from cmdesk.ui.add_source_dialog import AddSourceDialog
from cmdesk.ui.plain_words import details_tip, looks_like_a_name, plain

NOT_FOUND = "not found (HTTP 404): GET http://127.0.0.1:8080/feed.xml"
NOT_A_FEED = "not a feed: <unknown>:2:0: syntax error"
A_NAME = "cannot resolve host boulangerie%20le%20fournil (DNS lookup failed; offline?)"


def test_technical_reasons_become_plain_sentences_with_the_details_kept() -> None:
    assert plain(NOT_FOUND).startswith("Nothing at this address")
    assert plain(NOT_A_FEED) == "This address is neither a feed nor a page that offers one."
    assert "looks like a name, not an address" in plain(A_NAME) and "“boulangerie le fournil”" in plain(A_NAME)
    assert "Details: " + NOT_FOUND in details_tip(NOT_FOUND)
    assert plain("something new") == "something new", "an unknown reason is shown as it is"
    assert "address and password" in plain("IMAP: b'[AUTHENTICATIONFAILED] Invalid credentials (Failure)'")


def test_in_french_they_are_french(french: None) -> None:
    assert plain(NOT_A_FEED) == "Cette adresse n’est ni un flux ni une page qui en propose un."
    assert "HTTP" not in plain(NOT_FOUND) and "serveur" in plain(NOT_FOUND)


def test_a_business_name_in_the_address_field_is_explained(qtbot, context: AppContext) -> None:  # type: ignore[no-untyped-def]
    assert looks_like_a_name("Boulangerie Le Fournil") and not looks_like_a_name("lefournil.fr/blog")
    dialog = AddSourceDialog(context)
    qtbot.addWidget(dialog)
    dialog.url.setText("Boulangerie Le Fournil")
    assert dialog._address() is None
    assert "looks like a name, not an address" in dialog.status.text()
