"""Cases: feedback, conflicts, questions and safeguarding concerns, owned by a named person.

    chat.py     /feedback and /conflict (forms), /cases, /case REF and its actions, the buttons
    service.py  the domain: states, references, visibility, SLA clocks, the ladder's steps
    routing.py  who owns which council's cases (routing rules, their CSV import)
    sweep.py    the SLA sweep: cases not acknowledged or resolved in time climb the ladder
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot import forms
from bot.dispatch import Router
from bot.models import Role
from handlers.cases import chat, service, sweep
from handlers.deps import Deps

SWEEP_JOB_ID = "cases.sweep"


def register(router: Router[Deps], deps: Deps) -> None:
    """Register the case commands, buttons, forms and the SLA sweep."""
    work = (Role.PROVIDER, Role.COMMISSIONER, Role.ADMIN)
    router.command("feedback", chat.feedback_command, summary="give feedback on working together",
                   usage="[TEXT]", roles=(Role.PROVIDER,))
    router.command("conflict", chat.conflict_command,
                   summary="raise a disagreement (payment, funding, a review...)",
                   usage="[TEXT]", roles=(Role.PROVIDER,))
    router.command("cases", chat.list_cases, summary="your cases, with status and age",
                   usage="[closed|all]", roles=work)
    # "accept" typed when a proposal waits for the provider (session 26's trial).
    router.text(chat.answer_a_proposal, match=chat.proposal_answer,
                name=chat.PROPOSAL_ANSWER_ROUTE, interrupts_forms=False)
    # "ok thanks" when a proposal was the last thing shown: do you accept it? (session 32).
    router.text(chat.ask_about_the_proposal, match=chat.acknowledges,
                name=chat.PROPOSAL_SHOWN_ROUTE, interrupts_forms=False)
    # A bare yes or no right after the council's comment: its answer (session 35's review).
    router.text(chat.take_a_yes_or_no, match=forms.yes_or_no, name=chat.COMMENT_YES_NO_ROUTE,
                interrupts_forms=False, reads_labels=False)
    # "ack" with no Acknowledge on offer: which case waits for it (session 33's second trial).
    router.text(chat.name_the_cases_to_acknowledge, match=chat.acknowledge_typed,
                name=chat.ACK_WAITING_ROUTE, interrupts_forms=False)
    # "no keep it with me" straight after passing a case on (session 43's trial).
    router.text(chat.take_back, match=chat.takes_back, name=chat.TAKE_BACK_ROUTE,
                interrupts_forms=False)
    # ... asked first: "Undo passing REF to NAME?" (session 44's brief).
    router.button(chat.TAKE_BACK_BUTTON, chat.take_back_button,
                  roles=(Role.COMMISSIONER, Role.ADMIN))
    # ... and a yes typed again once it is done: "That's done already" (session 45's brief).
    router.text(chat.take_back_answered_again, match=forms.yes_or_no,
                name=chat.TAKE_BACK_AGAIN_ROUTE, interrupts_forms=False, reads_labels=False)
    staff_usage = ("REF [comment TEXT | note TEXT | acknowledge | ask | propose | resolve | "
                   "reassign]")
    provider_usage = "REF [comment TEXT | accept | reject | withdraw | reopen]"
    router.command("case", chat.case_command, summary="one case, or act on it",
                   usage={Role.PROVIDER: provider_usage,
                          Role.COMMISSIONER: staff_usage, Role.ADMIN: staff_usage}, roles=work)
    router.form(chat.FEEDBACK_FORM.form_id, chat.submit_feedback, form=chat.FEEDBACK_FORM,
                validators={"pledge": chat.check_pledges, "text": chat.check_description},
                roles=(Role.PROVIDER,))
    router.form(chat.IDENTIFIES_FORM.form_id, chat.submit_identifying,
                form=chat.IDENTIFIES_FORM, roles=(Role.PROVIDER,))
    router.form(chat.CONFLICT_FORM.form_id, chat.submit_conflict, form=chat.CONFLICT_FORM,
                validators={"reference": chat.check_related, "description": chat.check_description,
                            "outcome": chat.check_description}, roles=(Role.PROVIDER,),
                check=chat.check_conflict)
    router.form(chat.WHY_REJECTED_FORM.form_id, chat.submit_why_rejected,
                form=chat.WHY_REJECTED_FORM, validators={"text": chat.check_what_would_work},
                roles=(Role.PROVIDER,))
    router.form(chat.ANSWER_FORM.form_id, chat.submit_action, form=chat.ANSWER_FORM,
                roles=(Role.PROVIDER,))
    for confirm_form in chat.CONFIRM_ANSWER_FORMS.values():
        router.form(confirm_form.form_id, chat.submit_confirmed_answer, form=confirm_form,
                    roles=(Role.PROVIDER,))
    for confirm_form in chat.CONFIRM_CLOSING_FORMS.values():
        router.form(confirm_form.form_id, chat.submit_confirmed_closing, form=confirm_form,
                    roles=work)
    router.form(chat.IS_REPLY_FORM.form_id, chat.submit_is_reply, form=chat.IS_REPLY_FORM,
                roles=(Role.PROVIDER,))
    for action in service.BUTTONS:
        router.button(action, chat.case_button, roles=work)
    # Typed when not on offer (an old notification's, "accept" with no proposal waiting).
    router.labels(*chat.BUTTON_LABELS, hint="cases")
    router.abbreviations("Acknowledge", *chat.ACKNOWLEDGE_WORDS)
    # Anonymous feedback's "your words name ..." buttons (the session's review: typed later,
    # they were noted as questions).
    router.labels(*chat.IDENTIFIES_CHOICES, hint="feedback")
    for action in chat.ACTION_FORMS:
        router.form(service.button_action(action), chat.submit_action,
                    form=chat.action_form(action), roles=work,
                    validators=chat.ACTION_VALIDATORS.get(action))
    settings, factory, templates = router.settings, router.factory, router.templates
    lease = timedelta(seconds=settings.case_lease_seconds)

    def escalate(now: datetime) -> int:
        return sweep.sweep_cases(factory, now=now, settings=settings, policy=deps.sla,
                                 calendar=deps.calendar, templates=templates,
                                 lease=lease).escalated

    router.job(SWEEP_JOB_ID, escalate, every_seconds=settings.sweep_interval_seconds,
               queues_messages=True)


def register_replies(router: Router[Deps], deps: Deps) -> None:
    """Register words typed right after the council's comment, added as the reply (session
    35's trial), and words typed while the council's question waits, offered as the reply:
    after every other matched free-text route (small talk, a review told done), so only words
    nothing else reads are taken (session 32's trial: they went to the knowledge base)."""
    router.text(chat.add_the_reply, match=chat.reads_as_reply, name=chat.COMMENT_REPLY_ROUTE,
                interrupts_forms=False, reads_labels=False)
    router.text(chat.offer_as_reply, match=chat.reads_as_reply, name=chat.REPLY_ROUTE,
                interrupts_forms=False, reads_labels=False)
