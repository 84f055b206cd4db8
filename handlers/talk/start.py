"""Where to start: "hi im new, what do i need to look at", "what's waiting for me", "where do
I start" — what is the person's now, and the commands that show it (session 36's trial: a new
commissioner's question was "I don't know", kept as a knowledge gap)."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from bot.messages import Incoming, Reply
from bot.models import CASE_CLOSED, Case, Role
from handlers.deadlines.store import local_date, open_deadlines_for
from handlers.deps import Ctx
from handlers.people.directory import COUNCIL_STAFF

_GREETING = r"(?:(?:hi|hello|hey|morning|good (?:morning|afternoon))(?: there)?\W+)?"
_NEW = r"(?:i'?m|im|i am) new(?: here| to (?:this|pledgebot|the team|the role|the job))?"
# The whole message asks what to look at: "what do i need to look at", "where do i start",
# "what's waiting for me", "what needs my attention"; with nothing after but when ("first",
# "today"), so "what should I check before paying an invoice" stays the knowledge base's.
_ASK = (r"(?:what (?:do|should|shall|must) i (?:need to |have to )?(?:look at|check|start with"
        r"|work on|deal with|focus on|prioriti[sz]e)|what(?:'s| is) waiting (?:for|on) me"
        r"|what needs my attention|what(?:'s| is) on my plate|where (?:do|should|shall|can) i"
        r" (?:start|begin))(?: (?:first|today|now|here|this week))*")
_WHERE_TO_START = re.compile(
    r"\W*" + _GREETING + r"(?:(?:" + _NEW + r"\W+(?:(?:and|so)\W+)?)?" + _ASK + r"|" + _NEW
    + r")\W*")


def where_to_start(text: str) -> bool | None:
    """True when the whole of ``text`` asks what the person should look at, or says they are
    new; else None."""
    folded = " ".join(text.casefold().replace("\u2019", "'").split())
    return True if _WHERE_TO_START.fullmatch(folded) else None


def reply_where_to_start(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """What is the person's now: their cases (staff: routed and escalated to them; a
    provider: their organisation's open ones) and deadlines, with /cases, /reminders and
    /help."""
    # Imported here: the cases feature reads people's absences, whose feature reads talk's
    # matchers (a cycle at import time).
    from handlers.cases.service import latest_escalations

    me = ctx.person
    today = local_date(ctx.now, me.timezone)
    staff = me.role in COUNCIL_STAFF
    escalated = 0
    if staff:
        mine = ctx.session.scalar(select(func.count()).select_from(Case).where(
            Case.assignee_id == me.id, Case.status.not_in(CASE_CLOSED))) or 0
        climbed = list(ctx.session.scalars(select(Case).where(
            Case.status.not_in(CASE_CLOSED), Case.level > 0, Case.assignee_id != me.id)))
        escalated = sum(1 for step in latest_escalations(ctx.session, climbed).values()
                        if not step.ended and step.to is not None and step.to.id == me.id)
    else:
        mine = ctx.session.scalar(select(func.count()).select_from(Case).where(
            Case.provider_id == me.organisation_id, Case.raised_by_id.is_not(None),
            Case.status.not_in(CASE_CLOSED))) or 0
    deadlines = open_deadlines_for(ctx.session, me, today=today)
    overdue = sum(1 for deadline in deadlines if deadline.due_on < today)
    return [Reply(text=ctx.render("where_to_start.txt", staff=staff, cases=mine,
                                  escalated=escalated, deadlines=len(deadlines),
                                  overdue=overdue, provider=me.role == Role.PROVIDER))]
