"""Tests for the divergence stage: hand-written pairs per kind, and the shipped export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pipeline.clean import clean_text
from pipeline.divergence import diverge_record, word_counts
from pipeline.divergence.align import align_paragraphs
from pipeline.divergence.lexicon import count_words
from pipeline.records import DivergenceKind, Paragraph
from pipeline.run import run_pipeline

CASES = Path(__file__).parent / "cases"
SHIPPED = Path(__file__).parents[1] / "data" / "raw" / "rtes_export_2020-2021.txt"
BODY_FIRST_LINE, RESUME_FIRST_LINE = 1, 101  # hand cases: one paragraph every other line

# Words, marks and a figure with which random copies of a record are built.
VOCABULARY = ["la", "le", "une", "cette", "ville", "Ville", "SCIC", "Mobicoop", "Mobiccop", "relèvant",
              "relevant", "80", "85", ",", ".", ", ,", "participants", "a", "choisi", "choisit", "\u00a0"]
HAND_CASES = json.loads((CASES / "divergences.json").read_text(encoding="utf-8"))
SHIPPED_CASES = json.loads((CASES / "divergences_shipped.json").read_text(encoding="utf-8"))


def paragraphs(raws: list[str], first_line: int) -> tuple[Paragraph, ...]:
    return tuple(Paragraph(first_line + 2 * i, clean_text(raw), raw) for i, raw in enumerate(raws))


def run_case(case: dict):
    body = paragraphs(case["body"], BODY_FIRST_LINE)
    resume = paragraphs(case["resume"], RESUME_FIRST_LINE)
    corpus = count_words([p.text for p in body + resume] + case.get("corpus", []))
    return diverge_record("r-test", body, resume, corpus)


@pytest.mark.parametrize("case", HAND_CASES, ids=[c["label"] for c in HAND_CASES])
def test_hand_written_pairs(case: dict) -> None:
    result = run_case(case)
    expected = case["expected"]
    assert result.status == expected["status"]
    got = [{key: getattr(d, key) for key in wanted} for d, wanted in zip(
        result.divergences, expected["hunks"], strict=False)]
    assert got == expected["hunks"]
    assert len(result.divergences) == len(expected["hunks"])
    assert result.n_divergences == sum(h["kind"] != "whitespace" for h in expected["hunks"])
    if "similarity" in expected:
        assert result.similarity == expected["similarity"]
    if "text" in expected:
        assert [p.text for p in result.text.paragraphs] == expected["text"]
    if "warnings" in expected:
        assert len(result.warnings) == expected["warnings"]


def test_every_kind_is_covered_by_a_hand_case() -> None:
    covered = {h["kind"] for case in HAND_CASES for h in case["expected"]["hunks"]}
    assert covered == set(DivergenceKind)


def test_similarity_is_below_one_for_a_divergent_pair() -> None:
    case = next(c for c in HAND_CASES if c["label"] == "punctuation: a comma added")
    assert 0.9 < run_case(case).similarity < 1.0


def test_merged_paragraphs_keep_the_raw_line_of_their_side() -> None:
    case = next(c for c in HAND_CASES if c["label"] == "empty body")
    result = run_case(case)
    assert [p.line for p in result.text.paragraphs] == [RESUME_FIRST_LINE]
    nbsp = next(c for c in HAND_CASES if c["label"] == "no-break space only")
    (paragraph,) = run_case(nbsp).text.paragraphs
    assert (paragraph.line, paragraph.raw) == (BODY_FIRST_LINE, "Le projet\u00a0: une ferme urbaine.")


def test_a_paragraph_taken_from_the_resume_keeps_the_body_line() -> None:
    case = next(c for c in HAND_CASES if c["label"] == "deletion of an obvious duplication")
    (paragraph,) = run_case(case).text.paragraphs
    assert paragraph.line == BODY_FIRST_LINE


def test_fingerprint_ignores_line_numbers() -> None:
    case = next(c for c in HAND_CASES if c["label"] == "typo, decided by frequency in the corpus")
    first = run_case(case).divergences[0]
    body = paragraphs(["Un paragraphe ajouté au-dessus.", *case["body"]], 41)
    resume = paragraphs(["Un paragraphe ajouté au-dessus.", *case["resume"]], 141)
    moved = diverge_record("r-test", body, resume, count_words(case["corpus"])).divergences[0]
    assert (moved.body_line, moved.resume_line) != (first.body_line, first.resume_line)
    assert moved.fingerprint == first.fingerprint


def test_fingerprint_differs_between_records_and_repeated_hunks() -> None:
    body = paragraphs(["Avec : la Ville de Rennes.", "Avec : la Ville de Rennes."], 1)
    resume = paragraphs(["Avec : la ville de Rennes.", "Avec : la ville de Rennes."], 101)
    one = diverge_record("r-one", body, resume, {}).divergences
    other = diverge_record("r-other", body, resume, {}).divergences
    assert len({d.fingerprint for d in one + other}) == 4


def test_count_words_counts_every_text() -> None:
    counts = count_words(["La SCIC Mobicoop,", "Mobicoop vit.", "(Mobicoop)"])
    assert (counts["Mobicoop"], counts["SCIC"], counts.get("Mobiccop", 0)) == (3, 1, 0)


# --- the shipped export ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped():
    report = run_pipeline(SHIPPED)
    titles = {r.resource_id: r.title for r in report.records}
    return report.records, [(titles[d.resource_id], d) for d in report.divergences]


def test_shipped_corpus_counts_mobicoop_13_times(shipped) -> None:
    records, _ = shipped
    corpus = word_counts([r.raw for r in records])
    assert (corpus["Mobicoop"], corpus["Mobiccop"]) == (13, 1)


def test_shipped_statuses(shipped) -> None:
    records, _ = shipped
    got = {r.title: [r.duplicate_status, r.n_divergences] for r in records}
    assert got == SHIPPED_CASES["statuses"]


def test_shipped_divergences_are_exactly_the_pinned_ones(shipped) -> None:
    _, divergences = shipped
    keys = ("kind", "body_side", "resume_side", "body_line", "resume_line", "preferred", "reason", "detail")
    got = [{"title": title, **{k: getattr(d, k) for k in keys}} for title, d in divergences]
    assert got == SHIPPED_CASES["divergences"]


def test_shipped_mobicoop_prefers_the_body_by_frequency(shipped) -> None:
    _, divergences = shipped
    (hunk,) = [d for _, d in divergences if d.resume_side == "Mobiccop"]
    assert (hunk.kind, hunk.body_side, hunk.preferred) == ("typo", "Mobicoop", "body")
    assert hunk.reason.startswith("frequency: «Mobicoop» occurs 13 times")


def test_shipped_whitespace_never_makes_a_record_divergent(shipped) -> None:
    records, divergences = shipped
    divergent = {r.title for r in records if r.duplicate_status == "divergent"}
    with_content = {title for title, d in divergences if d.kind != "whitespace"}
    assert divergent == with_content


def test_shipped_identical_records_have_similarity_one(shipped) -> None:
    records, _ = shipped
    for record in records:
        if record.duplicate_status == "identical":
            assert record.similarity == 1.0
        elif record.duplicate_status == "divergent":
            assert 0.99 < record.similarity < 1.0
        else:
            assert record.similarity is None


def test_shipped_merged_text_takes_the_preferred_sides(shipped) -> None:
    records, _ = shipped
    merged = {r.title: r.text.string for r in records}
    scic = merged["SCIC et collectivités territoriales"]
    assert "ce dernier point relevant du statut" in scic and "relèvant" not in scic
    departements = next(text for title, text in merged.items() if "Départements & ESS" in title)
    assert "organiser cette rencontre" in departements and "une cette" not in departements
    assert "le rôle des départements" in departements  # no preference: the body's wording
    plateformes = next(text for title, text in merged.items() if title.startswith("Plateformes"))
    assert "Mobiccop" not in plateformes and "a choisi la forme" in plateformes
    informelle = next(text for title, text in merged.items() if title.startswith("Economie informelle"))
    assert "ESS, menés" in informelle and ", ," not in informelle


def test_shipped_private_record_text_is_its_resume(shipped) -> None:
    records, _ = shipped
    (record,) = [r for r in records if r.title.startswith("L'innovation dans la commande publique")]
    assert record.duplicate_status == "resume_only"
    assert record.text.paragraphs == record.raw.resume


def test_diffing_only_around_the_change_gives_the_same_hunks(monkeypatch) -> None:
    import pipeline.divergence.tokens

    sentence = "La ville de Lille a lancé un appel à manifestation d’intérêt très large, puis des réunions. "
    body = paragraphs([sentence * 6 + "La SCIC Mobicoop vit. " + sentence * 6], 1)
    resume = paragraphs([sentence * 6 + "La  SCIC Mobiccop vit. " + sentence * 6], 101)
    corpus = count_words(["Mobicoop"] * 3)
    windowed = diverge_record("r-test", body, resume, corpus)
    (block,) = align_paragraphs(body, resume)
    monkeypatch.setattr(pipeline.divergence.tokens, "WINDOW_MARGIN", 10**6)
    whole = diverge_record("r-test", body, resume, corpus)
    (whole_block,) = align_paragraphs(body, resume)
    assert block.head and block.tail and not whole_block.head  # the window did cut
    assert len(block.body_stream) < len(whole_block.body_stream) / 3
    assert [d.kind for d in windowed.divergences] == ["whitespace", "typo"]
    assert windowed == whole


@settings(max_examples=200, deadline=None)
# Found by hypothesis: five paragraphs merged into one (more than align.MAX_GROUP), and a
# short paragraph repeated at another place in the other copy.
@example(body_words=[["la"]] * 4 + [["la", "la"]], resume_words=[["la"] * 6])
@example(body_words=[["la"], ["la"] * 5], resume_words=[["la"] * 2, ["la"], ["la"] * 3])
@example(body_words=[["la"], ["la", "la"]], resume_words=[["la", "la"], ["la"]])
@given(
    st.lists(st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=12), min_size=0, max_size=6),
    st.lists(st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=12), min_size=0, max_size=6),
)
def test_any_pair_of_copies_is_diffed_consistently(body_words, resume_words) -> None:
    body = paragraphs([" ".join(words) for words in body_words], 1)
    resume = paragraphs([" ".join(words) for words in resume_words], 101)
    result = diverge_record("r-test", body, resume, count_words(p.text for p in body + resume))
    assert result.n_divergences == sum(d.kind != "whitespace" for d in result.divergences)
    assert all(d.kind in set(DivergenceKind) for d in result.divergences)
    assert (result.status == "identical") == (bool(body) and bool(resume) and result.n_divergences == 0)
    takes_resume = [d for d in result.divergences
                    if d.preferred == "resume" or (d.preferred is None and d.kind == "insertion")]
    if body and resume and not takes_resume:
        assert result.text.paragraphs == body  # no preference, nothing inserted: the body
    if body and resume and [w for ws in body_words for w in ws] == [w for ws in resume_words for w in ws]:
        assert result.status == "identical"  # same words, any paragraphing: layout only
    same = diverge_record("r-test", body, body, {})
    assert (same.status, same.divergences, same.text.paragraphs) == (
        ("identical", (), body) if body else ("none", (), ()))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(VOCABULARY[:-1]), min_size=1, max_size=12), min_size=1, max_size=5),
    st.lists(st.sampled_from([" ", "  ", "\u00a0", " \u00a0", "\t"]), min_size=1, max_size=40),
    st.booleans(),
)
def test_whitespace_variants_never_make_a_record_divergent(words, spaces, trailing) -> None:
    spaces_iter = iter(spaces * 100)
    raws = [next(spaces_iter).join(ws) + (next(spaces_iter) if trailing else "") for ws in words]
    body = paragraphs([" ".join(ws) for ws in words], 1)
    resume = paragraphs(raws, 101)
    result = diverge_record("r-test", body, resume, {})
    assert result.status == "identical"
    assert {d.kind for d in result.divergences} <= {"whitespace"}
    assert result.text.paragraphs == body
    if any(b.raw != r.raw for b, r in zip(body, resume, strict=True)):
        assert result.divergences  # recorded, though not divergent
