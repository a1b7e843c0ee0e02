"""Rich progress bars (rows/s and ETA) for the CLI, fed by ``tasks.progress``."""
from __future__ import annotations

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text


class RateColumn(ProgressColumn):
    def render(self, task) -> Text:
        speed = task.finished_speed or task.speed
        unit = task.fields.get("unit", "rows")
        return Text(f"{speed:,.0f} {unit}/s" if speed else "", style="cyan")


class RichReporter:
    def __init__(self, console: Console | None = None):
        self.console = console or Console(stderr=True)
        self.progress = Progress(SpinnerColumn(), TextColumn("[bold]{task.description:<8}"), BarColumn(),
                                 MofNCompleteColumn(), RateColumn(), TimeElapsedColumn(),
                                 TextColumn("eta"), TimeRemainingColumn(), console=self.console,
                                 transient=False)
        self.tasks: dict[str, int] = {}

    def __enter__(self):
        self.progress.start()
        return self

    def __exit__(self, *exc):
        self.progress.stop()

    def start(self, stage: str, total: int | None, unit: str) -> None:
        self.tasks[stage] = self.progress.add_task(stage, total=total, unit=unit)

    def advance(self, stage: str, n: int) -> None:
        if stage in self.tasks:
            self.progress.advance(self.tasks[stage], n)

    def finish(self, stage: str) -> None:
        tid = self.tasks.pop(stage, None)
        if tid is None:
            return
        task = next(t for t in self.progress.tasks if t.id == tid)
        if task.total is None:  # stages of unknown length end as one full step
            self.progress.update(tid, total=1, completed=1)
        else:
            self.progress.update(tid, completed=task.total)
