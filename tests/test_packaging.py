"""The packaging: what pyproject.toml ships and how the Makefile builds and rebuilds the venv."""

from __future__ import annotations

import fnmatch
import importlib
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import typer

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
make = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def test_every_pipeline_package_goes_into_the_wheel():
    patterns = PROJECT["tool"]["setuptools"]["packages"]["find"]["include"]
    inits = (ROOT / "pipeline").rglob("__init__.py")
    packages = [".".join(init.parent.relative_to(ROOT).parts) for init in inits]
    assert "pipeline" in packages
    assert [name for name in packages if not any(fnmatch.fnmatchcase(name, p) for p in patterns)] == []


def test_the_rtes_console_script_is_the_typer_app():
    module, _, attribute = PROJECT["project"]["scripts"]["rtes"].partition(":")
    assert isinstance(getattr(importlib.import_module(module), attribute), typer.Typer)


# The Makefile is run in a scratch copy of the project files it reads, with `make -n` where
# a real install would be needed: the decisions (rebuild, reinstall, nothing to do) show in
# the commands it would run.
OLD, NEW = 1_000_000_000, 1_000_000_100  # file times: pyproject.toml older than the stamps


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(ROOT / name, tmp_path / name)
    os.utime(tmp_path / "pyproject.toml", (OLD, OLD))
    return tmp_path


def _make(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # Not the variables of a `make test` that may be running this test (PYTHON= would pass down).
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL", "PYTHON"}}
    return subprocess.run(["make", "--no-print-directory", *args], cwd=project, env=env,
                          capture_output=True, text=True, check=False)


def _installed_venv(project: Path, *stamps: str) -> None:
    """A venv made from this interpreter, with the given install steps marked as done."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(project / ".venv")], check=True)
    identity = subprocess.run([str(project / ".venv/bin/python"), "-c",
                               "import sys; print(sys.base_prefix, *sys.version.split())"],
                              capture_output=True, text=True, check=True).stdout
    (project / ".venv/.interpreter").write_text(identity, encoding="utf-8")
    _mark_done(project, ".interpreter", *stamps)


def _mark_done(project: Path, *stamps: str) -> None:
    for stamp in stamps:
        path = project / ".venv" / stamp
        path.touch()
        os.utime(path, (NEW, NEW))


@make
def test_python_defaults_to_one_at_least_3_11_and_can_be_overridden(project: Path):
    show = ["--eval", "show-python: ; @echo $(PYTHON)", "show-python"]
    picked = _make(project, *show).stdout.strip()
    assert picked in {"python3", "python3.11"}
    version = subprocess.run([picked, "-c", "import sys; print(sys.version_info >= (3, 11))"],
                             capture_output=True, text=True, check=True).stdout
    assert version.strip() == "True"
    assert _make(project, *show, "PYTHON=/opt/python3.12").stdout.strip() == "/opt/python3.12"


@make
def test_a_missing_interpreter_is_one_clear_error_and_leaves_the_venv_alone(project: Path):
    (project / ".venv").mkdir()
    (project / ".venv/kept").touch()
    result = _make(project, "ingest", "PYTHON=python9.9")
    assert result.returncode == 2
    assert "PYTHON=python9.9: no such command" in result.stderr
    assert "Traceback" not in result.stderr
    assert (project / ".venv/kept").exists()


@make
def test_an_installed_venv_from_the_requested_interpreter_is_kept(project: Path):
    _installed_venv(project, ".runtime", ".dev")
    planned = _make(project, "-n", "setup", f"PYTHON={sys.executable}").stdout
    assert "rm -rf .venv" not in planned
    assert "pip install" not in planned


@make
def test_a_venv_from_another_interpreter_is_rebuilt(project: Path):
    _installed_venv(project, ".runtime", ".dev")
    (project / ".venv/bin/python").unlink()
    (project / ".venv/bin/python").write_text("#!/bin/sh\necho /elsewhere 3.99.0\n", encoding="utf-8")
    (project / ".venv/bin/python").chmod(0o755)
    planned = _make(project, "-n", "setup", f"PYTHON={sys.executable}").stdout
    assert "rm -rf .venv" in planned
    assert f"{sys.executable} -m venv .venv" in planned


@make
def test_a_changed_pyproject_reinstalls_in_the_same_venv(project: Path):
    _installed_venv(project, ".runtime", ".dev")
    os.utime(project / "pyproject.toml", (NEW + 100, NEW + 100))
    planned = _make(project, "-n", "setup", f"PYTHON={sys.executable}").stdout
    assert "rm -rf .venv" not in planned
    assert "pip install --quiet -e .\n" in planned
    assert "pip install --quiet -e '.[dev]'" in planned


@make
def test_ingest_installs_the_runtime_only_and_test_adds_the_dev_tools(project: Path):
    _installed_venv(project)
    ingest = _make(project, "-n", "ingest", f"PYTHON={sys.executable}").stdout
    assert "pip install --quiet -e .\n" in ingest
    assert "[dev]" not in ingest
    _mark_done(project, ".runtime")
    test = _make(project, "-n", "test", f"PYTHON={sys.executable}").stdout
    assert "pip install --quiet -e .\n" not in test
    assert "pip install --quiet -e '.[dev]'" in test
