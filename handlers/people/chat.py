"""Who is who: /help by role, /whoami, and /away for a commissioner's leave and cover."""

from __future__ import annotations

from sqlalchemy import select

from bot.errors import BadInput
from bot.messages import Incoming, Reply
from bot.models import Person, Role
from handlers.deadlines.chat import parse_date
from handlers.deadlines.store import local_date
from handlers.deps import Ctx


def show_help(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """Tell the person what they can do, by role."""
    routes = ctx.registry.commands_for(ctx.person.role)
    commands = [route for route in routes if route.name != "start"]
    return [
        Reply(
            text=ctx.render(
                "help.txt",
                name=ctx.person.name,
                role=ctx.person.role.value,
                commands=commands,
            )
        )
    ]


def whoami(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """Say who the bot thinks the sender is."""
    return [
        Reply(
            text=ctx.render(
                "whoami.txt",
                name=ctx.person.name,
                role=ctx.person.role.value,
                organisation=ctx.person.organisation.name,
                channel=incoming.channel.value,
            )
        )
    ]


MAX_AWAY_DAYS = 366


def away(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """/away UNTIL COVER_EMAIL: new cases go to the cover until that date; /away off ends it."""
    words = ctx.args.split()
    me = ctx.person
    if words and words[0].lower() == "off":
        me.away_until, me.cover_id = None, None
        ctx.audit("person.back", subject=f"person:{me.id}")
        return [Reply(text="Welcome back: new cases come to you again.")]
    if len(words) != 2:
        return [Reply(text="Use /away UNTIL COVER_EMAIL (for example /away 2026-12-31 "
                           "tom@council.example), or /away off when you are back.")]
    until = parse_date(words[0], ctx, what="return date")
    today = local_date(ctx.now, me.timezone)
    if until < today:
        raise BadInput(f"{until.day} {until:%B %Y} has passed: give the last day you are "
                       "away.")
    if (until - today).days > MAX_AWAY_DAYS:
        raise BadInput("That is more than a year away; please ask an administrator to "
                       "reassign your cases instead.")
    cover = ctx.session.scalars(select(Person).where(
        Person.email == words[1].strip().lower(), Person.active.is_(True))).first()
    if cover is None or cover.organisation_id != me.organisation_id or cover.role not in (
            Role.COMMISSIONER, Role.ADMIN):
        raise BadInput(f"{words[1][:254]} is not an active commissioner of your council.")
    if cover.id == me.id:
        raise BadInput("Your cover must be someone else.")
    me.away_until, me.cover_id = until, cover.id
    ctx.audit("person.away", subject=f"person:{me.id}", until=until.isoformat(),
              cover=cover.id)
    return [Reply(text=f"Noted: until {until.day} {until:%B %Y}, new cases that would come to "
                       f"you go to {cover.name}. /away off when you are back early.")]
