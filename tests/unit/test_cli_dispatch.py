"""`cmdesk` tells a window launch from a command before it imports anything heavy: `gui` or no command at all
opens the window (parsed with the `gui` command alone), anything else gets the full parser."""

from __future__ import annotations

import pytest

from cmdesk.cli.main import build_gui_parser, build_parser, wants_gui


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
