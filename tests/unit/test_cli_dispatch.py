"""`cmdesk` tells a window launch from a command before it imports anything heavy: `gui` or no command at all
opens the window (parsed with the `gui` command alone); `sync` and `agent` are parsed with their own module alone,
as the full parser parses them; anything else gets the full parser."""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest

from cmdesk.cli.main import LIGHT_COMMANDS, build_gui_parser, build_light_parser, build_parser, command_of, wants_gui


@pytest.mark.parametrize(
    ("argv", "gui"),
    [
        ([], True),
        (["gui"], True),
        (["--data-dir", "/tmp/x"], True),
        (["--data-dir=/tmp/x", "-v", "gui", "--screenshots", "shots"], True),
        (["-v"], True),
        (["sync"], False),
        (["--data-dir", "gui", "sync"], False),
        (["--help"], False),
        (["--version"], False),
        (["client", "list"], False),
    ],
)
def test_a_window_launch_is_recognised_before_parsing(argv: list[str], gui: bool) -> None:
    assert wants_gui(argv) is gui


def test_the_gui_parser_takes_what_the_full_parser_takes_for_the_window() -> None:
    argv = ["--data-dir", "/tmp/x", "gui", "--demo-if-empty", "--startup-time"]
    quick, full = build_gui_parser().parse_args(argv), build_parser().parse_args(argv)
    assert vars(quick) == vars(full)
    assert build_gui_parser().parse_args([]).command is None
    with pytest.raises(SystemExit):
        build_gui_parser().parse_args(["gui", "--no-such-option"])


@pytest.mark.parametrize(
    "argv",
    [
        ["sync"],
        ["--data-dir", "/tmp/x", "sync", "--account", "3"],
        ["-v", "sync", "--attempts", "3", "--deadline", "20"],
        ["agent"],
    ],
)
def test_a_light_command_is_parsed_as_the_full_parser_parses_it(argv: list[str]) -> None:
    command = command_of(argv)
    assert command in LIGHT_COMMANDS
    light, full = build_light_parser(command).parse_args(argv), build_parser().parse_args(argv)
    assert vars(light).keys() == vars(full).keys()
    assert {key: value for key, value in vars(light).items() if key != "handler"} == {
        key: value for key, value in vars(full).items() if key != "handler"
    }
    assert light.handler.__qualname__ == full.handler.__qualname__


def test_cmdesk_sync_imports_no_other_command() -> None:
    code = (
        "import sys; from cmdesk.cli.main import build_light_parser; build_light_parser('sync'); "
        "print(sorted(m for m in sys.modules if m.startswith('cmdesk.cli.')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    imported = set(ast.literal_eval(done.stdout))
    assert "cmdesk.cli.sync_cmd" in imported
    assert not imported & {"cmdesk.cli.accounts", "cmdesk.cli.report_cmd", "cmdesk.cli.team_cmd", "cmdesk.cli.post_cmd"}


def test_cmdesk_version_imports_no_command() -> None:
    """`cmdesk --version` took a second (every command's module, SQLAlchemy, httpx): scripts call it."""
    code = (
        "import sys; from cmdesk.cli.main import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit as done:\n    assert done.code in (0, None)\n"
        "print(sorted(m for m in sys.modules if m.startswith(('cmdesk.cli.', 'sqlalchemy', 'httpx'))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    version, imported = done.stdout.splitlines()
    assert version.startswith("cmdesk ")
    assert set(ast.literal_eval(imported)) <= {"cmdesk.cli.arguments", "cmdesk.cli.main"}
