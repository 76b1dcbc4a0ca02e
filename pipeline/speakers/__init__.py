"""Speakers and people: who spoke at each event, in what role, for which organisation.

Public entry point: `extract_speakers(records) -> SpeakerResult`; or, to read records in
other processes, `read_record(record)` for each, then `link_people(records, read)`.
Rules (rules.py) find people in bullets, headings, "Avec :" lists and prose; spaCy (ner.py)
settles the rest (in each process that needs it: the model loads on first use); names.py
normalises names and links spellings of one person across records.
"""

from pipeline.speakers.extract import RecordPeople, SpeakerResult, extract_speakers, link_people, read_record

__all__ = ["RecordPeople", "SpeakerResult", "extract_speakers", "link_people", "read_record"]
