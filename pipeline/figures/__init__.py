"""Figures: money, percentages, fractions, areas, durations, counts and full-time
equivalents in each record, normalised; a unit left unsaid is taken from the context.

`extract_figures(records)` is the stage, `record_figures(record)` the same for one record
(the orchestrator maps it over the records); `pipeline.render` shows them on the command line.
"""

from pipeline.figures.extract import extract_figures, record_figures

__all__ = ["extract_figures", "record_figures"]
