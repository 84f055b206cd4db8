"""The survey domain: opening a survey for its audience, reading and recording answers, and
the chasers' sweep. No words here: refusals carry a code that the templates put into words.

Anonymity: an anonymous survey's answers go to ``survey_anonymous_response`` with a random id
and the day only; the invitee row keeps nothing but "has responded" (for chasing), and nothing
is written to the audit log about who answered. Such a response cannot be changed (nothing
links it to its author any more); a named one can, until the survey closes.
"""

from __future__ import annotations

import json
import logging
import re
import secrets
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, and_, delete, exists, func, or_, select, update
from sqlalchemy.orm import Session, aliased

from bot.errors import ImportRejected
from bot.forms import YES_NO_WORDS
from bot.links import SignedLinks, link_url
from bot.models import (
    Bid,
    Contract,
    Organisation,
    OrganisationKind,
    Person,
    Placement,
    ProviderService,
    Role,
    Survey,
    SurveyAnonymousResponse,
    SurveyInvitee,
    SurveyLinkUse,
    SurveyResponse,
    Tender,
)
from bot.values import frozen
from handlers.anonymous import anonymiser
from handlers.formats import read_csv, service_key, without_names
from handlers.people.directory import Lookups
from handlers.surveys.definitions import (
    AWARD_TEMPLATE,
    NONE_WORDS,
    Catalogue,
    Definition,
    Question,
    line_of_key,
    questions_of,
)
from handlers.surveys.results import answers_of, survey_by_key
from knowledge.base import Problem

log = logging.getLogger(__name__)

FORM_PURPOSE = "survey"
STOP_PURPOSE = "survey-stop"
FORM_PATH = "/survey/form"
STOP_PATH = "/survey/stop"
_ID_LIMIT = 2**62
LETTERS = "abcdefghij"


class SurveyRefused(Exception):
    """What a person asked cannot be done; ``code`` (and ``data``) say why, for a template.

    Codes: unknown, closed, not_open, not_invited, already_anonymous, missing, bad_answer,
    unreadable, not_yours.
    """

    def __init__(self, code: str, **data: Any) -> None:
        """Keep the code and what the words need."""
        super().__init__(code)
        self.code = code
        self.data = data


@frozen
class Links(SignedLinks):
    """Signed links to a survey's web form and to stop its chasers."""

    def _token(self, purpose: str, survey: Survey, person_id: int, now: datetime) -> str:
        last = datetime.combine(survey.closes_on + timedelta(days=2), datetime.min.time(),
                                tzinfo=now.tzinfo)
        return self.signer.sign(purpose, {"s": survey.id, "p": person_id}, now=now,
                                valid_for=max(last - now, timedelta(hours=1)))

    def form(self, survey: Survey, person_id: int, now: datetime) -> str:
        """A one-time link to answer ``survey`` on the web."""
        return link_url(self.public_url, FORM_PATH,
                        self._token(FORM_PURPOSE, survey, person_id, now))

    def stop(self, survey: Survey, person_id: int, now: datetime) -> str:
        """A link that stops this survey's chasers for this person."""
        return link_url(self.public_url, STOP_PATH,
                        self._token(STOP_PURPOSE, survey, person_id, now))


# -- opening ---------------------------------------------------------------------------------
def audience_ids(session: Session, audience: str, *, council_id: int,
                 tender_id: int | None, on: date) -> list[int]:
    """The active people a survey with ``audience`` goes to, opened on ``on``."""
    query = _audience(audience, council_id=council_id, tender_id=tender_id, on=on)
    return list(session.scalars(query.order_by(Person.id)))


def providers_of(council_id: int, *, on: date) -> Select[int]:
    """The ids of the provider organisations that work with a council on ``on``, in one
    query: those with a placement or a contract with it not ended before that day; and, while
    the directory has only this one council, those with no placement nor contract at all yet
    (one council's own deployment). A provider that works only with other councils, or with
    none while there are several, is not this council's (trials: Westshire's "all providers"
    survey went to Hilltop, who has no Westshire work, and counted him), nor is one whose
    work with it has ended (session 29: a contract ended years ago kept a provider in every
    survey). Unlike ``handlers.deadlines.store.councils_of`` for a message, no past council
    stands in for a current one: a survey asks about work now."""
    placed = select(Placement.provider_id).where(Placement.council_id == council_id,
                                                 Placement.current_on(on))
    contracted = select(Contract.provider_id).where(Contract.council_id == council_id,
                                                    Contract.current_on(on))
    council = aliased(Organisation)
    councils = (select(func.count(council.id))
                .where(council.kind == OrganisationKind.COUNCIL).scalar_subquery())
    no_work = and_(
        ~exists().where(Placement.provider_id == Organisation.id),
        ~exists().where(Contract.provider_id == Organisation.id),
        councils == 1)
    return select(Organisation.id).where(
        Organisation.kind == OrganisationKind.PROVIDER,
        or_(Organisation.id.in_(placed), Organisation.id.in_(contracted), no_work))


def _audience(audience: str, *, council_id: int, tender_id: int | None,
              on: date) -> Select[int]:
    """The query of the active people's ids a survey with ``audience`` goes to, on ``on``."""
    query = select(Person.id).where(Person.active.is_(True))
    if audience == "tender":
        query = query.where(Person.id.in_(
            select(Bid.provider_contact_id).where(Bid.tender_id == tender_id)))
    elif audience == "providers":
        query = query.where(Person.role == Role.PROVIDER,
                            Person.organisation_id.in_(providers_of(council_id, on=on)))
    elif audience == "commissioners":
        query = query.where(Person.role == Role.COMMISSIONER,
                            Person.organisation_id == council_id)
    elif audience.startswith("service:"):
        query = query.where(Person.role == Role.PROVIDER,
                            Person.organisation_id.in_(providers_of(council_id, on=on)),
                            Person.organisation_id.in_(
            select(ProviderService.organisation_id)
            # rows stored before types were normalised ("home care") match too
            .where(func.replace(func.replace(func.lower(ProviderService.service_type), " ", "-"),
                                "_", "-") == audience.removeprefix("service:"))))
    else:
        raise ValueError(f"unknown audience {audience!r}")
    return query


def open_survey(session: Session, definition: Definition, *, key: str, council_id: int,
                opens_on: date, closes_on: date, now: datetime,
                tender_id: int | None = None) -> Survey | None:
    """Open a survey for its audience (invitations go with the next sweep); None if a survey
    with ``key`` was opened already."""
    if session.scalar(select(Survey.id).where(Survey.key == key)) is not None:
        return None
    survey = Survey(
        key=key, template=definition.template, council_id=council_id, title=definition.title,
        definition=definition.as_json(), anonymous=definition.anonymous,
        audience=definition.audience, tender_id=tender_id, opens_on=opens_on,
        closes_on=closes_on, max_chasers=definition.max_chasers,
        chase_every_days=definition.chase_every_days, created_at=now)
    session.add(survey)
    session.flush()
    people = audience_ids(session, definition.audience, council_id=council_id,
                          tender_id=tender_id, on=today_of(now))
    session.add_all(SurveyInvitee(survey_id=survey.id, person_id=person_id, responded=False,
                                  sent=0, next_send_at=now, stopped=False)
                    for person_id in people)
    session.flush()
    return survey


def open_for_award(session: Session, tender: Tender, *, decided_on: date, now: datetime,
                   catalogue: Catalogue) -> Survey | None:
    """Open the "procurement experience" survey of ``tender`` for its bidders, once its award
    is decided; None if it is open already, the catalogue has no such survey, or the decision
    is older than the survey's ``open_days`` (history being imported)."""
    definition = catalogue.surveys.get(AWARD_TEMPLATE)
    if definition is None or definition.open_days is None:
        return None
    if decided_on < now.date() - timedelta(days=definition.open_days):
        return None  # an old award imported as history: too late to ask about it
    opens = max(decided_on, now.date())
    # Once per tender, whatever its key: one opened before 0017 may read "...-t-1", or have
    # no council in it (session 28's review: an upgraded tender's survey was opened twice).
    if session.scalar(select(Survey.id).where(Survey.tender_id == tender.id,
                                              Survey.template == AWARD_TEMPLATE)) is not None:
        return None
    # A reference is a council's (session 28): the key always ends with the council's id, so
    # two councils' T-1s (or two of one short name) never share one, and a bidder's key does
    # not depend on (so does not tell) whether another council has a T-1.
    key = f"{AWARD_TEMPLATE}-{tender.reference}-c{tender.council_id}"
    # Live, not dead (session 30): the key may be another survey's in another case, which the
    # exact check in open_survey and the case-sensitive unique key let through; a council's
    # dated survey may have this id ("procurement-experience-t-1-c3"), and a key from before
    # 44b23cb ("procurement-experience-t-1-c3") is tender T-1-C3's, at any council.
    if survey_by_key(session, key) is not None:
        log.warning("award survey of tender %s not opened: its key %s is another survey's",
                    tender.id, key)
        return None
    return open_survey(session, definition, key=key,
                       council_id=tender.council_id, opens_on=opens,
                       closes_on=opens + timedelta(days=definition.open_days - 1), now=now,
                       tender_id=tender.id)


def open_dated(session: Session, catalogue: Catalogue, *, today: date, now: datetime) -> int:
    """Open every dated survey of the catalogue whose time has come; returns how many."""
    due = [(definition, definition.opens, definition.closes, definition.council)
           for definition in catalogue.surveys.values()
           if definition.opens is not None and definition.closes is not None
           and definition.council is not None and definition.opens <= today <= definition.closes]
    if not due:
        return 0
    # One query for the ones opened already (almost all, at every sweep of their window).
    opened_already = set(session.scalars(select(Survey.key).where(
        Survey.key.in_([definition.template for definition, *_ in due]))))
    councils: dict[str, Organisation | None] = {}
    opened = 0
    for definition, opens, closes, council_name in due:
        if definition.template in opened_already or opens is None or closes is None:
            continue
        name = council_name or ""
        if name not in councils:
            councils[name] = council_named(session, name)
        council = councils[name]
        if council is None:
            log.warning("survey %s names council %r, which pledgebot does not know: not opened",
                        definition.template, council_name)
            continue
        if open_survey(session, definition, key=definition.template, council_id=council.id,
                       opens_on=opens, closes_on=closes, now=now):
            opened += 1
    return opened


def council_named(session: Session, name: str) -> Organisation | None:
    """The council a survey file names: by its whole name in any case, or else by its first
    words (``_council_named``); None when pledgebot knows no such council (a provider's name
    is not a council's)."""
    exact = session.scalars(select(Organisation).where(
        Organisation.kind == OrganisationKind.COUNCIL,
        func.lower(Organisation.name) == name.strip().lower()).order_by(Organisation.id)).first()
    return exact or _council_named(session, name)


def unknown_councils(session: Session, catalogue: Catalogue) -> list[Problem]:
    """``survey check``'s look in the database: each dated survey whose council pledgebot
    does not know (session 21's review: such a survey passed the check and never opened;
    the sweep only logs it)."""
    problems = []
    for definition in catalogue.surveys.values():
        if definition.council is None or definition.opens is None:
            continue
        if council_named(session, definition.council) is None:
            problems.append(Problem(
                definition.origin, line_of_key(definition.origin, "council"),
                f"council: {definition.council!r} is not a council pledgebot knows "
                "(pledgebot people import adds it)"))
    return problems


def _council_named(session: Session, name: str) -> Organisation | None:
    """The one council whose name starts with ``name`` and a space ("Northshire" for
    "Northshire County Council", as the README's example writes it; session 21's review: such
    a survey passed ``survey check`` and never opened), or None."""
    words = name.strip().lower()
    found = session.scalars(select(Organisation).where(
        Organisation.kind == OrganisationKind.COUNCIL,
        func.lower(Organisation.name).startswith(f"{words} ", autoescape=True)).limit(2)).all()
    return found[0] if words and len(found) == 1 else None


def invite_newcomers(session: Session, *, today: date, now: datetime) -> int:
    """Invite to each survey open today the people of its audience who joined since it opened
    (session 21's review: providers added after a survey opened were never invited); returns
    how many were invited. It runs with every sweep, so one query a survey open, returning
    only the newcomers (none, almost always)."""
    invited = 0
    for survey in session.scalars(select(Survey).where(
            Survey.opens_on <= today, Survey.closes_on >= today).order_by(Survey.id)):
        newcomers = list(session.scalars(
            _audience(survey.audience, council_id=survey.council_id, tender_id=survey.tender_id,
                      on=today)
            .where(~exists().where(SurveyInvitee.survey_id == survey.id,
                                   SurveyInvitee.person_id == Person.id))
            .order_by(Person.id)))
        session.add_all(SurveyInvitee(survey_id=survey.id, person_id=person_id,
                                      responded=False, sent=0, next_send_at=now, stopped=False)
                        for person_id in newcomers)
        invited += len(newcomers)
    if invited:
        session.flush()
    return invited


# -- reading answers -------------------------------------------------------------------------
def lettered(question: Question) -> list[tuple[str, str]]:
    """A choice question's options with the letters (a, b ...) a reply may use."""
    return list(zip(LETTERS, question.options, strict=False))


# Several choices: "a, c", "a c", "Events and Feedback", "b+c".
_LIST = re.compile(r"\s*(?:,|;|\+|&|/|\band\b)\s*", re.IGNORECASE)


def _one_choice(question: Question, text: str) -> str | None:
    wanted = text.strip().strip(".").casefold()
    if question.none and " ".join(wanted.split()) in NONE_WORDS:
        return question.none
    if question.kind == "yes_no":
        return {"yes": "Yes", "no": "No"}.get(YES_NO_WORDS.get(wanted, wanted))
    if question.kind == "likert":
        return wanted if wanted in ("1", "2", "3", "4", "5") else None
    for letter, option in lettered(question):
        if wanted in (letter, option.casefold()):
            return option
    if wanted.isdigit() and 1 <= int(wanted) <= len(question.options):
        return question.options[int(wanted) - 1]
    return None


def _choices(question: Question, text: str) -> list[str] | None:
    """The options ``text`` names (each option once, in the survey's order), or None; the
    option that says none is chosen alone."""
    whole = _one_choice(question, text)
    if whole is not None:
        return [whole]
    for parts in (_LIST.split(text), text.split()):
        found = [_one_choice(question, part) for part in parts if part.strip()]
        if found and all(option is not None for option in found):
            return _alone(question, [option for option in question.options if option in found])
    return None


def _alone(question: Question, chosen: list[str]) -> list[str] | None:
    """``chosen``, or None when it holds the option that says none beside another."""
    return None if question.none in chosen and len(chosen) > 1 else chosen


def read_answer(question: Question, text: str | Sequence[str]) -> Any:
    """One answer as stored: an int 1-5 (Likert), an option, a list of options (multiple),
    "Yes"/"No", or the words (free text, names cut to initials: ``without_names``). ``text``
    may be a list of chosen options (a web form's ticked boxes). Raises
    ``SurveyRefused("bad_answer")``."""
    if not isinstance(text, str):
        if question.kind != "multiple":
            text = " ".join(text)
        else:
            ticked = [_one_choice(question, item) for item in text if item.strip()]
            chosen = None if not ticked or any(option is None for option in ticked) else \
                _alone(question, [option for option in question.options if option in ticked])
            if chosen is None:
                raise SurveyRefused("bad_answer", question=question,
                                    choices=lettered(question))
            return chosen
    text = text.strip()
    if question.kind == "free_text":
        if len(text) > 2000:
            raise SurveyRefused("bad_answer", question=question, too_long=True)
        # Kept (and perhaps published) with names cut to initials, as a question asked is:
        # no names of people receiving care (trials: "Mrs Joan Smith said she liked us").
        return without_names(text)
    if question.kind == "multiple":
        chosen = _choices(question, text)
        if chosen is None:
            raise SurveyRefused("bad_answer", question=question, choices=lettered(question))
        return chosen
    one = _one_choice(question, text)
    if one is None:
        raise SurveyRefused("bad_answer", question=question, choices=lettered(question))
    return int(one) if question.kind == "likert" else one


def read_answers(questions: Sequence[Question],
                 given: Mapping[str, str | Sequence[str]]) -> dict[str, Any]:
    """Every answer read (``given`` by question key); a required one missing is refused."""
    answers: dict[str, Any] = {}
    for question in questions:
        value = given.get(question.key) or ""
        if isinstance(value, str):
            value = value.strip()
        else:
            value = [item for item in value if item.strip()]
        if not value:
            if question.required:
                raise SurveyRefused("missing", question=question)
            continue
        answers[question.key] = read_answer(question, value)
    return answers


_NUMBERED = re.compile(r"(?:^|[,;\n])\s*(?:q\s*)?(\d{1,2})\s*[:.)=]\s*", re.IGNORECASE)
# "2:Fee update" after a space (no comma): the number right against its ":" or "=", and no
# digit after it ("at 3:30", "rate = 3 = too low" are words of an answer).
_SPACED = re.compile(r"(?<=\s)(?:q\s*)?(\d{1,2})[:=](?!\s*\d)\s*", re.IGNORECASE)


def read_numbered(questions: Sequence[Question], text: str) -> dict[str, str]:
    """``1: 4, 2: b, 3: yes, 4: any words`` as the answers by question key.

    Each answer is its question's number, then ``:`` (or ``.``, ``)``, ``=``), then the answer;
    answers are separated by commas, semicolons or new lines. Refused as ``unreadable`` when no
    numbered answer is found or a number names no question.
    """
    found = list(_NUMBERED.finditer(text))
    if not found:
        raise SurveyRefused("unreadable")
    # "1:5 2:Fee update 3:yes", without commas (session 21's review): a number after a space,
    # with ":" or "=", is the next answer when it names a later question than the one before.
    spaced: list[re.Match[str]] = []
    for match in _SPACED.finditer(text):
        number = int(match.group(1))
        before = [m for m in found + spaced if m.start() < match.start()]
        last = max((int(m.group(1)) for m in before), default=0)
        if last < number <= len(questions) and not any(
                m.start() <= match.start() < m.end() for m in found):
            spaced.append(match)
    found = sorted(found + spaced, key=lambda m: m.start())
    given: dict[str, str] = {}
    for index, match in enumerate(found):
        number = int(match.group(1))
        if not 1 <= number <= len(questions):
            raise SurveyRefused("unreadable", number=number, total=len(questions))
        end = found[index + 1].start() if index + 1 < len(found) else len(text)
        given[questions[number - 1].key] = " ".join(text[match.end():end].split())
    return given


# -- recording -------------------------------------------------------------------------------
def today_of(now: datetime) -> date:
    """The survey day of ``now`` (UTC)."""
    return now.date()


def find(session: Session, key: str) -> Survey:
    """The survey with ``key`` (any case); refused as ``unknown``."""
    survey = survey_by_key(session, key)
    if survey is None:
        raise SurveyRefused("unknown", key=key.strip()[:120])
    return survey


def invitation(session: Session, survey: Survey, person_id: int, *, today: date,
               lock: bool = False) -> SurveyInvitee:
    """The person's invitation to an open survey; refused when closed or not asked."""
    if today > survey.closes_on:
        raise SurveyRefused("closed", survey=survey)
    if today < survey.opens_on:
        raise SurveyRefused("not_open", survey=survey)
    query = select(SurveyInvitee).where(SurveyInvitee.survey_id == survey.id,
                                        SurveyInvitee.person_id == person_id)
    if lock:
        # Read again under the lock: a row this session loaded unlocked (``may_answer`` on the
        # web form) would otherwise keep its old values, and two submissions at once could both
        # see "not responded".
        query = query.with_for_update().execution_options(populate_existing=True)
    invitee = session.scalar(query)
    if invitee is None:
        raise SurveyRefused("not_invited", survey=survey)
    return invitee


def may_answer(session: Session, survey: Survey, person_id: int, *,
               today: date) -> SurveyInvitee:
    """``invitation``, refused too when an anonymous survey was answered already (before the
    person fills it in again for nothing)."""
    invitee = invitation(session, survey, person_id, today=today)
    if survey.anonymous and invitee.responded:
        raise SurveyRefused("already_anonymous", survey=survey)
    return invitee


@frozen
class Recorded:
    """What ``record`` did: "recorded" or "changed" (a named survey's earlier answers
    replaced), and the answers as kept (free text made anonymous)."""

    outcome: str
    answers: dict[str, Any]


def record(session: Session, survey: Survey, person_id: int, answers: dict[str, Any], *,
           now: datetime, nonce: str | None = None) -> Recorded:
    """Keep one person's answers, free text made anonymous (``anonymised_answers``). A used
    link's ``nonce`` is kept in the same transaction (named surveys only)."""
    invitee = invitation(session, survey, person_id, today=today_of(now), lock=True)
    answers = anonymised_answers(session, survey, answers)
    outcome = "recorded"
    if survey.anonymous:
        if invitee.responded:
            raise SurveyRefused("already_anonymous", survey=survey)
        session.add(SurveyAnonymousResponse(id=_random_id(session, SurveyAnonymousResponse),
                                            survey_id=survey.id, answers=answers))
        # Rewrite every invitation of the survey in this transaction, not only this person's:
        # on PostgreSQL a row's xmin names the transaction that last wrote it, and the answer
        # row's would otherwise match the one invitation that changed with it.
        session.execute(update(SurveyInvitee).where(SurveyInvitee.survey_id == survey.id)
                        .values(sent=SurveyInvitee.sent)
                        .execution_options(synchronize_session=False))
    else:
        named = session.scalar(select(SurveyResponse).where(
            SurveyResponse.survey_id == survey.id, SurveyResponse.person_id == person_id))
        if named is None:
            session.add(SurveyResponse(survey_id=survey.id, person_id=person_id,
                                       answers=answers, submitted_at=now, updated_at=now))
        else:
            named.answers, named.updated_at = answers, now
            outcome = "changed"
    invitee.responded = True
    invitee.next_send_at = None
    # An anonymous survey keeps no used link: ``responded`` already refuses a second answer,
    # and a link-use row written in the answer's transaction would share its xmin on
    # PostgreSQL, and the link's nonce names the person it was sent to.
    if nonce is not None and not survey.anonymous:
        use_link(session, nonce, today=today_of(now))
    session.flush()
    return Recorded(outcome, answers)


def use_link(session: Session, nonce: str, *, today: date) -> None:
    """Record a one-time link's nonce as used."""
    session.add(SurveyLinkUse(id=_random_id(session, SurveyLinkUse), nonce=nonce[:64],
                              used_on=today))


def link_used(session: Session, nonce: str) -> bool:
    """Whether a one-time link was used already."""
    return session.scalar(select(SurveyLinkUse.id).where(SurveyLinkUse.nonce == nonce[:64])) \
        is not None


def stop_chasers(session: Session, survey_id: int, person_id: int) -> bool:
    """No more chasers of this survey to this person; False if they were stopped already."""
    result = session.execute(
        update(SurveyInvitee)
        .where(SurveyInvitee.survey_id == survey_id, SurveyInvitee.person_id == person_id,
               SurveyInvitee.stopped.is_(False))
        .values(stopped=True, next_send_at=None)
        .execution_options(synchronize_session=False))
    return bool(getattr(result, "rowcount", 0))


def _random_id(session: Session, model: Any) -> int:
    while True:
        candidate = secrets.randbelow(_ID_LIMIT) + 1
        if session.get(model, candidate) is None:
            return candidate


# -- who is asked what -----------------------------------------------------------------------
def open_for(session: Session, person_id: int, *, today: date) -> list[tuple[Survey, bool]]:
    """The open surveys a person is asked, soonest closing first, with whether they answered."""
    rows = session.execute(
        select(Survey, SurveyInvitee.responded)
        .join(SurveyInvitee, SurveyInvitee.survey_id == Survey.id)
        .where(SurveyInvitee.person_id == person_id, Survey.opens_on <= today,
               Survey.closes_on >= today)
        .order_by(Survey.closes_on, Survey.id)).all()
    return [(survey, bool(responded)) for survey, responded in rows]


def council_surveys(session: Session, council_id: int) -> list[Survey]:
    """A council's surveys, newest first."""
    return list(session.scalars(select(Survey).where(Survey.council_id == council_id)
                                .order_by(Survey.opens_on.desc(), Survey.id.desc())))


def anonymised_answers(session: Session, survey: Survey,
                       answers: dict[str, Any]) -> dict[str, Any]:
    """``answers`` with each free-text one made anonymous (``handlers.anonymous``): no
    placement reference, provider's name, titled initials or identifier in a comment the
    council reads or publishes (session 37's trial: "Mrs J. S.'s family at RC-014" in an
    anonymous survey named the provider who wrote it)."""
    free = [q.key for q in questions_of(survey.definition)
            if q.kind == "free_text" and isinstance(answers.get(q.key), str)]
    if not free:
        return answers
    anonymous = anonymiser(session, [answers[key] for key in free])
    return {**answers, **{key: anonymous(answers[key]) for key in free}}


def comments(session: Session, survey: Survey) -> list[tuple[Question, str]]:
    """The free-text answers, by question then alphabetically (never in answering order), each
    once, made anonymous (those kept before it was done on the way in too): what ``/survey
    comments`` numbers and ``/survey approve`` picks from."""
    questions = [q for q in questions_of(survey.definition) if q.kind == "free_text"]
    texts = answers_of(session, survey)
    anonymous = anonymiser(session, [str(a.get(q.key) or "") for a in texts for q in questions])
    found: list[tuple[Question, str]] = []
    for question in questions:
        said = sorted({anonymous(str(a[question.key]).strip()) for a in texts
                       if str(a.get(question.key) or "").strip()}, key=str.casefold)
        found.extend((question, text) for text in said)
    return found


def due_invitees(today: date, now: datetime, lease: timedelta) -> Any:
    """The invitees whose next message is due: open survey, not answered, not stopped, and
    not claimed by a live sweeper."""
    open_surveys = select(Survey.id).where(Survey.opens_on <= today, Survey.closes_on >= today)
    return and_(
        SurveyInvitee.responded.is_(False), SurveyInvitee.stopped.is_(False),
        SurveyInvitee.next_send_at.is_not(None), SurveyInvitee.next_send_at <= now,
        SurveyInvitee.survey_id.in_(open_surveys),
        or_(SurveyInvitee.claim_token.is_(None), SurveyInvitee.claimed_at < now - lease))


def as_json_text(value: Any) -> str:
    """An answer as the form engine carries it between steps (a list as JSON)."""
    return json.dumps(value) if isinstance(value, list) else str(value)


SERVICE_COLUMNS = ("organisation", "service_type")


@frozen
class ServiceTypesImported:
    """What a service-types import stored: rows read, (provider, type) pairs kept, providers.
    Rows naming one provider's type twice (in another case or spelling) are kept once."""

    rows: int
    stored: int
    providers: int


def import_service_types(session: Session, data: bytes, *,
                         source: str) -> ServiceTypesImported:
    """Replace the service types of every provider a CSV (``organisation, service_type``)
    names, all or nothing; says what was stored. Raises ``ImportRejected``."""
    rows, problems = read_csv(data, source=source, columns=SERVICE_COLUMNS,
                              required=SERVICE_COLUMNS, noun="service types")
    found: dict[int, set[str]] = {}
    messages = [f"{source}:{line}: {problem}" for line, problem in problems]
    lookups = Lookups(session)  # any case, each name looked up once, as the people import
    for row in rows:
        name, kind = row.values.get("organisation", ""), row.values.get("service_type", "")
        organisation = lookups.organisation(name)
        if organisation is None or organisation.kind != OrganisationKind.PROVIDER:
            messages.append(f"{source}:{row.line}: {name!r} is not a provider organisation")
        elif not kind or len(kind) > 64:
            messages.append(f"{source}:{row.line}: service_type must be 1 to 64 characters")
        else:
            found.setdefault(organisation.id, set()).add(service_key(kind))
    if messages:
        raise ImportRejected(messages)
    session.execute(delete(ProviderService).where(ProviderService.organisation_id.in_(found)))
    session.add_all(ProviderService(organisation_id=organisation_id, service_type=kind)
                    for organisation_id, kinds in sorted(found.items()) for kind in sorted(kinds))
    return ServiceTypesImported(rows=len(rows), stored=sum(map(len, found.values())),
                                providers=len(found))
