"""Council staff's own how-to and status questions in plain words (session 43's trial: each was
"I don't know... Ask a colleague"):

    "how do i reassign a case to tom, he covers riverside now"   how to pass a case on
    "actualy cancel that im not going away after all"             their /away, and /away off
    "what's on for the council this week"                         /reminders council
    "whats the status of the riverside invoice complaint"         /cases
    "what does the ack deadline mean for cases"                   what acknowledging means

and, session 44's brief, how to do a step ("how do I close a case?", "how do i acknowledge a
case", "how can I see all the cases?", "how do I mark an invoice as paid?", "how do I record a
dispute on an invoice?"): the command and its form, in a line or three.

``staff_question`` is the pure matcher; ``reply_to_staff_question`` answers council staff and
passes anyone else's words on (a provider's "what's the status of my complaint" has its own
route)."""

from __future__ import annotations

import re

from bot.messages import Incoming, Reply
from bot.words import apostrophes_dropped
from handlers.deps import Ctx
from handlers.people.directory import COUNCIL_STAFF

STAFF_QUESTION_ROUTE = "staff-question"

_FOLD = re.compile(r"[^a-z0-9 ]+")
_A = r"(?:(?:a|the|this|that|my|our|one|some|his|her|their)\s+)?"
# A how-to question's start: "how do i", "can i", "where can i", "what's the command to".
# ("how long does the council have to dispute an invoice" is a rule: the knowledge base's)
_HOW = (r"\b(?:(?:how|where|what) (?:do|can|could|should|would|shall) (?:i|we)|(?:can|could)"
        r" (?:i|we)|is there a way|whats the (?:command|way)|i (?:want|need) to|id like to"
        r"|how to)\b")
# "case": not "a case of", "case notes", "case law".
_CASE_WORD = (r"cases?\b(?!\s+(?:of|for|about|study|studies|law|management|notes?|conference"
              r"|reviews?|workers?|files?|officers?|recording)\b)")
# ... and a case named as the kind it is (session 45's brief: "how do I close a complaint",
# "how do I reassign a conflict", "how do i hand this concern to tom" went to the knowledge
# base): feedback or a complaint, a disagreement (/conflict), a safeguarding concern. Not "the
# complaints procedure", "conflicts of interest", "dispute resolution", nor a dispute on an
# invoice (the invoice's own how-to).
_KIND_WORDS = (r"(?:complaints?\b(?!\s+(?:procedures?|polic(?:y|ies)|process(?:es)?|handling"
               r"|team|officers?)\b)|(?:conflicts?|disputes?|disagreements?)\b(?!\s+(?:of"
               r"|resolution)\b)(?!.*\binvoices?\b)|concerns?\b|feedback\b)")
_CASE_WORDS = rf"(?:{_CASE_WORD}|{_KIND_WORDS})"
_QUESTIONS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern)) for kind, pattern in (
        # how to pass a case on: "how do i reassign a case to tom", "can i hand this case over"
        ("reassign", r"\b(?:how|can (?:i|we)|could (?:i|we)|where|is there a way|i (?:want|need)"
                     r" to|id like to)\b.*\b(?:reassign\w*(?:\s+\w+){0,2}?\s+"
                     r"(?:cases?|it|this|that|pb)\b"
                     r"|cases?\b.*\breassign\w*|(?:pass|hand|transfer|move|give)\s+" + _A
                     + r"(?:\w+\s+)?cases?\b"
                     # "how do i hand this concern to tom" (not "give feedback")
                     + r"|(?:reassign\w*|pass|hand|transfer|move)\s+" + _A + r"(?:\w+\s+)?"
                     + _KIND_WORDS + ")"),
        # leave called off: "cancel that im not going away after all", "cancel my away"
        ("away", r"\b(?:not|no longer|nt)\s+(?:going|gonna|be|being)\s+(?:away|off|on leave"
                 r"|on holiday|on annual leave)\b|\b(?:cancel|undo|scrap|call off|turn off"
                 r"|switch off|remove)\s+(?:my\s+)?(?:away|leave|holiday|out of office"
                 r"|absence)\b"),
        # the council's clocks: "what's on for the council this week", "whats due for the team"
        ("reminders", r"\bwhat(?:s| is| are)?\s+(?:on|due|coming up|happening|outstanding)\b"
                      r"(?:\s+\w+){0,2}?\s+(?:for|at|across)\s+(?:the\s+)?(?:council|team"
                      r"|commissioning(?: team)?)\b"),
        # ("show the council's deadlines" is the lists' own, with its "Next time" line)
        # the status of one of the council's cases: "whats the status of the riverside invoice
        # complaint" (not "the status of a section 42 case": the knowledge base's)
        ("cases", r"\b(?:status|any news|an update|any update|progress|where are we|where is)"
                  r"\b(?:\s+\w+){0,2}?\s+(?:the|my|our|that|this)\s+(?:\w+\s+){0,3}?"
                  r"(?:complaint|case|disagreement|dispute|conflict|feedback)s?\b"),
        # "what does the ack deadline mean for cases"
        ("acknowledge", r"\b(?:ack|acknowledge|acknowledgement|acknowledgment)\s+(?:deadline"
                        r"|time|date|by|due|clock|target)s?\b"),
        # Session 44's third review, each "I don't know": "how do I reopen a case" (before
        # "list" and "close": "can I reopen a closed case?"), "how do I add a note only staff
        # can see?", "how do I ask the provider for more info on a case".
        ("reopen", _HOW + r".*\b(?:re ?open|un ?close|un ?resolve)\w*\s+" + _A
                   + r"(?:\w+\s+)?" + _CASE_WORDS),
        ("note", _HOW + r".*\b(?:(?:internal|private|staff(?: only)?|council(?: only)?|hidden"
                 r"|confidential)\s+notes?\b|notes?\b.*\b(?:only (?:staff|the council|council"
                 r"|we|us|colleagues)|staff only|internal|private|(?:provider|they)\s+(?:cant"
                 r"|cannot|wont|doesnt|dont)\s+see))"),
        ("ask", _HOW + r".*\b(?:ask|request|get|chase)\w*\s+(?:the\s+|a\s+|our\s+)?providers?"
                r"\s+(?:for\s+)?(?:some\s+|more\s+|further\s+)*(?:info|information|details?"
                r"|evidence)\b|" + _HOW + r".*\b(?:ask|request)\w*\s+(?:for\s+)?(?:some\s+"
                r"|more\s+|further\s+)*(?:info|information|details?)\s+(?:from|of)\s+"
                r"(?:the\s+|a\s+|our\s+)?providers?\b"),
        # "show me closed cases": the closed list itself (/cases closed).
        ("closed", r"^(?:please\s+)?(?:(?:can|could) you\s+)?(?:show|list|give|get)\s+(?:me\s+"
                   r"|us\s+)?(?:(?:all|the|my|our|of)\s+)*(?:closed|resolved|finished|old|past"
                   r"|archived)\s+cases?\b"),
        # How to do a step on a case or an invoice (session 44's brief: each "I don't know"):
        # "how do I close a case?", "how do i acknowledge a case", "how can I see all the
        # cases?", "how do I mark an invoice as paid?", "how do I record a dispute on an
        # invoice?".
        # ("how do I see my cases" is the how-to route's "Use /cases"). Before "close": "where
        # do I see closed cases", "can I see resolved cases?" ask for the list, not how to
        # close one (session 44's review: given how to close a case).
        ("list", _HOW + r".*\b(?:see|view|list|show|find|get|look at|check|read|look up"
                 r"|search)\s+(?:all|every|each|the|our|the councils|councils|open|closed"
                 r"|resolved|old|older|past|previous|finished|completed|archived|a|an)\s+"
                 r"(?:(?:of|the|our|my|councils|open|closed|resolved|old|older|past|previous"
                 r"|finished|completed|archived)\s+)*(?:case list\b|" + _CASE_WORD + ")"
                 r"|" + _HOW + r".*\b(?:see|view|list|show|find|look at|check|look up)\s+"
                 + _A + r"cases?\s+(?:(?:that\s+)?(?:i|we|ive|weve|i have|we have|have been"
                 r"|were|that were|already)\s+)+(?:closed|resolved|finished)\b"
                 # "where are resolved cases kept?" (session 44's third review)
                 r"|\bwhere\s+(?:are|do|is|can|would|will)\b.*\b(?:closed|resolved|finished|old"
                 r"|past|archived)\s+cases?\b"),
        ("close", _HOW + r".*\b(?:close|resolve|shut|sign off|finish|complete)\w*\s+(?:off\s+)?"
                  + _A + r"(?:\w+\s+)?" + _CASE_WORDS),
        # ... and "how do i ack one", the hub's "how do i acknowledge a concern" (session 44's
        # third review)
        ("acknowledge_how", _HOW + r".*\b(?:ack|acknowledge|acknowledg\w+)\s+(?:(?:\w+\s+)?"
                            + _A + r"(?:new\s+)?(?:safeguarding\s+)?(?:" + _CASE_WORDS
                            + r"|concerns?\b|alerts?\b)|(?:one|it|this|that|them)\s*$)"),
        # "how do I close a placement": /placement end (and reopen, for one ended by mistake)
        ("placement", _HOW + r".*\b(?:close|end|finish|stop|terminate|reopen|re open)\w*\s+"
                      + _A + r"(?:\w+\s+)?placements?\b"),
        ("paid", _HOW + r".*\b(?:(?:mark|record|log|set|put|register|enter|tick|update|show"
                 r"|say|flag)\w*\b.*\binvoices?\b.*\bpaid\b"
                 # one named by its number: "how do I mark HV-77 as paid?" (session 44's
                 # records review: bid confidentiality topics)
                 r"|(?:mark|record|log|set|register|enter|tick|update|flag)\w*\s+(?:invoice\s+)?"
                 r"[a-z]{1,6}\s?\d+[a-z0-9]*\s+(?:as\s+)?(?:paid|settled)\b"
                 r"|(?:record|log|register|enter)\w*"
                 r"\s+(?:a\s+|the\s+)?payment\s+(?:of|on|for|against)\s+(?:an?\s+|the\s+)?"
                 r"invoice)"),
        ("dispute", _HOW + r".*(?:\bdisput\w*\b.*\binvoices?\b|\binvoices?\b.*\bdisput\w*"
                    r"|\bquer(?:y|ies)\s+(?:an?\s+|the\s+)?invoice)"),
    ))
# How-to questions a provider asks too, answered from their side: they withdraw or accept
# rather than resolve, the council acknowledges, and the council pays their invoices (session
# 44's brief). A provider's dispute is /conflict, the how-to route's answer.
_PROVIDERS_TOO = ("close", "acknowledge_how", "list", "paid", "reopen", "placement", "closed")
_WHEN = re.compile(r"(?:when|by when|how (?:long|quickly|soon|fast|many days))\b")
_NOT_OURS = re.compile(r"\b(?:section 42|s42|s 42|safeguarding enquiry)\b")


def staff_question(text: str) -> str | None:
    """Which of council staff's own questions ``text`` asks ("reassign", "away", "reminders",
    "cases", "acknowledge", "close", "acknowledge_how", "list", "paid", "dispute"), when it is
    a short question or request (pure); else None."""
    folded = " ".join(_FOLD.sub(" ", apostrophes_dropped(text)).split())
    if not folded or len(folded.split()) > 20 or _NOT_OURS.search(folded):
        return None
    kind = next((kind for kind, pattern in _QUESTIONS if pattern.search(folded)), None)
    # "when do I need to acknowledge feedback", "how long do we have to close a complaint":
    # the council's response times (handlers/talk/contacts), not how the command goes.
    if kind is not None and kind != "acknowledge" and _WHEN.match(folded):
        return None
    return kind


def reply_to_staff_question(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """What the command does, or its answer: /away alone (their absence and /away off),
    /reminders council, /cases; how to reassign, close, acknowledge or list cases, and record
    an invoice paid or disputed; what acknowledging a case means. A provider asking how to
    close, acknowledge or list cases, or mark an invoice paid, is answered from their side."""
    kind = str(ctx.match)
    staff = ctx.person.role in COUNCIL_STAFF
    from handlers.safeguarding import howto_question  # (a cycle at import time: cases -> talk)

    if howto_question(incoming.text) is not None:
        # "how do i close a complaint about a carer hitting a resident": the safeguarding
        # guidance first (session 45's review: the how-to alone hid it)
        return ctx.registry.pass_on(STAFF_QUESTION_ROUTE, incoming, ctx)
    thing = _case_named(incoming.text)
    # A provider's "close a concern", "acknowledge a complaint" stay the knowledge base's (their
    # own complaints procedure; a concern, once raised, is the hub's to close, never
    # withdrawn), as before the case kinds were read; "acknowledge a concern" was theirs.
    if not staff and (kind not in ("acknowledge", *_PROVIDERS_TOO) or (
            kind in ("close", "acknowledge_how") and thing not in ("a case", "a concern"))
            or (kind == "close" and thing == "a concern")):
        return ctx.registry.pass_on(STAFF_QUESTION_ROUTE, incoming, ctx)
    command = {"away": ("away", ""), "reminders": ("reminders", "council"),
               "cases": ("cases", ""), "closed": ("cases", "closed")}.get(kind)
    route = ctx.registry.commands.get(command[0]) if command is not None else None
    if command is not None and route is not None:
        ctx.args = command[1]
        return route.handler(incoming, ctx)
    sla = ctx.deps.sla
    return [Reply(text=ctx.render(
        "staff_question.txt", kind=kind, provider=not staff,
        conflict=sla.working_days("conflict", ""),
        feedback=sla.working_days("feedback", ""),
        minutes=int(sla.safeguarding_acknowledge.total_seconds() // 60),
        reopen_days=sla.reopen_days,
        concern=re.search(r"\b(?:concerns?|alerts?|safeguarding)\b", incoming.text,
                          re.IGNORECASE) is not None,
        thing=thing,
        number=_number_named(incoming.text) if kind == "paid" else None))]


# The case a how-to names by its kind, in the words the answer gives it back in.
_KIND_NAMED = re.compile(r"\b(?:(complaint)|(conflict|dispute|disagreement)|(concern)|(feedback)"
                         r"|(case))s?\b", re.IGNORECASE)
_THINGS = ("a complaint", "a disagreement", "a concern", "feedback", "a case")


def _case_named(text: str) -> str:
    """How the answer names the case ``text`` asks about: "a complaint", "a disagreement" (a
    conflict or dispute), "a concern", "feedback", else "a case"."""
    found = _KIND_NAMED.search(text)
    return _THINGS[found.lastindex - 1] if found is not None and found.lastindex else "a case"


# The invoice a how-to names ("how do I mark HV-77 as paid?"), given back in the command.
_NUMBER_NAMED = re.compile(r"(?<![\w/-])([A-Za-z]{1,6}-?\d+[A-Za-z0-9]*)\s+(?:as\s+)?"
                           r"(?:paid|settled)\b", re.IGNORECASE)


def _number_named(text: str) -> str | None:
    """The invoice number written before "as paid" in ``text``, as typed; else None."""
    found = _NUMBER_NAMED.search(text)
    return found.group(1).upper() if found is not None else None
