"""figure_id: a hash of where a figure is and what it says, stable across line shifts.

It hashes the resource id, where (title/text), the normalised raw figure and its occurrence
index among equal figures of the record: it survives line shifts and edits elsewhere in the
record, and changes only when the figure itself does.
"""

from __future__ import annotations

import hashlib
import unicodedata

# Length of figure_id: 16 hex digits (64 bits) make collisions within an export negligible.
FIGURE_ID_HEX = 16


def normalise(raw: str) -> str:
    """The raw figure as compared for ids: NFC, casefolded, one kind of space and quote."""
    if not raw.isascii():
        raw = unicodedata.normalize("NFC", raw).replace("’", "'")
    return " ".join(raw.casefold().split())  # split() also folds U+00A0 and U+202F


def figure_id(resource_id: str, in_title: bool, normalised_raw: str, occurrence: int) -> str:
    where = "title" if in_title else "text"
    key = f"{resource_id}\x1f{where}\x1f{normalised_raw}\x1f{occurrence}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:FIGURE_ID_HEX]
