"""What the bot does for a person who writes to it; every handler is registered here."""

from __future__ import annotations

from bot.dispatch import Router
from bot.models import Role
from handlers.ask import chat as ask
from handlers.cases import chat as cases
from handlers.deadlines import chat as reminders
from handlers.people import chat as people


def register(router: Router) -> None:
    """Register every command, button, form and the free-text handler with the router."""
    router.command("help", people.show_help, summary="what I can do for you")
    router.command("start", people.show_help, summary="start here (same as /help)")
    router.command("whoami", people.whoami, summary="who I think you are")
    router.command(
        "ask", ask.ask, summary="ask a question about the pledge or tendering", usage="QUESTION"
    )
    work = (Role.PROVIDER, Role.COMMISSIONER, Role.ADMIN)
    router.command("reminders", reminders.show_reminders, summary="your open deadlines")
    router.command("placement", reminders.placement_command,
                   summary="add a placement, or list yours", usage="new REF START EMAIL | list",
                   roles=work)
    router.command("review", reminders.review_done, summary="record a review as done",
                   usage="done REF [DATE] [OUTCOME]", roles=work)
    router.command("condition-change", reminders.condition_change,
                   summary="a person's condition changed: start the 2-week clock",
                   usage="REF [DATE]", roles=work)
    router.command("invoice", reminders.invoice_command,
                   summary="record an invoice received or paid",
                   usage="received NUMBER DATE AMOUNT [PLACEMENT] | paid NUMBER [DATE]",
                   roles=work)
    router.command("tender", reminders.show_tenders, summary="your tenders' dates")
    router.command("done", reminders.done_command, summary="close a deadline",
                   usage="NUMBER [OUTCOME]", roles=work)
    router.command("not-applicable", reminders.not_applicable,
                   summary="mark a deadline as not applicable", usage="NUMBER REASON",
                   roles=work)
    router.button("deadline.done", reminders.done_command)
    router.button("deadline.snooze-day", reminders.snooze_button)
    router.button("deadline.snooze-week", reminders.snooze_button)
    router.button("deadline.not-applicable", reminders.not_applicable)
    cases.register(router)
    router.command("away", people.away,
                   summary="away until a date: new cases go to your cover",
                   usage="UNTIL COVER_EMAIL | off", roles=(Role.COMMISSIONER, Role.ADMIN))
    router.text(ask.ask)
    router.text_guard = ask.safeguarding_guard
    router.button("answer.pick", ask.pick)
    router.button("answer.helpful", ask.rate)
    router.button("answer.unhelpful", ask.rate)
    router.button("answer.handover", ask.hand_over)
