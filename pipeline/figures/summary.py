"""Plain-text rendering of the figures, grouped by resource, for `cli.py figures`."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.figures.extract import extract_figures
from pipeline.figures.units import UNIT_KINDS
from pipeline.records import Figure, Record


def describe_figures(records: Sequence[Record], unit: str | None = None) -> str:
    """The figures of each record under its title, optionally only those in `unit`.

    Raises ValueError for a unit outside the closed set (see `pipeline.figures.units`).
    """
    wanted = _known_unit(unit) if unit else None
    figures = [f for f in extract_figures(records) if wanted is None or f.unit == wanted]
    blocks = []
    for record in records:
        mine = [f for f in figures if f.resource_id == record.resource_id]
        if mine:
            lines = [f"{record.title} [{record.resource_id}]"]
            lines += [f"  {_describe(figure)}" for figure in mine]
            blocks.append("\n".join(lines))
    shown = f" in {wanted}" if wanted else ""
    blocks.append(f"{len(figures)} figures{shown} in {len(blocks)} resources")
    return "\n\n".join(blocks)


def _known_unit(unit: str) -> str:
    by_fold = {known.casefold(): known for known in UNIT_KINDS}
    if unit.casefold() not in by_fold:
        raise ValueError(f"unknown unit {unit!r}: use one of {', '.join(UNIT_KINDS)}")
    return by_fold[unit.casefold()]


def _describe(figure: Figure) -> str:
    qualifier = f"{figure.qualifier} " if figure.qualifier else ""
    subject = f" {figure.subject}" if figure.subject and figure.kind != "headcount" else ""
    where = "title" if figure.in_title else f"line {figure.line}"
    return (f"{qualifier}{_number(figure.value)} {figure.unit}{subject}  "
            f"({figure.kind}) «{figure.raw}» {where}")


def _number(value: float) -> str:
    """1500000.0 -> '1 500 000', 33.33 -> '33.33': whole numbers grouped the French way."""
    if value.is_integer():
        return f"{int(value):,}".replace(",", " ")
    return f"{value:g}"
