"""What the features need besides the message, built once by the composition root.

``bot/app.py`` builds one ``Deps`` from the settings at start (``Deps.from_settings``) and hands
it to the Router, which gives it to every handler as ``ctx.deps``, and to each feature's
``register`` for its periodic jobs. Nothing here is rebuilt per message.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.registry import Context
from bot.values import frozen

if TYPE_CHECKING:  # types only: the features import ``Ctx`` from here
    from bot.outbox import OutboxPolicy
    from handlers.cases.service import SlaPolicy
    from handlers.deadlines.store import ReminderPolicy
    from knowledge.answers import Answerer
    from scheduler.rules import WorkingCalendar


@frozen
class Deps:
    """The features' dependencies.

    Attributes:
        calendar: working days (England and Wales bank holidays).
        sla: the case clocks and escalation ladder.
        reminders: when deadline reminders go out.
        outbox: how the outbox senders work (their lease on a claimed message: what a
            snooze may withdraw from a sender that stopped).
        answerer: the knowledge base's question answerer (None: every question abstains).
    """

    calendar: WorkingCalendar
    sla: SlaPolicy
    reminders: ReminderPolicy
    outbox: OutboxPolicy
    answerer: Answerer | None = None


# What every feature's handler receives.
Ctx = Context["Deps"]

# ``ctx.marks`` key, set by the safeguarding middleware (``handlers.safeguarding``): the person was
# asked "Is this about someone's safety?" about this message. Here, so that a feature the
# middleware imports can read it too (the cases' reply offer).
SAFETY_ASKED = "safeguarding.asked"
