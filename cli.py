"""Command line of the RTES pipeline (`rtes`, or `python cli.py`): thin Typer commands over `pipeline`.

Exit codes: 0 ok; 1 `check` found a divergence not in the baseline; 2 bad input or
environment, nothing written; 3 some input files failed, output for the good ones.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Annotated, NoReturn

try:
    import typer
except ModuleNotFoundError:  # a Python without the dependencies: run again with the project's .venv
    _VENV = Path(__file__).resolve().parent / ".venv"
    _VENV_PYTHON = _VENV / "bin" / "python"
    if __name__ == "__main__" and _VENV_PYTHON.exists() and Path(sys.prefix).resolve() != _VENV.resolve():
        os.execv(_VENV_PYTHON, [str(_VENV_PYTHON), *sys.argv])
    print(f"error: {sys.executable} lacks the dependencies: run `make ingest` (it makes .venv) "
          "or `pip install -e .`", file=sys.stderr)
    raise SystemExit(2) from None
from rich.console import Console
from rich.text import Text

from pipeline.baseline import (
    Finding,
    baseline_text,
    compare,
    findings,
    parse_kinds,
    shown_file,
)
from pipeline.errors import ConfigError, InputError, OutputError, PipelineError
from pipeline.execution import resolve_workers, skip_collection_at_exit
from pipeline.read import read_baseline
from pipeline.records import DivergenceKind, Unit
from pipeline.render import (
    CheckFormat,
    ColorMode,
    Failure,
    RunProgress,
    check_github,
    check_json,
    check_text,
    describe_figures,
    emit,
    error_document,
    format_people,
    make_console,
    render_diff,
    run_summary,
)
from pipeline.render.check import annotation
from pipeline.report_html import REPORT_FILE, build_report
from pipeline.run import RunReport, run_pipeline
from pipeline.write import check_out_dir, write_tables, write_text_atomic

EXIT_OK, EXIT_NEW, EXIT_INPUT_ERROR, EXIT_PARTIAL = 0, 1, 2, 3
PACKAGE = "rtes-pipeline"

HELP = (
    "Ingest RTES exports into Parquet tables, and inspect what they hold.\n\n"
    "Exit codes: 0 ok; 1 check found a divergence not in the baseline; 2 bad input or environment, "
    "nothing written; 3 some input files failed, output for the good ones."
)
app = typer.Typer(add_completion=False, no_args_is_help=True, help=HELP, pretty_exceptions_enable=False)

RawPath = Annotated[list[Path], typer.Argument(
    exists=True, metavar="PATH", show_default="data/raw",
    help="Export files or folders of exports (walked recursively), one or several.")]
RAW = [Path("data/raw")]
Workers = Annotated[int | None, typer.Option(
    "--workers", help="Processes for the per-record stages (default: $RTES_WORKERS, else one per core).",
    show_default=False)]
Color = Annotated[ColorMode, typer.Option("--color", help="Colour: auto (a terminal without NO_COLOR).")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Errors only: no progress, no summary.")]
Verbose = Annotated[bool, typer.Option("--verbose", "-v", help="Every warning, and the time of each stage.")]


def _version(value: bool) -> None:
    if value:
        try:
            version = metadata.version(PACKAGE)
        except metadata.PackageNotFoundError:
            version = "unknown"
        typer.echo(f"rtes {version}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    """Ingest RTES exports into Parquet tables, and inspect what they hold."""
    skip_collection_at_exit()  # a command's process ends with it


# --- what every command shares: consoles, errors, the run --------------------------------


@dataclass(frozen=True)
class Session:
    """Where a command writes (stdout, stderr) and how much it says."""

    out: Console
    err: Console
    quiet: bool = False
    verbose: bool = False

    def error(self, message: str) -> None:
        """One line on stderr: `error: <message>`."""
        self.err.print(Text(f"error: {' '.join(message.split())}", style="bold red"))

    def fail(self, error: Exception) -> NoReturn:
        self.error(str(error))
        raise typer.Exit(EXIT_INPUT_ERROR)

    def warn(self, report: RunReport) -> None:
        """With -v, every warning of the run on stderr (ingest lists them in its summary)."""
        if self.verbose:
            for warning in report.warnings:
                self.err.print(Text(f"warning: {warning}", style="yellow"))


def _session(color: ColorMode, quiet: bool = False, verbose: bool = False) -> Session:
    return Session(make_console(color), make_console(color, stderr=True), quiet, verbose and not quiet)


@contextmanager
def _input_errors(session: Session) -> Iterator[None]:
    """A PipelineError, or an OSError at the edges, becomes one line on stderr and exit 2."""
    try:
        yield
    except (PipelineError, OSError) as error:
        session.fail(error)


def _workers(option: int | None) -> int:
    """--workers, else RTES_WORKERS, else one per core; checked before anything runs."""
    if option is not None and option < 1:
        raise ConfigError(f"--workers must be 1 or more, not {option}")
    return resolve_workers(option)


def _progress(session: Session) -> RunProgress:
    """Bars on stderr when it is a terminal (and not --quiet); nothing otherwise."""
    return RunProgress(session.err, live=not session.quiet and sys.stderr.isatty())


def _run(session: Session, path: list[Path], workers: int | None) -> RunReport:
    """The whole pipeline in memory, with a progress display when stderr is a terminal."""
    processes = _workers(workers)
    with _progress(session) as progress:
        return run_pipeline(path, workers=processes, progress=progress)


def _root(paths: list[Path]) -> Path:
    """The folder the run's file names are relative to: with several paths, the names are
    the paths as given."""
    if len(paths) > 1:
        return Path()
    return paths[0].parent if paths[0].is_file() else paths[0]


def _failures(report: RunReport, path: list[Path]) -> list[Failure]:
    return [Failure(shown_file(_root(path), f.source_file), f.message) for f in report.failures]


def _report_failures(session: Session, report: RunReport) -> None:
    """Failed files on stderr, one line each; exit 3 once the output for the good ones is shown."""
    for failure in report.failures:
        session.error(failure.message)


def _exit_for(report: RunReport) -> None:
    if report.failures:
        raise typer.Exit(EXIT_PARTIAL)


def _show(session: Session, path: list[Path], workers: int | None,
          render: Callable[[RunReport], object]) -> None:
    """Run, print what `render` makes of the report, then name the failed files (exit 3)."""
    with _input_errors(session):
        report = _run(session, path, workers)
        shown = render(report)
    session.warn(report)
    emit(session.out, shown)
    _report_failures(session, report)
    _exit_for(report)


# --- ingest (foundation) ---


@app.command()
def ingest(
    path: RawPath = RAW,
    out: Annotated[str, typer.Option(help="Folder for the Parquet tables.")] = "data/clean",
    workers: Workers = None, color: Color = ColorMode.auto, quiet: Quiet = False, verbose: Verbose = False,
) -> None:
    """Turn the raw export(s) at PATH into Parquet tables in OUT."""
    session = _session(color, quiet, verbose)
    with _input_errors(session):
        out_dir = check_out_dir(out)  # before the run: a bad --out fails in a second
        processes = _workers(workers)
        with _progress(session) as progress:
            report = run_pipeline(path, workers=processes, progress=progress)
            progress("write", 0, 1)
            written = write_tables(report, out_dir)
    _report_failures(session, report)
    if not session.quiet:
        emit(session.out, run_summary(report, out_dir, written, verbose=session.verbose))
    _exit_for(report)


# --- diff / check (divergences) ---


@app.command()
def diff(
    path: RawPath = RAW,
    resource: Annotated[str | None, typer.Option(help="A resource_id, or part of a title.")] = None,
    workers: Workers = None, color: Color = ColorMode.auto, quiet: Quiet = False, verbose: Verbose = False,
) -> None:
    """Print where each divergent record's body and Résumé disagree, as a word diff."""
    session = _session(color, quiet, verbose)
    colored = session.out.color_system is not None
    _show(session, path, workers, lambda report: render_diff(report, _root(path), resource, color=colored))


ReportDir = Annotated[str | None, typer.Option(
    "--report", metavar="DIR", show_default=False, help="Also write the HTML report into DIR.")]
FailOn = Annotated[list[str] | None, typer.Option(
    "--fail-on", metavar="KINDS", show_default=False,
    help="Kinds that fail the check, repeated or comma-separated, among: "
         f"{', '.join(DivergenceKind)} (default: every kind but whitespace).")]


@app.command()
def check(
    baseline: Annotated[Path, typer.Option(help="JSON file of acknowledged divergences.")],
    path: RawPath = RAW,
    fail_on: FailOn = None,
    fmt: Annotated[CheckFormat, typer.Option("--format", help="Report as text, json or github.")]
    = CheckFormat.text,
    update_baseline: Annotated[bool, typer.Option(
        "--update-baseline", help="Write the current divergences to the baseline and pass.")] = False,
    report_dir: ReportDir = None,
    workers: Workers = None, color: Color = ColorMode.auto, quiet: Quiet = False, verbose: Verbose = False,
) -> None:
    """Exit 1 when a divergence is not in the baseline, 0 when all are, 2 on bad input.

    A file that cannot be read leaves the check incomplete: exit 2, whatever the others say.
    """
    session = _session(color, quiet, verbose)
    try:
        kinds = parse_kinds(fail_on)
        if update_baseline:
            _check_baseline_writable(baseline)
        known = frozenset() if update_baseline else read_baseline(baseline)
        report_out = check_out_dir(report_dir) if report_dir is not None else None
        report = _run(session, path, workers)
        found = findings(report, _root(path))
        if report_out is not None:  # after an update, every divergence found is acknowledged
            acknowledged = frozenset(f.divergence.fingerprint for f in found) if update_baseline else known
            _write_report(session, report_out, report, path, acknowledged, baseline, kinds)
        if update_baseline:
            _update(session, baseline, report, found, fmt)
        comparison = compare(found, known, kinds)
    except (PipelineError, OSError) as error:
        if fmt is CheckFormat.json:
            typer.echo(error_document(str(error), baseline))
        elif fmt is CheckFormat.github:
            typer.echo(annotation(str(error), title="rtes check"))
        session.fail(error)
    session.warn(report)
    failures = _failures(report, path)
    if fmt is CheckFormat.text:
        emit(session.out, check_text(comparison, failures, baseline))
    else:
        typer.echo((check_json if fmt is CheckFormat.json else check_github)(comparison, failures, baseline))
    _report_failures(session, report)
    raise typer.Exit(EXIT_INPUT_ERROR if failures else EXIT_NEW if comparison.new else EXIT_OK)


def _check_baseline_writable(path: Path) -> None:
    """Fail before the run when the baseline could not be written."""
    if path.is_dir():
        raise OutputError("is a folder: name the baseline's .json file", source_file=str(path))
    try:
        check_out_dir(path.parent)
    except OutputError as error:
        raise OutputError(f"baseline cannot be written ({error})", source_file=str(path)) from None


def _update(
    session: Session, baseline: Path, report: RunReport, found: list[Finding], fmt: CheckFormat
) -> NoReturn:
    if report.failures:  # the baseline would silently lose the unread files' entries
        raise InputError("baseline not updated, some inputs failed: " +
                         "; ".join(f.message for f in report.failures))
    try:
        write_text_atomic(baseline, baseline_text(found))
    except OutputError as error:
        raise OutputError(f"baseline {error.detail}", source_file=str(baseline)) from None
    count = len({f.divergence.fingerprint for f in found})
    if fmt is CheckFormat.json:
        typer.echo(json.dumps({"status": "updated", "baseline": str(baseline), "divergences": count}))
    else:
        emit(session.out, Text(f"baseline: {count} divergence(s) written to {baseline}"))
    raise typer.Exit(EXIT_OK)


# --- report (HTML, for a browser) ---


@app.command()
def report(
    path: RawPath = Path("data/raw"),
    out: Annotated[str, typer.Option(help=f"Folder for {REPORT_FILE}.")] = "data/report",
    baseline: Annotated[Path | None, typer.Option(help="Baseline JSON: adds the check.")] = None,
    workers: Workers = None, color: Color = ColorMode.auto, quiet: Quiet = False, verbose: Verbose = False,
) -> None:
    """Write a self-contained HTML report of the export(s) at PATH into OUT, for a browser."""
    session = _session(color, quiet, verbose)
    with _input_errors(session):
        out_dir = check_out_dir(out)
        acknowledged = read_baseline(baseline) if baseline is not None else None
        result = _run(session, path, workers)
        _write_report(session, out_dir, result, path, acknowledged, baseline)
    session.warn(result)
    _report_failures(session, result)
    _exit_for(result)


def _write_report(
    session: Session, out_dir: Path, report: RunReport, path: Path, acknowledged: frozenset[str] | None,
    baseline: Path | None, fail_on: frozenset[DivergenceKind] | None = None,
) -> None:
    """The HTML report into OUT_DIR/report.html, written whole or not at all; its path on stderr."""
    target = Path(out_dir) / REPORT_FILE
    write_text_atomic(target, build_report(report, _root(path), acknowledged=acknowledged, fail_on=fail_on,
                                           baseline=None if baseline is None else str(baseline)))
    if not session.quiet:
        session.err.print(Text(f"report: {target}"))


# --- people (speakers) ---


@app.command()
def people(
    path: RawPath = RAW,
    workers: Workers = None, color: Color = ColorMode.auto, quiet: Quiet = False, verbose: Verbose = False,
) -> None:
    """Print the people of the export(s) at PATH, most resources first."""
    _show(_session(color, quiet, verbose), path, workers, lambda report: format_people(report.people))


# --- figures ---


@app.command()
def figures(
    path: RawPath = RAW,
    unit: Annotated[Unit | None, typer.Option(case_sensitive=False, help="Only figures in this unit.")]
    = None,
    workers: Workers = None, color: Color = ColorMode.auto, quiet: Quiet = False, verbose: Verbose = False,
) -> None:
    """Print the figures (amounts, percentages, areas, counts...) at PATH, by resource."""
    _show(_session(color, quiet, verbose), path, workers,
          lambda report: describe_figures(report.records, report.figures, unit))


# --- documentation ---


@app.command()
def schema() -> None:
    """Print the data dictionary of every table (Markdown), as the README holds it."""
    from pipeline.schemas import data_dictionary

    typer.echo(data_dictionary(), nl=False)


if __name__ == "__main__":
    app()
