"""Figures: money, percentages, areas, durations and counts in each record, normalised.

`extract_figures(records)` is the stage; `find_figures(text)` reads a bare string
(`pipeline.render` shows them on the command line).
"""

from pipeline.figures.extract import extract_figures, find_figures, record_figures

__all__ = ["extract_figures", "find_figures", "record_figures"]
