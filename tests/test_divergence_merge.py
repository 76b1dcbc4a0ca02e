"""The canonical text loses nothing either copy holds (issue 11).

Copies are made from one base by edits (words, sentences and paragraphs inserted, deleted,
replaced, moved; doubled words; long passages appended): every sentence the edits left
alone is in both copies, so it must be in the merged text, with its figures.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.clean import clean_text
from pipeline.divergence import diverge_record
from pipeline.divergence.lexicon import count_words
from pipeline.figures import record_figures
from pipeline.records import DivergenceKind, EventDate, Metadata, Paragraph, RawRecord, Record, Text
from pipeline.run import run_pipeline
from tests.shipped_export import SHIPPED

WORDS = ("projet ferme urbaine quartier jardin association commune habitants réseau "
         "coopérative emploi marché collectif solidaire territoire bailleur école").split()
LONG_WORDS = ("les acteurs de l’économie sociale et solidaire se réunissent chaque mois pour "
              "partager leurs pratiques avec les élus du territoire").split()


def paragraphs(texts: list[str], first_line: int) -> tuple[Paragraph, ...]:
    return tuple(Paragraph(first_line + 2 * i, clean_text(t), t) for i, t in enumerate(texts))


def merged(body_texts: list[str], resume_texts: list[str]):
    body, resume = paragraphs(body_texts, 1), paragraphs(resume_texts, 1001)
    return diverge_record("r-test", body, resume, count_words(p.text for p in body + resume))


def record_of(text: Text) -> Record:
    title = Paragraph(0, "Titre", "Titre")
    raw = RawRecord(source_file="test.txt", title=title, body=text.paragraphs, metadata=(), resume=())
    metadata = Metadata(resource_type=None, is_private=None, event_kind=None,
                        event_date=EventDate(), participants=None, participants_qualifier=None)
    return Record(resource_id="r-test", record_index=0, raw=raw, metadata=metadata, text=text,
                  duplicate_status="divergent")


def figures_of(texts: list[str]) -> list[tuple[str, str]]:
    record = record_of(Text(paragraphs(texts, 1)))
    return [(f.raw, f.sentence) for f in record_figures(record) if not f.in_title]


# --- the case of the issue -------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped_records():
    return run_pipeline(SHIPPED).records


def _appended(record, passage: str, *, to_body: bool):
    """The record's copies with `passage` appended to its "4500 habitants" paragraph."""
    raw = record.raw
    index = next(i for i, p in enumerate(raw.body) if "4500 habitants" in p.text)
    side = list(raw.body if to_body else raw.resume)
    old = side[index]
    side[index] = old._replace(text=f"{old.text} {passage}", raw=f"{old.raw} {passage}")
    body, resume = (tuple(side), raw.resume) if to_body else (raw.body, tuple(side))
    result = diverge_record("r-test", body, resume, count_words(p.text for p in body + resume))
    return result, raw.body[index].text


@pytest.mark.parametrize("to_body", [True, False], ids=["body", "resume"])
def test_a_long_passage_with_a_doubled_word_keeps_the_shared_paragraph(shipped_records, to_body) -> None:
    first, second = shipped_records[0], shipped_records[1]
    passage = " ".join(p.text for p in second.raw.body).replace("tous les midis", "tous les les midis")
    assert "tous les les midis" in passage
    result, paragraph = _appended(first, passage, to_body=to_body)
    (hunk,) = result.divergences
    assert hunk.kind == (DivergenceKind.deletion if to_body else DivergenceKind.insertion)
    assert (hunk.body_side or hunk.resume_side) == passage  # the passage's words, nothing else
    assert hunk.preferred is None  # one doubled word says nothing about a whole passage
    assert paragraph in result.text.string and "4500 habitants" in result.text.string
    shared_figures = figures_of([paragraph])
    assert len(shared_figures) >= 4
    found = set(figures_of([p.text for p in result.text.paragraphs]))
    assert set(shared_figures) <= found


@pytest.mark.parametrize("to_body", [True, False], ids=["body", "resume"])
def test_five_hundred_appended_words_are_one_hunk_of_those_words(shipped_records, to_body) -> None:
    passage = " ".join(LONG_WORDS[i % len(LONG_WORDS)] for i in range(500))
    result, paragraph = _appended(shipped_records[0], passage, to_body=to_body)
    (hunk,) = result.divergences
    assert (hunk.body_side or hunk.resume_side) == passage
    assert f"{paragraph} {passage}" in result.text.string  # the extra words are kept


def test_a_doubled_word_alone_still_loses() -> None:
    result = merged(["Ils mangent tous les midis au jardin."], ["Ils mangent tous les les midis au jardin."])
    (hunk,) = result.divergences
    assert (hunk.kind, hunk.preferred) == ("insertion", "body")
    assert result.text.string == "Ils mangent tous les midis au jardin."


def test_an_insertion_without_preference_is_kept_and_a_substitution_keeps_the_body() -> None:
    result = merged(["Le projet concerne le quartier Concorde et la ferme."],
                    ["Le projet concerne initialement le quartier Concorde et le jardin."])
    assert result.text.string == "Le projet concerne initialement le quartier Concorde et la ferme."


# --- property tests --------------------------------------------------------------------------


def _words():
    return st.lists(st.sampled_from(WORDS), min_size=2, max_size=8, unique=True)


def _sentence(n: int, words: list[str]) -> str:
    return f"{' '.join(words).capitalize()} compte {100 + 7 * n} habitants et {n + 2} jardins."


@st.composite
def edited_copies(draw):
    """(body, Résumé, shared sentences): a base of sentences, one copy edited from it."""
    n_paragraphs = draw(st.integers(1, 4))
    base: list[list[str]] = []
    count = 0
    for _ in range(n_paragraphs):
        sentences = []
        for _ in range(draw(st.integers(1, 4))):
            sentences.append(_sentence(count, draw(_words())))
            count += 1
        base.append(sentences)
    edited = [list(p) for p in base]
    touched: set[str] = set()
    n_edits = draw(st.integers(0, 4))
    for _ in range(n_edits):
        p = draw(st.integers(0, len(edited) - 1))
        if not edited[p]:
            continue
        s = draw(st.integers(0, len(edited[p]) - 1))
        sentence = edited[p][s]
        words = sentence.split()
        w = draw(st.integers(0, len(words) - 1))
        action = draw(st.sampled_from(["insert", "delete", "replace", "double", "move_word", "drop_sentence",
                                       "add_sentence", "move_sentence", "append", "add_paragraph",
                                       "drop_paragraph", "move_paragraph"]))
        if action.startswith("move_") and action != "move_word" and n_edits > 1:
            continue  # a moved sentence or paragraph, edited too, is beyond the guarantee
        if action in ("insert", "delete", "replace", "double", "move_word"):
            touched.add(sentence)
            if action == "insert":
                words.insert(w, draw(st.sampled_from(WORDS)))
            elif action == "delete" and len(words) > 1:
                del words[w]
            elif action == "replace":
                words[w] = draw(st.sampled_from(WORDS))
            elif action == "double":
                words.insert(w, words[w])
            elif action == "move_word":
                words.insert(draw(st.integers(0, len(words) - 1)), words.pop(w))
            edited[p][s] = " ".join(words)
        elif action == "drop_sentence":
            touched.add(sentence)
            del edited[p][s]
        elif action == "add_sentence":
            edited[p].insert(s, _sentence(1000 + count, draw(_words())))
            count += 1
        elif action == "move_sentence":
            moved = edited[p].pop(s)
            target = draw(st.integers(0, len(edited) - 1))
            edited[target].insert(draw(st.integers(0, len(edited[target]))), moved)
        elif action == "append":
            size = draw(st.sampled_from([20, 200, 600]))
            start = draw(st.integers(0, len(LONG_WORDS) - 1))
            passage = " ".join(LONG_WORDS[(start + i) % len(LONG_WORDS)] for i in range(size)) + "."
            edited[p].insert(draw(st.sampled_from([0, len(edited[p]), s])), passage)
        elif action == "add_paragraph":
            words = draw(st.lists(st.sampled_from(LONG_WORDS), min_size=3, max_size=60))
            edited.insert(p, [" ".join(words) + "."])
        elif action == "drop_paragraph" and len(edited) > 1:
            touched.update(edited[p])
            del edited[p]
        elif action == "move_paragraph":
            edited.insert(draw(st.integers(0, len(edited) - 1)), edited.pop(p))
    base_texts = [" ".join(p) for p in base if p]
    edited_texts = [" ".join(p) for p in edited if p]
    shared = [s for p in base for s in p if s not in touched]
    shared = [s for s in shared if any(s in text for text in edited_texts)]
    if draw(st.booleans()):
        return base_texts, edited_texts, shared
    return edited_texts, base_texts, shared


@settings(max_examples=150, deadline=None)
@given(edited_copies())
def test_every_sentence_both_copies_hold_is_in_the_text_with_its_figures(copies) -> None:
    body, resume, shared = copies
    result = merged(body, resume)
    text = result.text.string
    for sentence in shared:
        assert sentence in text
    found = figures_of([p.text for p in result.text.paragraphs])
    for sentence in shared:  # the same figure, in a sentence holding this one (an edit
        for raw, _ in figures_of([sentence]):  # may have joined it to its neighbour)
            assert any(raw == found_raw and sentence in where for found_raw, where in found)


@settings(max_examples=50, deadline=None)
@given(edited_copies())
def test_equal_copies_give_the_body(copies) -> None:
    body, _, _ = copies
    result = merged(body, body)
    assert [p.text for p in result.text.paragraphs] == [p.text for p in paragraphs(body, 1)]
    assert result.divergences == ()
