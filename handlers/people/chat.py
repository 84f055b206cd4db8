"""Who is who: /help by role, /whoami, and /away for a commissioner's leave and cover."""

from __future__ import annotations

from sqlalchemy import select

from bot.errors import BadInput
from bot.messages import Incoming, Notification, Reply
from bot.models import Person, Role
from handlers.deadlines.chat import parse_date
from handlers.deadlines.store import local_date
from handlers.deps import Ctx
from handlers.formats import coming_day


def show_help(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """Tell the person what they can do, by role."""
    routes = ctx.registry.commands_for(ctx.person.role)
    commands = [route for route in routes if route.name != "start"]
    return [Reply(text=ctx.render("help.txt", name=ctx.person.name,
                                  role=ctx.person.role.value, commands=commands))]


def whoami(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """Say who the bot thinks the sender is."""
    person = ctx.person
    return [Reply(text=ctx.render("whoami.txt", name=person.name, role=person.role.value,
                                  organisation=person.organisation.name,
                                  channel=incoming.channel.value))]


MAX_AWAY_DAYS = 366
def away(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """/away UNTIL COVER_EMAIL: new cases go to the cover until that date; /away off ends it."""
    words = ctx.args.split()
    me = ctx.person
    if words and words[0].lower() == "off":
        if me.away_until is None:  # session 25's trial: "Welcome back" to someone not away
            return [Reply(text=ctx.render("away.txt", outcome="not_away"))]
        me.away_until, me.cover_id = None, None
        ctx.audit("person.back", subject=f"person:{me.id}")
        return [Reply(text=ctx.render("away.txt", outcome="back"))]
    if len(words) != 2:
        return [Reply(text=ctx.render("away.txt", outcome="usage"))]
    today = local_date(ctx.now, me.timezone)
    until = coming_day(words[0], today) or parse_date(words[0], ctx, what="return date")
    if until < today:
        raise BadInput(ctx.render("away_refused.txt", problem="passed", until=until))
    if (until - today).days > MAX_AWAY_DAYS:
        raise BadInput(ctx.render("away_refused.txt", problem="too_far"))
    cover = ctx.session.scalars(select(Person).where(
        Person.email == words[1].strip().lower(), Person.active.is_(True))).first()
    if cover is None or cover.organisation_id != me.organisation_id or cover.role not in (
            Role.COMMISSIONER, Role.ADMIN):
        raise BadInput(ctx.render("away_refused.txt", problem="not_commissioner",
                                  email=words[1][:254]))
    if cover.id == me.id:
        raise BadInput(ctx.render("away_refused.txt", problem="self"))
    me.away_until, me.cover_id = until, cover.id
    ctx.audit("person.away", subject=f"person:{me.id}", until=until.isoformat(),
              cover=cover.id)
    # The cover is told they are covering, and the person is told when the cover is away
    # too (session 22's review: nobody told the cover, and a cover away at the same time was
    # taken without a word).
    ctx.notify(Notification(
        person_id=cover.id, kind="person.cover",
        text=ctx.render("away.txt", outcome="covering", name=me.name, until=until),
        idempotency_key=f"cover:{me.id}:{cover.id}:{until.isoformat()}:{ctx.now.isoformat()}"))
    cover_away = (cover.away_until if cover.away_until is not None
                  and cover.away_until >= today else None)
    return [Reply(text=ctx.render("away.txt", outcome="away", until=until, cover=cover.name,
                                  cover_away=cover_away))]
