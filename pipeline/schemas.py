"""The Parquet schemas of every output table, declared once, with a description per column.

The writer enforces these schemas and the README's data dictionary is generated from the
same descriptions (`python cli.py schema`), so documentation and files cannot drift apart.
"""

from __future__ import annotations

import pyarrow as pa


def _field(name: str, type_: pa.DataType, description: str, nullable: bool = True) -> pa.Field:
    return pa.field(name, type_, nullable=nullable, metadata={"description": description})


def _schema(description: str, *fields: pa.Field) -> pa.Schema:
    return pa.schema(list(fields), metadata={"description": description})


RESOURCES = _schema(
    "One row per distinct resource, in the order its first record was read (files sorted by "
    "path). A resource listed on several pages or in several exports is one row: its records "
    "are in occurrences.parquet. The row describes the canonical occurrence, chosen by content "
    "alone so that file names and order never change it: the content most occurrences agree on "
    "(an edit seen on one page among several is the odd one out, to review, and is in "
    "divergences.parquet with scope 'occurrence'); on a tie the most complete record (body, "
    "Résumé, metadata lines), then the longest text, then the smallest content hash.",
    _field("resource_id", pa.string(), "Stable id from content alone: 'r' + sha1 of the canonical "
           "occurrence's casefolded, accent-free title; when several resources share that title, "
           "'-' + the first 8 hex digits of the canonical content_hash.", False),
    _field("source_file", pa.string(), "The canonical occurrence's input path, relative to the raw "
           "folder (the paths as given when several are).", False),
    _field("record_index", pa.int32(), "0-based position of the canonical occurrence in its file.", False),
    _field("title", pa.string(), "Title as written (cleaned).", False),
    _field("resource_type", pa.string(), "'Type de ressource' as written ('Autres'...)."),
    _field("is_private", pa.bool_(), "'Ressource privée' Oui/Non; null when the field is missing."),
    _field("event_kind", pa.string(), "conférence en ligne, webinaire, visioconférence, mise en débat, "
           "temps d'échange... from the title, else the body."),
    _field("event_date", pa.date32(), "Event (start) date, as precise as the text allows."),
    _field("event_date_end", pa.date32(), "Last day of a multi-day event ('26 & 28 août 2020')."),
    _field("date_precision", pa.string(), "'day', 'month' or 'year'; null when no date is stated."),
    _field("participants", pa.int64(), "Number of participants when stated."),
    _field("participants_qualifier", pa.string(), "Qualifier of that number ('plus de')."),
    _field("tags", pa.list_(pa.string()), "Lone tag lines between body and metadata ('PTCE')."),
    _field("body", pa.string(), "Body paragraphs joined by newlines; null when absent."),
    _field("resume", pa.string(), "Résumé paragraphs joined by newlines; null when absent."),
    _field("text", pa.string(), "Canonical text: body and Résumé merged, each divergence "
           "resolved to its preferred side (the body's when none is preferred)."),
    _field("duplicate_status", pa.string(), "identical | divergent | body_only | resume_only | "
           "none (neither copy).", False),
    _field("n_divergences", pa.int32(), "Divergences other than whitespace between the copies.", False),
    _field("similarity", pa.float64(), "Similarity of body and Résumé (0-1); null without both."),
    _field("line_start", pa.int32(), "First raw line of the record (its title), 1-based.", False),
    _field("line_end", pa.int32(), "Last raw line of the record, 1-based, inclusive.", False),
    _field("title_line", pa.int32(), "Raw line of the title, 1-based.", False),
    _field("title_evidence", pa.string(), "What placed the title: 'alignment' (the body after it "
           "is copied, even partly, by the record's Résumé), 'metadata' (no body: the metadata "
           "block follows the title directly) or 'shape' (a body no Résumé copies: the line's "
           "shape alone decided; the record carries a warning).", False),
    _field("resume_line_start", pa.int32(), "Raw line of the first Résumé paragraph; null if none."),
    _field("warnings", pa.list_(pa.string()), "What was odd about this record.", False),
    _field("n_occurrences", pa.int32(), "Records that are this resource across the inputs "
           "(occurrences.parquet): same normalised title, or near-duplicate text in another file.",
           False),
)

OCCURRENCES = _schema(
    "One row per record read: each is an occurrence of one resource, in the order read.",
    _field("resource_id", pa.string(), "The resource this record is an occurrence of.", False),
    _field("source_file", pa.string(), "Input path relative to the raw folder (the paths as given "
           "when several are).", False),
    _field("record_index", pa.int32(), "0-based position of the record in its file.", False),
    _field("line_start", pa.int32(), "First raw line of the record (its title), 1-based.", False),
    _field("line_end", pa.int32(), "Last raw line of the record, 1-based, inclusive.", False),
    _field("title", pa.string(), "Title as written (cleaned).", False),
    _field("content_hash", pa.string(), "sha256 (16 hex digits) of the record's cleaned body, tags, "
           "metadata and Résumé (the title is in `title`): equal for the same content anywhere.", False),
    _field("differs_from_canonical", pa.bool_(), "True when the content is not the canonical "
           "occurrence's; the differences are divergences of scope 'occurrence'.", False),
)

QUARANTINE = _schema(
    "Lines that belong to no record, with the reason; nothing is dropped silently.",
    _field("source_file", pa.string(), "Input path relative to the raw folder.", False),
    _field("line_start", pa.int32(), "First raw line of the span, 1-based.", False),
    _field("line_end", pa.int32(), "Last raw line of the span, 1-based, inclusive.", False),
    _field("text", pa.string(), "The span's lines as read, joined by newlines.", False),
    _field("reason", pa.string(), "Why the span belongs to no record.", False),
)

DIVERGENCES = _schema(
    "One row per difference between a record's body and its Résumé (scope 'copy'), or between "
    "another occurrence of a resource and its canonical occurrence (scope 'occurrence': there "
    "the body columns are the canonical occurrence, the Résumé columns the other one, over the "
    "whole record but its title: body, tags, metadata, Résumé).",
    _field("resource_id", pa.string(), "Record the difference belongs to.", False),
    _field("hunk_index", pa.int32(), "0-based order of the hunk within its record.", False),
    _field("kind", pa.string(), "whitespace | punctuation | case | accent | typo | word | figure | "
           "insertion | deletion | rewording | move | truncated (one copy stops early: the "
           "tail it lacks, one row).", False),
    _field("body_side", pa.string(), "The body's words in the hunk ('' when absent).", False),
    _field("resume_side", pa.string(), "The Résumé's words in the hunk ('' when absent).", False),
    _field("context", pa.string(), "The surrounding words.", False),
    _field("body_line", pa.int32(), "Raw line of the body side, 1-based."),
    _field("resume_line", pa.int32(), "Raw line of the Résumé side, 1-based."),
    _field("preferred", pa.string(), "'body' or 'resume' when the evidence says which is right."),
    _field("reason", pa.string(), "The evidence behind `preferred`."),
    _field("fingerprint", pa.string(), "Stable id of the hunk, independent of its line numbers.", False),
    _field("detail", pa.string(), "The hunk in words: where a moved passage sits in each copy and "
           "what changed inside it, a split paragraph, a truncated Résumé ('' when nothing to add).",
           False),
    _field("scope", pa.string(), "copy (body against Résumé) | occurrence (an occurrence against "
           "the canonical one).", False),
    _field("source_file", pa.string(), "File of body_line: the record's (scope occurrence: the "
           "canonical occurrence's).", False),
    _field("other_file", pa.string(), "File of resume_line: the record's (scope occurrence: the "
           "other occurrence's).", False),
    _field("other_record_index", pa.int32(), "Scope occurrence: the other occurrence's record_index "
           "in other_file; null for scope copy."),
)

SPEAKERS = _schema(
    "People found in each record's canonical text: speakers, and people only mentioned.",
    _field("resource_id", pa.string(), "Record the person appears in.", False),
    _field("person_id", pa.string(), "Stable id of the person across records.", False),
    _field("name", pa.string(), "Normalised name.", False),
    _field("name_as_written", pa.string(), "Name as it appears in the text.", False),
    _field("role", pa.string(), "Role, when one can be separated."),
    _field("organisation", pa.string(), "Organisation, when one can be separated."),
    _field("affiliation_raw", pa.string(), "The whole text after the name, as written."),
    _field("is_speaker", pa.bool_(), "False for people only mentioned.", False),
    _field("participation", pa.string(), "speaker | moderator | mentioned (is_speaker is true "
           "for the first two).", False),
    _field("cue", pa.string(), "The words that decided the participation, as written ('a "
           "souligné', 'animée par', 'Merci à', '» ('); null when the layout (a bullet, a list, "
           "a heading) or the model decided."),
    _field("source", pa.string(), "bullet | heading | list | prose | ner.", False),
    _field("line", pa.int32(), "Raw line, 1-based."),
    _field("char_start", pa.int32(), "Start offset in the record's canonical text.", False),
    _field("char_end", pa.int32(), "End offset (exclusive) in the record's canonical text.", False),
)

PEOPLE = _schema(
    "One row per distinct person across all records.",
    _field("person_id", pa.string(), "Stable id of the person.", False),
    _field("name", pa.string(), "Normalised name.", False),
    _field("variants", pa.list_(pa.string()), "Every spelling seen.", False),
    _field("n_resources", pa.int32(), "Number of records the person appears in.", False),
    _field("roles", pa.list_(pa.string()), "Distinct roles seen, first seen first.", False),
    _field("n_as_speaker", pa.int32(), "Records where the person spoke; the other records only "
           "mention them.", False),
)

FIGURES = _schema(
    "Quantities with their unit, normalised value and context.",
    _field("resource_id", pa.string(), "Record the figure appears in.", False),
    _field("figure_id", pa.string(), "Stable id: hash of resource_id, title/text, the normalised "
           "raw figure and its occurrence index among equal figures (not line numbers).", False),
    _field("raw", pa.string(), "The figure as written: number and unit or counted noun, without "
           "its qualifier.", False),
    _field("value", pa.float64(), "Normalised value (1500000.0 for '1.5 Millions d’€').", False),
    _field("value_min", pa.float64(), "Lower bound: the value when exact, a range's start, the "
           "value after 'plus de'; null after 'moins de' or an approximation ('environ')."),
    _field("value_max", pa.float64(), "Upper bound: the value when exact, a range's end, the "
           "value after 'moins de'/'jusqu'à'; null after 'plus de' or an approximation."),
    _field("unit", pa.string(), "Unit from a closed set: EUR, USD, percent, fraction, m2, km2, "
           "ha, km, m, years, months, weeks, days, hours, minutes, people, organisations, count, "
           "fte (full-time equivalents, 'ETP'). A unit absent from raw was implied and taken "
           "from the context ('5,7 millions' after 'budget' is EUR; 'une quarantaine' after "
           "'participants' is people); null when the context does not say it."),
    _field("kind", pa.string(), "money | percent | fraction (a share of 1: 'un quart' = 0.25) | "
           "area | distance | headcount | count | duration | jobs (fte); null when unit is."),
    _field("subject", pa.string(), "The counted noun ('habitants', 'SCIC'), or the noun after "
           "de/des/du for percentages, areas and money ('25% des denrées' -> 'denrées')."),
    _field("qualifier", pa.string(), "plus de | au moins | près de | environ | moins de | au plus | "
           "jusqu'à | dont (canonical: 'inférieur à' is 'moins de')."),
    _field("textual", pa.bool_(), "True when written in words.", False),
    _field("sentence", pa.string(), "The sentence holding the figure.", False),
    _field("line", pa.int32(), "Raw line, 1-based (the title's line when in_title)."),
    _field("char_start", pa.int32(), "Start offset in the record's canonical text (in the title "
           "when in_title).", False),
    _field("char_end", pa.int32(), "End offset (exclusive), like char_start.", False),
    _field("in_title", pa.bool_(), "True when found in the title: line is the title's line and "
           "char offsets are relative to the title.", False),
)

TABLES: dict[str, pa.Schema] = {
    "resources": RESOURCES,
    "occurrences": OCCURRENCES,
    "quarantine": QUARANTINE,
    "divergences": DIVERGENCES,
    "speakers": SPEAKERS,
    "people": PEOPLE,
    "figures": FIGURES,
}


def data_dictionary() -> str:
    """The README's data dictionary, in Markdown, from the schemas' descriptions."""
    sections = []
    for name, schema in TABLES.items():
        rows = [f"| `{f.name}` | {f.type} | {_cell(f.metadata[b'description'].decode())} |" for f in schema]
        sections.append("\n".join([
            f"### `data/clean/{name}.parquet`", "",
            schema.metadata[b"description"].decode(), "",
            "| column | type | description |", "|---|---|---|", *rows,
        ]))
    return "\n\n".join(sections) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")  # "identical | divergent" must not split the table cell
