"""The concern model: the second reader of safeguarding, for disclosures told without the words
of harm (issue 11). Held-out gates on messages it was never fitted on, the chat's own words, and
the shipped file against the data and the scorer."""

from __future__ import annotations

import importlib.util
import json
import logging
import sys
from pathlib import Path

import pytest

from knowledge import concern
from knowledge.safeguarding import (
    POSSIBLE_HARM,
    classify,
    concern_probability,
    detect,
    masked,
    rules,
    unsure,
)
from tests.knowledge.safeguarding_report import concerns_and_ordinary

HERE = Path(__file__).parent
ROOT = HERE.parent.parent


def _texts(name: str, field: str = "text") -> list[str]:
    rows = [json.loads(line) for line in (HERE / name).read_text().splitlines() if line.strip()]
    return [row[field] for row in rows if row.get("kind") != "safeguarding"]


def _fitting_module():  # type: ignore[no-untyped-def]
    """bench/concern.py (its fitting data needs no scikit-learn)."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        spec = importlib.util.spec_from_file_location("bench_concern",
                                                      ROOT / "bench" / "concern.py")
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(ROOT / "bench"))


def test_the_shipped_model_was_fitted_on_todays_data() -> None:
    fitting = _fitting_module()
    document = json.loads(concern.MODEL_FILE.read_text(encoding="utf-8"))
    assert document["digest"] == fitting.digest(fitting.fitting_data()), (
        "knowledge/concern.json was fitted on other messages: run python bench/concern.py")


def test_the_pure_python_scorer_gives_scikit_learns_probabilities() -> None:
    document = json.loads(concern.MODEL_FILE.read_text(encoding="utf-8"))
    model = concern.ConcernModel.from_document(document)
    assert len(document["examples"]) >= 30
    for text, expected in document["examples"]:
        assert model.probability(masked(text)) == pytest.approx(expected, abs=2e-3), text


def test_the_held_out_indirect_disclosures_are_raised_or_asked() -> None:
    # Written by a helper who never saw the rules or the model; never fitted on. Measured at
    # the fit (bench/concern.py --report): 84 by the rules alone, with the model 120 raised and
    # 25 more asked, of 150.
    texts = _texts("safeguarding_indirect_heldout.jsonl")
    raised = [text for text in texts if detect(text) is not None]
    asked = [text for text in texts if detect(text) is None and unsure(text) is not None]
    assert len(texts) == 150
    assert len(raised) >= 118
    assert len(raised) + len(asked) >= 142


def test_a_second_blind_set_of_concerns_and_ordinary_messages() -> None:
    # Written by a helper who saw neither the data nor the model, after the second fit, to
    # measure it (never fitted on): 150 concerns (100 told without the words of harm) and 300
    # ordinary messages, 80 of them written to sound like a concern. Second fit: concerns 138
    # raised, 11 asked, 1 neither; ordinary 4 raised, 18 asked. The third fit (shipped) was
    # fitted on files whose briefs quoted some of these, so this is a regression gate now:
    # 140 / 10 / 0 and 3 / 7.
    concerns, ordinary = concerns_and_ordinary("safeguarding_heldout_2.jsonl")
    assert (len(concerns), len(ordinary)) == (150, 300)
    raised = [text for text in concerns if detect(text) is not None]
    asked = [text for text in concerns if detect(text) is None and unsure(text) is not None]
    assert len(raised) >= 134
    assert len(raised) + len(asked) >= 146
    alarms = [text for text in ordinary if detect(text) is not None]
    checks = [text for text in ordinary if detect(text) is None and unsure(text) is not None]
    assert len(alarms) <= 6, alarms
    assert len(checks) <= 24, checks


def _figures(name: str) -> tuple[int, int, int, int, int, int]:
    """Concerns raised, asked about and neither; ordinary messages raised, asked and neither."""
    found = []
    for texts in concerns_and_ordinary(name):
        raised = sum(detect(text) is not None for text in texts)
        asked = sum(detect(text) is None and unsure(text) is not None for text in texts)
        found += [raised, asked, len(texts) - raised - asked]
    return found[0], found[1], found[2], found[3], found[4], found[5]


@pytest.mark.parametrize(("name", "concerns_raised", "raised_or_asked", "ordinary_raised",
                          "ordinary_asked"), [
    # Session 18: two more sets written blind to the data, the model and the rules by two
    # helpers (heldout_3: 150 concerns, 250 ordinary, 70 of them written to sound like a
    # concern; heldout_4: 300 concerns of ten kinds in five voices, mostly without the words of
    # harm, and 400 ordinary notes on the same everyday matters). The third fit (shipped)
    # never saw them. Before the session's rules: heldout_3 116 raised, 26 asked, 8 neither;
    # ordinary 24 raised (22 by the rules), 21 asked; heldout_4 195 / 57 / 48, ordinary 18
    # raised, 10 asked. heldout_3's errors were then read and the rules' word senses and the
    # explained-injury tier written from them (so it is a regression gate now): 116 / 26 / 8,
    # ordinary 6 raised, 31 asked. heldout_4 was not read: 195 / 57 / 48, ordinary 12 raised,
    # 14 asked.
    # Then (the last change) the model refitted with the session's masks and asked about from
    # 2 % of the fitting data's out-of-fold negatives instead of 1 % (check from 0.43, was
    # 0.63; concern from 0.93, was 0.94), chosen with heldout_6 below unread: heldout_3
    # 120 / 27 / 3, ordinary 6 / 41; heldout_4 196 / 77 / 27, ordinary 12 / 24.
    ("safeguarding_heldout_3.jsonl", 118, 145, 8, 45),
    ("safeguarding_heldout_4.jsonl", 193, 270, 14, 28),
    # A third (heldout_5: 150 concerns of ten kinds, 250 ordinary), written after the first
    # two mends: 108 raised, 27 asked, 15 neither; ordinary 24 raised, 16 asked. Its errors
    # were read and a second round of narrow masks and rules written from them (heldout_4
    # still unread: unchanged by that round): 118 / 27 / 5, ordinary 8 raised, 23 asked; after
    # a reviewer's probes (tests/knowledge/test_safeguarding.py) 119 / 27 / 4.
    # After the refit and the wider check: 120 / 28 / 2, ordinary 8 / 31.
    ("safeguarding_heldout_5.jsonl", 117, 146, 10, 35),
    # A fourth (heldout_6: 150 concerns, 350 ordinary, 80 of them written to sound like a
    # concern), written after all of the above and measured once, to choose the last change:
    # at the session's start 126 / 19 / 5, ordinary 29 raised, 13 asked; with the session's
    # rules 128 / 18 / 4, 27 / 15; with the refit and the wider check 128 / 21 / 1, 27 / 23.
    # Then read, and a third round of masks and explained injuries written from its false
    # alarms (heldout_4 unread: its figures unchanged): 129 / 21 / 0, ordinary 15 / 33.
    ("safeguarding_heldout_6.jsonl", 127, 148, 17, 36),
    # Session 19: four more sets written blind (150 concerns of ten kinds, 250 ordinary, 70
    # of them written to sound like a concern, 80 business messages with the words of harm),
    # each in a voice the others lacked: heldout_7 quick phone messages from home-care workers
    # and relatives; heldout_8 desk e-mails from managers, nurses and council officers;
    # heldout_9 families, people writing for themselves, hospital, GP, pharmacy and housing
    # staff; heldout_10 supported living, shared lives, advocates, nurses, contract officers
    # and night handovers. At the session's start (9d91ebd): heldout_7 123 raised / 22 asked /
    # 5 neither, ordinary 19 raised / 8 asked; heldout_8 135 / 12 / 3, 21 / 29; heldout_9
    # 141 / 8 / 1, 31 / 20; heldout_10 126 / 24 / 0, 32 / 29. heldout_7 to _9 were read in
    # turn and the soft masks and rules written from their errors (what they set aside is
    # asked about, never dropped): regression gates now. heldout_10 was measured once, at the
    # end: concerns unchanged, ordinary 29 raised, 32 asked.
    ("safeguarding_heldout_7.jsonl", 121, 150, 5, 27),
    ("safeguarding_heldout_8.jsonl", 135, 150, 4, 51),
    ("safeguarding_heldout_9.jsonl", 139, 150, 5, 50),
    ("safeguarding_heldout_10.jsonl", 124, 150, 31, 35),
])
def test_the_blind_sets_of_sessions_18_and_19(name: str, concerns_raised: int,
                                               raised_or_asked: int, ordinary_raised: int,
                                               ordinary_asked: int) -> None:
    raised, asked, _, alarms, checks, _ = _figures(name)
    assert raised >= concerns_raised
    assert raised + asked >= raised_or_asked
    assert alarms <= ordinary_raised
    assert checks <= ordinary_asked


def test_the_held_out_questions_raise_nothing_new() -> None:
    # Question sets 23-29 (2,100 questions, none fitted on): the model raises no concern the
    # rules did not, and asks of very few (3 until session 18's wider check, 6 since; 7 since
    # session 37's refit on its 60 labelled rows and the content's new samples: one more
    # question of set 25 is asked "Is this about someone's safety?", none raised).
    texts = [text for n in range(23, 30) for text in _texts(f"calibration_questions_{n}.jsonl",
                                                            "question")]
    assert len(texts) >= 2000
    # One pass: ``classify`` and ``unsure`` share one cached reading of each message, which
    # a second pass over 2,100 messages would have read again.
    new, asked = [], []
    for text in texts:
        if rules(text) is None and classify(text) is not None:
            new.append(text)
        if unsure(text) is not None:
            asked.append(text)
    assert new == []
    assert len(asked) <= 7, asked


@pytest.mark.parametrize("text", [
    "help", "help me please", "I need some help please", "can you help me", "hi there",
    "I need some help with my invoice please",
    "please see my notes on RV-0042 from today's visit",
    "RV-0042 review went well, family happy",
    "Can I bring my dog when I visit my grandad in his care home?",
    "hi, my dad is in one of your homes and I'd like to take him out for lunch on his birthday",
    "thanks, that's really helpful",
    "we've been left in the dark again by the council",
    "ignore my last message",
])
def test_the_chats_own_words_are_neither_raised_nor_asked(text: str) -> None:
    assert classify(text) is None or not classify(text).disclosure  # type: ignore[union-attr]
    assert unsure(text) is None


@pytest.mark.parametrize("text", [
    "nobody has come to see her since friday and the fridge is empty",
    "he goes quiet and shakes whenever his son's car pulls up",
    "mum says the night lady makes her wait hours for the toilet if she rings the bell",
])
def test_a_disclosure_without_the_words_of_harm_is_a_concern(text: str) -> None:
    found = detect(text)
    assert found is not None
    assert found.disclosure


def test_a_message_shorter_than_four_words_is_not_read_by_the_model() -> None:
    assert concern_probability("help me now") is None
    assert concern_probability("help me now please") is not None


def test_a_missing_model_file_is_logged_and_the_rules_still_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(concern, "MODEL_FILE", tmp_path / "missing.json")
    concern.model.cache_clear()
    try:
        with caplog.at_level(logging.ERROR, logger="knowledge.concern"):
            assert concern_probability("nobody has been to see her for days now") is None
        assert "could not be read" in caplog.text
        found = detect("a resident told me a carer hit her")
        assert found is not None
        assert found.kind != POSSIBLE_HARM
    finally:
        concern.model.cache_clear()
