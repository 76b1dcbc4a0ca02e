"""Speakers and people: who spoke at each event, in what role, for which organisation.

Public entry point: `extract_speakers(records) -> SpeakerResult`. Rules (rules.py) find people
in bullets, headings, "Avec :" lists and prose; spaCy (ner.py) settles the rest; names.py
normalises names and links spellings of one person across records.
"""

from pipeline.speakers.extract import SpeakerResult, extract_speakers

__all__ = ["SpeakerResult", "extract_speakers"]
