"""The person's own lists asked for in plain words (session 41: "show my invoices", "my cases",
"which invoices are overdue?", "when is my next placement review" got the command's usage, or
"I don't know"; from a commissioner "which providers have overdue reviews?" got an entry on
reviews in general, and "who is the provider for RC-0101" "I don't know").

    listing_asked    a short request for one of the lists a read-only command shows
                     (``/invoice list``, ``/cases``, ``/reminders``, ``/reminders council``,
                     ``/tender``), with what in it is asked after (overdue, past the pledge's
                     aim, disputed, the next review); or who the provider of a placement is

The list is the command's own reply, run for the person as if they had typed it (the same
role rules and scoping: a provider's organisation's records, a commissioner's own, the
council's behind /reminders council), then a line on what was asked after in it, then one
line naming the command for next time. Nothing that changes data is ever run from plain words
(recording, closing, disputing, paying: those keep the how-to reply), nor a "how do I ..."
question (the how-to reply says which command: "how do I see my invoices" gets /invoice list),
nor a question about the rules ("what happens if an invoice is overdue", "how often are
placement reviews": the knowledge base's).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from bot.messages import Incoming, Reply
from bot.models import Deadline, DeadlineStatus, Invoice, Organisation, Person, Role
from handlers.deadlines.chat import (
    DISPUTED,
    booked_reviews,
    invoice_counterparts_named,
    invoices_listed,
)
from handlers.deadlines.store import (
    PART_DISPUTED,
    REVIEW_RULES,
    invoice_shown,
    local_date,
    open_deadlines_for,
    placements_seen,
)
from handlers.deps import Ctx
from handlers.formats import MONTH_WORDS, day_in_words
from handlers.talk.matching import (
    MAX_WORDS,
    ONE_NAMED,
    casefolded,
    how_to_use,
    own_records_question,
    questions_in,
)
from knowledge.search import english_words

LISTING_ROUTE = "listing-asked"

Listed = Literal["invoices", "cases", "reviews", "deadlines", "tenders", "placements",
                 "provider"]
Focus = Literal["", "overdue", "aim", "disputed", "next"]


@dataclass(frozen=True, slots=True)
class Listing:
    """What a request asks to see: which list (``listed``), what in it (``focus``), whether the
    council's as a whole (``council``: council staff only), the placement reference asked
    after (``reference``: for its provider)."""

    listed: Listed
    focus: Focus = ""
    council: bool = False
    reference: str = ""
    # "how do I see my invoices": the command that shows them, not the list (a how-to reply).
    how_to: bool = False
    # "has northshire paid us", "have we paid Riverside's invoices": the organisation on the
    # other side of the invoices asked after, as typed (the handler finds it among the
    # person's own: ``invoice_counterparts_named``).
    named: str = ""
    # "hasn't paid our invoice from november": the month told, as typed ("november", "last
    # month"), whose invoices are shown (by the day received, the one day an invoice keeps).
    month: str = ""
    # "has northshire paid hillview": the payer named, when it is an organisation, for the
    # handler to find it is the asker's own council (else the words go on).
    payer: str = ""
    # "has the council paid us yet? we might have to lay off staff": the pressure told after
    # the question, answered with a kind line and how to raise it.
    pressed: bool = False


_TOPICS: tuple[tuple[Listed, re.Pattern[str]], ...] = (
    ("invoices", re.compile(r"\binvoices?\b|\bbills\b")),
    ("reviews", re.compile(r"\b(?:placement |care |joint monitoring |monitoring )?(?:reviews?"
                           r"|revisits?)\b")),
    ("cases", re.compile(r"\bcases?\b")),
    ("tenders", re.compile(r"\btenders?\b")),
    ("placements", re.compile(r"\bplacements\b")),
    # Plural: "when is our deadline to ask clarification questions" is one deadline's.
    ("deadlines", re.compile(r"\b(?:deadlines|reminders|what'?s due|what is due|things due"
                             r"|anything due)\b")),
)
# Only a request or a question for a list: "show me ...", "list ...", "which ...", "any ...",
# "how many ...", "what ... do we have", "when is my next ...", or the list's name alone with
# its owner ("my invoices", "the council's deadlines").
_OPENS = re.compile(
    r"^(?:(?:hi|hello|hey)\W+)?(?:please\W+)?(?:"
    r"(?:can|could|would|will) you\W+(?:please\W+)?(?:show|list|give me|check|tell|pull up"
    r"|bring up)\b"
    r"|(?:show|list|see|view|check|give me|tell me|display|pull up|bring up)\b"
    r"|which\b|what\b|whats\b|what's\b|any\b|how many\b|when(?:'s| is| are)\b|whens\b"
    r"|(?:do|have) (?:i|we)\b|are there\b|is there\b|are any\b|have any\b"
    r"|(?:my|our|the council'?s|council|all (?:my|our|the))\b)")
# Words of the rules, a change or a "how do I": never a list (the knowledge base's, or the
# how-to reply's).
_NOT_A_LISTING = re.compile(
    r"\b(?:if|happens?|happen|should|must|why|how long|how often|how do|how can|how to|how"
    r" are|how is|can (?:i|we)|could (?:i|we)|allowed|rules?|law|legal(?:ly)?(?! limit)"
    r"|interest"
    r"|charge|supposed|entitled|mean|means|meant|count|counts|include|includes|evaluated"
    r"|process|procedure|policy|guidance|explain|difference|work out|worked out|calculated"
    r"|record|log|close|closed|dispute|pay|mark|add|raise|submit|send|cancel|delete|remove"
    r"|update|change|chase|follow|unfollow|accept|resolve|acknowledge|reopen|end|edit|correct"
    r"|bid|win|won|lost|apply|challenge|rejected|refused|wrong|evidence|proof|template|format"
    # How reminders reach them ("when are reminders sent to us?"), not their list.
    r"|sent|sending|emailed|e-mailed|notified|reminded|receive"
    r"|do (?:i|we) do|what (?:do|should|can|must) (?:i|we))\b"
    # One in general ("what do I do with a paid invoice?"), not one's own.
    r"|\b(?:a|an) (?:\w+ )?(?:invoice|case|review|tender|deadline|reminder)\b"
    r"|^(?:what'?s|whats) (?:a|an)\b|\b(?:has|have|need|needs) to\b"
    r"|^(?:what|whats|what's) (?:is|are) (?:a|an|the)\b(?! (?:open|overdue|unpaid|outstanding"
    r"|disputed|upcoming|next|current|live)\b)"
    r"|\bhow many (?:days|weeks|working days|months|hours)\b|\bday limit\b"
    r"|^(?:what|whats|what's) (?:is|are)(?: an?)? (?:invoices?|cases?|reviews?|tenders?"
    r"|deadlines?|reminders?)\b")
# The list's name alone with its owner ("my invoices", "the council's deadlines"), and "when"
# (whose own list only: "when is my next review").
_NAMED_ALONE = re.compile(r"^(?:(?:hi|hello|hey)\W+)?(?:please\W+)?(?:my|our|the council'?s"
                          r"|council|all (?:my|our|the))\b")
_WHEN = re.compile(r"^(?:(?:hi|hello|hey)\W+)?(?:please\W+)?(?:when(?:'s| is| are)\b|whens\b)")
# (Not "me" or "you": "tell me the deadline for reviews", "can you tell me when reviews are due"
# ask for the rules; session 41's review found them listed.)
_OWNER = re.compile(r"\b(?:my|our|mine|ours|i|i've|ive|we|we've|weve|us|council'?s|council"
                    r"|the council)\b")
# Words of the rules about a list, once what in it is asked after ("past the pledge aim", "past
# the legal limit") is set aside: a pledge, a limit, an aim, one deadline, how often ("any
# pledge on late invoices?", "is there any limit on disputed invoices", "tell me the deadline
# for initial reviews", "are there reviews due every month", "how many invoices can be late":
# session 41's review found 36 such questions answered with the person's list).
_RULE_WORDS = re.compile(
    r"\b(?:pledges?|commitments?|limits?|aims?|deadline|every|each|per|within|can be|may be"
    r"|in \d+ (?:working )?days|target|targets|timescales?|standard|for placements)\b")
# "what are disputed invoices", "what are overdue reviews": what the words mean ("what are the
# open tenders" is a request for them).
_WHAT_ARE = re.compile(r"^(?:what|whats|what's) (?:is|are)\b(?! the\b)")
_COUNCIL = re.compile(r"\b(?:the council'?s|council'?s|council|providers|placements|all the"
                      r" council|all of the council|whole council|everyone'?s|every)\b")
_STATE = re.compile(r"\b(?:overdue|outstanding|unpaid|late|open|due|past|pending|coming up"
                    r"|upcoming|next|disputed|on hold|live|current|still open|waiting|left"
                    r"|(?:not|haven'?t|hasn'?t) (?:yet |been )?paid)\b")
# The words a list named alone with its owner may have ("my invoices please", "our open
# cases", "the council's deadlines").
_ALONE = frozenset((
    "my", "our", "the", "council", "council's", "councils", "all", "open", "current", "live",
    "overdue", "unpaid", "outstanding", "disputed", "upcoming", "please", "pls", "now", "today",
    "invoice", "invoices", "bills", "case", "cases", "review", "reviews", "placement", "tender",
    "tenders", "deadline", "deadlines", "reminder", "reminders", "list", "of", "thanks",
    "placements",
))
# Overdue: past the legal limit ("outstanding", "unpaid" ask for the list itself: every invoice
# on it is unpaid).
_OVERDUE = re.compile(r"\b(?:overdue|late|past (?:the )?(?:(?:30|thirty)[- ]day )?(?:legal )?"
                      r"(?:limit|30 days|thirty days"
                      r"|due)|past 30|over 30 days|more than 30 days)\b")
_PAST_AIM = re.compile(r"\b(?:past|over|beyond|missed|outside) (?:the )?(?:pledge'?s? )?"
                       r"(?:10[- ]day |ten[- ]day )?aim\b|\bpast (?:10|ten) days\b"
                       r"|\bover (?:10|ten) days\b")
_DISPUTED = re.compile(r"\b(?:disputed|in dispute|on hold|queried)\b")
_NEXT = re.compile(r"\bnext\b|\bcoming up\b|\bupcoming\b|\bwhen(?:'s| is| are)\b|\bwhens\b")
# "who is the provider for RC-0101", "which provider has RC-0101", "who provides RC-0101"
_REFERENCE = r"(?P<reference>[a-z]{1,6}-?\d{2,}[a-z0-9/_.-]*)"
_PROVIDER_OF = re.compile(
    r"^(?:(?:hi|hello|hey)\W+)?(?:(?:who|which provider|what provider)(?:'s| is| was)?"
    r" (?:the )?(?:provider|care provider|home|agency)?\s*(?:for|of|on|with|at|has|holds|runs"
    r"|delivering|providing)?(?: (?:the )?(?:placement|care for|care of))?"
    r"|who (?:provides|delivers|has|runs|looks after|is providing|is delivering)"
    r"(?: (?:the )?(?:placement|care for|care to|care of))?"
    r"|whose (?:placement )?is|which provider is)\s+(?:placement )?" + _REFERENCE
    + r"(?:'s)?(?: (?:with|placed with|at))?\W*$")


# "how do I see my invoices", "where can we view our tenders": read as the request after it.
_HOW_TO_SEE = re.compile(
    r"^(?:(?:hi|hello|hey)\W+)?(?:how (?:do|can|would|should) (?:i|we)|how to|where (?:do|can)"
    r" (?:i|we)|can (?:i|we)|is there a way to)\W+(?P<rest>(?:see|view|check|find|list"
    r"|look at)\b.*)$")


# Who the asker is, told first in a sentence of its own ("We are a care home. show my
# invoices", "I'm the manager at Riverside. my cases?": session 43's brief, the knowledge base's
# or "I don't know"; "We run supported living. List our invoices.": session 44's): the request
# after it is read as typed alone.
_WHO_WE_ARE = re.compile(
    r"^\W*(?:(?:hi|hello|hey)\W+)?(?:(?:we\s+are|we['\u2019]re|i\s+am|i['\u2019]?m)\s+"
    r"(?:a|an|the|one\s+of\s+the)\b|this\s+is\s+\w+\s+(?:from|at)\b"
    r"|(?:we|i)\s+(?:run|provide|deliver|manage|operate|offer)\s+(?=\w))"
    r"(?P<told>[^.!?;]{0,60})[.!;]+\s+(?P<rest>\S.*)$", re.DOTALL | re.IGNORECASE)


# Whether invoices have been paid, asked whole ("has the council paid us yet?", "has
# northshire paid any of my invoices?", "have we paid Riverside's invoices yet?": session 44's
# brief, the knowledge base's): the invoice list, of the organisation named when one is (the
# payer a provider names, the provider council staff name). Nothing more in the words: "paid
# late", "paid invoice CT-0901", a second sentence are other routes'.
_NAME = r"[a-z][a-z&'-]*(?: [a-z][a-z&'-]*){0,2}"
_WHOSE = r"(?:my|our|the|all (?:my|our|the)|any (?:of )?(?:my|our|the)|any|all|either of our)"
# An organisation named with nothing after it ("have we paid Hillview yet?", "have we paid
# Riverside Care Homes invoices yet", "has finance paid the Hillview invoice": session 44's
# records review, "I don't know"): none of its words a word of the question's own, and not
# "them", "late", "for training" or the like.
_WORD_OF_A_NAME = (r"(?!(?:yet|already|so|at|invoices?|bills?|the|my|our|a|an|any|all|your"
                   r"|their|this|that|these|those|them|it|us|me|him|her|late|early|on|in|for|to"
                   r"|by|with|off|out|back|up|over|enough|more|less|too|twice|what|everything"
                   r"|everyone|anyone|anybody|everybody|someone|nobody|properly|correctly"
                   r"|right|twice|again|invoice|bill)\b)[a-z][a-z&'-]*")
_NAMED = _WORD_OF_A_NAME + r"(?: " + _WORD_OF_A_NAME + r"){0,2}"
_PAID_YET = re.compile(
    r"^(?:(?:hi|hello|hey)\W+)?(?:has|have)\s+(?P<payer>" + _NAME + r")\s+(?:paid|settled)"
    r"\s+(?:us|me|" + _WHOSE + r" (?:invoices?|bills?)|(?:the )?(?P<issuer>" + _NAME
    + r")'s (?:invoices|bills)"
    r"|(?:" + _WHOSE + r" )?(?:invoices?|bills?) from (?P<sender>" + _NAME + r")"
    r"|(?:the )?(?P<owner>" + _NAMED + r") (?:invoices?|bills?)|(?P<bare>" + _NAMED + r"))"
    r"(?: yet| already| so far| at all)?$")
# "which invoices from riverside are still unpaid" (session 44's records review: a topic on
# payment terms): that organisation's list.
_FROM_UNPAID = re.compile(
    r"^(?:which|what|any|show(?: me)?|list)(?: of)?(?: the| our)? (?:invoices|bills)"
    r" (?:from|to|for) (?P<named>" + _NAME + r") (?:are|is) (?:still )?(?P<state>unpaid"
    r"|outstanding|overdue|not (?:yet )?paid|open|waiting)(?: now| today)?$")
# "what do we owe providers?", "how much do we owe Riverside" (session 44's records review:
# credit notes): the council's invoice list, or the one organisation's.
_OWED = re.compile(
    r"^(?:what|how much) (?:do|does) (?:we|i|the council) (?:still |currently )?owe"
    r" (?:to )?(?:(?:the |our |any |all )?(?P<providers>providers|care providers)"
    r"|(?P<named>" + _NAMED + r"))(?: now| today| at the moment| right now)?$")
# "council still hasn't paid our invoice from november" (session 44's records review: "I
# don't know"): told, not asked, but the list shows that invoice's standing.
_MONTH_WORDS = "(?:" + MONTH_WORDS + ")"
_NOT_PAID_TOLD = re.compile(
    r"^(?:the )?(?P<payer>" + _NAME + r"?) (?:still )?(?:hasn'?t|hasnt|has not|haven'?t|havent"
    r"|have not|not|never) (?:yet |even )?(?:paid|settled) (?:us|me|(?:our|my|the|any of our)"
    r" (?:invoices?|bills?))(?: (?:from|for|in|since|dated|sent in) (?:(?P<month>"
    + _MONTH_WORDS + r"|last month)|last week))?(?: yet)?$")
# "any overdue invoices i need to chase?" (session 44's records review): the overdue ones.
_TO_CHASE = re.compile(r"\s+(?:that |which )?(?:i|we) (?:need|have|ought|should|must|might"
                       r" need|may need)(?: to)? chase(?: up)?$")
# A question, then a sentence or two after it ("has the council paid us yet? we might have to
# lay off staff"), and what in them says the lateness hurts the asker's business or staff.
_PRESSURE_AFTER = re.compile(r"^(?P<asked>[^?.!]+\?)\s+(?P<rest>[^?]+?)[.!]*$")
_PRESSURE = re.compile(
    r"\b(?:lay(?:ing)? (?:off|(?:staff|people|carers) off)|laid off|redundan\w*|payroll"
    r"|(?:can'?t|cannot|won'?t be able to|struggl\w* to|might not) (?:make |pay |meet )"
    r"(?:our |the )?(?:staff|wages|salaries|carers|payroll|rent|bills)|cash ?flow"
    r"|go(?:ing)? (?:under|bust|out of business)|bankrupt\w*"
    r"|clos(?:e|ing) (?:our|the) (?:doors|business|service|home)"
    r"|insolven\w*|struggling|desperate|can'?t keep going|running out of (?:money|cash))\b")
# The payer named as no organisation in particular ("has the council paid us").
_NO_ONE_NAMED = frozenset((
    "the council", "council", "the councils", "the la", "the local authority", "you", "they",
    "we", "i", "them", "anyone", "the commissioners", "commissioning", "finance",
    "the finance team"))


def listing_asked(text: str) -> Listing | None:
    """The list a short plain request asks to see, and what in it; else None (pure: the
    handler runs the command for the person, and finds a placement's provider among their
    own)."""
    told = _WHO_WE_ARE.match(text)
    if told is not None and len(told.group("told").split()) <= MAX_WORDS // 2:
        return listing_asked(told.group("rest"))
    pressure = _PRESSURE_AFTER.match(text.strip())
    if pressure is not None and _PRESSURE.search(casefolded(pressure.group("rest"))):
        # The payments asked after, then what their lateness does to the asker (session 45:
        # the bare list, not a word on it).
        asked = listing_asked(pressure.group("asked"))
        return dataclasses.replace(asked, pressed=True) if asked is not None and (
            asked.listed == "invoices" and not asked.how_to) else None
    folded = casefolded(text).rstrip(" ?.!")
    # "cases?", "invoices pls": the list's name alone asked for (``_terse``).
    named_alone = (text.rstrip().endswith("?")
                   or re.search(r"\W(?:please|pls)$", folded) is not None)
    folded = re.sub(r"\W+(?:please|pls|thanks|thank you|ta)$", "", folded)
    if not folded or folded.startswith("/") or len(folded.split()) > MAX_WORDS:
        return None
    paid = _PAID_YET.match(folded) or _NOT_PAID_TOLD.match(folded)
    payer = ""
    if paid is not None and "owner" in paid.re.groupindex and (
            paid.group("owner") or paid.group("bare")) and (
            paid.group("payer") not in _NO_ONE_NAMED):
        # "has southshire paid hillview?": a council's payments to a provider, listed only
        # for that council's own staff (the handler's to find: session 45).
        payer = paid.group("payer")
    if paid is not None and len(questions_in(text, sentences=True)) <= 1:
        named = next(found for found in (*(paid.group(group) for group in (
            "issuer", "sender", "owner", "bare") if group in paid.re.groupindex),
            paid.group("payer")) if found)
        month = paid.group("month") if "month" in paid.re.groupindex else None
        return Listing("invoices", named="" if named in _NO_ONE_NAMED else named,
                       month=month or "", payer=payer)
    one = _FROM_UNPAID.match(folded) or _OWED.match(folded)
    if one is not None and len(questions_in(text, sentences=True)) <= 1:
        named = "" if one.group("named") in (None, *_NO_ONE_NAMED) else one.group("named")
        overdue = "state" in one.re.groupindex and one.group("state") == "overdue"
        return Listing("invoices", "overdue" if overdue else "", named=named)
    folded = _TO_CHASE.sub("", folded)
    found = _PROVIDER_OF.match(folded)
    if found is not None:
        return Listing("provider", reference=found.group("reference").upper())
    seeing = _HOW_TO_SEE.match(folded)
    if seeing is not None:
        # The how-to reply's own when it has one ("how do I see my cases": /cases).
        if how_to_use(folded) is not None:
            return None
        asked = listing_asked(seeing.group("rest"))
        return dataclasses.replace(asked, how_to=True) if asked is not None and (
            asked.listed != "provider") else None
    if (ONE_NAMED.search(folded) is not None  # "is CT-0901 overdue": the routes that look it up
            # Two questions ("which invoices are overdue? and who is my commissioner?"): the
            # routes that answer each in its turn.
            or len(questions_in(text, sentences=True)) > 1):
        return None
    folded = _spelled(folded)
    listed = _listed(folded) or _terse(folded, asked=named_alone)
    if listed is None:
        # A question about one's own records that pointed to the command before ("have I got
        # any reviews coming up", "when is our next payment due"): its list now.
        kind = own_records_question(text)
        listed = next((own for own in _OWN_RECORDS if own == kind), None)
        if (listed is None or _NOT_A_LISTING.search(folded) is not None
                or not _only_list_words(folded)):
            return None
    focus: Focus = ""
    if listed == "invoices":
        focus = ("disputed" if _DISPUTED.search(folded) else "aim" if _PAST_AIM.search(folded)
                 else "overdue" if _OVERDUE.search(folded) else "")
    elif listed == "reviews":
        focus = "overdue" if re.search(r"\b(?:overdue|late|missed|past)\b", folded) else (
            "next" if _NEXT.search(folded) else "")
    council = listed in ("reviews", "deadlines") and _COUNCIL.search(folded) is not None
    return Listing(listed, focus, council)


# The command that shows each list, with its words.
_COMMANDS: dict[Listed, tuple[str, str]] = {
    "invoices": ("invoice", "list"), "cases": ("cases", ""), "reviews": ("reminders", ""),
    "deadlines": ("reminders", ""), "tenders": ("tender", ""), "placements": ("placement", "list"),
}


def reply_to_listing(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """The list asked for, as its command shows it to the person, a line on what was asked
    after in it, and the command for next time; a placement's provider, for one the person may
    see. A command the person may not use: the words go on."""
    asked: Listing = ctx.match
    if asked.listed == "provider":
        return _provider_of(asked.reference, ctx)
    name, words = _COMMANDS[asked.listed]
    staff = ctx.person.role in (Role.COMMISSIONER, Role.ADMIN)
    council = asked.council and staff
    if council:
        words = "council"
    route = ctx.registry.commands.get(name)
    if route is None or ctx.person.role not in route.roles:
        return ctx.registry.pass_on(LISTING_ROUTE, incoming, ctx)
    if asked.payer and not (staff and _own_council(ctx, asked.payer)):
        # "has southshire paid hillview": another council's payments are none of theirs.
        return ctx.registry.pass_on(LISTING_ROUTE, incoming, ctx)
    # "have we paid Riverside's invoices": those of the organisation named, found among the
    # person's own (their invoices' other side); a name of none, their whole list, said so.
    unknown = ""
    others: dict[int, str] = {}
    if asked.named:
        others = invoice_counterparts_named(ctx, asked.named)
        if others:
            words = "list " + (next(iter(others.values())) if len(others) == 1
                               else asked.named)
        else:
            unknown = asked.named
    typed = f"/{name} {words}".strip()
    if asked.how_to:
        return [Reply(text=ctx.render("listing_how_to.txt", command=typed,
                                      listed=asked.listed,
                                      provider=ctx.person.role == Role.PROVIDER))]
    month = _month_told(ctx, asked.month) if asked.listed == "invoices" else None
    if month is not None and not _unpaid_received_in(ctx, month):
        # "hasn't paid our invoice from september", with none unpaid from then: said, and the
        # unpaid ones there are named briefly.
        rest = _unpaid_received_in(ctx, None)
        if rest:
            return [Reply(text="\n".join((ctx.render(
                "listing_month_none.txt", month=month, invoices=rest,
                provider=ctx.person.role == Role.PROVIDER).strip(),
                ctx.render("listing_next_time.txt", command=typed).strip())))]
        month = None
    if month is not None:
        # "hasn't paid our invoice from november": November's alone.
        replies = invoices_listed(ctx, others=others or None, received_in=month)
    else:
        saved = ctx.args
        ctx.args = words
        try:
            replies = list(route.handler(incoming, ctx))
        finally:
            ctx.args = saved
    if not replies:
        return replies
    if unknown:
        first = replies[0]
        replies[0] = dataclasses.replace(first, text="\n".join((
            ctx.render("listing_named_none.txt", name=unknown,
                       provider=ctx.person.role == Role.PROVIDER).strip(), first.text)))
    if asked.council and not staff and asked.listed == "deadlines":
        # "show the council's deadlines" from a provider: theirs, and whose the council's are
        # (session 42's brief: their own were shown with not a word).
        first = replies[0]
        replies[0] = dataclasses.replace(first, text="\n".join((
            ctx.render("listing_council_own.txt").strip(), first.text)))
    lines = []
    if asked.listed == "invoices" and asked.focus:
        lines.append(_invoices_focus(ctx, asked.focus))
    elif asked.listed == "reviews":
        lines.extend(_reviews_focus(ctx, asked.focus, council=council))
    if asked.pressed and ctx.person.role == Role.PROVIDER:
        lines.append(ctx.render("listing_pressed.txt"))
    lines.append(ctx.render("listing_next_time.txt", command=typed))
    last = replies[-1]
    replies[-1] = dataclasses.replace(
        last, text="\n".join([last.text.rstrip(), *(line.strip() for line in lines
                                                     if line.strip())]))
    return replies


def _own_council(ctx: Ctx, payer: str) -> bool:
    """Whether ``payer`` (as typed: "northshire", "the northshire council") names the asker's
    own organisation."""
    own = casefolded(ctx.person.organisation.name)
    said = re.sub(r"^the |\b(?:county |city |borough |district )?council$", "", payer).strip()
    return bool(said) and (own == said or own.startswith(f"{said} "))


def _month_told(ctx: Ctx, month: str) -> date | None:
    """The first day of the month told ("november": the last November up to today; "last
    month"), or None when none was told."""
    if not month:
        return None
    today = local_date(ctx.now, ctx.person.timezone).replace(day=1)
    if month == "last month":
        return (today - timedelta(days=1)).replace(day=1)
    number = day_in_words(f"1 {month}", today)
    if number is None:
        return None
    year = today.year if number.month <= today.month else today.year - 1
    return date(year, number.month, 1)


def _unpaid_received_in(ctx: Ctx, month: date | None) -> list[Invoice]:
    """The organisation's unpaid invoices /invoice list shows (a payment clock running, or
    disputed), received in ``month``'s month (any, for None), oldest first; at most 20."""
    provider = ctx.person.role == Role.PROVIDER
    query = select(Invoice).where(
        Invoice.paid_on.is_(None),
        (Invoice.issuer_id if provider else Invoice.payer_id) == ctx.person.organisation_id,
        select(Deadline.id).where(Deadline.invoice_id == Invoice.id,
                                  (Deadline.status == DeadlineStatus.OPEN)
                                  | Deadline.outcome.like(f"{DISPUTED}%")).exists())
    if month is not None:
        after = (month + timedelta(days=32)).replace(day=1)
        query = query.where(Invoice.received_on >= month, Invoice.received_on < after)
    return list(ctx.session.scalars(query.order_by(Invoice.received_on, Invoice.id).limit(20)))


def _invoices_focus(ctx: Ctx, focus: Focus) -> str:
    """The line naming the invoices in the list that are what was asked after."""
    provider = ctx.person.role == Role.PROVIDER
    mine = ctx.person.organisation_id
    unpaid = select(Invoice).where(
        Invoice.paid_on.is_(None),
        (Invoice.issuer_id if provider else Invoice.payer_id) == mine)
    if focus == "disputed":
        # As /invoice list shows them: paused by a whole dispute still standing (its last
        # payment clock closed as disputed: ``disputed_clock``), or running on for the rest of
        # a part disputed; among the same 50 the list reads, in one query.
        clock = aliased(Deadline)
        last_clock = select(func.max(clock.id)).where(
            clock.invoice_id == Invoice.id, clock.rule == "payment"
        ).correlate(Invoice).scalar_subquery()  # two levels in: named, not found
        paused = select(Deadline.id).where(
            Deadline.id == last_clock, Deadline.status == DeadlineStatus.NOT_APPLICABLE,
            func.substr(Deadline.outcome, 1, len(DISPUTED)) == DISPUTED).exists()
        in_part = select(Deadline.id).where(
            Deadline.invoice_id == Invoice.id, Deadline.status == DeadlineStatus.OPEN,
            Deadline.outcome.like(f"{PART_DISPUTED} %")).exists()
        read = unpaid.with_only_columns(Invoice.number, paused, in_part).where(
            select(Deadline.id).where(Deadline.invoice_id == Invoice.id,
                                      Deadline.outcome.like(f"{DISPUTED}%")).exists()
            | in_part).order_by(Invoice.received_on, Invoice.id).limit(50)
        return ctx.render("listing_focus.txt", focus=focus, numbers=[
            number for number, whole, part in ctx.session.execute(read) if whole or part])
    today = local_date(ctx.now, ctx.person.timezone)
    running = unpaid.where(select(Deadline.id).where(
        Deadline.invoice_id == Invoice.id, Deadline.status == DeadlineStatus.OPEN).exists())
    standings = {"overdue": ("overdue",), "aim": ("past-aim", "overdue")}[focus]
    numbers = [invoice.number for invoice in ctx.session.scalars(
        running.order_by(Invoice.received_on, Invoice.id).limit(50))
        if invoice_shown(invoice, "", ctx.deps.calendar, today)["standing"] in standings]
    return ctx.render("listing_focus.txt", focus=focus, numbers=numbers)


def _reviews_focus(ctx: Ctx, focus: Focus, *, council: bool) -> list[str]:
    """The lines naming the overdue reviews in the list (with each provider's name, to council
    staff), or the next one to come."""
    today = local_date(ctx.now, ctx.person.timezone)
    reviews = [deadline for deadline in open_deadlines_for(ctx.session, ctx.person,
                                                           today=today, council=council)
               if deadline.rule in REVIEW_RULES]
    staff = ctx.person.role in (Role.COMMISSIONER, Role.ADMIN)
    names = {organisation_id: name for organisation_id, name in ctx.session.execute(
        select(Organisation.id, Organisation.name).where(
            Organisation.id.in_({review.provider_id for review in reviews
                                 if review.provider_id})))} if staff and reviews else {}
    # One said booked for a day to come is booked, not overdue, until the day passes (as
    # /reminders shows it: session 44's brief).
    booked = booked_reviews(ctx.session, reviews, today)
    overdue = [{"reference": review.reference, "days": (today - review.due_on).days,
                "provider": names.get(review.provider_id or 0)}
               for review in reviews if review.due_on < today and review.id not in booked]
    to_come = [review for review in reviews if review.due_on >= today]
    upcoming = to_come[0] if focus == "next" and to_come else None
    return [ctx.render("listing_reviews.txt", focus=focus, overdue=overdue, reviews=reviews,
                       next=upcoming and {"reference": upcoming.reference,
                                          "due_on": upcoming.due_on},
                       booked=[{"reference": review.reference,
                                "provider": names.get(review.provider_id or 0),
                                "on": booked[review.id], "today": booked[review.id] == today}
                               for review in reviews if review.id in booked])]


def _provider_of(reference: str, ctx: Ctx) -> list[Reply]:
    """Who the provider of a placement the person may see is; "I can't find ..." for one they
    may not see or that does not exist (the same reply either way)."""
    placements = placements_seen(ctx.session, ctx.person, [reference])
    today = local_date(ctx.now, ctx.person.timezone)
    providers = {organisation_id: name for organisation_id, name in ctx.session.execute(
        select(Organisation.id, Organisation.name).where(
            Organisation.id.in_({placement.provider_id for placement, _council in placements})))
    } if placements else {}
    contacts = {person_id: name for person_id, name in ctx.session.execute(
        select(Person.id, Person.name).where(Person.id.in_(
            {placement.provider_contact_id for placement, _council in placements
             if placement.provider_contact_id})))} if placements else {}
    return [Reply(text=ctx.render(
        "listing_provider.txt", reference=reference,
        provider=ctx.person.role == Role.PROVIDER,
        organisation=ctx.person.organisation.name,
        several=len(placements) > 1,
        placements=[{"reference": placement.reference, "council": council,
                     "provider": providers.get(placement.provider_id, ""),
                     "contact": contacts.get(placement.provider_contact_id or 0),
                     "ended_on": placement.ended_on if placement.ended_on is not None
                     and placement.ended_on <= today else None}
                    for placement, council in placements]))]


# The words of a request for a list: asking, whose, which list, and what in it.
_LIST_WORDS = frozenset((
    "hi", "hello", "hey", "please", "pls", "thanks", "ta", "can", "could", "would", "will", "you",
    "your", "show", "list", "lists", "see", "view", "check", "give", "tell", "display", "pull",
    "bring", "up", "me", "i", "we", "us", "my", "our", "mine", "ours", "i've", "ive", "we've",
    "weve", "im", "i'm", "the", "a", "an", "all", "any", "which", "what", "whats", "what's",
    "when", "whens", "when's", "is", "are", "do", "does", "did", "have", "has", "got", "there",
    "of", "for", "on", "in", "to", "at", "with", "by", "from", "that", "this", "these", "those",
    "how", "many", "much", "still", "yet", "now", "today", "week", "month", "year", "so", "far",
    "right", "currently", "be", "been", "being", "it", "them", "they", "and", "or", "ones", "one",
    "every", "everything", "whole", "more", "than", "over", "beyond", "outside", "missed", "left",
    "invoice", "invoices", "bill", "bills", "payment", "payments", "case", "cases", "review",
    "reviews", "revisit", "revisits", "placement", "placements", "care", "monitoring", "joint",
    "initial", "deadline", "deadlines", "reminder", "reminders", "due", "things", "thing",
    "anything", "tender", "tenders", "open", "overdue", "outstanding", "unpaid", "late", "past",
    "pending", "coming", "upcoming", "next", "waiting", "disputed", "hold", "queried", "paid",
    "not", "pledge", "pledge's", "aim", "limit", "legal", "days", "day", "thirty", "ten",
    "haven't", "havent", "hasn't", "hasnt",
    "providers", "provider", "council", "council's", "councils", "live", "current", "status",
))
# The own records' kinds that pointed to a command before (``own_records_question``).
_OWN_RECORDS: tuple[Listed, ...] = ("invoices", "reviews", "deadlines", "cases")


# A terse request ("overdue invoices", "cases open?", "invoices pls", session 42's brief): the
# list's name and what in it, and only such words; a word of anything else ("interest",
# "pledge", "rules", "meaning", "sla", "escalation") leaves it to the knowledge base.
_TERSE_WORDS = frozenset((
    "invoice", "invoices", "bills", "case", "cases", "review", "reviews", "revisits",
    "reminders", "deadlines", "tenders", "overdue", "late", "unpaid", "outstanding", "open",
    "disputed", "due", "past", "upcoming", "coming", "up", "next", "pending", "current", "live",
    "not", "paid", "yet", "still", "any", "all", "my", "our", "the", "show", "list", "view",
    "display", "me", "please", "pls", "now", "today", "status",
))
_BARE_STATE = re.compile(r"\b(?:overdue|outstanding|open|upcoming|next|coming up|pending|due"
                         r"|not (?:yet |been )?paid)\b")
_SHOW = re.compile(r"^(?:show|list|view|display)\b")
# Asked alone with a question mark ("cases?", "invoices?"): only the lists that are plainly the
# person's own records ("tenders?", "placements?" may ask about tendering in general).
_ASKED_ALONE = frozenset(("invoices", "cases", "reminders", "deadlines"))
# "whats overdue", "anything late": the person's deadlines (/reminders) asked after whole.
_ANYTHING_OVERDUE = re.compile(
    r"^(?:what'?s|what is|anything|any)(?: still)? (?:overdue|late|outstanding)"
    r"(?: (?:now|today))?$")


def _terse(folded: str, *, asked: bool) -> Listed | None:
    """The list a terse request asks for ("overdue invoices", "open cases", "cases?", "whats
    overdue"), or None; ``asked``: the words ended with a question mark or a "please"."""
    if _ANYTHING_OVERDUE.match(folded):
        return "deadlines"
    if folded == "overdue" and asked:
        # "overdue?" alone (session 43's brief: the knowledge base's word on late payment):
        # the invoices, their overdue ones named; bare, with no question mark, it is a word.
        return "invoices"
    words = re.findall(r"[a-z']+", folded)
    if (not words or not set(words) <= _TERSE_WORDS
            # "past invoices", "invoices paid late" may be their history, or the rules.
            or ("past" in words and re.search(r"\bpast due\b", folded) is None)
            or ("paid" in words and re.search(r"\bnot (?:yet |been )?paid\b", folded) is None)):
        return None
    topics = [listed for listed, found in _TOPICS if found.search(folded)]
    if len(topics) != 1:
        return None
    listed = topics[0]
    # "invoice status" (session 44's records review: "I don't know"): the list, with each
    # one's standing.
    if (_OWNER.search(folded) is not None or _SHOW.match(folded) is not None
            or ("status" in words and listed in ("invoices", "cases"))
            or re.match(r"^any\b", folded) is not None
            # "all unpaid invoices"; "all cases" may be the closed ones too (/cases all).
            or (folded.startswith("all ") and _STATE.search(folded) is not None)):
        return listed
    # With no "my", "any" or "show", only a state that is a list's ("overdue invoices", "open
    # cases", "upcoming deadlines", "outstanding invoices", "invoices not paid": session 42's
    # review, the demo's "I don't know"): "late invoices", "unpaid invoices", "disputed
    # invoices" name the topic the knowledge base answers as well (late payment, disputes).
    if _BARE_STATE.search(folded) is not None:
        return listed
    # The list's name alone: a request with a "please" or a question mark ("invoices pls",
    # "cases?"); alone and bare it stays the command's usage ("cases").
    if len(words) == 1 and listed in _ASKED_ALONE and asked:
        return listed
    return None


# The words a typo is read for (a letter left out, one too many, two swapped: "invocies",
# "ovedue", "remiders"), only from words of no list and at least six letters long ("dispute",
# "invoiced", "reviewed" are words of their own, and none is corrected), nor any English word
# ("remainders", "deadliness": session 42's review, "what remainders are due" was listed).
_SPELT = ("invoices", "overdue", "outstanding", "reminders", "deadlines", "upcoming")


def _spelled(folded: str) -> str:
    """The words with a list's word typed wrong written right."""
    return re.sub(r"[a-z]{6,}", lambda found: _respelled(found.group()), folded)


def _respelled(word: str) -> str:
    """The word of ``_SPELT`` ``word`` is one slip from, else ``word`` (a word of a list's, or
    of English, as it is)."""
    if word in _LIST_WORDS or word in english_words():
        return word
    return next((right for right in _SPELT if _one_slip(word, right)), word)


def _one_slip(typed: str, right: str) -> bool:
    """Whether ``typed`` is ``right`` with one letter left out or put in, or two swapped."""
    if len(typed) == len(right):
        slips = [index for index, (a, b) in enumerate(zip(typed, right, strict=True)) if a != b]
        return (len(slips) == 2 and slips[1] == slips[0] + 1
                and typed[slips[0]] == right[slips[1]] and typed[slips[1]] == right[slips[0]])
    short, long = sorted((typed, right), key=len)
    if len(long) - len(short) != 1:
        return False
    return any(long[:index] + long[index + 1:] == short for index in range(len(long)))


def _only_list_words(folded: str) -> bool:
    """Whether every word is one a request for a list is made of (a word of anything else,
    "insurance", "portal", "social worker", "hardship", asks about something else)."""
    return all(word.removesuffix("'s") in _LIST_WORDS or word.isdigit()
               for word in re.findall(r"[a-z0-9']+", folded))


def _listed(folded: str) -> Listed | None:
    """The list a request in the words asks for (reviews for the reminders asked after their
    reviews), or None."""
    if (_OPENS.match(folded) is None or _NOT_A_LISTING.search(folded) is not None
            or not _only_list_words(folded)):
        return None
    topics = [listed for listed, words in _TOPICS if words.search(folded)]
    if "reviews" in topics and set(topics) <= {"reviews", "deadlines", "placements"}:
        topics = ["reviews"]  # "which placements have overdue reviews"
    if len(topics) != 1:
        return None  # none, or two lists ("my cases and invoices"): not read here
    listed = topics[0]
    alone = set(re.findall(r"[a-z']+", folded)) <= _ALONE
    owned = _OWNER.search(folded) is not None
    if _RULE_WORDS.search(_PAST_AIM.sub(" ", _OVERDUE.sub(" ", folded))) is not None or (
            _WHAT_ARE.match(folded) is not None and not owned):
        return None
    if _NAMED_ALONE.match(folded) and not alone:
        return None  # "council still hasnt paid our invoice from august": told, not asked
    if _WHEN.match(folded) and not owned:
        return None  # "when is the placement review due": the rule, the knowledge base's
    # With no owner and no state, only "show the tenders" and the like ("which tenders are
    # above the threshold" may be the rules').
    if (not alone and not owned and _STATE.search(folded) is None
            and not (listed == "tenders"
                     and re.match(r"^(?:show|list|see|view|check|any)\b", folded))):
        return None
    if listed == "tenders" and not alone and not re.match(
            r"^(?:(?:can|could|would|will) you\W+(?:please\W+)?)?(?:show|list|see|view|check"
            r"|give me|display|any|which|what|whats|what's|do|have|are there|is there"
            r"|my|our|all)\b", folded):
        return None
    return listed
