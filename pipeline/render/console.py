"""Consoles that honour `--color` and NO_COLOR, and the progress display of a run."""

from __future__ import annotations

import os
from enum import StrEnum

from rich.console import Console, RenderableType
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

# Output that goes to a file or another program is never wrapped: one record, one line.
PIPE_WIDTH = 10_000


class ColorMode(StrEnum):
    """`--color`: auto colours a terminal unless NO_COLOR is set (https://no-color.org)."""

    auto = "auto"
    always = "always"
    never = "never"


def make_console(color: ColorMode, *, stderr: bool = False) -> Console:
    """A console on stdout (or stderr) that prints user text as is: no markup, no highlighting."""
    common = {"stderr": stderr, "markup": False, "highlight": False, "emoji": False, "soft_wrap": True}
    if color is ColorMode.always:
        # Eight colours are all the styles here use, and every terminal has them.
        console = Console(force_terminal=True, color_system="standard", **common)
    elif color is ColorMode.never or os.environ.get("NO_COLOR"):
        console = Console(color_system=None, **common)
    else:
        console = Console(**common)  # Rich colours a terminal only
    if not console.is_terminal:
        console.width = PIPE_WIDTH
    return console


def emit(console: Console, *renderables: RenderableType) -> None:
    """Print; off a terminal, without the padding Rich puts at the end of table rows."""
    if console.is_terminal:
        console.print(*renderables)
        return
    with console.capture() as captured:
        console.print(*renderables)
    console.file.write("".join(line.rstrip() + "\n" for line in captured.get().splitlines()))


class RunProgress:
    """The `progress(stage, done, total)` callback of a run, drawn as one Rich bar per stage.

    With `live=False` (stderr is not a terminal, or --quiet) it draws nothing. The bars
    vanish when the run ends, leaving the screen to the command's output.
    """

    def __init__(self, console: Console, *, live: bool) -> None:
        self._bars = Progress(
            TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(),
            TimeElapsedColumn(), TextColumn("eta"), TimeRemainingColumn(),
            console=console, transient=True, disable=not live,
        )
        self._tasks: dict[str, TaskID] = {}

    def __enter__(self) -> RunProgress:
        self._bars.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._bars.stop()

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage not in self._tasks:
            self._tasks[stage] = self._bars.add_task(stage, total=total)
        self._bars.update(self._tasks[stage], completed=done, total=total)
