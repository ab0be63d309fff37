"""`cmdesk sync` of this tree beside another commit's, run in turn on the same feeds from the same loopback server:
wall time, the CPU of the whole process tree (the parser and judging processes included) and its peak RSS, best and
median of each. On a machine whose speed moves from run to run (here the same sync took 13–20 s within an hour),
only runs taken in turn tell a change from the noise; each round swaps which tree goes first.

    python bench/against.py BASE [--feeds 30] [--entries 1000] [--runs 4]

BASE is any commit (HEAD~1, a branch, a hash): a git worktree of it is made in a temporary folder, compiled like
this tree, and removed at the end. Each tree sets up its own data folder (with its own bench/ingest.setup_accounts),
so a change of schema between the two does not matter.
"""

from __future__ import annotations

import argparse
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import common
from beside_newsboat import LIMIT, ROOT, sync_environment
from ingest import served

from tests.support.processes import Run, sampled

SETUP = (
    "import sys; from pathlib import Path; sys.path.append(sys.argv[1]); from ingest import setup_accounts; "
    "from cmdesk.storage.database import Database; "
    "database = Database.open(Path(sys.argv[2])); setup_accounts(database, sys.argv[3:]); database.close()"
)
"""A data folder with an account for each feed, made by the tree's own code (its bench folder goes last on the path:
bench/email.py must not hide the standard library's email package)."""


def children_cpu() -> float:
    """CPU seconds of every process this one has waited for, and theirs: `cmdesk sync` waits for its own helpers."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def one_sync(tree: Path, folder: Path, urls: list[str]) -> tuple[Run, float, str]:
    """A sync of `urls` by `tree`'s code in a new data folder: the run, its tree's CPU seconds, what it stored."""
    data = folder / "cmdesk"
    env = sync_environment(tree, folder)
    subprocess.run([sys.executable, "-c", SETUP, str(tree / "bench"), str(data), *urls], env=env, cwd=tree, check=True)
    before = children_cpu()
    run = sampled([sys.executable, "-m", "cmdesk", "--data-dir", str(data), "sync"], env, LIMIT)
    cpu = children_cpu() - before
    if run.returncode:
        print(run.output[-2000:])
    # Plain sqlite3, not ingest.stored_and_unjudged: this tree's Database would migrate the other tree's folder.
    with sqlite3.connect(data / "cmdesk.sqlite3") as connection:
        stored, unjudged = connection.execute("SELECT count(*), sum(sentiment IS NULL) FROM messages").fetchone()
    return run, cpu, f"{stored:,} stored, {stored - (unjudged or 0):,} judged"


def summary(name: str, runs: list[tuple[Run, float, str]]) -> tuple[float, float]:
    walls = [run.seconds for run, _cpu, _stored in runs]
    cpus = [cpu for _run, cpu, _stored in runs]
    peak = max(run.peak_bytes for run, _cpu, _stored in runs) / 1_048_576
    print(
        f"{name:<10} wall best {min(walls):5.1f} s median {statistics.median(walls):5.1f}   "
        f"CPU best {min(cpus):5.1f} s median {statistics.median(cpus):5.1f}   highest peak {peak:4.0f} MB"
    )
    return min(cpus), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="the commit to compare this tree with")
    parser.add_argument("--feeds", type=int, default=30)
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=4, help="syncs of each tree, in turn")
    common.add_body_arguments(parser)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        base = Path(temp) / "base"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--quiet", "--detach", str(base), args.base],
                       check=True)  # fmt: skip
        try:
            trees = {"this tree": ROOT, args.base: base}
            for tree in trees.values():
                subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "src" / "cmdesk")], check=True)
            results: dict[str, list[tuple[Run, float, str]]] = {name: [] for name in trees}
            with served(Path(temp) / "www") as address:
                urls = common.write_feeds(Path(temp) / "www", args.feeds, args.entries, address, args.body)
                print(f"{args.feeds} feeds × {args.entries} entries, {args.runs} syncs of each tree in turn")
                for number in range(args.runs):
                    order = list(trees) if number % 2 == 0 else list(reversed(trees))
                    for name in order:
                        folder = Path(temp) / f"run-{number}-{'base' if trees[name] == base else 'this'}"
                        folder.mkdir()
                        run, cpu, stored = one_sync(trees[name], folder, urls)
                        results[name].append((run, cpu, stored))
                        print(f"{name:<10} {run.seconds:5.1f} s   CPU {cpu:5.1f} s   "
                              f"peak {run.peak_bytes / 1_048_576:4.0f} MB   ({stored})", flush=True)  # fmt: skip
            mine = summary("this tree", results["this tree"])
            theirs = summary(args.base, results[args.base])
            print(f"this tree / {args.base}: CPU best {mine[0] / theirs[0]:.3f}, median {mine[1] / theirs[1]:.3f}")
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(base)], check=False)


if __name__ == "__main__":
    main()
