"""Figures: money, percentages, areas, durations and counts in each record, normalised.

`extract_figures(records)` is the stage, `record_figures(record)` the same for one record
(the orchestrator maps it over the records); `describe_figures(records, unit)` renders them
grouped by resource for the CLI.
"""

from pipeline.figures.extract import extract_figures, record_figures
from pipeline.figures.summary import describe_figures

__all__ = ["describe_figures", "extract_figures", "record_figures"]
