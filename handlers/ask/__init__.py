"""Questions: answered from the knowledge base with their source, or handed to a person.

    chat.py       /ask and free text, the answer's buttons (helpful, not helpful, hand over)
    questions.py  the questions kept: the gaps report, and forgetting their words after a year
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.dispatch import Router
from handlers.ask import chat, questions
from handlers.deps import Deps


def register(router: Router[Deps], deps: Deps) -> None:
    """Register /ask, free text, the answer buttons and the nightly forgetting of old words."""
    # reads_as_text: "/ask thanks" is small talk and "/ask what do I do if I suspect neglect"
    # gets the safeguarding guidance, as when typed without the command.
    router.command("ask", chat.ask, summary="ask a question about the pledge or tendering",
                   usage="QUESTION", reads_as_text=True)
    router.text(chat.ask)
    router.button(chat.PICK, chat.pick)
    router.button(chat.HELPFUL, chat.rate)
    router.button(chat.UNHELPFUL, chat.rate)
    router.button(chat.HAND_OVER, chat.hand_over)
    factory = router.factory
    keep = timedelta(days=router.settings.question_keep_days)

    def forget(now: datetime) -> int:
        return questions.forget_old_questions(factory, keep=keep, now=now)

    router.job(questions.FORGET_JOB_ID, forget, daily_at=(3, 29))
