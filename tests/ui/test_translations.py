"""French ships complete: every user-visible string in the code has a translation, the shipped .qm matches its
.ts, and the window really speaks French when asked."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale

from cmdesk.app.main import TRANSLATIONS, install_translations

ROOT = Path(__file__).resolve().parents[2]
TOOLS = Path(sys.executable).parent


def _sources() -> list[str]:
    return sorted(str(p) for folder in ("ui", "app", "models") for p in (ROOT / "src/cmdesk" / folder).rglob("*.py"))


def test_every_string_in_the_code_is_translated(tmp_path: Path) -> None:
    fresh = tmp_path / "cmdesk_fr.ts"
    shutil.copy(TRANSLATIONS / "cmdesk_fr.ts", fresh)
    subprocess.run(
        [str(TOOLS / "pyside6-lupdate"), *_sources(), "-no-obsolete", "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )
    unfinished = [
        message.findtext("source")
        for message in ET.parse(fresh).getroot().iter("message")
        if message.find("translation") is not None and message.find("translation").get("type") == "unfinished"  # type: ignore[union-attr]
    ]
    assert unfinished == [], "run scripts/update-translations and translate these in cmdesk_fr.ts"


def test_shipped_qm_is_compiled_from_the_ts(tmp_path: Path) -> None:
    compiled = tmp_path / "cmdesk_fr.qm"
    subprocess.run(
        [str(TOOLS / "pyside6-lrelease"), str(TRANSLATIONS / "cmdesk_fr.ts"), "-qm", str(compiled)],
        check=True,
        capture_output=True,
    )
    assert compiled.read_bytes() == (TRANSLATIONS / "cmdesk_fr.qm").read_bytes()


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
