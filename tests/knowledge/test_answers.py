"""The two-line answer chat shows first: short, and nothing of the answer lost behind More."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.answers import (
    MAX_LEAD_CHARS,
    Answerer,
    index,
    lead_and_detail,
    without_preamble,
    without_signoff,
)
from knowledge.base import PACKAGED, Entry, KnowledgeBase, Taught, add_taught, load_content

ENTRIES = sorted(load_content([PACKAGED]).entries.values(), key=lambda entry: entry.id)


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda entry: entry.id)
def test_the_lead_is_short_and_lead_plus_detail_is_the_whole_answer(entry: Entry) -> None:
    lead, detail = lead_and_detail(entry)
    if entry.kind == "pledge":
        # The pledge's words, then (where the law reads differently) the law's first sentence.
        commitment, _, law = lead.partition("\n")
        assert commitment == f'Commitment {entry.number}: "{entry.commitment}"'
        assert law == (" ".join(entry.law_differs.split()).split(". ")[0].rstrip(".") + "."
                       if entry.law_differs else "")
        assert detail == entry.answer.strip()
        return
    assert len(lead) <= MAX_LEAD_CHARS or ". " not in lead
    assert (lead + " " + detail).split() == entry.answer.split()
    # Session 25's trial: "... The main changes for providers:" ended the short answer.
    assert not lead.endswith(":") or ". " not in lead


def test_the_search_index_is_built_once_per_distinct_content() -> None:
    first, second = Answerer(KnowledgeBase([PACKAGED])), Answerer(KnowledgeBase([PACKAGED]))
    assert first.searcher is second.searcher  # two loads of the same files: one index
    fewer = ENTRIES[1:]
    smaller = index(fewer)
    assert smaller is not first.searcher
    assert set(smaller.entries) == set(first.searcher.entries) - {ENTRIES[0].id}
    assert index(list(fewer)) is smaller


@pytest.mark.parametrize("entry_id", ["payment-terms-late-payment", "none"])
def test_taught_words_are_still_read_for_harm_first(tmp_path: Path, entry_id: str) -> None:
    # Whatever an admin taught, a message telling of harm is a concern, never a taught answer.
    concern = "a carer hit a resident at our home"
    add_taught(tmp_path, Taught(concern, entry_id))
    answerer = Answerer(KnowledgeBase([PACKAGED, tmp_path]))
    assert answerer.knowledge.content.lessons[concern].entry == entry_id
    assert answerer.ask(concern).mode == "safeguarding"
    # Read elsewhere for harm (the chat's middleware), the taught words are what they are.
    expected = "abstain" if entry_id == "none" else "answer"
    assert answerer.ask(concern, read_for_harm=False).mode == expected


def test_a_taught_question_with_a_preamble_is_still_the_taught_answer(tmp_path: Path) -> None:
    # The preamble is read off for the search, not for the council's own lessons: a question
    # taught with "quick one," keeps its entry, and the same words without it find it too.
    taught = "quick one, who do we ring about a late fee uplift"
    add_taught(tmp_path, Taught(taught, "payment-terms-late-payment"))
    answerer = Answerer(KnowledgeBase([PACKAGED, tmp_path]))
    answer = answerer.ask(taught)
    assert (answer.mode, answer.best.id if answer.best else None) == (
        "answer", "payment-terms-late-payment")
    assert answer.question == taught


@pytest.mark.parametrize(("typed", "read"), [
    # Session 33's trial: a greeting and a word about the writer before the question.
    ("hi im new in finance, how long has the council got to pay?",
     "how long has the council got to pay?"),
    ("Hello, I'm new here so what is social value?", "what is social value?"),
    ("Good morning. Quick question: when does standstill end?", "when does standstill end?"),
    ("hey hope you're well, who signs the contract?", "who signs the contract?"),
    # A clause that carries the question, or a greeting with nothing after it, stays.
    ("I'm new to tendering and need help with a bid", "I'm new to tendering and need help "
                                                        "with a bid"),
    ("morning visits: are they paid at a higher rate?",
     "morning visits: are they paid at a higher rate?"),
    ("new providers: what do we need to bid?", "new providers: what do we need to bid?"),
    ("hi there, thanks", "hi there, thanks"),
])
def test_a_preamble_is_read_off_clause_by_clause(typed: str, read: str) -> None:
    assert without_preamble(typed) == read


STANDSTILL = "how long is the standstill?"
# Session 36's trial: each of these was "I don't know"; the question alone is answered.
SIGNED = [
    f"{STANDSTILL} Kind regards, Jo",
    f"{STANDSTILL} Thanks, Jo",
    f"{STANDSTILL} Best wishes, Sam Patel",
    f"{STANDSTILL}\nMany thanks\nSam Patel\nRegistered Manager\nRiverside Care Homes\n"
    "01234 567890",
    f"{STANDSTILL}\n\nSent from my iPhone",
    f"{STANDSTILL} Kind regards, Jo Bloggs | Registered Manager | Hillview Home Care CIC | "
    "M: 07700 900123 | This email and any attachments are confidential and intended solely for "
    "the addressee.",
    f"{STANDSTILL} Many thanks for your help, Jo",
    f"{STANDSTILL}\n\nBest,\nJo",
    "how long is the standstill thanks jo",
]


@pytest.mark.parametrize("typed", SIGNED)
def test_a_sign_off_is_cut_and_the_question_answered(answerer: Answerer, typed: str) -> None:
    assert without_signoff(typed).rstrip("?") == STANDSTILL.rstrip("?")
    answer = answerer.ask(typed)
    assert (answer.mode, [entry.id for entry in answer.entries][:1]) == (
        "answer", ["standstill-challenges"])
    assert answer.question == typed  # kept as typed


@pytest.mark.parametrize("typed", [
    # Thanks that opens the message, thanks for something, or more of the question after it.
    "thanks for the answer, how long is standstill?",
    "Thanks, Jo",
    "Thanks. Also, how long is the standstill?",
    "how long is the standstill. Thanks! We also need to know about TUPE transfers and pensions",
    "how long is the standstill? thanks for the info on TUPE too",
    "ta for that, now how long is the standstill",
    "my manager Jo says the standstill is 10 days, cheers for checking",
    # The words in a question.
    "is it ok to say thanks to the council",
    "we said thanks to the commissioner but she never replied",
    "what is best practice for handovers",
    "which is best",
    "what is the best way to price a bid",
    "with regards to TUPE what info do we get",
    "regards the invoice, can we charge interest",
    "the invoice was sent from my personal email is that ok?",
    "is this email confidential if it names a client",
])
def test_words_of_thanks_in_a_question_are_not_a_sign_off(typed: str) -> None:
    assert without_signoff(typed) == typed
