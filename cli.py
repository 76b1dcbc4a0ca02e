"""Command line of the RTES pipeline: thin Typer commands over `pipeline`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from pipeline.errors import PipelineError
from pipeline.report import summary
from pipeline.run import RunReport, run_pipeline
from pipeline.write import write_tables

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)

RawPath = Annotated[Path, typer.Argument(exists=True, help="An export file or a folder of exports.")]

@app.callback()
def main() -> None:
    """Ingest RTES exports into Parquet tables, and inspect what they hold."""


EXIT_INPUT_ERROR = 2  # nothing was written: the input cannot be ingested
EXIT_PARTIAL = 3  # tables written for the good files; at least one file failed


def _fail(error: PipelineError) -> NoReturn:
    typer.secho(f"error: {error}", fg=typer.colors.RED, err=True)
    raise typer.Exit(EXIT_INPUT_ERROR)


def load(path: Path) -> RunReport:
    """Run the pipeline in memory, turning input errors into exit code 2."""
    try:
        return run_pipeline(path)
    except PipelineError as error:
        _fail(error)


# --- ingest (foundation) ---


@app.command()
def ingest(
    path: RawPath = Path("data/raw"),
    out: Annotated[Path, typer.Option(help="Folder for the Parquet tables.")] = Path("data/clean"),
) -> None:
    """Turn the raw export(s) at PATH into Parquet tables in OUT."""
    with typer.progressbar(length=1, label="ingesting", file=sys.stderr) as bar:

        def advance(done: int, total: int) -> None:
            bar.length = total
            bar.update(done - bar.pos)

        try:
            report = run_pipeline(path, progress=advance)
            written = write_tables(report, out)
        except PipelineError as error:
            _fail(error)
    typer.echo(summary(report, out, written))
    if report.failures:
        raise typer.Exit(EXIT_PARTIAL)

# --- diff / check (divergences) ---

# --- people (speakers) ---

# --- figures ---

if __name__ == "__main__":
    app()
