"""Figures: money, percentages, areas, durations and counts in each record, normalised.

`extract_figures(records)` is the stage; `find_figures(text)` reads a bare string;
`describe_figures(records, unit)` renders them grouped by resource for the CLI.
"""

from pipeline.figures.extract import extract_figures, find_figures, record_figures
from pipeline.figures.summary import describe_figures

__all__ = ["describe_figures", "extract_figures", "find_figures", "record_figures"]
