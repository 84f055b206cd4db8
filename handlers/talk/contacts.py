"""Questions about the bot's own records that the knowledge base cannot answer (session 30's
trial: "who is my commissioner?" and "how long does the council have to reply to a conflict?"
were "I don't know", though pledgebot routes to that commissioner and sets those times itself).

    my_commissioner_question   "who is my commissioner?", "who do I contact at the council?"
    case_times_question        "how long does the council have to reply to a conflict?"

Each matcher is pure; the replies read the directory and the case service levels.
"""

from __future__ import annotations

import re
from collections import defaultdict

from sqlalchemy import select

from bot.messages import Incoming, Reply
from bot.models import Contract, Person, Placement, Role
from bot.words import apostrophes_dropped
from handlers.deadlines.store import council_names, local_date
from handlers.deps import Ctx

MY_COMMISSIONER_ROUTE = "my-commissioner"
CASE_TIMES_ROUTE = "case-times"
# The references named beside a commissioner, at most (then "and N more").
SHOWN_REFERENCES = 3

# Apostrophes are dropped first (``apostrophes_dropped``: "who's" is "whos").
_FOLD = re.compile(r"[^a-z0-9 ]+")
# An e-mail address or contact details asked for ("e-mail" is folded to "e mail").
_AN_EMAIL = r"(?:e ?mails?(?: address(?:es)?)?|contact(?: details)?|details)"
_MY_COMMISSIONERS = r"(?:my|our) (?:council |local authority |la )?commissioner(?:'s|s'|s)?"
# "who is my commissioner", "who's our council contact", "who are the commissioners for us",
# "who do I talk to at the council": the whole message, nothing asked besides.
_MY_COMMISSIONER = re.compile(
    r"(?:hi |hello |please )?(?:(?:who(?:s| is| are|'s)|which (?:commissioner|person) is)"
    r" (?:my|our|the) (?:council |local authority |la )?(?:commissioners?|commissioning"
    r" (?:officers?|contacts?|leads?|team)|contacts?(?: at the (?:council|local authority))?"
    r"|contract (?:managers?|officers?)|council contacts?)(?: (?:at|for|in) (?:the )?(?:council"
    r"|local authority|us|me))?|who (?:do|should|can) (?:i|we) (?:contact|talk to|speak to|ask"
    # session 33's trial: "who do i chase at the council" offered "Client contributions"
    r"|chase|email|e mail|ring|call|phone|get hold of|go to)"
    r" (?:at|in) the (?:council|local authority))"
    # "... and what is their email": what the reply tells of each (session 43's brief).
    r"(?: and (?:what(?:s| is| are|'s) )?(?:their|his|her) (?:" + _AN_EMAIL + r"))?"
    r"(?: please)?")
# "what is my commissioner's email", "my commissioners email address please", "how do I
# contact my commissioner" (session 43's brief: "I don't know", or the general rules of a CQC
# registration's address): who they are, with their address, is the same reply.
_COMMISSIONERS_EMAIL = re.compile(
    r"(?:hi |hello |please )?(?:(?:what(?:s| is| are|'s)|can (?:i|we) (?:have|get)"
    r"|could (?:i|we) (?:have|get)|(?:please )?(?:send|give) (?:me|us)) )?" + _MY_COMMISSIONERS
    + r" " + _AN_EMAIL + r"(?: please)?"
    r"|(?:what(?:s| is| are|'s)) the " + _AN_EMAIL + r" (?:for|of) " + _MY_COMMISSIONERS
    + r"(?: please)?"
    r"|how (?:do|can|should) (?:i|we) (?:contact|email|e mail|reach|get hold of) "
    + _MY_COMMISSIONERS + r"(?: please)?")


def my_commissioner_question(text: str) -> bool | None:
    """True when ``text`` only asks who the person's commissioner is, or their e-mail address
    (pure); else None."""
    folded = " ".join(_FOLD.sub(" ", apostrophes_dropped(text)).split())
    return True if (_MY_COMMISSIONER.fullmatch(folded)
                    or _COMMISSIONERS_EMAIL.fullmatch(folded)) else None


def reply_to_my_commissioner(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """A provider's commissioners: those named on its current placements and contracts, each
    with the council and a few of the references; with none on record, who else to ask.
    Council staff are told what the bot can tell them instead (session 33's second trial:
    "who do I chase at the council" went on to the knowledge base's "Client contributions")."""
    if ctx.person.role != Role.PROVIDER:
        return [Reply(text=ctx.render("my_commissioner.txt", staff=True))]
    today = local_date(ctx.now, ctx.settings.timezone)
    held: dict[int, list[str]] = defaultdict(list)
    for model in (Placement, Contract):
        for commissioner_id, reference in ctx.session.execute(
                select(model.commissioner_id, model.reference)
                .where(model.provider_id == ctx.person.organisation_id,
                       model.current_on(today))
                .order_by(model.reference)):
            held[commissioner_id].append(reference)
    people = ctx.session.scalars(select(Person).where(
        Person.id.in_(sorted(held)), Person.active.is_(True))
        .order_by(Person.name)).all() if held else []
    councils = council_names(ctx.session) if people else {}
    return [Reply(text=ctx.render(
        "my_commissioner.txt",
        commissioners=[(person.name, person.email, councils.get(person.organisation_id, ""),
                        held[person.id][:SHOWN_REFERENCES],
                        len(held[person.id]) - SHOWN_REFERENCES) for person in people]))]


# "how long does the council have to reply to a conflict", "how quickly will my feedback be
# answered", "when will the commissioner respond to our dispute": how long, a reply of some
# kind, and a kind of case. Not a tender's clarification question, an invoice or a complaint
# about care to a provider (the knowledge base's).
_HOW_LONG = re.compile(r"^(?:(?:and|so|but|please) )?(?:how long|how quickly|how soon|how many"
                       r" (?:working )?days|when|within what time|what is the timescale"
                       # "what's the response time for a conflict?" (session 44's review)
                       r"|what(?:s| is| are) (?:the|your|their) (?:usual |normal |expected )?"
                       r"(?:response|reply|turnaround|answer) times?)\b")
_A_REPLY = re.compile(r"\b(?:reply|replies|replied|respond\w*|response|answer\w*|acknowledg\w*"
                      r"|resolv\w*|deal(?:s|t)? with|gets? back|getting back|hear back"
                      r"|sort\w* (?:out|it))\b")
_CASE_KIND = re.compile(r"\b(?:(?P<conflict>conflicts?|disputes?|disagreements?|(?<=my )case"
                        r"|(?<=our )case)|(?P<feedback>feedback)|(?P<complaint>complaints?)"
                        r"|(?P<concern>concerns?))\b")
# "you lot", "they", "someone" said of whoever answers: the council (session 44's review).
_BY_THE_COUNCIL = re.compile(r"\b(?:council|councils|commissioners?|commissioning|local"
                             r" authority|la|you|pledgebot|the bot|they|someone|somebody)\b")
# "How quickly will my feedback be answered": the asker's own, answered by the council.
_MINE_ANSWERED = re.compile(r"\b(?:my|our) (?:feedback|conflicts?|disputes?|disagreements?"
                            r"|complaints?|cases?)\b.*\b(?:be (?:answered|resolved|acknowledged"
                            r"|dealt with|looked at)|get (?:a )?(?:reply|response|answer)"
                            r"|hear back)\b"
                            # "when will I hear back about my feedback?" (session 44's review)
                            r"|\b(?:hear|get) (?:back|a reply|a response|an answer) (?:about|on)"
                            r" (?:my|our) (?:feedback|conflicts?|disputes?|disagreements?"
                            r"|complaints?|cases?)\b")
_SOMEONE_ELSES = re.compile(
    r"\b(?:we|i|us|our (?:staff|team|manager|home))\b(?: \w+){0,2} (?:reply|respond|answer"
    r"|acknowledge|resolve|deal)|\bfrom (?:the|a|our) (?:council|commissioners?|staff|family"
    r"|families|residents?|relatives?)\b|\bbetween\b")
_SOMETHING_ELSE = re.compile(r"\b(?:tender\w*|bid\w*|clarification\w*|invoice\w*|pay\w*|standstill"
                             r"|cqc|ombudsman|resident\w*|family|relative\w*|service users?"
                             r"|safeguarding|subject access|foi|freedom of information)\b")


_A_PROVIDERS = re.compile(r"\b(?:a |the |from (?:a |the )?)?providers?(?:'s|s')?\b")
_WE_REPLY = re.compile(r"\b(?:we|i)\b(?: \w+){0,3} (?:reply|respond|answer|acknowledge|resolve"
                       r"|deal)")
# Put before the kind when the asker asks of their own duty to answer a provider's case.
STAFF_ASKING = "staff:"


# "what's the response time for a conflict": the one a case is answered in, the council's.
_RESPONSE_TIME = re.compile(r"^(?:(?:and|so|but|please) )?what(?:s| is| are) (?:the|your|their)"
                            r" (?:usual |normal |expected )?(?:response|reply|turnaround|answer)"
                            r" times? (?:for|on) (?:a |an |my |our )?(?:conflicts?|disputes?"
                            r"|disagreements?|feedback)$")
# Where a question may start after a feeling or an apology ("so annoyed. how long ...",
# "apologies, how quickly ...": session 44's review, "I don't know").
_PIECE_BREAK = re.compile(r"[.!,;:?]+\s+|\s[-\u2013\u2014]+\s+")
# A part of the message before the question that asks after something else: its own question.
_ASKS_ELSEWHERE = re.compile(r"\?|\b(?:what|when|how|which|who|why|where)\b")


def case_times_question(text: str) -> str | None:
    """The kind of case ("conflict" or "feedback") whose service level ``text`` asks about
    (pure), or its last sentence after words that ask nothing (a feeling, an apology); else
    None. A complaint counts as a disagreement only when said to be the council's to
    answer."""
    asked = _case_times_asked(text)
    if asked is not None:
        return asked
    for piece in _PIECE_BREAK.finditer(text):
        before, rest = text[:piece.start()], text[piece.end():]
        if _ASKS_ELSEWHERE.search(before.casefold()) is not None:
            return None
        asked = _case_times_asked(rest)
        if asked is not None:
            return asked
    return None


# The council asked how long it has, with no kind of case named ("how long should the council
# take to reply?" after "we've waited 3 months for the uplift": session 44's review).
_THE_COUNCIL_REPLYING = re.compile(
    r"^(?:how long|how quickly|how soon|how many (?:working )?days) (?:should|does|do|will|must"
    r"|is|are) (?:the council|councils?|you lot|you|the commissioners?|commissioners?|they)"
    r"(?: (?:meant|supposed|allowed|got|have|expected))?(?: to)? (?:take|have)?(?: to)?"
    r" ?(?:reply|respond|answer|get back(?: to (?:us|me))?)$")


def _case_times_asked(text: str) -> str | None:
    """``case_times_question`` of the whole of ``text`` (pure)."""
    folded = " ".join(_FOLD.sub(" ", apostrophes_dropped(text)).split())
    if _THE_COUNCIL_REPLYING.fullmatch(folded) is not None:
        return "conflict"
    if (len(folded.split()) > 25 or _HOW_LONG.search(folded) is None
            or _A_REPLY.search(folded) is None or _SOMETHING_ELSE.search(folded) is not None):
        return None
    kind = _CASE_KIND.search(folded)
    if kind is not None and kind.group("concern"):
        # "how long do we have to respond to a concern": the hub's own duty, a safeguarding
        # case's minutes (session 44's review: "I don't know"); only asked of one's own.
        return (STAFF_ASKING + "concern" if _WE_REPLY.search(folded) is not None
                and " from " not in f" {folded} " else None)
    # "how quickly do I have to respond to a provider's conflict": the council's staff asking
    # of their own duty (session 33's trial: "I don't know"); the handler answers it only to
    # them (``STAFF_ASKING``).
    # ... or with no provider named, "how long do I have to resolve a conflict?" (session 44's
    # review: a commissioner was answered commitment 6 with confidence): a disagreement or
    # feedback from no one else named, asked only of council staff (a provider's own "how long
    # do I have to ..." goes on to the knowledge base, as before).
    if (kind is not None and _WE_REPLY.search(folded) is not None
            and "between" not in folded.split()
            and (_A_PROVIDERS.search(folded) is not None
                 or (not kind.group("complaint") and " from " not in f" {folded} "))):
        return STAFF_ASKING + ("feedback" if kind.group("feedback") else "conflict")
    # The council's to answer, said so: not the provider's own ("how quickly should we respond
    # to negative feedback from staff", "a complaint from the council"), nor one between others
    # ("a disagreement between two carers"; session 30's review).
    if (kind is None or _SOMEONE_ELSES.search(folded) is not None
            or (_BY_THE_COUNCIL.search(folded) is None and _MINE_ANSWERED.search(folded) is None
                and _RESPONSE_TIME.match(folded) is None)):
        return None
    return "feedback" if kind.group("feedback") else "conflict"


def reply_to_case_times(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """The working days the council has to acknowledge and resolve a disagreement and
    feedback (the service levels the cases run on, ``Deps.sla``), and what happens if late."""
    if str(ctx.match).startswith(STAFF_ASKING) and ctx.person.role == Role.PROVIDER:
        return ctx.registry.pass_on(CASE_TIMES_ROUTE, incoming, ctx)  # not theirs to answer
    sla = ctx.deps.sla
    conflict, feedback = sla.working_days("conflict", ""), sla.working_days("feedback", "")
    # A council may give some kinds of disagreement their own times ("conflict.payment").
    varies = sorted({key.split(".", 1)[0] for key, days in sla.days.items()
                     if "." in key and days != sla.working_days(key.split(".", 1)[0], "")})
    # Then the other questions asked ("how long does the council have to reply to a
    # conflict? and is CT-0901 paid?": session 39's brief, the second was dropped). Here, not
    # at the top: the talk chat module is the one that reads the parts.
    from handlers.talk.chat import other_questions
    return other_questions(incoming, ctx, case_times_question, own=[
        Reply(text=ctx.render("case_times.txt", asked=ctx.match, conflict=conflict,
                              feedback=feedback, varies=varies,
                              minutes=ctx.settings.safeguarding_acknowledge_minutes))])
