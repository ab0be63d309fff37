"""Issue 15's hostile sources one by one (tests/support/hostile.py), each beside two good feeds and two posts due on
a loopback Mastodon API, through the real `cmdesk sync` with its default 120 s deadline. Prints a table: what each
did before the fixes (the issue's measurements) and now — wall time, peak RSS of the sync's whole process tree,
what cmdesk said, whether the good feeds were stored and the posts sent once.

Usage: python bench/hostile.py [--deadline 120]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import common  # noqa: F401  (first: it puts src/ and the project root on sys.path)

from tests.support.feedserver import FeedServer
from tests.support.hostile import (
    CASES,
    GOOD_ENTRIES,
    ODD_BEFORE,
    ODD_NOTIFICATIONS,
    Case,
    longest_text,
    make_workspace,
    run_sync,
    stored,
)
from tests.support.mastodon_fake import MastodonFake


def outcome(output: str, name: str) -> str:
    lines = output.splitlines()
    for number, line in enumerate(lines):
        if f"] {name}:" in line:
            said = line.split(f"] {name}: ", 1)[1]
            following = lines[number + 1].strip() if number + 1 < len(lines) else ""
            return said + (f" / {following}" if following.startswith("warning:") else "")
    return "(not reported)"


def measure(case: Case | None, deadline: float) -> tuple[str, str, str]:
    with tempfile.TemporaryDirectory() as folder:
        server, fake = FeedServer().start(), MastodonFake().start()
        try:
            space = make_workspace(Path(folder), server, fake, (case,) if case else ())
            run = run_sync(space, deadline=deadline, limit=deadline + 120)
            good = all(stored(space, account) == GOOD_ENTRIES for account in space.good_accounts)
            sent = [s for s in fake.statuses.values() if "Fournée spéciale" in s["content"]]
            once = len(sent) == len(space.posts) == len({s["content"] for s in sent})
            said = outcome(run.output, case.name if case else "@fournil")
            checks = f"good feeds {'stored' if good else 'MISSING'}, posts {'sent once' if once else 'WRONG'}"
            checks += f", longest message {longest_text(space):,} chars"
            return f"{run.seconds:.1f} s", f"{run.peak_bytes / 1_048_576:.0f} MB", f"{said}; {checks}"
        finally:
            server.stop()
            fake.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--deadline", type=float, default=120.0)
    options = parser.parse_args()
    rows = [(case.name, case.before, *measure(case, options.deadline)) for case in CASES]
    rows.append((ODD_NOTIFICATIONS, ODD_BEFORE, *measure(None, options.deadline)))
    print("| case | before | after: time | after: peak tree RSS | after: outcome |")
    print("|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |", flush=True)


if __name__ == "__main__":
    main()
