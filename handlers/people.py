"""Who is who: /help by role and /whoami."""

from __future__ import annotations

from bot.dispatch import Context
from bot.messages import Incoming, Reply


def show_help(incoming: Incoming, ctx: Context) -> list[Reply]:
    """Tell the person what they can do, by role."""
    routes = ctx.router.commands_for(ctx.person.role)
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


def whoami(incoming: Incoming, ctx: Context) -> list[Reply]:
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
