"""A feeling said to the bot, not a question: anger at a payment late, a tender lost, an
apology (session 35's trial: each was "I don't know ... I've noted your question", and a
knowledge gap for the admin to teach).

``feeling`` is a pure matcher; ``reply_to_feeling`` a short kind reply that acknowledges it and
points to what helps: for a late payment the invoice clocks (the law's 30 days, the pledge's
aim of 10) and /conflict; for a tender lost the feedback the bidder is owed (pledge 28, and the
bid-feedback clock the reminders keep); for an apology, "No problem" and what the bot does
(for a hard time said alone, "it's been a rough day", "Sorry to hear it" and the same).
Nothing is searched or kept. Conservative: a message with a question in it is the knowledge
base's, and the safeguarding middleware has read every word before any route (harm said
beside a feeling is raised there first).
"""

from __future__ import annotations

import re
from typing import Literal

from bot.messages import Incoming, Reply
from bot.models import Role
from handlers.deps import Ctx
from handlers.talk.matching import casefolded
from scheduler.rules import LEGAL_PAYMENT_DAYS, get_rule

Feeling = Literal["late_payment", "lost_tender", "lost_tender_challenge", "apology", "hard_time"]
FEELING_ROUTE = "feeling"
# A feeling is said in a line or two; anything longer says more, for the knowledge base.
MAX_FEELING_WORDS = 40

_ANGER = re.compile(
    r"\b(?:f+u+c+k+\w*|f\*+\w*|bloody|useless|ridiculous|a joke|joke|disgrace\w*|pathetic"
    r"|shambles|shambolic|appalling|outrageous|unacceptable|sick (?:of|and tired)|fed up"
    r"|had enough|fuming|furious|livid|angry|annoyed|frustrat\w*|incompetent|hopeless"
    r"|rubbish|farce|taking the piss|beyond belief|no excuse|not good enough|shocking"
    r"|disgusted|infuriating)\b")
_PAYMENT_LATE = re.compile(
    r"\b(?:still|yet)\b(?:\W+\w+){0,3}?\W+(?:no|not|nothing|haven'?t|havent|hasn'?t|hasnt"
    r"|isn'?t|without)\b(?:\W+\w+){0,3}?\W+(?:pa(?:y|id|yment|yments)|money|invoices?)\b"
    r"|\b(?:no|not been|never been|haven'?t been|havent been|not yet been|still not)"
    r" (?:paid|payment)\b"
    r"|\b(?:not|never|n't|havent|hasnt)(?: yet)?(?: been)? paid\b"
    r"|\b(?:late|overdue|outstanding|unpaid|delayed) (?:payments?|invoices?)\b"
    r"|\b(?:payments?|invoices?)\b(?:\W+\w+){0,4}?\W+(?:late|overdue|outstanding|unpaid"
    r"|delayed)\b"
    r"|\b(?:wait\w*|chas\w*)\b(?:\W+\w+){0,3}?\W+(?:for\W+)?(?:payments?|paid|our money"
    r"|invoices?)\b")
# Whose payment is late: the council's, to the writer's side ("we still haven't been paid",
# "you lot ... still no payment", "chasing payment"), never a client's own contribution nor a
# provider's invoices not sent (session 35's review).
_COUNCILS_TURN = re.compile(
    r"\b(?:council|councils|you lot|you|your|we|we'?ve|weve|we'?re|were|us|our|i|i'?ve|ive|i'?m"
    r"|im|me|my|commissioners?|local authority|la)\b|\b(?:chas\w*|wait\w*)\b")
_NOT_COUNCILS = re.compile(
    r"\b(?:contributions?|top[- ]?ups?|self[- ]?fund\w*|clients?'?s?|residents?'?s?|family"
    r"|families|relatives?|mrs?|ms|miss|her|his|providers?|agency|sent|send|submit\w*"
    r"|raised?)\b")
# A tender lost said beside a challenge, the standstill, the scores or the law is time-critical:
# the standstill and how to challenge come first, then the kind word (session 35's review).
_CHALLENGE = re.compile(
    r"\b(?:challeng\w*|standstill|stand still|appeal\w*|scor\w*|points?|marks?|marking"
    r"|review (?:of |the )?(?:the )?(?:decision|award|outcome)|legal\w*|solicitors?|lawyers?"
    r"|judicial|tribunal|court|sue|suing|complain\w*|overturn\w*|dispute\w*|contest\w*"
    r"|remed(?:y|ies)|procurement act)\b")
_LOST = re.compile(
    r"\b(?:lost|didn'?t win|didnt win|did not win|failed to win|weren'?t successful"
    r"|were not successful|not successful|unsuccessful|rejected|lost out on)\b"
    r"(?:\W+\w+){0,3}?\W+(?:tender|bid|contract|framework|lot)s?\b"
    r"|\b(?:tender|bid)s?\b(?:\W+\w+){0,3}?\W+(?:was|were|has been|have been|got) (?:lost"
    r"|unsuccessful|rejected|not successful)\b")
_DISTRESS = re.compile(
    r"\b(?:disaster\w*|devastat\w*|gutted|gutting|heartbroken|heartbreaking|crushed|awful"
    r"|terrible|horrible|nightmare|a (?:huge |massive |big |real )?blow|upset\w*|demorali[sz]\w*"
    r"|distraught|in bits|in tears|gutting|catastroph\w*|miserable|unfair|so sad|really sad"
    r"|sad|shattered|crushing|soul destroying|hurts?)\b")
_SORRY_FOR = (r"(?: (?:about|for) (?:that|earlier|this|swearing|ranting|snapping|shouting"
              r"|being (?:rude|short|snappy|grumpy)|(?:my|the) (?:language|swearing|rant"
              r"|outburst|tone|message|last message|rudeness))(?: earlier)?)?")
_APOLOGY = (r"(?:(?:(?:so |really |very )?sorry|apologies|my apologies|i apologi[sz]e)"
            + _SORRY_FOR + ")")
# A hard time said ("it's been a rough day", "long week"): alone, it gets a kind word too.
_HARD_TIME = (r"(?:(?:it'?s|its|it has|it'?s been|its been|been|it was|(?:i'?ve|ive|i have"
              r"|we'?ve|weve|i|we) had|had) )?(?:a |such a |one of those )?"
              r"(?:very |really |so )?(?:long"
              r"|rough|bad|hard|busy|tough|stressful|crazy|mad|hectic|awful|horrible|difficult"
              r"|terrible|nightmare|manic) (?:week|day|month|morning|afternoon|shift|few days"
              r"|few weeks|night)s?")
# ... said with when it was and that all is calm now ("rough day yesterday but the home is calm
# now", "rough night last night but everyone is settled now": session 36's trial, "I don't
# know" and a knowledge gap; the session's review: "had a rough night but the staff are
# settled now" too). Not "not calm", nor anything or anyone else beside it.
_WHEN = (r"(?: (?:yesterday|today|tonight|earlier|last night|this (?:morning|afternoon|evening"
         r"|week)|last week|at work|on shift))?")
_CALM_NOW = (r"(?:\W+(?:but |and |though |thankfully |luckily )?(?:(?:the |our )?(?:home|house"
             r"|unit|floor|ward|residents|everyone|everybody|everything|things|all|it|staff"
             r"|team|service users|clients|people|tenants)"
             r"(?: is| are|s|'s| seems?| feels?| looks?)? )?(?:(?:back |much |a lot |all )?(?:calm"
             r"|calmer|settled|fine|ok|okay|quiet|quieter|better|good|sorted|normal|peaceful"
             r"|under control)|calmed down)(?: again)?(?: now)?)?")
_HARD_TIME_SAID = re.compile(r"^" + _HARD_TIME + _WHEN + _CALM_NOW + r"\W*$")
_REASON = (r"(?:" + _HARD_TIME
           + r"|(?:i'?m|im|i am|i was|i'?ve been|ive been|been)"
           r" (?:just |so |a bit |really |very )?(?:tired|stressed|frustrated|exhausted|knackered"
           r"|shattered|rude|short|snappy|grumpy"
           r"|out of order|a bit much|venting|ranting|cross|angry|annoyed|wound up)"
           r"(?: with you| earlier| there)?"
           r"|(?:i )?lost my (?:temper|rag|cool)"
           r"|(?:i )?(?:didn'?t|didnt|did not) mean (?:it|that|to (?:swear|be rude|snap|shout))"
           r"|(?:not|wasn'?t|wasnt) (?:your|aimed at you|personal)(?: fault)?"
           r"|(?:just )?(?:needed|had) to vent)")
_APOLOGY_SAID = re.compile(
    r"^" + _APOLOGY + r"(?:\W+(?:" + _REASON + r"))?(?:\W+(?:and |but )?" + _REASON
    + r"){0,2}\W*$")
# ... or the reason first ("rough week, sorry", "long day, apologies for the rant").
_APOLOGY_AFTER = re.compile(r"^(?:" + _REASON + r")\W+(?:and |but |so )?" + _APOLOGY + r"\W*$")
_ASKS = re.compile(
    r"\?|^(?:what|how|when|where|which|who|why|can|could|do|does|did|is|are|should|must|will"
    r"|would)\b|[,.;:!]\s*(?:what|how|when|where|which|who|why|can|could|do|does|is|are|should"
    r"|must|will|would)\b")


def feeling(text: str) -> Feeling | None:
    """The feeling a whole message says, when it says one and asks nothing; else None (pure).

    An apology with its reason, before or after it ("sorry. long week", "apologies, I was rude",
    "rough week, sorry"; "sorry" alone is small talk's), or a hard time alone ("it's been a
    rough day"); anger at a payment that is late ("3 weeks and still no payment", with a word
    of anger); a tender lost, said with distress ("we lost the tender, its a disaster")."""
    folded = casefolded(text)
    if (not folded or folded.startswith("/") or len(folded.split()) > MAX_FEELING_WORDS
            or _ASKS.search(folded)):
        return None
    said = folded.strip(" .!")
    if (_APOLOGY_SAID.match(said) and re.search(_REASON, said)) or _APOLOGY_AFTER.match(said):
        return "apology"
    if _HARD_TIME_SAID.match(said):
        return "hard_time"
    if (_ANGER.search(folded) and _PAYMENT_LATE.search(folded)
            and _COUNCILS_TURN.search(folded) and not _NOT_COUNCILS.search(folded)):
        return "late_payment"
    if _LOST.search(folded) and _DISTRESS.search(folded):
        return "lost_tender_challenge" if _CHALLENGE.search(folded) else "lost_tender"
    return None


def reply_to_feeling(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """A short kind reply to a feeling (``feeling``), pointing to what helps; the bid-feedback
    clock is said as the reminders keep it. Council staff are never the ones waiting to be
    paid: their anger at a payment goes on to the routes after this one, else the knowledge
    base (session 35's review)."""
    if ctx.match == "late_payment" and ctx.person.role != Role.PROVIDER:
        return ctx.registry.pass_on(FEELING_ROUTE, incoming, ctx)
    return [Reply(text=ctx.render(
        "feeling.txt", kind=ctx.match, provider=ctx.person.role == Role.PROVIDER,
        feedback_days=get_rule("bid-feedback").amount, aim_days=get_rule("payment").amount,
        legal_days=LEGAL_PAYMENT_DAYS))]
