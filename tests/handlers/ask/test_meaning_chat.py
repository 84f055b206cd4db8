"""Asking with the meaning re-ranker on (PLEDGEBOT_ANSWER_MEANING=minilm): dialogs through the
router, and the setting through the CLI. The questions are paraphrases written for these tests
of providers' questions the entries hold, and questions from the calibration sets
(tests/knowledge); none is from the blind sets it was measured on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.app import build_router
from bot.config import Settings
from bot.dispatch import Router
from bot.messages import Reply
from bot.models import Question
from bot.templates import make_templates
from knowledge import meaning
from knowledge.answers import Answerer
from knowledge.base import PACKAGED, KnowledgeBase
from tests.cli import run_cli
from tests.factories import FIXED_NOW, make_incoming, make_provider

# The re-ranker reads the same whatever the database: these run on SQLite only (asking is
# tested on both databases in test_chat.py), which keeps the suite inside its time.
SQLITE_ONLY = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

SAM = "sam@riverside.example"
CHOICE = ("I want to be sure I answer the right question. Did you mean one of these? If neither, "
          "press \"Ask a commissioner\" and a person will answer.")
CONSORTIA = "Consortia, joint bids, lead providers and sub-contracting"
SECTOR_BODIES = ("Care sector bodies - the Care Provider Alliance, ADASS, the LGA, national "
                 "provider associations and local care associations")
WORKING_TOGETHER = "Working relationship and communication with commissioners"


@pytest.fixture(scope="session")
def vectors(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """One folder of kept vectors for the run, shared by xdist's workers (each entry is read
    once; files are written whole, so two workers at most read one entry twice)."""
    if worker_id == "master":
        return tmp_path_factory.mktemp("meaning-vectors")
    shared = tmp_path_factory.getbasetemp().parent / "meaning-vectors"
    shared.mkdir(mode=0o700, exist_ok=True)
    return shared


def _router(factory: sessionmaker[Session], database_url: str, *, meaning_on: bool,
            vectors: Path) -> Router:
    answerer = Answerer(KnowledgeBase([PACKAGED]), meaning=meaning_on, cache_dir=vectors)
    if meaning_on:
        assert answerer.searcher.meaning is not None, meaning.meaning_missing()
    return build_router(factory, Settings(database_url=database_url,
                                          council_name="Northshire County Council"),
                        make_templates(), clock=lambda: FIXED_NOW, answerer=answerer)


def _say(router: Router, text: str) -> Reply:
    [reply] = router.handle(make_incoming(text, sender=SAM))
    return reply


def _both_ways(factory: sessionmaker[Session], database_url: str, vectors: Path,
               question: str) -> tuple[Reply, Reply]:
    """A provider's question asked by words alone, then with the meaning read."""
    make_provider(factory, SAM)
    words = _say(_router(factory, database_url, meaning_on=False, vectors=vectors), question)
    return words, _say(_router(factory, database_url, meaning_on=True, vectors=vectors),
                       question)


def _labels(reply: Reply) -> list[str]:
    return [button.label for button in reply.buttons]


def _last_question(factory: sessionmaker[Session]) -> tuple[str, str | None]:
    with factory() as session:
        question = session.scalars(select(Question).order_by(Question.id.desc())).first()
        assert question is not None
        return question.mode, question.entry_id


@SQLITE_ONLY
def test_the_meaning_puts_the_entry_that_answers_first_beside_the_words_first(
        factory: sessionmaker[Session], database_url: str, vectors: Path) -> None:
    words, read = _both_ways(factory, database_url, vectors,
                             "explain alliance contracting for homecare")
    # By words, the bot leans to the wrong entry; read for meaning, it offers the right one
    # first and no longer leans.
    assert words.text.startswith(f'I think you mean "{SECTOR_BODIES}"')
    assert _labels(words)[:2] == [SECTOR_BODIES, CONSORTIA]
    assert read.text == CHOICE
    assert _labels(read) == [CONSORTIA, SECTOR_BODIES, "Ask a commissioner"]
    # Kept with the entry offered first, so `kb gaps` suggests it.
    assert _last_question(factory) == ("choose", "consortia-subcontracting")
    # Picking it gives the entry's answer.
    [picked] = read.buttons[:1]
    [answer] = _router(factory, database_url, meaning_on=True, vectors=vectors).handle(
        make_incoming(sender=SAM, action=picked.action, action_value=picked.value))
    assert answer.text.startswith(CONSORTIA + "\n")


@SQLITE_ONLY
def test_a_question_the_words_cannot_place_is_offered_when_its_meaning_is_near(
        factory: sessionmaker[Session], database_url: str, vectors: Path) -> None:
    words, read = _both_ways(factory, database_url, vectors,
                             "which people come along to a care act review meeting")
    assert words.text.startswith("I don't know the answer to that, and I'd rather not guess.")
    assert read.text == CHOICE
    assert _labels(read) == ["Care Act reviews of placements and care plans", WORKING_TOGETHER,
                             "Ask a commissioner"]


@SQLITE_ONLY
@pytest.mark.parametrize(("question", "start", "general"), [
    # One council's own date: however near its meaning, only the council can say (its
    # general rules are pointed to beside the hand-over, session 26).
    ("when does your DPS next open for new applications",
     "That depends on the council's own practice",
     ["Dynamic purchasing systems (DPS) and dynamic markets"]),
    # A figure the entry's text does not hold.
    ("How often must a council review someone's care and support plan?",
     "I don't know the answer to that, and I'd rather not guess.", []),
])
def test_a_question_for_the_council_itself_is_still_handed_to_a_person(
        factory: sessionmaker[Session], database_url: str, vectors: Path, question: str,
        start: str, general: list[str]) -> None:
    make_provider(factory, SAM)
    router = _router(factory, database_url, meaning_on=True, vectors=vectors)
    reply = _say(router, question)
    assert reply.text.startswith(start)
    assert _labels(reply) == [*general, "Ask a commissioner", "Tell me when someone answers"]
    # Kept unanswered: as "general" when its general rules were shown beside it.
    assert _last_question(factory)[0] == ("general" if general else "abstain")


def test_the_setting_turns_it_on_for_pledgebot_ask(tmp_path: Path, vectors: Path) -> None:
    question = "which people come along to a care act review meeting"
    off = run_cli("ask", "--json", question, cwd=tmp_path)
    # (An agreeing reading changes nothing: tests/knowledge/test_meaning.py.)
    on = run_cli("ask", "--json", question, cwd=tmp_path,
                 env={"PLEDGEBOT_ANSWER_MEANING": "minilm", "PLEDGEBOT_CACHE_DIR": str(vectors)})
    assert json.loads(off.stdout)["mode"] == "abstain"
    assert (json.loads(on.stdout)["mode"], json.loads(on.stdout)["ids"][:2]) == (
        "choose", ["placement-reviews", "working-together-relationship"])
    refused = run_cli("ask", question, cwd=tmp_path, env={"PLEDGEBOT_ANSWER_MEANING": "bert"})
    assert refused.returncode == 2
    assert refused.stderr.decode() == (
        "pledgebot: setting PLEDGEBOT_ANSWER_MEANING: Input should be 'off' or 'minilm'\n")


@SQLITE_ONLY
def test_doctor_says_how_questions_are_answered(
        factory: sessionmaker[Session], database_url: str, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    env = {"PLEDGEBOT_DATABASE_URL": database_url, "PLEDGEBOT_ANSWER_MEANING": "minilm"}
    ready = run_cli("doctor", cwd=tmp_path, env=env)
    assert ready.returncode == 0
    assert ready.stdout.decode().splitlines()[-1] == (
        "Answers: by the question's words, the first five re-ordered by what it means "
        "(all-MiniLM-L6-v2).")
    monkeypatch.setattr(meaning, "MODEL_PACKAGE", "no_such_model_package")
    missing = run_cli("doctor", cwd=tmp_path, env=env)
    assert missing.returncode == 1
    assert missing.stdout.decode().splitlines()[-2:] == [
        "Answers: by the question's words only.",
        f"  PROBLEM: PLEDGEBOT_ANSWER_MEANING=minilm, but the model is not installed "
        f"({meaning.INSTALL})"]
