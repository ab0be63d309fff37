"""`cmdesk sentiment [--lang auto|fr|en] [--json]`: the sentiment of each line of standard input (UTF-8), one line
out per line in, in order: `negative`, `neutral` or `positive`; with `--json`, `{"label", "score", "lang"}`.

The classifier is the window's: the rules (analysis/sentiment.py) and what this data folder's corrections taught
(analysis/learning.py), read from its database when there is one — none is created to answer."""

from __future__ import annotations

import argparse
import io
import json
import sys

from cmdesk.analysis.learning import Corrections
from cmdesk.cli.context import open_data_dir


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    sentiment = commands.add_parser(
        "sentiment", parents=[common], help="negative, neutral or positive, for each line of standard input"
    )
    sentiment.add_argument(
        "--lang",
        choices=["auto", "fr", "en"],
        default="auto",
        help="the lines' language (auto: found for each line)",
    )
    sentiment.add_argument("--json", action="store_true", help='one {"label", "score", "lang"} object per line')
    sentiment.set_defaults(handler=run_sentiment)


def _model(args: argparse.Namespace) -> Corrections:
    from cmdesk.storage.database import DB_FILENAME, Database
    from cmdesk.storage.listening import judge

    folder = open_data_dir(args)
    if not (folder / DB_FILENAME).exists():
        return Corrections()
    database = Database.open(folder)
    try:
        with database.read() as connection:
            return judge(connection)
    finally:
        database.close()


def run_sentiment(args: argparse.Namespace) -> int:
    model = _model(args)
    language = "" if args.lang == "auto" else args.lang
    lines = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace", newline=None)
    out = sys.stdout
    for line in lines:
        text = line.rstrip("\r\n")
        verdict = model.judge(text, language)
        if args.json:
            record = {"label": verdict.label, "score": verdict.score, "lang": verdict.language or language}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            out.write(verdict.label + "\n")
    out.flush()
    return 0
