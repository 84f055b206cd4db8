"""What the bot does: one package (or module) per feature, each with its own ``register``.

    people        /help, /whoami, /away; the directory and its import
    ask           questions answered from the knowledge base, or handed to a person
    deadlines     the pledge's clocks, their reminders and imports
    cases         feedback, conflicts, questions and concerns; routing; the SLA ladder
    digests       the weekly digest per person and the commitment scorecard
    surveys       feedback surveys: YAML definitions, chasers, anonymous answers, results
    feedback      the published feedback page (GET /feedback) and its export
    safeguarding  every typed word read for harm, before any handler (a middleware); how-to
                  questions about safeguarding get the guidance
    talk          small talk and bare numbers: a short reply, not a knowledge-base search
    (cases again) words typed while the council's question waits, offered as the reply

``register`` calls them in this order (the order /help lists their commands in, and the order
the matched free-text routes are tried in: a safeguarding how-to question before small talk).
"""

from __future__ import annotations

from bot.dispatch import Router
from handlers import ask, cases, deadlines, digests, feedback, people, safeguarding, surveys, talk
from handlers.deps import Deps


def register(router: Router[Deps], deps: Deps) -> None:
    """Register every feature's commands, buttons, forms, middleware and periodic jobs."""
    people.register(router, deps)
    ask.register(router, deps)
    deadlines.register(router, deps)
    cases.register(router, deps)
    digests.register(router, deps)
    surveys.register(router, deps)
    feedback.register(router, deps)
    safeguarding.register(router, deps)
    talk.register(router, deps)
    # Last: only words no other route reads are offered as the reply to the council's question.
    cases.register_replies(router, deps)

