"""Split a cleaned export into records; every input line lands in a record or the quarantine.

Layout of a record: title, body, metadata block (`Type de ressource` / value /
`Ressource privée` / Oui|Non / `Résumé`), then the Résumé, a drifted copy of the body.
Nothing marks where a Résumé ends and the next title starts, so boundaries are placed by
alignment: the Résumé is a near-copy of the body above it, and the next body is a near-copy
of the next Résumé. The line between the two copies is the title. Only where there is no
copy to align (no Résumé) does the shape of a line decide.
"""

from pipeline.errors import InputError
from pipeline.records import SourceDocument
from pipeline.split.assemble import SplitResult, assemble
from pipeline.split.blocks import find_blocks
from pipeline.split.titles import is_site_header, place_titles

__all__ = ["SplitResult", "split_records"]


def split_records(document: SourceDocument) -> SplitResult:
    """Cut a cleaned document into records and quarantined spans covering every line."""
    lines = [line for line in document.lines if not line.is_blank]
    where = f"{document.source_file}"
    if not lines:
        raise InputError("the file holds no text", source_file=where)
    blocks = find_blocks(lines)
    if not blocks:
        only_header = len(lines) == 1 and is_site_header(lines[0].text)
        problem = ("the file holds only the site header" if only_header else
                   "no metadata block ('Type de ressource' / 'Ressource privée') found")
        raise InputError(f"{problem}: this is not an RTES export, or it is cut off before "
                         "its first record ends", source_file=where, line=lines[-1].number)
    drafts, quarantined = place_titles(lines, blocks)
    return assemble(document, lines, drafts, quarantined)
