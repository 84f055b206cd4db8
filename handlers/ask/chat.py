"""Free text and /ask: safeguarding first, then an answer and its source, or "I don't know".

Every question is kept (the ``question`` table) with what the bot did, so that unanswered and
unhelpful ones can be listed by frequency (``pledgebot kb gaps``) and the missing entries written.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import timedelta

from jinja2 import Environment
from sqlalchemy import func, or_, select

from bot.errors import BadInput
from bot.messages import Button, Incoming, Notification, Reply
from bot.models import (
    CASE_CLOSED,
    Case,
    CaseKind,
    Channel,
    Organisation,
    OrganisationKind,
    Person,
    Question,
    Role,
    Tender,
)
from bot.registry import ONLY_IF_ANSWERED
from bot.templates import render, shortened
from handlers.ask import questions
from handlers.ask.questions import ask_label
from handlers.buttons import buttons_for
from handlers.cases import service as cases
from handlers.cases.chat import council_for
from handlers.deadlines.store import councils_of
from handlers.deps import SAFETY_ASKED, Ctx
from handlers.formats import names_known, without_names, without_names_but
from handlers.identifiers import identifiers_removed, without_identifiers
from handlers.people.chat import offer_away
from handlers.people.directory import COUNCIL_STAFF
from handlers.safeguarding import (
    CONCERN_RAISED,
    GUIDANCE_ENTRY,
    HOWTO_BESIDE,
    RAISE_BUTTON,
    SAFETY_ASKED_MODE,
    TOLD_NOT_ASKED,
    WORDS_READ,
    answer_howto,
    classified,
    death_worried_once,
    guidance_given,
    howto_question,
    knowledge_prefers_another_entry,
    raise_concern,
    wants_to_raise,
)
from handlers.talk.listings import LISTING_ROUTE, listing_asked
from handlers.talk.matching import (
    MAX_PLEDGES_SHOWN,
    PART_ROUTES,
    AskedPart,
    Bereavement,
    after_small_talk,
    another_number_asked,
    as_sentences,
    asked_after_a_death,
    asked_parts,
    asks_about_liberty,
    asks_of_the_record,
    asks_several,
    asks_their_email,
    case_note,
    death_told,
    follows_on,
    guesses_the_answer,
    leans_back,
    leave_told,
    names_elsewhere,
    one_word,
    own_records_question,
    pledge_looked_up,
    pledges_looked_up,
    questions_in,
    said,
    says_nothing,
    stands_alone,
    statement,
    tells_an_age_under_18,
)
from knowledge import safeguarding
from knowledge.answers import (
    MAX_QUESTION_CHARS,
    Answer,
    Answerer,
    lead_and_detail,
    without_signoff,
)
from knowledge.base import HAND_OVER as TAUGHT_TO_NONE
from knowledge.base import Entry
from knowledge.pledges import (
    PLEDGE_COUNT,
    pledge_number,
    pledge_numbers_missing_said,
    pledge_text_naming,
)
from knowledge.search import Hit

MAX_STORED_CHARS = MAX_QUESTION_CHARS
# "and for home care?", "what about day services": a short follow-up to the person's last
# question, within FOLLOW_UP_WINDOW, that the knowledge base cannot place on its own, is asked
# as that question with its words added (session 25's trial: each was "I don't know"). Only
# after a question answered or offered as a choice, never after a concern or a hand-over, and
# always with the question it follows, not with an earlier follow-up (a second review).
_FOLLOW_UP = re.compile(r"^\s*(?:(?:and\s+)?(?:what|how)\s+about|and(?=\s+(?:for|if|in|with|at|on"
                        r"|under|when|by)\b)|same(?=\s+for\b))\s+(?P<rest>.+)$",
                        re.IGNORECASE)
FOLLOW_UP_WORDS = 6
_FOLLOWED = re.compile(r" \(after: (?P<before>.+)\)$")
FOLLOW_UP_WINDOW = timedelta(minutes=30)
# The actions of an answer's buttons (registered in ``handlers/ask/__init__.py``).
PICK = "answer.pick"
HELPFUL = "answer.helpful"
UNHELPFUL = "answer.unhelpful"
HAND_OVER = questions.ASK_A_PERSON
# A council chosen for a question when the asker's council is not known.
HAND_OVER_TO = "answer.handover.council"
MORE = "answer.more"
ANSWER_WANTED = "answer.wanted"
MAX_SOURCES_SHOWN = 3
# Channels whose messages carry no buttons get the whole answer at once (no "More").
WHOLE_ANSWER_CHANNELS = frozenset({Channel.EMAIL})


def question_reference(question_id: int) -> str:
    """The reference a person can quote for a question."""
    return f"Q-{question_id:06d}"


def ask(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """Answer a question (the safeguarding middleware has read it first)."""
    question = ctx.args if incoming.text.startswith("/") else incoming.text
    if ctx.marks.get(CONCERN_RAISED):
        # The safeguarding middleware has given the guidance: nothing to answer here.
        return []
    if not question:
        return [Reply(text=ctx.render("ask_usage.txt"))]
    if ctx.deps.answerer is None:  # no knowledge base wired
        if ctx.marks.get(ONLY_IF_ANSWERED):
            return []
        return [_record_and_abstain(question, incoming, ctx, "abstain")]
    # Words the safeguarding middleware read are not read twice; any others are read here,
    # the sign-off with them. A sign-off ("Kind regards, Jo Bloggs, Registered Manager") is
    # neither answered nor kept: its name is the writer's, not someone's in care.
    signed, question = question, without_signoff(question)
    if names_elsewhere(signed) and not names_elsewhere(question):
        # "... ? thanks, we're in Glasgow": no sign-off, but where the question is asked from
        # (session 42's brief: answered for England).
        question = signed
    words_read = bool(ctx.marks.get(WORDS_READ))
    # Small talk before the question ("Good morning. How long does the council have to pay
    # invoices?", "thanks. what is pledge 4") is no part of what is asked: the question alone's
    # answer (session 43's brief: "I don't know", where the question alone was answered); kept
    # as typed.
    # Read once a message: the parts weighed below read them too (session 46).
    numbers_read = pledges_looked_up(question) if words_read else None
    numbers = numbers_read or ()
    if numbers and not any(ctx.marks.get(mark) for mark in (SAFETY_ASKED, ONLY_IF_ANSWERED,
                                                            HOWTO_BESIDE)):
        # "what are pledges 7 and 8": each commitment's words, with no search of the whole
        # message first, nor one a number (session 45: three searches for two commitments).
        looked_up = _pledges_shown(question, numbers, incoming, ctx)
        if looked_up:
            return looked_up
    answer = answer_of(without_small_talk_first(question if words_read else signed), ctx,
                       read_for_harm=not words_read)
    after_a_death = asked_otherwise = False
    if answer.mode == "abstain":
        for asked, kept, death_first in _asked_otherwise(question, ctx):
            again = ctx.deps.answerer.ask(asked, read_for_harm=False)  # read with the rest
            if again.mode in ("answer", "choose"):
                question, answer, after_a_death = kept, again, death_first
                asked_otherwise = True
                break
    if ctx.marks.get(ONLY_IF_ANSWERED) and answer.mode != "answer":
        return []  # words a form refused: its question again, nothing kept
    if (not ctx.marks.get(HOWTO_BESIDE) and answer.mode not in ("safeguarding", "too_long")
            and _dols_for_a_child(question, answer)
            and not asks_several(question, apart=_a_part_of_its_own)):
        # An age under 18 told beside a question on DoLS, the Liberty Protection Safeguards or
        # mental capacity ("We look after a resident aged 17. What is DoLS?": session 42's
        # review, DoLS offered, which is for adults): not known, and handed to a person.
        return [_names_noted(question, _record_and_abstain(question, incoming, ctx, "abstain"),
                             ctx)]
    word = one_word(question) if answer.mode == "abstain" and not answer.hits else None
    if word is not None and not ctx.marks.get(SAFETY_ASKED):
        # One word no entry has ("banana"): no question, so no knowledge gap (session 34's
        # trial).
        return [Reply(text=ctx.render("word_alone.txt", word=word))]
    if (not ctx.marks.get(SAFETY_ASKED) and not ctx.marks.get(ONLY_IF_ANSWERED)
            and not asked_otherwise and answer.mode not in ("safeguarding", "too_long")):
        parts = _each_part_answered(question, answer, incoming, ctx,
                                    numbers_looked_up=numbers_read)
        if parts and ctx.marks.get(HOWTO_BESIDE) and not ctx.marks.get(_EACH_PART_WEIGHED):
            # The how-to handed over with the other questions is never left without its
            # guidance, when its parts were not each weighed for it.
            parts = [*guidance_given(question, incoming, ctx), *parts]
        if parts:
            return parts
    if ctx.marks.get(HOWTO_BESIDE) and not ctx.marks.get(_HOWTO_READ_WHOLE):
        # Read as one question, as before (session 41); once only: the how-to's own reading
        # may hand the whole message back here, to be answered as any (the session's check
        # of calibration sets 23-29 through the router: "Allegation made against one of our
        # carers. What do we have to tell the council and is there a separate process ...?"
        # went round the two until the stack ran out, "something went wrong").
        ctx.marks[_HOWTO_READ_WHOLE] = True
        return answer_howto(incoming, ctx)
    if answer.mode in ("choose", "abstain") and not ctx.marks.get(ONLY_IF_ANSWERED) and (
            _asks_whom_to_tell_of_harm(question)):
        return guidance_given(question, incoming, ctx)  # as a how-to question is
    if after_a_death and not ctx.marks.get(SAFETY_ASKED):  # whose check said it already
        return [_names_noted(question, _with_sympathy(
            _kept_and_replied(question, answer, incoming, ctx), ctx), ctx)]
    if answer.mode == "safeguarding" and answer.concern is not None:
        return raise_concern(question, answer.concern, incoming, ctx)
    if answer.mode == "too_long":
        return [Reply(text=ctx.render("question_too_long.txt", length=len(question),
                                      limit=MAX_QUESTION_CHARS))]
    # News or a death told has its own words about names (a death's: "its reference, never
    # the person's name").
    told = _only_told(question, answer, incoming, ctx)
    if told is not None:
        return told
    for_a_case = _words_for_a_case(question, answer, ctx)
    if for_a_case is not None:
        return [for_a_case]
    if answer.mode == "abstain" and not answer.general and ctx.marks.get(TOLD_NOT_ASKED):
        # The safety question is the whole reply: kept for a "yes", and no knowledge gap.
        _record(question, incoming, ctx, answer, SAFETY_ASKED_MODE, answered=True)
        return []
    return [_names_noted(question, _kept_and_replied(question, answer, incoming, ctx), ctx)]


# ``Context.marks`` key: the knowledge base's answers to the words of this message, by words
# and whether they were read for harm.
_ANSWERS = "ask.answers"


def answer_of(question: str, ctx: Ctx, *, read_for_harm: bool) -> Answer:
    """The knowledge base's answer to ``question``, searched once a message: a route that
    asked it and passed the words on to this handler shares it (session 45: "is there a
    pledge about X" was searched twice)."""
    answerer = ctx.deps.answerer
    assert answerer is not None  # noqa: S101 - the handlers ask only with one wired
    answers: dict[tuple[str, bool], Answer] = ctx.marks.setdefault(_ANSWERS, {})
    key = (question, read_for_harm)
    if key not in answers:
        answers[key] = answerer.ask(question, read_for_harm=read_for_harm)
    return answers[key]


def pledge_not_about(question: str, topic: str, nearest: Entry | None, incoming: Incoming,
                     ctx: Ctx, answer: Answer | None = None) -> Reply:
    """"Is there a pledge about X?" when no commitment is: said so, with what the pledge's
    other words say of X and the nearest commitment, if any; kept as a question nobody
    answered, with a person to ask (session 45: no way on was offered)."""
    said = ctx.render("pledge_not_about.txt", topic=topic, named=pledge_text_naming(topic),
                      nearest=nearest)
    return _record_and_abstain(question, incoming, ctx, "abstain", answer, not_about=said)


def without_small_talk_first(question: str) -> str:
    """``question`` without the word of small talk it opens with, set off by a stop or a comma
    ("Good morning. What is DoLS?", "thanks, but what about TUPE?": ``after_small_talk``), when
    words of its own follow; else as it is (pure)."""
    return after_small_talk(question) or question


def _asked_otherwise(question: str, ctx: Ctx) -> Iterator[tuple[str, str, bool]]:
    """The question asked again in other words when the knowledge base abstained, likeliest
    first, each with the words kept for it and whether a death was told first: what it follows
    ("and for nursing homes?" after a question about fees; kept as typed, with what it
    follows, for `kb gaps` and a person asked), then what is asked after a death told ("RC-101
    died on Monday and I want to know what happened with the fees after death": the words of
    the death kept the fees entry from being found; session 31's review)."""
    followed = _the_question_followed(question, ctx)
    number = another_number_asked(question)
    if number is not None and followed is None:
        # "ok and what about 10?": the small talk before it keeps it from ``_FOLLOW_UP``.
        followed = _the_question_followed(re.sub(r"^\W*(?:(?:ok|okay|right|great|thanks|cool)"
                                                 r"\W+)+", "", question, flags=re.IGNORECASE),
                                          ctx)
    if followed is not None and number is not None and pledge_number(followed[0]) is not None:
        # "... what about 10?" after a commitment looked up (session 44's review: "I don't
        # know"): that commitment.
        yield f"pledge {number}", f"{question.strip()} (after: {followed[0]})", False
    if followed is not None:
        before, rest = followed
        yield (f"{before.rstrip(' ?.!')} {rest.strip(' ?.!')}",
               f"{question.strip()} (after: {before})", False)
    asked = asked_after_a_death(question)
    if asked is not None:
        yield asked, question, True


def _pledges_shown(question: str, numbers: Sequence[int], incoming: Incoming,
                   ctx: Ctx) -> list[Reply]:
    """Two or more commitments looked up ("what are pledges 7 and 8": session 43's brief,
    the second was dropped): each one's words, in the order asked, kept as the message; of
    many ("pledges 1-12"), the first few and how to see the rest (session 44's review: never
    dropped unsaid). Each from its entry, not a search (session 45); [] when the knowledge
    base lacks one of them."""
    answerer = ctx.deps.answerer
    entries = [answerer.entry(f"pledge-{number}") if answerer is not None else None
               for number in numbers[:MAX_PLEDGES_SHOWN]]
    if not all(entries):
        return []
    shown = [_names_noted(question, _kept_and_replied(question, Answer(
        question=question, mode="answer", hits=(Hit(entry.id, 1.0, 1.0, 1.0),),
        entries=(entry,)), incoming, ctx), ctx) for entry in entries if entry is not None]
    rest = numbers[MAX_PLEDGES_SHOWN:]
    if rest:
        shown.append(Reply(text=ctx.render("pledges_more.txt", shown=len(shown),
                                           asked=len(numbers), rest=rest)))
    missing = pledge_numbers_missing_said(question)
    if missing:
        # "pledges 5 and 45", "pledges 28-31" (session 44's third review: the one the
        # pledge does not have was dropped unsaid).
        shown.append(Reply(text=ctx.render("pledges_missing.txt", missing=missing,
                                           count=PLEDGE_COUNT)))
    return shown


# Set when each part of a message was weighed for the safeguarding guidance.
_EACH_PART_WEIGHED = "ask.each_part_weighed"
_HOWTO_READ_WHOLE = "ask.howto_read_whole"
# A message's last sentence, after the ones before it ("Who is my commissioner? Thanks!").
_TRAILING_SENTENCE = re.compile(r"(.*[?.!])\s+([^?.!]+[?.!]*)", re.DOTALL)


def _each_part_answered(question: str, whole: Answer, incoming: Incoming, ctx: Ctx, *,
                        numbers_looked_up: tuple[int, ...] | None = None) -> list[Reply]:
    """Two or more questions in one message, each answered in its turn when one of them is
    about the person's own records (``PART_ROUTES``: "when is my next review due? and what is
    pledge 6?", session 39's brief: the knowledge base answered the whole with pledge 6), or
    when the knowledge base abstained on the whole ("any tips? also what is social value")
    and answers one part outright: a part about one's own records gets its route's replies,
    as typed alone; any other its answer with its source, beside one's own records its
    choice of two entries too, else what the whole message got when that was an answer, a
    choice or the general rules (session 39's review: never "not known" then), else that it
    is not known (each part kept on its own, so `kb gaps` lists the part nobody answered; a
    part that leans on the ones before it, with them). The same question typed twice is one
    part; a question with small talk after it ("Thanks!") is offered to those routes alone.
    Else nothing, and the whole message is the knowledge base's (session 33's trial). The
    words were read for harm as a whole already. The pledge looked up beside sentences that
    tell ("What is pledge 6? I'm based in Birmingham.") is answered as typed alone.
    ``numbers_looked_up``: ``pledges_looked_up(question)`` when the caller has it already."""
    numbers = (pledges_looked_up(question) if numbers_looked_up is None
               else numbers_looked_up)
    if numbers and ctx.deps.answerer is not None:
        shown = _pledges_shown(question, numbers, incoming, ctx)
        if shown:
            return shown
    looked_up = pledge_looked_up(question, apart=_a_part_of_its_own)
    if looked_up is not None and ctx.deps.answerer is not None:
        # The pledge's own words, whoever or wherever the asker is (session 42's review:
        # offered, or "I don't know" for "list the commitments. We are a care home."); kept
        # as the whole message.
        pledged = ctx.deps.answerer.ask(looked_up, read_for_harm=False)
        if pledged.mode in ("answer", "pledge_list", "pledge_topic"):
            return [_names_noted(question, _kept_and_replied(question, pledged, incoming, ctx),
                                 ctx)]
    # The same question typed twice is answered once (session 39's review).
    if whole.mode == "abstain":
        # "Who is my commissioner? Thanks!": the question, as asked alone (session 39's
        # review: "I don't know" and a gap).
        typed = ctx.args if incoming.text.startswith("/") else incoming.text
        before = _TRAILING_SENTENCE.fullmatch(question.strip())
        alone = (before.group(1) if before is not None and says_nothing(before.group(2))
                 else question if question.strip() != (typed or "").strip() else None)
        mine = (ctx.registry.tried(alone, incoming, ctx, names=PART_ROUTES)
                if alone is not None else None)
        if mine is not None:
            return mine
    # Each question with the sentences around it that ask nothing ("Is CT-0901 paid? We sent
    # it on 1 Nov. Who is my commissioner?": session 40's brief, the middle one was read
    # with the last), or as split at question marks and "and" when the sentences are many.
    asked = asked_parts(question, apart=_a_part_of_its_own) or tuple(
        AskedPart(part, part) for part in questions_in(question))
    once: dict[str, AskedPart] = {}
    for each in asked:
        once.setdefault(said(each.words), each)
    parts = tuple(each.words for each in once.values())
    if len(parts) == 1 < len(asked):  # one question typed twice: answered as asked once
        return _tried_part(next(iter(once.values())), incoming, ctx) or []
    if len(parts) == 1:
        followed = _record_then_what_follows(next(iter(once.values())), incoming, ctx)
        if followed is not None:
            return followed
    if len(parts) == 1 and whole.mode in ("answer", "choose") and names_elsewhere(
            next(iter(once.values())).told):
        # Answered whole, beside words that name somewhere the law differs from England's
        # ("How long is the standstill period? thanks, we're in Glasgow": session 42's brief):
        # not known, and handed to a person, as when the knowledge base does not answer.
        return [_record_and_abstain(question, incoming, ctx, "abstain")]
    if len(parts) == 1 and whole.mode == "answer" and _told_after(next(iter(once.values()))):
        # Answered whole, with who or where the asker is told after the question ("Do we need
        # a DoLS authorisation? The resident is 17."): offered, never answered outright, as a
        # question read without such a sentence is (session 42's brief); one's own records
        # asked keep their route's reply (the whole message's, as before).
        if _tried_part(next(iter(once.values())), incoming, ctx) is not None:
            return []
        return [_names_noted(question, _kept_and_replied(
            question, replace(whole, mode="choose", leans=True), incoming, ctx), ctx)]
    if len(parts) == 1 and whole.mode == "abstain" and ctx.deps.answerer is not None:
        # One's own records asked after a sentence that asks nothing ("what a week. who is my
        # commissioner": session 40's review, the knowledge base's general rules).
        only = next(iter(once.values()))
        mine = _tried_part(only, incoming, ctx) if only.words != only.question else None
        if mine is not None:
            return mine
        return _asked_with_context(question, only, whole, incoming, ctx)
    if len(parts) < 2 or ctx.deps.answerer is None:
        return []
    # A part about the person's own records is answered from them, as typed alone ("Invoice
    # CT-0901 still outstanding, and how long is the standstill period?": session 38's brief,
    # the invoice got "I don't know" and a knowledge gap).
    own: list[list[Reply] | None] = []
    weighed_on: dict[str, Answer] = {}  # each part's knowledge-base answer, asked once
    guided = False
    ctx.marks[_EACH_PART_WEIGHED] = True
    for each in once.values():
        mine = _tried_part(each, incoming, ctx)
        if mine is None and own and own[-1] is not None and leans_back(each.words):
            # Asked of the record just answered ("who is my commissioner? whats her email?").
            mine = _told_above(each.words, own[-1])
        if mine is None and (_gets_the_guidance(each.question, ctx, weighed_on) or (
                # With the sentences it is asked with, as typed alone ("LA asked us to do a
                # s42 enquiry ourselves. do we legally have to, and what goes in the report").
                each.words != each.question
                and _gets_the_guidance(each.words, ctx, weighed_on))):
            # A safeguarding how-to beside other questions ("How do I report a suspected
            # safeguarding concern? Who is my commissioner?": session 41's brief, the other
            # was dropped): the guidance and its button, once.
            mine = [] if guided else guidance_given(each.words, incoming, ctx)
            guided = True
        own.append(mine)
    if whole.mode != "abstain" and all(mine is None for mine in own):
        return []
    answers = [None if mine is not None
               else weighed_on.get(part) or ctx.deps.answerer.ask(part, read_for_harm=False)
               for part, mine in zip(parts, own, strict=True)]
    # DoLS is for adults: not the answer to a part beside an age under 18 told.
    answers = [replace(answer, mode="abstain", general=False)
               if answer is not None and _dols_for_a_child(question, answer, part) else answer
               for part, answer in zip(parts, answers, strict=True)]
    if all(mine is None for mine in own) and not any(
            answer is not None and answer.mode == "answer" for answer in answers):
        return []
    # The whole message was answered, or given a choice or the general rules: a part the
    # knowledge base does not answer on its own gets that reply, never "not known" and a gap
    # (session 39's review: "who is my commissioner? and can my staff be TUPE'd?" lost the
    # TUPE entry).
    whole_stands = (whole.answered or (whole.mode == "abstain" and whole.general)) and not (
        guided and whole.best is not None and whole.best.id == GUIDANCE_ENTRY)
    mine_too = any(mine is not None for mine in own)
    replies: list[Reply] = []
    whole_given = False
    for number, (part, answer) in enumerate(zip(parts, answers, strict=True)):
        if answer is None:
            replies.extend(own[number] or ())
            continue
        if mine_too and answer.mode == "choose":
            pass  # beside one's own records, a part's own choice is its reply
        elif mine_too and answer.mode != "answer" and whole_stands:
            if not whole_given:
                whole_given = True
                replies.append(replace(
                    whole_reply := _kept_and_replied(question, whole, incoming, ctx),
                    text=f'On "{part.rstrip()}":\n{whole_reply.text}'))
            continue
        elif answer.mode != "answer" or (number and leans_back(part)):
            # A choice, too: the part is said to be not known; so is one that leans on the
            # parts before it, read alone ("Newham DoLS: which team do we send Form 1 to and
            # do they need the care plan too?" got an entry on care plans before a placement:
            # the session's run of calibration sets 23-29 through the router).
            answer = replace(answer, mode="abstain", general=False)
        # A part that leans on the ones before it ("and when do we need to submit it") is kept
        # with them, as a follow-up is, so that a person it is handed to can read it (session
        # 34's trial); the asker reads it as typed.
        kept = (f"{part} (after: {' '.join(parts[:number])})"
                if number and leans_back(part) else part)
        replies.append(_part_replied(part, kept, answer, incoming, ctx))
    return replies


def _part_replied(part: str, kept: str, answer: Answer, incoming: Incoming,
                  ctx: Ctx) -> Reply:
    """A part's reply, named ('On "...":'), with its source when answered; kept as ``kept``."""
    reply = _kept_and_replied(kept, answer, incoming, ctx)
    if answer.mode == "answer" and answer.best is not None \
            and incoming.channel not in WHOLE_ANSWER_CHANNELS:
        reply = replace(reply, text=f"{reply.text}\nSource: {answer.best.citation}")
    reply = replace(reply, text=f'On "{part.rstrip()}":\n{reply.text}')
    return _names_noted(part, reply, ctx)


_AN_EMAIL_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _told_above(part: str, above: Sequence[Reply]) -> list[Reply] | None:
    """What an answer from one's own records (``above``) already tells of a part asked after
    it: nothing more to say when the part asks only what such an answer tells ("When was it
    due": ``asks_of_the_record``); "it is in my answer above" when it asks an e-mail address
    ("What is their email": ``asks_their_email``) and the answer has one, nothing more when it
    has none (nobody on record); else None."""
    if asks_of_the_record(part):
        return []
    if not asks_their_email(part):
        return None
    if not any(_AN_EMAIL_ADDRESS.search(reply.text) for reply in above):
        return []
    return [Reply(text=f'On "{part.rstrip()}": it is in my answer above.')]


def _record_then_what_follows(part: AskedPart, incoming: Incoming,
                              ctx: Ctx) -> list[Reply] | None:
    """A question about one's own records with sentences after it that ask about what it
    names ("Who is my commissioner. What is their email": session 41's brief, "I don't know"
    for the whole, as no route reads the two as one): the route's replies to the first, then
    what they tell of each that follows (``_told_above``), else its own reply, read with the
    first (it leans on it; kept "... (after: ...)" for a person); None when no route answers
    the first alone, or the message is one sentence."""
    # Each as typed, without the full stop ``asked_parts`` put after the last.
    sentences = [sentence.removesuffix(".")
                 for sentence in questions_in(part.question, sentences=True)]
    answerer = ctx.deps.answerer
    if len(sentences) < 2 or part.words != part.question or answerer is None:
        return None
    first, *following = sentences
    mine = _tried_part(AskedPart(first, first), incoming, ctx)
    if mine is None:
        return None
    replies = list(mine)
    for then in following:
        told = _told_above(then, mine)
        if told is not None:
            replies.extend(told)
            continue
        answer = answerer.ask(as_sentences((first, then)), read_for_harm=False)
        if answer.mode != "answer":
            answer = replace(answer, mode="abstain", general=False)
        replies.append(_part_replied(then, f"{then} (after: {first})", answer, incoming, ctx))
    return replies


# Whom to tell of harm to someone in care, asked ("who do i tell about a resident being hit":
# session 40's review, a choice with "Payment by results" first; alone or beside another
# question): the words of telling and of a person in care, with the harm the safeguarding
# classifier labels a how-to question.
_TELLING_OF_HARM = re.compile(
    r"\b(?:tell|report|inform|notify|contact|call|ring|alert|raise)\b.*\b(?:resident|client"
    r"|service user|person|patient|tenant|someone|somebody|customer|individual)s?\b",
    re.IGNORECASE)


def _gets_the_guidance(part: str, ctx: Ctx, asked: dict[str, Answer]) -> bool:
    """Whether a part of a message gets the safeguarding guidance, as it would typed alone:
    it asks whom to tell of harm, says the person wants to raise a concern, or is a how-to
    question about safeguarding that the knowledge base answers no better with another entry
    (as ``handlers.safeguarding.answer_howto`` reads a whole message). The knowledge base's
    answer to it is kept in ``asked``, for the part's own reply."""
    if _asks_whom_to_tell_of_harm(part) or wants_to_raise(part) is not None:
        return True
    found = howto_question(part)
    if found is None:
        return False
    answerer = ctx.deps.answerer
    if found.kind == safeguarding.WHETHER_KIND or answerer is None:
        return True
    asked[part] = answerer.ask(part, read_for_harm=False)
    return not knowledge_prefers_another_entry(asked[part])


def _asks_whom_to_tell_of_harm(question: str) -> bool:
    """Whether a question asks whom to tell, or how, of harm to someone in care (pure)."""
    found = classified(question)  # the middleware's reading of the same words, remembered
    return (found is not None and found.label == "howto" and not found.disclosure
            and found.kind != safeguarding.WHETHER_KIND
            and _TELLING_OF_HARM.search(question) is not None)


def _asked_with_context(question: str, part: AskedPart, whole: Answer, incoming: Incoming,
                        ctx: Ctx) -> list[Reply]:
    """A question with sentences that ask nothing around it, which the knowledge base did not
    answer whole: the question alone's reply, kept as the whole message (the words a person
    it is handed to reads), when the question names its own subject (``stands_alone``: "We
    have 40 beds. How long does the council have to pay invoices?", session 41's brief) and
    the knowledge base answers it or offers its choice typed alone: offered either way, never
    answered outright (the sentence may change what is asked); a question
    that leans on the sentences ("One of our carers was arrested. Do we need to tell the
    council?": session 40's review, alone it got an entry on a change in a person's care) is
    not read alone. Sentences after the question are read as those before it are (session
    42's brief: "How long is the standstill period? We're in Glasgow." was answered for
    England): "I don't know" when they name somewhere else, else offered; only what the asker
    thought the answer was ("... ? thought it was 10 days.", ``guesses_the_answer``) leaves
    its answer alone outright, when it answers outright with an entry among the whole
    message's own hits too (session 40). Else nothing: the whole message's reply stands."""
    answerer = ctx.deps.answerer
    if answerer is None or part.words == part.question:
        return []
    alone_means_the_same = stands_alone(part.question, part.told)
    guessed = part.words.startswith(part.question) and guesses_the_answer(part.told)
    if not alone_means_the_same and not guessed:
        return []
    alone = answerer.ask(part.question, read_for_harm=False)
    if (guessed and alone.mode == "answer" and alone.best is not None
            and alone.best.id in {hit.entry_id for hit in whole.hits}):
        pass  # answered outright, as session 40 did: the sentence after it tells no subject
    elif alone_means_the_same and alone.mode == "answer":
        # Offered, never answered outright: the sentence before it may change what is asked
        # (session 41's review: "We are a subcontractor, our contract is with the lead provider
        # not the council. How long does the council have to pay invoices?" got the council's
        # 30 days; "The resident is 17 ... Do we need a DoLS authorisation?" DoLS, which is for
        # adults), so the person sees what it was read as and chooses. Only a question the
        # knowledge base answers outright alone: its choice, read so, was mostly wrong (the
        # session's run of calibration sets 23-29 through the router: of 44 questions "I don't
        # know" before, 14 got a right entry offered first and 22 a wrong one, 20 of them
        # questions the content does not cover; outright answers alone: 1 and 1).
        alone = replace(alone, mode="choose", leans=True)
    else:
        return []  # "I don't know" stays, with the whole message's own checks
    return [_names_noted(question, _kept_and_replied(question, alone, incoming, ctx), ctx)]


# The knowledge base's entry on the Deprivation of Liberty Safeguards.
DOLS_ENTRY = "deprivation-of-liberty-safeguards"


def _dols_for_a_child(question: str, answer: Answer, part: str | None = None) -> bool:
    """Whether ``question`` tells an age under 18 (``tells_an_age_under_18``) beside a question
    (``part``, else the whole) on DoLS, the Liberty Protection Safeguards or mental capacity
    (``asks_about_liberty``), or one the knowledge base answers or offers the DoLS entry for:
    DoLS is for adults (session 42's review)."""
    if not tells_an_age_under_18(question):
        return False
    shown = [answer.best] if answer.mode == "answer" else list(answer.entries[:2])
    return asks_about_liberty(part or question) or any(
        entry is not None and entry.id == DOLS_ENTRY for entry in shown)


def _told_after(part: AskedPart) -> bool:
    """Whether a question is asked with sentences after it that tell (``asked_parts``: who or
    where the asker is), other than what the asker thought its answer was
    (``guesses_the_answer``)."""
    return (bool(part.told) and part.words.startswith(part.question)
            and not guesses_the_answer(part.told))


def _a_part_of_its_own(sentence: str) -> bool:
    """Whether a sentence that asks nothing is a part of a message of its own: it only says
    the person wants to raise a safeguarding concern ("I need to raise a safeguarding concern.
    who is my commissioner": session 42's brief, the guidance alone), which gets the guidance,
    or asks for one of their own lists ("show my invoices. who is my commissioner?":
    ``listing_asked``), which is shown."""
    return wants_to_raise(sentence) is not None or listing_asked(sentence) is not None


def _tried_part(part: AskedPart, incoming: Incoming, ctx: Ctx) -> list[Reply] | None:
    """The replies of the route about the person's own records (``PART_ROUTES``) that keeps
    a part of a message: its question alone, else with the sentences it is asked with; with
    them first when it asks about what they tell ("We lost T-12. Is it legal?"); None when
    none keeps it."""
    tries = [part.question, part.words] if part.words != part.question else [part.words]
    if follows_on(part.question):
        tries.reverse()
    for words in tries:
        # One's own list asked for beside a question, as typed alone ("show my invoices pls,
        # and who is my commissioner": session 42's brief, the knowledge base's choice of
        # invoice entries); one's own records asked after keep their route's reply.
        names = (PART_ROUTES if own_records_question(words) is not None
                 else PART_ROUTES | {LISTING_ROUTE})
        mine = ctx.registry.tried(words, incoming, ctx, names=names)
        if mine is not None:
            return mine
    return None


def _kept_and_replied(question: str, answer: Answer, incoming: Incoming, ctx: Ctx) -> Reply:
    """The question kept and the knowledge base's reply to it."""
    if answer.mode == "abstain" and answer.topic is not None:
        # "which pledges are about bullying by commissioners": a word no commitment uses.
        return pledge_not_about(question, answer.topic, answer.entries[0] if answer.entries
                                else None, incoming, ctx, answer)
    if answer.mode in ("abstain", "not_english"):
        return _record_and_abstain(question, incoming, ctx, answer.mode, answer)
    record = _record(question, incoming, ctx, answer)
    if answer.mode == "pledge_list":
        return Reply(text=pledge_list(ctx.templates, answer.entries))
    if answer.mode == "pledge_topic":
        return Reply(text=ctx.render("pledge_topic.txt", topic=answer.topic,
                                     entries=answer.entries, not_about=answer.not_about,
                                     nearest=answer.nearest))
    if answer.mode == "choose" and answer.topic is not None:
        # "which pledges are about wages": no commitment is, then the entries offered for it
        # (session 46's review: the offer was lost).
        offer = choice_reply(answer.entries[:2], record.id, ctx, leaning=answer.leans)
        none = ctx.render("pledge_not_about.txt", topic=answer.topic,
                          named=pledge_text_naming(answer.topic), nearest=answer.nearest)
        return replace(offer, text=f"{none}\n{offer.text}")
    if answer.mode == "choose":
        return choice_reply(answer.entries[:2], record.id, ctx, leaning=answer.leans)
    assert answer.best is not None  # noqa: S101 - answered means there is a best entry
    return answer_reply(answer.best, record, ctx, incoming.channel)


def _with_sympathy(reply: Reply, ctx: Ctx) -> Reply:
    """``reply``, after a word of sympathy for the death its question told of first."""
    return replace(reply, text=f"{ctx.render('sympathy.txt')}\n{reply.text}")


def _names_noted(question: str, reply: Reply, ctx: Ctx) -> Reply:
    """``reply``, with a short reminder when the question named someone (kept as initials):
    references, never names (session 30's trial: "can Mrs Smith in RC-106 have her hours
    increased?" was kept as "Mrs S." and nobody was told)."""
    named = kept_words(question, ctx) != question
    removed = identifiers_removed(without_identifiers(question))
    if removed:  # an NHS number, a date of birth, an address: not kept (session 36's trial)
        return replace(reply, text=f"{reply.text}\n"
                       f"{ctx.render('identifiers_removed.txt', removed=removed, name=named)}")
    if not named:
        return reply
    return replace(reply, text=f"{reply.text}\n{ctx.render('names_kept_as_initials.txt')}")


MAX_KNOWN_NAMES = 5000


def kept_words(question: str, ctx: Ctx) -> str:
    """``question`` as it is kept: names cut to initials, except those of people in the
    directory (council staff, providers' users: never people receiving care), full names, and
    the asker's own name ("Regards, Sam")."""
    cut = without_names(question)
    if cut == question:
        return question
    # Read once a message: the question is kept (``_record``) and its reply noted
    # (``_names_noted``) from the same reading.
    mark = f"ask.kept:{question}"
    if mark not in ctx.marks:
        ctx.marks[mark] = _kept_with_known_names(question, ctx)
    return str(ctx.marks[mark])


def _kept_with_known_names(question: str, ctx: Ctx) -> str:
    # Council staff and the asker's own colleagues only (the session's review: "my client Alex
    # Morgan" was kept because another provider's user has that name).
    people = [name.split() for name in ctx.session.scalars(select(Person.name).where(
        Person.active.is_(True), or_(Person.role.in_(COUNCIL_STAFF),
                                     Person.organisation_id == ctx.person.organisation_id))
        .limit(MAX_KNOWN_NAMES)) if name.split()]
    # A first name alone too ("Priya said ..."; session 33's brief) when it is one person's
    # among them: never after "resident" or "client" (``without_names_but``).
    firsts = Counter(words[0].casefold() for words in people)
    known = [*(" ".join(words) for words in people if len(words) > 1),
             *(words[0] for words in people if firsts[words[0].casefold()] == 1),
             ctx.person.name, *ctx.person.name.split()[:1]]
    return without_names_but(question, names_known(known))


def _only_told(question: str, answer: Answer, incoming: Incoming,
               ctx: Ctx) -> list[Reply] | None:
    """News told with nothing asked ("we had our contract review meeting today",
    ``handlers.talk.matching.statement``) that no entry answers outright: thanks and what the
    bot can do, and nothing kept, so it is no knowledge gap (session 27). Not a command's words,
    not a question for the council's own practice (its general rules are shown), and not words
    the person was asked "Is this about someone's safety?" about (they are kept, for a "yes" to
    carry to the concern). A death told gets condolences first, those words too (kept for that
    "yes"), and a death told with a cause or a doubt what the safety question beside it does
    not say (session 30); a commissioner's or admin's own leave told, the offer to set /away
    (session 28)."""
    if (answer.mode not in ("abstain", "choose") or answer.general
            or incoming.text.startswith("/")):
        return None
    died = death_told(question)
    if died is not None:
        return _condolence(question, died, answer, incoming, ctx)
    worried = death_worried_once(question, ctx)
    if worried is not None:
        return _condolence(question, worried, answer, incoming, ctx, worried=True)
    if ctx.marks.get(SAFETY_ASKED):
        return None
    leave = leave_told(question) if ctx.person.role in COUNCIL_STAFF else None
    if leave is not None:
        return [offer_away(leave, ctx)]
    kind = statement(question)
    if kind is None:
        return None
    return [Reply(text=ctx.render("statement.txt", kind=kind,
                                  provider=ctx.person.role == Role.PROVIDER))]


def _words_for_a_case(question: str, answer: Answer, ctx: Ctx) -> Reply | None:
    """Words naming a case that the knowledge base cannot answer ("reply to PB-2026-000001:
    sorted now"): the /case command that adds them to it, and nothing kept, so they are no
    knowledge gap (session 33's trial). Not words the person was asked "Is this about
    someone's safety?" about (they are kept, for a "yes" to carry to the concern)."""
    if answer.mode != "abstain" or ctx.marks.get(SAFETY_ASKED):
        return None
    note = case_note(question)
    if note is None:
        return None
    provider = ctx.person.role == Role.PROVIDER
    # Council staff's words for a provider's question still open are its answer: /case ...
    # resolve tells the provider and closes it, where comment leaves it open (session 33's
    # second trial).
    answers = not provider and bool(note.words) and ctx.session.scalar(
        select(Case.id).where(Case.reference == note.reference, Case.kind == CaseKind.QUESTION,
                              Case.status.not_in(CASE_CLOSED), cases.visible_to(ctx.person))
    ) is not None
    return Reply(text=ctx.render("case_named.txt", reference=note.reference, words=note.words,
                                 provider=provider, answers=answers))


CONDOLENCE_MODE = "condolence"


def _condolence(question: str, died: Bereavement, answer: Answer, incoming: Incoming,
                ctx: Ctx, *, worried: bool = False) -> list[Reply]:
    """A death told ("sadly one of our residents died last night"): condolences and what may
    be needed, with a button that hands the words to a person as "Ask a commissioner" does.
    The words are kept (that button's case, and a "yes" to "Is this about someone's safety?"
    carries them to a concern) as answered, so they are no knowledge gap (session 28); the
    name of the person who died cut to initials, as any name kept of a question is.

    ``worried``: told with a cause or a doubt ("RC-108 passed away this morning after a fall",
    "found dead"; ``death_worried``), the safeguarding middleware has asked "Is this about
    someone's safety?" after a word of sympathy, and a provider may also tell the council
    (session 30's trial: "I don't know" and a knowledge gap); nothing more is said when there
    is nothing for the council."""
    record = _record(question, incoming, ctx, answer, CONDOLENCE_MODE, answered=True)
    provider = ctx.person.role == Role.PROVIDER
    # Someone only named ("Sadly John Smith passed away"): told by a provider, most often
    # someone it cares for; told by council staff, maybe a colleague, so no provider's duties
    # (session 29's review).
    if died == "named":
        died = "cared_for" if provider else "other"
    asked = worried and bool(ctx.marks.get(SAFETY_ASKED))
    if asked and (not provider or died == "other"):
        return []  # the sympathy and the question were all there is to say
    # The council is told only by a provider (council staff are the council).
    text = ctx.render("condolence.txt", who=died, provider=provider, worried=worried,
                      asked=asked)
    return [Reply(text=text, buttons=(Button(label="Tell the council", action=HAND_OVER,
                                             value=str(record.id)),)
                  if provider and died != "other" else ())]


def _the_question_followed(question: str, ctx: Ctx) -> tuple[str, str] | None:
    """For a short follow-up ("and for home care?"), the question it follows (the person's
    last one that was not a follow-up, if their very last was answered or offered as a choice
    within ``FOLLOW_UP_WINDOW``) and the follow-up's own words ("for home care?"); else
    None."""
    found = _FOLLOW_UP.match(question)
    if found is None or len(question.split()) > FOLLOW_UP_WORDS:
        return None
    last = ctx.session.scalars(select(Question).where(
        Question.person_id == ctx.person.id, Question.asked_at >= ctx.now - FOLLOW_UP_WINDOW)
        .order_by(Question.id.desc()).limit(1)).first()
    if last is None or last.safeguarding or last.mode not in ("answer", "choose"):
        return None
    # A follow-up answered so is kept as "and for X? (after: QUESTION)": the next one follows
    # QUESTION too.
    joined = _FOLLOWED.search(last.text)
    return (joined.group("before") if joined else last.text), found.group("rest")


def choice_reply(entries: Sequence[Entry], question_id: int, ctx: Ctx, *,
                 leaning: bool = False) -> Reply:
    """Entries to choose from, and always a person to ask when none is right. ``leaning``: the
    first is likelier (the bot was not sure enough to answer with it), so the text names it."""
    buttons = tuple(
        Button(label=entry.title, action=PICK, value=f"{question_id}:{entry.id}")
        for entry in entries
    )
    ask = ask_label(ctx.person.role)
    text = (ctx.render("choose_leaning.txt", title=entries[0].title, others=len(entries) - 1,
                       ask=ask)
            if leaning else ctx.render("choose.txt", ask=ask))
    return Reply(text=text, buttons=(
        *buttons, Button(label=ask, action=HAND_OVER, value=str(question_id))))


# A provider's words in the knowledge base's answers, said to council staff as theirs: "your
# council" is the reader's own council, "your commissioner" a colleague (session 31's trial).
_PROVIDERS_WORDS = re.compile(
    r"\b([Yy])our (council|commissioner|contract manager|tender notice)\b")


def for_staff(text: str) -> str:
    """An answer written for providers, with "your council" (and commissioner, contract
    manager, tender notice) said as "the council" and so on, for council staff."""
    return _PROVIDERS_WORDS.sub(lambda found: f"{'T' if found.group(1) == 'Y' else 't'}he "
                                f"{found.group(2)}", text)


def _answer_data(entry: Entry, question: str, role: Role) -> dict[str, object]:
    lead, detail = lead_and_detail(entry, question)
    staff = role != Role.PROVIDER
    if staff:
        lead, detail = for_staff(lead), (for_staff(detail) if detail else detail)
    # What the entry says for the reader's side, where it says it (the pledge's commitments):
    # a commissioner reads "for commissioners", a provider "for providers" (session 22's
    # review: answers written for providers were shown as they are to commissioners).
    for_you = entry.for_providers if role == Role.PROVIDER else entry.for_commissioners
    # The FAQs are written to providers ("you" is the provider): council staff are told so
    # (the pledge's own commitments say what is for them, in ``for_you``).
    title = f"{entry.title} (written for providers)" if staff and entry.kind == "faq" else (
        entry.title)
    return {"title": title, "lead": lead, "detail": detail, "citation": entry.citation,
            "sources": entry.sources[:MAX_SOURCES_SHOWN], "for_you": for_you,
            "as_at": f"{entry.as_at.day} {entry.as_at:%B %Y}", "confidence": entry.confidence,
            "staff": staff}


def _raise_button(entry: Entry) -> tuple[Button, ...]:
    """The "Raise a concern now" button beside the safeguarding entry, however it is reached
    (session 32's trial: picked from a choice, it had only More and the ratings)."""
    return (RAISE_BUTTON,) if entry.id == GUIDANCE_ENTRY else ()


def _rating_buttons(question_id: int, role: Role) -> tuple[Button, ...]:
    return buttons_for(str(question_id), (("Helpful", HELPFUL), ("Not helpful", UNHELPFUL),
                                          (ask_label(role), HAND_OVER)))


def answer_reply(entry: Entry, question: Question, ctx: Ctx, channel: Channel) -> Reply:
    """One entry's answer to ``question``: the title and the answer in two lines, then a "More"
    button for the detail, sources and date (all at once on a channel without buttons), and
    the ratings."""
    question_id = question.id
    data = _answer_data(entry, question.text, ctx.person.role)
    if channel in WHOLE_ANSWER_CHANNELS:
        return Reply(text=ctx.render("answer.txt", **data), buttons=(
            *_raise_button(entry), *_rating_buttons(question_id, ctx.person.role)))
    return Reply(text=ctx.render("answer_short.txt", **data), buttons=(
        Button(label="More", action=MORE, value=f"{question_id}:{entry.id}"),
        *_raise_button(entry), *_rating_buttons(question_id, ctx.person.role)))


def entry_answer(entry_id: str, question: str, incoming: Incoming, ctx: Ctx) -> Reply | None:
    """One knowledge entry's answer to a question a route has read for it, told after the
    asker's own records ("can we charge interest on INV-2041": the invoice's state, then the
    late payment entry; session 36's trial): kept as a question that entry answered, with its
    More and ratings as any answer has. None when the knowledge base has no such entry."""
    answerer: Answerer | None = ctx.deps.answerer
    entry = answerer.entry(entry_id) if answerer is not None else None
    if entry is None:
        return None
    record = Question(person_id=ctx.person.id, organisation_id=ctx.person.organisation_id,
                      channel=incoming.channel,
                      text=kept_words(question, ctx)[:MAX_STORED_CHARS], answered=True,
                      mode="answer", entry_id=entry.id, score=None, asked_at=ctx.now)
    ctx.session.add(record)
    ctx.session.flush()
    ctx.audit("question.answered", subject=f"question:{record.id}", entry=entry.id)
    return answer_reply(entry, record, ctx, incoming.channel)


def part_choice(part: str, answer: Answer, incoming: Incoming, ctx: Ctx) -> Reply:
    """The knowledge base's choice of two entries (``answer``, mode "choose") for a part of a
    message a route answered another part of ("who bid for T-9? and can my staff be
    TUPE'd?": session 39's review, said not answered), the part kept with it, as a whole
    message given a choice is."""
    return _names_noted(part, _kept_and_replied(part, answer, incoming, ctx), ctx)


def _question_and_entry(incoming: Incoming, ctx: Ctx) -> tuple[Question, Entry] | None:
    """The presser's own question and the entry a "QUESTION_ID:ENTRY_ID" button names."""
    record = _own_question(incoming, ctx)
    entry_id = (incoming.action_value or "").partition(":")[2]
    answerer: Answerer | None = ctx.deps.answerer
    entry = answerer.entry(entry_id) if answerer is not None else None
    return (record, entry) if record is not None and entry is not None else None


def more(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """The rest of an answer: detail, sources and the as-at date."""
    found = _question_and_entry(incoming, ctx)
    if found is None:
        return _stale(ctx)
    record, entry = found
    ctx.audit("question.more", subject=f"question:{record.id}", entry=entry.id)
    return [Reply(text=ctx.render("answer_more.txt",
                                  **_answer_data(entry, record.text, ctx.person.role)),
                  buttons=(*_raise_button(entry), *_rating_buttons(record.id, ctx.person.role)))]


def answer_wanted(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """"Tell me when someone answers": the asker is told when an admin teaches the answer."""
    record = _own_question(incoming, ctx)
    if record is None:
        return _stale(ctx)
    record.answer_wanted = True
    ctx.audit("question.answer_wanted", subject=f"question:{record.id}")
    return [Reply(text=ctx.render("answer_wanted.txt", ask=ask_label(ctx.person.role)))]


def teach(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """/teach ENTRY_ID QUESTION (admins): attach a question to the entry that answers it. The
    order of ``pledgebot kb teach "QUESTION" ENTRY_ID`` is read too (session 25's trial: "/teach
    can we charge ... mileage-and-motor-insurance" was "There is no entry 'can'")."""
    entry_id, _, question = ctx.args.strip().partition(" ")
    if not entry_id or not question.strip():
        return [Reply(text=ctx.render("teach_usage.txt"))]
    answerer: Answerer | None = ctx.deps.answerer
    if answerer is None:
        raise BadInput(ctx.render("teach_refused.txt", reason="folder"))
    head, _, last = ctx.args.strip().rpartition(" ")

    def an_entry(word: str) -> bool:
        return word.lower() == TAUGHT_TO_NONE or answerer.entry(word) is not None

    # Not when the first word is a mistyped id (session 25's review: "/teach insurnace do we
    # need public liability insurance" taught "insurnace do we need public liability").
    # A quoted first word is the start of the question, as `kb teach` writes it.
    quoted = entry_id[:1] in ('"', "\u201c", "'")
    mistyped = not quoted and questions.nearest_entry_id(answerer, entry_id) is not None
    if not an_entry(entry_id) and an_entry(last) and not mistyped:
        entry_id, question = last, head.strip().strip('"\u201c\u201d')
    lesson, notifications = questions.teach(
        ctx.session, answerer, ctx.settings.knowledge_dir, question, entry_id,
        taught_by=ctx.person.email or f"person:{ctx.person.id}", now=ctx.now,
        templates=ctx.templates)
    for notification in notifications:
        ctx.notify(notification)
    ctx.audit("question.taught", subject=f"entry:{lesson.entry_id}", added=lesson.added,
              told=lesson.told)
    return [Reply(text=ctx.render("taught.txt", question=lesson.question,
                                  entry_id=lesson.entry_id, added=lesson.added,
                                  told=lesson.told, title=lesson.title,
                                  corrected=lesson.corrected))]


def _record(question: str, incoming: Incoming, ctx: Ctx, answer: Answer | None,
            mode: str | None = None, *, answered: bool | None = None) -> Question:
    best = answer.hits[0] if answer is not None and answer.hits else None
    record = Question(
        person_id=ctx.person.id,
        organisation_id=ctx.person.organisation_id,
        channel=incoming.channel,
        # A name is kept as initials (session 25's trial: it reached `kb gaps`).
        text=without_identifiers(kept_words(question, ctx))[:MAX_STORED_CHARS],
        answered=(answered if answered is not None
                  else bool(answer is not None and answer.answered)),
        mode=mode or (answer.mode if answer is not None else "abstain"),
        entry_id=best.entry_id if best is not None else None,
        score=round(best.score, 4) if best is not None else None,
        asked_at=ctx.now,
    )
    ctx.session.add(record)
    ctx.session.flush()
    action = "question.answered" if record.answered else "question.unanswered"
    ctx.audit(action, subject=f"question:{record.id}", entry=record.entry_id)
    return record


def _record_and_abstain(question: str, incoming: Incoming, ctx: Ctx, mode: str,
                        answer: Answer | None = None, *, not_about: str | None = None) -> Reply:
    """The question kept as unanswered, and "I don't know" (or ``not_about``: no commitment
    is about it) with a person to ask."""
    general = answer.entries[0] if answer is not None and answer.general else None
    # Kept with the entry of general rules shown beside it (it is the first hit).
    record = _record(question, incoming, ctx, answer,
                     questions.GENERAL_MODE if general is not None else mode)
    template = "not_english.txt" if mode == "not_english" else "abstain.txt"
    disagreement = ctx.person.role == Role.PROVIDER and _disagreement(question)
    return Reply(
        text=ctx.render(template, council_name=ctx.settings.council_name,
                        ask=ask_label(ctx.person.role), disagreement=disagreement,
                        staff=ctx.person.role != Role.PROVIDER,
                        general=general.title if general is not None else None,
                        not_about=not_about),
        buttons=(*((Button(label=general.title, action=PICK,
                           value=f"{record.id}:{general.id}"),) if general is not None else ()),
                 Button(label=ask_label(ctx.person.role), action=HAND_OVER,
                        value=str(record.id)),
                 Button(label="Tell me when someone answers", action=ANSWER_WANTED,
                        value=str(record.id))),
    )


# A provider's grievance with the council the knowledge base cannot answer ("we feel bullied
# by the commissioning team"; session 20's review: only "I don't know"): /conflict is named
# when the words hold both a grievance and the council, in any order.
_GRIEVANCE = re.compile(
    r"\b(?:bull(?:y|ied|ying)|unfair(?:ly)?|not fair|disagree\w*|dispute\w*|complain\w*"
    r"|ignor(?:ed|ing)|not listening|treat(?:s|ed)? us (?:badly|poorly|unfairly)"
    r"|treated (?:badly|poorly|unfairly)|fed up|let (?:us )?down|no response"
    r"|never (?:reply|replies|respond\w*)|(?:verbally )?abus(?:ed|ive)|harass\w*|threaten\w*"
    r"|intimidat\w*|belittl\w*|humiliat\w*|rude(?:ly)?|shout(?:ed|ing|s)? at|swore at"
    r"|sworn at|abuse of|aggressive(?:ly)?|rigged|biased|stitched up)\b")
# A grievance that can only be with the council that pays or buys ("we were hit with a 20% cut
# in hourly rate", "the council's late payments ... 60 day delays"; session 30's trial: "I
# don't know", with no word of the council for ``_THE_COUNCIL``).
_COUNCILS_GRIEVANCE = re.compile(
    r"\b(?:(?:fee|rate|price|hourly rate)s? (?:cut|freeze|reduction)s?|cuts? (?:in|to|of) (?:our"
    r" |the )?(?:hourly |weekly |fee )?(?:rates?|fees?)|paid late|late payments?|(?:haven't|hasn't"
    r"|have not|has not|still not|never) (?:been )?paid|unpaid invoices?|payment delays?)\b")
_THE_COUNCIL = re.compile(r"\b(?:council|commissioners?|commissioning|local authority|la"
                          r"|contracts? team|brokerage|procurement team|they|them|social workers?"
                          r"|tender evaluation|evaluators?"
                          r"|(?:contracts?|procurement|commissioning|council) officers?)\b")


def _disagreement(text: str) -> bool:
    lowered = text.lower()
    return _COUNCILS_GRIEVANCE.search(lowered) is not None or (
        _GRIEVANCE.search(lowered) is not None and _THE_COUNCIL.search(lowered) is not None)


def _own_question(incoming: Incoming, ctx: Ctx) -> Question | None:
    """The question a button refers to, only if it is the presser's own."""
    raw = (incoming.action_value or "").split(":", 1)[0]
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 12:
        return None
    record = ctx.session.get(Question, int(raw))
    if record is None or record.person_id != ctx.person.id:
        return None
    return record


def _stale(ctx: Ctx) -> list[Reply]:
    return [Reply(text=ctx.render("stale_button.txt"))]


def pick(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """The person chose one of two offered entries, or pressed the general rules shown beside
    a question for the council's own practice."""
    found = _question_and_entry(incoming, ctx)
    if found is None:
        return _stale(ctx)
    record, entry = found
    if not record.answered:
        # The general rules of a question the bot handed to a person: shown, not an answer
        # (session 27: kept as "picked", so `kb gaps` took the entry for the council's answer).
        record.entry_id, record.mode = entry.id, questions.GENERAL_MODE
        ctx.audit("question.general_shown", subject=f"question:{record.id}", entry=entry.id)
        return [answer_reply(entry, record, ctx, incoming.channel)]
    record.entry_id = entry.id
    record.mode = questions.PICKED_MODE  # apart from answers: ``kb gaps`` lists it to teach
    record.answered = True
    ctx.audit("question.picked", subject=f"question:{record.id}", entry=entry.id)
    return [answer_reply(entry, record, ctx, incoming.channel)]


def rate(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """Helpful or not helpful: recorded, so unhelpful answers show up in the gaps."""
    record = _own_question(incoming, ctx)
    if record is None:
        return _stale(ctx)
    helpful = incoming.action == HELPFUL
    record.helpful = helpful
    ctx.audit("question.rated", subject=f"question:{record.id}", helpful=helpful)
    ask = ask_label(ctx.person.role)
    reply = Reply(text=ctx.render("rated.txt", helpful=helpful, ask=ask))
    if not helpful and record.handed_over_at is None:
        reply = Reply(text=reply.text, buttons=(
            Button(label=ask, action=HAND_OVER, value=str(record.id)),))
    return [reply]


def hand_over(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """Open a question case for a person to answer, routed like any case, and tell its owner.

    The case goes to the asker's council. A provider linked to no council goes to the
    configured questions contact's council (the person named for questions), else is asked
    which council; one working with several councils is asked which of them. Only councils
    with someone to answer are offered: with one, it goes there; with none, the provider is
    told so at once. A question is not urgent, so it goes to one council the provider chose,
    never to every council at once (as a concern does) nor to a council guessed for it.
    """
    record = _own_question(incoming, ctx)
    if record is None:
        return _stale(ctx)
    already = _handed_over_already(record, ctx)
    if already is not None:
        return [already]
    # Each read once: the provider's councils say where it goes, else which to offer; the
    # contact may be where it goes, and is who owns it when nobody there can.
    works_with = (None if ctx.person.organisation.kind == OrganisationKind.COUNCIL
                  else councils_of(ctx.session, ctx.person.organisation_id, on=ctx.now.date()))
    contact = _questions_contact(ctx)
    try:
        council_id: int | None = council_for(ctx, councils=works_with)
    except BadInput:
        council_id = None  # linked to no council (where there are several), or to several
    chosen = council_id is None
    if council_id is None:
        councils, linked = _councils_to_ask(ctx, works_with=works_with)
        if not linked and contact is not None and contact.organisation_id in councils:
            council_id = contact.organisation_id
        elif len(councils) > 1:
            return [_which_council(record, councils, linked, ctx)]
        elif councils:
            council_id = councils[0]
    return _hand_over_to(record, council_id, ctx, contact=contact, name_the_council=chosen)


def hand_over_to_council(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """The council chosen for a question (``QUESTION_ID:COUNCIL_ID``): one the provider may
    ask (``_councils_to_ask``), else the button is stale."""
    record = _own_question(incoming, ctx)
    raw = (incoming.action_value or "").partition(":")[2]
    if record is None or not (raw.isascii() and raw.isdigit()) or len(raw) > 12:
        return _stale(ctx)
    already = _handed_over_already(record, ctx)
    if already is not None:
        return [already]
    # Any council it may ask, even one with nobody left to answer since it was offered: the
    # reply then names it as the one to contact.
    if int(raw) not in _councils_to_ask(ctx, answerable=False)[0]:
        return _stale(ctx)
    return _hand_over_to(record, int(raw), ctx, contact=_questions_contact(ctx),
                         name_the_council=True)


def _handed_over_already(record: Question, ctx: Ctx) -> Reply | None:
    """"Already with the commissioning team" when the question was handed over before (its
    case, ``Question.case_id``, named), or the asker's question in the same words is in a case
    still open (session 25's trial: two cases of the same question for one commissioner; this
    one joins that case); else None. A death told is news each time: only that very record
    handed over before is "already" (session 28's review: a second death in the same words was
    never passed on)."""
    if record.handed_over_at is None:
        if record.mode == CONDOLENCE_MODE:
            return None
        joined = ctx.session.scalars(
            select(Case).join(Question, Question.case_id == Case.id).where(
                Question.person_id == ctx.person.id, Question.text == record.text,
                Question.mode != CONDOLENCE_MODE, Case.status.in_(cases.ACTIVE))
            .order_by(Case.id.desc())).first()
        if joined is None:
            return None
        record.handed_over_at, record.case_id = ctx.now, joined.id
    case = ctx.session.get(Case, record.case_id) if record.case_id is not None else None
    # Handed to the questions contact with no case, or before 0018 linked it: its own reference.
    reference = case.reference if case is not None else question_reference(record.id)
    return Reply(text=ctx.render("handed_over.txt", already=True, reference=reference,
                                 contact=None, council_name=ctx.settings.council_name,
                                 death=record.mode == CONDOLENCE_MODE))


def _councils_to_ask(ctx: Ctx, *, answerable: bool = True,
                     works_with: set[int] | None = None) -> tuple[list[int], bool]:
    """The councils a provider whose council is not known may hand a question to: the ones it
    works with when they are several (True: linked), else every council (False).

    ``answerable``: only those with someone active to answer (an admin or a commissioner;
    session 27's second review: a council whose only commissioner had left was offered, and
    choosing it told nobody). ``works_with``: the provider's ``councils_of``, when the caller
    has read it."""
    linked = (works_with if works_with is not None
              else councils_of(ctx.session, ctx.person.organisation_id, on=ctx.now.date()))
    if len(linked) > 1:
        councils, is_linked = sorted(linked), True
    else:
        councils, is_linked = list(ctx.session.scalars(select(Organisation.id).where(
            Organisation.kind == OrganisationKind.COUNCIL).order_by(Organisation.id))), False
    if answerable:
        staffed = set(ctx.session.scalars(select(Person.organisation_id).where(
            Person.organisation_id.in_(councils), cases.council_staff()).distinct()))
        councils = [council for council in councils if council in staffed]
    return councils, is_linked


def _which_council(record: Question, councils: Sequence[int], linked: bool,
                   ctx: Ctx) -> Reply:
    """Which council should answer: one button per council, by name."""
    names: dict[int, str] = {
        council: name for council, name in ctx.session.execute(
            select(Organisation.id, Organisation.name).where(Organisation.id.in_(councils)))}
    return Reply(text=ctx.render("handed_over_which.txt", linked=linked,
                                 death=record.mode == CONDOLENCE_MODE), buttons=tuple(
        Button(label=names[council], action=HAND_OVER_TO, value=f"{record.id}:{council}")
        for council in sorted(councils, key=lambda council: (names[council].lower(), council))))


def _hand_over_to(record: Question, council_id: int | None, ctx: Ctx, *,
                  contact: Person | None, name_the_council: bool) -> list[Reply]:
    """Open the question's case at ``council_id`` and tell its owner; with no council, or
    nobody there to own it, the configured ``contact`` (``_questions_contact``) is told; with
    nobody at all, the asker is told so (the question stays in ``kb gaps``)."""
    question_ref = question_reference(record.id)
    record.handed_over_at = ctx.now
    case: Case | None = None
    tender = _tender_named(ctx, record.text, council_id)
    if council_id is not None:
        try:
            with ctx.session.begin_nested():
                case, _note = cases.open_case(ctx.session, cases.NewCase(
                    # A death told is news for the council, not a question to answer.
                    kind=(CaseKind.NOTIFICATION if record.mode == CONDOLENCE_MODE
                          else CaseKind.QUESTION),
                    category="other", council_id=council_id,
                    description=record.text[:cases.MAX_DESCRIPTION] or "(no words kept)",
                    # The question's words: "Question Q-000017: ..." showed a reference
                    # nobody had been given (session 21's review).
                    summary=shortened(record.text, cases.MAX_SUMMARY),
                    provider_id=(ctx.person.organisation_id
                                 if ctx.person.role == Role.PROVIDER else None),
                    raised_by_id=ctx.person.id,
                    # The commissioner of a tender the question names owns it (session 37's
                    # trial: one about Tom's tender went to the configured contact).
                    first_owner_id=tender.commissioner_id if tender is not None else None,
                    fallback_owner_id=contact.id if contact is not None else None),
                    settings=ctx.settings, policy=ctx.deps.sla,
                    calendar=ctx.deps.calendar, now=ctx.now, templates=ctx.templates)
        except BadInput:
            case = None  # nobody active at that council: the contact, else nobody, is told
    record.case_id = case.id if case is not None else None
    reference = case.reference if case is not None else question_ref
    ctx.audit("question.handed_over", subject=f"question:{record.id}", case=reference)
    owner = ctx.session.get(Person, case.assignee_id) if case is not None else contact
    if owner is not None:
        ctx.notify(Notification(
            person_id=owner.id,
            kind="question.handed_over",
            text=ctx.render("question_alert.txt", reference=reference, name=ctx.person.name,
                            organisation=ctx.person.organisation.name, email=ctx.person.email,
                            text=record.text, is_case=case is not None,
                            death=record.mode == CONDOLENCE_MODE,
                            tender=tender.reference if tender is not None else None),
            idempotency_key=f"question:{record.id}:handover",
            case_reference=case.reference if case is not None else None,
            buttons=cases.council_buttons(case) if case is not None else (),
        ))
    # The council is named when the provider chose it, or it was chosen for them; with nobody
    # told, the council it was for is the one to contact (session 27's second review: the
    # configured name was given for the council chosen), else the configured one, unless the
    # bot serves several councils (it would name one at random).
    council_name: str | None = ctx.settings.council_name
    if owner is not None:
        council = (ctx.session.get_one(Organisation, owner.organisation_id).name
                   if name_the_council else None)
    elif council_id is not None:
        council = ctx.session.get_one(Organisation, council_id).name
    else:
        council = None
        if len(ctx.session.scalars(select(Organisation.id).where(
                Organisation.kind == OrganisationKind.COUNCIL).limit(2)).all()) > 1:
            council_name = None
    return [Reply(text=ctx.render(
        "handed_over.txt", already=False, reference=reference,
        contact=owner.name if owner is not None else None, council=council,
        council_name=council_name, death=record.mode == CONDOLENCE_MODE))]


_REFERENCE_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9/_.-]*[A-Za-z0-9]")


def _tender_named(ctx: Ctx, text: str, council_id: int | None) -> Tender | None:
    """The tender of ``council_id`` whose reference the question's words name, if one does
    (the first named, when several are)."""
    if council_id is None:
        return None
    words = [word.upper() for word in _REFERENCE_WORD.findall(text)
             if any(ch.isdigit() for ch in word)]
    if not words:
        return None
    found = {tender.reference.upper(): tender for tender in ctx.session.scalars(
        select(Tender).where(Tender.council_id == council_id,
                             func.upper(Tender.reference).in_(sorted(set(words)))))}
    return next((found[word] for word in words if word in found), None)


def _questions_contact(ctx: Ctx) -> Person | None:
    """The configured contact; else, when the bot serves one council, its first commissioner."""
    email = ctx.settings.questions_contact
    if email:
        return ctx.session.scalars(
            select(Person).where(Person.email == email.strip().lower(), Person.active.is_(True))
        ).first()
    councils = ctx.session.scalars(
        select(Organisation.id).where(Organisation.kind == OrganisationKind.COUNCIL).limit(2)
    ).all()
    if len(councils) != 1:
        return None
    return ctx.session.scalars(
        select(Person).where(Person.organisation_id == councils[0],
                             Person.role == Role.COMMISSIONER, Person.active.is_(True),
                             Person.safeguarding_lead.is_(False))
        .order_by(Person.id)
    ).first()


def pledge_list(templates: Environment, entries: Sequence[Entry]) -> str:
    """The commitments as a numbered list in the pledge's own groups (General, Pre
    Procurement, Tendering, Monitoring and Review), in the order of their numbers; after
    what the pledge is ("what is the pledge?"), the groups in a line each instead, with how
    to get the list (session 43's trial: about 40 lines for "what's the pledge")."""
    groups: dict[str, list[Entry]] = {}
    pledges = [entry for entry in entries if entry.kind == "pledge"]
    for entry in pledges:
        groups.setdefault(entry.section or "", []).append(entry)
    # "what is the pledge?" comes with the entry about it: its first paragraph leads.
    about = next((entry for entry in entries if entry.kind != "pledge"), None)
    intro = about.answer.strip().split("\n", 1)[0] if about is not None else None
    return render(templates, "pledge_list.txt", total=len(pledges),
                  groups=list(groups.items()), intro=intro)
