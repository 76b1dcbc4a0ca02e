"""The metadata labels of a record ('Type de ressource', 'Ressource privée', 'Résumé'...):
which label a line is, and the fields of a metadata block. Used by split and metadata."""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import StrEnum

from pipeline.text import fold_accents


class Label(StrEnum):
    type = "type"
    private = "private"
    resume = "resume"
    documents = "documents"


# The longest label ("Ressources privées :" with spaces) is well under this.
LABEL_MAX_CHARS = 30
# Labels as written on the site, accent-free and casefolded, without their colon.
_LABELS = {
    "type de ressource": Label.type,
    "type de ressources": Label.type,
    "ressource privee": Label.private,
    "ressources privees": Label.private,
    "resume": Label.resume,
    "documents": Label.documents,
}
_INLINE_LABEL = re.compile(r"^(type de ressources?|ressources? privees?)\s*:\s*(\S.*)$")
# The labels that carry a value (on the next line, or inline after a colon).
VALUE_LABELS = (Label.type, Label.private)


def label_of(text: str) -> Label | None:
    """The metadata label a line is, if any.

    >>> label_of("Ressource Privée :"), label_of("Un paragraphe")
    (<Label.private: 'private'>, None)
    """
    if len(text) > LABEL_MAX_CHARS:
        return None  # cheap exit: most lines are paragraphs, and folding them is costly
    key = fold_accents(text).rstrip(" :").strip()
    return _LABELS.get(key)


def inline_label(text: str) -> tuple[Label, str] | None:
    """A label written on one line with its value: (label, value).

    >>> inline_label("Type de ressource : Autres")
    (<Label.type: 'type'>, 'Autres')
    """
    if text[:1] not in "TtRr" or ":" not in text[:LABEL_MAX_CHARS + 10]:
        return None  # cheap exits: the label and its colon open the line
    match = _INLINE_LABEL.match(fold_accents(text[:LABEL_MAX_CHARS + 80]))
    if not match:
        return None
    label = label_of(match.group(1))
    value = text.split(":", 1)[1].strip()
    return (label, value) if label else None


def any_label(text: str) -> Label | None:
    """The label of a label line, or of a label written inline with its value."""
    return label_of(text) or (inline_label(text) or (None,))[0]


def block_fields(lines: Sequence[str]) -> dict[Label, str | None]:
    """The values of a metadata block's labels; a label with no value maps to None.

    >>> block_fields(["Type de ressource", "Autres", "Ressource privée : Non", "Résumé"])
    {<Label.type: 'type'>: 'Autres', <Label.private: 'private'>: 'Non'}
    """
    fields: dict[Label, str | None] = {}
    for i, text in enumerate(lines):
        inline = inline_label(text)
        if inline:
            fields[inline[0]] = inline[1]
            continue
        label = label_of(text)
        if label in VALUE_LABELS:
            following = lines[i + 1] if i + 1 < len(lines) else None
            is_value = following is not None and label_of(following) is None and not inline_label(following)
            fields[label] = following if is_value else None
    return fields
