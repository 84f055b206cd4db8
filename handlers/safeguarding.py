"""Safeguarding: every word a person types is read for harm before any handler sees it.

``read_every_word`` is a Router middleware (``register`` adds it). It reads the typed words of
every message (free text, a command's words, a form's answers, a whole form's free-text answers;
``bot.dispatch.typed_words``) with ``knowledge.safeguarding.detect``. A concern is raised at once,
whatever then becomes of the message: the guidance goes back to the sender first, an urgent case
is opened for the council's safeguarding lead, and the leads are told now (through the outbox,
``urgent``). The handler then runs as usual inside a SAVEPOINT, so if it refuses the message
(``BadInput``, ``NotAllowed``) only its own work is undone, never the concern. A question typed
besides the concern, in a part of its own and not about it ("whats the deadline for the tender
clarifications, and also im worried about HV-0231, ..."; ``questions_beside``), is answered after
the guidance as if typed alone; the hub gets the whole message.

Whose words are read: a provider's, everywhere. Council staff handle concerns, and their notes
on a case ("the carer who hit her was suspended") must not open new ones, so only their questions
(free text outside a form, and ``/ask``) are read.

A **how-to question** about safeguarding ("what should I do if I suspect neglect", "what is a
section 42 enquiry"; ``knowledge.safeguarding.classify`` labels it "howto") opens no case: it is a
free-text route (``howto_question`` is its pure matcher: the "howto" label and a safeguarding
word) that answers with the guidance and the contacts and a "Raise a concern now" button,
unless the knowledge base answers the question with another entry first. The button opens a
one-question form ("What has happened, and to whom?"); its answer raises the concern by the
same path as a disclosure (``raise_concern``: an urgent case, the leads told now), whatever
words it uses, since the person has said it is a concern. When the middleware has already
raised it from those words, it is not raised twice. A message that only says the person wants
to raise a concern ("I need to raise a safeguarding concern", "raise a concern now";
``wants_to_raise``) gets the guidance and the button before anything the knowledge base would
answer, and the knowledge base's own safeguarding entry carries the button too.

When the word rules find nothing and the concern model (``knowledge.concern``) is unsure of the
words (``safeguarding.unsure``), the usual reply comes after one question, "Is this about
someone's safety?", with the same "Raise a concern now" button: no case, nobody told, an audit
event (``safeguarding.checked``, no words) so a council can see how often it asks. Not while the
concern form itself is being answered: that answer raises the concern anyway. "yes" (or "not
sure") typed after it opens the concern form, "no" is thanked (with the button), and an "ok" that
says neither is asked again; a "yes" typed right after that thank-you opens the form too.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import re
import secrets
import uuid
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from bot import audit, forms
from bot.dispatch import HELD, Router, parse_command, typed_words
from bot.errors import BadInput, NotAllowed
from bot.messages import Button, Form, FormField, Incoming, Notification, Reply
from bot.models import (
    AuditEvent,
    Case,
    CaseEvent,
    CaseKind,
    CaseStatus,
    Deadline,
    DeadlineStatus,
    FormSession,
    Invoice,
    OfferedButtons,
    Organisation,
    OrganisationKind,
    Person,
    Placement,
    Question,
    Role,
)
from bot.registry import ONLY_IF_ANSWERED, WORDS_ANSWERED, WORDS_WITHHELD, Next
from bot.templates import render
from handlers.cases import service as cases
from handlers.cases.chat import ACTIONS as CASE_ACTIONS
from handlers.cases.chat import (
    ANONYMOUS_CHOICES,
    ANSWER_FORM,
    FEEDBACK_FORM,
    HARM_TOLD,
    acknowledges,
    forget_reply_invited,
    proposal_answer,
    reads_as_reply,
    reply_invited,
)
from handlers.cases.sweep import next_to_tell
from handlers.deadlines.store import REVIEW_RULES, councils_of, may_act_on, placements_seen
from handlers.deps import SAFETY_ASKED, Ctx, Deps
from handlers.formats import initials_only, reference_key, without_names
from handlers.identifiers import identifiers_removed, without_identifiers
from handlers.people.directory import COUNCIL_STAFF
from handlers.surveys.chat import FORM_PREFIX as SURVEY_FORM_PREFIX
from handlers.surveys.chat import SURVEY_FIELD
from handlers.surveys.results import survey_by_key
from handlers.talk.matching import (
    ACKNOWLEDGEMENTS,
    OPENING_PHRASES,
    Bereavement,
    after_small_talk,
    apostrophes_dropped,
    asked_parts,
    asks_several,
    death_worried,
    leans_back,
    small_talk,
    without_condition_change,
)
from knowledge import safeguarding
from knowledge.answers import MAX_QUESTION_CHARS, Answer, without_preamble

# ``ctx.marks`` keys: this message raised a concern (the runtime's ``WORDS_ANSWERED``: the ask
# handler then says no more, and an open form does not complain about the words); its words
# were read (the ask handler need not read them again); the person was asked "Is this about
# someone's safety?" about them (so the ask handler keeps them as a question, even as news
# told, and a "yes" then carries them to the concern).
CONCERN_RAISED = WORDS_ANSWERED
WORDS_READ = "safeguarding.read"
# The words asked about tell something and ask nothing ("im worried about one of our service
# users"): when the knowledge base has no answer, the safety question is the whole reply, and
# the ask chat keeps the words (for a "yes" to carry to the concern) in ``SAFETY_ASKED_MODE``,
# answered by that question, so no knowledge gap (session 42's trial: "I don't know the answer
# to that ... I've noted your question" came after the question, and the words were a gap).
TOLD_NOT_ASKED = "safeguarding.told_not_asked"
SAFETY_ASKED_MODE = "safety_asked"
MAX_STORED_CHARS = MAX_QUESTION_CHARS
# The "Raise a concern now" button under the how-to guidance, and the form it opens.
RAISE = "safeguarding.raise"
RAISE_BUTTON = Button(label="Raise a concern now", action=RAISE, value="")
# The same form, offered to a care worker who told of their own abuse at home: they say what
# the council's safeguarding team is to be told, if anything.
TELL_THE_HUB = Button(label="Tell the safeguarding team", action=RAISE, value="")
CONCERN_FORM = Form(form_id="safeguarding", title="Safeguarding concern", fields=(
    FormField(name="what", label="What has happened, and to whom?",
              hint="Use a placement reference or initials, never a full name. If anyone is "
                   "in immediate danger, call 999 now.",
              max_length=cases.MAX_DESCRIPTION),
))
# The concern form answered with a no ("no its fine actually", "false alarm", "pressed it by
# mistake"): nothing is raised.
# The whole message must be such words (the session's code review: "no meds since friday"
# began with "no" and was dropped).
_TAKEN_BACK_WORDS = (r"(?:no|nope|nah|not really|no thanks?|no thank you|never ?mind|it'?s (?:fine"
                     r"|ok|okay|all fine|all ok|nothing)|its (?:fine|ok|okay|nothing)|all (?:fine"
                     r"|ok|good)|false alarm|(?:my )?mistake|(?:it was )?a mistake|wrong button"
                     r"|(?:i )?pressed (?:it |that |the button )?by mistake"
                     r"|ignore (?:it|that|this)|cancel(?: it| that)?|sorry|actually|thanks?"
                     r"|thank you|ok|okay|please)")
_TAKEN_BACK = re.compile(r"^\W*" + _TAKEN_BACK_WORDS + r"(?:\W+" + _TAKEN_BACK_WORDS
                         + r")*\W*$", re.IGNORECASE)
MAX_TAKEN_BACK_WORDS = 8
# A retraction with more words in it, typed at the same question ("no sorry, its about pay not
# safety": session 42's trial, sent to the hub as an URGENT concern quoting it): ``retracted``.
# It says it is no concern in so many words: each of these is removed from the words read ...
_NO_CONCERN = re.compile(r"\b(?:" + "|".join((
    # "not safety", "not a safeguarding issue", "nobody's safety", "no safeguarding issue here"
    r"(?:not|isnt|wasnt|nobodys|no ones|noones|nothing|no)(?: (?:really|about|to do with|re"
    r"|regarding|a|an))*(?: (?:anyones|anybodys|someones|somebodys|a persons))?"
    r" (?:safety|safeguarding)(?: (?:thing|issue|concern|matter|question|one|problem|worry"
    r"|related))?",
    r"not (?:about )?(?:a |an )?(?:person|anyone|anybody|someone|somebody|resident|service user"
    r"|client|people|harm|abuse|neglect)",
    # "nobody is at risk", "no one is in danger", "everyone is safe"
    r"(?:nobody|no one|noone|no body) (?:is|was|has been|s|got|were|are|is being|was being)"
    r" (?:hurt|harmed|injured|at risk|in danger|in any danger|unsafe|abused)",
    r"(?:everyone|everybody) (?:is|s|are) (?:safe|fine|ok|okay|alright|all right)",
    r"nothing (?:has |had |bad )?(?:happened|has happened)",
    # "wrong button", "didn't mean to press that", "false alarm", "changed my mind"
    r"wrong (?:button|thing|form|option|one|box)",
    r"(?:pressed|clicked|tapped) (?:it |that |this |the button )?by (?:mistake|accident)",
    r"(?:did not|didnt|dont|do not) (?:mean|want) to (?:press|click|tap|raise|send|report)"
    r"(?: (?:it|that|this|the button|anything|a concern|the concern))?",
    r"(?:please )?(?:dont|do not|no need to) (?:raise|send|report|flag|log|pass on)"
    r"(?: (?:it|that|this|anything|a concern|the concern|one))?",
    r"false alarm|misunderst\w*|(?:i )?misread|(?:i )?got (?:it )?(?:confused|mixed up)"
    r"|changed my mind|my mistake|(?:a )?mistake|ignore (?:it|that|this)"
    r"|cancel(?: (?:it|that|this))?|no need|not needed|never ?mind",
)) + r")\b")
# ... or it says what it is about instead, after a no or a sorry: the business's money ("its
# about the rates", "a pay issue", "I meant our staff's pay") ...
_MONEY = (r"(?:pay|payments?|rates?|fees?|money|invoices?|contracts?|funding|uplifts?|wages?"
          r"|salary|salaries|prices?|pricing|costs?|budgets?|tenders?|bids?|finances?|cash ?flow"
          r"|cash|bills?|billing|terms|frameworks?|procurement|commissioning)")
_ABOUT_MONEY = re.compile(r"\b(?:(?:about|re|regarding|to do with|over|meant|mean)(?: \w+){0,4}?"
                          r" " + _MONEY + r"|" + _MONEY + r"(?: \w+)? (?:issue|question|thing"
                          r"|query|matter|problem|concern|worry)|its (?:the |our )?" + _MONEY
                          + r")\b")
_CORRECTED = re.compile(r"\b(?:(?:i|we) meant|i mean|meant to ask)\b")
# ... and every word left is one of these: no person, no harm, no number (when in doubt, the
# concern is raised: "no, its about her money", "no pay for three months", "not safety, money
# missing").
_LEADING_NO = re.compile(r"^(?:(?:no|nope|nah|sorry|oops|oh|ok|okay|actually|erm|um|hmm|ah)"
                         r"(?: |$))+")
_APOLOGY = frozenset({"sorry", "apologies", "oops", "actually"})
_RETRACTION_WORDS = frozenset(re.findall(r"[a-z]+", """
a an the its it is was this that these i im ive we were weve our us my me just only really
actually about re regarding to do of for on with and or so but sorry apologies oops please
thanks thank you ok okay here there all anything being been be are question query issue issues
thing things matter problem problems concern concerns worry one ask asking talking meant mean
wanted want rather than instead then now think thought sure venting ranting moaning complaining
going on over general generally
pay payment payments rates rate fee fees money invoice invoices contract contracts funding
uplift uplifts wage wages salary salaries price prices pricing cost costs budget budgets tender
tenders bid bids finance finances financial cashflow cash flow bill bills billing terms
framework frameworks procurement commissioning business hourly weekly monthly annual yearly
late overdue increase rise national living minimum new staff staffs carers workers care home
homes company council commissioner commissioners
"""))
MAX_RETRACTION_WORDS = 25
# The small talk that says nothing of what happened, typed at the concern form's question: it
# is asked again. A no, a sorry or a goodbye is taken back (above); a yes is the concern.
_SAYS_NOTHING = frozenset({"greeting", "wellbeing", "here", "ack", "thanks", "unclear"})
# What the alert calls a concern raised by hand whose words name no kind of harm.
KIND_NOT_KNOWN = "kind not yet known"
# The mode a how-to question is recorded with (it was answered, with the guidance).
# Marks a how-to question with other questions beside it, handed to the ask chat.
HOWTO_BESIDE = "safeguarding.howto_beside"
GUIDANCE_MODE = "guidance"
GUIDANCE_ENTRY = "safeguarding-concerns"
# The deadline rule of an invoice's payment (``handlers.deadlines.store``'s "payment").
PAYMENT_RULE = "payment"


@lru_cache(maxsize=64)
def classified(text: str) -> safeguarding.SafeguardingMatch | None:
    """``classify``, remembered: the middleware and the how-to matcher read the same words."""
    return safeguarding.classify(text)


def retracted(words: str) -> bool:
    """Whether ``words``, typed at the concern form's "What has happened, and to whom?", take
    the concern back (pure): no more than ``MAX_RETRACTION_WORDS`` words and no digit; saying
    it is no concern (``_NO_CONCERN``: "not safety", "wrong button", "nobody is at risk"), or
    what it is about instead (``_ABOUT_MONEY``) after a no, a sorry or an "I meant"; every
    other word one of ``_RETRACTION_WORDS``, which hold no person, no harm, no place. "no
    sorry, its about pay not safety" is; "no, its about her money", "not safety, money
    missing", "no money for food" are not (they are raised)."""
    if len(words.split()) > MAX_RETRACTION_WORDS or any(char.isdigit() for char in words):
        return False
    folded = " ".join(re.findall(r"[a-z]+", apostrophes_dropped(words)))
    said_so = _NO_CONCERN.search(folded) is not None
    rest = " ".join(_NO_CONCERN.sub(" ", folded).split())
    leading = _LEADING_NO.match(rest)
    said_no = leading is not None and bool(leading.group(0).strip())
    rest = rest[leading.end():] if leading is not None else rest
    if not said_so:
        if _ABOUT_MONEY.search(rest) is None:
            return False
        if not (said_no or _APOLOGY & set(rest.split())
                or _CORRECTED.search(rest) is not None):
            return False
    return all(word in _RETRACTION_WORDS for word in rest.split())


def _disclosure(text: str) -> safeguarding.SafeguardingMatch | None:
    found = classified(text)
    return found if found is not None and found.disclosure else None


# What a how-to question must be about to get the safeguarding guidance: the classifier's "howto"
# label alone also takes generic questions that only use a harm word ("when will it hit us",
# "can you help me write...", "a grade 2 pressure sore"), which belong to the knowledge base.
# Matched on the classifier's normalised text, so typing errors ("safegaurding") still count.
_TOPIC = re.compile(r"\b(?:" + "|".join((
    r"safeguard\w*", r"abuse[ds]?", r"abusing", r"abusive", r"abuser", r"neglect\w*",
    r"section 42", r"s ?42", r"exploit\w*", r"modern slavery", r"traffick\w*", r"cuckoo\w*",
    r"harm(?:ed|ing)?", r"self harm\w*", r"mistreat\w*", r"assault\w*", r"bruis\w*",
    r"body map\w*", r"restrain\w*", r"dols", r"deprivation of liberty", r"suicid\w*",
    r"kill (?:themselves|himself|herself)", r"whistle ?blow\w*", r"allegation\w*",
    r"disclos\w*", r"at risk", r"not to tell",
    r"(?:raise|report|make|log|record)\w* (?:a |an |the )?(?:concern|referral|alert|allegation)s?",
    # harm done to someone cared for, named in the how-to ("how do i close a complaint about a
    # carer hitting a resident": session 45's review; it was "I don't know")
    r"(?:hit|hitting|slap\w*|punch\w*|kick\w*|shov\w*|push\w*|struck|strik\w*|grab\w*"
    r"|shout\w* at|swor\w* at|steal\w*|stole|took|taking) (?:a |an |the |one of (?:our|the) )?"
    r"(?:residents?|clients?|service users?|patients?|tenants?|people we support)",
)) + r")\b")


def howto_question(text: str) -> safeguarding.SafeguardingMatch | None:
    """The match when ``text`` is a how-to question about safeguarding (pure); else None.

    The classifier must label it "howto" and it must name the topic (safeguarding, abuse,
    neglect, section 42, a referral or an alert...).
    """
    found = classified(text.strip())
    if found is None or found.disclosure:
        return None
    norm = safeguarding.normalise(text)
    # (or what to do if someone cared for tells of harm: session 42's second brief)
    return (found if _TOPIC.search(norm) is not None
            or safeguarding.asks_what_to_do_when_told(norm) else None)


# Wanting to raise a concern ("I need to raise a safeguarding concern", "raise a concern now",
# "i want to make a safeguarding referral please"): the guidance and the button whatever the
# knowledge base would answer (session 32's trial: its entry came without the button, or a
# choice of topics). A concern about something else ("about the late payment") is not one.
_WANTING = (r"(?:(?:i|we) (?:need|want|would like|wish|have|must|should|ought|am going|are going"
            r"|am trying|are trying|am looking|are looking|d like) to |(?:i|we) (?:need|want)"
            r" (?:to )?|(?:can|could|may|how do|how can|where do) (?:i|we) |let me "
            r"|please (?:can i |let me |help me )?|help me )?")
# Small talk before it ("no worries. I need to report a concern", "thanks, i want to raise a
# safeguarding concern"; session 33: it hid the wish) is no more than a greeting was.
_SMALL_TALK_FIRST = (r"(?:(?:" + "|".join(re.escape(phrase) for phrase in sorted(
    OPENING_PHRASES, key=len, reverse=True)) + r")\W+){0,6}")
_RAISING = re.compile(
    r"^\W*" + _SMALL_TALK_FIRST +
    r"(?:" + _WANTING + r"(?:raise|report|make|log|submit|file|send|flag|put in|do)"
    r"|(?:i|we) (?:have|ve got|have got)) (?:an? |the |one )?(?:urgent |new )?"
    r"(?P<topic>safeguarding |safety )?(?:concern|alert|(?<=safeguarding )(?:issue|referral))s?"
    r"(?P<tail>(?: (?:about|for|regarding|re|on|with|to (?:raise|report)) .{1,80}?)?)"
    r"(?:\W+(?:now|please|today|urgently|straight away|right away|asap|thanks|thank you))*\W*$")
# The words after "about" that make a wish to raise a concern a safeguarding one when it does
# not say so: someone cared for, a placement reference.
_SOMEONE_CARED_FOR = re.compile(
    r"\b(?:resident|client|service user|person|someone|somebody|gentleman|lady|man|woman"
    r"|mr|mrs|ms|miss|he|she|him|her|they|them|[a-z]{1,4}-?\d{1,6})s?\b")


def wants_to_raise(text: str) -> re.Match[str] | None:
    """The match when ``text`` only says the person wants to raise a (safeguarding) concern
    (pure); else None.

    Without the word safeguarding, what it is about must be someone cared for or a placement
    reference; money, rates or contracts make it another kind of concern.
    """
    if len(text) > 200:
        return None
    found = _RAISING.match(safeguarding.normalise(text).strip())
    if found is None or _BUSINESS.search(tail := found.group("tail")) is not None:
        return None
    if (found.group("topic") is not None or not tail
            or _SOMEONE_CARED_FOR.search(tail) is not None):
        return found
    return None


# The kinds of harm an entry may be about alone ("Suspected financial abuse by family or others:
# what a provider can do"): a question that names none of them asks about harm of any kind.
_KIND_OF_HARM = re.compile(r"\b(?:financial|material|physical|sexual|psychological|emotional"
                           r"|domestic|discriminatory|organisational|institutional"
                           r"|self[- ]?neglect"
                           r"|hoarding|modern slavery|slavery|scams?|cuckooing|exploitation"
                           r"|restraint|pressure (?:sores?|ulcers?|care|damage))\b")


def _kinds_named(text: str) -> set[str]:
    """The kinds of harm ``text`` (lower case) names, "self-neglect" and "self neglect" as one."""
    return {re.sub(r"[^a-z]", "", found.group(0)) for found in _KIND_OF_HARM.finditer(text)}


def _narrower_than_asked(answer: Answer) -> bool:
    """Whether the knowledge base's first entry is about a kind of harm the question does not
    name ("what should I do if I suspect abuse?" answered by the financial-abuse entry alone:
    session 34's trial; "... suspect neglect" got the guidance)."""
    if not answer.entries:
        return False
    named = _kinds_named(answer.entries[0].title.lower())
    return bool(named) and not named & _kinds_named(safeguarding.normalise(answer.question))


# A question about a regulator's rating or inspection ("what happens to our cqc rating if we
# were found to have neglected someone last year": session 36's trial, given the guidance on
# raising a concern) is the knowledge base's, whatever harm it names as its past.
_ABOUT_RATINGS = re.compile(r"\b(?:ratings?|rated|re ?rat\w*|inspections?|inspected"
                            r"|requires improvement|inadequate)\b")


def knowledge_prefers_another_entry(answer: Answer) -> bool:
    """Whether the knowledge base's reply suits a how-to question better than the guidance:
    it answers with another entry, or offers a choice of another entry and the safeguarding
    one ("we got 2/5 on safeguarding, can we appeal the score" may be about standstill). A
    choice between two other entries is the search being unsure: the guidance is given; so is
    an entry about one kind of harm the question does not name (``_narrower_than_asked``). A
    question about a rating or an inspection (``_ABOUT_RATINGS``) is the knowledge base's
    whenever its first entry is another, even unsure of it."""
    if not answer.hits or answer.hits[0].entry_id == GUIDANCE_ENTRY:
        return False
    if _ABOUT_RATINGS.search(safeguarding.normalise(answer.question)) is not None:
        return True  # its answer, a choice, or "I don't know": not how to raise a concern
    if _narrower_than_asked(answer):
        return False
    if answer.mode == "answer":
        return True
    offered = {hit.entry_id for hit in answer.hits[:2]}
    return answer.mode == "choose" and GUIDANCE_ENTRY in offered


def register(router: Router[Deps], deps: Deps) -> None:
    """Read every typed word for harm, before any handler (a middleware); strangers' too.
    Answer how-to questions with the guidance and a "Raise a concern now" button."""
    router.use(read_every_word)
    router.text(answer_wish_to_raise, match=wants_to_raise, name="safeguarding-wish")
    router.text(answer_escalation, match=escalation_question, name=ESCALATION_ROUTE)
    router.text(answer_howto, match=howto_question, name="safeguarding-howto")
    router.text(answer_what_happens_now, match=asks_what_happens_now, name=WHAT_NOW_ROUTE)
    # In an open form a "yes" is the form's business (its question says which answers it takes).
    router.text(answer_the_check, match=yes_or_no, name=CHECK_ANSWER_ROUTE,
                interrupts_forms=False)
    router.button(RAISE, start_raising)
    # Its press answers the safety question yes: held over commands like a review's "Did it
    # happen?", and a yes typed right after it is its own (session 34's review).
    router.asks(RAISE)
    router.form(CONCERN_FORM.form_id, submit_concern, form=CONCERN_FORM)
    templates, settings = router.templates, router.settings

    def guide_stranger(incoming: Incoming, session: Session, now: datetime) -> list[Reply]:
        """Anyone who describes harm gets the emergency guidance at once, known or not. Of a
        stranger nothing is kept but that it happened (an audit event with no actor, no
        words, no address): the hub cannot act on an unknown sender, so it is not told."""
        words = typed_words(incoming, router).strip()
        if not words or safeguarding.detect(words) is None:
            return []
        audit.record(session, "safeguarding.stranger", actor_id=None, subject=None, at=now,
                     channel=incoming.channel.value)
        return [Reply(text=render(templates, "safeguarding.txt",
                                  safeguarding_contact=settings.safeguarding_contact,
                                  reference=None, stranger=True))]

    router.use_for_strangers(guide_stranger)
    # A concern told in a message over the length limit (a pasted night log ending "... was
    # seen hitting HV-12") is not refused unread (session 25's trial): it is handled.
    router.read_when_too_long(lambda text: safeguarding.detect(text) is not None)


# A proposal's answer this short is only that; a longer one may tell more, and is read.
_PROPOSAL_ANSWER_WORDS = 6


def read_every_word(incoming: Incoming, ctx: Ctx, rest: Next) -> list[Reply]:
    """The middleware: raise a concern the words describe, then run the rest of the chain."""
    words = typed_words(incoming, ctx.registry).strip()
    if not words or not _reads(ctx, incoming):
        return rest(incoming, ctx)
    # (Only for words this reads: the form's row is looked up once they are to be read.)
    waiting = _question_waiting(incoming, ctx)
    if waiting is not None and forms.wholly_a_choice(waiting, words):
        # A choice of the form's question in other words ("no name please" at "Send it
        # anonymously?") is the form's, as a button pressed is (session 41: "don't use my
        # name" was asked "Is this about someone's safety?").
        return rest(incoming, ctx)
    if waiting is None and ctx.form_open and forms.holds_it(words):
        # Words typed at a form's summary that are the form's own (``forms.holds_it``): "no
        # don't send it yet" (session 45's review: the concern model's doubt asked "Is this
        # about someone's safety?" first), or an addition telling only of the council's
        # conduct toward the provider ("they also missed the meeting", "and they never
        # replied to my email": session 46). Closed lists: no word of harm, nor of anyone
        # cared for, is ever in them.
        return rest(incoming, ctx)
    ctx.marks[WORDS_READ] = True
    read = _as_read(incoming, ctx, words)
    concern = _disclosure(read)
    if (concern is not None and retracted(words)
            and _open_form(incoming, ctx) == CONCERN_FORM.form_id):
        # A retraction at the concern form's question whose "no one is in danger" or "not
        # about harm" the rules read as harm: taken back there (``retracted``: no other word
        # of harm, nor of a person, in it).
        concern = None
    if (concern is not None and waiting is not None and forms.a_rating(waiting)
            and _only_visits_missed(words, concern)):
        # A count of visits missed told at a rating question, naming nobody and telling of no
        # other harm ("2, 3 of the visits were missed"), is the rating's reason, not a
        # disclosure (session 40's left list: raised to the hub as neglect); anything more
        # is read as before.
        concern = None
    if concern is None and read != words:
        # The model reads the words alone too, and raises them when it is sure (their setting
        # only ever takes a word of harm away).
        alone = _disclosure(words)
        concern = alone if alone is not None and alone.kind == safeguarding.POSSIBLE_HARM else None
    if _only_their_own_crisis(incoming, ctx, words):
        # The writer's own crisis, typed on their own (session 44's records review, G10: "I
        # can't cope anymore, I feel like ending it all" went to the hub as an URGENT concern
        # under the commissioner's name; "I've been cutting myself", read as no harm, was kept as
        # a question no one could answer): a crisis reply at once, as for their own abuse
        # (``_only_their_own``), whether the words read as harm or not. Nothing kept of it.
        # Burnout said bluntly of the work opens with a word about the load, every number kept;
        # a question asked beside it ("how long is standstill?") is answered after it (session
        # 45's brief: it was dropped), read alone; the crisis words are never kept.
        ctx.marks[CONCERN_RAISED] = True
        audit.record(ctx.session, "safeguarding.own_crisis", actor_id=None, subject=None,
                     at=ctx.now, channel=incoming.channel.value)
        # Bullied at work beside it (session 45's review): their HR team, a union or Acas, not
        # "your manager", who may be the one bullying them; no case (their employment matter).
        crisis = [Reply(text=ctx.render("safeguarding_own_crisis.txt",
                                        work=burnout_of_the_work(words),
                                        bullied=safeguarding.writers_bullied_at_work(words)),
                        buttons=(TELL_THE_HUB,))]
        if questions_beside(incoming.text):
            return _then_the_question_beside(crisis, incoming, ctx, rest)
        return crisis
    invited = (None if ctx.marks.get(_REPLY_ADDED)
               else _reply_invited_on_a_concern(incoming, ctx, words))
    if invited is not None:
        reply_added = _the_reply(invited, words, concern, ctx)
        if concern is None or not _names_someone_else(words, invited, ctx):
            ctx.marks[CONCERN_RAISED] = True
            return [reply_added]
        # Harm to someone else told in it: raised as a concern of its own too, read as before.
        ctx.marks[_REPLY_ADDED] = True
        return [reply_added, *read_every_word(incoming, ctx, rest)]
    same_as = [] if concern is not None else _the_same_done_to_someone_else(words, incoming, ctx)
    if same_as:
        # "and mr e's daughter has done the same to him", straight after "mrs d's son took
        # her bank card" (the safety review's G09: only asked "Is this about someone's
        # safety?"): the same harm to someone else, raised of its own, as the kind it was.
        concern = safeguarding.SafeguardingMatch(kind=_kind_raised(same_as[0], ctx),
                                                 evidence=words)
    if concern is None or concern.kind == safeguarding.POSSIBLE_HARM:
        # "no!! that is not safeguarding, i meant the money", right after a concern was raised
        # (session 33's trial: asked "Is this about someone's safety?"): an update on that
        # concern, which the hub is told of and closes if there is nothing to do; never closed
        # by the bot. Not when the rules read harm in it ("ignore that, he hit her again").
        taken_back = _concern_taken_back(words, incoming, ctx)
        if taken_back:
            ctx.marks[CONCERN_RAISED] = True
            return [Reply(text=ctx.render("safeguarding_taken_back.txt",
                                          references=[case.reference for case in taken_back]))]
    if concern is None:
        # A death told with a cause or a doubt ("RC-108 passed away this morning after a fall",
        # "found dead") is always asked about, whatever the model reads (session 30's trial:
        # most were not asked at all), after a word of sympathy.
        worried = death_worried_once(words, ctx) is not None
        if ((safeguarding.unsure(read) is None and not worried)
                # A stroke, two carers now needed: a change in someone's condition, no harm
                # told (session 34's trial: asked "Is this about someone's safety?").
                or (not worried and _only_a_change_in_condition(read))
                or _open_form(incoming, ctx) == CONCERN_FORM.form_id
                # Only the council's conduct told at a form's question ("they never answer the
                # phone" at "Send it anonymously?": a reviewer's console run asked it; at any
                # question of a form about the council since session 43's brief). Typed on its
                # own, "they" may be someone at home not answering, and is asked about; the
                # council named is never asked about (the model reads it so).
                or (waiting is not None and forms.councils_conduct(words))
                # "yes, <words>" after a "no", its thank-you still shown: the thank-you's
                # button pressed in words, which the check's answer reads (the fix's brief:
                # "yes, I'm concerned about RC-101" was asked again and raised at once).
                or _a_yes_after_a_no(incoming, ctx, words)
                # An update on a concern goes to the hub anyway (session 26's trial: it was
                # also asked "Is this about someone's safety?").
                or _comment_on_a_concern(incoming, ctx) is not None
                # A death with a cause or a doubt is asked about whatever money words are
                # beside it ("RC-101 passed away after a fall, and the invoice is still
                # unpaid"; session 31's review: a comment on a case silenced it).
                or (not worried and _business_on_a_case(incoming, ctx, words))
                # A few words that only answer a proposal ("I don't accept that": session
                # 33's second trial, the model read it 0.75) are not asked about.
                or (len(words.split()) <= _PROPOSAL_ANSWER_WORDS
                    and proposal_answer(words) is not None)
                # Only how to complain or give feedback without giving a name, no harm told
                # ("can I raise a complaint without giving my name?": session 44's brief, the
                # model read it 0.61): answered, not asked about.
                or safeguarding.asks_only_how_to_complain(words)
                # Asked of the concern just raised, and answered from it ("will someone ring
                # me back?", "she doesn't want me to tell anyone, have i done wrong?": the
                # safety review's C02 and C32, asked "Is this about someone's safety?").
                or _answered_from_a_concern(incoming, ctx, words)):
            return rest(incoming, ctx)
        # The concern model is unsure: ask, beside the usual reply; the hub is not told
        # unless the person says it is a concern (the button's form raises it).
        ctx.audit("safeguarding.checked", subject=None)
        ctx.marks[SAFETY_ASKED] = True
        told = not _asks_anything(words)
        if told:
            ctx.marks[TOLD_NOT_ASKED] = True
        replies = _then_the_rest([check(ctx, death=worried)], incoming, ctx, rest)
        return [_as_kept_noted(replies[0], words, ctx)] if told and len(replies) == 1 else replies
    if _only_their_own(incoming, ctx, read):
        # A care worker's own abuse at home, told in a message of its own (session 36's trial:
        # an URGENT concern to the hub under their name, "notify CQC"): support, and the hub
        # only if they press the button and say what to tell it. Nothing is kept of it, not
        # even who told it: no question (no knowledge gap), no case, an audit event with no
        # actor and no words.
        ctx.marks[CONCERN_RAISED] = True
        audit.record(ctx.session, "safeguarding.own_abuse", actor_id=None, subject=None,
                     at=ctx.now, channel=incoming.channel.value)
        return [Reply(text=ctx.render("safeguarding_own.txt"), buttons=(TELL_THE_HUB,))]
    if _typed_on_its_own(incoming, ctx) and safeguarding.writers_bullied_at_work_only(words):
        # The writer bullied at work, and nothing else (session 45's review: an URGENT concern
        # to the hub under their name, "notify CQC"): their employment matter, so support and
        # the hub only if they press the button, as their own abuse at home is.
        ctx.marks[CONCERN_RAISED] = True
        audit.record(ctx.session, "safeguarding.own_bullying", actor_id=None, subject=None,
                     at=ctx.now, channel=incoming.channel.value)
        return [Reply(text=ctx.render("safeguarding_bullied.txt"), buttons=(TELL_THE_HUB,))]
    words = _their_words(incoming, words)
    open_concern = _comment_on_a_concern(incoming, ctx)
    if open_concern is not None:
        # Harm told in a comment on a concern already open (the hub's question answered):
        # the comment goes to that case and the hub is told at once, not a second case
        # (session 22's review: it opened a new urgent case whose words began "PB-... comment").
        # Only once the comment is taken: refused (a name, its length), the words are raised
        # as a concern of their own below, as before (the session's code review).
        told_on = ctx.session.scalars(select(Case).where(Case.reference == open_concern)).one()
        # The hub's message says it is an URGENT update on the concern, as a reply typed with
        # harm does (``_the_reply``; session 44's brief).
        ctx.marks[HARM_TOLD] = _what_it_is_about(told_on, words, ctx)
        added, replies = _comment_taken(open_concern, incoming, ctx, rest)
        ctx.marks.pop(HARM_TOLD, None)
        if added:
            ctx.marks[CONCERN_RAISED] = True
            # Through the Reply button (its form): the provider's reply on the concern.
            template = ("safeguarding_reply_added.txt"
                        if parse_command(incoming.text) is None or incoming.form_id is not None
                        else "safeguarding_added.txt")
            return [Reply(text=ctx.render(template, reference=open_concern)), *replies]
        ctx.marks[CONCERN_RAISED] = True
        earlier = _raised_already(words, ctx)
        if earlier is not None:  # the same refused words sent again: raised once
            return [_again(earlier, ctx), *replies]
        return [*raise_concern(words, concern, incoming, ctx), *replies]
    earlier = _raised_already(words, ctx)
    if earlier is not None:
        # The same words again within a day: the hub has them; no second urgent case (session
        # 21's review: a false alarm typed into a form raised a new case on every retry). Sent
        # again on purpose, they are kept by an open form this time.
        ctx.marks[CONCERN_RAISED] = True
        return _then_the_rest([_again(earlier, ctx)], incoming, ctx, rest)
    about_it = [] if _kept_by_a_form(incoming, ctx) else _concerns_it_follows(
        words, incoming, ctx)
    follows = _concern_to_add_to(about_it, concern.kind, ctx)
    unnamed = False
    if not follows and not about_it:
        # More of the same harm straight after the concern, naming nobody ("she has a bruise on
        # her other arm too"; the session's brief: a second URGENT case): added to the one
        # concern this person raised in the last ``FOLLOW_UP_WINDOW``, the hub told at once.
        just = _the_concern_just_raised(words, incoming, ctx)
        # Of any kind while the hub has not yet acknowledged it: its clock still runs, and the
        # hub reads the update with it ("he also took her phone" after a slap; session 44's
        # brief: a second URGENT case, as psychological abuse).
        follows = _concern_to_add_to(just, concern.kind, ctx, any_kind=bool(just) and all(
            case.status == CaseStatus.OPEN for case in just))
        unnamed = bool(follows)
    if follows:
        # More about a placement whose concern this person raised today and is still open
        # ("further to my report about RC-104 this morning, she now has a red mark on her
        # wrist"; session 26's trial: a second, unlinked urgent case): added to that concern,
        # the hub told at once. A concern raised at two councils (a reference the provider
        # has at both) is a case at each: it is added to each (session 27's review: two new
        # urgent cases every time).
        ctx.marks[CONCERN_RAISED] = True
        kept = without_identifiers(initials_only(words.strip()))  # as ``cases.check_text``
        commented = set(ctx.session.scalars(select(CaseEvent.case_id).where(
            CaseEvent.case_id.in_([case.id for case in follows]),
            CaseEvent.action == "comment", CaseEvent.text == kept)))
        new = [case for case in follows if case.id not in commented]
        if not new:
            # The same words again (the session's third review: two comments, two alerts).
            return _then_the_rest(
                [_again(" and ".join(case.reference for case in follows), ctx)],
                incoming, ctx, rest)
        for case in new:
            _add_to(ctx, case, words, update=True)
        return _then_the_question_beside([Reply(text=cases.identifiers_noted(ctx.render(
            "safeguarding_added.txt", reference=follows[0].reference, unnamed=unnamed,
            concerns=[(case.reference, ctx.session.get_one(Organisation, case.council_id).name)
                      for case in follows] if len(follows) > 1 else []), kept, ctx.templates))],
            incoming, ctx, rest)
    guidance = raise_concern(words, concern, incoming, ctx, after=about_it, same_as=same_as)
    ctx.marks[CONCERN_RAISED] = True
    if _kept_by_a_form(incoming, ctx):
        # Typed into another form (feedback, a disagreement): the words are the hub's alone,
        # not that form's answer (session 21's review: a disclosure typed as feedback was
        # also filed as routine feedback, in digests and every commissioner's /cases).
        ctx.marks[WORDS_WITHHELD] = True
    return _then_the_question_beside(guidance, incoming, ctx, rest)


_BARE_YES_OR_NO = re.compile(r"^\s*(?:yes|yeah|yep|yup|no|nope)[\s.!]*$", re.IGNORECASE)


def _reply_invited_on_a_concern(incoming: Incoming, ctx: Ctx, words: str) -> Case | None:
    """The open concern the hub's comment or question just invited this provider to answer
    ("type your answer as your next message today": ``reply_invited``), when ``words`` are typed
    on their own (no command, form or button) and may be that answer: asking nothing of their
    own (no question, no wish to raise another concern) and more than a thank-you ("ok
    thanks" is small talk, not an urgent message to the hub; a bare yes or no answers). Else
    None."""
    if (incoming.form_id is not None or incoming.action is not None or ctx.form_open
            or parse_command(incoming.text) is not None or reads_as_reply(words) is None
            or wants_to_raise(words) is not None
            or (acknowledges(words) is not None and _BARE_YES_OR_NO.match(words) is None)):
        return None
    case = reply_invited(ctx)
    return case if case is not None and case.kind == CaseKind.SAFEGUARDING else None


# Marks a message already added to a concern as the reply the hub invited.
_REPLY_ADDED = "safeguarding.reply_added"


def _the_reply(case: Case, words: str, concern: safeguarding.SafeguardingMatch | None,
               ctx: Ctx) -> Reply:
    """Session 43's trial: the hub asked "has the carer been taken off shift and has the family
    been told?" and the provider's answer was asked "Is this about someone's safety?" (nothing
    added), or opened a second URGENT case. The words are the reply: added to the concern and
    the hub told at once, never asked about. Harm the rules or the model read in them makes the
    hub's message an URGENT update on the concern (nothing lost, no second case); harm naming
    another placement (someone else) is also raised as a concern of its own by the caller, with
    its own clock (session 34's rule), after the reply is added."""
    harm = concern is not None
    _add_to(ctx, case, words, update=harm, urgent=harm)
    return Reply(text=cases.identifiers_noted(ctx.render(
        "safeguarding_reply_added.txt", reference=case.reference),
        without_identifiers(initials_only(words.strip())), ctx.templates))


# Another person cared for, told of in a reply on a concern: a concern of their own.
_ANOTHER_PERSON = re.compile(
    r"\b(?:another|a different|a second|a third|one other|other) (?:one of (?:our|the) )?"
    r"(?:resident|client|service user|tenant|patient|person we support|lady|gentleman|man"
    r"|woman|customer)s?\b"
    # ... or a separate matter said so ("not that we know. separately, mr b told us his son
    # took his bank card": session 44's review, added to mrs d's concern)
    r"|\b(?:separately|unrelated(?:ly)?|on (?:a|an) (?:separate|different|unrelated) (?:note"
    r"|matter)|(?:a )?(?:separate|different|unrelated) (?:matter|issue|concern|incident))\b",
    re.IGNORECASE)


def _names_someone_else(words: str, case: Case, ctx: Ctx) -> bool:
    """Whether ``words`` name a placement reference that ``case`` is not about (neither its
    placement's nor one its words name), or another person cared for ("a different resident on
    the top floor says her son punched her": session 43's review, added to the first concern
    alone)."""
    if _ANOTHER_PERSON.search(words) is not None:
        return True
    own = {reference_key(reference) for reference in _references_in(case.description)}
    if case.placement_id is not None:
        own.add(reference_key(ctx.session.get_one(Placement, case.placement_id).reference))
    return any(reference_key(named) not in own
               for named in _A_PLACEMENT_REFERENCE.findall(words))


def _typed_on_its_own(incoming: Incoming, ctx: Ctx) -> bool:
    """Whether the message is free text or ``/ask``, with no form open, no form answered and no
    button pressed: where the writer's own abuse or crisis is read as their own."""
    if incoming.form_id is not None or incoming.action is not None or ctx.form_open:
        return False
    command = parse_command(incoming.text)
    return command is None or command.name == "ask"


def _only_their_own(incoming: Incoming, ctx: Ctx, words: str) -> bool:
    """Whether ``words`` tell only of the writer's own abuse at home
    (``safeguarding.writers_own_abuse``), with or without a word of their work in care (session
    37's brief: "my husband hit me last night" was raised under the writer's name), typed on
    their own: free text or ``/ask``, no form open. In the concern form (the button pressed)
    they are the hub's, as the person chose."""
    if not _typed_on_its_own(incoming, ctx):
        return False
    return safeguarding.writers_own_abuse(words, said_at_work=False)


def _only_their_own_crisis(incoming: Incoming, ctx: Ctx, words: str) -> bool:
    """Whether ``words`` tell only of the writer's own crisis (suicidal thoughts, self-harm, "I
    can't go on": ``safeguarding.writers_own_crisis``), typed on their own as
    ``_only_their_own`` reads them: free text or ``/ask``, no form open. In a form they are
    that form's, and raised as before. Ending a contract, a tender or the council "all" is the
    business's (``_without_business_endings``)."""
    if not _typed_on_its_own(incoming, ctx):
        return False
    return safeguarding.writers_own_crisis(_without_business_endings(words))


# Ending "it all" with a contract, a tender, a framework or the council (session 45's brief: "i
# want to end it all with this contract" got the crisis reply, 999 and Samaritans): a figure of
# speech for the business, read as "end the contract". One word at most between "with" and what
# is ended, never a means ("end it all with the pills"), and the clause ends there ("... with
# this contract and my life" is read as before).
_BUSINESS_ENDED = (r"(?:contracts?|tenders?|bids?|council|councils|la|local authority|frameworks?"
                   r"|commissioners?|commissioning|procurement|lots?|agreements?|placements?"
                   r"|portal|authority|partnership|relationship)")
_ENDED_WITH_THE_BUSINESS = re.compile(
    r"\bend(?:ing)? (?:it all|it|everything|things) with (?:(?:this|the|that|our|my|these|those"
    r"|their|your|a|an) )?(?:(?!(?:pills?|tablets?|meds|medication|drugs|rope|knife|knives"
    r"|gun|drink|alcohol|overdose|car|train|bridge)\b)\w+ )?" + _BUSINESS_ENDED
    + r"(?: (?:with|and) (?:the |this )?(?:council|la|local authority))?"
    r"(?=\s*(?:$|[.,;:!?\-]|(?:but|so|because|cos|as|lol|haha|honestly|tbh|now|today)\b))")


def _without_business_endings(words: str) -> str:
    """``words`` read in lower case with each ending of "it all" with a contract, a tender or
    the council put as "end the contract" (pure): ``_ENDED_WITH_THE_BUSINESS``."""
    return _ENDED_WITH_THE_BUSINESS.sub("end the contract", safeguarding.normalise(words))


# Burnout said bluntly, of the work ("the workload is crushing me, can't do this anymore":
# session 45's brief): these are the only crisis words in it, and the work is named. Still a
# crisis reply with every support number (it may be more than the work), opened with a kind
# word about the load; "i can't do this anymore" alone, "I can't go on", or anything more said
# ("... and i want to die") is the crisis reply as before.
_BLUNT_BURNOUT = re.compile(
    r"\b(?:(?:i|im|i am) )?(?:(?:just|really|honestly|literally|simply|seriously) )?(?:cant"
    r"|cannot|can not|couldnt|could not) (?:cope|do this|do it|take (?:it|this|much more)"
    r"|keep up)(?: (?:with|at) (?:this|the|my|it|all)(?: \w+)?)?(?: like this)?"
    r" (?:any ?more|any longer|no more)\b")
_THE_WORK = re.compile(
    r"\b(?:workloads?|caseloads?|backlogs?|job|work|shifts?|rota|paperwork|admin|deadlines"
    r"|targets|tenders?|contracts?|reviews|inbox|emails|overtime|hours|this place)\b")


def burnout_of_the_work(words: str) -> bool:
    """Whether the writer's own crisis in ``words`` is only burnout said bluntly of the work
    (pure): the work named (``_THE_WORK``) and, the blunt words (``_BLUNT_BURNOUT``) set aside,
    no crisis left (``safeguarding.writers_own_crisis``)."""
    folded = safeguarding.normalise(words)
    if _BLUNT_BURNOUT.search(folded) is None or _THE_WORK.search(folded) is None:
        return False
    return not safeguarding.writers_own_crisis(_BLUNT_BURNOUT.sub(" ", folded))


# The parts of a message read for a crisis of the writer's own beside their own abuse.
_CLAUSE_BREAK = re.compile(r"[.,;:!?\n]+\s*|\s+(?:and|but|so|because|cos|coz)\s+")


def own_crisis_beside_own_abuse(words: str) -> bool:
    """Whether ``words`` tell of the writer's own abuse at home and, in a part of their own, of
    the writer's own crisis (pure): "my partner hits me and I want to die" (session 45's
    brief). Each is read as ``safeguarding.writers_own_abuse`` (with or without a word of work)
    and ``safeguarding.writers_own_crisis`` read them alone; the crisis parts set aside, the
    rest must be the writer's own abuse, so anyone else's crisis is never read so."""
    parts = [part for part in _CLAUSE_BREAK.split(words) if part.strip()]
    crisis = [part for part in parts if safeguarding.writers_own_crisis(part)]
    if not crisis or len(crisis) == len(parts):
        return False
    rest = " and ".join(part for part in parts if part not in crisis)
    return safeguarding.writers_own_abuse(rest, said_at_work=False)


# Words that take back a concern just raised ("sorry, not a safeguarding thing", "ignore that,
# wrong word", "i meant the money", "false alarm", "you misunderstood"): ``takes_back``.
_TAKING_BACK = re.compile(r"\b(?:" + "|".join((
    r"(?:that|this|it|its|thats|mine)(?: is| was| wasnt| isnt| is not| was not)?(?: really)?"
    r" not (?:a |about )?(?:safeguarding|(?:a )?concern)",
    r"(?:that|this|it) (?:isnt|wasnt|is not|was not) (?:a |about )?(?:safeguarding|concern)",
    r"not (?:a |an )?(?:safeguarding|safety)(?: (?:thing|issue|concern|matter|one|question))?",
    r"(?:ignore|disregard|scrap|forget|cancel|delete) (?:that|this|it|my (?:last |previous )?"
    r"(?:message|msg|post|words?))",
    # (not "wrong person" nor "i meant the night staff": a correction of who, which may make
    # it worse: session 33's review)
    r"wrong (?:word|words|chat|message|thread|button|place)",
    r"(?:i|we) meant (?:the|our|my|a|about (?:the|our)) (?:\w+ )?(?:money|payments?|invoices?"
    r"|cash ?flow|business|finances|fees?|rates?|contracts?|budgets?|company|bills?)\b"
    r"(?! (?:staff|team|people|carers?|workers?))",
    r"false alarm|(?:nobody|no ?one|no one) (?:is|was|has been) (?:being )?(?:hurt|harmed)",
    r"(?:you|u) (?:misunderstood|got (?:it|that|me) wrong|misread)|figure of speech"
    r"|not literally|(?:i )?(?:didnt|did not) mean (?:it|that) literally",
)) + r")\b")
MAX_TAKING_BACK_WORDS = 20
TAKEN_BACK_MINUTES = 30


def takes_back(text: str) -> re.Match[str] | None:
    """The match when ``text`` says a concern just told was no concern (pure); else None.
    Only a short message (``MAX_TAKING_BACK_WORDS``) can."""
    if len(text.split()) > MAX_TAKING_BACK_WORDS:
        return None
    return _TAKING_BACK.search(safeguarding.normalise(text))


def _concern_taken_back(words: str, incoming: Incoming, ctx: Ctx) -> list[Case]:
    """When ``words`` take back the concern this person raised in the last
    ``TAKEN_BACK_MINUTES`` (their last safeguarding event) and it is still open: each case of it
    (one a council), with the words added as a comment and the hub told (``cases.comment``).
    Else none: typed into a form or after a command, they are that form's or command's."""
    if (incoming.form_id is not None or ctx.form_open or parse_command(incoming.text) is not None
            or takes_back(words) is None):
        return []
    last = ctx.session.execute(
        select(AuditEvent.id, AuditEvent.action, AuditEvent.at).where(
            AuditEvent.actor_id == ctx.person.id,
            AuditEvent.action.in_(("safeguarding.checked", "safeguarding.raised",
                                   "safeguarding.check_answered", "safeguarding.added")))
        .order_by(AuditEvent.id.desc()).limit(1)).first()
    if (last is None or last.action != "safeguarding.raised"
            or ctx.now - last.at > timedelta(minutes=TAKEN_BACK_MINUTES)):
        return []
    # Only the very next words: after a question or anything else done since, "ignore that"
    # is about that (session 33's review: it was added to a physical-abuse concern).
    if ctx.session.scalars(select(Question.id).where(
            Question.person_id == ctx.person.id, Question.asked_at >= last.at,
            Question.safeguarding.is_(False)).limit(1)).first() \
            or ctx.session.scalars(select(AuditEvent.id).where(
                AuditEvent.actor_id == ctx.person.id, AuditEvent.id > last.id,
                AuditEvent.action.not_like("safeguarding.%")).limit(1)).first():
        return []
    references = list(ctx.session.scalars(select(AuditEvent.subject).where(
        AuditEvent.actor_id == ctx.person.id, AuditEvent.action == "safeguarding.raised",
        AuditEvent.at == last.at)))
    raised = list(ctx.session.scalars(select(Case).where(
        Case.reference.in_(references), Case.kind == CaseKind.SAFEGUARDING,
        Case.raised_by_id == ctx.person.id, Case.status.in_(cases.ACTIVE)).order_by(Case.id)))
    for case in raised:
        _add_to(ctx, case, words)
    return raised


def _as_read(incoming: Incoming, ctx: Ctx, words: str) -> str:
    """The words as safeguarding reads them: a review's outcome with the review it is about
    ("/done 5 nobody turned up" of a review is "the review: nobody turned up", "/review done
    RC-101 ..." is "the review done RC-101 ..."; session 33's trial: each was read as a care
    visit missed, or asked about), an invoice's outcome or reason (``/done`` or
    ``/not-applicable``) with the invoice ("the invoice: ..."), any other words as typed."""
    command = parse_command(incoming.text) if incoming.form_id is None else None
    if command is None:
        return words
    if command.name == "review":
        return f"the review {words}"
    if command.name in ("done", "not-applicable"):
        number, _, outcome = words.strip().partition(" ")
        raw = number.lstrip("#")
        if outcome and raw.isascii() and raw.isdigit() and len(raw) < 12:
            deadline = ctx.session.get(Deadline, int(raw))
            if deadline is None:
                return words
            if command.name == "done" and deadline.rule in REVIEW_RULES:
                return f"the review: {outcome}"
            if deadline.rule == PAYMENT_RULE:
                # An invoice's outcome or reason is about the invoice ("/not-applicable 1
                # council says they never got it": session 34's trial, asked "Is this about
                # someone's safety?"); harm told in it is read as before.
                return f"the invoice: {outcome}"
    return words


_DEATH_WORRIED = "safeguarding.death_worried"


def death_worried_once(words: str, ctx: Ctx) -> Bereavement | None:
    """``death_worried`` of ``words``, read once a message: the middleware and the chat's
    condolences ask it of the same words (kept in ``ctx.marks`` with the words it read, their
    spacing set aside)."""
    key = " ".join(words.split())
    held: tuple[str, Bereavement | None] | None = ctx.marks.get(_DEATH_WORRIED)
    if held is None or held[0] != key:
        held = (key, death_worried(key))
        ctx.marks[_DEATH_WORRIED] = held
    return held[1]


REPEAT_WINDOW = timedelta(hours=24)


def _concerns_it_follows(words: str, incoming: Incoming, ctx: Ctx) -> list[Case]:
    """The open concerns this person raised about the placement these words are about
    (``_placements_told``): each case whose placement it is or whose words name it (every
    placement the words name, when they name several), oldest first. Found by the case's
    placement, not its words (session 34's review: once two concerns about RC-101 were open,
    a third was never added to either; a concern told in a comment on a case, about its
    placement without naming it, was never found); and by a reference written as a
    placement's ("RC-101") that no placement on record holds, in the words and the concern's
    (session 36's trial: "update on RC-101 - ..." opened a second, unlinked URGENT case). Any
    concern still open, not only the day's (the same trial: the concern's life)."""
    if ctx.person.role != Role.PROVIDER or len(words) > cases.MAX_DESCRIPTION:
        # Council staff's words are a concern of their own (the session's review: a comment
        # from the council's side reaches only that side); a long one too (refused as a
        # comment, it was never raised).
        return []
    # Only placements of theirs, not postcodes or "covid19" (the session's review).
    placements = _placements_told(words, incoming, ctx)
    # Compared by ``reference_key``: "RC-0102" in a concern's words is RC-102 (session 35).
    # Every reference written as a placement's counts, on record or not: one more than the
    # concern names makes the words a concern of their own, never more of it.
    named = {reference_key(placement.reference) for placement in placements} | {
        reference_key(written) for written in _A_PLACEMENT_REFERENCE.findall(words)}
    if not named:
        return []
    recent = list(ctx.session.scalars(select(Case).where(
        Case.kind == CaseKind.SAFEGUARDING, Case.raised_by_id == ctx.person.id,
        Case.status.in_(cases.ACTIVE)).order_by(Case.id.desc()).limit(20)))
    about = {placement.id: reference_key(placement.reference) for placement in ctx.session.scalars(
        select(Placement).where(Placement.id.in_(
            {case.placement_id for case in recent if case.placement_id is not None})))}
    # Every placement it names is one its concern is about (the session's third review:
    # "RC-205 was also hit", another council's placement, became a comment on RC-104's).
    return sorted((case for case in recent if named <= {
        reference_key(reference) for reference in _references_in(case.description)} | (
        {about[case.placement_id]} if case.placement_id in about else set())),
        key=lambda case: case.id)


# How long after raising a concern a follow-up naming no placement and nobody else is taken as
# more of it (``_the_concern_just_raised``): "straight after", as a hub reads it (the session's
# brief: "he has a bruise on his arm too" opened a second URGENT case). Four hours covers the
# rest of a shift's morning or afternoon; later, or with a second concern raised meanwhile, the
# words are a concern of their own, as before. Nothing waits either way: the hub is told now.
FOLLOW_UP_WINDOW = timedelta(hours=4)

# Words that say a follow-up is about someone else than the concern before it ("another
# resident", "a different service user", "someone else", "the other lady"), or another matter
# ("another matter", "a separate concern", "unrelated"): a concern of its own, never added to
# that one.
_SOMEONE_ELSE = re.compile(
    r"\b(?:another|(?:a |the )?(?:different|other|second|new|separate))(?: \w+)?"
    r" (?:residents?|service users?|clients?|persons?|people|lady|ladies|man|men|woman|women"
    r"|gentleman|gentlemen|gent|patients?|tenants?|individuals?|customers?|child|children"
    r"|young persons?|boy|girl|user|placement|home|house|flat|room|service)\b"
    r"|\b(?:another|(?:a |the )?(?:different|other|second|new|separate|unrelated))"
    r" (?:matter|concerns?|issues?|things?|case|subject|safeguarding)\b|\bunrelated\b"
    r"|\b(?:someone|somebody|anyone|anybody|everyone) else\b|\bnot (?:the )?same (?:person|one)\b"
    r"|\b(?:others|other residents|other people|more residents|several residents)\b")
# Words that tell more of something already told ("he has a bruise on his arm too", "the carer
# came back again this morning", "the same carer", "she still has the mark"): without one, harm
# told after a concern is a concern of its own, whoever it is about.
_MORE_OF_IT = re.compile(
    r"\b(?:too|also|again|as well|still|same|more|another|further|furthermore|update|updated"
    r"|following up|follow up|further to|since|worse|anymore|any more|either"
    # ... or a change since it was told ("the resident has a black eye now", "she's crying
    # now and won't eat": session 44's brief, a second URGENT case each).
    r"|now)\b")
_PLACEMENT_SHAPE = re.compile(r"[A-Z]{1,4}-?\d{2,}")
# A person named by title ("mr k", "Mrs P. H."): the title and the initial that follows it.
_TITLED = re.compile(r"\b(mr|mrs|ms|miss|mx|dr)\.? ([a-z])", re.IGNORECASE)
# A room, flat or bed by number ("room 7").
_ROOM = re.compile(r"\b(room|rm|flat|bed|bedroom) ?(?:no\.? ?)?(\d+)\b", re.IGNORECASE)


# A person by a word for one ("the man", "her roommate", "a visitor"): someone the concern
# does not name so is someone else (session 37's review: "also the lady across the hall has
# bruises" was added to a concern about Mrs K). Each word's key is its singular.
_PERSON_WORD = re.compile(
    r"\b(?:m[ae]n|lady|ladies|wom[ae]n|gentlem[ae]n|gents?|residents?|service users?|clients?"
    r"|tenants?|neighbou?rs?|(?:room|flat|house) ?mates?|visitors?|staff members?|members? of"
    r" staff|child|children|kids?|boys?|girls?|babies|baby|patients?|persons?|people"
    r"|individuals?|young persons?|lodgers?|guests?|customers?)\b")
_PERSON_KEYS = {"men": "man", "women": "woman", "ladies": "lady", "gentlemen": "gentleman",
                "children": "child", "babies": "baby", "people": "person"}
# A place that is someone else's ("next door", "across the hall", "upstairs", "the next room").
_ELSEWHERE = re.compile(
    r"\b(?:next door|across the (?:hall|corridor|landing|way|road|street)|down the (?:corridor"
    r"|hall|landing|road|street)|up ?stairs|down ?stairs|(?:the )?next room|(?:the )?room next"
    r"|over the road|opposite (?:room|flat|house)|(?:room|flat|house) opposite|(?:other|next"
    r"|another) (?:wing|floor|unit|flat|bungalow|house))\b")
# Pronouns and words for a person of either sex: one of the other sex from the concern's is
# someone else ("he has a black eye too", after a concern about her).
_HERS = re.compile(r"\b(?:she|her|hers|herself)\b")
_HIS = re.compile(r"\b(?:he|him|his|himself)\b")
_HERS_IN_CONCERN = re.compile(
    r"\b(?:she|her|hers|herself|mrs|ms|miss|lady|woman|girl|daughter|mother|mum|wife)\b")
_HIS_IN_CONCERN = re.compile(
    r"\b(?:he|him|his|himself|mr|man|gentleman|gent|boy|son|father|dad|husband)\b")
# Initials ("DK"); capitalised words that are no name ("Saturday", "GP", "CQC") are
# ``safeguarding.NOT_A_NAME``, the list the own-abuse reading asks too.
_INITIALS = re.compile(r"\b[A-Z]{2,3}\b")
_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+\b")
_A_NAMED_ONE_STARTS = re.compile(
    r"(?:^|[.!?]\s+)([A-Z][a-z]+) (?:also|has|had|is|was|says|said|told|too|then|did|does|got"
    r"|gets|now|again|still|reports|reported|claims|mentioned|cried|whispered|rang|called"
    r"|seems|looks|appears|just|tells)\b")
# Someone the concern tells of without saying he or she ("a carer slapped mrs d", "a night
# carer hit her"): a pronoun of the other sex may be theirs (``_someone_new_named``).
_UNSEXED_ONE = re.compile(
    r"\b(?:(?:agency |night |day |male |female )?(?:carers?|care workers?|support workers?"
    r"|staff members?|members? of staff|workers?|nurses?|staff|employees?|colleagues?"
    r"|managers?|drivers?|cleaners?|cooks?)|someone|somebody)\b")
# A relative ("her daughter"), and one the concern does not tell of told as harmed: "her
# daughter who lives with them has bruises too" (the safety review's C34, added to the
# client's concern), "he also hits her daughter"; not one who only told of it ("her daughter
# told us he hit her again": the same person).
_RELATIVE = (r"(?:daughters?|sons?|husbands?|wife|wives|partners?|mother|mum|mom|father|dad"
             r"|brothers?|sisters?|grandsons?|granddaughters?|grandchild(?:ren)?|grandmother"
             r"|gran|nan|grandfather|grandad|grandpa|grandma|nieces?|nephews?|aunt|uncle"
             r"|cousins?|children|child|kids?|baby|stepson|stepdaughter)")
_RELATIVE_HARMED = re.compile(
    r"\b(" + _RELATIVE + r")(?: (?!(?:told|tells|said|says|saw|sees|noticed|reported|reports"
    r"|thinks|think|reckons|mentioned|explained|claims|claimed|rang|called|heard|asked)\b)"
    r"[\w']+){0,6}? (?:has|have|had|got|gets|is|was|were|are)(?: (?:also|now|been|being|got"
    r"|getting|too))* (?:bruis\w*|cuts?|marks?|injur\w*|burns?|a black eye|black eyes|hit|hurt"
    r"|beaten|punched|kicked|slapped|pushed|abused|assaulted|attacked|scared|frightened|afraid"
    r"|threatened|locked in|neglected|starved|touched)\b"
    r"|\b(?:hits?|hitting|hurts?|hurting|pushe[sd]|pushing|slap(?:s|ped|ping)|kick(?:s|ed|ing)"
    r"|punch(?:es|ed|ing)|beats?|beating|abus(?:es|ed|ing)|threaten(?:s|ed|ing)|grab(?:s|bed"
    r"|bing)|touch(?:es|ed|ing)|shouts? at|shouted at|shouting at) (?:his|her|their|the) ("
    + _RELATIVE + r")\b")
# Their name told ("the carer is called D.", "the carer's name is Dave"): no one new.
_CALLED = re.compile(
    r"\b(?:the|that|this|same) ((?:\w+ )?\w+?)(?:'?s name is| is called| was called| is named"
    r"| was named| goes by) ([A-Z])(?:\.|[a-z]+\b)")


def _a_relative_harmed(lowered: str, held: str) -> bool:
    """Whether ``lowered`` tells of a relative harmed ("her husband was also hit by him", "he
    hit her son too") whom the concern's words ``held`` do not name (pure)."""
    return any(re.search(r"\b" + (first or second).rstrip("s") + r"s?\b", held) is None
               for first, second in _RELATIVE_HARMED.findall(lowered))


def _someone_new_named(words: str, concern: str) -> bool:
    """Whether ``words`` name someone ``concern`` (its words, names cut to initials) does not:
    a name (cut to initials as ``initials_only`` finds one, capitalised in the middle of a
    sentence, or starting one before "also", "has", "says"...) or initials, a word for a person
    (``_PERSON_WORD``), a pronoun of the other sex, or a place someone else is
    (``_ELSEWHERE``). Session 37's review: "Also John next door says the agency carer slapped
    him last night" was added to a concern about Mrs K."""
    lowered, held = words.lower(), concern.lower()
    held_words = set(re.findall(r"[a-z]+", held))
    known = {letter.upper() for letter in re.findall(r"\b([A-Za-z])\.", concern)} | {
        letter.upper() for _title, letter in _TITLED.findall(concern)} | set(
        re.findall(r"\b[A-Z]{1,3}\b", concern))
    folded = initials_only(words)
    # A name given to someone the concern tells of ("the carer is called D."): theirs.
    known |= {letter for one, letter in _CALLED.findall(folded) if one.split()[-1] in held_words}
    if any(letter not in known for letter in re.findall(r"\b([A-HJ-Z])\.", folded)):
        return True
    if any(found not in known and found.lower() not in safeguarding.NOT_A_NAME
           and _PLACEMENT_SHAPE.fullmatch(found) is None for found in _INITIALS.findall(words)):
        return True
    named = [*_CAPITALISED.findall(folded), *_A_NAMED_ONE_STARTS.findall(folded)]
    if any(name.lower() not in safeguarding.NOT_A_NAME and name.lower() not in held_words
           and _PERSON_WORD.fullmatch(name.lower()) is None for name in named):
        return True
    keys = {_PERSON_KEYS.get(found, found.rstrip("s")) for found in _PERSON_WORD.findall(held)}
    if any(_PERSON_KEYS.get(found, found.rstrip("s")) not in keys
           for found in _PERSON_WORD.findall(lowered)):
        return True
    if any(place not in held for place in _ELSEWHERE.findall(lowered)):
        return True
    if _a_relative_harmed(lowered, held):
        return True
    hers, his = _HERS_IN_CONCERN.search(held), _HIS_IN_CONCERN.search(held)
    if not ((hers or his) and (
            (_HERS.search(lowered) and not hers) or (_HIS.search(lowered) and not his))):
        return False
    return not _the_unsexed_one(lowered, held, hers=hers is not None)


def _the_unsexed_one(lowered: str, held: str, *, hers: bool) -> bool:
    """Whether a pronoun of the other sex from the concern's (whose words, lowered, are
    ``held``; ``hers``: the concern tells of her) is the one it tells of without saying he or
    she (``_UNSEXED_ONE``: "a carer slapped mrs d"), in follow-up words ``lowered``: they name
    that one again ("the carer is called D. and he's on shift again tonight"), or tell what
    the pronoun did to the concern's person ("he also took her phone", "she also said he pushed
    her last week too"). The safety review's G03, C04 and C16: each a second URGENT case. Harm
    to him alone ("he has a black eye too") is still someone else."""
    ones = {one.split()[-1].rstrip("s") for one in _UNSEXED_ONE.findall(held)}
    # Only as the one who acts ("he"): "the same carer also hit him" is harm to someone else.
    theirs = r"\b(?:him|his|himself)\b" if hers else r"\b(?:her|hers|herself)\b"
    if not ones or re.search(theirs, lowered) is not None:
        return False
    if re.search(r"\b(?:the|that|this|same) (?:\w+ )?(?:" + "|".join(sorted(ones))
                 + r")s?\b", lowered):
        return True
    doer, done_to = ("he", "her") if hers else ("she", "him|his")
    return re.search(r"\b" + doer + r"(?:'s|'d)?(?: (?:also|then|again|just|even|really"
                     r"|always|often|still|later|now|has|had|was|is|been|keeps|kept))* [a-z]+"
                     r" (?:" + done_to + r")\b", lowered) is not None


# Someone cared for told of as someone not yet known ("a resident now has bruises", "one of
# our clients"): the concern's "the resident" is not them (session 44: with "now" read as
# more of it, such words would have been added to the concern before them).
_SOMEONE_CARED_FOR_NEW = re.compile(
    r"\b(?:a|an|one of (?:our|the|my))(?: \w+)? (?:residents?|service users?|clients?"
    r"|tenants?|patients?|persons?|people|lady|ladies|man|men|woman|women|gentleman|gentlemen"
    r"|gent|individuals?|customers?|child|children|young persons?|boy|girl)\b")

# Several people cared for ("shouting at residents now"), where the concern told of none so:
# more people than its own.
_MANY_CARED_FOR = re.compile(
    r"\b(?:residents|service users|clients|tenants|patients|people|individuals|customers"
    r"|ladies|men|women|gentlemen|children)\b")


def _someone_else(words: str, concern: str, *, by_pronoun: bool = True) -> bool:
    """Whether ``words``, a follow-up naming no placement, say they are about someone else than
    the concern whose words are ``concern``: another person in so many words
    (``_SOMEONE_ELSE``), someone cared for told of as not yet known ("a resident",
    ``_SOMEONE_CARED_FOR_NEW``) or several the concern does not tell of ("residents",
    ``_MANY_CARED_FOR``), a person by title or a room the concern does not name, or anyone new
    named (``_someone_new_named``). When unsure, someone else: a second case is a nuisance, a
    person's harm merged into another's concern is lost (session 37's review).

    ``by_pronoun`` False: anyone new named counts only in so many words, or by a title or a room
    beside another the concern names, not by a pronoun or a word for a person (an answer to
    the hub's question, where "he" is most often the one the hub asked about: "yes, he hit her
    last week as well")."""
    lowered = words.lower()
    if (_SOMEONE_ELSE.search(lowered) is not None
            or _SOMEONE_CARED_FOR_NEW.search(lowered) is not None
            or any(many not in concern.lower() for many in _MANY_CARED_FOR.findall(lowered))):
        return True
    folded = initials_only(concern).lower()
    for pattern in (_TITLED, _ROOM):
        held = {tuple(part.lower() for part in found)
                for found in pattern.findall(folded)}
        # (in an answer, only against a title or a room the concern names: "Mrs Harris has
        # also been hit", on a concern naming nobody, names its own person: session 25)
        if (by_pronoun or held) and any(tuple(part.lower() for part in found) not in held
                                        for found in pattern.findall(initials_only(words))):
            return True
    if not by_pronoun:
        # ... a relative told of as harmed is someone new in an answer too (session 44's second
        # review: "her husband was also hit by him", typed in the Reply button's answer form,
        # was added to mrs d's concern with no case of its own)
        return _a_relative_harmed(lowered, initials_only(concern).lower())
    return _someone_new_named(words, initials_only(concern))


def _raised_lately(ctx: Ctx) -> list[Case]:
    """The safeguarding cases this person raised in the last ``FOLLOW_UP_WINDOW`` and still
    open, oldest first (one concern raised at several councils is a case at each)."""
    return list(ctx.session.scalars(select(Case).where(
        Case.kind == CaseKind.SAFEGUARDING, Case.raised_by_id == ctx.person.id,
        Case.status.in_(cases.ACTIVE), Case.opened_at >= ctx.now - FOLLOW_UP_WINDOW)
        .order_by(Case.id).limit(20)))


def _the_concern_just_raised(words: str, incoming: Incoming, ctx: Ctx) -> list[Case]:
    """The one concern (its case at each council) a provider raised in the last
    ``FOLLOW_UP_WINDOW`` and still open, that ``words`` typed on their own (free text or
    ``/ask``, no form), telling more of something (``_MORE_OF_IT``) and naming no placement,
    nothing typed about, and nobody else (``_someone_else``) may be more of. None when there
    is none, or more than one: the words are then a concern of their own, as before."""
    if (ctx.person.role != Role.PROVIDER or len(words) > cases.MAX_DESCRIPTION
            or incoming.form_id is not None or incoming.action is not None or ctx.form_open):
        return []
    command = parse_command(incoming.text)
    if command is not None and command.name != "ask":
        return []
    if (_MORE_OF_IT.search(words.lower()) is None
            # Any reference written as a placement's, on record or not ("RC-107s meds").
            or any(_PLACEMENT_SHAPE.fullmatch(written) for written in _references_in(words))
            or _A_PLACEMENT_REFERENCE.search(words) is not None or _placements_named(words, ctx)
            or _placement_beside_any(incoming, ctx) is not None):
        return []
    recent = _raised_lately(ctx)
    # One concern raised at several councils is a case at each, with the same words.
    if len({case.description for case in recent}) != 1:
        return []
    if _someone_else(words, recent[0].description):
        return []
    return recent


# The same harm told as done to another ("mr e's daughter has done the same to him").
_THE_SAME = re.compile(
    r"\b(?:(?:done|did|does|doing|do|tried|trying) the same(?: thing)?"
    r"|the same (?:thing )?(?:has |had |is |was )?(?:happened|happening|happens|going on)"
    r"|(?:the )?same (?:thing |story )?(?:with|for|again with)"
    r"|(?:the )?same (?:thing )?(?:has|had) (?:happened|been happening))\b")
# Asking the bot to do the same ("can you do the same for mr e?"): no harm told.
_ASKS_THE_BOT = re.compile(r"^(?:can|could|would|will) you\b|\bplease\b")


def _the_same_done_to_someone_else(words: str, incoming: Incoming, ctx: Ctx) -> list[Case]:
    """The one concern (its case at each council) a provider raised in the last
    ``FOLLOW_UP_WINDOW`` and still open whose harm ``words``, typed on their own, tell was done
    to someone else (``_THE_SAME``, ``_someone_else``): "and mr e's daughter has done the same
    to him" after "mrs d's son took her bank card". None when there is none, or more."""
    lowered = apostrophes_dropped(words.lower())
    if (ctx.person.role != Role.PROVIDER or len(words) > cases.MAX_DESCRIPTION
            or incoming.form_id is not None or incoming.action is not None or ctx.form_open
            or parse_command(incoming.text) is not None or _THE_SAME.search(lowered) is None
            or _ASKS_THE_BOT.search(lowered) is not None):
        return []
    recent = _raised_lately(ctx)
    if len({case.description for case in recent}) != 1:
        return []
    return recent if _someone_else(words, recent[0].description) else []


# A concern more harm may be added to: being handled. One whose resolution the hub has
# proposed is closing: more harm then is a concern of its own, beside it.
_BEING_HANDLED = (CaseStatus.OPEN, CaseStatus.ACKNOWLEDGED, CaseStatus.IN_PROGRESS)


def _placements_told(words: str, incoming: Incoming, ctx: Ctx) -> list[Placement]:
    """The sender's placements ``words`` are about: those they name, else the one they were
    typed about without naming it (``_placement_beside``: a comment on its case)."""
    named = _placements_named(words, ctx)
    if named:
        return named
    beside = _placement_beside(incoming, ctx, words)
    return [beside[0]] if beside is not None and beside[0] is not None else []


def _kind_raised(case: Case, ctx: Ctx) -> str:
    """The kind of harm a concern was raised as (its raised event's), or ``KIND_NOT_KNOWN``."""
    detail = ctx.session.scalars(select(AuditEvent.detail).where(
        AuditEvent.action == "safeguarding.raised", AuditEvent.subject == case.reference)
        .order_by(AuditEvent.id).limit(1)).first()
    return str((detail or {}).get("kind") or KIND_NOT_KNOWN)


def _concern_to_add_to(found: list[Case], kind: str, ctx: Ctx, *,
                       any_kind: bool = False) -> list[Case]:
    """The concern among ``found`` (``_concerns_it_follows``) that more harm of ``kind`` is
    more of, to be added to: its case at each council (one concern raised at several is a
    case at each, with the same words), the latest of those all of whose cases are still being
    handled (``_BEING_HANDLED``: acknowledged or not) and that told the same kind of harm
    (either kind not yet known). None when there is none: the words are a concern of their
    own, naming ``found``. Session 34's trial: a black eye, told after the hub acknowledged a
    concern of financial abuse about the same placement, became a comment on it, with no clock
    of its own; session 36's: more of the same harm, told after the hub acknowledged it, was a
    second URGENT case with no history, and now is added to it (the hub told at once).
    ``any_kind``: whatever kind of harm each told."""
    unknown = (safeguarding.POSSIBLE_HARM, KIND_NOT_KNOWN)
    concerns: dict[str, list[Case]] = {}
    for case in found:
        concerns.setdefault(case.description, []).append(case)
    still = [each for each in concerns.values() if all(
        case.status in _BEING_HANDLED
        and (any_kind or kind in unknown or _kind_raised(case, ctx) in (kind, *unknown))
        # At most one case a council (two concerns worded alike are no one concern).
        and len({case.council_id for case in each}) == len(each)
        for case in each)]
    return max(still, key=lambda each: max(case.id for case in each)) if still else []


def _references_in(text: str) -> set[str]:
    """The words of ``text`` that could be placement references (letters and digits with a
    digit among them: "RC-104", "hv-0100."), upper-case, trailing punctuation aside."""
    found = {word.rstrip("/_.-").upper()
             for word in re.findall(r"[A-Za-z0-9][A-Za-z0-9/_.-]{0,31}", text)
             if any(char.isdigit() for char in word)}
    # ... and as people also write them, without the hyphen or with a space ("rc105", "RC 105":
    # session 34's second review, a follow-up so written opened a second URGENT case).
    found.update(f"{letters.upper()}-{digits}" for letters, digits in _WRITTEN_APART.findall(text))
    # ... and with a possessive "s" ("a bruise on mrs HV-0231s arm": session 35's trial).
    found.update([word[:-1] for word in found if word[-2:-1].isdigit() and word.endswith("S")])
    return found


_WRITTEN_APART = re.compile(r"(?<![\w/-])([A-Za-z]{1,4}) ?(\d{2,})(?![\w/-])")


def _names_another_placement(words: str, placement: Placement) -> bool:
    """Whether ``words`` name a placement reference of any provider's (``_A_PLACEMENT_REFERENCE``,
    written with or without its hyphen) that is not ``placement``'s."""
    own = reference_key(placement.reference)
    return any(reference_key(named) != own for named in _A_PLACEMENT_REFERENCE.findall(words))


def _placements_named(text: str, ctx: Ctx) -> list[Placement]:
    """The placements of the sender's organisation that ``text`` names by reference (as
    ``placements_seen`` finds one: "RC-0102" is RC-102; session 35's brief)."""
    named = _references_in(text)
    if not named:
        return []
    return [placement for placement, _council in placements_seen(
        ctx.session, ctx.person, sorted(named)[:50])
        if placement.provider_id == ctx.person.organisation_id]


def _placement_at(text: str, council_id: int, ctx: Ctx) -> int | None:
    """The one placement of ``council_id`` that a concern's words name by reference, for its
    case to be about (session 30's trial: a commissioner's concern about RC-104 was about
    nothing): the sender's own placement there if they are a provider, else one the council
    holds; never another council's. None when they name none, or several."""
    named = _references_in(text)
    if not named:
        return None
    provider = ctx.person.role == Role.PROVIDER
    if not provider and ctx.person.organisation_id != council_id:
        return None
    # As ``placements_seen`` finds them ("RC-0102" is RC-102: session 35's brief).
    found = [placement.id for placement, _council in placements_seen(
        ctx.session, ctx.person, sorted(named)[:50]) if placement.council_id == council_id
        and (not provider or placement.provider_id == ctx.person.organisation_id)]
    return found[0] if len(found) == 1 else None


def _placement_beside(incoming: Incoming, ctx: Ctx,
                      words: str = "") -> tuple[Placement | None, str] | None:
    """The placement the words were typed about without naming it, and where they were typed
    (for the alert): the case of ``/case REF ACTION TEXT`` (or of its form), the deadline of
    ``/done`` or ``/not-applicable NUMBER REASON`` (or of its form), or the placement answered
    earlier in the form they answer (a disagreement's "Which placement or invoice?"). None
    when there is none the person may see, or when ``words`` (the concern's) name a placement
    reference that is not that one ("also RC-0105 was slapped", typed on RC-101's case:
    session 34's review). Session 34's trial: each such concern reached the hub with no
    placement.

    Returned with what the alert's "About:" line says ("placement RC-101 (told on case
    PB-...)"). A deadline with no placement (a tender's, an uplift's, an invoice's with none)
    is named there all the same, with no placement (the mend's brief: harm told on invoice
    CT-0901's deadline reached the hub with no About line)."""
    found = _placement_beside_any(incoming, ctx)
    if found is not None and found[0] is not None and _names_another_placement(words, found[0]):
        return None
    return found


# Words that read as a placement reference of any provider's ("RC-0105"), for
# ``_placement_beside``: the same shape as the knowledge base's (``handlers.ask.questions``).
_A_PLACEMENT_REFERENCE = re.compile(r"(?<![\w/-])(?:[A-Za-z]{1,4}-?\d{2,}|[A-Z]{1,4} \d{2,})"
                                    r"(?![\w/-])")


def _placement_beside_any(incoming: Incoming,
                          ctx: Ctx) -> tuple[Placement | None, str] | None:
    """``_placement_beside``, whatever the words name."""
    values: dict[str, Any] = {}
    command = parse_command(incoming.text) if incoming.form_id is None else None
    if command is not None:
        words = command.args.split(maxsplit=1)
        if command.name == "case" and words:
            values = {"reference": words[0]}
        elif command.name in ("done", "not-applicable") and words:
            values = {"deadline": words[0]}
        elif command.name == "review" and (reviewed := _review_done(command.args)) is not None:
            # "/review done P-8 <outcome>": the placement whose review it records.
            found = (_placements_named(reviewed[0], ctx)
                     if ctx.person.role == Role.PROVIDER else [])
            if len(found) != 1:
                return None
            # The review it closes, as ``/review done`` finds it.
            review = ctx.session.scalars(select(Deadline).where(
                Deadline.placement_id == found[0].id, Deadline.status == DeadlineStatus.OPEN,
                Deadline.rule.in_(REVIEW_RULES)).order_by(Deadline.due_on, Deadline.id)).first()
            return found[0], (f"placement {found[0].reference} (told on deadline #{review.id}, "
                              f"{review.reference})" if review is not None
                              else f"placement {found[0].reference} (told with /review done)")
    elif incoming.form_id is not None:
        values = dict(incoming.form_values)
    elif (row := _open_form_row(ctx)) is not None:
        values = row[1]
    said = str(values.get("reference") or "").strip()
    number = str(values.get("deadline") or "").strip().lstrip("#")
    if (reference := cases.parse_reference(said) if said else None) is not None:
        case = ctx.session.scalars(select(Case).where(
            Case.reference == reference, cases.visible_to(ctx.person))).first()
        if case is None or case.placement_id is None:
            return None
        commented = (command.args.split()[1:2] == ["comment"] if command is not None
                     else _open_form(incoming, ctx) in _REPLY_FORMS)
        placement = ctx.session.get_one(Placement, case.placement_id)
        return (placement, f"placement {placement.reference} (told "
                           f"{'in a comment ' if commented else ''}on case {case.reference})")
    if number.isascii() and number.isdigit() and len(number) < 12:
        deadline = ctx.session.get(Deadline, int(number))
        if deadline is None or not may_act_on(ctx.person, deadline):
            return None
        if deadline.placement_id is not None:
            placement = ctx.session.get_one(Placement, deadline.placement_id)
            return (placement, f"placement {placement.reference} (told on deadline "
                               f"#{deadline.id}, {deadline.reference})")
        # An invoice's deadline is about the invoice's placement, where it has one; any
        # other deadline (a tender's, an uplift's) is named alone.
        invoice = (ctx.session.get(Invoice, deadline.invoice_id)
                   if deadline.invoice_id is not None else None)
        if invoice is not None and invoice.placement_id is not None:
            placement = ctx.session.get_one(Placement, invoice.placement_id)
            return (placement, f"{deadline.reference} for placement {placement.reference} "
                               f"(told on deadline #{deadline.id})")
        return None, f"{deadline.reference} (told on deadline #{deadline.id})"
    if said:
        found = _placements_named(said, ctx) if ctx.person.role == Role.PROVIDER else []
        if len(found) == 1:
            return found[0], f"placement {found[0].reference} (told in a form about it)"
    return None


def _again(earlier: str, ctx: Ctx) -> Reply:
    """The same words raised already (``earlier``): the hub has them."""
    return Reply(text=ctx.render("safeguarding_again.txt", reference=earlier,
                                 safeguarding_contact=ctx.settings.safeguarding_contact))


def _comment_taken(reference: str, incoming: Incoming, ctx: Ctx,
                   rest: Next) -> tuple[bool, list[Reply]]:
    """Run the rest of the chain (the comment) in a SAVEPOINT: whether it added a comment to
    the concern ``reference``, and its replies (a refusal's words when it was refused)."""
    def comments() -> int:
        return len(ctx.session.scalars(select(CaseEvent.id).join(
            Case, Case.id == CaseEvent.case_id).where(
            Case.reference == reference, CaseEvent.action == "comment")).all())

    before = comments()
    replies = _rest_kept_apart(incoming, ctx, rest)
    return comments() > before, replies


def _their_words(incoming: Incoming, words: str) -> str:
    """The words of a concern as the person wrote them: for "/case REF ACTION TEXT", the TEXT
    (session 24's trial: the hub's urgent alert began "PB-2026-000001 comment We asked ...");
    for "/done NUMBER OUTCOME" and "/not-applicable NUMBER REASON", the OUTCOME or REASON
    (session 35's brief: the hub was told "2 review held, a carer slapped her"; the deadline
    is named in the alert's "About:" line)."""
    command = parse_command(incoming.text) if incoming.form_id is None else None
    if command is not None and command.name == "case":
        parts = command.args.split(maxsplit=2)
        if (len(parts) == 3 and cases.parse_reference(parts[0]) is not None
                and parts[1].lower() in CASE_ACTIONS):
            return parts[2].strip()
    if command is not None and command.name == "review":
        # "/review done P-8 [DAY] OUTCOME": the OUTCOME (the mend's brief: the hub's case
        # began "done P-8 ..."; the About line names the placement).
        reviewed = _review_done(command.args)
        if reviewed is not None and reviewed[1]:
            return reviewed[1]
    if command is not None and command.name in ("done", "not-applicable"):
        number, _, told = words.strip().partition(" ")
        raw = number.lstrip("#")
        if told.strip() and raw.isascii() and raw.isdigit() and len(raw) < 12:
            return told.strip()
    return words


# The day a "/review done REF" names before its outcome ("2026-12-01", "the 3rd", "today").
_REVIEW_DAY = re.compile(
    r"(?:on )?(?:the )?(?:\d{1,4}[-/.]\d{1,2}(?:[-/.]\d{2,4})?|\d{1,2}(?:st|nd|rd|th)(?=[,.;:]|$)"
    r"|today|yesterday|this (?:morning|afternoon)|(?:last )?(?:mon|tues|wednes|thurs|fri|satur"
    r"|sun)day)(?![\w/-])[\s,.;:-]*", re.IGNORECASE)


# A placement reference as "/review done" takes it: letters and digits, a digit among them.
_A_REFERENCE_WORD = re.compile(r"(?=[\w/.-]*\d)(?=[\w/.-]*[A-Za-z])[A-Za-z0-9][\w/.-]{0,31}")


def _review_done(args: str) -> tuple[str, str] | None:
    """The placement reference and the outcome of "/review done REF [DAY] OUTCOME"'s ``args``
    (pure): ("P-8", "review held") of "done P-8 2026-12-01 review held"; the outcome empty when
    there is none. None when they are not those of a review done with its reference."""
    words = args.split()
    if len(words) < 2 or words[0].lower() != "done":
        return None
    at = next((index for index, word in enumerate(words[1:3], start=1)
               if _A_REFERENCE_WORD.fullmatch(word.rstrip(",.;:"))
               and _REVIEW_DAY.fullmatch(word) is None), None)
    if at is None:
        return None
    rest = " ".join(words[1:at] + words[at + 1:])
    day = _REVIEW_DAY.match(rest)
    return words[at].rstrip(",.;:"), (rest[day.end():] if day is not None else rest).strip()


# The forms a comment on a case is typed into: the comment form, and the answer form the Reply
# button opens while the hub's yes or no question waits (session 44's brief: "yes he hit her
# again last night" typed there opened a second URGENT case).
_REPLY_FORMS = frozenset({cases.COMMENT, ANSWER_FORM.form_id})


def _comment_on_a_concern(incoming: Incoming, ctx: Ctx) -> str | None:
    """The reference of the open safeguarding case these words comment on, when they do and
    the person may see it (``/case REF comment TEXT``, or the comment form of such a case);
    else None."""
    reference: str | None = None
    command = parse_command(incoming.text) if incoming.form_id is None else None
    if command is not None:
        words = command.args.split(maxsplit=2)
        if command.name == "case" and len(words) >= 2 and words[1].lower() == "comment":
            reference = words[0]
    elif incoming.form_id is not None:
        if incoming.form_id in _REPLY_FORMS:
            reference = str(incoming.form_values.get("reference", ""))
    elif (row := _open_form_row(ctx)) is not None and row[0] in _REPLY_FORMS:
        reference = str(row[1].get("reference", ""))
    normal = cases.parse_reference(reference) if reference else None
    if normal is None:
        return None
    found = ctx.session.execute(select(Case.reference, Case.placement_id, Case.description)
                                .where(Case.reference == normal,
                                       Case.kind == CaseKind.SAFEGUARDING,
                                       Case.status.in_(cases.ACTIVE),
                                       cases.visible_to(ctx.person))).first()
    if found is None:
        return None
    # Harm to another placement told in a comment on this concern is a concern of its own
    # (session 34's second review: "also RC-105 was slapped by the same carer", on RC-101's
    # concern, was folded into it with no clock of its own).
    said = (command.args.split(maxsplit=2)[2:] or [""])[0] if command is not None else (
        incoming.text)
    placement = (ctx.session.get(Placement, found.placement_id)
                 if found.placement_id is not None else None)
    if placement is not None and _names_another_placement(said, placement):
        return None
    # ... and so is harm to anyone else told there, by title, room, name or "another resident"
    # (session 44's review: "yes, and he also hit mr k in room 2 on sunday", typed in the Reply
    # button's answer form, was added to mrs d's concern with no case of its own).
    if (_ANOTHER_PERSON.search(said.lower()) is not None
            or _someone_else(said, str(found.description or ""), by_pronoun=False)):
        return None
    return str(found.reference)


# Money words that make a case action's reason a business one ("it has not been paid", given
# to reopen a payment disagreement; session 30's review: it was asked "Is this about someone's
# safety?", which the concern model is unsure of without the case it is about).
_BUSINESS = re.compile(r"\b(?:paid|pay|pays|paying|payment|payments|unpaid|invoice[sd]?|fees?"
                       r"|rates?|uplifts?|funding|funded|contract|owed|owes|arrears|money"
                       r"|£\s?\d[\d,.]*)\b", re.IGNORECASE)
# The case actions whose words are the provider's reason or note.
_REASONED_ACTIONS = frozenset({"comment", "answer", "reopen", "reject", "withdraw",
                               "why-rejected"})


def _business_on_a_case(incoming: Incoming, ctx: Ctx, words: str) -> bool:
    """Whether ``words`` are a money reason or note on a case that is no concern (``/case REF
    reopen it has not been paid``, or the action's form) that points at no one
    (``safeguarding.points_at_someone``): the concern model's doubt about them is not asked
    about. Words the rules
    read as harm are raised whatever they are."""
    # Words that point at someone ("the daughter who has power of attorney is refusing to pay
    # for his clothes") are read as any message (session 31's review).
    if _BUSINESS.search(words) is None or safeguarding.points_at_someone(words):
        return False
    reference: str | None = None
    command = parse_command(incoming.text) if incoming.form_id is None else None
    if command is not None:
        parts = command.args.split(maxsplit=2)
        if (command.name == "case" and len(parts) >= 2
                and parts[1].lower() in _REASONED_ACTIONS):
            reference = parts[0]
    else:
        form = _open_form(incoming, ctx)
        if form is not None and cases.button_name(form) in _REASONED_ACTIONS:
            values = (incoming.form_values if incoming.form_id is not None
                      else (_open_form_row(ctx) or ("", {}))[1])
            reference = str(values.get("reference", ""))
    normal = cases.parse_reference(reference) if reference else None
    if normal is None:
        return False
    return ctx.session.scalars(select(Case.id).where(
        Case.reference == normal, Case.kind != CaseKind.SAFEGUARDING,
        cases.visible_to(ctx.person))).first() is not None


def _kept(words: str, limit: int = cases.MAX_DESCRIPTION) -> str:
    """A concern's words as its case keeps them: whole, or for words over ``limit`` (a pasted
    log, read whole: ``read_when_too_long``) their start and their end, where the harm told
    last is (session 25's trial; session 26's: the hub's alert kept only the start)."""
    if len(words) <= limit:
        return words
    cut = " [...] "
    half = (limit - len(cut)) // 2
    return f"{words[:half]}{cut}{words[-half:]}"


def _raised_already(words: str, ctx: Ctx) -> str | None:
    """The reference of a concern this person (or, raised anonymously, their organisation)
    raised with the same words within ``REPEAT_WINDOW`` and still open, or None. Once the hub
    has closed it, the same words are a new concern (session 25's trial: they reached no one)."""
    raised_by_them = or_(Case.raised_by_id == ctx.person.id, and_(
        Case.raised_by_id.is_(None), Case.provider_id == ctx.person.organisation_id))
    # By the words as typed (their fingerprint, kept with the raised event): the case keeps
    # names as initials, and "Mrs Patricia Holmes" and "Mrs Pauline Hart" are both "Mrs P. H."
    # (the session's reviews: one way a repeat opened a second case, the other way a second
    # resident's concern was taken for a repeat).
    fingerprint = _fingerprint(words, ctx)
    mine = select(Case.reference, AuditEvent.detail).join(
        AuditEvent, AuditEvent.subject == Case.reference).where(
        AuditEvent.action == "safeguarding.raised", AuditEvent.at >= ctx.now - REPEAT_WINDOW,
        Case.kind == CaseKind.SAFEGUARDING, Case.opened_at >= ctx.now - REPEAT_WINDOW,
        Case.status.in_(cases.ACTIVE), raised_by_them).order_by(Case.id.desc())
    for reference, detail in ctx.session.execute(mine.limit(100)):
        if (detail or {}).get("words") == fingerprint:
            return str(reference)
    return ctx.session.scalars(select(Case.reference).where(
        Case.kind == CaseKind.SAFEGUARDING, Case.opened_at >= ctx.now - REPEAT_WINDOW,
        Case.status.in_(cases.ACTIVE), raised_by_them, Case.description == _kept(words))
        .order_by(Case.id.desc())).first()


# Without ``PLEDGEBOT_SECRET_KEY``, a key of this process's own: a repeat is then known only
# within one process's life (after a restart it is raised again, never missed).
_PROCESS_KEY = secrets.token_bytes(32)


def _fingerprint(words: str, ctx: Ctx) -> str:
    """A keyed fingerprint of a concern's words as typed (spacing and case aside): what a
    repeat is known by, without keeping the words twice. Keyed (HMAC), so that the names in
    the words cannot be found again by trying names against it (the session's third review:
    an unkeyed hash gave back "patricia holmes" in six tries)."""
    folded = " ".join(words.casefold().split())
    secret = ctx.settings.secret_key
    key = secret.get_secret_value().encode("utf-8") if secret is not None else _PROCESS_KEY
    return hmac.new(key, folded.encode("utf-8"), hashlib.sha256).hexdigest()[:32]


def _question_waiting(incoming: Incoming, ctx: Ctx) -> FormField | None:
    """The question of the person's open form that these typed words answer (no command, no
    button, no form sent whole); else None."""
    if (incoming.form_id is not None or incoming.action is not None or not ctx.form_open
            or parse_command(incoming.text) is not None):
        return None
    return forms.question_waiting(ctx)


# Care visits or calls missed, as the rules' evidence says it ("visits were missed", "missed
# visits", "calls missed").
_VISITS_MISSED = re.compile(r"(?:missed (?:visits?|calls?)|(?:visits?|calls?) (?:were |was"
                            r" |have been |had been |being )?missed)")


# What else a count of visits missed may say and still be only that: numbers, "of the", when,
# how often. A closed list (session 41's review: with any other word left to the rules and the
# model, "2 or 3 visits were missed. Died in hospital.", "missed calls, mum admitted", "3 missed
# visits = hospital" were dropped, since "hospital", "A&E" or "ambulance" alone read as no harm).
_COUNT_WORDS = (
    "a an the of our their and or to in on at by for so far about around approx approximately"
    " nearly almost over least only just some few several all many most both total altogether"
    " visit visits call calls were was have has had been being missed this last past previous"
    " these those day days week weeks fortnight month months year today yesterday weekend"
    " recently lately now again times twice once one two three four five six seven eight nine"
    " ten dozen half"
    # why, in the business's words: a rota, a system, staffing
    " because due it its is was wasn't wasnt not sent new rota rotas roster rostering"
    " system systems agency staff staffing shortage shortages sickness late issue issues"
    " problem problems mess otherwise fine we us")
_ONLY_A_COUNT = frozenset(_COUNT_WORDS.split())


def _only_visits_missed(words: str, concern: safeguarding.SafeguardingMatch) -> bool:
    """Whether ``words`` tell only a count of care visits missed: the rules' evidence is that,
    and every other word is a number, a time, a word of the count or of its business reason
    (``_ONLY_A_COUNT``: "because the rota wasn't sent"): any other word ("hospital", "mum",
    "admitted") keeps the concern as the rules read it."""
    if _VISITS_MISSED.fullmatch(concern.evidence) is None:
        return False
    norm = safeguarding.normalise(words)
    if concern.evidence not in norm:
        return False
    rest = re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)*|\d+|[^\w\s,.;:!?()'-]",
                      norm.replace(concern.evidence, " "))
    return all(word.isdigit() or word in _ONLY_A_COUNT for word in rest)


def _only_a_change_in_condition(words: str) -> bool:
    """Whether the words the concern model is unsure of tell only a change in someone's health
    or needs ("has had a stroke and now needs two carers"): with those words taken out, the
    rules find nothing and the model is neither unsure nor sure of the rest."""
    rest = without_condition_change(words)
    return (rest is not None and safeguarding.classify(rest) is None
            and safeguarding.unsure(rest) is None)


# A question put at the end of a sentence without its mark ("... they're still charging him
# full fees is that allowed"), or a request for advice with no question word ("best mattress for
# someone at high risk of pressure sores"): asks something (session 42's calibration run: the
# safety question alone dropped their "I don't know" and its "Ask a commissioner").
_ASKS_AT_THE_END = re.compile(
    r"\b(?:is|are|was|can|could|should|do|does|did|would|will|must|may)\W+(?:that|this|it|they"
    r"|he|she|we|i|you|there)\b(?:\W+\w+){0,4}\W*$"
    r"|^\W*(?:best|recommend\w*|any (?:tips|advice|ideas)|advice on|tips (?:on|for))\b",
    re.IGNORECASE)


def _asks_anything(words: str) -> bool:
    """Whether any part of ``words`` (as ``questions_beside`` reads them) asks something (pure):
    a question word first, a question mark, a question put as a statement, or one put at the
    end of a sentence or asked as advice (``_ASKS_AT_THE_END``)."""
    return any(_ASKS.search(part) is not None or forms.reads_as_question(part.strip())
               or _ASKS_AT_THE_END.search(part) is not None
               for part in _parts_beside(words))


def _as_kept_noted(asked: Reply, words: str, ctx: Ctx) -> Reply:
    """The safety question ``asked``, alone, with the note the knowledge base's reply would have
    had when the words were kept (``SAFETY_ASKED_MODE``) with a name cut to initials or an
    identifier taken out (session 30's trial: nobody was told)."""
    kept = ctx.session.scalars(select(Question.text).where(
        Question.person_id == ctx.person.id, Question.asked_at == ctx.now,
        Question.mode == SAFETY_ASKED_MODE).order_by(Question.id.desc()).limit(1)).first()
    if kept is None:
        return asked
    removed = identifiers_removed(without_identifiers(words))
    named = kept != without_identifiers(words.strip())[:MAX_STORED_CHARS]
    if not removed and not named:
        return asked
    note = (ctx.render("identifiers_removed.txt", removed=removed, name=named) if removed
            else ctx.render("names_kept_as_initials.txt"))
    return dataclasses.replace(asked, text=f"{asked.text}\n{note}")


def _then_the_rest(first: list[Reply], incoming: Incoming, ctx: Ctx, rest: Next) -> list[Reply]:
    """``first``, then the rest of the chain's replies (``_rest_kept_apart``)."""
    return [*first, *_rest_kept_apart(incoming, ctx, rest)]


def _rest_kept_apart(incoming: Incoming, ctx: Ctx, rest: Next) -> list[Reply]:
    """The rest of the chain's replies, run inside a SAVEPOINT: a refused command
    (``BadInput``, ``NotAllowed``) undoes only its own work, never what was done for
    safeguarding before it (the concern, or the question asked), and its words are the reply."""
    queued = len(ctx.notifications)
    # Whatever was done for safeguarding came after the council's message: whether it invited
    # a reply is read again by the routes (``reply_invited``, read once a message till now).
    forget_reply_invited(ctx)
    savepoint = ctx.session.begin_nested()
    try:
        replies = rest(incoming, ctx)
    except (BadInput, NotAllowed) as error:
        savepoint.rollback()
        del ctx.notifications[queued:]
        return [Reply(text=str(error))]
    savepoint.commit()
    return replies


# A message that tells of a concern and asks something else besides ("quick one - whats the
# deadline for the homecare tender clarifications, and also im a bit worried about HV-0231, the
# carer says money keeps going missing": session 35's trial, the tender question was dropped):
# its parts, at a sentence's end, before "also", "btw" or a worry told ...
_BESIDE_BREAK = re.compile(
    r"(?<=[.?!;])\s+|[,;]?\s+(?:and\s+|but\s+)?also\b[\s,:]*|[,;]?\s*\b(?:btw|by the way"
    r"|separately|on another note|another thing|one more thing)\b[\s,:]*"
    r"|[,;]\s*(?:and\s+|but\s+)?(?=(?:i'?m|i am|we'?re|we are|i was|we were) (?:\w+ ){0,2}"
    r"(?:worried|concerned)\b)", re.IGNORECASE)
# ... each that asks (a question word first, or a question mark) ...
_ASKS = re.compile(r"^\W*(?:(?:and|but|so|plus|ok|okay|oh)\W+)*(?:who|whom|whose|what|whats"
                   r"|when|whens|where|wheres|why|how|hows|which|can|could|do|does|did|is|are"
                   r"|should|shall|will|would|must|may|have|has|any)\b|\?\W*$", re.IGNORECASE)
# ... not about the concern itself ("what should I do?", "who do I tell?", "is that abuse?":
# a word that leans on the words before it, too) ...
# Whom a concern is told to, besides those ``_ABOUT_THE_CONCERN`` names on their own.
_WHOM_TOLD = (r"(?:council|la|local authority|commissioners?|social workers?|family|families"
              r"|relatives?|next of kin|nok|gp|safeguarding|them)")
_ABOUT_THE_CONCERN = re.compile(
    r"\b(?:what (?:should|shall|do|can|must|would|could) (?:i|we|you)|what now|what next"
    r"|next steps?|advice|advise|help|who (?:should|do|shall|can|must) (?:i|we)|police|999|101"
    r"|cqc|hub|ambulance|(?:tell|report \w+ to|inform|notify) (?:anyone|anybody|someone"
    r"|somebody|the (?:police|family|council|gp))|someone|somebody|anyone|anybody|check on"
    r"|worr\w*|concern\w*|safe|safety|safely)\b"
    # Telling someone of it, and by when ("is there a time limit for telling the council?",
    # "do we have to inform the safeguarding team?": the session's review, complaints' time
    # limits were offered after the concern's reply).
    r"|\b(?:(?:tell|telling|inform|informing|notify|notifying|alert|alerting)\s+"
    r"|(?:report|reporting)\s+(?:it\s+|this\s+|that\s+)?to\s+|let\s+(?=.*\bknow\b))"
    r"(?:the\s+|our\s+|their\s+|her\s+|his\s+)?" + _WHOM_TOLD + r"\b"
    r"|\b(?:report|reporting)\s+(?:it|this|that)\b")
# ... read without the words that join it to the part before ("And how long ...?", "anyway how
# do i submit a return": session 45's review, after "kms.", it was not answered).
_JOINED = re.compile(r"^(?:(?:and|but|also|plus|so|btw|anyway|anyways|anyhow)\b[\s,:]*)+",
                     re.IGNORECASE)
# ... of a few words at least, and no more than a couple of them.
MIN_BESIDE_WORDS = 3
MAX_QUESTIONS_BESIDE = 2
# A part is parted at a comma too, where what follows it is a question of its own ("RC-101 has
# a bruise on her arm, how long is the standstill period?": session 36's brief, answered after
# a full stop or a "btw" but not after a comma): a question word and a verb that asks ("how long
# is", "when is", "whats"), or a verb that asks and who it asks of ("do we", "is there"); "who"
# or "which" only with a question mark ("her son, who visits daily" tells, not asks) ...
_ASKING_VERB = (r"(?:is|isnt|are|arent|was|were|do|does|did|dont|doesnt|can|cant|could|should"
                r"|shall|will|would|must|may|might|has|have)")
_A_QUESTION_AFTER_A_COMMA = re.compile(
    r",\s*(?=(?:(?:and|but|so|also|plus|oh|ok|okay)\s+)*(?:"
    r"(?:what|when|where|how|why)['\u2019]?s\b"
    r"|(?:what|when|where|why|how)(?:\s+(?:long|much|many|often|soon|far|quickly))?\s+"
    + _ASKING_VERB + r"\b"
    r"|" + _ASKING_VERB + r"\s+(?:i|we|you|they|there|it|the|this|our|your|a|an|anyone"
    r"|someone)\b"
    r"|(?:who|whom|whose|which)\b[^?]*\?\W*$))", re.IGNORECASE)


def _parts_beside(words: str) -> list[str]:
    """The parts a message is read in for ``questions_beside`` (pure): ``_BESIDE_BREAK``'s,
    each parted again at a comma before a question of its own (``_A_QUESTION_AFTER_A_COMMA``,
    read by ``forms.reads_as_question`` too)."""
    parts = []
    for part in _BESIDE_BREAK.split(words):
        at = 0
        for found in _A_QUESTION_AFTER_A_COMMA.finditer(part):
            if found.start() >= at and forms.reads_as_question(
                    _JOINED.sub("", part[found.end():].strip())):
                parts.append(part[at:found.start()])
                at = found.end()
        parts.append(part[at:])
    return parts


def questions_beside(words: str) -> tuple[str, ...]:
    """The questions a message that tells of a concern asks besides it, in order (pure): a part
    (``_parts_beside``) that asks (``_ASKS``), past any preamble ("quick one -"), of
    ``MIN_BESIDE_WORDS`` or more, no small talk, in which nothing is read as harm, asked about
    or a how-to question about safeguarding, and that is not about the concern itself
    (``_ABOUT_THE_CONCERN``, a word that leans on the words before it, a person named). None
    when there are more than ``MAX_QUESTIONS_BESIDE``."""
    found = []
    for part in _parts_beside(words):
        part = without_preamble(_JOINED.sub("", part.strip(" \t\n,;:-")))
        folded = safeguarding.normalise(part)
        if (len(part.split()) < MIN_BESIDE_WORDS or _ASKS.search(part) is None
                or small_talk(part) is not None  # "are you there?"
                or _ABOUT_THE_CONCERN.search(folded) is not None or leans_back(part)
                or safeguarding.points_at_someone(part)  # "can you check on Mrs F?"
                or _TOPIC.search(folded) is not None or classified(part) is not None
                or safeguarding.unsure(part) is not None
                # the writer's own crisis asked as a question ("whats the point in living")
                or safeguarding.writers_own_crisis(part)):
            continue
        found.append(part)
    return tuple(found) if len(found) <= MAX_QUESTIONS_BESIDE else ()


def _then_the_question_beside(first: list[Reply], incoming: Incoming, ctx: Ctx,
                              rest: Next) -> list[Reply]:
    """``first`` (a concern raised, or added to), then the rest of the chain: for words typed
    on their own (no form, command or button), the question asked besides the concern
    (``questions_beside``), answered as if typed alone after it, named ('On "...":'); the
    concern and the hub's words are the whole message's."""
    beside = (questions_beside(incoming.text)
              if incoming.action is None and incoming.form_id is None and not ctx.form_open
              and parse_command(incoming.text) is None else ())
    if not beside:
        return _then_the_rest(first, incoming, ctx, rest)
    asked = " ".join(f"{part.rstrip(' ?.!')}?" for part in beside)
    ctx.marks.pop(CONCERN_RAISED, None)  # these words are not the concern's: answered
    try:
        answered = _rest_kept_apart(dataclasses.replace(incoming, text=asked), ctx, rest)
    finally:
        ctx.marks[CONCERN_RAISED] = True
    if len(beside) == 1 and answered:
        answered[0] = dataclasses.replace(
            answered[0], text=f'On "{beside[0].rstrip(" ?.!")}":\n{answered[0].text}')
    return [*first, *answered]


def _reads(ctx: Ctx, incoming: Incoming) -> bool:
    """Whether this person's words are read: a provider's always; council staff's questions."""
    if ctx.person.role == Role.PROVIDER:
        return True
    if incoming.action is not None or incoming.form_id is not None:
        return False
    command = parse_command(incoming.text)
    if command is None:
        return not ctx.form_open
    return command.name == "ask"


def raise_concern(
    text: str, concern: safeguarding.SafeguardingMatch, incoming: Incoming, ctx: Ctx,
    *, after: list[Case] | None = None, same_as: list[Case] | None = None,
) -> list[Reply]:
    """Give the safeguarding guidance at once, record the concern, tell the leads now.

    ``after``: an earlier concern about the same placement that these words are not added
    to (acknowledged already, or another kind of harm): the new case and its alert name it.
    ``same_as``: the concern just raised whose harm these words tell was done to someone else
    ("has done the same to him"): the new case and its alert name it, so "the same" is known.

    Words typed towards feedback (which may be anonymous) raise the concern anonymously: the
    case, the audit record and the alert carry the provider organisation but nothing that
    links the words to the person, no question row keeps them, and the person is told plainly
    what the hub will and will not see.
    """
    in_survey = _towards_a_survey(incoming, ctx)
    anonymous = in_survey or _towards_feedback(incoming, ctx)
    person = ctx.person
    record: Question | None = None
    fingerprint = _fingerprint(text, ctx)  # of the words as typed: a repeat is known by them
    # Names cut to initials ("Mrs P. H."), in the case, the question log and the alert: the
    # hub acts on the placement reference and the person who raised it (session 26's trials:
    # "Mrs Patricia Holmes in room 4 has unexplained bruises" was kept word for word).
    text = initials_only(text)
    # So is an NHS number, a date of birth, an address (session 36's trial: "M. T. (dob
    # 12/03/1941, NHS no 485 777 3456) at 14 Elm Road" reached all three): after the concern
    # was read, so what is read as one is the same; the sender is told once (below).
    text = without_identifiers(text)
    told_as = text
    # The message asked about goes with the concern only when the person said it was one: the
    # concern form is open (they pressed "Raise a concern now" or answered "yes" or "maybe"),
    # and these are its words. A concern typed on its own is its own (session 30's trial and
    # review: a concern about HV-9, typed after other questions, reached the hub with "RC-101 was
    # found dead in his room" attached, and was filed against RC-101).
    earlier = (None if anonymous or (_open_form(incoming, ctx) != CONCERN_FORM.form_id
                                     and not ctx.marks.get(_SAID_YES))
               else _the_words_asked_about(ctx))
    if earlier and earlier.strip().lower() not in text.lower():
        # "maybe" to "Is this about someone's safety?", then "she says the night carer is
        # rough with her": the hub needs the first message too (session 25's trial: only the
        # second reached the case).
        text = ctx.render("safeguarding_earlier.txt", words=text, earlier=earlier)
    if same_as:
        text = ctx.render("safeguarding_same_as.txt", words=text,
                          reference=same_as[0].reference, kind=_kind_raised(same_as[0], ctx))
    if after:
        text = ctx.render("safeguarding_beside.txt", words=text, earlier=[
            (case.reference, _kind_raised(case, ctx), case.acknowledged_at is not None)
            for case in after])
    if not anonymous:
        record = Question(
            person_id=person.id,
            organisation_id=person.organisation_id,
            channel=incoming.channel,
            text=told_as[:MAX_STORED_CHARS],
            safeguarding=True,
            mode="safeguarding",
            entry_id="safeguarding-concerns",
            asked_at=ctx.now,
        )
        ctx.session.add(record)
        ctx.session.flush()
    # An urgent case at once: its owner must acknowledge within the hour, at any time, or the
    # SLA sweep escalates it; the council's safeguarding leads are told now, not at 09:00.
    # A provider working with several councils, or with none on record, raises it with each
    # council it could be for, each holding its own case (session 26's trial: such a concern
    # opened no case, so no acknowledgement clock ran, and went to every council's leads).
    raised: list[tuple[str, str, list[Person], Case | None]] = []
    # Typed about a placement without naming it (a comment on its case, a reason for its
    # deadline, a form that asked for it): the concern is about that placement. Never of
    # anonymous words, which say nothing of whose they are.
    beside = (None if anonymous or _placements_named(text, ctx)
              else _placement_beside(incoming, ctx, told_as))
    placed = beside[0] if beside is not None else None
    for council_id in ([placed.council_id] if placed is not None
                       else _councils_for_a_concern(ctx, text)):
        case: Case | None = None
        try:
            with ctx.session.begin_nested():
                case, _owner_note = cases.open_case(ctx.session, cases.NewCase(
                    kind=CaseKind.SAFEGUARDING, category="other", council_id=council_id,
                    description=_kept(text), severity="urgent",
                    provider_id=(person.organisation_id if person.role == Role.PROVIDER
                                 else None),
                    raised_by_id=None if anonymous else person.id,
                    placement_id=(placed.id if placed is not None
                                  else _placement_at(text, council_id, ctx)),
                    summary=f"Safeguarding concern ({concern.kind})"),
                    settings=ctx.settings, policy=ctx.deps.sla,
                    calendar=ctx.deps.calendar, now=ctx.now, templates=ctx.templates)
        except BadInput:
            case = None  # nobody to own it yet: the guidance and the alerts still go out
        told = cases.safeguarding_leads(ctx.session, council_id)
        if case is not None:
            if case.assignee_id not in {lead.id for lead in told}:
                told.insert(0, ctx.session.get_one(Person, case.assignee_id))
            raised.append((case.reference, f"case:{case.id}", told, case))
        else:
            raised.append((_no_case_reference(record), f"safeguarding:{uuid.uuid4().hex}",
                           told, None))
    if not raised:  # no council set up at all
        raised.append((_no_case_reference(record), f"safeguarding:{uuid.uuid4().hex}", [],
                       None))
    for reference, key, told, case in raised:
        if anonymous:
            audit.record(ctx.session, "safeguarding.raised", actor_id=None, subject=reference,
                         at=ctx.now, kind=concern.kind, anonymous=True, words=fingerprint)
        else:
            ctx.audit("safeguarding.raised", subject=reference, kind=concern.kind,
                      question=record.id if record is not None else None, words=fingerprint)
        for lead in told:
            ctx.notify(Notification(
                person_id=lead.id,
                kind="safeguarding.raised",
                text=ctx.render(
                    "safeguarding_alert.txt",
                    reference=reference,
                    raised_by=None if anonymous else person.name,
                    organisation=person.organisation.name,
                    email=None if anonymous else person.email,
                    kind=concern.kind,
                    text=_kept(text, MAX_STORED_CHARS),
                    cut=len(text) > MAX_STORED_CHARS,
                    whole=len(text) <= cases.MAX_DESCRIPTION,
                    is_case=case is not None,
                    about=beside[1] if beside is not None else None,
                ),
                idempotency_key=f"{key}:safeguarding:to:{lead.id}",
                buttons=cases.council_buttons(case) if case is not None else (),
                urgent=True,
                case_reference=case.reference if case is not None else None,
            ))
    hubs = [ctx.session.get_one(Organisation, case.council_id).name
            for _reference, _key, _told, case in raised if case is not None]
    crisis_too = own_crisis_beside_own_abuse(told_as)
    return [
        Reply(
            text=cases.identifiers_noted(ctx.render(
                "safeguarding.txt",
                safeguarding_contact=ctx.settings.safeguarding_contact,
                reference=" and ".join(reference for reference, *_rest in raised),
                hubs=hubs if len(raised) > 1 else [],
                anonymous=anonymous,
                in_survey=in_survey,
                # Every council's hub told, or the person is asked to call (the session's
                # review: one council with nobody in it was said to have been told).
                hub_told=all(told for _reference, _key, told, _case in raised),
                # A provider's duty, not the council's own staff's (session 30's trial: a
                # commissioner's concern from a monitoring visit was told to notify CQC).
                council_staff=person.role != Role.PROVIDER,
                # Nor about a care worker's own abuse at home (session 36's trial): a CQC
                # notification is about people using the service.
                # (In the concern form, their own abuse told with no word of work.)
                own=safeguarding.writers_own_abuse(told_as, said_at_work=_open_form(
                    incoming, ctx) != CONCERN_FORM.form_id) or crisis_too,
                # Their own crisis told beside their own abuse ("my partner hits me and I want
                # to die": session 45's brief): the crisis support in the same reply, one case.
                crisis=ctx.render("safeguarding_own_crisis.txt", raised=True)
                if crisis_too else None,
            ), told_as, ctx.templates)
        )
    ]


def _no_case_reference(record: Question | None) -> str:
    """The reference of a concern no case holds (no council, or nobody there to own it)."""
    serial = record.id if record is not None else uuid.uuid4().int % 10**6
    return f"SG-{serial:06d}"


def _councils_for_a_concern(ctx: Ctx, text: str) -> list[int]:
    """The councils a concern goes to: council staff's own; else the councils of the sender's
    placements its words name ("RC-0101 has bruises"); else every council the provider works
    with; else, a provider with no council on record, every council."""
    person = ctx.person
    if person.organisation.kind == OrganisationKind.COUNCIL:
        return [person.organisation_id]
    placed = {placement.council_id for placement in _placements_named(text, ctx)}
    if placed:
        return sorted(placed)
    # The councils it works with now (the session's review: a placement that ended years ago
    # sent an unrelated concern to that council too; session 28: so did a contract, which had
    # no end date); else any it has worked with.
    councils = councils_of(ctx.session, person.organisation_id, on=ctx.now.date())
    if councils:
        return sorted(councils)
    return list(ctx.session.scalars(select(Organisation.id).where(
        Organisation.kind == OrganisationKind.COUNCIL).order_by(Organisation.id)))


def _towards_feedback(incoming: Incoming, ctx: Ctx) -> bool:
    """Whether these words are feedback sent anonymously: a whole feedback form (a modal)
    submitted with anonymity chosen. Words typed into the feedback form field by field, or
    after ``/feedback``, are not kept in it (``WORDS_WITHHELD``), and no anonymity was chosen
    for them yet, so the concern carries the name and the hub can reply (session 20: one typed
    at a choice question was raised anonymously; session 21: one typed as the feedback's text
    was raised anonymously and filed as routine feedback too)."""
    return (incoming.form_id == FEEDBACK_FORM.form_id
            and incoming.form_values.get("anonymous") != ANONYMOUS_CHOICES[1])


def _kept_by_a_form(incoming: Incoming, ctx: Ctx) -> bool:
    """Whether these typed words would be kept as a form's answer other than the concern
    form's: words typed into an open form, or a command that starts a form with them
    (``/feedback TEXT``, ``/conflict TEXT``). A whole form (a modal) is taken as sent: the
    person chose its anonymity and sent it at once, and refusing it would lose every answer."""
    if incoming.form_id is not None:
        return False
    command = parse_command(incoming.text)
    if command is not None:
        return ((command.name in ctx.registry.forms and command.name != CONCERN_FORM.form_id)
                or _answers_a_survey(command.name, command.args))
    return _open_form(incoming, ctx) not in (None, CONCERN_FORM.form_id)


def _answers_a_survey(name: str, args: str) -> bool:
    """``/survey answer ID ...``: a survey's answers (anonymous, and published once
    approved)."""
    return name == "survey" and args.split()[:1] == ["answer"]


def _towards_a_survey(incoming: Incoming, ctx: Ctx) -> bool:
    """Whether these words answer an anonymous survey: its whole form, its open form, or
    ``/survey answer``. A concern in them is raised anonymously, as in anonymous feedback
    (session 21's review: it named the provider and quoted every answer to the hub); in a
    named survey's answers it carries the name, so the hub can reply."""
    key: str | None = None
    if incoming.form_id is not None:
        if incoming.form_id.startswith(SURVEY_FORM_PREFIX):
            key = str(incoming.form_values.get(SURVEY_FIELD, ""))
    elif (command := parse_command(incoming.text)) is not None:
        if _answers_a_survey(command.name, command.args):
            words = command.args.split()
            key = words[1] if len(words) > 1 else ""
    elif (row := _open_form_row(ctx)) is not None and row[0].startswith(SURVEY_FORM_PREFIX):
        key = str(row[1].get(SURVEY_FIELD, ""))
    if key is None:
        return False
    survey = survey_by_key(ctx.session, key)
    return survey is None or survey.anonymous


def _open_form(incoming: Incoming, ctx: Ctx) -> str | None:
    """The form these words answer: a whole form sent at once, or the person's open form
    (typed words that are not a command); None when they answer none."""
    if incoming.form_id is not None:
        return incoming.form_id
    if parse_command(incoming.text) is not None:
        return None
    row = _open_form_row(ctx)
    return row[0] if row is not None else None


_OPEN_FORM_ROW = "safeguarding.open_form"


def _open_form_row(ctx: Ctx) -> tuple[str, dict[str, Any]] | None:
    """The person's open form (its id and answers), read once per message for the several
    questions this middleware asks of it; None when none is open."""
    if not ctx.form_open:
        return None
    if _OPEN_FORM_ROW not in ctx.marks:
        row = ctx.session.execute(select(FormSession.form_id, FormSession.values).where(
            FormSession.person_id == ctx.person.id)).first()
        ctx.marks[_OPEN_FORM_ROW] = (row.form_id, row.values or {}) if row is not None else None
    found: tuple[str, dict[str, Any]] | None = ctx.marks[_OPEN_FORM_ROW]
    return found


# "what happens now?", "will anyone actually do anything" typed on its own (session 43's brief:
# right after a concern was raised they got "I don't know the answer to that").
WHAT_NOW_ROUTE = "safeguarding-what-now"
WHAT_NOW_WINDOW = timedelta(days=1)
_WHAT_NOW = re.compile(
    r"^(?:(?:so|ok|okay|right|and|but|um+|hmm+|sorry)[,.!]*\s+)*(?:"
    r"what(?:s| is| will)? (?:happens?|happening) (?:now|next)"
    r"|what (?:now|next)|now what|whats (?:now|next)|what is next|what comes next"
    r"|what (?:are|is) the next steps?|(?:and )?(?:the )?next steps?"
    r"|what will (?:happen|they do|the hub do|the council do|you do)"
    r"|(?:will|is|are|does|do|would|can) (?:any ?one|any ?body|someone|somebody|they|the hub"
    r"|the council|you) (?:actually |really )?(?:going to |gonna )?(?:actually |really )?"
    r"(?:do|doing|be doing) (?:any|some)thing"
    r"|who (?:will|is going to|is gonna) (?:deal with|look at|look into|handle|follow up)"
    r" (?:it|this|that)"
    r"|(?:what|so what) (?:do|should) (?:i|we) do (?:now|next)"
    r"|when (?:will|do|should|would) (?:i|we) hear (?:back|anything|something)"
    r"(?: from (?:them|the hub|anyone|anybody|someone|the council))?"
    r"|(?:has|have) (?:any ?one|any ?body|someone|somebody|they|the hub) (?:seen|read|looked at"
    r"|picked up) (?:it|this|that|my concern)(?: yet)?"
    r")(?: (?:about|with) (?:it|this|that|her|him|them))?(?: now| next| then)?[\s?.!]*$")


# The same asked in other words (session 44's brief: "is that it?", "will someone call me?",
# "how long will it take?", "who will contact me?" got "I don't know" or a knowledge-base
# entry): words any question could use, so answered from the concern only when it is the
# person's last step (``_just_raised``); else they go on.
_ASKED_RIGHT_AFTER = re.compile(
    r"^(?:(?:so|ok|okay|right|and|but|um+|hmm+|sorry|thanks|thank you)[,.!]*\s+)*(?:"
    r"(?:is|was) (?:that|this) (?:it|all)|thats (?:it|all)"
    r"|(?:will|would|is|should|does|do|can) (?:any ?one|any ?body|someone|somebody|they|the hub"
    r"|the council|a social worker|you) (?:be )?(?:going to |gonna )?(?:call|ring|phone"
    r"|contact|email|e-mail|get back to|get in touch with|be in touch with|come back to|visit)"
    r" (?:me|us)(?: back)?"
    r"|(?:who|when) (?:will|would|is going to|is gonna|should) (?:call|ring|phone|contact"
    r"|email|get back to|get in touch with|be in touch with) (?:me|us)(?: back)?"
    r"(?: and (?:when|who))?"
    r"|when (?:will|would) (?:they|the hub|someone|somebody|anyone|the council) (?:call|ring"
    r"|phone|contact|be in touch|get in touch|get back to (?:me|us))(?: (?:me|us))?"
    r"|how (?:long|soon|quickly) (?:will|does|would|is|should|do) (?:it|this|that|they|the hub"
    r"|someone|anyone)(?: (?:take|be|respond|reply|get back|be in touch|act))?"
    r"|how long (?:now|then)"
    r")(?: (?:about|with|on) (?:it|this|that|her|him|them|my concern))?"
    r"(?: now| next| then| for (?:now|today)| today| soon)?[\s?.!]*$")
# Whether the police will be told ("ok will the police be told?", "should we call the police?"):
# answered from the concern, with who decides and when to call them oneself.
_ASKS_ABOUT_THE_POLICE = re.compile(
    r"^(?:(?:so|ok|okay|right|and|but|um+|hmm+|sorry|also)[,.!]*\s+)*(?:"
    r"(?:will|would|should|do|does|are|is|must|have) (?:the )?police (?:be |been |going to be "
    r"|gonna be )?(?:told|informed|called|contacted|involved|notified|get involved|know|need"
    r" to know)"
    r"|(?:will|would|should|do|does|must|can|shall) (?:i|we|you|they|the hub|someone|anyone"
    r"|the council) (?:need to |have to |also )?(?:call|ring|phone|tell|inform|contact|notify"
    r"|involve|report (?:it |this |that )?to) (?:the )?police"
    r"|what about the police"
    r")(?: (?:about|of|with) (?:it|this|that|her|him|them))?(?: too| as well| now| then)?"
    r"[\s?.!]*$")
# Whether to suspend the member of staff ("should I suspend the carer?", "should we suspend
# the staff member?": session 44's brief, offered an entry on embargoes and sponsor licences):
# a short, careful reply from the concern, no verdict (``safeguarding_suspend.txt``).
_STAFF = (r"(?:the |this |that |our |my |him|her|them)(?:(?:agency |night |day |care |support"
          r" |male |female )?(?:carer|care worker|support worker|staff member|member of staff"
          r"|worker|nurse|employee|colleague|staff|manager|cook|cleaner|driver))?")
_ASKS_ABOUT_SUSPENDING = re.compile(
    r"^(?:(?:so|ok|okay|right|and|but|um+|hmm+|sorry|also|meanwhile)[,.!]*\s+)*(?:"
    r"(?:should|shall|must|can|do|could) (?:i|we) (?:need to |have to )?"
    r"(?:suspend|stand down|send home|take off (?:shift|the rota)|remove) " + _STAFF
    + r"(?: (?:from (?:work|duty|shift|the rota)|off (?:shift|the rota)|now|for now|while"
    r" (?:its|it is|this is) (?:looked into|investigated)|pending (?:an |the )?investigation))*"
    r"|(?:should|must|does|do|will) " + _STAFF + r" (?:be|need to be|have to be) (?:suspended"
    r"|stood down|sent home|taken off (?:shift|the rota)|removed)"
    r"|(?:do|can|should) (?:i|we) (?:need to )?let " + _STAFF + r" (?:keep )?(?:work|working)"
    r")[\s?.!]*$")


_POLITE = r"^(?:(?:so|ok|okay|right|and|but|um+|hmm+|sorry|also|thanks|thank you)[,.!]*\s+)*"
# The same asked of what else to do ("is that all i need to do?", "is there anything else i
# should do?": the safety review's C20 and C33, "I don't know the answer to that").
_ANYTHING_ELSE_TO_DO = re.compile(_POLITE + (
    r"(?:(?:is|was) (?:that|this) all (?:i|we) (?:need|have|must|should|ought) (?:to )?do"
    r"|is there any ?thing (?:else|more) (?:i|we) (?:should|need to|must|have to|can|could"
    r"|ought to) do"
    r"|(?:do|should|must) (?:i|we) (?:need to |have to )?do any ?thing (?:else|more)"
    r"|any ?thing (?:else|more) (?:i|we) (?:should|need to|must|have to) do)"
    r"(?: (?:now|for now|then|today))?[\s?.!]*$"))
# The concern's reference asked for ("what's the reference?": C26, offered DBS entries).
_ASKS_THE_REFERENCE = re.compile(_POLITE + (
    r"(?:(?:what|whats|what is|what was) (?:the|my|our|its|the concerns|my concerns) (?:case )?"
    r"(?:reference|ref)(?: number| no)?"
    r"|(?:can|could) (?:i|we) (?:have|get) (?:the|a|my|its) (?:case )?(?:reference|ref)"
    r"(?: number| no)?"
    r"|(?:the |my )?(?:case )?(?:reference|ref)(?: number| no)?(?: please)?)"
    r"(?: (?:please|again|for (?:it|this|that|my concern|the concern)))?[\s?.!]*$"))
# A thank-you small talk leaves unanswered ("great, thanks for your help": C29, "I don't know
# the answer to that"), or any thank-you right after the concern: a kind reply from it.
_THANKS_AFTER = re.compile(
    r"^(?:(?:great|ok|okay|right|brilliant|lovely|perfect|fab|fine|cheers|good|that is great"
    r"|thats great|thats helpful|that is helpful)[,.!]*\s+)*"
    r"(?:thanks|thank you|thank u|thx|ta|many thanks|cheers)(?: (?:so much|very much|a lot"
    r"|loads|again))?(?: for (?:your|the|all (?:your|the)) (?:help|support|advice|time))?"
    r"(?: (?:so much|very much))?[\s?.!]*$")
# Whether to tell the family ("do i tell her family?": C23, "I don't know").
_ASKS_ABOUT_THE_FAMILY = re.compile(_POLITE + (
    r"(?:(?:do|should|shall|must|can) (?:i|we) (?:need to |have to )?(?:tell|inform|let|contact"
    r"|call|ring|phone|speak to|talk to) (?:her|his|their|the) (?:family|families|next of kin"
    r"|relatives|son|daughter|husband|wife|children|kids)(?: know)?"
    r"|(?:does|should|must) (?:her|his|their|the) (?:family|next of kin|relatives) (?:be told"
    r"|know|be informed))"
    r"(?: (?:about it|about this|about that|now|yet|too|as well))*[\s?.!]*$"))
# The person did not want it told, and whether telling was wrong ("she doesn't want me to tell
# anyone, have i done wrong?": C32, asked "Is this about someone's safety?", then "I don't
# know").
_TOLD_AGAINST_WISHES = re.compile(_POLITE + (
    r"(?:(?:she|he|they|the resident|the client) (?:doesnt|didnt|does not|did not|dont|do not)"
    r" want (?:me|us) (?:to tell|telling|to report|reporting|to say) (?:any ?one|any ?body"
    r"|any ?thing|you|the hub|the council)[\s,.;:-]*(?:(?:so|and|but)\s+)?)?"
    r"(?:(?:have|did) (?:i|we) (?:done|do) (?:wrong|the wrong thing|something wrong|the right"
    r" thing)|was (?:i|that|it) wrong(?: of me)?(?: to (?:tell|report|raise)(?: it| this| you"
    r"| the hub)?)?|(?:am i|are we) in trouble|should (?:i|we) not have (?:told|reported|raised)"
    r"(?: it| this| you| anyone)?)[\s?.!]*$"))
# What to do about the member of staff or the agency ("should we stop using that agency?",
# "can i move the carer to another home while you look into it?": C30 and C17, "I don't
# know" or entries on TUPE and sponsor licences): a careful reply, as suspending gets.
_ASKS_ABOUT_THE_AGENCY_OR_MOVING = re.compile(_POLITE + (
    r"(?:(?:should|shall|must|can|do) (?:i|we) (?:need to |have to )?(?:stop using|stop working"
    r" with|stop booking|stop booking from|cancel|drop|end (?:our|the) contract with)"
    r" (?:that|this|the|our|their) (?:care |staffing |nursing )?(?:agency|agencies)"
    r"|(?:can|could|should|shall|may|do) (?:i|we) (?:need to )?(?:move|transfer|send|redeploy"
    r"|swap) " + _STAFF + r" (?:to|into) (?:another|a different|our other|the other|other)"
    r" (?:home|homes|service|services|site|sites|house|unit|branch|client|clients|shifts?|rota"
    r"|job|role|work)"
    r"(?: while (?:you|they|the hub|someone|the council|its|it is|this is) (?:look|looks"
    r"|looking|looked|investigate|investigates|investigated|check|checks)(?: into)?(?: it"
    r"| this)?)?)[\s?.!]*$"))
# Each answered from a concern only right after it (``_just_raised``), by its kind.
_ASKED_ONLY_RIGHT_AFTER = (
    ("after", _ASKED_RIGHT_AFTER), ("todo", _ANYTHING_ELSE_TO_DO),
    ("reference", _ASKS_THE_REFERENCE), ("thanks", _THANKS_AFTER),
    ("family", _ASKS_ABOUT_THE_FAMILY), ("wishes", _TOLD_AGAINST_WISHES),
    ("staff", _ASKS_ABOUT_THE_AGENCY_OR_MOVING))
# Answered from a concern raised in the last ``WHAT_NOW_WINDOW``, whatever was done since.
_ASKED_OF_ANY_RECENT = ("now", "police", "suspend")


def asks_what_happens_now(text: str) -> str | None:
    """What ``text`` asks of a concern when it only asks what happens now or whether anyone
    will act (pure): "now" ("what happens now?"), "police" (whether the police will be told),
    "suspend" (whether to suspend the member of staff), "after" (words any question could use,
    "is that it?", "how long will it take?": answered from a concern only right after it);
    else None."""
    folded = apostrophes_dropped(text)
    if len(folded) > 120:
        return None
    if _WHAT_NOW.match(folded):
        return "now"
    if _ASKS_ABOUT_THE_POLICE.match(folded):
        return "police"
    if _ASKS_ABOUT_SUSPENDING.match(folded):
        return "suspend"
    for asked, pattern in _ASKED_ONLY_RIGHT_AFTER:
        if pattern.match(folded):
            return asked
    return None


def answer_what_happens_now(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """What happens to the concern the person raised in the last ``WHAT_NOW_WINDOW``: the hub
    has it, acknowledges it within the hour and contacts them today; 999 if anyone is in danger
    now; ``/case REF`` shows it. Asked whether the police will be told: who decides, and when to
    call them oneself; whether to suspend the member of staff: keep the person safe, follow
    their own policies, the hub advises on the concern. Words any question could use ("is that
    it?") only right after the concern (``_just_raised``). With none, the words go on (the
    knowledge base)."""
    asked = ctx.match if isinstance(ctx.match, str) else "now"
    case = _the_concern_asked_of(asked, ctx)
    if case is None:
        return ctx.registry.pass_on(WHAT_NOW_ROUTE, incoming, ctx)
    if asked == "suspend":
        return [Reply(text=ctx.render("safeguarding_suspend.txt", reference=case.reference))]
    if asked in ("reference", "thanks", "family", "wishes", "staff"):
        # The safety review's C26, C29, C23, C32, C30 and C17: short, and careful where the
        # hub is the one to advise (no verdict of the bot's own).
        return [Reply(text=ctx.render(
            "safeguarding_after.txt", reference=case.reference, asked=asked,
            moving=asked == "staff" and re.search(r"\b(?:move|transfer|send|redeploy|swap)\b",
                                                  incoming.text.lower()) is not None))]
    return [Reply(text=ctx.render(
        "safeguarding_what_now.txt", reference=case.reference,
        acknowledged=case.status != CaseStatus.OPEN, police=asked == "police",
        todo=asked == "todo",
        acknowledge_by=cases.when(case.acknowledge_due_at, ctx.settings.timezone)))]


def _the_concern_asked_of(asked: str, ctx: Ctx) -> Case | None:
    """The concern the person's words (``asks_what_happens_now``: ``asked``) are answered from:
    the latest they raised in the last ``WHAT_NOW_WINDOW`` and still open; for words any
    question could use, only when raising it was their last step (``_just_raised``)."""
    case = ctx.session.scalars(select(Case).where(
        Case.kind == CaseKind.SAFEGUARDING, Case.raised_by_id == ctx.person.id,
        Case.status.in_(cases.ACTIVE), Case.opened_at >= ctx.now - WHAT_NOW_WINDOW)
        .order_by(Case.id.desc()).limit(1)).first()
    if case is None or (asked not in _ASKED_OF_ANY_RECENT and not _just_raised(case, ctx)):
        return None
    return case


def _answered_from_a_concern(incoming: Incoming, ctx: Ctx, words: str) -> bool:
    """Whether ``words``, typed on their own (free text, no form), are answered from a concern
    the person raised (``answer_what_happens_now``)."""
    if (incoming.form_id is not None or incoming.action is not None or ctx.form_open
            or parse_command(incoming.text) is not None):
        return False
    asked = asks_what_happens_now(words)
    return asked is not None and _the_concern_asked_of(asked, ctx) is not None


def _just_raised(case: Case, ctx: Ctx) -> bool:
    """Whether ``case``, a concern the person raised, was their last step: opened in the last
    ``FOLLOW_UP_WINDOW``, nothing asked (a question kept) nor done by them since but more of
    the concern (a safeguarding event: an update added, "what happens now?" answered)."""
    opened: datetime = case.opened_at
    if ctx.now - opened > FOLLOW_UP_WINDOW:
        return False
    asked = ctx.session.scalars(select(Question.id).where(
        Question.person_id == ctx.person.id, Question.asked_at > opened,
        Question.safeguarding.is_(False)).limit(1)).first()
    done = ctx.session.scalars(select(AuditEvent.id).where(
        AuditEvent.actor_id == ctx.person.id, AuditEvent.at > opened,
        AuditEvent.action.not_like("safeguarding.%")).limit(1)).first()
    return asked is None and done is None


def answer_howto(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """A how-to question about safeguarding: the guidance and contacts, a "Raise a concern
    now" button, and no case. Kept as an answered question (mode ``guidance``).

    When the knowledge base answers it with another entry first, it is handed to the free-text
    catch-all (the knowledge base's answer) instead, unless it asks whether what the person
    told or saw counts (``safeguarding.WHETHER_KIND``).
    """
    question = ctx.args or incoming.text
    answerer, catch_all = ctx.deps.answerer, ctx.registry.text_handler
    if (catch_all is not None and not ctx.marks.get(HOWTO_BESIDE)
            and not ctx.marks.get(SAFETY_ASKED) and not ctx.marks.get(ONLY_IF_ANSWERED)
            and asks_several(question, apart=_only_wants_to_raise)):
        # Other questions beside it ("How do I report a suspected safeguarding concern? Who is
        # my commissioner?": session 41's brief, only the guidance was given): the ask chat
        # answers each, this one with the guidance (else it comes back here).
        ctx.marks[HOWTO_BESIDE] = True
        return catch_all.handler(incoming, ctx)
    found = howto_question(question)
    if found is not None and found.kind == safeguarding.WHETHER_KIND:
        # Whether what the person told or saw is safeguarding ("is that abuse?", "would this
        # count as neglect?"): what to do now and the button, not an entry on the types of
        # abuse (session 34's brief).
        return guidance_given(question, incoming, ctx)
    if answerer is not None and catch_all is not None and knowledge_prefers_another_entry(
            answerer.ask(_asked_after_harmless_words(question), read_for_harm=False)):
        return catch_all.handler(incoming, ctx)
    return guidance_given(question, incoming, ctx)


def _only_wants_to_raise(sentence: str) -> bool:
    """Whether a sentence of a message only says the person wants to raise a concern
    (``wants_to_raise``): a part of its own beside a question ("I need to raise a safeguarding
    concern. who is my commissioner": session 42's brief, the question was dropped)."""
    return wants_to_raise(sentence) is not None


def _asked_after_harmless_words(question: str) -> str:
    """The how-to question of a message alone, when the sentences around it read as nothing
    about harm ("We care for people with dementia. What is DoLS?": session 42's brief, the
    guidance, where "What is DoLS?" gets its entry): what the knowledge base is asked, to see
    whether it answers with another entry. Else the whole message, as before: words that the
    rules or the model read anything of harm in keep the guidance. Small talk before it is
    no part of it ("Good morning. What is DoLS?": session 43's brief, the guidance)."""
    question = after_small_talk(question) or question
    parts = asked_parts(question)
    if len(parts) != 1 or not parts[0].told:
        return question
    told, alone = parts[0].told, parts[0].question
    if (classified(told) is not None or safeguarding.unsure(told) is not None
            or _TOPIC.search(safeguarding.normalise(told)) is not None
            or howto_question(alone) is None):
        return question
    return alone


# A council officer asking how to chase or escalate a case ("how do i escalate a safeguarding
# case that the hub hasnt acknowledged": session 42's trial, given the providers' "Raising a
# safeguarding concern" and its Raise button): how a case climbs the ladder (``escalation``).
ESCALATION_ROUTE = "safeguarding-escalation"
_ESCALATING = re.compile(
    r"\b(?:escalat\w*|chas(?:e|ed|es|ing)\b(?: (?:it|this|that|them))?(?: up)?|push\w* (?:it "
    r"|this |that )?up|(?:not|nt|nobody|no one|noone|never|un)(?: (?:been|yet|has|have|had|got"
    r"|being|even))* ?acknowledg\w*)")
_A_CASE = re.compile(r"\b(?:cases?|concerns?|alerts?|referrals?|it|them|pb-\d[\d-]*)\b")
_ASKING_HOW = re.compile(r"^(?:.*[,.;]\s*)?(?:how|what|who|whom|where|when|can|could|should|do"
                         r"|does|is there|are there|which)\b|\?\s*$")


def escalation_question(text: str) -> str | None:
    """The words when ``text`` asks how to chase or escalate a case, or what happens when
    nobody acknowledges one (pure); else None."""
    folded = apostrophes_dropped(text)
    if (len(folded) > 200 or _ESCALATING.search(folded) is None
            or _A_CASE.search(folded) is None or _ASKING_HOW.search(folded) is None):
        return None
    return folded


def answer_escalation(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """How a case escalates, for council staff: the acknowledgement times, the ladder, who is
    next, ``/case REF``; no "Raise a concern now" (they handle concerns). A provider's words go
    on as before (the guidance, for a safeguarding concern)."""
    if ctx.person.role not in COUNCIL_STAFF:
        return ctx.registry.pass_on(ESCALATION_ROUTE, incoming, ctx)
    return [Reply(text=ctx.render(
        "safeguarding_escalation.txt", minutes=int(
            ctx.deps.sla.safeguarding_acknowledge.total_seconds() // 60),
        every=ctx.deps.sla.escalate_every, named=_next_on_the_ladder(incoming.text, ctx)))]


_CASE_REFERENCE = re.compile(r"\bpb-\d{4}-\d+\b", re.IGNORECASE)


def _next_on_the_ladder(text: str, ctx: Ctx) -> dict[str, object] | None:
    """The case a reference in ``text`` names, when the asker may see it, with its level and
    who it would go to if it climbed now (session 43's brief: "who is next" was said only
    generically); None without one, or with nobody but its owner to go to."""
    found = _CASE_REFERENCE.search(text)
    if found is None:
        return None
    case = ctx.session.scalar(select(Case).where(
        Case.reference == found.group().upper(), cases.visible_to(ctx.person)))
    if case is None:
        return None
    person = next_to_tell(ctx.session, case, settings=ctx.settings, templates=ctx.templates,
                          today=ctx.now.astimezone(ZoneInfo(ctx.settings.timezone)).date())
    return None if person is None else {
        "reference": case.reference, "level": case.level, "to": person.name}


def answer_wish_to_raise(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """"I need to raise a safeguarding concern": the guidance and the "Raise a concern now"
    button, never another entry or a choice of topics first."""
    return guidance_given(ctx.args or incoming.text, incoming, ctx)


# Council staff asking how to respond to a concern a provider raises ("what should i do when a
# provider raises a safeguarding concern here", "how quickly do we have to respond to a
# safeguarding alert from a provider": session 43's trial, the hub was given the providers'
# guidance and its Raise button): their own duty (``safeguarding_duty.txt``).
_RESPONDING = re.compile(
    r"\b(?:respond\w*|reply|replying|answer\w*|acknowledg\w*|handle|handling|deal with"
    r"|dealing with|action)\b|\b(?:when|if)\s+(?:a|the|one)\s+(?:provider|home|care home"
    r"|agency)\s+(?:raises|reports|sends|logs|flags|makes)\b|\b(?:when|if)\s+(?:we|i|the hub)"
    r"\s+(?:get|gets|receive|receives)\b|\bfrom\s+(?:a|the)\s+provider\b")
_STAFF_WORDS = re.compile(r"\b(?:we|i|the hub|the council|hub)\b")


def asks_the_hubs_duty(text: str) -> bool:
    """Whether ``text`` asks how the council responds to a concern raised with it (pure)."""
    folded = apostrophes_dropped(text)
    return (len(folded) <= 200 and _RESPONDING.search(folded) is not None
            and _STAFF_WORDS.search(folded) is not None)


def guidance_given(question: str, incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """The guidance and its button, kept as an answered question (mode ``guidance``); council
    staff asking how to respond to a concern get their own duty instead, with no button."""
    if ctx.person.role in COUNCIL_STAFF and asks_the_hubs_duty(question):
        return [Reply(text=ctx.render(
            "safeguarding_duty.txt", minutes=int(
                ctx.deps.sla.safeguarding_acknowledge.total_seconds() // 60)))]
    record = Question(
        person_id=ctx.person.id, organisation_id=ctx.person.organisation_id,
        channel=incoming.channel,
        text=without_identifiers(without_names(question))[:MAX_STORED_CHARS],
        answered=True,
        mode=GUIDANCE_MODE, entry_id=GUIDANCE_ENTRY, asked_at=ctx.now)
    ctx.session.add(record)
    ctx.session.flush()
    ctx.audit("question.answered", subject=f"question:{record.id}", entry=GUIDANCE_ENTRY)
    return [Reply(text=guidance(ctx), buttons=(RAISE_BUTTON,))]


def check(ctx: Ctx, *, death: bool = False, again: bool = False) -> Reply:
    """The question asked when the concern model is unsure, with the "Raise a concern now"
    button; ``death``: after a word of sympathy (a death told with a cause or a doubt);
    ``again``: asked again after an answer that was neither yes nor no."""
    return Reply(text=ctx.render("safeguarding_check.txt", death=death, again=again),
                 buttons=(RAISE_BUTTON,))


def guidance(ctx: Ctx) -> str:
    """The words of the how-to guidance, with the council's safeguarding contact."""
    return ctx.render("safeguarding_howto.txt",
                      safeguarding_contact=ctx.settings.safeguarding_contact, can_raise=True)


# A typed answer to "Is this about someone's safety?" (session 20: a provider typed "yes" and
# the words went to the knowledge base, "I don't know", and no concern was raised): within
# ``CHECK_ANSWER_MINUTES`` of the question, "yes" is the button and "no" is thanked.
CHECK_ANSWER_MINUTES = 30
CHECK_ANSWER_ROUTE = "safeguarding-check-answer"
# A plain yes or no ("yeah", "no thanks", "sure") is read by the forms' one reader
# (``bot.forms.yes_or_no``: session 34's brief found two lists); these are the safety
# question's own answers besides: "it is", and an unsure answer, which counts as a yes.
_YES = re.compile(r"(?:ye|it is|yes it is|yes its|yes it does"
                  r"|it does|correct|thats right|that is right|i think so|yes i think so"
                  r"|probably|maybe|possibly|not sure|unsure|im not sure|i am not sure)")
_NO = re.compile(r"(?:no it isnt|no it is not|no its not|no it doesnt|no it does"
                 r" not|not really|its not|it isnt|it is not|all fine"
                 r"|its fine|no all fine|no its fine)")

# "ok" may only acknowledge the question (session 32's trial: it was small talk, "Good. Ask me
# anything else...", and the question was dropped): it is asked again. The acknowledgements are
# small talk's (one list: session 33).
_NEITHER = re.compile(r"(?:oh )?(?:" + "|".join(
    re.escape(phrase) for phrase in sorted(ACKNOWLEDGEMENTS, key=len, reverse=True))
    + r")(?: thanks| thank you)?")


def _folded(text: str) -> str:
    """``text``'s letters in lower case, its apostrophes (straight or curly) dropped and
    everything else a single space ("It's fine!" is "its fine") (pure)."""
    return " ".join(re.sub(r"[^a-z ]", " ", apostrophes_dropped(text)).split())


def yes_or_no(text: str) -> str | None:
    """"yes" or "no" when ``text`` is only a short answer of that kind (pure); "neither" for an
    acknowledgement ("ok", "fine") that says neither; else None. Unsure answers ("not sure",
    "maybe") count as yes: the form asks what happened, nothing more."""
    plain = forms.yes_or_no(text)
    if plain is not None:
        return plain
    if _told_after_yes(text) is not None:
        return "yes"
    words = _folded(text)
    if _YES.fullmatch(words):
        return "yes"
    if _NO.fullmatch(words):
        return "no"
    return "neither" if _NEITHER.fullmatch(words) else None


# A "yes" to the safety question said with what happened: its words go with the message asked
# about, as the concern form's answer does (``raise_concern``).
_SAID_YES = "safeguarding.said_yes"
# "yes, a carer did it": a yes to the safety question with what happened after it.
_YES_THEN = re.compile(r"^\s*(?:yes|yeah|yep|yea|yh|y)\s*[,.:;!-]+\s*(?P<told>\S.{3,})$",
                       re.IGNORECASE | re.DOTALL)


# "yes, please raise it" after a "no": the thank-you's "Raise a concern now" asked for in words.
# Only such an ask ("yes, I know how to report it" is ordinary words).
_ASKS_TO_RAISE = re.compile(
    r"(?:(?:yes |ok |okay )?(?:please |pls |can you |could you |go ahead and |do )?"
    r"(?:raise|report|flag|log|send)(?: it| this| that| a concern| the concern| one)?"
    r"(?: now| then)?(?: please| pls)?(?: thanks| thank you)?|please do)")


# "yes, <words>" after a "no" that only acknowledge the thank-you ("yes, thats clear", "yes,
# that's all for now", "yes, i know where to go"): nothing pressed. Any other words open the
# concern form (the fix's brief: "yes, we think she's at risk" and "yes, actually it is" were
# "I don't know the answer to that"), or raise at once when they tell of harm.
_ACKNOWLEDGED = re.compile(
    r"(?:(?:ok|okay|great|perfect|lovely|brilliant|cheers|thanks|thank you|many thanks|ta|fine"
    r"|no worries|all good|right) )*"
    r"(?:that(?:s| is| was)? (?:all )?(?:clear|fine|great|helpful|useful|really helpful"
    r"|very helpful|perfect|lovely|brilliant|good|ok|okay|understood|noted|answered"
    r"|all|everything|it|sorted|enough)(?: for now| now| then| for today| thanks)?"
    r"|(?:that )?makes sense|(?:i|we) (?:see|understand|get it|got it|understand now"
    r"|will do|will|ll do that|ve got it|have got it|know now"
    r"|know (?:where to go|what to do|how to (?:report|raise|do) (?:it|that|one)"
    r"|who to (?:call|contact|tell|ring|ask)))"
    r"|got it|understood|noted|will do|all (?:good|clear|sorted)|no problem|sounds good"
    r"|all sorted|im fine|we are fine|were fine|nothing else|no more)"
    r"(?: (?:ok|okay|thanks|thank you|many thanks|cheers|ta|for now|for your help|bye))*")


_YES_AND_MORE = re.compile(r"^\s*(?:yes|yeah|yep|yea|yh)\b[\s,.:;!-]+(?P<told>\S.*)$",
                           re.IGNORECASE | re.DOTALL)


# Words after that yes which say it is a worry ("I'm concerned about RC-101", "we think she's
# at risk"): raised at once, as the form's answer would be.
_SAYS_CONCERN = re.compile(r"\b(?:concern(?:ed|s)?|worr(?:ied|y|ies)|at risk|unsafe|not safe"
                           r"|in danger)\b", re.IGNORECASE)


def _a_yes_after_a_no(incoming: Incoming, ctx: Ctx, words: str) -> bool:
    """Whether ``words`` are a "yes, ..." while the thank-you for a "no" to the safety
    question is still the last reply (its "Raise a concern now" on offer)."""
    return (_YES_AND_MORE.match(words) is not None and _asked_about_safety(ctx) == "no"
            and _check_still_shown(incoming, ctx))


def _only_acknowledges(words: str) -> bool:
    """Whether the words after a "yes," only acknowledge a reply (pure): "thats clear",
    "that's all for now", "thanks"."""
    folded = _folded(words)
    return (not folded or small_talk(words) is not None
            or _ACKNOWLEDGED.fullmatch(folded) is not None)


# A question of the person's own after that yes ("yes, how long is the standstill period?"):
# nothing pressed, the question goes on; one about safety or the concern opens the form.
_ABOUT_SAFETY = re.compile(r"\b(?:(?:un)?safe\w*|concern\w*|risk\w*|harm\w*|abus\w*|neglect\w*"
                           r"|hurt\w*|worr\w*|danger\w*|report\w*|raise\w*)\b", re.IGNORECASE)


def _a_question_of_its_own(words: str) -> bool:
    """Whether the words after a "yes," ask a question of their own (``forms.reads_as_question``),
    not of safety (pure)."""
    return forms.reads_as_question(words.strip()) and _ABOUT_SAFETY.search(words) is None


def _told_after_yes(text: str) -> str | None:
    """What someone told after a "yes," (pure): "a carer did it" of "yes, a carer did it";
    None when the words are only a yes (or no yes)."""
    found = _YES_THEN.match(text)
    if (found is None or len(found["told"].split()) < 2
            or forms.yes_or_no(found["told"]) is not None
            or small_talk(found["told"]) is not None):
        return None  # "yep, thanks", "yes, please": only a yes
    return found["told"].strip()


def _asked_about_safety(ctx: Ctx) -> str | None:
    """"asked" when the bot asked this person "Is this about someone's safety?" within the last
    ``CHECK_ANSWER_MINUTES`` and they have raised no concern since; "no" when their last word
    on it was a "no", said within the last ``CHECK_ANSWER_MINUTES`` (its thank-you offers the
    "Raise a concern now" button); else None."""
    last = ctx.session.execute(
        select(AuditEvent.action, AuditEvent.at, AuditEvent.detail)
        .where(AuditEvent.actor_id == ctx.person.id,
               AuditEvent.action.in_(("safeguarding.checked", "safeguarding.raised",
                                      "safeguarding.check_answered")))
        .order_by(AuditEvent.id.desc()).limit(1)).first()
    if last is None:
        return None
    said: datetime = last.at
    if ctx.now - said > timedelta(minutes=CHECK_ANSWER_MINUTES):
        return None
    if last.action == "safeguarding.checked":
        return "asked"
    if last.action == "safeguarding.check_answered" and (last.detail or {}).get("answer") == "no":
        return "no"
    return None


def _check_still_shown(incoming: Incoming, ctx: Ctx) -> bool:
    """Whether the last replies to the person on this channel asked the safety question (its
    "Raise a concern now" button is on offer): once other replies came in between, a bare
    "yes" is not its answer (session 34's trial: the question, /reminders, an answer with its
    own buttons, then "yes" opened the concern form and "Done" became an URGENT case)."""
    offer = ctx.session.scalars(select(OfferedButtons.buttons).where(
        OfferedButtons.person_id == ctx.person.id,
        OfferedButtons.channel == incoming.channel)).first()
    return any(button.get("action") == RAISE and not button.get(HELD)
               for button in offer or [])


def answer_the_check(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """"yes" (or "not sure") after the safety question: the concern form, as the button opens
    it; "no": thanks, nothing raised; "ok": the question again. A "yes" soon after that "no",
    its thank-you still the last reply, is the thank-you's "Raise a concern now" pressed: the
    concern form (the message asked about does not go with it, as with the button); "yes,
    <words>" then raises the words when they tell of harm or of a worry themselves, goes on as
    ordinary words when they only acknowledge ("yes, thats clear", "yes thanks") or ask a
    question of their own, gets the guidance and its button when they ask about safety ("yes,
    should I call the safeguarding team?"), and opens the form otherwise ("yes, actually it
    is", "yes, please raise it"). Otherwise (or when other replies came since the question or
    the "no") the words go on to the next route (small talk, the knowledge base) as if this
    route were not there."""
    answer = ctx.match
    asked = _asked_about_safety(ctx)
    # After a "no", only a yes is read: the thank-you's "Raise a concern now" pressed in words
    # (session 35's brief: "I wasn't waiting for a yes or no just now"); another "no" or an "ok"
    # goes on as before.
    if (asked is None or (asked == "no" and answer != "yes")
            or not _check_still_shown(incoming, ctx)):
        return ctx.registry.pass_on(CHECK_ANSWER_ROUTE, incoming, ctx)
    told = _told_after_yes(incoming.text) if answer == "yes" else None
    if asked == "no" and told is not None:
        # "yes, <words>" after the "no" (the mend's brief: "yes, thats clear" raised an URGENT
        # case quoting "thats clear"): the button pressed only when the words ask for it
        # ("yes, please raise it"); raised at once only when they tell of harm themselves;
        # the form when the concern model is unsure of them; else ordinary words, nothing
        # pressed.
        if _ASKS_TO_RAISE.fullmatch(_folded(told)):
            told = None
        elif (found := classified(told)) is None or not found.disclosure:
            if _only_acknowledges(told) or _a_question_of_its_own(told):
                return ctx.registry.pass_on(CHECK_ANSWER_ROUTE, incoming, ctx)
            if forms.reads_as_question(told.strip()):
                # A question about safety ("yes, should I call the safeguarding team?", "yes,
                # is she at risk?"; session 36's brief: the form opened, or a case was raised
                # quoting the question): answered with the guidance and its "Raise a concern
                # now", nothing raised; a yes then opens the form.
                return guidance_given(told, incoming, ctx)
            if not _SAYS_CONCERN.search(told):
                told = None
    elif asked == "no" and answer == "yes" and (
            after := _YES_AND_MORE.match(incoming.text)) is not None \
            and _only_acknowledges(after["told"]):
        # "yes thanks" after the "no": only thanks, nothing pressed (the fix's brief).
        return ctx.registry.pass_on(CHECK_ANSWER_ROUTE, incoming, ctx)
    if answer == "neither":
        # Still asked: the window and the message asked about stay as they were.
        return [check(ctx, again=True)]
    ctx.audit("safeguarding.check_answered", subject=None, answer=answer)
    if answer == "yes":
        if told is not None:
            # What happened told with the yes (session 34's second review: "yes, a carer did
            # it" went to the knowledge base, nothing raised): raised at once, as the form's
            # answer would be, with the message asked about (none after a "no").
            ctx.marks[_SAID_YES] = True
            return submit_concern(dataclasses.replace(incoming, form_values={"what": told}),
                                  ctx)
        return [Reply(text=ctx.render("safeguarding_check_yes.txt")),
                *forms.start(ctx, CONCERN_FORM.form_id, replace=True)]
    return [Reply(text=ctx.render("safeguarding_check_no.txt"), buttons=(RAISE_BUTTON,))]


def start_raising(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """The "Raise a concern now" button: ask what has happened (a one-question form)."""
    return forms.start(ctx, CONCERN_FORM.form_id, replace=True)


def submit_concern(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """The concern form answered: raise the concern (unless the middleware already has, from
    the same words), whatever words it uses: the person has said it is a concern."""
    if ctx.marks.get(CONCERN_RAISED):
        return []
    words = incoming.form_values.get("what", "").strip()
    if retracted(words):
        # "no sorry, its about pay not safety" (session 42's trial: sent to the hub as an
        # URGENT concern, "kind not yet known", quoting the message asked about): a no. Words
        # of harm in it, or any word of a person, and it is raised (``retracted``).
        ctx.audit("safeguarding.check_answered", subject=None, answer="no")
        return [Reply(text=ctx.render("safeguarding_check_no.txt"), buttons=(RAISE_BUTTON,))]
    found = classified(words)
    if (found is None and small_talk(words) in _SAYS_NOTHING
            and safeguarding.unsure(words) is None):
        # "are you there", "hello?", "ok" typed at "What has happened?" (session 33's brief:
        # sent to the hub as the concern itself): asked again, kindly; nothing raised yet.
        return [Reply(text=ctx.render("safeguarding_form_again.txt")),
                *forms.start(ctx, CONCERN_FORM.form_id, replace=True)]
    # The word count first: the pattern is only ever run on a few words (the session's code
    # review: on thousands of characters its alternatives backtracked for seconds).
    if found is None and len(words.split()) <= MAX_TAKEN_BACK_WORDS \
            and _TAKEN_BACK.match(words) and safeguarding.unsure(words) is None:
        # "no its fine actually" typed at "What has happened?" after the button was pressed
        # (session 22's review: it went to the hub as an urgent concern of its own).
        ctx.audit("safeguarding.check_answered", subject=None, answer="no")
        return [Reply(text=ctx.render("safeguarding_check_no.txt"), buttons=(RAISE_BUTTON,))]
    concern = safeguarding.SafeguardingMatch(
        kind=found.kind if found is not None else KIND_NOT_KNOWN,
        evidence=found.evidence if found is not None else "")
    return raise_concern(words, concern, incoming, ctx)


def _the_words_asked_about(ctx: Ctx) -> str | None:
    """The message that made the bot ask "Is this about someone's safety?" within the last
    ``CHECK_ANSWER_MINUTES``, when no concern has been raised since and the message was kept as
    a question (with any names cut to initials); else None."""
    events = ctx.session.execute(
        select(AuditEvent.action, AuditEvent.at, AuditEvent.detail)
        .where(AuditEvent.actor_id == ctx.person.id,
               AuditEvent.action.in_(("safeguarding.checked", "safeguarding.raised",
                                      "safeguarding.check_answered")))
        .order_by(AuditEvent.id.desc()).limit(3)).all()
    for action, at, detail in events:
        if action == "safeguarding.raised" or (
                action == "safeguarding.check_answered"
                and (detail or {}).get("answer") == "no"):
            return None  # raised since, or they said it was not (the session's review)
        if action == "safeguarding.checked":
            if ctx.now - at > timedelta(minutes=CHECK_ANSWER_MINUTES):
                return None
            # Not a how-to question's guidance (its own button; the session's trial: the hub
            # was pointed to it as if it were about the concern).
            asked = ctx.session.execute(
                select(Question.id, Question.text).where(Question.person_id == ctx.person.id,
                                                         Question.asked_at == at,
                                                         Question.safeguarding.is_(False),
                                                         Question.mode != GUIDANCE_MODE)
                .order_by(Question.id.desc()).limit(1)).first()
            return None if asked is None else str(asked.text)
    return None


def _add_to(ctx: Ctx, case: Case, words: str, *, update: bool = False,
            urgent: bool = False) -> None:
    """Add ``words`` to a concern the person raised, as a comment: the hub and its owner are
    told as for any update (urgent, as every safeguarding case's messages are). ``update``:
    more harm told about the concern's placement, which the hub's message calls an update on
    the concern, naming its placement and the provider (session 36's trial: the hub had only
    "New comment on PB-... from Sam Patel")."""
    step = cases.comment(ctx.session, case, ctx.person, words, now=ctx.now,
                         policy=ctx.deps.sla, calendar=ctx.deps.calendar,
                         templates=ctx.templates,
                         update=_what_it_is_about(case, words, ctx) if update else None,
                         urgent=urgent)
    for notification in step.notifications:
        ctx.notify(notification)
    ctx.audit("safeguarding.added", subject=case.reference)


def _what_it_is_about(case: Case, words: str, ctx: Ctx) -> list[str]:
    """The placement references a concern and the words added to it share: its placement's,
    else those written in both (``_A_PLACEMENT_REFERENCE``)."""
    if case.placement_id is not None:
        return [ctx.session.get_one(Placement, case.placement_id).reference]
    held = {reference_key(reference) for reference in _references_in(case.description)}
    shared = list(dict.fromkeys(written for written in _A_PLACEMENT_REFERENCE.findall(words)
                                if reference_key(written) in held))
    # Words naming none, added as more of the concern just raised (``FOLLOW_UP_WINDOW``): the
    # references its own words name, so the hub knows whom the update is about.
    return shared or list(dict.fromkeys(_A_PLACEMENT_REFERENCE.findall(case.description)))
