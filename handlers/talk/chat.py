"""Small talk and a bare number: a short, friendly reply instead of a knowledge-base search.

Neither is a question: nothing is searched, no question is recorded, so neither shows up in
``pledgebot kb gaps``. Nor is a statement ("we had our contract review meeting today"),
unless the knowledge base answers it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date, timedelta

from sqlalchemy import func, select

from bot.messages import Incoming, Reply
from bot.models import (
    AuditEvent,
    Bid,
    Deadline,
    DeadlineStatus,
    Invoice,
    Organisation,
    Placement,
    Role,
    Tender,
    TenderFollower,
)
from handlers.deadlines.chat import show_reminders
from handlers.deadlines.store import (
    BID_FEEDBACK_RULE,
    REVIEW_RULES,
    RULE_PLEDGES,
    RULE_TITLES,
    council_names,
    councils_of,
    local_date,
    open_deadlines_for,
    placements_seen,
    shared_references,
)
from handlers.deps import Ctx
from handlers.formats import day_in_words, reference_at, reference_key
from handlers.talk.matching import (
    ABBREVIATIONS,
    FIRST_TENDER_ENTRY,
    PART_ROUTES,
    PLEDGE_NUMBERS,
    RESPONSE_TIMES_ENTRY,
    OwnRecords,
    as_sentences,
    asks,
    asks_anonymously,
    asks_of_the_record,
    follows_on,
    own_records_question,
    placement_references,
    questions_in,
    review_due_question,
    said,
    tender_bidders_question,
)
from knowledge.answers import without_signoff
from knowledge.pledges import PLEDGE_COUNT, pledge_text_naming
from scheduler.rules import due_date, get_rule, payment_clocks, unmoved_date


def reply_to_small_talk(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """Hello, thanks, who are you, what can you do, help, goodbye: what the bot can do; "who
    am i": what /whoami says."""
    whoami = ctx.registry.commands.get("whoami")
    if ctx.match == "me" and whoami is not None:
        return whoami.handler(incoming, ctx)
    if ctx.registry.trying(ctx):
        # A part of a message ("are you there? and what is pledge 6?"): only "who am i" is
        # answered so; the rest is the other routes' or the knowledge base's.
        return ctx.registry.pass_on("small-talk", incoming, ctx)
    undo = _UNDO_ASKED.fullmatch(" ".join(re.sub(r"[^a-z ]", " ", incoming.text.casefold())
                                          .split())) is not None
    return [Reply(text=ctx.render(
        "small_talk.txt", kind=ctx.match, name=ctx.person.name,
        provider=ctx.person.role == Role.PROVIDER, council_name=ctx.settings.council_name,
        # "undo that" with nothing to undo (session 44's review: "No problem" read as done)
        undo=undo, paid=_just_paid(ctx) if undo and ctx.match == "oops" else None))]


# How long after /invoice paid "undo that" is read as about it.
UNDO_PAID_MINUTES = 30


def _just_paid(ctx: Ctx) -> Invoice | None:
    """The invoice the person recorded paid in the last ``UNDO_PAID_MINUTES``, still paid;
    None when there is none (session 45: "undo that" after /invoice paid was told there was
    nothing to undo)."""
    subject = ctx.session.scalars(select(AuditEvent.subject).where(
        AuditEvent.actor_id == ctx.person.id, AuditEvent.action == "deadline.done",
        AuditEvent.at >= ctx.now - timedelta(minutes=UNDO_PAID_MINUTES))
        .order_by(AuditEvent.id.desc()).limit(5)).all()
    for found in subject:
        number = (found or "").removeprefix("deadline:")
        deadline = ctx.session.get(Deadline, int(number)) if number.isdigit() else None
        if deadline is None or deadline.invoice_id is None or deadline.outcome != "paid":
            continue
        invoice = ctx.session.get(Invoice, deadline.invoice_id)
        return invoice if invoice is not None and invoice.paid_on is not None else None
    return None


# Only the undo asked, nothing else ("oops wrong one, undo that" is an oops: "No problem").
_UNDO_ASKED = re.compile(r"(?:please )?(?:undo|take (?:that|it) back)(?: (?:that|it|this))?"
                         r"(?: please)?")


AFTER_SMALL_TALK_ROUTE = "after-small-talk"


def reply_after_small_talk(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """"thanks. which of my invoices are overdue?": the words after the small talk, read by
    the route that reads them typed alone (session 33's second trial: the small talk hid
    them); when none does, the whole message goes on (the knowledge base)."""
    words = ctx.args or incoming.text
    found = ctx.registry.matched_text(str(ctx.match), incoming, ctx)
    if found is not None:
        return found
    ctx.args = words
    return ctx.registry.pass_on(AFTER_SMALL_TALK_ROUTE, incoming, ctx)


def reply_to_how_to_use(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """"How do I raise a conflict": the command that does it, as /help shows it, when the
    person may use it; else who can."""
    route = ctx.registry.commands.get(str(ctx.match))
    if route is None:  # a command this deployment did not register: the knowledge base's turn
        return ctx.registry.pass_on("how-to-use", incoming, ctx)
    return [Reply(text=ctx.render(
        "how_to_use.txt", command=route.name, usage=route.usage_for(ctx.person.role),
        summary=route.summary_for(ctx.person.role),
        allowed=ctx.person.role in route.roles,
        for_providers=route.roles == frozenset({Role.PROVIDER}),
        # "can I raise a conflict without giving my name?" (session 44's brief): a
        # disagreement is answered to someone; /feedback is the anonymous way.
        anonymous=asks_anonymously(ctx.args or incoming.text),
        feedback_allowed=ctx.person.role in getattr(
            ctx.registry.commands.get("feedback"), "roles", frozenset())))]


FIRST_TENDER_ROUTE = "first-tender"
RESPONSE_TIMES_ROUTE = "response-times"


def reply_to_first_tender(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """"first time doing a tender, not sure where to begin": the knowledge base's entry on
    getting started (session 44's brief: it offered the 12-week property disregard), kept as
    a question that entry answered; without that entry, the knowledge base's turn."""
    from handlers.ask.chat import entry_answer  # the ask handler imports the talk matchers
    reply = entry_answer(FIRST_TENDER_ENTRY, ctx.args or incoming.text, incoming, ctx)
    if reply is None:
        return ctx.registry.pass_on(FIRST_TENDER_ROUTE, incoming, ctx)
    return [reply]


def reply_to_response_times(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """"What does the pledge say about response times?": it sets none in days; commitment 1
    (replying in reasonable time is professional behaviour), with its entry's answer (session
    44's brief: commitment 3, on confidentiality, was given confidently)."""
    from handlers.ask.chat import entry_answer  # the ask handler imports the talk matchers
    reply = entry_answer(RESPONSE_TIMES_ENTRY, ctx.args or incoming.text, incoming, ctx)
    if reply is None:
        return ctx.registry.pass_on(RESPONSE_TIMES_ROUTE, incoming, ctx)
    return [Reply(text=ctx.render("response_times.txt",
                                  provider=ctx.person.role == Role.PROVIDER)), reply]


PLEDGE_ASKED_ABOUT_ROUTE = "pledge-asked-about"


def reply_to_pledge_asked_about(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """"Is there a pledge about X?": the knowledge base's commitments when one's own words
    carry a word of X (its title or text, not only questions it was asked in); else said
    plainly that none is about X, with what the pledge's other words say of it, then the
    knowledge base's other answer, never a commitment with confidence (session 44's review:
    step down placements were answered commitment 6, "Resolving conflict positively")."""
    # The answer is shared with the ask handler the words may be passed on to (session 45).
    from handlers.ask.chat import answer_of, pledge_not_about  # (imports the talk matchers)
    answerer = ctx.deps.answerer
    if answerer is None:
        return ctx.registry.pass_on(PLEDGE_ASKED_ABOUT_ROUTE, incoming, ctx)
    topic = str(ctx.match)
    answer = answer_of(ctx.args or incoming.text, ctx, read_for_harm=False)
    searcher = answerer.searcher
    commitments = [entry for entry in answer.entries if entry.kind == "pledge"
                   and entry.number is not None] if answer.mode in (
        "answer", "pledge_topic") else []
    asked = searcher.subject_terms(topic)
    # Those on the topic by their own words or its meaning in them (``pledges_about``: "fees"
    # is 7's costing; session 46's review: "is there a pledge on fees" said none was, where
    # "which pledges are about fees" listed five).
    on_topic = {hit.entry_id for hit in searcher.pledges_about(topic)}
    if any(asked & searcher.pledge_own_terms.get(entry.id, frozenset()) or entry.id in on_topic
           for entry in commitments):
        return ctx.registry.pass_on(PLEDGE_ASKED_ABOUT_ROUTE, incoming, ctx)
    if answer.mode == "choose" and answer.topic is not None:
        # The ask handler says none is about it, then offers the entries (session 46's
        # review: said twice, or the offer lost).
        return ctx.registry.pass_on(PLEDGE_ASKED_ABOUT_ROUTE, incoming, ctx)
    # Not "no commitment is about it": the words may differ from the commitment's ("talking to
    # us before a tender" is commitment 9's pre-procurement dialogue), so the nearest is named,
    # never given as the answer.
    if commitments or answer.mode == "abstain":
        # Nothing else to add but a person to ask (the knowledge base's "I don't know"
        # would read as if the question were not understood).
        nearest = commitments[0] if commitments else (
            answer.entries[0] if answer.topic is not None and answer.entries else None)
        return [pledge_not_about(ctx.args or incoming.text, topic, nearest, incoming, ctx,
                                 answer)]
    none = Reply(text=ctx.render("pledge_not_about.txt", topic=topic,
                                 named=pledge_text_naming(topic), nearest=None))
    return [none, *ctx.registry.pass_on(PLEDGE_ASKED_ABOUT_ROUTE, incoming, ctx)]


def reply_to_abbreviation(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """"What does CQC stand for?": its words (session 44's review: a guess at the financial
    standing entry). Nothing searched or kept: no knowledge gap."""
    short, meaning = ABBREVIATIONS[str(ctx.match)]
    return [Reply(text=ctx.render("abbreviation.txt", short=short, meaning=meaning))]


PLEDGE_TOPICS_ROUTE = "pledge-topics"


def reply_to_pledge_topics(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """"The pledge about realistic budgets and the one about contract length": the
    commitments on each topic, in the order asked, each kept as a question of its own (session
    44's review: one dropped, or a choice between the two asked for). When the knowledge base
    finds no commitment for one of them, the whole message is its, as before."""
    from handlers.ask.chat import answer_of, part_choice  # (imports the talk matchers)
    answerer = ctx.deps.answerer
    if answerer is None:
        return ctx.registry.pass_on(PLEDGE_TOPICS_ROUTE, incoming, ctx)
    asked = [f"which pledges are about {topic}" for topic in ctx.match]
    answers = [answer_of(each, ctx, read_for_harm=False) for each in asked]
    if not all(answer.mode in ("answer", "pledge_topic") and answer.entries
               and all(entry.kind == "pledge" for entry in answer.entries)
               for answer in answers):
        return ctx.registry.pass_on(PLEDGE_TOPICS_ROUTE, incoming, ctx)
    return [part_choice(each, answer, incoming, ctx) for each, answer in zip(asked, answers,
                                                                             strict=True)]


TENDER_SET_UP_ROUTE = "tender-set-up"


def reply_to_tender_set_up(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """"can i set up the tender dates in here?": tenders and their dates are imported by an
    administrator, not typed in chat (council staff are told what to send; a provider where
    the council's tenders are seen). Nothing is kept, so it is no knowledge gap."""
    return [Reply(text=ctx.render("tender_set_up.txt",
                                  provider=ctx.person.role == Role.PROVIDER))]


def reply_to_stop(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """"stop", "quit", "cancel" with no form open: there is nothing to stop (a form open reads
    them itself, and closes)."""
    return [Reply(text=ctx.render("stop_alone.txt"))]


def reply_to_bare_number(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """A number typed on its own, with no numbered buttons waiting for it."""
    number = int(ctx.match)
    return [Reply(text=ctx.render("number_alone.txt", number=number,
                                  pledge=number in PLEDGE_NUMBERS))]


def reply_to_missing_pledge(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """A commitment number the pledge does not have ("pledge 31", "commitment 0")."""
    return [Reply(text=ctx.render("pledge_missing.txt", number=int(ctx.match),
                                  count=PLEDGE_COUNT))]


def reply_to_due_date(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """When a pledge clock started on a named day falls: the date, by the reminders' rules,
    and the command that records it so the reminders come."""
    rule_name, words = ctx.match
    start = day_in_words(words, local_date(ctx.now, ctx.settings.timezone))
    if start is None:
        return ctx.registry.pass_on("due-date", incoming, ctx)
    calendar = ctx.deps.calendar
    if rule_name == "payment":
        clocks = payment_clocks(start, calendar)
        return [Reply(text=ctx.render("due_date.txt", rule=rule_name, start=start,
                                      aim=clocks.aim, limit=clocks.limit,
                                      provider=ctx.person.role == Role.PROVIDER))]
    rule = get_rule(rule_name)
    due = due_date(rule, start, calendar)
    return [Reply(text=ctx.render("due_date.txt", rule=rule_name, start=start, due=due,
                                  moved=due != unmoved_date(rule, start, calendar),
                                  provider=ctx.person.role == Role.PROVIDER))]


def tenders_named(ctx: Ctx) -> tuple[list[Tender], dict[int, str]] | None:
    """The tenders the matched references name that the person may ask about (a provider: any
    published; council staff: their council's), and each as it is named back; None if none."""
    query = select(Tender).where(Tender.reference.in_(  # stored upper-case
        [reference.upper() for reference in ctx.match]))
    if ctx.person.role != Role.PROVIDER:
        query = query.where(Tender.council_id == ctx.person.organisation_id)
    else:  # not one the council has not published yet (session 25's review)
        query = query.where(Tender.published_on <= local_date(ctx.now, ctx.settings.timezone))
    found = ctx.session.execute(query.add_columns(Organisation.name)
                                .join(Organisation, Organisation.id == Tender.council_id)
                                .order_by(Tender.reference, Organisation.name)).all()
    if not found:
        return None
    tenders = [tender for tender, _council in found]
    # A reference is a council's: a provider who sees a T-9 at two councils is told whose each
    # is, and how to follow the one it means (session 28).
    held_at = Counter(tender.reference for tender in tenders)
    # Named as it may be typed back in /tender follow REF COUNCIL ("Eastshire County" beside
    # "Eastshire Borough").
    every = list(council_names(ctx.session).values())
    named = {tender.id: reference_at(tender.reference, council, held_at[tender.reference], every)
             for tender, council in found}
    return tenders, named


TENDER_BIDDERS_ROUTE = "tender-bidders"


def reply_to_tender_bidders(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """"Who bid for T-9?": from the bot's own tender records. The council's staff are told its
    bidders and their outcomes; a provider only its own bid and the tender's public dates,
    never another bidder (pledge 3). A reference that is no such tender goes on."""
    found = tenders_named(ctx)
    if found is None:
        return ctx.registry.pass_on(TENDER_BIDDERS_ROUTE, incoming, ctx)
    tenders, named = found
    provider = ctx.person.role == Role.PROVIDER
    query = (select(Bid.tender_id, Bid.outcome, Bid.decided_on, Organisation.name)
             .join(Organisation, Organisation.id == Bid.provider_id)
             .where(Bid.tender_id.in_([tender.id for tender in tenders]))
             .order_by(Organisation.name))
    if provider:  # only its own: another bidder's name, or their count, is never told
        query = query.where(Bid.provider_id == ctx.person.organisation_id)
    bids: dict[int, list[tuple[str, str, date | None]]] = {}
    for tender_id, outcome, decided_on, name in ctx.session.execute(query):
        bids.setdefault(tender_id, []).append((name, outcome, decided_on))
    # Then the other questions asked ("who bid for T-9? and is CT-0901 paid?": session 39's
    # brief, the second was dropped).
    return other_questions(incoming, ctx, tender_bidders_question,
                           answered=[tender.reference for tender in tenders], own=[
        Reply(text=ctx.render("tender_bidders.txt", tenders=tenders, named=named, bids=bids,
                              provider=provider,
                              today=local_date(ctx.now, ctx.person.timezone)))])


def tender_dates(incoming: Incoming, ctx: Ctx,
                 found: tuple[list[Tender], dict[int, str]]) -> list[Reply]:
    """The dates of the tenders found (``tenders_named``), as the person may be told them."""
    tenders, named = found
    followed = set(ctx.session.scalars(select(TenderFollower.tender_id).where(
        TenderFollower.person_id == ctx.person.id)))
    # A provider's own bid: its outcome, and for one lost the feedback the council owes by
    # (pledge 28); a bidder is reminded already, so is not told to follow (session 30's trial:
    # "/tender follow T-9 reminds you" to a bidder, and a lost bid's reply only dates).
    bids: dict[int, tuple[str, date | None, date | None]] = {}
    if ctx.person.role == Role.PROVIDER:
        for tender_id, outcome, decided_on, feedback_by in ctx.session.execute(
                select(Bid.tender_id, Bid.outcome, Bid.decided_on, Deadline.due_on)
                .outerjoin(Deadline, (Deadline.bid_id == Bid.id)
                           & (Deadline.rule == BID_FEEDBACK_RULE))
                .where(Bid.provider_id == ctx.person.organisation_id,
                       Bid.tender_id.in_([tender.id for tender in tenders]))):
            bids[tender_id] = (outcome, decided_on, feedback_by)
    # The council's own staff: the feedback its unsuccessful bidders are owed, still open
    # (session 30's trial: "when do I need to give feedback to the losing bidders on T-7" got
    # the dates alone, where /reminders had the duty).
    owed: dict[int, list[date]] = {}
    if ctx.person.role != Role.PROVIDER:
        for owing, due_on in ctx.session.execute(
                select(Deadline.tender_id, Deadline.due_on)
                .where(Deadline.rule == BID_FEEDBACK_RULE,
                       Deadline.status == DeadlineStatus.OPEN,
                       Deadline.tender_id.in_([tender.id for tender in tenders]))
                .order_by(Deadline.due_on)):
            if owing is not None:
                owed.setdefault(owing, []).append(due_on)
    # A bid still to be sent is said to be due, not awaiting a decision (session 36's trial).
    return [Reply(text=ctx.render("tender_dates.txt", tenders=tenders, named=named,
                                  followed=followed | set(bids), bids=bids, owed=owed,
                                  provider=ctx.person.role == Role.PROVIDER,
                                  today=local_date(ctx.now, ctx.person.timezone)))]


REVIEW_DUE_ROUTE = "review-due"
# A reference shaped as the placements' are ("RC-999" where an "RC-101" is recorded).
_PLACEMENT_SHAPED = re.compile(r"([a-z]{1,4})-\d{2,}")


def placement_shaped(ctx: Ctx, references: Iterable[str]) -> list[str]:
    """The references (as typed, folded) shaped as some recorded placement's, of any
    organisation ("RC-999" where "RC-101" is: its letters, never whether that one exists),
    not a standard's number ("ISO-9001")."""
    shaped = [reference for reference in references
              if (found := _PLACEMENT_SHAPED.fullmatch(reference.casefold()))
              and ctx.session.scalar(select(Placement.id).where(func.upper(
                  Placement.reference).like(f"{found.group(1).upper()}-%")).limit(1))]
    return shaped


def one_part(incoming: Incoming, ctx: Ctx) -> bool:
    """Whether the words handled are a whole message of one part (two questions or more go
    on to the ask handler, which offers each part to the routes in its turn)."""
    return not ctx.registry.trying(ctx) and len(questions_in(
        without_signoff(ctx.args or incoming.text), sentences=True)) < 2


def reply_to_review_due(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """When the reviews of a placement the asker may see are due, from the reminders (its
    provider's people, its council's staff); a reference that is none of theirs goes on."""
    placements = placements_seen(ctx.session, ctx.person, ctx.match)
    if not placements and (ctx.registry.trying(ctx) or (
            # Asked, not told ("Annual review of PL-7719 moved back two weeks ... due to their
            # holiday").
            one_part(incoming, ctx) and asks(ctx.args or incoming.text)
            and placement_shaped(ctx, ctx.match) == list(ctx.match))):
        # A part of a message naming a placement that is none of theirs: said plainly, as one
        # that does not exist, and kept as no question (session 40's brief: a knowledge gap);
        # a whole message too when each reference is shaped as a placement's ("is RC-999 due a
        # review?": session 43's brief, the knowledge base's entry on reviews).
        return [Reply(text=ctx.render("review_due.txt", unknown=[
            reference.upper() for reference in ctx.match],
            provider=ctx.person.role == Role.PROVIDER))]
    if not placements:
        return ctx.registry.pass_on(REVIEW_DUE_ROUTE, incoming, ctx)
    # A provider with an RC-104 at two councils is shown which is which.
    shared = shared_references(ctx.session, [placement.id for placement, _name in placements])
    shown = {placement.id: " ".join(filter(None, (placement.reference, shared.get(placement.id))))
             for placement, _name in placements}
    reviews = ctx.session.scalars(select(Deadline).where(
        Deadline.placement_id.in_(shown), Deadline.rule.in_(REVIEW_RULES),
        Deadline.status == DeadlineStatus.OPEN).order_by(Deadline.due_on, Deadline.id)).all()
    # Past its day, said OVERDUE, as /reminders says it (the session's review: a review 96 days
    # past was "due Tue 1 Sep 2026").
    today = local_date(ctx.now, ctx.person.timezone)
    # One with none open is said so beside the others' (session 38's brief: it was left out).
    reviewed = {review.placement_id for review in reviews}
    due = Reply(text=ctx.render("review_due.txt", placements=[
        reference for placement_id, reference in shown.items() if placement_id not in reviewed],
        reviews=[
        {"reference": shown[review.placement_id or 0], "pledge": RULE_PLEDGES.get(review.rule),
         "title": RULE_TITLES.get(review.rule, review.rule), "due_on": review.due_on,
         "days": (review.due_on - today).days}
        for review in reviews]))
    # "when is RC-014's review, and when is RC-015's?": the second part is answered with the
    # first (session 38's brief: it was then said not answered).
    answered = {placement.reference for placement, _name in placements}
    return other_questions(incoming, ctx, review_due_question, answered=answered, own=[due])


def other_questions(incoming: Incoming, ctx: Ctx, read: Callable[[str], object | None], *,
                    answered: Iterable[str] = (), own: Sequence[Reply] = ()) -> list[Reply]:
    """The replies of a route that answered one question of a message from the person's own
    records (``own``), with the answers to the other questions, each where it was asked
    (``read``: the route's matcher, which reads the parts it answered): "when is my next
    review for RC-014 due, and how long does the council have to pay invoices?" (session 37's
    trial: the second was silently dropped). A part naming only references the route answered
    (``answered``: "and when is RC-015's?") is answered with them. Another part about the
    person's own records is answered by the route that reads it alone (``PART_ROUTES``: "is
    CT-0901 paid yet? and who is my commissioner?", session 39's brief: said not answered);
    any other by the knowledge base when it answers it outright or offers a choice of two,
    else said not to be answered, so it can be asked on its own (a sentence that asks
    nothing, passed over). A part that follows on from sentences before it that ask nothing
    ("RC-101 had a fall today. When is its review due?") is the route's when it reads them
    together, else is asked with them ("We had a fall there. What should we do?"); one after
    a question is a question of its own ("when is the review for RC-101 due? and can we claim
    for it?"); the same question typed twice is answered once (session 39's review). The
    words were read for harm as a whole already."""
    answerer = ctx.deps.answerer
    text = ctx.args or incoming.text
    parts = questions_in(without_signoff(text), sentences=True)
    if len(parts) < 2:
        return list(own)
    keys = {reference_key(reference) for reference in answered}
    # Here, not at the top: the ask handler's module imports the talk package's matchers.
    from handlers.ask.chat import entry_answer, part_choice
    replies: list[Reply] = []
    placed = False
    routes_last = 0  # the route's own first part, its question (``read``)
    for number, part in enumerate(parts):
        if said(part) in map(said, parts[:number]):
            continue  # the same question typed twice is answered once (session 39's review)
        named = placement_references(" ".join(part.casefold().replace("\u2019", "'").split()))
        # What a part leaning back completes: the sentences just before it that ask nothing
        # ("RC-101 had a fall today."), never a question before it ("when is the review for
        # RC-101 due? and can we claim for it?": session 39's review, the second was dropped).
        told = number
        if number and follows_on(part):
            while told and not asks(parts[told - 1]):
                told -= 1
        whole = as_sentences(parts[told:number + 1]) if told < number else part
        if read(part) is not None or (
                named and keys and {reference_key(reference) for reference in named} <= keys) or (
                # Read with the sentence it leans on ("RC-101 had a fall today. When is its
                # review due?": session 39's review, said not answered).
                told < number and read(whole) is not None) or (
                # What the route's answer tells of the record just named ("Is CT-0901 paid.
                # When was it due": session 40's second review, the CQC fees entry).
                number == routes_last + 1 and asks_of_the_record(part)):
            routes_last = number
            if not placed:  # the route's replies where its first part was asked
                replies.extend(own)
                placed = True
            continue
        # Else asked with what it completes ("We had a fall there. What should we do?"), as
        # before the part-by-part reading.
        part = whole
        mine = ctx.registry.tried(part, incoming, ctx, names=PART_ROUTES)
        if mine is not None:
            replies.extend(mine)
            continue
        answer = answerer.ask(part, read_for_harm=False) if answerer is not None else None
        reply = (entry_answer(answer.best.id, part, incoming, ctx)
                 if answer is not None and answer.mode == "answer" and answer.best is not None
                 # A choice of two entries, as beside one's own records (session 39's review)
                 else part_choice(part, answer, incoming, ctx)
                 if answer is not None and answer.mode == "choose"
                 and asks(part, after_a_question=number > 0) else None)
        if reply is None and asks(part, after_a_question=number > 0):
            replies.append(Reply(text=ctx.render("part_not_answered.txt", part=part)))
        elif reply is None:  # words around the questions ("We are putting a bid in.")
            continue
        else:
            replies.append(replace(reply, text=f'On "{part.rstrip()}":\n{reply.text}'))
    return replies if placed else [*own, *replies]



def reply_to_condition_told(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """A change in someone's condition told about a placement the person sees: the command
    that starts the revisit clock (pledge 26). Nothing is recorded: the person says when it
    changed. A reference that is no placement of theirs goes on to the next route."""
    seen = one_placement_seen(ctx)
    if seen is None:
        return ctx.registry.pass_on("condition-told", incoming, ctx)
    reference, councils = seen
    return [Reply(text=ctx.render("condition_told.txt", reference=reference,
                                  councils=councils))]


CONDITION_ASKED_ROUTE = "condition-asked"


def reply_to_condition_asked(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """"RC-0101 has had a stroke and now needs two carers, what do I do?", "how do I tell the
    council a resident's needs have gone up?": pledge 26's revisit and /condition-change, named
    with the placement when it is the person's one (session 34's trial: "I don't know", and
    the Personal Expenses Allowance). Nothing is recorded, so no knowledge gap."""
    seen = one_placement_seen(ctx) if ctx.match else None
    if seen is not None:
        reference, councils = seen
        return [Reply(text=ctx.render("condition_told.txt", reference=reference,
                                      councils=councils))]
    return [Reply(text=ctx.render("condition_asked.txt",
                                  provider=ctx.person.role == Role.PROVIDER))]


def one_placement_seen(ctx: Ctx) -> tuple[str, list[str]] | None:
    """The one placement reference among the matched ones (``ctx.match``) that the person sees,
    with the names of its councils when they hold it at several (each then named in the
    command: a reference is a council's, never one guessed for it); None for none or several
    references."""
    placements = placements_seen(ctx.session, ctx.person, ctx.match)
    if len({placement.reference for placement, _council in placements}) != 1:
        return None
    councils = [council for _placement, council in placements] if len(placements) > 1 else []
    return placements[0][0].reference, councils


OWN_RECORDS_ROUTE = "own-records"


def reply_to_own_records(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """"Which of my invoices are overdue?": the command that shows the person's own records
    (/reminders, or /cases), and the one that records what it does not know yet; nothing
    searched or kept, so no knowledge gap (session 33's trial). Then the other questions
    asked (``other_questions``: "which of my invoices are overdue? and who is my
    commissioner?", session 39's brief: the second was dropped). A message none of whose
    questions reads so alone goes on ("when is the review for RC-101 due? and who is my
    commissioner?": "my" was the other question's)."""
    words = ctx.args or incoming.text
    parts = questions_in(without_signoff(words), sentences=True)
    if len(parts) > 1 and not any(_own_records_part(part) for part in parts):
        return ctx.registry.pass_on(OWN_RECORDS_ROUTE, incoming, ctx)
    kind = ctx.match
    replies = _own_records(incoming, ctx)
    ctx.args = words  # /reminders read none
    # A part about another of one's lists is answered in its turn ("when is my next review
    # due? and is my invoice paid?": session 39's review, the invoices' pointer alone).
    return other_questions(incoming, ctx,
                           lambda part: kind if _own_records_part(part) == kind else None,
                           own=replies)


def _own_records_part(part: str) -> OwnRecords | None:
    """The person's own records a part of a message asks about, its "my" or "our" perhaps
    another part's ("which invoices are overdue? and who is my commissioner?", from a
    commissioner: session 39's review, "I don't know" and a knowledge gap)."""
    return own_records_question(part) or own_records_question(f"{part.rstrip(' ?.!')} for us")


def _own_records(incoming: Incoming, ctx: Ctx) -> list[Reply]:
    """The replies to a question about the person's own lists (``reply_to_own_records``)."""
    if ctx.match == "deadlines":
        # "when are my deadlines": the list itself, as /reminders shows it (session 35's trial:
        # the tender deadlines entry).
        ctx.args = ""
        return show_reminders(incoming, ctx)
    if ctx.match == "uplifts":
        # "when is our uplift due": its day from the reminders (session 35's trial: the fee
        # uplifts entry); with none open, said plainly, with who records it (session 36's
        # brief: the knowledge base's "did you mean" about uplifts in general).
        today = local_date(ctx.now, ctx.person.timezone)
        uplifts = [deadline for deadline in open_deadlines_for(ctx.session, ctx.person,
                                                               today=today)
                   if deadline.rule == "uplift"]
        if not uplifts:
            provider = ctx.person.role == Role.PROVIDER
            names = council_names(ctx.session) if provider else {}
            councils = (sorted(names[council] for council in councils_of(
                ctx.session, ctx.person.organisation_id, on=today) if council in names)
                if provider else [])
            return [Reply(text=ctx.render("uplift_unrecorded.txt", provider=provider,
                                          organisation=ctx.person.organisation.name,
                                          councils=councils))]
        return [Reply(text=ctx.render("review_due.txt", placements=[], reviews=[
            {"reference": uplift.reference, "pledge": RULE_PLEDGES.get(uplift.rule),
             "title": RULE_TITLES.get(uplift.rule, uplift.rule), "due_on": uplift.due_on,
             "days": (uplift.due_on - today).days} for uplift in uplifts]))]
    return [Reply(text=ctx.render("own_records.txt", kind=ctx.match,
                                  provider=ctx.person.role == Role.PROVIDER))]
