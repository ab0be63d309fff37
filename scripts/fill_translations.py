"""Fill the unfinished strings of a .ts file from a JSON file of {source: translation}, for translators who prefer
a text editor to Qt Linguist. A plural message ("%Ln message(s)") takes a list of its forms, in the language's
order (English and French: singular, plural).

Usage: python scripts/fill_translations.py strings.json [src/cmdesk/translations/cmdesk_fr.ts]"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

TS = Path(__file__).resolve().parents[1] / "src" / "cmdesk" / "translations" / "cmdesk_fr.ts"


def fill(translation: ET.Element, wanted: str | list[str]) -> None:
    forms = translation.findall("numerusform")
    if forms:
        if not isinstance(wanted, list) or len(wanted) != len(forms):
            raise SystemExit(f"{translation!r}: give {len(forms)} plural forms as a list, not {wanted!r}")
        for form, text in zip(forms, wanted, strict=True):
            form.text = text
    else:
        if not isinstance(wanted, str):
            raise SystemExit(f"not a plural message: give one string, not {wanted!r}")
        translation.text = wanted
    del translation.attrib["type"]


def main() -> None:
    wanted = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    ts = Path(sys.argv[2]) if len(sys.argv) > 2 else TS
    tree = ET.parse(ts)
    missing = []
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        source = message.findtext("source") or ""
        if translation is None or translation.get("type") != "unfinished":
            continue
        if source in wanted:
            fill(translation, wanted[source])
        else:
            missing.append(source)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    if missing:
        print("still untranslated:", *missing, sep="\n  ")


if __name__ == "__main__":
    main()
