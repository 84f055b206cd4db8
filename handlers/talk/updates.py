"""Work told in plain words that a command records (session 30's trial: "review for RC-201 done
today, care package to stay the same" was "I don't know", and "done" on its own offered two
knowledge-base entries on reviews and training).

    review_done_told    the placement references of a message telling that a review was held
    bare_done           "done", "all done", "finished" with nothing else

Nothing is recorded from plain words: the reply names the command that records it, as the
condition-change reply does (``handlers.talk.chat.reply_to_condition_told``).
"""

from __future__ import annotations

import re

from bot.messages import Incoming, Reply
from handlers.deps import Ctx
from handlers.talk.chat import one_placement_seen
from handlers.talk.matching import MAX_WORDS, placement_references

REVIEW_TOLD_ROUTE = "review-told"
BARE_DONE_ROUTE = "bare-done"

# "the review for RC-201 was done today", "RC-201 review held yesterday, all fine", "we did
# RC-201's review this morning", "had the 6 month review with RC-201": a review and its being
# held, in either order, a few words apart.
_REVIEW_HELD = re.compile(
    r"\breview(?:s|ed)?\b(?:\W+[\w'-]+){0,6}?\W+(?:was |is |has been |have been |got )?(?:done"
    r"|completed|complete|held|carried out|took place|happened|finished|went (?:well|ok|okay"
    r"|fine|ahead))\b"
    r"|\b(?:we |i |they )?(?:did|done|held|completed|had|carried out)\b(?:\W+[\w'-]+){0,4}?\W+"
    r"review\b"
    r"|\breviewed\b")
# A question, or a review still to come, or not held: the knowledge base's, or nothing done.
_NOT_TOLD = re.compile(r"^(?:when|how|what|which|do|does|is|are|can|should|must|who|why|has"
                       r"|have|was|did)\b|\?|\b(?:what|how|which|why|where|who|should (?:we|i)"
                       r"|can (?:we|i|you)|do (?:we|i|you)|does|could|would|please|also)\b"
                       r"|\b(?:not|never|no|cancel\w*|postpon\w*"
                       r"|rearrang\w*|resched\w*|tomorrow|next|due|overdue|late|book\w*"
                       r"|arrang\w*|will|going to|yet)\b")
_BARE_DONE = re.compile(r"(?:(?:it'?s|its|all|that'?s|thats|now) )?(?:done|finished|completed"
                        r"|complete)(?: now| thanks| thank you)?[.!]*")


def review_done_told(text: str) -> tuple[str, ...] | None:
    """The placement-like references (letters and digits) of a message telling that a review
    was held, not asking about one; else None (pure: whether one is a placement the person
    sees is the handler's to find)."""
    folded = " ".join(text.casefold().replace("\u2019", "'").split())
    if (not folded or folded.startswith("/") or len(folded.split()) > 3 * MAX_WORDS
            or _REVIEW_HELD.search(folded) is None or _NOT_TOLD.search(folded) is not None):
        return None
    return placement_references(folded) or None


def reply_to_review_told(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """A review told held for a placement the person sees: the command that records it. A
    reference that is no placement of theirs (or several) goes on to the next route."""
    seen = one_placement_seen(ctx)
    if seen is None:
        return ctx.registry.pass_on(REVIEW_TOLD_ROUTE, incoming, ctx)
    reference, councils = seen
    return [Reply(text=ctx.render("review_told.txt", reference=reference, councils=councils))]


def bare_done(text: str) -> bool | None:
    """True for "done" and its like with nothing else (pure); else None."""
    folded = " ".join(text.casefold().replace("\u2019", "'").split())
    return True if _BARE_DONE.fullmatch(folded) else None


def reply_to_bare_done(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """What "done" may mean, and the command for each."""
    return [Reply(text=ctx.render("bare_done.txt"))]
