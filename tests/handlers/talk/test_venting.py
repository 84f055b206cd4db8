"""Venting about the council as a provider (its fees, tenders, payments, staff), asking
nothing: one short kind line and the two ways to be heard, /feedback (anonymous if they like)
and /conflict; never "I don't know ... I've noted your question" and a knowledge gap (session
42's trial: 34 such lines, each a gap). Questions, news, thanks, commands and harm told beside
the anger are never read so: dialogs through the router. Session 43: council staff venting get
a line fit for staff; rhetorical questions that ask nothing answerable are venting too."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy.orm import Session, sessionmaker

from bot.dispatch import Router
from bot.models import AuditEvent, Case, CaseKind, Question
from handlers.ask.questions import knowledge_gaps
from handlers.cases.chat import FEEDBACK_FORM
from handlers.talk.feelings import feeling
from tests.factories import count_rows, make_incoming
from tests.handlers.conftest import PRIYA, SAM

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

HEARD = (
    "That sounds really frustrating, and I'm sorry: it deserves to reach the council, not "
    "just me. I haven't passed it on, but two commands will: /feedback tells a named "
    "commissioner how working together is going (you can send it anonymously), and /conflict "
    "raises a disagreement that a named commissioner must answer by a deadline.")

# Venting, as providers type it: typos, mild swearing, no punctuation.
VENTING = (
    # Session 42's trial.
    "the fee uplift is a slap in the face",
    "this tender process is a joke",
    "the council never listens to us",
    # Fees and uplifts.
    "honestly the uplift this year is an insult",
    "2% uplift is pathetic when the living wage went up 7%",
    "the uplift doesnt even cover the minimum wage rise its insulting",
    "its ridiculous the fees havent gone up in 3 years",
    "rediculous fee uplift again",
    "another year another rubbish uplift",
    "the uplift is a kick in the teeth for our staff",
    "the fee increase is an absolute disgrace",
    "the uplift is laughable",
    "absolutely fuming about the fee rates",
    "we are absolutely livid about the uplift",
    "the rates the council pays are shocking",
    "the council is taking the piss with these fees",
    "the fee uplift is a bad joke",
    "the fees are a disgrace and everyone knows it",
    # Tenders and procurement.
    "the tender process is a total shambles",
    "this procurement is rigged for the big national chains",
    "the framework is a farce",
    "the tender feedback was useless",
    "the scoring on that tender was a joke",
    "this whole tendering thing is a waste of time",
    "bidding for council contracts is pointless",
    "What a joke this tender is!",
    "frustrated with the tender process",
    "unfair tender process as usual",
    "the evaluation was a stitch up",
    "the tender evaluation was biased",
    "the tender timescales are unrealistic and unfair",
    "the new framework terms are outrageous",
    "i hate the tender portal",
    "fed up with the council moving the goalposts on every tender",
    "the council keeps moving the goalposts",
    "council procurement team is clueless",
    # The council, its commissioners and staff.
    "you lot are useless",
    "the council never listens to providers",
    "the commissioners dont care about small providers",
    "the council couldnt care less about us",
    "bloody council",
    "the council is a disgrace",
    "disgraceful how the council treats providers",
    "we feel completely taken for granted by the council",
    "nobody at the council ever gets back to us",
    "the commissioners never reply to emails",
    "no one at the council listens",
    "sick and tired of the council",
    "im so fed up with commissioners",
    "the council staff are so rude to us",
    "the brokerage team is hopeless",
    "what a shambles the council is",
    "f**king council",
    "the council is shit",
    "council is incompetent",
    "so frustrated with the council",
    "really annoyed with the council today",
    "the council treats providers like dirt",
    "the council doesnt value care providers at all",
    "this council is the worst to work with",
    "worst council ive ever dealt with",
    "the commissioner was really rude on the phone",
    "council wont even answer our emails its a disgrace",
    "we have been ignored by commissioners for months",
    "hopeless council",
    "the council is an absolute joke",
    "im sick of chasing the council",
    "so angry with the commissioners right now",
    "commissioners have no idea what its like running a care home",
    "teh council is usless",
    "the councel never listen to us",
    "commisioners dont care",
    "the finance team at the council are a shambles",
    "the out of hours social work team never answer, disgraceful",
    "thanks for nothing, the council is useless",
    "The council makes our lives hell.",
    # "hit with" changes is no harm (session 43: harm words beside anger exclude venting).
    "so fed up of being hit with changes to the framework",
)

# Questions: the knowledge base's (or another route's), as before.
QUESTIONS = (
    "why is the fee uplift so low?",
    "why is the fee uplift so low",
    "how is the fee uplift worked out?",
    "can we challenge the tender decision?",
    "is the tender process fair?",
    "what can we do if the council pays late?",
    "the tender process is a joke, how do we complain?",
    "the council never listens, who can I talk to?",
    "how do I give feedback about the council",
    "is it normal for the uplift to be 2%?",
    "what does the pledge say about fee rates",
    "the uplift is low. can we appeal it?",
    "why does the council never reply to emails",
    "how long should we wait for payment",
    "I'm frustrated, where can I find the tender documents",
    "we're frustrated because we cant find the tender documents",
    "is this tender process a joke or what",
    "surely the uplift should be more than 2%?",
)
# News and neutral words about tenders, fees and the council.
NEWS = (
    "the tender closes on friday",
    "we submitted our bid for the homecare tender today",
    "the council announced the fee uplift today",
    "the uplift is 4% this year",
    "we are bidding for the day services framework",
    "the commissioner came to visit us yesterday",
    "our contract review meeting went well",
    "the council paid our invoice this morning",
    "we had a good meeting with the commissioners",
    "the commissioner told a joke at the provider forum",
    "the council was annoyed we submitted late",
    "our manager was angry about the late bid",
    "the tender process was fair and well run",
    "the tender process isn't a joke, we take it seriously",
    "the council's new portal is live",
    "we have a meeting with the council about fees next week",
    "I'll send the tender documents tomorrow",
    "I'm annoyed I missed the tender deadline",
    # Anger at someone or something that is not the council.
    "my staff are useless today",
    "the CQC inspector was rude",
    "the hospital discharge was a shambles",
    "the traffic this morning was a nightmare",
    "the GP surgery never returns calls",
    "the staff were frustrated by the new rota",
    "the family are furious with us about the fees",
)
# Small talk, and the feelings that already have their own reply.
SMALL_TALK = (
    "thanks",
    "thank you so much",
    "hi",
    "hello there",
    "good morning",
    "cheers",
    "bye",
    "ok thanks",
    "sorry. long week",
    "it's been a rough day",
    "we lost the tender, its a disaster",
    "we're sick of late payments",
)
COMMANDS = (
    "/feedback the council is useless",
    "/conflict the fee uplift is a joke",
    "/help",
    "/reminders",
)
# Harm told beside the anger: the safeguarding middleware has read every word first.
DISCLOSURES = (
    "the council is useless and a carer hit RC-101",
    "this tender is a joke and a resident was left without food for two days",
    "the council never listens, a staff member slapped a resident",
    "fed up of the council, one of our carers is stealing from a client",
    "im furious, RC-102 has bruises nobody can explain and the council does nothing",
    "the council is useless and the resident in RC-103 has been left in soiled sheets all day",
)
# A risk to someone said beside the anger, which the middleware did not raise: as before (the
# knowledge base's, with its "Ask a commissioner"), never the line that says nothing is passed on.
RISKS = (
    "the council is useless, the hoist has been broken for weeks",
    "the council is putting lives at risk with these rates, disgraceful",
    "the council is bullying us over the tender, its a disgrace",
    "the council is useless nobody visits anymore",
)
NOT_VENTING = QUESTIONS + NEWS + SMALL_TALK + COMMANDS + DISCLOSURES + RISKS

# Council staff venting (session 43's brief: each "I don't know ... I've noted your question"
# and a knowledge gap): one kind line fit for staff, what the bot does for their own work,
# nothing kept; never the providers' /feedback and /conflict.
STAFF_HEARD = (
    "That sounds hard, and I'm sorry. I haven't kept or passed on what you said. If it helps: "
    "/reminders shows your deadlines and what is overdue, /cases the cases routed to you, and "
    "/case REF reassign NAME passes one to a colleague.")
STAFF_VENTING = (
    # Session 43's brief.
    "this provider never sends their returns on time, I'm sick of it",
    "I have 40 reviews overdue and no time",
    "the hub is useless today",
    # At providers, the hub, colleagues, the workload.
    "providers never read the guidance, so frustrating",
    "im so fed up with chasing providers for their returns",
    "the brokerage team is hopeless",
    "my caseload is ridiculous",
    "drowning in reviews this week",
    "snowed under with emails",
    "the new case system is rubbish",
    "another pointless meeting, what a waste of time",
    "my manager has no idea how much work we have",
    "I'm swamped, 30 reviews due this month",
    "the workload is ridiculous",
    "sick and tired of the paperwork",
    # At the council itself, as providers say it.
    "this tender process is a joke",
    "the council is a shambles",
    "the budget cuts are a disgrace",
    # Rhetorical, from staff too.
    "why doesnt anyone ever reply",
    "how is this acceptable",
)
# Venting the concern model is unsure of ("nobody ever answers" may be a call bell): the
# safeguarding middleware's "Is this about someone's safety?" first, and the words kept for a
# "yes" to carry them to the concern, as before; never a vent line.
SAFETY_ASKED = (
    ("why does nobody ever answer", SAM),
    ("the workload is unreal and I can't keep up", PRIYA),
)
# Council staff's words that are no venting: questions, news, a worry about a provider's care.
STAFF_NOT_VENTING = (
    "I have 40 reviews overdue, which ones are most urgent?",
    "how do I reassign a case",
    "which of my reviews are overdue?",
    "the provider sent their returns today",
    "we had a good meeting with the hub",
    "I have 3 reviews this week",
    "this provider's care is poor, I'm sick of it",
    "the agency keeps missing calls, it's a disgrace",
    "the home is short staffed and the manager is useless",
    "I'm annoyed I missed the review deadline",
    "the provider is furious about the uplift",
)
# Rhetorical questions a provider vents with: nothing the bot could answer in them.
RHETORICAL = (
    "how is this acceptable",
    "How is this acceptable?!",
    "how are we supposed to survive on this fee?",
    "is anyone even reading these?",
    "how is that fair",
    "how is any of this fair?",
    "how are we meant to pay our staff on these rates?",
    "how do they expect us to survive on a 2% uplift",
    "why doesnt anyone ever reply",
    "why do we even bother bidding",
    "does the council even care?",
    "does anyone actually read these",
    "what's the point",
    "whats the point of even bidding?",
    "when will the council ever listen?",
    "who thought this was a good idea",
    "are the council having a laugh?",
    "how can they justify a 2% uplift",
    "2% uplift again. how are we supposed to survive on this?",
    "the tender was a shambles, how is that fair?",
)
# Real questions, however crossly asked: the knowledge base's (or another route's), as before.
ASKED_REALLY = (
    "why is the fee uplift so low?",
    "why does the council never reply to emails",
    "how are we supposed to submit our bid on the portal?",
    "how is the uplift calculated?",
    "is this fair?",
    "is this legal?",
    "how is this acceptable and who do I complain to?",
    "how is this acceptable, what can we do about it?",
    "how are we supposed to know what the deadline is?",
    "what's the point of the standstill period?",
    "what is the point of a framework",
    "is anyone there?",
    "CHC rates are lower than LA rates in our area. how is that even allowed",
    "why does nobody answer RC-101's call bell",
    "how is it acceptable that a resident waited 3 hours for help?",
    # Session 43's review: a rule asked after the rhetorical words, each read as venting.
    "how can the council justify paying us 6 weeks late - aren't they supposed to pay within "
    "30 days?",
    "how is this acceptable - is the council allowed to take money off our payments without "
    "telling us?",
    "how is this reasonable - are they allowed to end a placement with no notice?",
    "how can they get away with this, surely they have to give us feedback after a tender?",
    "how is it acceptable to pay invoices 90 days late",
)


def _say(router: Router, text: str, sender: str = SAM) -> list[str]:
    return [reply.text for reply in router.handle(make_incoming(text, sender=sender))]


def _rows(factory: sessionmaker[Session]) -> Counter[str]:
    return Counter({"question": count_rows(factory, Question),
                    "audit": count_rows(factory, AuditEvent), "case": count_rows(factory, Case)})


def test_there_are_enough_lines_each_way() -> None:
    assert len(set(VENTING)) == len(VENTING) >= 60
    assert len(set(NOT_VENTING)) == len(NOT_VENTING) >= 60


# The venting lines go one after another to one router (each keeps nothing, so none changes
# what the next meets: checked after each), as do the questions, news, small talk and commands
# that are no venting; harm and risks each on a database of their own (a raised concern
# changes what follows it). One database a table, not one a line: the suite's time (session 42).
def test_venting_is_heard_and_pointed_to_feedback_and_conflict(
        northshire_router: Router, factory: sessionmaker[Session]) -> None:
    wrong = []
    for text in VENTING:
        said = _say(northshire_router, text)
        # Nothing kept: no knowledge gap, no case, no safeguarding question.
        if said != [HEARD] or _rows(factory) != Counter():
            wrong.append((text, said, _rows(factory)))
    assert wrong == []
    assert knowledge_gaps(factory) == []


def _not_heard(router: Router, text: str) -> bool:
    said = _say(router, text)
    return HEARD not in said and not any("That sounds really frustrating" in reply
                                         for reply in said)


def test_words_that_are_not_venting_are_not_read_so(northshire_router: Router) -> None:
    assert [text for text in QUESTIONS + NEWS + SMALL_TALK + COMMANDS
            if not _not_heard(northshire_router, text)] == []


@pytest.mark.parametrize("text", DISCLOSURES + RISKS)
def test_harm_or_a_risk_beside_anger_is_not_read_as_venting(
        northshire_router: Router, text: str) -> None:
    assert _not_heard(northshire_router, text)


def test_a_question_about_the_uplift_still_goes_to_the_knowledge_base(
        northshire_router: Router, factory: sessionmaker[Session]) -> None:
    said = _say(northshire_router, "why is the fee uplift so low?")
    assert HEARD not in said
    assert count_rows(factory, Question) == 1


@pytest.mark.parametrize("text", DISCLOSURES)
def test_harm_beside_venting_is_raised(
        northshire_router: Router, factory: sessionmaker[Session], text: str) -> None:
    said = _say(northshire_router, text)
    assert said[0].startswith("This sounds like a safeguarding concern. Please act on it now:")
    assert HEARD not in said
    with factory() as session:
        assert [case.kind for case in session.query(Case)] == [CaseKind.SAFEGUARDING]


@pytest.mark.parametrize("text", [
    # Session 20's grievances, "I don't know" with a line naming /conflict until session 42
    # (tests/handlers/ask/test_chat.py): heard now, /conflict still named.
    "the council never replies to our emails about fees",
    "the tender evaluation was rigged",
])
def test_a_grievance_said_as_venting_still_names_conflict(
        northshire_router: Router, factory: sessionmaker[Session], text: str) -> None:
    assert _say(northshire_router, text) == [HEARD]
    assert "/conflict raises a disagreement" in HEARD
    assert count_rows(factory, Question) == 0


@pytest.mark.parametrize(("text", "challenge"), [
    # A tender lost said in anger, or with an exclamation first: a tender lost (its feedback,
    # and the standstill first beside the scores), not only the line about being heard.
    ("we lost the tender, the scoring was a joke", True),
    ("what a disaster, we lost the tender", False),
])
def test_a_tender_lost_said_in_anger_is_a_tender_lost(
        northshire_router: Router, text: str, challenge: bool) -> None:
    [said] = _say(northshire_router, text)
    assert said.startswith("Act fast if you may challenge") is challenge
    assert "I'm sorry: losing a tender is a real blow" in said


def test_venting_asked_about_for_safety_is_kept_for_the_answer(
        northshire_router: Router, factory: sessionmaker[Session]) -> None:
    # The concern model is unsure of these words: "Is this about someone's safety?", and the
    # words are kept (as before) for a "yes" to carry them to the concern.
    said = _say(northshire_router, "the council never answers when we ring about people at home")
    assert said[0].startswith("Is this about someone's safety?")
    assert HEARD not in said
    assert count_rows(factory, Question) == 1


def test_council_staff_venting_is_not_pointed_to_a_providers_commands(
        northshire_router: Router) -> None:
    said = "\n".join(_say(northshire_router, "this tender process is a joke", PRIYA))
    assert "/feedback" not in said
    assert "/conflict" not in said


def test_the_feedback_offered_can_be_sent_anonymously() -> None:
    # What the line says of /feedback is what its form asks last.
    assert "(you can send it anonymously)" in HEARD
    assert FEEDBACK_FORM.fields[-1].label == "Send it anonymously?"


def test_staff_venting_has_enough_lines_each_way() -> None:
    assert len(set(STAFF_VENTING)) == len(STAFF_VENTING) >= 20
    assert len(set(RHETORICAL)) == len(RHETORICAL) >= 20
    assert len(set(ASKED_REALLY)) == len(ASKED_REALLY) >= 12


def test_council_staff_venting_is_heard_as_staff_and_nothing_is_kept(
        northshire_router: Router, factory: sessionmaker[Session]) -> None:
    wrong = []
    for text in STAFF_VENTING:
        said = _say(northshire_router, text, PRIYA)
        if said != [STAFF_HEARD] or _rows(factory) != Counter():
            wrong.append((text, said, _rows(factory)))
    assert wrong == []
    assert knowledge_gaps(factory) == []


def test_council_staff_words_that_are_not_venting_are_not_read_so(
        northshire_router: Router) -> None:
    assert [text for text in STAFF_NOT_VENTING + QUESTIONS + ASKED_REALLY
            if STAFF_HEARD in _say(northshire_router, text, PRIYA)] == []
    # Nor is a provider given the staff line: their words about the day's work go on as
    # before; venting at the council gets the providers' line.
    assert [text for text in STAFF_VENTING[:15]
            if STAFF_HEARD in _say(northshire_router, text)] == []
    assert _say(northshire_router, "the council is a shambles") == [HEARD]


def test_harm_a_commissioner_tells_beside_venting_is_raised(
        northshire_router: Router, factory: sessionmaker[Session]) -> None:
    said = _say(northshire_router, "the hub is useless and a carer hit RC-101 today", PRIYA)
    assert said[0].startswith("This sounds like a safeguarding concern."), said
    assert STAFF_HEARD not in said
    with factory() as session:
        assert [case.kind for case in session.query(Case)] == [CaseKind.SAFEGUARDING]


@pytest.mark.parametrize(("text", "kind"), [(text, "vent_asked") for text in RHETORICAL]
                         + [("why does nobody ever answer", "vent_asked"),
                            ("the workload is unreal and I can't keep up", "work_vent")]
                         + [("we lost the tender, how is that fair?", "lost_tender")]
                         + [(text, None) for text in ASKED_REALLY])
def test_rhetorical_questions_are_venting_and_real_ones_are_not(text: str,
                                                                kind: str | None) -> None:
    assert feeling(text) == kind


def test_a_rhetorical_question_gets_the_vent_line_and_a_real_one_the_knowledge_base(
        northshire_router: Router, factory: sessionmaker[Session]) -> None:
    wrong = [(text, said) for text in RHETORICAL
             if (said := _say(northshire_router, text)) != [HEARD]]
    assert wrong == []
    assert _rows(factory) == Counter()
    assert [text for text in ASKED_REALLY if not _not_heard(northshire_router, text)] == []


def test_venting_the_middleware_asks_about_is_kept_for_the_answer(
        northshire_router: Router, factory: sessionmaker[Session]) -> None:
    for text, sender in SAFETY_ASKED:
        said = _say(northshire_router, text, sender)
        assert said[0].startswith("Is this about someone's safety?"), said
        assert HEARD not in said
        assert STAFF_HEARD not in said
    assert count_rows(factory, Question) == len(SAFETY_ASKED)  # kept for a "yes"


def test_a_rhetorical_question_the_knowledge_base_answers_gets_the_answer(
        northshire_router: Router, factory: sessionmaker[Session]) -> None:
    # Rhetorical in form, but the cost-of-care entry answers it outright: the answer.
    text = "how is it fair that the council pays less than the cost of care?"
    assert feeling(text) == "vent_asked"
    said = _say(northshire_router, text)
    assert HEARD not in said
    assert "I don't know" not in said[0]
    with factory() as session:
        assert [question.answered for question in session.query(Question)] == [True]
    # One the knowledge base does not answer outright: heard, where it was "I don't know"
    # and a knowledge gap (tests/knowledge/questions.jsonl).
    assert _say(northshire_router, "commissioners had already decided everything before the "
                                   "'engagement' session, what's the point") == [HEARD]
    assert count_rows(factory, Question) == 1
