"""Questions people asked: the gaps in the knowledge base, most frequent first, and teaching.

Teaching closes a gap: an admin attaches a question to the entry that answers it; the question
is kept in the council's knowledge folder (``taught.yaml``), the answerer takes it at once, and
whoever asked that question and pressed "Tell me when someone answers" is told, through the
outbox.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from jinja2 import Environment
from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from bot.db import execute_dml, id_in, transaction
from bot.errors import BadInput
from bot.messages import Button, Notification
from bot.models import (
    Organisation,
    OrganisationKind,
    OutboxMessage,
    Person,
    Question,
    Role,
)
from bot.templates import render
from bot.values import frozen
from handlers.anonymous import (
    PLACEMENT,
    person_in_question,
    placement_references,
    without_titled_initials,
)
from handlers.identifiers import identifiers_removed, without_identifiers
from knowledge.answers import Answerer, lead_and_detail
from knowledge.base import (
    HAND_OVER,
    MAX_TAUGHT_CHARS,
    MIN_TAUGHT_CHARS,
    Taught,
    add_taught,
    question_key,
    taught_length_ok,
)
from knowledge.search import Searcher

FORGOTTEN_TEXT = "[removed after the retention period]"
# A question the bot was not sure of, answered from the entry the person picked from a choice.
PICKED_MODE = "picked"
# A question for one council's own practice, handed to a person with the entry holding the
# general rules shown beside it (``Answer.general``): unanswered, whether or not the person
# pressed it, since the council's own answer is still unknown.
GENERAL_MODE = "general"


@frozen
class Gap:
    """A question (as first asked) that keeps going unanswered or unhelped."""

    question: str
    count: int
    reason: str
    last_asked: datetime
    suggested: str | None = None
    suggested_score: float | None = None
    picked: str | None = None  # the entry people picked most often, for a "picked" gap
    # For a question about the council's own practice: the entry whose general rules were
    # shown beside the hand-over (not an answer: teaching the question to it would answer the
    # council's question with the general rules).
    general: str | None = None
    # About the council's own practice, read as the answer decision reads "do you pay ..."
    # with the council's own name read as "this council" (``own_practice``): nothing to teach.
    own_practice: bool = False

    def as_json(self) -> dict[str, Any]:
        """One JSON object for ``pledgebot kb gaps --json``."""
        return {"question": self.question, "count": self.count, "reason": self.reason,
                "last_asked": self.last_asked.isoformat(), "suggested_entry": self.suggested,
                "suggested_score": self.suggested_score, "picked_entry": self.picked,
                "general_entry": self.general, "own_practice": self.own_practice}


# The words a council's name ends with, left off for the name as people write it
# ("Northshire County Council" -> "northshire").
_COUNCIL_WORDS = re.compile(r"\s+(?:(?:county|city|borough|district|metropolitan(?: borough"
                            r"| district)?|unitary)\s+)?council$", re.IGNORECASE)


def council_names(factory: sessionmaker[Session]) -> list[str]:
    """The councils' names in the directory, for ``own_practice``."""
    with factory() as session:
        return list(session.scalars(select(Organisation.name).where(
            Organisation.kind == OrganisationKind.COUNCIL)))


def own_practice(question: str, councils: Sequence[str] = ()) -> bool:
    """Whether ``question`` asks about one council's own practice, as the answer decision
    reads it (``Searcher.asks_for_a_local_fact``, ``Searcher.about_this_council``: "do you pay
    for travel time", "has the council signed up to ..."), with a council's own name read as
    "this council" ("does northshire pay for travel time between calls"; session 36's trial).
    A question about a rule ("does northshire have to pay ...") is not one."""
    text = question
    for name in councils:
        if name.strip().lower().startswith("the "):  # "the council", the settings' default
            continue
        for form in {name.strip(), _COUNCIL_WORDS.sub("", name.strip())}:
            if len(form) < 3:
                continue
            text = re.sub(rf"(?<![\w-]){re.escape(form)}(?P<s>'s)?(?![\w-])",
                          lambda found: "this council" + (found.group("s") or ""), text,
                          flags=re.IGNORECASE)
    return Searcher.asks_for_a_local_fact(text) or Searcher.about_this_council(text)


def with_suggestions(gaps: list[Gap], answerer: Answerer,
                     councils: Sequence[str] = ()) -> list[Gap]:
    """Each gap with the entry the search ranks first for it (below the answer threshold, or
    the bot would have answered), for an admin to confirm with ``kb teach``; a question people
    picked an entry for, with the entry they picked. A question about the council's own
    practice gets none: the entry ranked first holds only the general rules. That is also so
    for one the answer decision offered as a choice that names the council (``own_practice``
    with ``councils``' names): it stays unanswered, the entry picked named as its general
    rules (session 36's trial: "does northshire pay for travel time between calls"). A gap
    whose words were taught (to an entry or to none) after they were last asked is dealt
    with, and left out.

    Only a question with a word of this field (tender, contract, payment ...) gets a ranked
    suggestion: "tell me a joke" has no likely entry, whatever the ranking's first guess.
    """
    suggested = []
    lessons = answerer.knowledge.content.lessons
    for gap in gaps:
        lesson = lessons.get(question_key(gap.question))
        if lesson is not None and _taught_since(lesson.taught_at, gap.last_asked):
            continue
        entry_id: str | None = None
        score: float | None = None
        if gap.general is None and own_practice(gap.question, councils):
            # Unanswered, whatever was picked: only the council knows its own practice.
            reasons = {"unanswered" if reason == PICKED_MODE else reason
                       for reason in gap.reason.split("/")}
            suggested.append(Gap(gap.question, gap.count, "/".join(sorted(reasons)),
                                 gap.last_asked, None, None, gap.picked, gap.picked, True))
            continue
        if gap.general is not None:
            pass  # the council's own answer is wanted, which no entry holds yet
        elif gap.picked is not None and answerer.entry(gap.picked) is not None:
            entry_id = gap.picked  # what people picked, over the ranking's guess
        else:
            hits = answerer.searcher.rank(gap.question, limit=1)
            if hits and hits[0].anchored:
                entry_id, score = hits[0].entry_id, round(hits[0].score, 3)
        suggested.append(Gap(gap.question, gap.count, gap.reason, gap.last_asked,
                             entry_id, score, gap.picked, gap.general,
                             gap.general is not None))
    return suggested


def _taught_since(taught_at: str, last_asked: datetime) -> bool:
    """Whether a teaching (its ISO time; a hand-written one may have none) came after a
    question was last asked."""
    try:
        taught = datetime.fromisoformat(taught_at)
    except ValueError:
        return True  # no time: taken as taught since
    if taught.tzinfo is None or last_asked.tzinfo is None:  # compare like with like
        taught, last_asked = taught.replace(tzinfo=None), last_asked.replace(tzinfo=None)
    return taught >= last_asked


def ask_label(role: Role) -> str:
    """The hand-over button's label: a provider asks a commissioner; council staff, whose
    question goes to their own council, ask a colleague (session 31's trial: commissioners
    were offered "Ask a commissioner")."""
    return "Ask a commissioner" if role == Role.PROVIDER else "Ask a colleague"


# The "Ask a commissioner" button's action (``handlers.ask.chat`` handles it).
ASK_A_PERSON = "answer.handover"


@frozen
class Lesson:
    """What teaching did: the question, its entry, whether it was new, and who was told."""

    question: str
    entry_id: str
    added: bool
    told: int
    title: str = ""
    corrected: int = 0


def nearest_entry_id(answerer: Answerer, word: str) -> str | None:
    """The entry id a mistyped one most likely meant (session 25's trial:
    "assessment-summaries-feedbak"), or None."""
    near = difflib.get_close_matches(word.strip().lower(),
                                     list(answerer.knowledge.content.entries), n=1, cutoff=0.8)
    return near[0] if near else None


def teach(session: Session, answerer: Answerer, folder: Path | None, question: str,
          entry_id: str, *, taught_by: str, now: datetime, templates: Environment,
          ) -> tuple[Lesson, list[Notification]]:
    """Attach ``question`` to entry ``entry_id`` in the council's folder, live at once; with
    ``entry_id`` ``none`` (``HAND_OVER``), no entry answers it: the bot says "I don't know"
    to it, with "Ask a commissioner", from then on (and ``kb gaps`` stops listing it).

    Raises BadInput (nothing changed) for an unknown entry, a question outside the length
    limits, or no council knowledge folder. Returns the lesson and the notifications for the
    askers of this question who asked to be told; their questions stop waiting.
    """
    words = " ".join(question.split())
    if not taught_length_ok(words):
        raise BadInput(render(templates, "teach_refused.txt", reason="length",
                              low=MIN_TAUGHT_CHARS, high=MAX_TAUGHT_CHARS, length=len(words)))
    # A taught question is kept in the council's knowledge folder and shown as an entry's
    # sample: no person's title and name or initials, no identifier (session 37's trial: the
    # line `kb gaps` offered held "Mrs J. S.").
    person = person_in_question(words)
    removed = identifiers_removed(without_identifiers(words))
    if person or removed:
        raise BadInput(render(templates, "teach_refused.txt", reason="person",
                              person=person, removed=removed))
    hand_over = entry_id.strip().lower() == HAND_OVER
    entry = None if hand_over else answerer.entry(entry_id.strip())
    if entry is None and not hand_over:
        raise BadInput(render(templates, "teach_refused.txt", reason="entry",
                              entry_id=entry_id.strip()[:64],
                              near=nearest_entry_id(answerer, entry_id)))
    if folder is None:
        raise BadInput(render(templates, "teach_refused.txt", reason="folder"))
    try:
        added = add_taught(folder, Taught(words, HAND_OVER if entry is None else entry.id,
                                          now.isoformat(), taught_by))
    except (OSError, ValueError) as error:
        raise BadInput(render(templates, "teach_refused.txt", reason="file",
                              problem=str(error)[:200])) from error
    answerer.knowledge.refresh(force=True)
    key = question_key(words)
    # A question is taught as `kb gaps` lists it ("Can [a person] at [placement] ..."): its
    # askers are found by their words as typed or as listed.
    wanting = list(session.scalars(
        select(Question).where(Question.answer_wanted.is_(True)).order_by(Question.id)))
    listed = _keys_as_listed(session, wanting)
    waiting = [record for record in wanting if key in listed[record.id]]
    if entry is None:
        # No entry answers it: whoever asked to be told hears that it is a question for a
        # person, with the button to ask one (session 21's review: they waited on), named as
        # the button they see (session 31's review: council staff read "Ask a commissioner"
        # above "Ask a colleague").
        for record in waiting:
            record.answer_wanted = False
        labels = {record.id: ask_label(session.get_one(Person, record.person_id).role)
                  for record in waiting}
        return Lesson(words, HAND_OVER, added, len(waiting)), [Notification(
            person_id=record.person_id, kind="question.taught",
            text=render(templates, "taught_answer.txt", question=record.text,
                        asked_on=record.asked_at, ask=labels[record.id], handed_over=True),
            buttons=(Button(label=labels[record.id], action=ASK_A_PERSON,
                            value=str(record.id)),),
            idempotency_key=f"question:{record.id}:taught:{HAND_OVER}") for record in waiting]
    # Askers told another entry's answer to these words before: the teaching corrects it, so
    # they are told the new one (session 21's review: a wrong entry reached the asker at once,
    # and its correction never did).
    # Per question, the entries its asker was told, in order ("question:ID:taught:ENTRY", and
    # ":N" after it when an entry was told again after another).
    told: dict[int, list[str]] = {}
    for message_key in session.scalars(select(OutboxMessage.idempotency_key).where(
            OutboxMessage.kind == "question.taught").order_by(OutboxMessage.id)):
        _question, number, _taught, rest = message_key.split(":", 3)
        told.setdefault(int(number), []).append(rest.split(":")[0])
    told_before = {number for number, entries in told.items() if entries[-1] != entry.id}
    told_records = list(session.scalars(
        select(Question).where(id_in(session, Question.id, sorted(told_before)))
        .order_by(Question.id))) if told_before else []
    listed = _keys_as_listed(session, told_records)
    corrected = [record for record in told_records if key in listed[record.id]]
    lead, _detail = lead_and_detail(entry, words)
    notifications = []
    for record, correction in [*((r, False) for r in waiting), *((r, True) for r in corrected)]:
        record.answer_wanted = False
        earlier = told.get(record.id, [])
        again = f":{len(earlier)}" if entry.id in earlier else ""  # A, then B, then A again
        notifications.append(Notification(
            person_id=record.person_id, kind="question.taught",
            text=render(templates, "taught_answer.txt", question=record.text,
                        asked_on=record.asked_at,
                        title=entry.title, lead=lead, correction=correction),
            idempotency_key=f"question:{record.id}:taught:{entry.id}{again}"))
    return Lesson(words, entry.id, added, len(waiting), entry.title,
                  len(corrected)), notifications


def _keys_as_listed(session: Session, records: Sequence[Question]) -> dict[int, set[str]]:
    """Each question's keys, of its words as typed and as ``kb gaps`` lists them (placement
    references, titled initials and identifiers put as markers), by its id."""
    known = placement_references(session, [record.text for record in records]) \
        if records else None
    found = {}
    for record in records:
        found[record.id] = {question_key(record.text),
                            question_key(_as_listed(record.text, known))}
    return found


def _as_listed(text: str, known: re.Pattern[str] | None) -> str:
    """A question as ``kb gaps`` lists it: titled initials and identifiers put as markers, and
    the placement references ``known`` finds as ``[placement]``."""
    listed = without_titled_initials(without_identifiers(text))
    return known.sub(PLACEMENT, listed) if known is not None else listed


def knowledge_gaps(factory: sessionmaker[Session], *, limit: int = 50) -> list[Gap]:
    """Unanswered and unhelpful questions grouped by wording, most frequent first; and the
    questions the bot was not sure of, where the person picked an entry from a choice ("picked":
    teaching that entry lets the bot answer it outright next time). A question about the
    council's own practice is unanswered, with the entry of general rules it was shown.

    Safeguarding concerns are not knowledge gaps and are left out.
    """
    query = (
        select(Question.text, Question.answered, Question.helpful, Question.asked_at,
               Question.entry_id, Question.mode)
        .where(Question.safeguarding.is_(False), Question.text != FORGOTTEN_TEXT,
               or_(Question.answered.is_(False), Question.helpful.is_(False),
                   Question.mode == PICKED_MODE))
        .order_by(Question.asked_at)
    )
    counts: Counter[str] = Counter()
    first: dict[str, str] = {}
    last: dict[str, datetime] = {}
    reasons: dict[str, set[str]] = {}
    picks: dict[str, Counter[str]] = {}
    general: dict[str, str] = {}
    with factory() as session:
        # The query's third condition is the mode: a row answered and not rated unhelpful is
        # a pick.
        for text, answered, helpful, asked_at, entry_id, mode in session.execute(query):
            key = question_key(text)
            if not key:
                continue
            counts[key] += 1
            first.setdefault(key, text)
            last[key] = asked_at
            reason = ("unanswered" if not answered else "not helpful" if helpful is False
                      else "picked")
            reasons.setdefault(key, set()).add(reason)
            if reason == "picked" and entry_id is not None:
                picks.setdefault(key, Counter())[entry_id] += 1
            if mode == GENERAL_MODE and entry_id is not None:
                general[key] = entry_id  # the last shown
        # A placement's reference is left out of what the report shows (session 33's trial:
        # "RC-101 has been given his tablets crushed in his tea" was listed as typed). The
        # words are kept as typed in the question itself: a hand-over, or a "yes" to "Is this
        # about someone's safety?", carries them to a person who needs the reference.
        known = placement_references(session, list(first.values()))
    # And a person written with a title and initials ("Mrs J. S. had a fall"; session 37's
    # trial: the `kb teach` line offered would have written them into the knowledge folder),
    # and any identifier a question kept before they were taken out on the way in.
    counts, first, last, reasons, picks, general = _without_references(
        known, counts, first, last, reasons, picks, general)
    ranked = sorted(counts, key=lambda key: (-counts[key], -last[key].timestamp(), key))
    return [
        Gap(question=first[key], count=counts[key], reason="/".join(sorted(reasons[key])),
            last_asked=last[key],
            picked=min(picks[key], key=lambda e: (-picks[key][e], e)) if key in picks else None,
            general=general.get(key))
        for key in ranked[:limit]
    ]


def _without_references(
    known: re.Pattern[str] | None, counts: Counter[str], first: dict[str, str],
    last: dict[str, datetime], reasons: dict[str, set[str]], picks: dict[str, Counter[str]],
    general: dict[str, str],
) -> tuple[Counter[str], dict[str, str], dict[str, datetime], dict[str, set[str]],
           dict[str, Counter[str]], dict[str, str]]:
    """The gaps regrouped with each placement reference shown as ``[placement]``: the same
    question about two placements is one gap."""
    merged: Counter[str] = Counter()
    shown: dict[str, str] = {}
    latest: dict[str, datetime] = {}
    why: dict[str, set[str]] = {}
    picked: dict[str, Counter[str]] = {}
    rules: dict[str, str] = {}
    for key in counts:
        text = _as_listed(first[key], known)
        new_key = question_key(text) or key
        merged[new_key] += counts[key]
        shown.setdefault(new_key, text)
        latest[new_key] = max(last[key], latest.get(new_key, last[key]))
        why.setdefault(new_key, set()).update(reasons[key])
        if key in picks:
            picked.setdefault(new_key, Counter()).update(picks[key])
        if key in general:
            rules[new_key] = general[key]
    return merged, shown, latest, why, picked, rules


FORGET_JOB_ID = "questions.forget-old-words"


def forget_old_questions(
    factory: sessionmaker[Session], *, keep: timedelta, now: datetime
) -> int:
    """Blank the words of questions older than ``keep``: they may name people we care for.

    What the bot did with each question (its outcome, entry and rating) stays for the gaps
    report; the free text, which a provider may have typed a name into, does not.
    """
    cutoff = now - keep
    with transaction(factory) as session:
        result = execute_dml(
            session,
            update(Question)
            .where(Question.asked_at < cutoff, Question.text != FORGOTTEN_TEXT)
            .values(text=FORGOTTEN_TEXT)
            .execution_options(synchronize_session=False)
        )
        return int(result.rowcount or 0)
