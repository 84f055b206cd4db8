"""Deadlines: the pledge's clocks (reviews, payments, tender dates, bid feedback, uplifts).

    chat.py     /reminders [council], /placement, /review, /condition-change, /invoice,
                /tender [follow|unfollow REF], /done,
                /not-applicable and the reminder buttons
    store.py    deadlines and their reminder rows: open, complete, snooze, plan
    imports.py  CSV imports of contracts, placements, invoices and tenders
    sweep.py    the reminder sweep: claim due reminders, put them in the outbox, chase
    ics.py      a person's deadlines as an iCalendar file
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.dispatch import Router
from bot.models import Role
from handlers.deadlines import chat, sweep
from handlers.deps import Deps
from handlers.formats import told_in

SWEEP_JOB_ID = "reminders.sweep"
CLOSE_ENDED_JOB_ID = "reminders.close-ended"


def register(router: Router[Deps], deps: Deps) -> None:
    """Register the deadline commands, the reminder buttons and the reminder sweep."""
    work = (Role.PROVIDER, Role.COMMISSIONER, Role.ADMIN)
    router.command("reminders", chat.show_reminders,
                   summary="your open deadlines (council staff: /reminders council for all "
                   "of the council's)",
                   summaries={Role.PROVIDER: "your open deadlines",
                              **dict.fromkeys((Role.COMMISSIONER, Role.ADMIN),
                                              "your open deadlines; /reminders council for all "
                                              "of the council's")})
    router.command("placement", chat.placement_command,
                   summary="add a placement, end one, or list yours",
                   usage="new REF START EMAIL | end REF [DATE] | reopen REF | list",
                   roles=work,
                   # Its words are slots; the other side's contact, named, is read alone.
                   free_text=told_in(r"new REF DATE (?:EMAIL|(?P<name>.+))",
                                     r"new(?: REF(?: DATE)?)?", r"end REF(?: DATE)?",
                                     r"reopen REF", r"list"))
    # "/placement new" with words missing asks for them (issue 11, session 26's trial).
    router.form(chat.PLACEMENT_FORM.form_id, chat.submit_placement,
                roles=(Role.PROVIDER, Role.COMMISSIONER), form=chat.PLACEMENT_FORM,
                validators={"reference": chat.check_placement_reference,
                            "started": chat.check_placement_start})
    router.command("review", chat.review_done, summary="record a review as done",
                   usage="done REF [DATE] [OUTCOME]", roles=work)
    router.command("condition-change", chat.condition_change,
                   summary="a person's condition changed: start the 2-week clock",
                   usage="REF [DATE]", roles=work,
                   free_text=told_in(r"REF(?: DATE)?(?: (?P<told>.+))?"))
    router.command("invoice", chat.invoice_command,
                   summary="providers: record an invoice sent (received by the council); "
                   "either side: record one paid; the payer: record one disputed (its "
                   "payment clock paused), or part of it, or settled",
                   usage="received NUMBER DATE AMOUNT PLACEMENT|none | paid NUMBER [DATE] "
                   "| list [ORGANISATION] | disputed NUMBER [REASON] "
                   "| disputed NUMBER £AMOUNT [REASON] | undisputed NUMBER",
                   roles=work,
                   # An invoice number typed with a space ("INV 2052", "Mar 1234") is a slot.
                   free_text=told_in(r"received WORD(?: \d+)? DATE AMOUNT(?: REF| none)?",
                                     r"paid WORD(?: \d+)?(?: DATE)?", r"list",
                                     r"disputed WORD(?: (?P<told>.+))?", r"undisputed WORD"))
    # "invoice disputed NUMBER ..." without the slash is the command (session 40's brief);
    # before small talk's reading of words about an invoice. Not an answer to a form.
    router.text(chat.invoice_dispute_told, match=chat.invoice_dispute_typed,
                name=chat.INVOICE_DISPUTE_TYPED_ROUTE, interrupts_forms=False)
    # ... and "invoice received NUMBER ..." (the read-again after session 42: "I don't know").
    router.text(chat.invoice_received_told, match=chat.invoice_received_typed,
                name=chat.INVOICE_RECEIVED_TYPED_ROUTE, interrupts_forms=False)
    # A sum asked about for an amount whose comma is unsure ("Did you mean £12.50 or £125?"),
    # pressed or typed alone right after (session 44's brief: "£12.50" was "I don't know").
    router.button(chat.INVOICE_AMOUNT, chat.invoice_amount_chosen, roles=work)
    router.text(chat.invoice_amount_answered, match=chat.amount_answer,
                name=chat.INVOICE_AMOUNT_ROUTE, interrupts_forms=False)
    # ... and a yes typed at its question, whose button says no "Yes" (session 41).
    router.text(chat.dispute_yes_told, match=chat.said_yes, name=chat.INVOICE_DISPUTE_YES_ROUTE,
                interrupts_forms=False)
    for action in (chat.INVOICE_DISPUTE_RECORD, chat.INVOICE_DISPUTE_DROP,
                   chat.INVOICE_UNDISPUTE_RECORD, chat.INVOICE_UNDISPUTE_DROP):
        router.button(action, chat.invoice_dispute_answered, roles=work)
    # "Is £400 the part of INV-2 you dispute?" (session 40's third brief).
    for action in (chat.INVOICE_DISPUTE_PART, chat.INVOICE_DISPUTE_WHOLE):
        router.button(action, chat.invoice_part_answered, roles=work)
    # "/invoice received NUMBER DATE AMOUNT" without the placement asks for it.
    router.form(chat.INVOICE_PLACEMENT_FORM.form_id, chat.submit_invoice_placement,
                roles=(Role.PROVIDER,), form=chat.INVOICE_PLACEMENT_FORM,
                validators={"number": chat.check_invoice_number,
                            "placement": chat.check_invoice_placement})
    # "Mark paid" under a reply about an invoice: as /invoice paid NUMBER (session 36's brief).
    router.button(chat.INVOICE_PAID, chat.invoice_paid_button, roles=work)
    router.labels(sweep.MARK_PAID_LABEL, hint="invoices")
    # An invoice sent again with other details: replaced once confirmed (session 33's trial).
    for action in (chat.INVOICE_REPLACE, chat.INVOICE_KEEP):
        router.button(action, chat.replace_invoice_answered, roles=(Role.PROVIDER,))
    router.command("tender", chat.tender_command,
                   summary="your tenders' dates; follow one to be reminded of its deadlines",
                   usage="[follow REF or WORDS | unfollow REF or WORDS]",
                   free_text=told_in(r"(?:un)?follow (?P<name>.+)", r""))
    router.command("done", chat.done_command,
                   summary="close a deadline; for one done already, /done NUMBER DAY changes "
                   "the day recorded",
                   usage="NUMBER [DAY] [OUTCOME]", roles=work)
    # "/done NUMBER DAY" for a deadline done already: its day changed once confirmed.
    for action in (chat.REDATE_DONE, chat.KEEP_DAY_DONE):
        router.button(action, chat.redate_answered, roles=work)
    router.command("not-applicable", chat.not_applicable,
                   summary="mark a deadline as not applicable", usage="NUMBER REASON",
                   roles=work)
    # Whether a new placement's initial review, due before it was added, happened.
    for action in (chat.PAST_REVIEW_DONE, chat.PAST_REVIEW_NOT_HELD, chat.PAST_REVIEW_UNSURE):
        router.button(action, chat.past_review_answered, roles=work)
    # A day typed under "Which Thursday ...?": only while that question is on offer.
    router.text(chat.booked_day_typed, match=chat.booked_day_words,
                name=chat.BOOKED_DAY_TYPED_ROUTE, interrupts_forms=False)
    # ... answered in words ("it happened on the 5th of dec": session 35's trial), while it is
    # the question on offer; other words go on to the next route.
    router.text(chat.past_review_told, match=chat.past_review_words,
                name=chat.PAST_REVIEW_ROUTE, interrupts_forms=False)
    # ... and a review's booking told unprompted ("the review for RC-101 is booked for 15
    # Dec": session 44's brief), recorded as the answer above records one.
    router.text(chat.review_booking_told, match=chat.review_booking_words,
                name=chat.REVIEW_BOOKED_ROUTE, interrupts_forms=False)
    # ... and a booked review's move told with no reference ("the review has been moved to
    # friday 18th": session 46's brief), read as the sender's one booked review's.
    router.text(chat.review_move_told, match=chat.review_move_words,
                name=chat.REVIEW_MOVED_ROUTE, interrupts_forms=False)
    # The day pressed when the day booked may mean either of two ("next thursday" on a Wednesday).
    router.button(chat.REVIEW_BOOKED_DAY, chat.review_booked_day_chosen, roles=work)
    router.button(sweep.DONE, chat.done_command)
    router.button(sweep.SNOOZE_DAY, chat.snooze_button)
    router.button(sweep.SNOOZE_WEEK, chat.snooze_button)
    router.button(sweep.NOT_APPLICABLE, chat.not_applicable)
    # Typed when no reminder shows them ("Done" is read by itself: /done NUMBER).
    router.labels(*(label for label, _action in sweep.REMINDER_CHOICES if label != "Done"),
                  hint="reminders")
    router.labels(pattern=r"yes, done on \w{3} \d{1,2} \w{3} \d{4}", hint="review")
    # The reason, asked for after the Not applicable button (session 30's trial).
    router.form(chat.NOT_APPLICABLE_FORM.form_id, chat.submit_not_applicable, roles=work,
                form=chat.NOT_APPLICABLE_FORM,
                validators={"reason": chat.check_not_applicable_reason})
    settings, factory, templates = router.settings, router.factory, router.templates
    lease = timedelta(seconds=settings.reminder_lease_seconds)

    def send_reminders(now: datetime) -> int:
        return sweep.sweep(factory, now=now, templates=templates, calendar=deps.calendar,
                           policy=deps.reminders, lease=lease).sent

    router.job(SWEEP_JOB_ID, send_reminders, every_seconds=settings.sweep_interval_seconds,
               queues_messages=True)
    # The reviews of placements that have ended, closed once a day (session 30's review).
    router.job(CLOSE_ENDED_JOB_ID,
               lambda now: sweep.close_ended(factory, now=now, policy=deps.reminders),
               daily_at=(3, 41))
