"""Fill the unfinished French strings of cmdesk_fr.ts from a JSON file of {source: translation}, for translators
who prefer a text editor to Qt Linguist. Usage: python scripts/fill_translations.py strings.json"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

TS = Path(__file__).resolve().parents[1] / "src" / "cmdesk" / "translations" / "cmdesk_fr.ts"


def main() -> None:
    wanted = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    tree = ET.parse(TS)
    missing = []
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        source = message.findtext("source") or ""
        if translation is None or translation.get("type") != "unfinished":
            continue
        if source in wanted:
            translation.text = wanted[source]
            del translation.attrib["type"]
        else:
            missing.append(source)
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    if missing:
        print("still untranslated:", *missing, sep="\n  ")


if __name__ == "__main__":
    main()
