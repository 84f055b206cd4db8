"""People: who is who, what they may do, and when they are away.

    chat.py       /help by role, /whoami, /away for a commissioner's leave and cover
    away.py       who is away on a day and who covers for them (read by reminders and cases)
    directory.py  organisations, people and identities: the CSV import and the demo data
    leaving.py    ``pledgebot people leave``: someone has left, a colleague takes over
"""

from __future__ import annotations

from bot.dispatch import Router
from bot.models import Role
from handlers.deps import Deps
from handlers.formats import told_in
from handlers.people import chat
from handlers.people.directory import COUNCIL_STAFF


def register(router: Router[Deps], deps: Deps) -> None:
    """Register /help, /start, /whoami and /away, and the buttons offering /away."""
    router.command("help", chat.show_help, summary="what I can do for you")
    router.command("start", chat.show_help, summary="start here (same as /help)")
    router.command("whoami", chat.whoami, summary="who I think you are")
    # A provider's cover is a colleague at their organisation, who gets their reminders and
    # the news of their cases too while they are away (session 31's trial: providers had no
    # /away; sessions 35 and 36: the news of their cases).
    router.command("away", chat.away,
                   summary="away until a date, with a colleague to cover for you",
                   summaries={Role.PROVIDER: "away until a date: your reminders and the news "
                              "of your cases go to your cover too",
                              **dict.fromkeys(COUNCIL_STAFF, "away until a date: new cases and "
                                              "reminders go to your cover")},
                   usage="[FROM until] UNTIL COVER_EMAIL | off",
                   roles=(Role.COMMISSIONER, Role.ADMIN, Role.PROVIDER),
                   free_text=told_in(r"DATE (?:EMAIL|(?P<name>.+))", r"off|"))
    # "am i away?", "who is covering for me?": what /away alone says.
    router.text(chat.away_status, match=chat.away_asked, name="away-status")
    # Under a leave told in plain words ("fyi I am on leave next week", ``chat.offer_away``).
    router.button(chat.SET_AWAY, chat.set_away_pressed, roles=COUNCIL_STAFF)
    router.button(chat.NOT_AWAY, chat.away_declined, roles=COUNCIL_STAFF)
    # Under a leave told while already away: the last day away changed only when asked so.
    router.button(chat.CHANGE_AWAY, chat.change_away_pressed, roles=COUNCIL_STAFF)
    # Those buttons' labels typed when they are not on offer (the session's review: noted as
    # questions for the knowledge base).
    router.labels("Set me away", pattern=r"(?:change date to|keep) \w{3} \d{1,2} \w{3} \d{4}",
                  hint="away")
