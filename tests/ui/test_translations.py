"""French ships complete: every user-visible string in the code has a translation, the shipped .qm matches its
.ts, and the window really speaks French when asked."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from cmdesk.app.main import TRANSLATIONS, install_translations

ROOT = Path(__file__).resolve().parents[2]
TOOLS = Path(sys.executable).parent


def _sources() -> list[str]:
    folders = ("ui", "app", "models", "services")
    found = [p for folder in folders for p in (ROOT / "src/cmdesk" / folder).rglob("*.py")]
    return sorted(str(p) for p in [*found, ROOT / "src/cmdesk/connectors/registry.py"])


@pytest.mark.parametrize(("language", "only"), [("fr", []), ("en", ["-pluralonly"])])
def test_every_string_in_the_code_is_translated(tmp_path: Path, language: str, only: list[str]) -> None:
    """French: every string. English, the source language: every plural form ("%Ln message(s)")."""
    fresh = tmp_path / f"cmdesk_{language}.ts"
    shutil.copy(TRANSLATIONS / fresh.name, fresh)
    subprocess.run(
        [str(TOOLS / "pyside6-lupdate"), *_sources(), "-no-obsolete", *only, "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )
    messages = list(ET.parse(fresh).getroot().iter("message"))
    unfinished = [
        message.findtext("source")
        for message in messages
        if message.find("translation") is not None and message.find("translation").get("type") == "unfinished"  # type: ignore[union-attr]
    ]
    assert unfinished == [], f"run scripts/update-translations and translate these in {fresh.name}"
    plurals = [message for message in messages if message.get("numerus") == "yes"]
    assert len(plurals) >= 10
    for message in plurals:
        forms = [form.text or "" for form in message.iter("numerusform")]
        assert len(forms) == 2 and all("%Ln" in form for form in forms), message.findtext("source")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_shipped_qm_is_compiled_from_the_ts(tmp_path: Path, language: str) -> None:
    compiled = tmp_path / f"cmdesk_{language}.qm"
    subprocess.run(
        [str(TOOLS / "pyside6-lrelease"), str(TRANSLATIONS / f"cmdesk_{language}.ts"), "-qm", str(compiled)],
        check=True,
        capture_output=True,
    )
    assert compiled.read_bytes() == (TRANSLATIONS / compiled.name).read_bytes()


@pytest.mark.parametrize(
    ("language", "one", "many"),
    [
        ("fr_FR", "1 conversation marquée comme traitée", "1\u202f200 conversations marquées comme traitées"),
        ("en_GB", "1 conversation marked done", "1,200 conversations marked done"),
        # A language cmdesk does not speak gets English, with its plurals.
        ("de_DE", "1 conversation marked done", "1.200 conversations marked done"),
        # No language at all (LANG unset): English, written as in the US.
        ("C", "1 conversation marked done", "1,200 conversations marked done"),
    ],
)
def test_counts_take_the_plural_and_the_locale_s_digits(qapp, language: str, one: str, many: str) -> None:  # type: ignore[no-untyped-def]
    translator = install_translations(qapp, language)
    try:
        assert translator is not None
        assert QLocale().name() == {"C": "en_US"}.get(language, language)
        say = QCoreApplication.translate
        assert say("Triage", "%Ln conversation(s) marked done", "", 1) == one
        assert say("Triage", "%Ln conversation(s) marked done", "", 1200) == many
        # French says "0 source", English "0 sources".
        assert say("SourcesPane", "%Ln source(s)", "", 0) == ("0 source" if language == "fr_FR" else "0 sources")
    finally:
        if translator is not None:
            qapp.removeTranslator(translator)
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))


def test_french_is_installed_from_the_locale(qapp) -> None:  # type: ignore[no-untyped-def]
    translator = install_translations(qapp, "fr_FR")
    try:
        assert translator is not None
        assert QCoreApplication.translate("Views", "Monitoring") == "Veille"
        assert QCoreApplication.translate("MainWindow", "&File") == "&Fichier"
        assert QLocale().name() == "fr_FR"
    finally:
        if translator is not None:
            qapp.removeTranslator(translator)
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
