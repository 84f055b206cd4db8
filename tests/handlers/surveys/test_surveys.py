"""Surveys end to end on SQLite and PostgreSQL: every question kind through the console and
the whole-form path, numbered answers, chasers, one response per person, suppression,
anonymity on the tables, the signed web form, the CSV results, and opening on an award."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from sqlalchemy import Engine, event, inspect, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from bot.app import build_router
from bot.channels.console.adapter import to_incoming
from bot.channels.console.renderer import pressable_buttons, render_replies
from bot.config import Settings
from bot.db import transaction
from bot.dispatch import Router
from bot.messages import Incoming, Reply
from bot.models import (
    Base,
    Case,
    CaseKind,
    Channel,
    Contract,
    Organisation,
    OrganisationKind,
    OutboxMessage,
    Person,
    Placement,
    Survey,
    SurveyAnonymousResponse,
    SurveyInvitee,
    SurveyLinkUse,
    SurveyResponse,
    Tender,
)
from bot.templates import make_templates
from handlers.deadlines.imports import import_tenders
from handlers.deadlines.store import ReminderPolicy
from handlers.digests.content import Reader, gather
from handlers.surveys import definitions, service, sweep
from handlers.surveys.results import OptionCount, published_results, results_csv, results_of
from handlers.surveys.service import Links, open_survey
from scheduler.rules import WorkingCalendar
from tests.cli import run_cli
from tests.factories import (
    FIXED_NOW,
    make_commissioner,
    make_incoming,
    make_organisation,
    make_person,
)
from tests.web import request, web_app

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

TEMPLATES = make_templates()
SECRET = "s" * 40
PUBLIC = "https://pledgebot.northshire.example"
EVERY_KIND = """\
id: kinds
title: Every kind
council: Northshire
anonymous: {anonymous}
opens: 2026-11-20
closes: 2026-12-10
chasers: {{max: 2, every_days: 3}}
audience: {{all_providers: true}}
questions:
  - {{id: overall, kind: likert, text: 'How was it overall?'}}
  - {{id: part, kind: single, text: 'Which part was hardest?', options: [Questions, Pricing]}}
  - {{id: helped, kind: multiple, text: 'What helped?', options: [Events, Answers, Feedback]}}
  - {{id: time, kind: yes_no, text: 'Was there enough time?'}}
  - {{id: change, kind: free_text, text: 'What should change?'}}
"""


def _catalogue(tmp_path: Path, *, anonymous: bool = False) -> definitions.Catalogue:
    folder = tmp_path / "surveys"
    folder.mkdir(exist_ok=True)
    (folder / "kinds.yaml").write_text(EVERY_KIND.format(anonymous=str(anonymous).lower()))
    catalogue = definitions.load(folder)
    assert catalogue.problems == []
    return catalogue


def _people(factory: sessionmaker[Session], providers: int = 6) -> dict[str, int]:
    council = make_organisation(factory, "Northshire", OrganisationKind.COUNCIL)
    ids = {"council": council,
           "priya": make_commissioner(factory, "priya@example.org", organisation_id=council)}
    for number in range(1, providers + 1):
        ids[f"p{number}"] = make_person(factory, email=f"p{number}@example.org",
                                        preferred_channel=Channel.EMAIL
                                        if number == 1 else Channel.CONSOLE)
    return ids


def _router(factory: sessionmaker[Session], database_url: str, tmp_path: Path,
            *, anonymous: bool = False, **settings: object) -> Router:
    _catalogue(tmp_path, anonymous=anonymous)
    return build_router(factory, Settings(database_url=database_url,
                                          survey_dir=tmp_path / "surveys", **settings),
                        TEMPLATES, clock=lambda: FIXED_NOW)


def _open(factory: sessionmaker[Session], tmp_path: Path, *, anonymous: bool = False) -> None:
    catalogue = _catalogue(tmp_path, anonymous=anonymous)
    with transaction(factory) as session:
        sweep.open_dated(session, catalogue, today=FIXED_NOW.date(), now=FIXED_NOW)


def _council(factory: sessionmaker[Session]) -> int:
    with factory() as session:
        return session.scalars(select(Survey.council_id)).one()


def _say(router: Router, text: str, sender: str = "p2@example.org") -> str:
    return "\n".join(r.text for r in router.handle(make_incoming(text, sender=sender)))


def _answers(factory: sessionmaker[Session]) -> list[dict[str, object]]:
    with factory() as session:
        named = [dict(r.answers) for r in session.scalars(select(SurveyResponse))]
        anonymous = [dict(r.answers) for r in session.scalars(select(SurveyAnonymousResponse))]
    return named + anonymous


EXPECTED = {"overall": 4, "part": "Pricing", "helped": ["Events", "Feedback"], "time": "Yes",
            "change": "Shorter forms"}


def test_every_kind_step_by_step_on_the_console(factory: sessionmaker[Session],
                                                database_url: str, tmp_path: Path) -> None:
    _people(factory)
    router = _router(factory, database_url, tmp_path)
    _open(factory, tmp_path)
    assert "How was it overall?" in _say(router, "/survey kinds")
    assert "Which part was hardest?" in _say(router, "4")
    assert "What helped?" in _say(router, "2")
    assert "takes one or more of" in _say(router, "z")  # refused, asked again
    assert "Was there enough time?" in _say(router, "a, c")
    assert "What should change?" in _say(router, "yes")
    assert "your answers to \"Every kind\" are recorded" in _say(router, "Shorter forms")
    assert _answers(factory) == [EXPECTED]


def test_a_choice_of_several_is_answered_by_its_number_step_by_step(
        factory: sessionmaker[Session], database_url: str, tmp_path: Path) -> None:
    # The session's own code review: a bare "2" at "What helped?" was refused as "a number,
    # not words" by a rule meant for paragraph questions.
    _people(factory)
    router = _router(factory, database_url, tmp_path)
    _open(factory, tmp_path)
    _say(router, "/survey kinds")
    _say(router, "4")
    _say(router, "2")
    assert "Was there enough time?" in _say(router, "2")


def test_every_kind_as_a_whole_form(factory: sessionmaker[Session], database_url: str,
                                    tmp_path: Path) -> None:
    _people(factory)
    router = _router(factory, database_url, tmp_path)
    _open(factory, tmp_path)
    values = {"survey": "kinds", "q.overall": "4", "q.part": "Pricing", "q.helped": "a c",
              "q.time": "Yes", "q.change": "Shorter forms"}
    incoming = Incoming(channel=Channel.CONSOLE, conversation="t", sender="p2@example.org",
                        form_id="survey.kinds", form_values=values, received_at=FIXED_NOW)
    replies = router.handle(incoming)
    assert "recorded" in replies[0].text
    assert _answers(factory) == [EXPECTED]
    bad = Incoming(channel=Channel.CONSOLE, conversation="t", sender="p3@example.org",
                   form_id="survey.kinds", form_values={**values, "q.overall": "9"},
                   received_at=FIXED_NOW)
    assert router.handle(bad)[0].invalid_field == "q.overall"
    assert len(_answers(factory)) == 1
    # A modal shows the survey field too; left empty, it is the survey the person was asked.
    modal = Incoming(channel=Channel.CONSOLE, conversation="t", sender="p3@example.org",
                     form_id="survey.kinds", form_values={**values, "survey": ""},
                     received_at=FIXED_NOW)
    assert "recorded" in router.handle(modal)[0].text
    assert _answers(factory) == [EXPECTED, EXPECTED]


def test_numbered_answers_and_a_change_replaces_the_response(
        factory: sessionmaker[Session], database_url: str, tmp_path: Path) -> None:
    _people(factory)
    router = _router(factory, database_url, tmp_path)
    _open(factory, tmp_path)
    said = _say(router, "/survey answer kinds 1: 4, 2: b, 3: a, c, 4: yes, 5: Shorter forms")
    assert "recorded" in said
    assert "changed" in _say(router, "/survey answer kinds 1: 2, 2: a, 3: b, 4: no")
    assert _answers(factory) == [{"overall": 2, "part": "Questions", "helped": ["Answers"],
                                  "time": "No"}]
    assert "there is no question 9" in _say(router, "/survey answer kinds 9: 1")
    assert "not optional" in _say(router, "/survey answer kinds 1: 3")
    assert len(_answers(factory)) == 1
    # Without commas (session 21's review: "1:5 2:Fee update 3:yes" was refused).
    assert "changed" in _say(router, "/survey answer kinds 1:5 2:a 3:b 4:yeah 5: a 1:1 chat")
    assert _answers(factory) == [{"overall": 5, "part": "Questions", "helped": ["Answers"],
                                  "time": "Yes", "change": "a 1:1 chat"}]


@pytest.mark.parametrize(("text", "expected"), [
    ("1:5 2:Fee update 3:yes", {"overall": "5", "part": "Fee update", "helped": "yes"}),
    ("1: 4, 2: the review at 3:30 never happened, 4: yes",
     {"overall": "4", "part": "the review at 3:30 never happened", "time": "yes"}),
    ("1: 4, 2: our rate = 3 = too low, 3: no",
     {"overall": "4", "part": "our rate = 3 = too low", "helped": "no"}),
])
def test_numbered_answers_without_commas_and_times_inside_an_answer(
        tmp_path: Path, text: str, expected: dict[str, str]) -> None:
    definition = _catalogue(tmp_path).surveys["kinds"]
    assert service.read_numbered(definitions.questions_of(definition.as_json()), text) == (
        expected)


@pytest.mark.parametrize("anonymous", [True, False])
def test_a_concern_in_survey_answers_goes_to_the_hub_and_is_not_an_answer(
        factory: sessionmaker[Session], database_url: str, tmp_path: Path,
        anonymous: bool) -> None:
    """Session 21's review: an ordinary comment about fees was raised as abuse, with the
    provider's name and every answer of the anonymous survey quoted to the hub. A concern in
    an anonymous survey's answers is raised anonymously; in a named one's, with the name."""
    ids = _people(factory)
    router = _router(factory, database_url, tmp_path, anonymous=anonymous)
    _open(factory, tmp_path, anonymous=anonymous)
    said = _say(router, "/survey answer kinds 1: 2, 2: a, 3: b, 4: no, 5: the cost template "
                        "ignored agency staff, sleep-ins and training time")
    assert "recorded" in said
    assert "safeguarding" not in said
    with factory() as session:
        assert session.scalars(select(Case)).all() == []
    said = _say(router, "/survey answer kinds 1: 4, 2: b, 3: a, 4: yes, 5: a carer hit a "
                        "resident and she has bruises on her arm")
    assert said.startswith("This sounds like a safeguarding concern.")
    assert ("I haven't kept these answers: what you wrote went to the safeguarding hub "
            "only.") in said
    assert ("Because you wrote it in an anonymous survey" in said) is anonymous
    with factory() as session:
        [case] = session.scalars(select(Case)).all()
    assert (case.kind, case.raised_by_id) == (
        CaseKind.SAFEGUARDING, None if anonymous else ids["p2"])
    # The first response stands; the concern's words are in no answer.
    assert [answers.get("change") for answers in _answers(factory)] == [
        "the cost template ignored agency staff, sleep-ins and training time"]


def test_a_survey_naming_its_council_by_its_first_words_opens(
        factory: sessionmaker[Session], tmp_path: Path) -> None:
    # Session 21's review: "council: Northshire" (the README's example) for "Northshire County
    # Council" passed survey check and never opened.
    make_organisation(factory, "Northshire County Council", OrganisationKind.COUNCIL)
    make_organisation(factory, "Southshire County Council", OrganisationKind.COUNCIL)
    _open(factory, tmp_path)
    with factory() as session:
        survey = session.scalars(select(Survey)).one()
        council = session.get_one(Organisation, survey.council_id)
    assert council.name == "Northshire County Council"


def test_anonymous_responses_are_unlinkable_in_the_tables(
        factory: sessionmaker[Session], database_url: str, tmp_path: Path) -> None:
    ids = _people(factory)
    router = _router(factory, database_url, tmp_path, anonymous=True)
    _open(factory, tmp_path, anonymous=True)
    for number in (2, 3):
        assert "recorded" in _say(router, "/survey answer kinds 1: 5, 2: a, 3: a, 4: yes",
                                  sender=f"p{number}@example.org")
    assert "cannot be changed" in _say(router, "/survey answer kinds 1: 1, 2: a, 3: a, 4: no",
                                       sender="p2@example.org")
    assert "cannot be changed" in _say(router, "/survey kinds", sender="p2@example.org")
    with factory() as session:
        bind = session.get_bind()
    tables = inspect(bind)
    assert {c["name"] for c in tables.get_columns("survey_anonymous_response")} == {
        "id", "survey_id", "answers"}
    invitee_columns = {c["name"] for c in tables.get_columns("survey_invitee")}
    assert not invitee_columns & {"answers", "responded_at", "updated_at", "response_id"}
    with factory() as session:
        rows = session.scalars(select(SurveyAnonymousResponse)).all()
        assert len(rows) == 2
        assert session.scalars(select(SurveyResponse)).all() == []
        assert all(r.id > 1000 for r in rows)  # random, not 1 and 2 in answering order
        invitees = {i.person_id: i.responded for i in session.scalars(select(SurveyInvitee))}
        assert invitees[ids["p2"]]
        assert invitees[ids["p3"]]
        assert not invitees[ids["p4"]]
    if bind.dialect.name == "postgresql":
        # The transaction that wrote an answer rewrote every invitation: xmin links nobody.
        with factory() as session:
            writers = set(session.scalars(text("SELECT DISTINCT xmin::text FROM survey_invitee")))
            answer_writers = set(session.scalars(
                text("SELECT xmin::text FROM survey_anonymous_response")))
        assert len(writers) == 1
        assert len(answer_writers) == 2
    else:
        # SQLite: the random id is the rowid; no hidden counter keeps the answering order.
        with factory() as session:
            pairs = session.execute(text("SELECT rowid, id FROM survey_anonymous_response"))
            assert all(rowid == row_id for rowid, row_id in pairs)


def test_a_provider_who_joins_while_a_survey_is_open_is_invited_once(
        factory: sessionmaker[Session], database_url: str, tmp_path: Path) -> None:
    # Session 21's review: providers added after a survey opened were never invited.
    _people(factory, providers=2)
    catalogue = _catalogue(tmp_path)

    def run(days: int) -> int:
        return sweep.sweep(factory, now=FIXED_NOW + timedelta(days=days), templates=TEMPLATES,
                           catalogue=catalogue, links=None).sent

    assert run(0) == 2
    newcomer = make_person(factory, email="p9@example.org")
    assert run(1) == 1  # the newcomer's invitation, nobody else's
    assert run(1) == 0
    with factory() as session:
        invited = set(session.scalars(select(SurveyInvitee.person_id)))
    assert newcomer in invited
    assert len(invited) == 3


def test_chasers_go_only_to_non_responders_at_most_n_times_and_never_twice(
        factory: sessionmaker[Session], database_url: str, tmp_path: Path) -> None:
    ids = _people(factory, providers=3)
    catalogue = _catalogue(tmp_path)
    router = _router(factory, database_url, tmp_path)

    def run(days: int) -> int:
        return sweep.sweep(factory, now=FIXED_NOW + timedelta(days=days), templates=TEMPLATES,
                           catalogue=catalogue, links=None).sent

    assert run(0) == 3  # invitations
    assert run(0) == 0  # a second sweeper (or a restart) sends nothing again
    _say(router, "/survey answer kinds 1: 4, 2: a, 3: a, 4: yes", sender="p2@example.org")
    assert run(3) == 2  # first chaser: not to p2, who answered
    assert run(3) == 0
    # A sweeper that claimed and died: after the lease another takes over, sending once.
    token = "dead"
    sweep.claim_due(factory, now=FIXED_NOW + timedelta(days=6), lease=timedelta(minutes=5),
                    batch=10, token=token)
    assert run(6) == 0  # still claimed
    assert sweep.sweep(factory, now=FIXED_NOW + timedelta(days=6, minutes=6),
                       templates=TEMPLATES, catalogue=catalogue, links=None).sent == 2
    assert run(9) == 0  # at most 2 chasers
    with factory() as session:
        keys = sorted(session.scalars(select(OutboxMessage.idempotency_key)))
        survey_id = session.scalar(select(Survey.id))
    chased = [f"survey:{survey_id}:{ids[p]}:{n}" for p in ("p1", "p3") for n in (0, 1, 2)]
    expected = [*chased, f"survey:{survey_id}:{ids['p2']}:0"]
    assert keys == sorted(expected)


def test_groups_under_the_minimum_are_suppressed(
        factory: sessionmaker[Session], database_url: str, tmp_path: Path) -> None:
    _people(factory, providers=6)
    router = _router(factory, database_url, tmp_path)
    _open(factory, tmp_path)
    for number in range(2, 6):  # four responses, one free text
        words = ", 5: More notice" if number == 2 else ""
        _say(router, f"/survey answer kinds 1: {number}, 2: a, 3: a, 4: yes{words}",
             sender=f"p{number}@example.org")
    said = _say(router, "/survey results kinds", sender="priya@example.org")
    assert "4 of 6 responded" in said
    assert "Fewer than 5 responses: the results are not shown." in said
    _say(router, "/survey answer kinds 1: 1, 2: b, 3: b, 4: no, 5: Pay on time",
         sender="p6@example.org")
    said = _say(router, "/survey results kinds", sender="priya@example.org")
    assert "1: 1, 2: 1, 3: 1, 4: 1, 5: 1 (mean 3.0)" in said
    assert "fewer than 5 answers: not shown" in said  # only 2 free-text answers
    assert "Pay on time" not in said


def test_free_text_is_published_only_once_approved_and_csv(
        factory: sessionmaker[Session], database_url: str, tmp_path: Path) -> None:
    _people(factory, providers=6)
    router = _router(factory, database_url, tmp_path, survey_min_group=2)
    _open(factory, tmp_path)
    _say(router, "/survey answer kinds 1: 4, 2: a, 3: a, 4: yes, 5: More notice",
         sender="p2@example.org")
    _say(router, "/survey answer kinds 1: 2, 2: b, 3: a b, 4: no, 5: Pay on time",
         sender="p3@example.org")
    assert _say(router, "/survey approve kinds 2", sender="p2@example.org") == (
        "Only commissioners can do that.")
    listed = _say(router, "/survey comments kinds", sender="priya@example.org")
    assert "1. [change] “More notice”" in listed
    assert "2. [change] “Pay on time”" in listed
    assert "Approved for publication: “Pay on time”" in _say(
        router, "/survey approve kinds 2", sender="priya@example.org")
    assert "Added to" in _say(router, "/survey respond kinds We now give six weeks' notice",
                              sender="priya@example.org")
    result = run_cli("survey", "results", "kinds", "--csv", cwd=tmp_path, env={
        "PLEDGEBOT_DATABASE_URL": database_url, "PLEDGEBOT_SURVEY_MIN_GROUP": "2"})
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout.decode())))
    assert rows[0] == ["survey", "question", "kind", "text", "answered", "suppressed",
                       "option", "count", "mean"]
    assert rows[1] == ["kinds", "", "responses", "Every kind", "2", "no", "invited", "6", ""]
    assert ["kinds", "overall", "likert", "How was it overall?", "2", "no", "4", "1",
            "3.0"] in rows
    assert ["kinds", "helped", "multiple", "What helped?", "2", "no", "Events", "2",
            ""] in rows
    assert ["kinds", "change", "free_text", "What should change?", "2", "no",
            "Pay on time", "", ""] in rows
    assert not any("More notice" in cell for row in rows for cell in row)
    # Taken back from publication (session 21's review: an approval made by mistake could not
    # be undone): no longer in the results.
    assert "Taken back from publication: “Pay on time”" in _say(
        router, "/survey unapprove kinds 2", sender="priya@example.org")
    assert "was not approved" in _say(router, "/survey unapprove kinds 1",
                                      sender="priya@example.org")
    assert _say(router, "/survey unapprove kinds 2", sender="p2@example.org") == (
        "Only commissioners can do that.")
    result = run_cli("survey", "results", "kinds", "--csv", cwd=tmp_path, env={
        "PLEDGEBOT_DATABASE_URL": database_url, "PLEDGEBOT_SURVEY_MIN_GROUP": "2"})
    assert "Pay on time" not in result.stdout.decode()


class _Client:
    """Real HTTP requests (httpx) to the survey routes of an app built as serve builds it."""

    def __init__(self, router: Router) -> None:
        self.app = web_app(router)

    def get(self, url: str, **kw: Any) -> httpx.Response:
        return request(self.app, "GET", url, **kw)

    def post(self, url: str, **kw: Any) -> httpx.Response:
        return request(self.app, "POST", url, **kw)


def _app(router: Router) -> _Client:
    return _Client(router)


def test_web_form_refuses_forged_expired_and_reused_links(
        factory: sessionmaker[Session], database_url: str, tmp_path: Path) -> None:
    _people(factory)
    router = _router(factory, database_url, tmp_path, secret_key=SECRET, public_url=PUBLIC)
    _open(factory, tmp_path)
    links = Links.from_settings(router.settings)
    assert links is not None
    with factory() as session:
        survey = session.scalars(select(Survey)).one()
        person = session.scalar(select(SurveyInvitee.person_id).order_by(
            SurveyInvitee.person_id).offset(2))
        assert person is not None
        url = links.form(survey, person, FIXED_NOW)
        expired = links.signer.sign("survey", {"s": survey.id, "p": person},
                                    now=FIXED_NOW - timedelta(days=30),
                                    valid_for=timedelta(days=1))
    token = parse_qs(urlsplit(url).query)["t"][0]
    client = _app(router)
    page = client.get("/survey/form", params={"t": token})
    assert page.status_code == 200
    assert 'name="helped" value="Events"' in page.text
    # Told beside the comment box, as it is written (session 37's trial).
    assert ("Name no one and give no placement reference: names, initials, references, your "
            "organisation's name and contact details are taken out") in page.text
    # The form that takes answers cannot be framed by another site, nor post elsewhere.
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert "form-action 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"
    answers = {"t": token, "overall": "4", "part": "Pricing", "helped": ["Events", "Feedback"],
               "time": "Yes", "change": "Shorter forms"}
    # The signature's first character (all six of its bits count) changed: a forged link.
    body, mac = token.split(".")
    forged_token = f"{body}.{'B' if mac[0] == 'A' else 'A'}{mac[1:]}"
    forged = client.post("/survey/form", data={**answers, "t": forged_token})
    assert forged.status_code == 403
    assert "not valid" in forged.text
    late = client.post("/survey/form", data={**answers, "t": expired})
    assert late.status_code == 410
    assert "expired" in late.text
    assert _answers(factory) == []
    missing = client.post("/survey/form", data={**answers, "overall": ""})
    assert missing.status_code == 422
    assert "Please answer &#34;How was it overall?&#34;: it is not optional." in missing.text
    assert 'name="overall" value="5"' in missing.text  # asked again; the link still works
    assert _answers(factory) == []
    done = client.post("/survey/form", data=answers)
    assert done.status_code == 200
    assert "recorded" in done.text
    again = client.post("/survey/form", data={**answers, "overall": "1"})
    assert again.status_code == 409
    assert "used already" in again.text
    assert _answers(factory) == [EXPECTED]
    with factory() as session:
        assert len(session.scalars(select(SurveyLinkUse)).all()) == 1


def test_survey_emails_carry_the_link_the_numbers_and_one_click_unsubscribe(
        factory: sessionmaker[Session], database_url: str, tmp_path: Path) -> None:
    ids = _people(factory, providers=1)
    router = _router(factory, database_url, tmp_path, secret_key=SECRET, public_url=PUBLIC)
    catalogue = _catalogue(tmp_path)
    links = Links.from_settings(router.settings)
    sweep.sweep(factory, now=FIXED_NOW, templates=TEMPLATES, catalogue=catalogue, links=links)
    with factory() as session:
        row = session.scalars(select(OutboxMessage).where(
            OutboxMessage.person_id == ids["p1"])).one()
    assert row.channel == Channel.EMAIL
    text = row.payload["text"]
    assert f"{PUBLIC}/survey/form?t=" in text
    assert "3. What helped?" in text
    assert "a) Events; b) Answers; c) Feedback" in text
    stop = row.payload["unsubscribe"]
    client = _app(router)
    assert client.post(urlsplit(stop).path + "?" + urlsplit(stop).query,
                       data={"List-Unsubscribe": "One-Click"}).status_code == 200
    with factory() as session:
        assert session.scalars(select(SurveyInvitee.stopped)).one() is True
    assert sweep.sweep(factory, now=FIXED_NOW + timedelta(days=3), templates=TEMPLATES,
                       catalogue=catalogue, links=links).sent == 0


@pytest.mark.parametrize("signed", [True, False])
def test_a_survey_email_asks_for_a_reply_only_from_an_address_whose_replies_are_read(
        factory: sessionmaker[Session], database_url: str, tmp_path: Path,
        signed: bool) -> None:
    # p1 prefers e-mail but has no verified e-mail address: a reply from it is refused (anyone
    # can type a From: line), so the invitation must not ask for one.
    ids = _people(factory, providers=1)
    verified = make_person(factory, email="v@example.org", channel=Channel.EMAIL,
                           preferred_channel=Channel.EMAIL)
    keys = {"secret_key": SECRET, "public_url": PUBLIC} if signed else {}
    router = _router(factory, database_url, tmp_path, **keys)
    sweep.sweep(factory, now=FIXED_NOW, templates=TEMPLATES, catalogue=_catalogue(tmp_path),
                links=Links.from_settings(router.settings) if signed else None)
    with factory() as session:
        texts = {row.person_id: row.payload["text"] for row in session.scalars(
            select(OutboxMessage).where(OutboxMessage.person_id.in_([ids["p1"], verified])))}
    unverified = texts[ids["p1"]]
    assert "reply to this e-mail with your answers" not in unverified.lower()
    told = ("Your e-mail address is not confirmed with the council yet, so a reply to this "
            "e-mail cannot be taken")
    then = ": answer on the page above." if signed else (
        ": ask the council to confirm it, then answer.")
    assert told + then + " The questions:" in unverified
    assert "3. What helped?" in unverified
    assert (f"{PUBLIC}/survey/form?t=" in unverified) is signed
    assert ("reply to this e-mail with your answers, each after its question's number"
            in texts[verified].lower())


def test_the_procurement_survey_opens_for_bidders_when_the_award_is_decided(
        factory: sessionmaker[Session], database_url: str) -> None:
    council = make_organisation(factory, "Northshire", OrganisationKind.COUNCIL)
    make_commissioner(factory, "priya@example.org", organisation_id=council)
    bidders = [make_person(factory, email=f"b{n}@example.org") for n in (1, 2)]
    make_person(factory, email="other@example.org")  # a provider that did not bid
    data = (b"reference,title,commissioner_email,published_on,bidder_email,outcome,decided_on\n"
            b"T-2026-004,Home care,priya@example.org,2026-09-01,b1@example.org,won,2026-11-20\n"
            b"T-2026-004,,,,b2@example.org,lost,2026-11-20\n"
            b"T-2026-005,Day care,priya@example.org,2026-10-01,b1@example.org,pending,\n"
            # Decided months ago (history being imported): too late to ask.
            b"T-2026-001,Respite,priya@example.org,2026-01-05,b2@example.org,won,2026-06-01\n")
    import_tenders(factory, data, source="t.csv", calendar=WorkingCalendar(),
                   policy=ReminderPolicy(), now=FIXED_NOW)
    with factory() as session:
        surveys = session.scalars(select(Survey)).all()
        assert [(s.key, s.audience, s.anonymous, s.opens_on, s.closes_on) for s in surveys] == [
            (f"procurement-experience-T-2026-004-c{council}", "tender", True, FIXED_NOW.date(),
             FIXED_NOW.date() + timedelta(days=13))]
        assert sorted(session.scalars(select(SurveyInvitee.person_id))) == sorted(bidders)
    router = build_router(factory, Settings(database_url=database_url), TEMPLATES,
                          clock=lambda: FIXED_NOW)
    said = _say(router, f"/survey procurement-experience-t-2026-004-C{council}",
                sender="b2@example.org")
    assert said.startswith("Your experience of this procurement")
    # The invitation names the tender (the session's admin review: "this tender" was named
    # nowhere).
    sweep.sweep(factory, now=FIXED_NOW, templates=TEMPLATES, catalogue=definitions.load(None),
                links=None)
    with factory() as session:
        texts = [payload["text"] for payload in session.scalars(
            select(OutboxMessage.payload).where(OutboxMessage.kind == sweep.INVITE_KIND))]
    assert len(texts) == 2
    assert all("\nThe tender: T-2026-004, Home care.\n" in text for text in texts)


def test_an_award_survey_whose_key_a_dated_survey_has_in_another_case_is_not_opened(
        factory: sessionmaker[Session], tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    # A dated survey's id is any "letters, digits and dashes" (lower-case), kept as its key:
    # a council's may read as a tender's award key does. The award survey's key differs from
    # it only in case, so the exact check in open_survey passes it (and the unique key
    # constraint, which is case-sensitive); without the check in any case, two surveys
    # answered to one "/survey KEY".
    council = make_organisation(factory, "Northshire", OrganisationKind.COUNCIL)
    make_commissioner(factory, "priya@example.org", organisation_id=council)
    make_person(factory, email="b1@example.org")
    key = f"procurement-experience-t-2026-004-c{council}"
    folder = tmp_path / "surveys"
    folder.mkdir()
    (folder / "forum.yaml").write_text(EVERY_KIND.format(anonymous="true").replace(
        "id: kinds", f"id: {key}"))
    catalogue = definitions.load(folder)
    assert catalogue.problems == []
    with transaction(factory) as session:
        sweep.open_dated(session, catalogue, today=FIXED_NOW.date(), now=FIXED_NOW)
    import_tenders(factory, b"reference,title,commissioner_email,published_on,bidder_email,"
                   b"outcome,decided_on\n"
                   b"T-2026-004,Home care,priya@example.org,2026-09-01,b1@example.org,won,"
                   b"2026-11-20\n", source="t.csv", calendar=WorkingCalendar(),
                   policy=ReminderPolicy(), now=FIXED_NOW, survey_catalogue=catalogue)
    with factory() as session:
        assert [(s.key, s.template, s.tender_id) for s in session.scalars(select(Survey))] == [
            (key, key, None)]
        tender = session.scalars(select(Tender.id)).one()
    assert [record.getMessage() for record in caplog.records
            if record.name == "handlers.surveys.service"] == [
        f"award survey of tender {tender} not opened: its key procurement-experience-T-2026-004-"
        f"c{council} is another survey's"]


@pytest.mark.parametrize(("questions", "problem"), [
    ("  - {id: a, kind: likert, text: 'Fine?', options: [x, y]}\n",
     "8: questions.0: a likert question has no options"),
    ("  - {id: a, kind: single, text: 'Which?', options: [x]}\n",
     "8: questions.0: a single question needs 2 to 10 options"),
    ("  - {id: a, kind: rating, text: 'Fine?'}\n",
     "8: questions.0.kind: Input should be 'likert', 'single', 'multiple', 'yes_no' or "
     "'free_text'"),
    ("  - {id: a, kind: yes_no, text: 'Fine?'\n", "not valid YAML"),
    ("  - {id: a, kind: single, text: 'Which?', options: [x, y], none_of_these: true}\n",
     "8: questions.0: none_of_these is for a multiple question"),
    ("  - {id: a, kind: multiple, text: 'Which?', options: [x, None], none_of_these: true}\n",
     "8: questions.0: with none_of_these, no option of its own says none"),
])
def test_survey_check_reports_file_and_line(tmp_path: Path, questions: str,
                                            problem: str) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "bad.yaml").write_text(
        "id: bad\ntitle: Bad one\ncouncil: N\nopens: 2027-01-01\ncloses: 2027-01-09\n"
        "audience: {all_providers: true}\nquestions:\n" + questions)
    result = run_cli("survey", "check", cwd=tmp_path, env={"PLEDGEBOT_SURVEY_DIR": str(folder)})
    assert result.returncode == 1
    assert f"{folder / 'bad.yaml'}:" in result.stdout.decode()
    assert problem in result.stdout.decode()
    assert "survey check: 1 problem(s) in 2 file(s)" in result.stderr.decode()


def test_survey_check_looks_up_a_dated_surveys_council_in_the_database(
        factory: sessionmaker[Session], database_url: str, tmp_path: Path) -> None:
    # Session 21's review: a survey naming a council pledgebot does not know passed the check
    # and then never opened.
    folder = tmp_path / "mine"
    folder.mkdir()
    survey = folder / "forum.yaml"
    body = ("id: forum\ntitle: Forum\ncouncil: {}\nopens: 2027-01-04\ncloses: 2027-01-15\n"
            "audience: {{all_providers: true}}\nquestions:\n"
            "  - {{id: a, kind: yes_no, text: 'Useful?'}}\n")
    env = {"PLEDGEBOT_SURVEY_DIR": str(folder), "PLEDGEBOT_DATABASE_URL": database_url}
    survey.write_text(body.format("Southshire"))
    empty = run_cli("survey", "check", cwd=tmp_path, env=env)
    assert empty.returncode == 0
    assert "council names not checked: no council in the database yet" in empty.stderr.decode()
    make_organisation(factory, "Northshire County Council", OrganisationKind.COUNCIL)
    make_organisation(factory, "Southshire Care", OrganisationKind.PROVIDER)
    unknown = run_cli("survey", "check", cwd=tmp_path, env=env)
    assert unknown.returncode == 1
    assert (f"{survey}:3: council: 'Southshire' is not a council pledgebot knows"
            in unknown.stdout.decode())
    for name in ("Northshire", "northshire county council"):
        survey.write_text(body.format(name))
        known = run_cli("survey", "check", cwd=tmp_path, env=env)
        assert known.returncode == 0, known.stdout
        assert "no problems" in known.stdout.decode()


def test_the_digest_lists_surveys_open_and_results_published(
        factory: sessionmaker[Session], database_url: str, tmp_path: Path) -> None:
    _people(factory, providers=2)
    router = _router(factory, database_url, tmp_path)
    _open(factory, tmp_path)
    said = _say(router, "/digest")
    assert "Surveys open for you (1):\nkinds: Every kind, until Thu 10 Dec" in said
    _say(router, "/survey answer kinds 1: 4, 2: a, 3: a, 4: yes")
    assert "Surveys open for you" not in _say(router, "/digest")
    after = build_router(factory, Settings(database_url=database_url), TEMPLATES,
                         clock=lambda: FIXED_NOW + timedelta(days=16))
    said = _say(after, "/digest")
    assert ("Survey results published since your last digest (1):\n"
            "kinds: Every kind, closed Thu 10 Dec") in said
    assert "kinds: Every kind, closed" in _say(after, "/digest", sender="priya@example.org")


def test_a_commissioners_digest_lists_the_councils_surveys_running_with_answers_so_far(
        factory: sessionmaker[Session], database_url: str, tmp_path: Path) -> None:
    # Session 22's review: a commissioner's digest never named the survey their council ran.
    _people(factory, providers=3)
    router = _router(factory, database_url, tmp_path)
    _open(factory, tmp_path)
    running = "Your council's surveys running (1):\nkinds: Every kind, {} of 3 answered so far"
    said = _say(router, "/digest", sender="priya@example.org")
    assert running.format(0) + ", until Thu 10 Dec" in said
    assert "/survey results ID shows the answers so far." in said
    _say(router, "/survey answer kinds 1: 4, 2: a, 3: a, 4: yes")
    assert running.format(1) in _say(router, "/digest", sender="priya@example.org")
    assert "surveys running" not in _say(router, "/digest", sender="p3@example.org")
    after = build_router(factory, Settings(database_url=database_url), TEMPLATES,
                         clock=lambda: FIXED_NOW + timedelta(days=16))
    assert "surveys running" not in _say(after, "/digest", sender="priya@example.org")


def test_a_service_type_survey_goes_to_the_providers_of_that_type(
        factory: sessionmaker[Session], database_url: str, tmp_path: Path) -> None:
    council = make_organisation(factory, "Northshire", OrganisationKind.COUNCIL)
    home = make_organisation(factory, "Riverside", OrganisationKind.PROVIDER)
    day = make_organisation(factory, "Hillview", OrganisationKind.PROVIDER)
    sam = make_person(factory, email="sam@example.org", organisation_id=home)
    make_person(factory, email="kim@example.org", organisation_id=day)
    # any case, and spaces or hyphens (the session's admin review: "Home Care" and
    # "home-care" were two types)
    (tmp_path / "types.csv").write_text(
        "organisation,service_type\nriverside,Home Care\nHillview,day-care\n"
        "Riverside,home-care\n")
    env = {"PLEDGEBOT_DATABASE_URL": database_url}
    result = run_cli("survey", "service-types", "types.csv", cwd=tmp_path, env=env)
    # What was stored: two types, the third row repeating the first (the trial: "3 rows").
    assert (result.returncode, result.stdout.decode()) == (0, (
        "Stored 2 service type(s) of 2 provider(s) from types.csv (1 row(s) named a type "
        "already listed for the same provider, in another case or spelling).\n"))
    (tmp_path / "bad.csv").write_text("organisation,service_type\nNorthshire,home-care\n")
    refused = run_cli("survey", "service-types", "bad.csv", cwd=tmp_path, env=env)
    assert refused.returncode == 1
    assert "bad.csv:2: 'Northshire' is not a provider organisation" in refused.stderr.decode()
    definition = replace(_catalogue(tmp_path).surveys["kinds"], audience="service:home-care")
    with transaction(factory) as session:
        open_survey(session, definition, key="home-care-2026", council_id=council,
                    opens_on=FIXED_NOW.date(), closes_on=FIXED_NOW.date(), now=FIXED_NOW)
    with factory() as session:
        assert list(session.scalars(select(SurveyInvitee.person_id))) == [sam]


def test_the_digests_survey_sections_take_the_same_queries_for_any_batch(
        engine: Engine, factory: sessionmaker[Session], tmp_path: Path) -> None:
    _people(factory, providers=6)
    _open(factory, tmp_path)
    statements: list[str] = []

    def count(*args: object) -> None:
        if "survey" in str(args[2]).lower():
            statements.append(str(args[2]))

    with factory() as session:
        people = list(session.scalars(select(Person).order_by(Person.id)))
        event.listen(engine, "before_cursor_execute", count)
        try:
            for batch in (people[:1], people):
                readers = [Reader(p, "2026-W48", FIXED_NOW.date()) for p in batch]
                contents = gather(session, readers, now=FIXED_NOW, calendar=WorkingCalendar(),
                                  timezone="Europe/London")
                statements.append("--")
        finally:
            event.remove(engine, "before_cursor_execute", count)
    one = statements.index("--")
    assert one == 3  # open for the reader, closed since their last digest, running (staff)
    assert len(statements) == 2 * one + 2
    assert [line.key for line in contents[people[-1].id].surveys] == ["kinds"]


def test_no_chaser_goes_to_someone_who_has_left(
        factory: sessionmaker[Session], database_url: str, tmp_path: Path) -> None:
    ids = _people(factory, providers=2)
    catalogue = _catalogue(tmp_path)

    def run(days: int) -> int:
        return sweep.sweep(factory, now=FIXED_NOW + timedelta(days=days), templates=TEMPLATES,
                           catalogue=catalogue, links=None).sent

    assert run(0) == 2
    with transaction(factory) as session:
        session.get_one(Person, ids["p2"]).active = False
    assert run(3) == 1
    with factory() as session:
        assert session.scalar(select(SurveyInvitee.next_send_at).where(
            SurveyInvitee.person_id == ids["p2"])) is None


def test_published_results_are_the_councils_closed_surveys_newest_first_in_fixed_queries(
        engine: Engine, factory: sessionmaker[Session], tmp_path: Path) -> None:
    ids = _people(factory, providers=2)
    other = make_organisation(factory, "Southshire", OrganisationKind.COUNCIL)
    definition = _catalogue(tmp_path).surveys["kinds"]
    with transaction(factory) as session:
        # With two councils, a provider is Northshire's by its work with it.
        for number in (1, 2):
            provider = session.get_one(Person, ids[f"p{number}"]).organisation_id
            session.add(Contract(reference=f"N-{number}", council_id=ids["council"],
                                 provider_id=provider, commissioner_id=ids["priya"],
                                 title="Home care"))
        for key, council, closes in (("old", ids["council"], date(2026, 10, 1)),
                                     ("newer", ids["council"], date(2026, 11, 1)),
                                     ("open", ids["council"], date(2026, 12, 1)),
                                     ("elsewhere", other, date(2026, 11, 2))):
            survey = open_survey(session, definition, key=key, council_id=council,
                                 opens_on=closes - timedelta(days=10), closes_on=closes,
                                 now=FIXED_NOW)
            assert survey is not None
            if key == "newer":  # one answer, given while it was open
                session.add(SurveyResponse(survey_id=survey.id, person_id=ids["p1"],
                                           answers={"overall": 4, "time": "No"},
                                           submitted_at=FIXED_NOW, updated_at=FIXED_NOW))
                session.execute(update(SurveyInvitee).where(
                    SurveyInvitee.survey_id == survey.id,
                    SurveyInvitee.person_id == ids["p1"]).values(responded=True))
    statements: list[str] = []

    def count(*args: object) -> None:
        if str(args[2]).lstrip().upper().startswith("SELECT"):
            statements.append(str(args[2]))

    with factory() as session:
        event.listen(engine, "before_cursor_execute", count)
        try:
            found = published_results(session, ids["council"], min_group=1, now=FIXED_NOW)
        finally:
            event.remove(engine, "before_cursor_execute", count)
    assert [(r.survey_id, r.invited, r.responded, r.suppressed) for r in found] == [
        ("newer", 2, 1, False), ("old", 2, 0, True)]
    assert found[0].questions[0].counts[3] == OptionCount("4", 1)
    assert found[0].questions[0].mean == 4.0
    # The surveys, their counts, "You said, we did", the two answer tables, approved comments.
    assert len(statements) == 6


def test_an_all_providers_survey_goes_only_to_the_providers_working_with_its_council(
        factory: sessionmaker[Session], database_url: str, tmp_path: Path) -> None:
    # Trials: Westshire's "all providers" survey went to Hilltop, who has no Westshire work,
    # and he counted in "1 of 3 responded".
    west = make_organisation(factory, "Westshire", OrganisationKind.COUNCIL)
    north = make_organisation(factory, "Northshire", OrganisationKind.COUNCIL)
    wendy = make_commissioner(factory, "wendy@example.org", organisation_id=west)
    nora = make_commissioner(factory, "nora@example.org", organisation_id=north)
    staff = {}
    for name in ("riverside", "meadow", "hilltop", "idle"):
        organisation = make_organisation(factory, name.title(), OrganisationKind.PROVIDER)
        staff[name] = (organisation, make_person(factory, email=f"{name}@example.org",
                                                 organisation_id=organisation))
    with transaction(factory) as session:
        session.add(Contract(reference="RV-W", council_id=west, provider_id=staff["riverside"][0],
                             commissioner_id=wendy, title="Home care"))
        session.add(Placement(reference="MD-0001", council_id=west,
                              provider_id=staff["meadow"][0], commissioner_id=wendy,
                              provider_contact_id=staff["meadow"][1],
                              started_on=date(2026, 1, 5)))
        session.add(Contract(reference="HT-N", council_id=north, provider_id=staff["hilltop"][0],
                             commissioner_id=nora, title="Day care"))
    router = _router(factory, database_url, tmp_path)
    definition = _catalogue(tmp_path).surveys["kinds"]
    with transaction(factory) as session:
        open_survey(session, definition, key="kinds", council_id=west,
                    opens_on=FIXED_NOW.date(), closes_on=FIXED_NOW.date(), now=FIXED_NOW)
    assert "recorded" in _say(router, "/survey answer kinds 1: 4, 2: a, 3: a, 4: yes",
                              sender="riverside@example.org")
    assert "You are not among the people asked" in _say(
        router, "/survey answer kinds 1: 4, 2: a, 3: a, 4: yes", sender="hilltop@example.org")
    assert "1 of 2 responded (50%)." in _say(router, "/survey results kinds",
                                             sender="wendy@example.org")
    with factory() as session:
        invited = set(session.scalars(select(SurveyInvitee.person_id)))
    assert invited == {staff["riverside"][1], staff["meadow"][1]}


def test_a_provider_whose_work_with_the_council_has_ended_is_not_surveyed(
        factory: sessionmaker[Session], database_url: str, tmp_path: Path) -> None:
    # Session 29's brief: a contract or placement that had ended still made its provider the
    # council's, asked in its surveys and counted in "1 of N responded"; work ending today or
    # later, or with no end, still does.
    west = make_organisation(factory, "Westshire", OrganisationKind.COUNCIL)
    make_organisation(factory, "Northshire", OrganisationKind.COUNCIL)
    wendy = make_commissioner(factory, "wendy@example.org", organisation_id=west)
    today = FIXED_NOW.date()
    staff = {}
    for name in ("ended", "placed", "ending", "open"):
        organisation = make_organisation(factory, name.title(), OrganisationKind.PROVIDER)
        staff[name] = (organisation, make_person(factory, email=f"{name}@example.org",
                                                 organisation_id=organisation))
    with transaction(factory) as session:
        session.add_all([
            Contract(reference="EN-W", council_id=west, provider_id=staff["ended"][0],
                     commissioner_id=wendy, title="Home care", ends_on=today - timedelta(days=1)),
            Placement(reference="PL-0001", council_id=west, provider_id=staff["placed"][0],
                      commissioner_id=wendy, provider_contact_id=staff["placed"][1],
                      started_on=date(2026, 1, 5), ended_on=today - timedelta(days=1)),
            Contract(reference="EG-W", council_id=west, provider_id=staff["ending"][0],
                     commissioner_id=wendy, title="Day care", ends_on=today),
            Placement(reference="OP-0001", council_id=west, provider_id=staff["open"][0],
                      commissioner_id=wendy, provider_contact_id=staff["open"][1],
                      started_on=date(2026, 1, 5))])
    with transaction(factory) as session:
        open_survey(session, _catalogue(tmp_path).surveys["kinds"], key="kinds",
                    council_id=west, opens_on=today, closes_on=today, now=FIXED_NOW)
    # The newcomers' check, run with every sweep, reads the audience the same way.
    with transaction(factory) as session:
        assert service.invite_newcomers(session, today=today, now=FIXED_NOW) == 0
    with factory() as session:
        invited = set(session.scalars(select(SurveyInvitee.person_id)))
    assert invited == {staff["ending"][1], staff["open"][1]}
    router = _router(factory, database_url, tmp_path)
    assert "You are not among the people asked" in _say(
        router, "/survey answer kinds 1: 4, 2: a, 3: a, 4: yes", sender="ended@example.org")


def test_a_number_past_the_choices_on_the_console_does_not_cancel_a_survey(
        factory: sessionmaker[Session], database_url: str, tmp_path: Path) -> None:
    # Trials: at "Was there enough time?", shown "[1] Yes [2] No [3] Cancel", typing "3"
    # cancelled the survey ("Cancelled: nothing was sent.") and lost the answers given.
    _people(factory)
    router = _router(factory, database_url, tmp_path)
    _open(factory, tmp_path)
    shown: list[Reply] = []

    def type_(line: str) -> str:
        incoming = to_incoming(f"{line}\n", sender="p2@example.org", received_at=FIXED_NOW,
                               buttons=pressable_buttons(shown))
        assert isinstance(incoming, Incoming)
        shown[:] = router.handle(incoming)
        return render_replies(shown)

    for line in ("/survey kinds", "4", "2", "a, c"):
        type_(line)
    said = type_("3")
    assert "Cancelled" not in said
    assert "Was there enough time?" in said  # asked again, the answers given kept
    assert said.endswith("[1] Yes   [2] No   [Cancel]")  # a number is a choice only
    assert "What should change?" in type_("1")
    assert "recorded" in type_("Shorter forms")
    assert _answers(factory) == [EXPECTED]


def test_a_multiple_choice_question_with_none_of_these_takes_none(
        factory: sessionmaker[Session], database_url: str) -> None:
    # Trials: "none of them" was refused at the procurement survey's required "What helped
    # you?"; it now offers "None of these", chosen alone.
    council = make_organisation(factory, "Northshire", OrganisationKind.COUNCIL)
    make_person(factory, email="p2@example.org")
    definition = replace(definitions.load(None).surveys["procurement-experience"],
                         audience="providers")
    with transaction(factory) as session:
        open_survey(session, definition, key="pe-t-1", council_id=council,
                    opens_on=FIXED_NOW.date(), closes_on=FIXED_NOW.date(), now=FIXED_NOW)
    router = build_router(factory, Settings(database_url=database_url), TEMPLATES,
                          clock=lambda: FIXED_NOW)
    _say(router, "/survey pe-t-1")
    _say(router, "4")
    _say(router, "yes")
    assert "e) None of these" in _say(router, "2")
    assert '"None of these" is chosen alone.' in _say(router, "a, none")
    assert "What one thing should the council change" in _say(router, "none of them")
    assert "recorded" in _say(router, "skip")
    assert _answers(factory) == [{"overall": 4, "timescale": "Yes", "hardest": "The pricing",
                                  "helped": ["None of these"]}]


def test_the_scale_explained_and_a_bare_ok_asked_about_once_then_n_a_skips(
        factory: sessionmaker[Session], database_url: str) -> None:
    # The brief: "what does 3 mean" at the rating went to the knowledge base; "ok" at the
    # optional "What one thing should the council change next time?" was kept as the answer.
    council = make_organisation(factory, "Northshire", OrganisationKind.COUNCIL)
    make_person(factory, email="p2@example.org")
    definition = replace(definitions.load(None).surveys["procurement-experience"],
                         audience="providers")
    with transaction(factory) as session:
        open_survey(session, definition, key="pe-t-1", council_id=council,
                    opens_on=FIXED_NOW.date(), closes_on=FIXED_NOW.date(), now=FIXED_NOW)
    router = build_router(factory, Settings(database_url=database_url), TEMPLATES,
                          clock=lambda: FIXED_NOW)
    _say(router, "/survey pe-t-1")
    said = _say(router, "what does 3 mean")
    assert said.startswith("On this scale 1 is very poor and 5 is very good; 2 to 4 are in "
                           "between.\n\nYour experience of this procurement \u2014 question 1 "
                           "of 5\nOverall, how simple"), said
    for answer in ("4", "yes", "2", "a"):
        _say(router, answer)
    said = _say(router, "ok")
    assert said.startswith("Could you say a bit more? Or type skip to leave this one out.\n\n"
                           "Your experience of this procurement \u2014 question 5 of 5\nWhat "
                           "one thing"), said
    assert "recorded" in _say(router, "n/a")
    assert _answers(factory) == [{"overall": 4, "timescale": "Yes", "hardest": "The pricing",
                                  "helped": ["Clarification answers"]}]


@pytest.mark.parametrize(("before", "asked"), [
    (("4", "yes", "2"), "question 4 of 5\nWhat helped you?"),  # several choices, as letters
    (("4", "yes"), "question 3 of 5\nWhich part took the most effort?"),  # one choice
    ((), "question 1 of 5\nOverall, how simple and proportionate"),  # a rating
])
def test_a_complaint_typed_at_a_choice_question_points_to_conflict_and_keeps_no_name(
        factory: sessionmaker[Session], database_url: str, before: tuple[str, ...],
        asked: str) -> None:
    # Session 35's trial: at "What helped you?" a bidder's complaint was refused and dropped,
    # the question asked again with no word of where the complaint could go.
    council = make_organisation(factory, "Northshire", OrganisationKind.COUNCIL)
    make_person(factory, email="p2@example.org")
    definition = replace(definitions.load(None).surveys["procurement-experience"],
                         audience="providers")
    with transaction(factory) as session:
        open_survey(session, definition, key="pe-t-1", council_id=council,
                    opens_on=FIXED_NOW.date(), closes_on=FIXED_NOW.date(), now=FIXED_NOW)
    router = build_router(factory, Settings(database_url=database_url), TEMPLATES,
                          clock=lambda: FIXED_NOW)
    for answer in ("/survey pe-t-1", *before):
        _say(router, answer)
    said = _say(router, "we never got any feedback on why we lost, 10 days now. Our care "
                        "manager Sarah Jenkins spent weeks on it")
    assert said.startswith(
        "That sounds like a complaint, which a survey answer can't take up: /conflict raises "
        "it with a named commissioner, who must answer by a deadline. You can also say it, "
        "without naming anyone, at question 5 (\u201cWhat one thing should the council change "
        "next time?\u201d).\n"), said
    assert f"Your experience of this procurement \u2014 {asked}" in said
    for answer in ("4", "yes", "2", "a")[len(before):]:
        _say(router, answer)
    assert "recorded" in _say(router, "skip")
    assert _answers(factory) == [{"overall": 4, "timescale": "Yes", "hardest": "The pricing",
                                  "helped": ["Clarification answers"]}]
    with factory() as session:  # the name is nowhere in the database
        for table in Base.metadata.sorted_tables:
            for row in session.execute(select(table)):
                assert "jenkins" not in str(tuple(row)).casefold(), table.name


def test_a_choice_typed_with_its_reason_is_the_answer_not_a_complaint(
        factory: sessionmaker[Session], database_url: str) -> None:
    # Session 35's review: "1, it was a shambles ..." at the rating and "no, we were not given
    # enough time at all" at "Did you have enough time ...?" were called complaints and asked
    # again; the leading choice is the answer (the reason is the later free-text question's).
    council = make_organisation(factory, "Northshire", OrganisationKind.COUNCIL)
    make_person(factory, email="p2@example.org")
    definition = replace(definitions.load(None).surveys["procurement-experience"],
                         audience="providers")
    with transaction(factory) as session:
        open_survey(session, definition, key="pe-t-1", council_id=council,
                    opens_on=FIXED_NOW.date(), closes_on=FIXED_NOW.date(), now=FIXED_NOW)
    router = build_router(factory, Settings(database_url=database_url), TEMPLATES,
                          clock=lambda: FIXED_NOW)
    _say(router, "/survey pe-t-1")
    said = _say(router, "1, it was a shambles and nobody answered our clarifications")
    assert "question 2 of 5\nDid you have enough time to prepare your bid?" in said, said
    # Session 35's review of 02c5e15: a yes then a no is neither ("yes and no" was "Yes").
    said = _say(router, "yes and no, the pricing was rushed")
    assert said.startswith("Please choose one of: Yes, No (or type its number).\n\n"
                           "Your experience of this procurement \u2014 question 2 of 5\n"), said
    said = _say(router, "no, we were not given enough time at all")
    # (The safeguarding reader still asks "Is this about someone's safety?" of these words
    # first: its own business, not the survey's.)
    assert "complaint" not in said, said
    assert "question 3 of 5\nWhich part took the most effort?" in said, said
    said = _say(router, "nobody answered our clarifications in time, it was a shambles")
    assert said.startswith("That sounds like a complaint"), said  # no choice in it
    for answer in ("2", "a"):
        _say(router, answer)
    assert "recorded" in _say(router, "skip")
    assert _answers(factory) == [{"overall": 1, "timescale": "No", "hardest": "The pricing",
                                  "helped": ["Clarification answers"]}]


@pytest.mark.parametrize("anonymous", [True, False])
def test_free_text_answers_keep_no_name_placement_provider_or_identifier(
        factory: sessionmaker[Session], database_url: str, tmp_path: Path,
        anonymous: bool) -> None:
    # Trials: "Also Mrs Joan Smith said she liked us" was stored in the anonymous response,
    # and could be published; session 37's: "Mrs J. S.'s family at RC-014" reached the
    # commissioner's /survey comments, the reference naming the provider who wrote it.
    ids = _people(factory)
    with transaction(factory) as session:
        session.get_one(Person, ids["p2"]).organisation.name = "Riverside Care Ltd"
    router = _router(factory, database_url, tmp_path, anonymous=anonymous, survey_min_group=1)
    _open(factory, tmp_path, anonymous=anonymous)
    told = _say(router, "/survey answer kinds 1: 4, 2: a, 3: a, 4: yes, 5: Shorter forms. "
                        "Also Mrs Joan Smith's family at RC-014 said Riverside Care helped, "
                        "call 07700 900123")
    assert "recorded" in told
    assert ("I took a phone number, a person's name or initials, a placement reference and "
            "an organisation's name out of your comment") in told
    said = ("Shorter forms. Also [a person]'s family at [placement] said [an organisation] "
            "helped, call [phone number removed]")
    assert [answers["change"] for answers in _answers(factory)] == [said]
    # One kept before this was done on the way in is listed and published the same way.
    with transaction(factory) as session:
        survey = session.scalars(select(Survey)).one()
        table = SurveyAnonymousResponse if anonymous else SurveyResponse
        session.add(table(survey_id=survey.id, answers={"change": "Mrs B at RC-015 was fine"},
                          **({"id": 7} if anonymous else {"person_id": ids["p3"],
                                                           "submitted_at": FIXED_NOW,
                                                           "updated_at": FIXED_NOW})))
    listed = _say(router, "/survey comments kinds", sender="priya@example.org")
    assert "1. [change] “[a person] at [placement] was fine”" in listed
    assert f"2. [change] “{said}”" in listed
    for number in (1, 2):
        _say(router, f"/survey approve kinds {number}", sender="priya@example.org")
    with factory() as session:
        [published] = published_results(session, _council(factory), min_group=1,
                                        now=FIXED_NOW + timedelta(days=16))
        exported = results_csv(results_of(session, session.scalars(select(Survey)).one(),
                                          min_group=1), min_group=1)
    assert published.questions[-1].comments == ("[a person] at [placement] was fine", said)
    assert "[a person] at [placement] was fine" in exported  # `survey results --csv`
    assert not any(word in exported for word in ("RC-01", "Riverside", "Mrs"))


# Session 37's review: a surname after a title and one initial was kept ("[a person] Smith's
# family"), a provider's short name was kept ("Riverside were treated unfairly"), and
# ordinary references were put as "[placement]" (a clarification's, a question's, a form's, an
# ITT's, a standard's), the respondent told a placement reference was taken out. Riverside's
# placement RC-101 is recorded unless ``recorded`` is False: an unrecorded reference is put as
# "[placement]" when its letters are a recorded placement's ("RC-014"), or when none is
# recorded and no word before it or its letters make it another kind of reference.
ANONYMISED = [
    ("Mrs J Smith's family at RC-014 complained. Is Mr A Patel entitled to a review? "
     "Miss K. Hughes (aged 92) moved",
     "[a person]'s family at [placement] complained. Is [a person] entitled to a review? "
     "[a person] (aged [age removed]) moved",
     "an age, a person's name or initials and a placement reference", True),
    # A provider's everyday word after its generic ones is no short name ("Home Instead").
    ("Riverside were treated unfairly and Hillview lost the tender unfairly; the riverside "
     "walk and home care were lovely. Instead, Home Instead won",
     "[an organisation] were treated unfairly and [an organisation] lost the tender unfairly; "
     "the riverside walk and home care were lovely. Instead, [an organisation] won",
     "an organisation's name", True),
    ("The clarification Q-12 was never answered. Lot AB-12 was split from AB-13",
     "The clarification Q-12 was never answered. Lot AB-12 was split from AB-13", None, True),
    ("the scoring for question Q-07 was unclear. Section 4.2 said ITT-01 must be returned in "
     "PDF. Our ISO-9001 audit and the NHS-111 style triage. Form CQ-15 asked twice, see "
     "pledge P-14",
     "the scoring for question Q-07 was unclear. Section 4.2 said ITT-01 must be returned in "
     "PDF. Our ISO-9001 audit and the NHS-111 style triage. Form CQ-15 asked twice, see "
     "pledge P-14", None, False),
]


@pytest.mark.parametrize(("comment", "shown", "told", "recorded"), ANONYMISED)
def test_a_comment_keeps_no_surname_or_provider_short_name_and_other_references_stay(
        factory: sessionmaker[Session], database_url: str, tmp_path: Path, comment: str,
        shown: str, told: str | None, recorded: bool) -> None:
    ids = _people(factory)
    with transaction(factory) as session:
        session.get_one(Person, ids["p2"]).organisation.name = "Riverside Care Homes"
        session.get_one(Person, ids["p3"]).organisation.name = "Hillview Home Care CIC"
        session.get_one(Person, ids["p4"]).organisation.name = "Home Instead"
        if recorded:
            session.add(Placement(reference="RC-101", council_id=ids["council"],
                                  provider_id=session.get_one(Person, ids["p2"]).organisation_id,
                                  commissioner_id=ids["priya"], provider_contact_id=ids["p2"],
                                  started_on=FIXED_NOW.date()))
    router = _router(factory, database_url, tmp_path, anonymous=True, survey_min_group=1)
    _open(factory, tmp_path, anonymous=True)
    said = _say(router, f"/survey answer kinds 1: 4, 2: a, 3: a, 4: yes, 5: {comment}")
    assert [answers["change"] for answers in _answers(factory)] == [shown]
    if told:
        assert f"I took {told} out of your comment" in said
    else:
        assert "recorded" in said
        assert "out of your comment" not in said
