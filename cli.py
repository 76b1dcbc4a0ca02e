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

        def advance(stage: str, done: int, total: int) -> None:
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


@app.command()
def diff(
    path: RawPath = Path("data/raw"),
    resource: Annotated[str | None, typer.Option(help="A resource_id, or part of a title.")] = None,
) -> None:
    """Print where each divergent record's body and Résumé disagree, as a word diff."""
    from pipeline.baseline import render_diff  # kept in this section

    try:
        typer.echo(render_diff(load(path), path, resource, color=sys.stdout.isatty()))
    except PipelineError as error:
        _fail(error)


@app.command()
def check(
    baseline: Annotated[Path, typer.Option(help="JSON file of acknowledged divergences.", dir_okay=False)],
    path: RawPath = Path("data/raw"),
    fail_on: Annotated[str | None, typer.Option(
        help="Comma-separated kinds that fail the check (default: every kind but whitespace).")] = None,
    fmt: Annotated[str, typer.Option("--format", help="text, json or github (annotations).")] = "text",
    update_baseline: Annotated[bool, typer.Option(
        "--update-baseline", help="Write the current divergences to the baseline and pass.")] = False,
) -> None:
    """Exit 1 when a divergence is not in the baseline, 0 when all are, 2 on bad input."""
    from pipeline.baseline import check_export  # kept in this section

    try:
        outcome = check_export(load(path), path, baseline, fail_on=fail_on, fmt=fmt, update=update_baseline)
    except PipelineError as error:
        _fail(error)
    typer.echo(outcome.output)
    raise typer.Exit(outcome.exit_code)


# --- people (speakers) ---


@app.command()
def people(path: RawPath = Path("data/raw")) -> None:
    """Print the people of the export(s) at PATH, most resources first."""
    from pipeline.speakers import extract_speakers, format_people  # kept in this section

    report = load(path)
    # run_pipeline fills `people` once the speakers stage is wired in; compute them otherwise.
    typer.echo(format_people(report.people or extract_speakers(report.records).people))


# --- figures ---


@app.command()
def figures(
    path: RawPath = Path("data/raw"),
    unit: Annotated[str | None, typer.Option(
        help="Only figures in this unit: EUR, USD, percent, m2, ha, people, years...")] = None,
) -> None:
    """Print the figures (amounts, percentages, areas, counts...) at PATH, by resource."""
    from pipeline.figures import describe_figures  # kept in this section

    try:
        typer.echo(describe_figures(load(path).records, unit=unit))
    except ValueError as error:  # a unit outside the closed set
        raise typer.BadParameter(str(error), param_hint="--unit") from error


# --- documentation ---


@app.command()
def schema() -> None:
    """Print the data dictionary of every table (Markdown), as the README holds it."""
    from pipeline.schemas import data_dictionary

    typer.echo(data_dictionary(), nl=False)


if __name__ == "__main__":
    app()

