"""Small talk and a bare number: a short, friendly reply instead of a knowledge-base search.

Neither is a question: nothing is searched, no question is recorded, so neither shows up in
``pledgebot kb gaps``.
"""

from __future__ import annotations

from bot.messages import Incoming, Reply
from bot.models import Role
from handlers.deps import Ctx
from handlers.talk.matching import PLEDGE_NUMBERS
from knowledge.pledges import PLEDGE_COUNT


def reply_to_small_talk(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """Hello, thanks, who are you, what can you do, help, goodbye: what the bot can do."""
    return [Reply(text=ctx.render(
        "small_talk.txt", kind=ctx.match, name=ctx.person.name,
        provider=ctx.person.role == Role.PROVIDER, council_name=ctx.settings.council_name))]


def reply_to_how_to_use(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """"How do I raise a conflict": the command that does it, as /help shows it, when the
    person may use it; else who can."""
    route = ctx.registry.commands.get(str(ctx.match))
    if route is None:  # a command this deployment did not register: the knowledge base's turn
        return ctx.registry.pass_on("how-to-use", incoming, ctx)
    return [Reply(text=ctx.render(
        "how_to_use.txt", command=route.name, usage=route.usage, summary=route.summary,
        allowed=ctx.person.role in route.roles,
        for_providers=route.roles == frozenset({Role.PROVIDER})))]


def reply_to_bare_number(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """A number typed on its own, with no numbered buttons waiting for it."""
    number = int(ctx.match)
    return [Reply(text=ctx.render("number_alone.txt", number=number,
                                  pledge=number in PLEDGE_NUMBERS))]


def reply_to_missing_pledge(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """A commitment number the pledge does not have ("pledge 31", "commitment 0")."""
    return [Reply(text=ctx.render("pledge_missing.txt", number=int(ctx.match),
                                  count=PLEDGE_COUNT))]
