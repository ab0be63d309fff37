"""Language benchmark: how often the function-word look (analysis/language.py) settles a text's language without
fastText, how often it is right, how often it speaks up on a text in another language, and the time a text with it
and with fastText alone.

The texts are ones whose language is known: the translations installed on this machine (every `.mo` file under
/usr/share/locale, a message's translation in the folder's language and its English source; 60 characters or
more, none with a printf `%`), and the committed XLM-T posts (bench/data/sentiment, French and English). The
translations are split in two by a checksum of the text: scripts/build-function-words chooses its words on one
half (`learning` here), this benchmark measures on the other (`held out`), so the figures are not read on the text
the words were chosen from.

Usage: python bench/language.py [--min-chars 60] [--all]   (--all: measure on both halves)
"""

from __future__ import annotations

import argparse
import collections
import gettext
import time
import zlib
from pathlib import Path

import common  # noqa: F401  (first: it puts src/ and the project root on sys.path)

from cmdesk.analysis import language

LOCALES = Path("/usr/share/locale")
SAME = {"pt_BR": "pt", "nb": "no"}
"""Folders whose language fastText names otherwise (Brazilian Portuguese is Portuguese; Bokmål is "no")."""


def learning(text: str) -> bool:
    """Whether a text is in the half the words are chosen from (the other half is held out)."""
    return zlib.crc32(text.encode()) % 2 == 0


def translations(min_chars: int = 60) -> dict[str, list[str]]:
    """language → the distinct texts of the installed translations in it, English from their sources."""
    found: dict[str, set[str]] = collections.defaultdict(set)
    for folder in sorted(LOCALES.glob("*/LC_MESSAGES")):
        code = folder.parent.name
        if not code.isalpha() and code not in SAME:
            continue  # en@quot, sr@latin, zh_CN…: variants of a language counted elsewhere, or other scripts
        language_code = SAME.get(code, code)
        for path in sorted(folder.glob("*.mo")):
            try:
                with path.open("rb") as file:
                    catalogue = gettext.GNUTranslations(file)._catalog  # type: ignore[attr-defined]
            except (OSError, UnicodeDecodeError, LookupError):  # not a catalogue, or in a charset Python lacks
                continue
            for source, translation in catalogue.items():
                source = " ".join((source[0] if isinstance(source, tuple) else source).split("\x00")[0].split())
                translation = " ".join(translation.split("\x00")[0].split())
                if len(source) >= min_chars and "%" not in source:
                    found["en"].add(source)
                if len(translation) >= min_chars and "%" not in translation and translation != source:
                    found[language_code].add(translation)
    return {code: sorted(texts) for code, texts in found.items()}


def posts(min_chars: int = 60) -> dict[str, list[str]]:
    """The committed XLM-T posts (bench/sentiment.py), by language."""
    french, english = common.posts()
    return {
        f"posts-{code}": [post for post in found if len(post) >= min_chars]
        for code, found in (("fr", french), ("en", english))
    }


def measure(name: str, truth: str, texts: list[str], said: list[str], looked: list[str]) -> tuple[int, int]:
    """Print one language's line; (texts, wrongly settled) for the totals."""
    settled = [(found, model) for found, model in zip(looked, said, strict=True) if found]
    right = sum(found == truth for found, _ in settled)
    model_right = sum(model == truth for _, model in settled)
    if truth in language.FUNCTION_WORD_LANGUAGES:
        share = 100 * len(settled) / max(1, len(texts))
        print(
            f"{name:>9} {len(texts):6,} settled {share:4.0f} %  right {100 * right / max(1, len(settled)):6.2f} %"
            f"  (fastText on the same: {100 * model_right / max(1, len(settled)):6.2f} %)"
        )
    elif settled:
        wrong = collections.Counter(found for found, _ in settled).most_common(2)
        share = 100 * len(settled) / len(texts)
        print(f"{name:>9} {len(texts):6,} settled wrongly {len(settled)} ({share:.2f} %) as {wrong}")
    return len(texts), len(settled) - right


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-chars", type=int, default=60)
    parser.add_argument("--all", action="store_true", help="measure on both halves of the translations")
    args = parser.parse_args()
    corpus = {
        code: [text for text in texts if args.all or not learning(text)]
        for code, texts in translations(args.min_chars).items()
    }
    corpus.update(posts(args.min_chars))
    print(f"{sum(map(len, corpus.values())):,} texts in {len(corpus)} languages (installed translations, XLM-T posts)")
    others = others_wrong = own_wrong = 0
    seven: list[str] = []
    rest: list[str] = []
    for name, texts in sorted(corpus.items(), key=lambda item: -len(item[1])):
        truth = name.removeprefix("posts-")
        plains = [language.cleaned(text) for text in texts]
        looked = [language.by_function_words(plain.lower()) for plain in plains]
        said = language.languages_of(texts, function_words=False)
        count, wrong = measure(name, truth, texts, said, looked)
        if truth in language.FUNCTION_WORD_LANGUAGES:
            own_wrong += wrong
        else:
            others, others_wrong = others + count, others_wrong + wrong
        (seven if truth in language.FUNCTION_WORD_LANGUAGES else rest).extend(texts)
    print(f"texts in the {len(language.FUNCTION_WORD_LANGUAGES)} languages settled wrongly: {own_wrong}")
    print(f"texts in the other languages settled (always wrongly): {others_wrong} of {others:,}")
    for name, texts in (("the 7 languages", seven), ("the others", rest)):
        sample = texts[:: max(1, len(texts) // 10000)]
        best = {False: float("inf"), True: float("inf")}
        for _ in range(3):
            for function_words in (False, True):
                started = time.perf_counter()
                language.languages_of(sample, function_words=function_words)
                best[function_words] = min(best[function_words], time.perf_counter() - started)
        print(
            f"languages_of on {len(sample):,} texts of {name}, best of 3: fastText alone "
            f"{1e6 * best[False] / len(sample):.1f} µs a text, function words then fastText "
            f"{1e6 * best[True] / len(sample):.1f}"
        )


if __name__ == "__main__":
    main()
