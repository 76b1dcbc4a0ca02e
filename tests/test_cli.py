"""Tests for the command line: exit codes, one-line errors, one JSON document, colour, failed files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app

ROOT = Path(__file__).parents[1]
SHIPPED = ROOT / "data" / "raw" / "rtes_export_2020-2021.txt"
# No colour forced from outside, no worker count: each test says what it wants.
runner = CliRunner(env={"NO_COLOR": None, "FORCE_COLOR": None, "RTES_WORKERS": None})


def one_error_line(result, *names: str) -> str:
    """The run failed with exit 2 and one `error:` line on stderr naming every one of `names`."""
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith("error: ")
    assert all(name in line for name in names), line
    return line


@pytest.fixture
def folder_with_bad_files(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / SHIPPED.name).write_bytes(SHIPPED.read_bytes())
    (raw / "empty.txt").write_bytes(b"")
    (raw / "binary.txt").write_bytes(b"\x00\x01\x02binary" * 50)
    return raw


@pytest.fixture
def empty_baseline(tmp_path: Path) -> Path:
    path = tmp_path / "empty.json"
    path.write_text('{"divergences": []}', encoding="utf-8")
    return path


def test_help_runs_with_the_interpreter_alone() -> None:
    """`python cli.py --help` from the project folder, no virtual environment activated."""
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env["PATH"] = "/usr/bin:/bin"
    done = subprocess.run([sys.executable, "cli.py", "--help"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert all(command in done.stdout for command in ("ingest", "check", "diff", "people", "figures"))


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.startswith("rtes ") and result.stdout.strip() != "rtes"


# --- environment errors: one line naming the path, exit 2, checked before the run ----------


def test_out_naming_a_file(tmp_path: Path) -> None:
    out = tmp_path / "tables.parquet"
    out.write_bytes(b"x")
    line = one_error_line(runner.invoke(app, ["ingest", str(SHIPPED), "--out", str(out)]), str(out))
    assert "is a file, not a folder" in line
    assert out.read_bytes() == b"x"


def test_out_that_cannot_be_made(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_bytes(b"x")
    out = blocker / "clean"
    line = one_error_line(runner.invoke(app, ["ingest", str(SHIPPED), "--out", str(out)]), str(out))
    assert "cannot be made" in line


def test_empty_out_writes_nothing_in_the_current_folder(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["ingest", str(SHIPPED), "--out", ""])
    assert not list(tmp_path.iterdir())
    assert "the output folder is empty" in one_error_line(result)


def test_out_is_checked_before_the_input_is_read(tmp_path: Path) -> None:
    bad_input = tmp_path / "bad.txt"
    bad_input.write_bytes(b"")
    out = tmp_path / "out.txt"
    out.write_bytes(b"x")
    line = one_error_line(runner.invoke(app, ["ingest", str(bad_input), "--out", str(out)]), str(out))
    assert "bad.txt" not in line


@pytest.mark.parametrize(("arguments", "env", "message"), [
    ([], {"RTES_WORKERS": "abc"}, "RTES_WORKERS='abc'"),
    (["--workers", "0"], {}, "--workers must be 1 or more, not 0"),
])
def test_bad_worker_count(tmp_path: Path, arguments: list[str], env: dict, message: str) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["ingest", str(SHIPPED), "--out", str(out), *arguments], env=env)
    one_error_line(result, message)
    assert not out.exists()


def test_worker_count_option(tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", str(SHIPPED), "--out", str(tmp_path), "--workers", "1"],
                           env={"RTES_WORKERS": "abc"})  # the option wins over the variable
    assert result.exit_code == 0, result.output


def test_missing_baseline_in_a_missing_folder(tmp_path: Path) -> None:
    baseline = tmp_path / "nowhere" / "b.json"
    line = one_error_line(runner.invoke(app, ["check", str(SHIPPED), "--baseline", str(baseline)]),
                          str(baseline))
    assert "create it with --update-baseline" in line


@pytest.mark.parametrize(("content", "message"), [(None, "Is a directory"), (b"\xff\xfe{", "not UTF-8")])
def test_unreadable_baseline(tmp_path: Path, content: bytes | None, message: str) -> None:
    baseline = tmp_path / "b.json"
    if content is None:
        baseline.mkdir()
    else:
        baseline.write_bytes(content)
    result = runner.invoke(app, ["check", str(SHIPPED), "--baseline", str(baseline)])
    assert message in one_error_line(result, str(baseline), "baseline cannot be read")


def test_unwritable_baseline_fails_before_the_run(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_bytes(b"x")
    baseline = blocker / "b.json"
    bad_input = tmp_path / "bad.txt"
    bad_input.write_bytes(b"")
    arguments = ["check", str(bad_input), "--baseline", str(baseline), "--update-baseline"]
    line = one_error_line(runner.invoke(app, arguments), str(baseline), "baseline cannot be written")
    assert "bad.txt" not in line


# --- check: one JSON document; capped GitHub annotations ----------------------------------


def test_json_is_one_document_with_bad_files_in_the_folder(folder_with_bad_files: Path) -> None:
    arguments = ["check", str(folder_with_bad_files), "--baseline",
                 str(ROOT / "data" / "divergences.baseline.json"), "--format", "json"]
    result = runner.invoke(app, arguments)
    assert result.exit_code == 2
    document = json.loads(result.stdout)
    assert (document["status"], document["new"]) == ("incomplete", [])
    assert sorted(Path(f["file"]).name for f in document["failures"]) == ["binary.txt", "empty.txt"]
    assert all("Traceback" not in f["error"] for f in document["failures"])


@pytest.mark.parametrize("arguments", [
    ["--baseline", "{missing}"],
    ["--baseline", "{empty}", "--fail-on", "tpyo"],
])
def test_json_on_a_fatal_error_is_one_document(tmp_path: Path, empty_baseline: Path,
                                               arguments: list[str]) -> None:
    missing = tmp_path / "missing.json"
    filled = [a.format(missing=missing, empty=empty_baseline) for a in arguments]
    result = runner.invoke(app, ["check", str(SHIPPED), *filled, "--format", "json"])
    assert result.exit_code == 2
    document = json.loads(result.stdout)
    assert document["status"] == "error" and document["error"] in result.stderr


def test_github_annotations_are_capped_with_one_for_the_rest(empty_baseline: Path) -> None:
    every_kind = ["--fail-on", "whitespace,punctuation,case,accent,typo", "--fail-on", "word,figure",
                  "--fail-on", "insertion,deletion,rewording,move"]
    arguments = ["check", str(SHIPPED), "--baseline", str(empty_baseline), "--format", "github", *every_kind]
    result = runner.invoke(app, arguments)
    assert result.exit_code == 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::error")]
    assert len(annotations) == 10  # GitHub's limit per step
    assert all(a.startswith("::error file=") for a in annotations[:9])
    assert annotations[9] == ("::error::6 more error(s) not annotated (GitHub shows 10 per step): "
                              "run `check --format text` to see them all")
    assert "15 divergence(s) of the chosen kinds" in result.stdout


def test_github_annotates_a_failed_file(folder_with_bad_files: Path, empty_baseline: Path) -> None:
    arguments = ["check", str(folder_with_bad_files), "--baseline", str(empty_baseline), "--format", "github"]
    result = runner.invoke(app, arguments)
    assert result.exit_code == 2
    failed = [line for line in result.stdout.splitlines() if "title=Unreadable input" in line]
    assert len(failed) == 2 and all(line.startswith("::error file=") for line in failed)


# --- colour -------------------------------------------------------------------------------


@pytest.mark.parametrize(("arguments", "env", "coloured"), [
    ([], {}, False),  # not a terminal
    (["--color", "never"], {}, False),
    (["--color", "always"], {}, True),
    (["--color", "auto"], {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),
])
def test_colour(arguments: list[str], env: dict, coloured: bool) -> None:
    result = runner.invoke(app, ["diff", str(SHIPPED), *arguments], env=env)
    assert result.exit_code == 0
    assert ("\x1b[" in result.stdout) is coloured
    assert ("{+Mobiccop+}" in result.stdout) is not coloured


# --- failed files: reported on stderr, exit 3, output for the good ones --------------------


@pytest.mark.parametrize(("command", "shown"), [
    (["diff"], "== SCIC et collectivités territoriales"),
    (["people"], "34 people"),
    (["figures"], "figures in 9 resources"),
    (["ingest", "--out", "{out}"], "10  (divergent 5"),
])
def test_a_failed_file_exits_3_after_the_output(folder_with_bad_files: Path, tmp_path: Path,
                                                command: list[str], shown: str) -> None:
    filled = [a.format(out=tmp_path / "out") for a in command]
    result = runner.invoke(app, [filled[0], str(folder_with_bad_files), *filled[1:]])
    assert result.exit_code == 3, result.output
    assert shown in result.stdout
    errors = result.stderr.splitlines()
    assert sorted(Path(e.split(":")[1].strip()).name for e in errors) == ["binary.txt", "empty.txt"]
    assert all(e.startswith("error: ") for e in errors)


# --- verbosity ----------------------------------------------------------------------------


@pytest.fixture
def fourteen_exports(tmp_path: Path) -> Path:
    """Fourteen copies of the shipped export, each with its own number of trailing blank
    lines (a byte-identical copy is read once): one warning each (a stray ',\u00a0,')."""
    raw = tmp_path / "raw"
    raw.mkdir()
    for k in range(14):
        (raw / f"export_{k:02}.txt").write_bytes(SHIPPED.read_bytes() + b"\n" * k)
    return raw


def test_quiet_verbose_and_default_summaries(fourteen_exports: Path, tmp_path: Path) -> None:
    def ingest(*flags: str):
        result = runner.invoke(app, ["ingest", str(fourteen_exports), "--out", str(tmp_path / "out"), *flags])
        assert result.exit_code == 0, result.output
        return result.stdout

    default, quiet, verbose = ingest(), ingest("-q"), ingest("-v")
    assert quiet == ""
    assert default.count("  - ") == 12 and "... 2 more in" in default
    assert verbose.count("  - ") == 14 and "more in" not in verbose
    assert "stages" in verbose and "stages" not in default
