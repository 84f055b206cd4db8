"""What the bot does for a person who writes to it; every handler is registered here."""

from __future__ import annotations

from bot.dispatch import Router
from handlers import ask, people


def register(router: Router) -> None:
    """Register every command, button, form and the free-text handler with the router."""
    router.command("help", people.show_help, summary="what I can do for you")
    router.command("start", people.show_help, summary="start here (same as /help)")
    router.command("whoami", people.whoami, summary="who I think you are")
    router.command(
        "ask", ask.ask, summary="ask a question about the pledge or tendering", usage="QUESTION"
    )
    router.text(ask.ask)
    router.button("answer.pick", ask.pick)
    router.button("answer.helpful", ask.rate)
    router.button("answer.unhelpful", ask.rate)
    router.button("answer.handover", ask.hand_over)
