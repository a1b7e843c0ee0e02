"""Exit codes of the ``datamap`` command and the one way a command reports an error.

Documented in docs/cli.md. Scripts branch on them, so they follow the conventions
Click and most Unix tools use: 2 is a usage error (a wrong option or choice, found by the
parser before any work), 1 is a problem with the input, the data or a map (a missing
field, rows breaking the contract, an unknown dataset or tag), and storage that cannot
be reached at all has its own code so a retry loop can tell it from a data error.
"""
from __future__ import annotations

from typing import NoReturn

import typer
from rich.console import Console
from rich.markup import escape

OK = 0
DATA_ERROR = 1
USAGE_ERROR = 2
STORAGE_UNREACHABLE = 3

_err = Console(stderr=True)


def exit_code_for(e: BaseException) -> int:
    """The exit code for an error a command caught (see the module docstring)."""
    from datamap.resources.errors import InvalidName, InvalidOption, StorageUnreachable, UnknownProjection

    if isinstance(e, StorageUnreachable):
        return STORAGE_UNREACHABLE
    if isinstance(e, (InvalidOption, InvalidName, UnknownProjection)):
        return USAGE_ERROR     # an option or name the user typed is wrong: fix the command line
    return DATA_ERROR


def fail(e: BaseException) -> NoReturn:
    """Print ``error: Kind: message`` on stderr (no traceback) and exit with its code."""
    _err.print(f"[bold red]error:[/] {type(e).__name__}: {escape(str(e))}")
    raise typer.Exit(exit_code_for(e))
