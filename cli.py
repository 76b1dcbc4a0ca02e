"""Command line of the RTES pipeline: thin Typer commands over `pipeline`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)

RawPath = Annotated[Path, typer.Argument(exists=True, help="An export file or a folder of exports.")]

# --- ingest (foundation) ---

# --- diff / check (divergences) ---

# --- people (speakers) ---

# --- figures ---

if __name__ == "__main__":
    app()
