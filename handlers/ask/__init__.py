"""Questions: answered from the knowledge base with their source, or handed to a person.

    chat.py       /ask and free text, the answer's buttons (more, helpful, not helpful, hand
                  over, tell me when someone answers), /teach for admins
    questions.py  the questions kept: the gaps report, teaching, forgetting words after a year
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.dispatch import Router
from bot.models import Role
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
    router.button(chat.HAND_OVER_TO, chat.hand_over_to_council)
    router.button(chat.MORE, chat.more)
    router.button(chat.ANSWER_WANTED, chat.answer_wanted)
    # Typed when no answer shows them (session 32's trial: "Helpful" was noted as a question).
    router.labels("Tell the council", "More", "Helpful", "Not helpful", "Ask a commissioner",
                  "Ask a colleague", "Tell me when someone answers", hint="answers")
    router.command("teach", chat.teach, summary="attach a question to the entry that answers it",
                   usage="ENTRY_ID QUESTION", roles=(Role.ADMIN,))
    factory = router.factory
    keep = timedelta(days=router.settings.question_keep_days)

    def forget(now: datetime) -> int:
        return questions.forget_old_questions(factory, keep=keep, now=now)

    router.job(questions.FORGET_JOB_ID, forget, daily_at=(3, 29))
