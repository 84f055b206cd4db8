"""Who is who: /help by role, /whoami, and /away for a commissioner's leave and cover."""

from __future__ import annotations

import contextlib
import re
from datetime import date, timedelta

from sqlalchemy import func, select, update

from bot.db import execute_dml
from bot.errors import BadInput
from bot.messages import Button, Incoming, Notification, Reply
from bot.models import OutboxMessage, OutboxStatus, Person, Role
from bot.templates import day_words
from handlers.deadlines.chat import parse_date
from handlers.deadlines.store import local_date
from handlers.deps import Ctx
from handlers.formats import MONTH_WORDS, coming_day, day_in_words
from handlers.people.away import absence_ahead, away_on, cover_on, may_cover, planned_from
from handlers.people.directory import person_named
from handlers.talk.matching import LeaveTold

# The safeguarding hub's own commands, shown first in its /help (session 43's trial: it got a
# commissioner's, placements, invoices and tenders, and nothing on handling concerns).
HUB_COMMANDS = ("cases", "case")


def show_help(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """Tell the person what they can do, by role; the safeguarding hub, its cases first."""
    routes = ctx.registry.commands_for(ctx.person.role)
    role = ctx.person.role
    hub = ctx.person.safeguarding_lead and role != Role.PROVIDER
    commands = [{"name": route.name, "usage": route.usage_for(role),
                 "summary": route.summary_for(role)}
                for route in routes if route.name != "start"
                and not (hub and route.name in HUB_COMMANDS)]
    return [Reply(text=ctx.render("help.txt", name=ctx.person.name, role=role.value,
                                  commands=commands, hub=hub))]


def whoami(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """Say who the bot thinks the sender is, and whether they are away (/away) and who covers
    (session 32's trial: nowhere showed your own absence)."""
    person = ctx.person
    until, cover, start = _absence(ctx)
    return [Reply(text=ctx.render("whoami.txt", name=person.name, role=person.role.value,
                                  organisation=person.organisation.name,
                                  channel=incoming.channel.value, away_until=until,
                                  away_from=start,
                                  cover=cover.name if cover is not None else None))]


def _absence(ctx: Ctx) -> tuple[date | None, Person | None, date | None]:
    """The sender's last day away when they are away today or set to be (/away), who covers
    them (None when nobody may: their cover has left or moved since), and the first day away
    when it is still to come."""
    me = ctx.person
    today = local_date(ctx.now, me.timezone)
    start = planned_from(me, today)
    if start is not None:
        cover = ctx.session.get(Person, me.cover_id) if me.cover_id is not None else None
        return me.away_until, cover if may_cover(me, cover) else None, start
    if not away_on(me, today):
        return None, None, None
    return me.away_until, cover_on(ctx.session, me, today), None


MAX_AWAY_DAYS = 366
# The buttons under a leave told ("fyi I am on leave next week"): set /away with the cover
# offered ("UNTIL:COVER_ID", and ":FIRST" for a leave to come), or leave things as they are.
SET_AWAY = "people.away.set"
NOT_AWAY = "people.away.decline"
# Under a leave told while already away: change the last day away ("NEW:COVER_ID:OLD", valid
# only while the absence is still OLD with that cover), or keep it (NOT_AWAY).
CHANGE_AWAY = "people.away.change"


# Your own absence asked after in plain words ("am i away?", "who is covering for me?"): the
# whole message is the question (session 32's trial: "am i away?" was "I don't know").
_AWAY_ASKED = re.compile(
    r"(?:am i (?:still |currently |now )?(?:marked |set |shown |down )?(?:as )?"
    r"(?:away|on leave|out of (?:the )?office)|who(?:'s| is)? (?:is )?(?:covering|covers?)"
    r" (?:for )?me(?: while i'?m away)?|(?:what is|what's|whats|show|check|show me) my "
    r"(?:away|leave|absence|cover) (?:status|settings?)|(?:who is|who's|whos) my cover)")


def away_asked(text: str) -> bool | None:
    """True when ``text`` asks whether the sender is away or who covers them; else None."""
    folded = " ".join(text.casefold().replace("\u2019", "'").split()).strip(" ?!.")
    return True if _AWAY_ASKED.fullmatch(folded) else None


def away_status(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """Your own absence (/away alone, "am i away?"): until when and who covers, or that you
    are not away, with how to use /away."""
    until, cover, start = _absence(ctx)
    return [Reply(text=ctx.render("away.txt", outcome="status", until=until, start=start,
                                  cover=cover.name if cover is not None else None,
                                  cover_email=cover.email if cover is not None else None,
                                  provider=ctx.person.role == Role.PROVIDER))]


def away(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """/away [FROM until] UNTIL COVER: new cases go to the cover (from FROM, else today) until
    that date; /away off ends it, or cancels one set ahead (session 36's trial: "/away
    2026-12-18 until jan 4th, cover dana" could not be read).
    The date is read as every command's is ("24 Dec 2026", "next friday": session 30's trial got
    the usage line for the second), and as a day of the month ("the 18th") or with its month
    first ("Dec 18"): whatever is not the cover's e-mail is the date (session 32's trial: "18th"
    could not be read, and "the 18th", "Dec 18" and "December 18th" got the usage line)."""
    # Words joining the cover to the days ("..., cover dana", "covered by tom") say nothing.
    words = [word for word in ctx.args.replace(",", " ").split()
             if word.lower() not in _COVER_WORDS]
    me = ctx.person
    provider = me.role == Role.PROVIDER
    if words and words[0].lower() == "off":
        if me.away_until is None:  # session 25's trial: "Welcome back" to someone not away
            return [Reply(text=ctx.render("away.txt", outcome="not_away", provider=provider))]
        ahead = planned_from(me, local_date(ctx.now, me.timezone))
        until = me.away_until
        _release_cover(ctx, me)
        me.away_until, me.away_from, me.cover_id = None, None, None
        ctx.audit("person.back", subject=f"person:{me.id}")
        return [Reply(text=ctx.render("away.txt", outcome="cancelled" if ahead else "back",
                                      start=ahead, until=until, provider=provider))]
    if not words:  # your own absence, and how to set one (session 32's trial: usage alone)
        return away_status(incoming, ctx)
    emails = [word for word in words if "@" in word]
    when = " ".join(word for word in words if "@" not in word)
    if not emails and len(words) >= 2:
        # The cover named by name, as "/case REF reassign tom" reads one (session 33's trial:
        # "/away 18/12/2026 tom" got the usage line): their full name or a first name only
        # one colleague who may cover has, last.
        colleagues = list(ctx.session.scalars(select(Person).where(
            Person.organisation_id == me.organisation_id).order_by(Person.id)))
        colleagues = [person for person in colleagues if may_cover(me, person)]
        # Then anyone in the directory, so that naming oneself, or someone who may not cover
        # (a provider naming council staff), is told why rather than given the usage line
        # (session 33's second trial).
        everyone = list(ctx.session.scalars(select(Person).where(
            Person.active.is_(True)).order_by(Person.id)))
        for people in (colleagues, everyone):
            for length in (2, 1):
                cover, _meant = person_named(people, " ".join(words[-length:]))
                if cover is not None and len(words) > length:
                    start, until = _away_days(" ".join(words[:-length]), ctx)
                    return _set_away(ctx, until, cover, named=cover.email, start=start)
    if len(emails) > 1 or not when:
        return [Reply(text=ctx.render("away.txt", outcome="usage", provider=provider))]
    if not emails:
        try:
            start, until = _away_days(when, ctx)
        except BadInput:
            return [Reply(text=ctx.render("away.txt", outcome="usage", provider=provider))]
        _check_until(ctx, until, start)
        return [Reply(text=ctx.render("away.txt", outcome="cover_missing", until=until,
                                      start=start, provider=provider))]
    start, until = _away_days(when, ctx)
    cover = ctx.session.scalars(select(Person).where(
        Person.email == emails[0].strip().lower(), Person.active.is_(True))).first()
    return _set_away(ctx, until, cover, named=emails[0][:254], start=start)


# Words between the days and the cover: "..., cover dana", "covered by tom", "with jo".
_COVER_WORDS = frozenset({"cover", "covered", "covering", "by", "with", "and"})
# Between an absence's first and last days: "18 Dec until 4 Jan", "from 18/12 to 4/1",
# "18/12 - 4/1" (a dash with spaces: ISO dates hold dashes).
_RANGE = re.compile(r"\s+(?:until|till|til|to|through|thru|-|\u2013|\u2014)\s+",
                    re.IGNORECASE)


def _away_days(text: str, ctx: Ctx) -> tuple[date | None, date]:
    """/away's days: the first day away (None: from today) and the last. "FROM until TO",
    "from FROM to TO", "FROM - TO"; or the last alone ("until TO", "TO"): from today."""
    words = re.sub(r"^(?:from|starting)\s+", "", text.strip(), flags=re.IGNORECASE)
    parts = _RANGE.split(words, maxsplit=1)
    if len(parts) == 1:
        return None, _return_day(text, ctx)
    first = _return_day(parts[0], ctx, what="first day away")
    today = local_date(ctx.now, ctx.person.timezone)
    last_words = re.sub(r"^the\s+", "", parts[1].strip().lower())
    if _DAY_OF_THE_MONTH.fullmatch(last_words) and first >= today:
        # "18th to 24th": the 24th after the 18th, not the next one from today.
        last = _day_of_month(last_words, first, None)
        if last is None:
            raise BadInput(ctx.render("deadlines_unreadable.txt", problem="date",
                                      what="return date", text=parts[1]))
    else:
        last = _return_day(parts[1], ctx)
    return (None if first == today else first), last


# A day of the month alone ("18", "18th"): /away's return day and a leave told's days, read
# as the coming one (``_day_of_month``), where a review done reads it as a past one.
_DAY_OF_THE_MONTH = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?")
_MONTH_FIRST = re.compile(r"(" + MONTH_WORDS
                          + r")\.? (\d{1,2})(?:st|nd|rd|th)?,?(?: (\d{4}|\d{2}))?")


def _return_day(text: str, ctx: Ctx, *, what: str = "return date") -> date:
    """/away's return date: as ``parse_date`` reads every command's (a weekday the coming
    one), after "until", "on" or "the"; also a day of the month alone ("18th", "the 18th": the
    next such day, today included) and the month first ("Dec 18", "December 18th 2026")."""
    word = re.sub(r"^(?:until|till|til|to|on)\s+", "", text.strip().lower())
    word = re.sub(r"^the\s+", "", word)
    alone = _DAY_OF_THE_MONTH.fullmatch(word)
    if alone is not None:
        day = _day_of_month(word, local_date(ctx.now, ctx.person.timezone), None)
        if day is None:
            raise BadInput(ctx.render("deadlines_unreadable.txt", problem="date",
                                      what=what, text=text))
        return day
    month_first = _MONTH_FIRST.fullmatch(word)
    if month_first is not None:
        month, day_number, year = month_first.groups()
        word = " ".join(part for part in (day_number, month, year) if part)
    return parse_date(word, ctx, what=what, toward="future")


def _check_until(ctx: Ctx, until: date, start: date | None = None) -> None:
    """Days /away may hold: a first day (``start``) not passed, a last day not passed nor
    before the first, and within a year."""
    me = ctx.person
    today = local_date(ctx.now, me.timezone)
    if start is not None and start < today:
        raise BadInput(ctx.render("away_refused.txt", problem="start_passed", start=start))
    if start is not None and until < start:
        raise BadInput(ctx.render("away_refused.txt", problem="backwards", start=start,
                                  until=until))
    if until < today:
        raise BadInput(ctx.render("away_refused.txt", problem="passed", until=until))
    if (until - today).days > MAX_AWAY_DAYS:
        raise BadInput(ctx.render("away_refused.txt", problem="too_far",
                                  provider=me.role == Role.PROVIDER))


COVERING = "person.cover"
COVER_ENDED = "person.cover_ended"


def _withdraw_notices(ctx: Ctx, me: Person, today: date, *, why: str) -> bool:
    """Withdraw the notices of ``me``'s absence to their cover that have not gone (``why``, in
    their ``last_error``); whether one reached them (so they are to be told it ended).

    Every notice of this absence to this cover, whatever return day it named (one moved from
    the 24th to the 28th: the 24th's was read, the 28th's not yet; session 30's review): a
    notice's key holds its return day, and one of this absence names today or later. Only
    those since the cover was last told they no longer cover, and not withdrawn (session 32's
    trial: two absences ended before either notice went, and the second told the cover "you
    no longer cover" of a cover they never heard of)."""
    prefix = f"cover:{me.id}:{me.cover_id}:"
    ended = ctx.session.scalar(select(func.max(OutboxMessage.id)).where(
        OutboxMessage.kind == COVER_ENDED, OutboxMessage.person_id == me.cover_id,
        OutboxMessage.idempotency_key.startswith(f"cover-ended:{me.id}:{me.cover_id}:",
                                                 autoescape=True)))
    this_absence = (OutboxMessage.kind == COVERING, OutboxMessage.person_id == me.cover_id,
                    OutboxMessage.idempotency_key.startswith(prefix, autoescape=True),
                    OutboxMessage.idempotency_key >= prefix + today.isoformat(),
                    OutboxMessage.id > (ended or 0),
                    OutboxMessage.status != OutboxStatus.WITHDRAWN)
    execute_dml(ctx.session, update(OutboxMessage).where(
        *this_absence, OutboxMessage.status.in_((OutboxStatus.PENDING, OutboxStatus.DEAD)))
        .values(status=OutboxStatus.WITHDRAWN, claim_token=None, claimed_at=None,
                last_error=f"not sent: {why}")
        .execution_options(synchronize_session=False))
    return ctx.session.scalar(select(OutboxMessage.id).where(*this_absence).limit(1)) is not None


def _release_cover(ctx: Ctx, me: Person, *, replaced: bool = False) -> None:
    """``me``'s cover no longer covers (back early, or another cover named): the notice that
    they cover is withdrawn if it has not gone, else they are told (session 30's trial: back
    early, Priya's cover still read only that he covered for her until the 24th)."""
    today = local_date(ctx.now, me.timezone)
    if me.cover_id is None or not absence_ahead(me, today):
        return  # the absence is over already: nobody covers (session 30's review)
    if not _withdraw_notices(ctx, me, today,
                             why=f"{me.name} no longer needed cover before it went"):
        return  # they never read that they cover (or were told since that they no longer do)
    ctx.notify(Notification(
        person_id=me.cover_id, kind=COVER_ENDED,
        text=ctx.render("away.txt", outcome="cover_ended", name=me.name, replaced=replaced,
                        start=planned_from(me, today), provider=me.role == Role.PROVIDER),
        idempotency_key=f"cover-ended:{me.id}:{me.cover_id}:{ctx.now.isoformat()}"))


def _set_away(ctx: Ctx, until: date, cover: Person | None, *, named: str,
              start: date | None = None) -> list[Reply]:
    """Mark the person away until ``until`` (from ``start``, else from now) with ``cover``
    (``named`` so in the refusal when not a cover they may have): /away's effect, and the "Set
    me away" button's."""
    me = ctx.person
    today = local_date(ctx.now, me.timezone)
    _check_until(ctx, until, start)
    if start is not None and start <= today:
        start = None  # from today: as the one-date form
    if cover is not None and cover.id == me.id:
        raise BadInput(ctx.render("away_refused.txt", problem="self"))
    if cover is not None and cover.safeguarding_lead and may_cover(me, cover):
        # The safeguarding hub (a shared inbox) takes every concern already: new cases and
        # reminders are not its to cover (session 33's second trial).
        raise BadInput(ctx.render("away_refused.txt", problem="hub", name=cover.name))
    if cover is None or not may_cover(me, cover):
        raise BadInput(ctx.render("away_refused.txt", problem="not_commissioner", email=named,
                                  provider=me.role == Role.PROVIDER))
    if (me.away_until, me.cover_id) == (until, cover.id) and planned_from(me, today) == start:
        # Set already (the button pressed twice): the cover was told, and is not told again.
        return [Reply(text=ctx.render("away.txt", outcome="already", until=until,
                                      start=start, cover=cover.name))]
    if me.cover_id != cover.id:
        _release_cover(ctx, me, replaced=True)  # the cover named before no longer covers
    elif absence_ahead(me, today):
        # Other days, the same cover: a notice of the old day not gone yet is
        # withdrawn, so they read one (session 32's trial: Tom was told "until Thu 31 Dec",
        # then "until Fri 18 Dec", both waiting).
        _withdraw_notices(ctx, me, today, why=f"{me.name} named another return day before it went")
    me.away_until, me.away_from, me.cover_id = until, start, cover.id
    ctx.audit("person.away", subject=f"person:{me.id}", until=until.isoformat(),
              cover=cover.id, **({"from": start.isoformat()} if start is not None else {}))
    # The cover is told they are covering, and the person is told when the cover is away
    # too (session 22's review: nobody told the cover, and a cover away at the same time was
    # taken without a word).
    ctx.notify(Notification(
        person_id=cover.id,
        text=ctx.render("away.txt", outcome="covering", name=me.name, until=until,
                        start=start, provider=me.role == Role.PROVIDER),
        kind=COVERING, idempotency_key=(
            f"cover:{me.id}:{cover.id}:{until.isoformat()}:{ctx.now.isoformat()}")))
    cover_away = cover.away_until if away_on(cover, start or today) else None
    return [Reply(text=ctx.render("away.txt", outcome="away", until=until, cover=cover.name,
                                  start=start, cover_away=cover_away,
                                  provider=me.role == Role.PROVIDER))]


def _day_of_month(word: str, today: date, month_of: date | None) -> date | None:
    """"14", "4th": that day in the month of ``month_of`` (the start of "14 to 18 December";
    the month before when later than it: "28 to 3 January"); else its next one on or after
    ``today`` (or after the start of "from tomorrow until the 18th", "28th to 3rd", passed as
    ``today``; session 28's review: read backwards)."""
    number = int(re.sub(r"(?:st|nd|rd|th)$", "", word))
    start = month_of or today
    for months in (0, -1) if month_of is not None else (0, 1, 2):
        year, month = divmod(start.month - 1 + months, 12)
        with contextlib.suppress(ValueError):
            day = date(start.year + year, month + 1, number)
            if (day <= month_of) if month_of is not None else (day >= today):
                return day
    return None


def _leave_day(word: str | None, today: date, month_of: date | None = None,
               after: date | None = None) -> date | None:
    """A day of a leave told, read as /away reads one ("tomorrow", a weekday: the next one,
    a date, "18 December"), or a day of the month alone; None when unreadable."""
    if word is None:
        return None
    if word == "today":
        return today
    if _DAY_OF_THE_MONTH.fullmatch(word):
        return _day_of_month(word, after or today, None if after else month_of)
    return coming_day(word.removeprefix("next "), today) or day_in_words(word, today)


def leave_days(told: LeaveTold, today: date) -> tuple[date, date] | None:
    """The first and last days of a leave told (the first today when it names none); None
    when there is no last day to read, or it has passed or is too far away for /away."""
    first: date | None
    last: date | None
    if told.week is not None:
        if told.week == "next":
            monday = today + timedelta(days=7 - today.weekday())
            first, last = monday, monday + timedelta(days=4)
        elif today.weekday() < 5:
            first, last = today, today + timedelta(days=4 - today.weekday())
        else:
            return None  # "this week" at the weekend: which week?
    else:
        back = _leave_day(told.back, today)
        last = back - timedelta(days=1) if back is not None else None
        if told.last is not None:
            bare = _DAY_OF_THE_MONTH.fullmatch(told.last) is not None
            start = _leave_day(told.first, today) if bare and told.first else None
            last = _leave_day(told.last, today, after=start)
        if last is None:
            return None
        first = _leave_day(told.first, today, last) if told.first is not None else today
        if first is None or first > last:
            return None
    if last < today or (last - today).days > MAX_AWAY_DAYS:
        return None
    return max(first, today), last


def offer_away(told: LeaveTold, ctx: Ctx) -> Reply:
    """A commissioner's or admin's own leave told ("fyi I am on leave next week"): the days
    read, and "Set me away" (their escalation contact as cover) or "No thanks"; nothing is set
    until pressed. Without days to read, or anyone to offer as cover, how /away does it."""
    me = ctx.person
    today = local_date(ctx.now, me.timezone)
    days = leave_days(told, today)
    if (covering := cover_on(ctx.session, me, today)) is not None:
        # Already away: said so, and a change of the last day away offered in words that say
        # so (session 32's trial: "Set me away" shortened an absence to the 31st to the 18th,
        # and told the cover, unasked).
        return _still_away(ctx, covering, to=days[1] if days else None, told=True)
    contact = me.escalation_contact
    cover = contact if may_cover(me, contact) and not (
        contact is not None and contact.safeguarding_lead) else None  # never the hub (/away)
    if days is None or cover is None:
        return Reply(text=ctx.render("away_offer.txt", outcome="how", days=days))
    first, last = days
    # A leave to come is set from its first day (session 36's trial: /away held from the
    # press, and sent cases to the cover before the leave started).
    ahead = first > today
    value = f"{last.isoformat()}:{cover.id}" + (f":{first.isoformat()}" if ahead else "")
    return Reply(text=ctx.render("away_offer.txt", outcome="offer", days=days, first=first,
                                 last=last, cover=cover.name, cover_email=cover.email,
                                 ahead=ahead),
                 buttons=(Button(label="Set me away", action=SET_AWAY, value=value),
                          Button(label="No thanks", action=NOT_AWAY, value="")))


def set_away_pressed(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """"Set me away" under a leave told: /away until the day and with the cover offered, as
    things are now (a day passed is refused as /away is). A cover who may not cover the
    presser (left since, or forged) is a stale button, naming nobody (session 28's review: a
    forged press showed another council's officer's e-mail)."""
    until_text, _, cover_text = (incoming.action_value or "").partition(":")
    cover_text, _, first_text = cover_text.partition(":")  # the leave's first day, if to come
    try:
        until = date.fromisoformat(until_text)
        first = date.fromisoformat(first_text) if first_text else None
    except ValueError:
        return [Reply(text=ctx.render("stale_button.txt"))]
    if not (cover_text.isascii() and cover_text.isdigit()) or len(cover_text) > 12:
        return [Reply(text=ctx.render("stale_button.txt"))]
    cover = ctx.session.get(Person, int(cover_text))
    if cover is None or not may_cover(ctx.person, cover):
        return [Reply(text=ctx.render("stale_button.txt"))]
    me = ctx.person
    today = local_date(ctx.now, me.timezone)
    if first is not None and first <= today:
        first = None  # pressed once the leave has begun: from now, as /away UNTIL
    covering = cover_on(ctx.session, me, today)
    if covering is not None and (me.away_until, covering.id) != (until, cover.id):
        # Away already, since the offer was made: nothing changes unasked (session 32's trial).
        return [_still_away(ctx, covering, to=until, pressed=True)]
    return _set_away(ctx, until, cover, named=cover.email, start=first)


def _still_away(ctx: Ctx, cover: Person, *, to: date | None, told: bool = False,
                pressed: bool = False) -> Reply:
    """"You're already marked away until X, covered by Y" (``told``: under a leave told;
    ``pressed``: a button that changed nothing), and when ``to`` is another day, the change of
    the last day away to it offered as such ("Change date to ...", "Keep ...")."""
    me = ctx.person
    assert me.away_until is not None  # noqa: S101 - away, as ``cover_on`` found
    change = to is not None and to != me.away_until
    buttons = (Button(label=f"Change date to {day_words(to)}", action=CHANGE_AWAY,
                      value=f"{to.isoformat()}:{cover.id}:{me.away_until.isoformat()}"),
               Button(label=f"Keep {day_words(me.away_until)}", action=NOT_AWAY, value="")
               ) if change and to is not None else ()
    return Reply(text=ctx.render("away_offer.txt", outcome="already_away", told=told,
                                 pressed=pressed, until=me.away_until, cover=cover.name,
                                 to=to if change else None), buttons=buttons)


def change_away_pressed(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """"Change date to ..." under a leave told while away: the last day away moved, with the
    same cover, when the absence is still the one it was offered for; else nothing changes."""
    me = ctx.person
    parts = (incoming.action_value or "").split(":")
    try:
        to, cover_id, was = (date.fromisoformat(parts[0]), int(parts[1]),
                             date.fromisoformat(parts[2]))
    except (IndexError, ValueError):
        return [Reply(text=ctx.render("stale_button.txt"))]
    covering = cover_on(ctx.session, me, local_date(ctx.now, me.timezone))
    if covering is None:
        return [Reply(text=ctx.render("away.txt", outcome="not_away",
                                      provider=me.role == Role.PROVIDER))]
    if (me.away_until, covering.id) != (was, cover_id):
        return [_still_away(ctx, covering, to=to, pressed=True)]
    return _set_away(ctx, to, covering, named=covering.email)


def away_declined(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """"No thanks" under a leave told, or "Keep ..." while away: nothing changes."""
    me = ctx.person
    covering = cover_on(ctx.session, me, local_date(ctx.now, me.timezone))
    if covering is not None:
        return [Reply(text=ctx.render("away_offer.txt", outcome="kept", until=me.away_until,
                                      cover=covering.name))]
    return [Reply(text=ctx.render("away_offer.txt", outcome="declined"))]
