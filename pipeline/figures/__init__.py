"""Figures: money, percentages, areas, durations and counts in each record, normalised.

`extract_figures(records)` is the stage, `record_figures(record)` the same for one record
(the orchestrator maps it over the records); `pipeline.render` shows them on the command line.
"""

from pipeline.figures.extract import extract_figures, record_figures

__all__ = ["extract_figures", "record_figures"]
