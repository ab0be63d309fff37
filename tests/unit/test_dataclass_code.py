"""The dataclass code cache (cmdesk/dataclass_code.py): classes made through it, cold or warm, behave exactly as
Python's own; a damaged or unwritable cache changes nothing but the time."""

from __future__ import annotations

import dataclasses
import inspect
import marshal
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import InitVar, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

import pytest

from cmdesk import dataclass_code, paths


def make_classes() -> list[type]:
    """A fresh family of dataclasses of every shape cmdesk uses, and some it does not."""

    @dataclass(frozen=True, slots=True)
    class Frozen:
        id: int
        name: str
        when: datetime | None = None
        tags: tuple[str, ...] = ()

    @dataclass(slots=True)
    class Mutable:
        count: int = 0
        seen: list[str] = field(default_factory=list)
        hidden: str = field(default="x", repr=False, compare=False)

    @dataclass(order=True, unsafe_hash=True)
    class Ordered:
        rank: int
        label: str = field(default="", compare=False)
        LIMIT: ClassVar[int] = 3

    @dataclass(kw_only=True)
    class KeywordsOnly:
        first: str
        second: int = 2

    @dataclass
    class WithPostInit:
        base: int
        factor: InitVar[int] = 2
        product: int = field(init=False, default=0)

        def __post_init__(self, factor: int) -> None:
            self.product = self.base * factor

    return [Frozen, Mutable, Ordered, KeywordsOnly, WithPostInit]


def samples(classes: list[type]) -> list[Any]:
    frozen, mutable, ordered, keywords_only, with_post_init = classes
    return [
        frozen(1, "a", datetime(2026, 12, 1), ("x",)),
        frozen(1, "a", datetime(2026, 12, 1), ("x",)),
        mutable(3, ["seen"], "y"),
        ordered(2, "two"),
        ordered(1, "one"),
        keywords_only(first="f"),
        with_post_init(4, 3),
    ]


def behaviour(classes: list[type]) -> list[Any]:
    """What a program can see of the classes: signatures with their annotations, reprs, equality, hashes, order,
    frozenness, slots and match arguments."""
    made = samples(classes)
    seen: list[Any] = []
    for cls in classes:
        init: Any = cls.__init__  # type: ignore[misc]
        seen += [
            str(inspect.signature(cls)),
            dict(init.__annotations__),
            init.__qualname__,
            getattr(cls, "__slots__", None),
            getattr(cls, "__match_args__", None),
            sorted(name for name in vars(cls) if name.startswith("__") and callable(vars(cls)[name])),
        ]
    seen += [repr(value) for value in made]
    seen += [made[0] == made[1], made[0] != made[2], hash(made[0]) == hash(made[1]), made[4] < made[3]]
    seen += [hash(made[3]) == hash(type(made[3])(2, "other")), made[6].product]
    try:
        made[0].name = "changed"
    except dataclasses.FrozenInstanceError as error:
        seen.append(type(error).__name__)
    return seen


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.delenv(dataclass_code.DISABLE_ENV, raising=False)
    yield tmp_path / "cache"
    dataclass_code.uninstall()


def made_through(folder: Path) -> tuple[list[Any], int]:
    """The classes' behaviour when made through the cache in `folder`, and how many sources it compiled."""
    cache = dataclass_code.install(folder)
    assert cache is not None
    try:
        return behaviour(make_classes()), cache.compiled
    finally:
        dataclass_code.uninstall()


def test_classes_made_through_the_cache_cold_or_warm_behave_as_pythons_own(cache_folder: Path) -> None:
    own = behaviour(make_classes())
    cold, compiled_cold = made_through(cache_folder)
    warm, compiled_warm = made_through(cache_folder)
    assert cold == own
    assert warm == own
    assert compiled_cold >= 5 * 2  # each class's __init__ and __repr__ at least
    assert compiled_warm == 0
    assert not hasattr(dataclasses, "exec")


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"\x00not marshal at all",
        marshal.dumps([1, 2, 3]),
        marshal.dumps({"def f(): pass": "a text, not code"}),
        marshal.dumps({1: b"a key that is no source"}),
    ],
    ids=["empty", "not marshal", "a list", "text for code", "a number for a source"],
)
def test_a_damaged_cache_file_is_ignored_then_written_again(cache_folder: Path, damage: bytes) -> None:
    own = behaviour(make_classes())
    cache_folder.mkdir()
    dataclass_code.cache_file(cache_folder).write_bytes(damage)
    damaged, compiled = made_through(cache_folder)
    assert damaged == own
    assert compiled > 0
    assert made_through(cache_folder) == (own, 0)


def test_kept_code_that_is_no_longer_code_is_compiled_again(cache_folder: Path) -> None:
    own = behaviour(make_classes())
    _, compiled = made_through(cache_folder)
    path = dataclass_code.cache_file(cache_folder)
    kept = marshal.loads(path.read_bytes())
    path.write_bytes(marshal.dumps({source: marshal.dumps(42) for source in kept}))
    assert made_through(cache_folder) == (own, compiled)
    assert made_through(cache_folder) == (own, 0)


def test_a_cache_file_grown_past_its_ceiling_is_not_read_but_made_anew(
    cache_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    own = behaviour(make_classes())
    _, compiled = made_through(cache_folder)
    path = dataclass_code.cache_file(cache_folder)
    monkeypatch.setattr(dataclass_code, "MAX_FILE_BYTES", path.stat().st_size - 1)
    assert made_through(cache_folder) == (own, compiled)
    monkeypatch.setattr(dataclass_code, "MAX_FILE_BYTES", path.stat().st_size)
    assert made_through(cache_folder) == (own, 0)


def test_a_folder_that_cannot_be_written_changes_nothing_but_the_time(cache_folder: Path) -> None:
    cache_folder.parent.mkdir(exist_ok=True)
    cache_folder.write_text("a file where the folder should be")
    own = behaviour(make_classes())
    assert made_through(cache_folder)[0] == own
    assert made_through(cache_folder)[0] == own  # nothing was kept, nothing failed
    assert cache_folder.read_text() == "a file where the folder should be"


def test_an_old_pile_of_sources_is_trimmed_to_what_is_used(cache_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made_through(cache_folder)
    path = dataclass_code.cache_file(cache_folder)
    kept = marshal.loads(path.read_bytes())
    stale = {f"def old_{n}(): pass": marshal.dumps(compile("pass", "<string>", "exec")) for n in range(50)}
    path.write_bytes(marshal.dumps({**kept, **stale}))
    monkeypatch.setattr(dataclass_code, "MAX_ENTRIES", len(kept) + 10)
    cache = dataclass_code.install(cache_folder)
    assert cache is not None
    make_classes()
    dataclasses.make_dataclass("Fresh", [("never_seen_before", int)])  # one new source: the file is written again
    dataclass_code.uninstall()
    written = set(marshal.loads(path.read_bytes()))
    assert set(kept) < written  # what this run used, and the new class's source
    assert not written & set(stale)


def test_what_another_cmdesk_kept_meanwhile_stays_kept(cache_folder: Path) -> None:
    first = dataclass_code.install(cache_folder)
    assert first is not None
    make_classes()
    dataclass_code.uninstall()
    path = dataclass_code.cache_file(cache_folder)
    kept_by_first = set(marshal.loads(path.read_bytes()))
    window = dataclass_code.DataclassCodeCache(path)
    other = dataclass_code.install(cache_folder)  # a command run while the window is open
    dataclasses.make_dataclass("OnlyTheCommandMakes", [("command_field", int)])
    dataclass_code.uninstall()
    added_by_other = set(marshal.loads(path.read_bytes())) - kept_by_first
    assert added_by_other
    window(compile("pass", "<string>", "exec"))  # anything but a source runs as the builtin runs it
    window("def __create_fn__():\n def only_the_window(): pass\n return only_the_window", {}, {})
    assert window.compiled == 1
    window.save()
    assert added_by_other < set(marshal.loads(path.read_bytes()))
    assert other is not None


def test_released_the_cache_still_makes_the_same_classes_and_keeps_the_new(cache_folder: Path) -> None:
    own = behaviour(make_classes())
    cache = dataclass_code.install(cache_folder)
    assert cache is not None
    dataclass_code.release()
    assert behaviour(make_classes()) == own
    dataclass_code.uninstall()
    assert made_through(cache_folder) == (own, 0)


def test_disabled_from_the_environment(cache_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(dataclass_code.DISABLE_ENV, "1")
    assert dataclass_code.install(cache_folder) is None
    assert not hasattr(dataclasses, "exec")


@pytest.mark.parametrize("where", ["XDG_CACHE_HOME", paths.CACHE_DIR_ENV])
def test_the_program_keeps_its_dataclasses_code_in_the_users_cache_folder(tmp_path: Path, where: str) -> None:
    unset = (dataclass_code.DISABLE_ENV, paths.CACHE_DIR_ENV, "XDG_CACHE_HOME")
    env = {key: value for key, value in os.environ.items() if key not in unset}
    env |= {where: str(tmp_path / "cache"), "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-m", "cmdesk", "--data-dir", str(tmp_path / "data"), "inbox"]
    first = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    folder = tmp_path / "cache" / "cmdesk" if where == "XDG_CACHE_HOME" else tmp_path / "cache"
    path = dataclass_code.cache_file(folder)
    kept = marshal.loads(path.read_bytes())
    assert len(kept) > 100
    assert all(source.startswith("def __create_fn__(") for source in kept)
    again = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert again.stdout == first.stdout
    assert marshal.loads(path.read_bytes()).keys() == kept.keys()
