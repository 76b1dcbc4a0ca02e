"""What the command line shows: run summary, people and figures tables, check reports, the diff.

Rendering only: functions here take a run's results and return Rich renderables or text;
`cli.py` decides where they go and with which exit code.
"""

from pipeline.render.check import CheckFormat, Failure, check_github, check_json, check_text, error_document
from pipeline.render.console import ColorMode, RunProgress, emit, make_console
from pipeline.render.diff import render_diff
from pipeline.render.tables import describe_figures, format_people, run_summary

__all__ = [
    "CheckFormat", "ColorMode", "Failure", "RunProgress", "check_github", "check_json", "check_text",
    "describe_figures", "emit", "error_document", "format_people", "make_console", "render_diff",
    "run_summary",
]
