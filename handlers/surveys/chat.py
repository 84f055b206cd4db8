"""/survey in chat: the surveys open for you, answering one (a form, or numbered answers),
and, for commissioners, comments to approve, "You said, we did" entries and results."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from bot import forms
from bot.errors import BadInput
from bot.messages import Button, Form, FormField, Incoming, Reply
from bot.models import Role, Survey, SurveyAction, SurveyApprovedComment
from bot.registry import WORDS_WITHHELD
from handlers.anonymous import anonymiser, taken_out
from handlers.deps import Ctx
from handlers.formats import command_words
from handlers.surveys.definitions import Catalogue, Definition, Question, questions_of
from handlers.surveys.results import results_of
from handlers.surveys.service import (
    SurveyRefused,
    as_json_text,
    comments,
    council_surveys,
    find,
    lettered,
    may_answer,
    open_for,
    read_answer,
    read_answers,
    read_numbered,
    record,
    today_of,
)
from handlers.surveys.sweep import START

SURVEY_FIELD = "survey"
STAFF = (Role.COMMISSIONER, Role.ADMIN)


FORM_PREFIX = "survey."


def form_id(template: str) -> str:
    """The chat form of a survey template."""
    return f"{FORM_PREFIX}{template}"


def field_name(question: Question) -> str:
    """A question's field in the chat form."""
    return f"q.{question.key}"


def build_form(definition: Definition) -> Form:
    """A template's questions as a form: first which survey (given when it starts), then one
    field a question (choices as buttons; several choices typed as letters)."""
    # Given when the form starts from an invitation; a modal (which shows every field) may
    # leave it empty, and the person's open survey of this template is meant.
    fields = [FormField(name=SURVEY_FIELD, label="Which survey (its id)?", max_length=120,
                        required=False, hint="Leave it empty for the one you were asked.")]
    for question in definition.questions:
        hint = ""
        choices: tuple[str, ...] = ()
        if question.kind == "multiple":
            hint = "One or more, by letter (a, c): " + "; ".join(
                f"{letter}) {option}" for letter, option in lettered(question))
        elif question.kind == "likert":
            choices, hint = question.choices, "1 = very poor ... 5 = very good"
        elif question.kind != "free_text":
            choices = question.choices
        # A free-text answer is the person's own account: "fine" alone is asked about once
        # (``bot.forms``; a survey has no summary, so nothing else reads ``story`` here).
        fields.append(FormField(name=field_name(question), label=question.text,
                                choices=choices, required=question.required, hint=hint,
                                story=question.kind == "free_text"))
    return Form(form_id=form_id(definition.template), title=definition.title,
                fields=tuple(fields))


def refused(ctx: Ctx, error: SurveyRefused) -> str:
    """The words of a refusal."""
    return ctx.render("survey_refused.txt", code=error.code, **error.data)


def check_survey(text: str, ctx: Ctx) -> str:
    """The form's survey field: an open survey the person is asked."""
    try:
        survey = find(ctx.session, text)
        may_answer(ctx.session, survey, ctx.person.id, today=today_of(ctx.now))
    except SurveyRefused as error:
        raise BadInput(refused(ctx, error)) from None
    return survey.key


# A complaint typed where the survey wants a choice (session 35's trial: "we never got any
# feedback on why we lost, 10 days now. Our care manager ... spent weeks on it" at "What helped
# you?" was refused and dropped, with no word of where it could go): words of something not
# given, not done or unfair, in a sentence. Only read once the answer is refused, so a wrong
# guess costs no more than a different line before the question asked again.
_COMPLAINT = re.compile(
    r"\b(?:never|not|didn'?t|didnt|haven'?t|havent|hasn'?t|hasnt|wasn'?t|wasnt|no)\b"
    r"(?:\W+\w+){0,3}?\W+(?:got|get|given|had|received|heard|told|replied|answered|feedback"
    r"|reply|response|answer|explanation|reasons?|debrief|scores?|paid)\b"
    r"|\b(?:complain\w*|unfair\w*|unacceptable|disappoint\w*|ignored|still waiting|waiting for"
    r"|chas(?:ed|ing)|wasted?|waste of|why we lost|not good enough|no one|nobody|useless"
    r"|ridiculous|appalling|shambles|a joke|fed up|frustrat\w*)\b")
MIN_COMPLAINT_WORDS = 5


def complaint(text: str) -> bool:
    """Whether words refused as a survey's choice read as a complaint (pure)."""
    folded = " ".join(text.casefold().replace("\u2019", "'").split())
    return len(folded.split()) >= MIN_COMPLAINT_WORDS and _COMPLAINT.search(folded) is not None


def _comment_at(definition: Definition, question: Question) -> tuple[int, Question] | None:
    """The survey's first free-text question after ``question``, with its number."""
    numbered = list(enumerate(definition.questions, 1))
    after = next(number for number, asked in numbered if asked is question)
    return next(((number, free) for number, free in numbered[after:]
                 if free.kind == "free_text"), None)


def _complaint_note(ctx: Ctx, comment_at: tuple[int, Question] | None) -> str:
    """Where a complaint typed at a choice can go: /conflict, and the survey's later
    free-text question (``comment_at``: its number and question) if it has one."""
    return ctx.render("survey_complaint.txt", comment_at=comment_at,
                      provider=ctx.person.role == Role.PROVIDER)


def answer_validator(question: Question,
                     comment_at: tuple[int, Question] | None = None) -> Any:
    """A form field's check: the answer read as the survey stores it. A complaint refused
    here is pointed to /conflict (``_complaint_note``); nothing of it is kept."""
    def check(text: str, ctx: Ctx) -> str:
        try:
            value = read_answer(question, text)
        except SurveyRefused as error:
            if complaint(text):
                raise BadInput(_complaint_note(ctx, comment_at), meant_here=True) from None
            raise BadInput(refused(ctx, error)) from None
        return as_json_text(value)
    return check


def validators(definition: Definition) -> dict[str, Any]:
    """Every field's check of a template's form."""
    checks: dict[str, Any] = {SURVEY_FIELD: check_survey}
    for question in definition.questions:
        if question.kind == "multiple":
            checks[field_name(question)] = answer_validator(
                question, _comment_at(definition, question))
    return checks


def refusal_note(definition: Definition) -> Any:
    """The form's word on words a choice question (one, a rating, yes or no) refused: for a
    complaint, where it can go (``_complaint_note``), before the question is asked again;
    else None, and the form's own refusal."""
    choosing = {field_name(question): question for question in definition.questions
                if question.kind != "free_text"}

    def note(field: FormField, text: str, ctx: Ctx) -> str | None:
        question = choosing.get(field.name)
        if question is None or not complaint(text):
            return None
        return _complaint_note(ctx, _comment_at(definition, question))
    return note


def _store(ctx: Ctx, survey: Survey, given: Mapping[str, str | list[str]]) -> list[Reply]:
    try:
        answers = read_answers(questions_of(survey.definition), given)
        recorded = record(ctx.session, survey, ctx.person.id, answers, now=ctx.now)
        outcome, kept = recorded.outcome, recorded.answers
    except SurveyRefused as error:
        raise BadInput(refused(ctx, error)) from None
    if not survey.anonymous:
        ctx.audit("survey.answered", subject=f"survey:{survey.key}", outcome=outcome)
    # Told once, as the comment is given, what was taken out of it (as the other forms do).
    removed = list(dict.fromkeys(
        said for key, text in kept.items() if isinstance(text, str) and text != answers[key]
        for said in taken_out(text) if said not in taken_out(str(given.get(key) or ""))))
    return [Reply(text=ctx.render("survey_told.txt", told=outcome, survey=survey,
                                  removed=removed))]


def submit_form(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """A survey's chat form, filled in: keep the answers."""
    values = dict(incoming.form_values)
    try:
        if values.get(SURVEY_FIELD):
            survey = find(ctx.session, values[SURVEY_FIELD])
        else:
            survey = _asked(ctx, (incoming.form_id or "").removeprefix("survey."))
    except SurveyRefused as error:
        raise BadInput(refused(ctx, error), field=SURVEY_FIELD) from None
    given: dict[str, str | list[str]] = {}
    for question in questions_of(survey.definition):
        raw = values.get(field_name(question), "")
        # The form engine carries several choices as the validator's JSON list.
        given[question.key] = json.loads(raw) if raw.startswith("[") and \
            question.kind == "multiple" else raw
    return _store(ctx, survey, given)


def _asked(ctx: Ctx, template: str) -> Survey:
    """The person's open survey of ``template`` still to answer (the soonest closing)."""
    for survey, answered in open_for(ctx.session, ctx.person.id, today=today_of(ctx.now)):
        if survey.template == template and not (answered and survey.anonymous):
            return survey
    raise SurveyRefused("none_open")


def start_button(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """The Answer button of an invitation: open the survey's form."""
    return _start(ctx, incoming.action_value or "")


def _start(ctx: Ctx, key: str) -> list[Reply]:
    try:
        survey = find(ctx.session, key)
        may_answer(ctx.session, survey, ctx.person.id, today=today_of(ctx.now))
    except SurveyRefused as error:
        return [Reply(text=refused(ctx, error))]
    if form_id(survey.template) not in ctx.registry.forms:
        return [Reply(text=ctx.render("survey_told.txt", told="numbers_only", survey=survey,
                                      questions=[(q, lettered(q))
                                                 for q in questions_of(survey.definition)]))]
    return forms.start(ctx, form_id(survey.template), initial={SURVEY_FIELD: survey.key})


def survey_command(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """/survey; /survey ID; /survey answer ID 1: 4, 2: b ...; and for commissioners
    /survey comments ID, /survey approve ID N, /survey unapprove ID N, /survey respond ID TEXT,
    /survey results ID."""
    words = ctx.args.split(maxsplit=2)
    if not command_words(ctx.args):  # "/survey please" (session 34's brief)
        return _list(ctx)
    verb = words[0].lower()
    staff = ctx.person.role in STAFF
    try:
        if verb == "answer" and len(words) == 3:
            if ctx.marks.get(WORDS_WITHHELD):  # a concern: the hub's alone, not an answer
                return [Reply(text=ctx.render("form_problem.txt", problem="withheld_answer"))]
            survey = find(ctx.session, words[1])
            given = read_numbered(questions_of(survey.definition), words[2])
            return _store(ctx, survey, given)
        if verb in ("comments", "approve", "unapprove", "respond", "results") and not staff:
            return [Reply(text=ctx.render("survey_told.txt", told="staff_only"))]
        if verb == "comments" and len(words) == 2:
            survey = _council_survey(ctx, words[1])
            return [Reply(text=ctx.render("survey_comments.txt", survey=survey,
                                          comments=_numbered_comments(ctx, survey)))]
        if verb == "approve" and len(words) == 3:
            return _approve(ctx, _council_survey(ctx, words[1]), words[2])
        if verb == "unapprove" and len(words) == 3:
            return _unapprove(ctx, _council_survey(ctx, words[1]), words[2])
        if verb == "respond" and len(words) == 3:
            return _respond(ctx, _council_survey(ctx, words[1]), words[2])
        if verb == "results" and len(words) == 2:
            survey = _council_survey(ctx, words[1])
            results = results_of(ctx.session, survey, min_group=ctx.settings.survey_min_group)
            return [Reply(text=ctx.render("survey_results.txt", results=results,
                                          min_group=ctx.settings.survey_min_group))]
        if len(words) == 1 and verb not in ("answer", "comments", "approve", "unapprove",
                                            "respond", "results"):
            return _start(ctx, words[0])
    except SurveyRefused as error:
        return [Reply(text=refused(ctx, error))]
    return [Reply(text=ctx.render("survey_told.txt", told="usage", staff=staff))]


def _list(ctx: Ctx) -> list[Reply]:
    mine = open_for(ctx.session, ctx.person.id, today=today_of(ctx.now))
    council = (council_surveys(ctx.session, ctx.person.organisation_id)
               if ctx.person.role in STAFF else [])
    buttons = tuple(Button(label=f"Answer {survey.key}", action=START, value=survey.key)
                    for survey, answered in mine if not (answered and survey.anonymous))
    return [Reply(text=ctx.render("survey_list.txt", mine=mine, council=council,
                                  today=today_of(ctx.now)), buttons=buttons)]


def _council_survey(ctx: Ctx, key: str) -> Survey:
    survey = find(ctx.session, key)
    if survey.council_id != ctx.person.organisation_id:  # an admin's too (session 25)
        raise SurveyRefused("not_yours", survey=survey)
    return survey


def _approved(ctx: Ctx, survey: Survey) -> dict[str, list[SurveyApprovedComment]]:
    """The survey's approved comments by the hash of their words made anonymous (approved
    before that was done on the way in, as they are listed now)."""
    rows = list(ctx.session.scalars(select(SurveyApprovedComment).where(
        SurveyApprovedComment.survey_id == survey.id).order_by(SurveyApprovedComment.id)))
    anonymous = anonymiser(ctx.session, [row.text for row in rows])
    found: dict[str, list[SurveyApprovedComment]] = {}
    for row in rows:
        found.setdefault(_hash(row.question, anonymous(row.text)), []).append(row)
    return found


def _numbered_comments(ctx: Ctx, survey: Survey) -> list[tuple[int, Question, str, bool]]:
    approved = _approved(ctx, survey)
    return [(number, question, text, _hash(question.key, text) in approved)
            for number, (question, text) in enumerate(comments(ctx.session, survey), 1)]


def _hash(question: str, text: str) -> str:
    return hashlib.sha256(f"{question}\0{text}".encode()).hexdigest()


def _approve(ctx: Ctx, survey: Survey, number: str) -> list[Reply]:
    listed = _numbered_comments(ctx, survey)
    if not number.strip().isdigit() or not 1 <= int(number) <= len(listed):
        return [Reply(text=ctx.render("survey_told.txt", told="no_comment", survey=survey,
                                      count=len(listed)))]
    _, question, text, already = listed[int(number) - 1]
    if not already:
        ctx.session.add(SurveyApprovedComment(
            survey_id=survey.id, question=question.key, text_hash=_hash(question.key, text),
            text=text, approved_by_id=ctx.person.id, approved_at=ctx.now))
        ctx.audit("survey.comment_approved", subject=f"survey:{survey.key}",
                  question=question.key)
    return [Reply(text=ctx.render("survey_told.txt", told="approved", survey=survey,
                                  text=text, already=already))]


def _unapprove(ctx: Ctx, survey: Survey, number: str) -> list[Reply]:
    """Take comment N back from publication (session 21's review: a comment approved by
    mistake, naming a member of staff, could not be withdrawn)."""
    listed = _numbered_comments(ctx, survey)
    if not number.strip().isdigit() or not 1 <= int(number) <= len(listed):
        return [Reply(text=ctx.render("survey_told.txt", told="no_comment", survey=survey,
                                      count=len(listed)))]
    _, question, text, approved = listed[int(number) - 1]
    if approved:
        for row in _approved(ctx, survey).get(_hash(question.key, text), []):
            ctx.session.delete(row)
        ctx.audit("survey.comment_unapproved", subject=f"survey:{survey.key}",
                  question=question.key)
    return [Reply(text=ctx.render("survey_told.txt", told="unapproved", survey=survey,
                                  text=text, was_approved=approved))]


def _respond(ctx: Ctx, survey: Survey, text: str) -> list[Reply]:
    text = text.strip()
    if len(text) > 2000:
        return [Reply(text=ctx.render("survey_told.txt", told="too_long", survey=survey))]
    ctx.session.add(SurveyAction(survey_id=survey.id, text=text, author_id=ctx.person.id,
                                 created_at=ctx.now))
    ctx.audit("survey.responded", subject=f"survey:{survey.key}")
    return [Reply(text=ctx.render("survey_told.txt", told="respond", survey=survey))]


def register_forms(router: Any, catalogue: Catalogue) -> None:
    """One chat form per survey template."""
    for definition in catalogue.surveys.values():
        router.form(form_id(definition.template), submit_form, form=build_form(definition),
                    validators=validators(definition), refused=refusal_note(definition),
                    leading_choice=True)
