"""The form engine: forms asked field by field, kept in the database, or submitted whole.

A channel that shows modals (Slack) submits a form whole, as ``Incoming(form_id=...,
form_values=...)``, and ``submit_whole`` checks every answer before the form's handler sees it.
Elsewhere (console, Telegram) ``start`` asks the questions one at a time; the person's progress
is a ``FormSession`` row, so a restart mid-form resumes where they were. The Router sends a
person's free text to ``answer`` while they have a form open, and registers ``/cancel`` and the
``form.*`` buttons.

Every answer goes through the same checks, in order: not empty (when required), not longer than
the field allows, one of the field's choices (typed, numbered or pressed), then the validator
registered for the field. A refused answer re-asks the question and stores nothing. When the last
field is answered the row is deleted and the handler runs inside a SAVEPOINT: if it raises
``BadInput`` its writes are rolled back and the field at fault is asked again.

A form with ``Form.confirm`` (a disagreement: sent to the council, not taken back) is not sent
when its last field is answered: its answers are shown back (position ``len(fields)``, rebuilt
from the stored answers each time) with Send, Change and Cancel, typed or pressed. Change asks
which answer to change (by its number or its question; session 33's trial: it walked through
every question from the first, and "4" meant for the 4th answer became the first one's choice),
asks that question with the answer kept shown (a new answer replaces it; "keep" or the Keep
button leaves it), then shows the answers again; only Send runs the handler.

A statement typed at a choice question of such a form (no question, no small talk) is kept as
the answer to its later ``FormField.story`` question ("What has happened?"), which is then not
asked: the summary shows it before Send, and Change replaces it (session 39's demo). A choice
said in other words is taken: a rating ("it's a 4", "4 out of 5", "four": ``rated``), a yes or a
no ("yeah go on", "no, with my name please": ``yes_or_no_then``), a choice named ("it is about
the payment"); the words after it ("1 the council never replies") are kept as, or added to,
that account, the reply quoting them, or said not kept (session 40's brief: they were lost
without a word). Words added to an answer are joined to it as sentences (``_joined``). Not at
a question about how the form is sent ("Send it anonymously?", ``FormField.sending``): the words
after its yes or no are never added to an account sent with no name, only said not kept. A
rating given twice or corrected ("I'd say 2 - no, 3") is asked again (``rating_in_doubt``), the
reply saying those words were not kept; a count after a rating ("4. 3 of our residents were
moved") is no second rating but the account.
At a question a cancel in words must say "cancel" (``cancels(..., question=True)``): "Scrap
it." at "What outcome would you like?" is its answer, the reply naming /cancel; the summary
takes the wider set ("forget it", "scrap it"). "never mind" or "forget it" alone at a question
(``asks_to_stop``) asks "Cancel this feedback form?" with Cancel the form and Keep going (the
question asked again, nothing lost); words typed instead answer the question (session 41's
brief: since session 21 "never mind" cancelled at once). At a question about how the form is
sent, anonymity asked for in words is its choice ("no name please", "keep it anonymous",
"you can use my name": ``sending_said``). At a rating question a count from one number to a
larger one ("2, 3 of the visits were missed", "2 or 3 visits were missed") is no rating, and
words opening with a number that give none are said so ("I couldn't read a rating from ...").

Words about the form, not an answer, are answered and the same step shown again (session 43's
brief: the knowledge base answered them): "how do I cancel?" at a question or the summary is
told /cancel (``asks_how_to_cancel``), and "what does 3 mean" at a rating gets its scale in the
form's own words (``asks_about_the_scale``, ``scale_explained``). "fine" or "ok" alone at a
question taking the person's own account (``FormField.story``) is asked about once
(``says_little``): said again, it is kept.

Buttons carry ``"<session id>:<position>[:<choice index>]"``; one that does not match the presser's
own open form at its current question is stale, and changes nothing.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import secrets
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from types import MappingProxyType
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from bot.db import execute_dml, transaction
from bot.errors import BadInput, NotAllowed
from bot.messages import Button, Form, FormField, Incoming, Reply
from bot.models import FormSession
from bot.registry import (
    COMMAND_RUN,
    WORDS_ANSWERED,
    WORDS_WITHHELD,
    Context,
    Registry,
    Route,
    said_label,
)
from bot.values import frozen
from bot.words import apostrophes_dropped

log = logging.getLogger(__name__)

ANSWER = "form.answer"
SKIP = "form.skip"
CANCEL = "form.cancel"
# The summary's buttons (``Form.confirm``), and Keep while Change asks a question again.
SEND = "form.send"
CHANGE = "form.change"
KEEP = "form.keep"
# Under "Which answer would you like to change?": one button per answer, and Back.
PICK = "form.pick"
# "Is this your answer to the message ..., or to the form's question?": which was meant.
WHICH = "form.which"
# "Cancel the form" and "Keep going" under "Cancel this feedback form?" (asked after "never
# mind" at a question). Not the form's Cancel (``CANCEL``): a console numbers these two as the
# question's choices, [1] and [2], as "1" and "2" typed on any channel read them.
STOP = "form.stop"
RESUME = "form.resume"
# Under "Shall I add it to your answer to ...?" (more of the account typed at the summary):
# add it, replace that answer with it, or leave it out.
ADD = "form.add"
ACTIONS = frozenset({ANSWER, SKIP, CANCEL, SEND, CHANGE, KEEP, PICK, WHICH, STOP, RESUME, ADD})
SUMMARY_CHOICES = ("Send", "Change", "Cancel")
# Session ids are drawn at random: SQLite (no AUTOINCREMENT on this table) would hand a deleted
# row's id to the next form, and the old form's buttons would then match the new one.
_ID_LIMIT = 2**31 - 1
_SKIP_WORD = "skip"
# The words that stop a form, in one place. Read on the words with their apostrophes dropped.
# "never mind" and "forget it": typed alone at a question, these may well not mean the form at
# all, so "Cancel this ... form?" is asked, with Cancel the form and Keep going (session 41's
# brief: "never mind" cancelled at any question since session 21, and everything typed was
# lost); words beside them ("oh", "ok") left out (``asks_to_stop``).
_NEVER_MIND = frozenset({"never mind", "nevermind"})
_STOP_WORDS = _NEVER_MIND | frozenset({"forget it", "forget this", "forget that",
                                       "forget about it"})
# Putting the form off or dropping it in other words, read as "never mind" is (asked, never
# cancelled at once) when they are the whole answer: "not now" or "leave it" inside words
# ("the council should leave it to providers") are the words of the feedback. A reviewer's
# console run (session 42): at the rating they got "Please choose one of: 1, ...", and the
# "1" after it was the rating 1; at the own words the last was kept as the feedback.
_PUTTING_OFF = frozenset({
    "leave it", "leave it for now", "leave it there", "scrap that",
    "dont bother", "not now", "not right now", "not today", "later", "maybe later",
    "ill do it later", "i will do it later", "do it later", "ill come back to it",
    "ill come back to it later", "i dont want to do this", "i dont want to do this any more",
    "i dont want to do this anymore", "i dont want to do it", "i dont want to do it any more",
    "i dont want to do it anymore", "i dont want to", "i do not want to do this",
    "i do not want to do this any more", "i do not want to do this anymore",
    "i dont want to continue", "i dont want to carry on"})
# A polite no, asked about as a stop only at a choice question it cannot skip nor answer (the
# rating); at an optional question it skips it, at a yes or no it is the no.
_NO_THANKS = frozenset({"no thanks", "no thank you", "no thankyou", "no ta", "nah thanks"})
# What, typed as the whole answer, asks "Cancel this ... form?" (``asks_to_stop``).
_ASKS_TO_STOP = _STOP_WORDS | _PUTTING_OFF
# "cancel" alone, or of "it", "that", "this".
_CANCEL_ALONE = frozenset({"cancel", "cancel it", "cancel that", "cancel this"})
# At a question, where short words may well be its answer ("Scrap it." as the outcome wanted,
# "no, never mind" at "Send it anonymously?"), a cancel must say "cancel" (the review of session
# 40): one of these, beside a cancel word ("never mind, cancel it", "stop, cancel") or not.
_CANCEL_ASKED = _CANCEL_ALONE | frozenset({
    "cancel this form", "cancel the form", "cancel my form", "cancel the whole thing",
    "cancel everything", "cancel all of it", "cancel the lot", "cancel my feedback",
    "cancel the feedback", "cancel this feedback", "cancel the disagreement",
    "cancel this disagreement", "cancel it all"})
# Typed without the slash at a form's question, these stop the form as /cancel does (session
# 21's review: "cancel" typed at "What has happened?" sent a disagreement whose text was
# "cancel"), unless the question offers one of them as a choice.
_CANCEL_WORDS = _CANCEL_ALONE | _NEVER_MIND | frozenset({"stop", "quit", "exit", "abort",
                                                         "stop it"})
# Said at the summary (or at "Which answer would you like to change?"), these cancel too, alone
# or beside the words around a cancel (``cancels``): session 40's brief, "never mind, cancel
# it" and "forget it" were refused there.
_CANCEL_SAID = _CANCEL_WORDS | _STOP_WORDS | _CANCEL_ASKED | frozenset({
    "forget the whole thing", "scrap it", "scrap that", "scrap this", "delete it", "bin it"})
# ... and, at a choice question, a sentence that opens with them and then speaks of the form
# or of the person ("cancel this form i do not need it", "never mind i will do it later",
# "stop i dont want to do this"; session 39's review: kept as "What has happened?"); never
# "stop cutting our fees". Read on the words with their apostrophes dropped.
_CANCEL_OPENING = re.compile(
    r"^(?:please )?(?:cancel|stop|quit|abort|never ?mind|forget (?:it|this|that|about it))"
    r"(?:$| (?:it|this|that|the form|my form|form|please|now|i|im|we|thanks|sorry|for now"
    r"|no need|not needed)\b)")
# Set (to the question's position) while "Cancel this ... form?" waits for its answer.
_STOP_ASKED = "_stop_asked"
STOP_CHOICES = ("Cancel the form", "Keep going")
# Typed while "Cancel this ... form?" waits: its answers in words.
_STOP_YES = frozenset({"yes", "yes please", "cancel the form", "cancel it", "yes cancel",
                       "yes cancel it", "cancel", "cancel this form", "yes cancel the form",
                       "yes cancel the form please", "cancel the form please"})
_STOP_NO = frozenset({"no", "no thanks", "keep going", "go on", "carry on", "continue", "keep it",
                      "dont cancel", "do not cancel", "no keep going", "resume"})
# The key (not a field name) under which a form keeps the fields given when it was started
# ("/case REF propose" gives the case): they are never asked, so "question N of M" leaves them
# out (session 21's review: the proposal's only question was "question 2 of 2").
_GIVEN = "_given"
# Keys of a form with ``Form.confirm``: set while Change asks the questions again; and how
# many times its answers were opened for change (a summary's buttons carry it, so the Send of
# a summary shown before a change is stale).
_CHANGING = "_changing"
_ROUND = "_round"
# Set while Change asks which answer to change (the row waits at its summary's position).
_PICKING = "_picking"
# Words held while the person is asked whether they answer the form or a newer message.
_HELD = "_held"
_HELD_FOR = "_held_for"
# Typed at "Which answer would you like to change?": back to the summary, nothing changed.
_BACK_WORDS = frozenset({"back", "go back", "none", "nothing", "no", "keep", "keep them",
                         "keep it", "leave it", "leave them", "no change", "none of them",
                         "never mind", "as they are"})
# The question at which a bit more was asked for (``says_little``): asked once only.
_MORE_ASKED = "_more_asked"
# The words last refused at an optional question (a reference not found): named, and added to
# the next question's account, when a sentence typed there next goes on (``BadInput.goes_on``).
_REFUSED = "_refused"
# ... and words an optional question refused that may still be right (``BadInput.may_be_right``:
# a reference not found), until a yes says they are; then, until the form's own account is
# given, the words to be kept with it.
_UNFOUND = "_unfound"
_CARRIED = "_carried"
# The question whose answer was kept in doubt ("I've taken ... as your answer ...: if it was a
# question for me, change this answer"), until another answer is kept: words typed at the
# summary next are its new answer (session 45's review: they were refused there and lost).
_DOUBTED = "_doubted"
# Words typed at the summary that are none of its choices, held while the person is asked
# which answer they replace (never dropped: session 45's review).
_TYPED = "_typed"
# ... or, when they read as more of the account ("also they missed the meeting"), the question
# that holds it, while the person is asked whether to add them to it (session 46's brief).
_ADDING = "_adding"
# "send" typed while words are held: asked once whether to send without them; sent the next
# time (session 46's brief: it was refused, the words held, however often it was typed).
_SEND_ASKED = "_send_asked"
# Keys of the words typed at the summary and held: dropped together once they are placed
# (with the answer kept in doubt, once words typed at the summary replace it).
_HELD_WORDS = (_TYPED, _PICKING, _ADDING, _SEND_ASKED)
_HELD_AT_SUMMARY = (_DOUBTED, *_HELD_WORDS)
# An "ok" (or "correct") alone: after words refused as not found, they are right; at the
# summary, Send (``_CONFIRMING``, ``_SEND_WORDS``).
_SAID_OK = frozenset({"ok", "okay", "ok then", "okay then", "correct"})
# Said after words refused as not found, these say they are right (besides a yes alone).
_CONFIRMING = _SAID_OK | frozenset({
    "yes ok", "yes okay", "thats correct", "thats right", "its right", "its correct", "right",
    "yes thats right", "yes its right", "yes thats correct", "yes correct", "yes it is", "it is",
    "thats it", "yes thats it", "fine", "ok thanks", "okay thanks"})
# The command line that opened the form ("placement new rc-101 1/8/2026"): typed whole again
# while the form is open, it does the form's work itself, and the form is closed
# (``close_done_by``).
_OPENED_BY = "_opened_by"
# How many of its first words say which command it is and what about ("placement new RC-101",
# "case PB-2026-000001 comment", "invoice received INV-1"): the same in a command typed whole.
_SAME_COMMAND = 3
# Typed at the summary (besides its choices, their numbers, a yes for Send, and the
# cancelling words). "ok" answers its "Send it ...?" as a yes does (session 45's brief: it was
# asked about again, as if it could only acknowledge the summary).
_SEND_WORDS = _SAID_OK | frozenset({
    "send", "send it", "send please", "send it please", "send it now", "ok please", "okay please",
    "yes send", "yes send it", "confirm", "submit", "go ahead", "ok send it", "ok send",
    "okay send", "okay send it", "ok send it now", "ok send please", "ok go ahead",
    "all correct"})
# Said around a send word at the summary ("please send", "send it please thanks", "just send").
_AROUND_SEND = frozenset({"please", "pls", "thanks", "thank", "you", "cheers", "now", "just"})
_CHANGE_WORDS = frozenset({"change", "change it", "change something", "change an answer",
                           "change answers", "change my answers", "edit", "edit it", "amend",
                           "go back"})
# Typed while Change asks a question again, these keep the answer as it was (so does an empty
# message, the Enter of a console).
_KEEP_TYPED = frozenset({"keep", "keep it", "keep that", "keep this", "same", "the same",
                         "same as before", "as before", "no change", "unchanged", "leave it",
                         "leave it as it is", "as it is"})
# The longest answer a summary (or a question asked again) shows whole; longer ones are cut.
SUMMARY_CHARACTERS = 300
# Words typed at a choice question that are no choice but a sentence of the story ("the council
# cut our rate without asking" at "What is it about?") are kept for the form's later question
# that takes a paragraph, instead of being lost (session 21's review: they had to be retyped).
KEEP_WORDS = 5
# ... and, at a question that takes a short answer, words too long for it: a story, not an
# aside; unless, within this many characters, they hesitate over the answer wanted.
KEEP_CHARACTERS = 80
_HESITANT = re.compile(r"\b(?:not (?:sure|certain)|unsure|don'?t know|do not know|no idea"
                       r"|maybe|perhaps|which one|i think|i guess|can'?t remember|either)\b",
                       re.IGNORECASE)
# A question taking at most this many characters wants a short answer (a number, a reference).
SHORT_ANSWER = 100
# A bare number at a question that takes a paragraph is a button number typed where there are
# no buttons ("1" at "What outcome would you like?"), not an answer.
_BARE_NUMBER = re.compile(r"\s*\d{1,2}\s*[.)]?\s*")


@frozen
class Pending:
    """A person's open form as a message arrives, and a note about one just put aside.

    Attributes:
        session: the open form, or None.
        note: words to put before the reply (a form expired or no longer exists), or "".
        gone: the open form's handler no longer exists, so the note says it was put aside.
    """

    session: FormSession | None = None
    note: str = ""
    gone: bool = False


# -- pure helpers ------------------------------------------------------------------------------
def match_choice(choices: Sequence[str], text: str) -> str | None:
    """The choice ``text`` names: the same words in any case (or in the plural), its 1-based
    number, the first words of exactly one choice ("yes" for "Yes, anonymously", "no" for "No,
    with my name"), or one word (``MIN_CHOICE_WORD`` letters or more) of exactly one choice;
    else None."""
    wanted = text.strip().casefold()
    for choice in choices:
        if choice.casefold() == wanted:
            return choice
    # In the plural ("placement reviews", "payments": session 42's trial refused them).
    plural = " ".join(_WORD.findall(wanted))
    for choice in choices:
        if plural.endswith("s") and " ".join(_WORD.findall(choice.casefold())) == plural[:-1]:
            return choice
    if wanted.isascii() and wanted.isdigit() and 1 <= int(wanted) <= len(choices):
        return choices[int(wanted) - 1]
    typed = _WORD.findall(wanted)
    if not typed:
        return None
    # "yeah" for "Yes", "nope" for "No" (session 21's review: "yeah" was refused, and the next
    # words typed went to the knowledge base); "yes please", "no not really": the yes or the no
    # (session 24's review: refused while the form waited).
    said = yes_or_no(wanted)
    if said is not None:
        typed = [said]
    starting = [choice for choice in choices
                if _WORD.findall(choice.casefold())[:len(typed)] == typed]
    if len(starting) == 1:
        return starting[0]
    if not starting:
        # Their first words in the plural ("care packages" for "Care package and funding"),
        # when one choice only starts so (a reviewer's console run: refused).
        starting = [choice for choice in choices
                    if any(_WORD.findall(choice.casefold())[:len(typed)] == [*typed[:-1], one]
                           for one in _singulars(typed[-1]))]
        if len(starting) == 1:
            return starting[0]
    # One word of four letters or more that is a word of exactly one choice ("funding" for
    # "Care package and funding"; session 21's review), or its plural ("placements").
    if starting or len(typed) != 1 or len(typed[0]) < MIN_CHOICE_WORD:
        return None
    holding = [choice for choice in choices
               if any(one in _WORD.findall(choice.casefold())
                      for one in (typed[0], *_singulars(typed[0])))]
    return holding[0] if len(holding) == 1 else None


def _singulars(word: str) -> tuple[str, ...]:
    """The words ``word`` may be the plural of ("processes": "processe", "process")."""
    if len(word) < MIN_CHOICE_WORD or not word.endswith("s") or word.endswith("ss"):
        return ()
    return (word[:-1], word[:-2]) if word.endswith("es") else (word[:-1],)


MIN_CHOICE_WORD = 4
# A choice typed first, then its reason: the words before a comma, a stop, a dash or a word
# that starts the reason ("no, we were not given enough time", "1 it was a shambles").
_LEADING = re.compile(
    r"^\s*(?P<lead>\S.*?)(?:\s*[,.;:!?(]|\s+-+\s|\s+(?:because|cos|as|but|since|and|we|i|it"
    r"|they|there|the|was|were|not)\b)")
MAX_LEADING_WORDS = 4
# The words after a leading choice that offer another ("yes and no", "yes or no", "no & yes").
_THEN_ANOTHER = re.compile(r"\s*(?:and|or|&|/)\s*(?P<rest>.*)$", re.IGNORECASE | re.DOTALL)


def leading_choice(choices: Sequence[str], text: str) -> str | None:
    """The choice ``text`` opens with, before its reason (``_LEADING``), as ``match_choice``
    reads it (a yes or a no, a number in range, an option's first words); else None. "no one
    answered" opens with no choice: only words set apart from the rest are read."""
    found = _LEADING.match(text)
    if found is None or len(found.group("lead").split()) > MAX_LEADING_WORDS:
        return None
    choice = match_choice(choices, found.group("lead"))
    # "yes and no, the pricing was rushed", "yes or no": a choice then another is neither
    # (02c5e15's review: it was "yes"); "yes but only just" and "yes, and no one helped" are
    # yes.
    then = _THEN_ANOTHER.match(text, found.end("lead"))
    if choice is not None and then is not None:
        rest = then.group("rest")
        after = _LEADING.match(rest)
        if match_choice(choices, after.group("lead") if after is not None else rest) is not None:
            return None
    return choice

# A choice named as what the message is about, then perhaps more (session 39's review: "it is
# about the payment", "Payment - the council has not paid 3 invoices", "other: our contract
# was ended early", "the payment one please" were each kept whole as "What has happened?").
_ABOUT = re.compile(r"\s*(?:(?:it|this|that)(?:['\u2019]?s|\s+is|\s+was)\s+)?(?:about|regarding"
                    r"|concerning|to\s+do\s+with)\s+(?:the\s+|a\s+|an\s+|our\s+|my\s+)?",
                    re.IGNORECASE)
_THE = re.compile(r"\s*(?:the\s+)?", re.IGNORECASE)
_SET_APART = re.compile(r"\s*(?P<lead>[^-:\u2013\u2014]{1,40}?)\s*(?:-+|:|\u2013|\u2014)\s*"
                        r"(?P<rest>\S.*)", re.DOTALL)
# A choice's number, then the reason in words that start a sentence ("1 the council has not
# paid"): never "3 invoices are unpaid", a number of things.
_NUMBER_THEN = re.compile(r"\s*(?P<lead>\d{1,2})[.)]?\s+(?P<rest>(?:the|it|we|they|our|i|there"
                          r"|was|were|not|because)\b.*)", re.IGNORECASE | re.DOTALL)
_AFTER_CHOICE = re.compile(r"(?:\s+one\b)?(?:\s*[-:,.;!\u2013\u2014]+)?\s*", re.IGNORECASE)


def _choice_at(choices: Sequence[str], text: str, start: int) -> tuple[str, int] | None:
    """The choice whose label (or a word of four letters or more of exactly one label, a
    plural "s" allowed) ``text`` has at ``start``, and where its words end; else None."""
    for choice in choices:
        words = r"\s+".join(re.escape(word) for word in choice.split())
        found = re.compile(rf"{words}s?\b", re.IGNORECASE).match(text, start)
        if found is not None:
            return choice, found.end()
    first = re.compile(r"[a-z]+", re.IGNORECASE).match(text, start)
    if first is None or len(first.group()) < MIN_CHOICE_WORD:
        return None
    word = first.group().casefold()
    holding = [choice for choice in choices
               if word in _WORD.findall(choice.casefold())
               or word.removesuffix("s") in _WORD.findall(choice.casefold())]
    return (holding[0], first.end()) if len(holding) == 1 else None


def named_choice(choices: Sequence[str], text: str) -> tuple[str, str] | None:
    """The choice ``text`` names as what it is about, and the words after it (perhaps none):
    "it is about the payment", "its about payment for our care home" (Payment, "for our care
    home"), "the payment one please", "Payment - the council has not paid", "other: ...",
    "1 the council has not paid ..."; None otherwise (pure)."""
    for pattern in (_SET_APART, _NUMBER_THEN):
        found = pattern.fullmatch(text)
        if found is not None:
            choice = match_choice(choices, found.group("lead"))
            if choice is not None:
                return choice, found.group("rest").strip()
    about = _ABOUT.match(text)
    if about is not None:
        at = _choice_at(choices, text, about.end())
        if at is not None and (at[1] == len(text) or not text[at[1]].isalnum()):
            after = _AFTER_CHOICE.match(text, at[1])
            return at[0], text[after.end() if after is not None else at[1]:].strip()
    the = _THE.match(text)
    at = _choice_at(choices, text, the.end() if the is not None else 0)
    if at is not None:
        one = re.compile(r"\s+one\b", re.IGNORECASE).match(text, at[1])
        if one is not None:
            after = _AFTER_CHOICE.match(text, one.end())
            return at[0], text[after.end() if after is not None else one.end():].strip()
    return None


# -- a number in words at a question whose choices are numbers (a rating) ----------------------
_NUMBER_WORDS = MappingProxyType({
    "zero": "0", "nought": "0", "one": "1", "two": "2", "three": "3", "four": "4",
    "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9", "ten": "10"})
# Words around a rating that say nothing more ("it's a 4", "I'd give it a 3", "a solid 4 from
# us"), read with their apostrophes dropped.
_RATING_WORDS = frozenset((
    "i", "id", "we", "wed", "would", "say", "give", "gave", "giving", "it", "its", "is", "a",
    "an", "about", "around", "roughly", "probably", "solid", "strong", "rate", "rating",
    "score", "mark", "stars", "star", "please", "thanks", "ok", "okay", "so", "well", "hmm",
    "um", "erm", "that", "thats", "just", "only", "definitely", "for", "me", "from", "us",
    "this", "overall", "call", "go", "with", "put", "at", "be", "honestly", "today", "then",
    "right", "now", "yeah", "yes", "our", "my", "number", "out", "of"))
# Words that join two numbers into a range or a choice between them ("3 or 4", "3 to 4").
_BETWEEN = frozenset(("or", "to", "and"))
# Words that, right after a rating, start its reason ("4 because they pay on time", "1 the
# council never replies"): the rest of the message, not part of the rating.
_REASON_OPENERS = frozenset((
    "because", "cos", "as", "since", "but", "and", "so", "the", "they", "theyre", "it", "its",
    "we", "were", "our", "i", "there", "theres", "was", "not", "no", "never", "nobody",
    "everything", "nothing", "always", "their", "he", "she"))
# Words that join the reason to the rating, left out of the words kept ("4 because ...").
_JOINING = re.compile(r"(?:because|cos|as|since|and|but|so)\b\s*", re.IGNORECASE)
_TOKEN = re.compile(r"[a-z0-9]+(?:['\u2019][a-z]+)?")
_APART = re.compile(r"[,.;:!?()\-\u2013\u2014]")


def rated(choices: Sequence[str], text: str) -> tuple[str, str] | None:
    """At a question whose choices are numbers (a rating), the choice ``text`` gives in words
    and the words after it (perhaps none): "it's a 4", "4 out of 5", "four", "I'd give it a 3"
    (4, 4, 4, 3, nothing after); "1 the council never replies", "it's a 2, they never answer"
    (1 and 2, with their reasons), "4 it was fine until ..." (the reason whole). None when it
    gives no one number of them ("3 or 4", "I'd say 2 - no, 3", "8 out of 10": which is meant
    is asked, ``rating_in_doubt``), or when the choices are not numbers (pure)."""
    read = _read_rating(choices, text)
    return read if isinstance(read, tuple) else None


# The words of a rating scale from its bottom to its top: "1 is poor, 5 is very good." (the
# question's hint) puts two of them at its ends, and the others are read between or beyond
# them ("good" a 4, "excellent" a 5 there; "fair", "ok" or "average" between them is asked).
_SCALE_WORDS = ("very poor", "poor", "fair", "good", "very good", "excellent")
_SCALE_SYNONYMS = MappingProxyType({
    "very bad": "very poor", "terrible": "very poor", "awful": "very poor", "bad": "poor",
    "ok": "fair", "okay": "fair", "average": "fair", "great": "very good"})
_HINT_LABEL = re.compile(r"(?P<number>\d{1,2})\s*(?:is|=|:|-)\s*(?P<label>[a-z]+(?: [a-z]+)?)")
# Words beside a scale word that say nothing more ("it's good", "very good thanks").
_BESIDE_SCALE = frozenset(("its", "it", "is", "was", "i", "would", "say", "id", "we", "wed",
                           "pretty", "quite", "fairly", "really", "thanks", "please", "ok",
                           "okay", "overall", "so", "just", "rather", "a"))


def _without_ends(words: list[str], beside: frozenset[str]) -> list[str]:
    """``words`` without the words of ``beside`` at either end ("oh never mind then" ->
    "never mind") (pure)."""
    start, end = 0, len(words)
    while start < end and words[start] in beside:
        start += 1
    while end > start and words[end - 1] in beside:
        end -= 1
    return words[start:end]


def scale_rating(question: FormField, text: str) -> str | None:
    """At a rating question, the choice ``text`` names in the scale's own words: the words the
    question's hint gives its numbers ("1 is poor, 5 is very good."), or a word of the usual
    scale read between or beyond them ("good", "fair", "excellent"). None for any other words
    ("good question") (pure)."""
    if not a_rating(question):
        return None
    anchors: dict[int, int] = {}  # a scale word's place -> its number
    for found in _HINT_LABEL.finditer(question.hint.casefold()):
        label = found.group("label")
        label = label if label in _SCALE_WORDS else label.split()[0]
        if label in _SCALE_WORDS:
            anchors[_SCALE_WORDS.index(label)] = int(found.group("number"))
    if len(anchors) < 2:
        return None
    words = _plain(text).split()
    words = _without_ends(words, _BESIDE_SCALE)
    said = _SCALE_SYNONYMS.get(" ".join(words), " ".join(words))
    if said not in _SCALE_WORDS:
        return None
    place = _SCALE_WORDS.index(said)
    low, high = min(anchors), max(anchors)
    if said == "fair" and low < place < high:
        # "fair", "ok", "average" between the hint's words: the middle (3) on the usual scale,
        # a 2 read between "poor" and "very good": asked, never guessed (session 42's read).
        return None
    if place <= low:
        number = anchors[low]
    elif place >= high:
        number = anchors[high]
    else:
        number = round(anchors[low] + (place - low) * (anchors[high] - anchors[low])
                       / (high - low))
    return str(number) if str(number) in question.choices else None


# Words that join a scale's ends ("1 is poor and 5 is excellent"), never part of one.
_JOINING_ENDS = frozenset(("and", "or", "to", "then", "through"))
# The ends written without "is" ("(1 very poor, 5 very good)" in a survey question's words).
_LABEL_ENDS = re.compile(r"(?P<number>\d{1,2})\s*(?:is|=|:|-)?\s*(?P<label>(?:very )?(?:poor|good"
                         r"|bad|excellent|fair))\b")


def scale_explained(question: FormField) -> str:
    """What a rating question's scale means, in the form's own words where it gives them (its
    hint, else its question): "1 is poor and 5 is very good; 2 to 4 are in between" (pure)."""
    numbers = sorted(int(choice) for choice in question.choices)
    low, high = numbers[0], numbers[-1]
    named: dict[int, str] = {}
    for pattern, words in ((_HINT_LABEL, question.hint), (_LABEL_ENDS, question.label)):
        for found in pattern.finditer(words.casefold()):
            label = found.group("label").split()
            if label[-1] in _JOINING_ENDS:
                label = label[:-1]
            named.setdefault(int(found.group("number")), " ".join(label))
        if low in named and high in named:
            break
        named.clear()
    ends = (f"{low} is {named[low]} and {high} is {named[high]}" if named
            else f"{low} is the lowest and {high} the highest")
    if high - low == 2:
        return f"{ends}; {low + 1} is in between"
    return f"{ends}; {low + 1} to {high - 1} are in between" if high - low > 2 else ends


def a_rating(question: FormField) -> bool:
    """Whether ``question`` asks for a rating: its choices are numbers ("1" to "5")."""
    return bool(question.choices) and all(choice.isascii() and choice.isdigit()
                                          for choice in question.choices)


def _opens_with_a_number(text: str) -> bool:
    """Whether ``text`` starts with a number, in figures or in words ("3 of the visits",
    "two or three"), as a rating typed would."""
    first = _WORD.match(text.strip().casefold())
    return first is not None and (first.group().isdigit() or first.group() in _NUMBER_WORDS)


def rating_in_doubt(choices: Sequence[str], text: str) -> bool:
    """Whether ``text`` gives a rating and then another, or corrects it ("3 or 4", "I'd say 2
    - no, 3", "4, 3"): which is meant is asked again, with the buttons, and nothing kept (the
    review of session 40: "no, 3" was kept as the account) (pure)."""
    return _read_rating(choices, text) is True


def _read_rating(choices: Sequence[str], text: str) -> tuple[str, str] | bool:
    """``rated``'s reading: the rating and the words after it; True when in doubt (two
    ratings, or one corrected); False when no rating at all."""
    if not choices or not all(choice.isascii() and choice.isdigit() for choice in choices):
        return False
    top = str(max(int(choice) for choice in choices))
    said = text.casefold()
    numbers: list[str] = []
    end = 0
    tokens = list(_TOKEN.finditer(said))
    # Whether the message opens with its number ("2, 3 of ...", not "it's a 2, 3 of ...").
    opened = bool(tokens) and (tokens[0].group().isdigit() or tokens[0].group() in _NUMBER_WORDS)
    index = 0
    while index < len(tokens):
        token = tokens[index]
        word = apostrophes_dropped(token.group())
        number = _NUMBER_WORDS.get(word, word if word.isdigit() else None)
        if numbers and _APART.search(said, end, token.start()) is not None:
            break  # a comma, a stop or a dash after the rating: its reason follows
        if number is not None and numbers and re.fullmatch(r"\s*/\s*",
                                                          said[end:token.start()]):
            if number != top:  # "4/5": the scale, which must be this question's
                return False
        elif number is not None:
            numbers.append(number.lstrip("0") or "0")
        elif word in ("out", "of") and numbers:
            # "4 out of 5", "4 of 5": the scale, which must be this question's.
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            if word == "out" and following is not None and following.group() == "of":
                index += 1
                following = tokens[index + 1] if index + 1 < len(tokens) else None
            scale = (_NUMBER_WORDS.get(following.group(), following.group())
                     if following is not None else "")
            if scale != top:
                return False
            index += 2
            end = following.end() if following is not None else token.end()
            continue
        elif word in _BETWEEN and numbers:
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            if following is not None and (following.group().isdigit()
                                          or following.group() in _NUMBER_WORDS):
                # "3 or 4": two ratings, neither taken; "2 or 3 visits were missed": a count,
                # no rating at all.
                return not (opened and _counts_between(numbers[0], text[end:]))
            break
        elif (numbers and word in _CORRECTING and word not in _REASON_OPENERS
              and _another_rating(text[token.start():])):
            return True  # "2 sorry I mean 3": corrected, with no stop before the correction
        elif numbers and word in _REASON_OPENERS and not _says_nothing_more(tokens[index:]):
            # "4 it was fine until ...": its reason, kept whole from "it" (the review of
            # session 40: "it", "we", "our" after the rating were read as rating words).
            break
        elif word not in _RATING_WORDS:
            if not numbers or word not in _REASON_OPENERS:
                return False
            break
        end = token.end()
        index += 1
    if len(numbers) != 1 or numbers[0] not in choices:
        return len(numbers) > 1
    if opened and _counts_between(numbers[0], text[end:]):
        return False  # "2, 3 of the visits were missed": a count, no rating (session 41)
    rest = text[end:].lstrip(" ,.;:!?-\u2013\u2014").strip()
    if _another_rating(rest):
        return True  # "I'd say 2 - no, 3", "4, 3": which is meant is asked
    joining = _JOINING.match(rest)
    return numbers[0], rest[joining.end():] if joining is not None else rest


# A second number after a first, joined as the two ends of a count are ("2, 3 of the visits",
# "2-3 visits", "2 or 3 visits"), and the word after it.
_SECOND_NUMBER = re.compile(r"\s*(?:,|-+|\u2013|\u2014|\bor\b|\bto\b)\s*(?P<number>[a-z0-9]+)"
                            r"(?P<after>.*)", re.IGNORECASE | re.DOTALL)
# What makes the second number a count: "of" something that is no scale ("3 of the visits",
# never "3 of 5"), or a word of its own ("3 visits").
_COUNTED = re.compile(r"\s+(?:(?:out\s+)?of\s+(?!(?:5|10|five|ten)\b)[a-z]|(?P<word>[a-z]+))",
                      re.IGNORECASE)


def _counts_between(first: str, rest: str) -> bool:
    """Whether ``rest``, after a message's first number ``first``, makes the two numbers a
    count from one to the other ("2, 3 of the visits were missed", "2 - 5 of our invoices",
    "2 or 3 visits were missed"): the second larger, a count after it. Which of them, if
    either, was a rating is not plain, so none is taken (session 40's left list: the first
    was taken as the rating) (pure)."""
    second = _SECOND_NUMBER.match(rest)
    if second is None:
        return False
    number = second.group("number").casefold()
    number = _NUMBER_WORDS.get(number, number)
    if not number.isdigit() or int(number) <= int(first):
        return False  # "4, 2 of our carers left": a rating, then a count
    counted = _COUNTED.match(second.group("after"))
    if counted is None:
        return False
    word = apostrophes_dropped(counted.group("word") or "")
    return not word or word not in (_RATING_WORDS | _REASON_OPENERS | _CORRECTING | _BETWEEN)


def _a_count(text: str) -> bool:
    """Whether ``text`` opens with a count from one number to another ("2 - 5 of our invoices
    were paid late": ``_counts_between``), never a choice's number and its reason (pure)."""
    first = re.match(r"\s*(\d{1,3})\b", text)
    return first is not None and _counts_between(first.group(1), text[first.end():])


def _says_nothing_more(tokens: Sequence[re.Match[str]]) -> bool:
    """Whether the words left after a rating only round it off ("4 it is", "3 for us")."""
    return all(apostrophes_dropped(token.group()) in _RATING_WORDS
               for token in tokens)


# Words before a second rating that correct the first ("2 - no, 3", "2 sorry 3", "2, I mean 3").
_CORRECTING = frozenset((
    "no", "sorry", "actually", "i", "mean", "wait", "make", "that", "thats", "or", "maybe",
    "perhaps", "well", "hmm", "um", "erm", "rather", "more", "like", "id", "say", "oops",
    "scratch", "a", "its", "it"))
# Those of them that say the first rating is taken back: a number after one is a rating,
# whatever follows it ("4 - no, 3 of ..." is asked: a count or a rating corrected).
_TAKING_BACK = frozenset((
    "no", "sorry", "actually", "mean", "wait", "make", "or", "maybe", "perhaps", "rather",
    "oops", "scratch"))
# A second rating's scale, which only 5 or 10 can be ("3 out of 5", "3 of 10", "3/5"): never
# "3 of our residents", "3 out of 4 visits" (the second review of session 40).
_SCALE = re.compile(r"\s*(?:/|out\s+of|of)\s*(?:5|10|five|ten)\b")


def _another_rating(rest: str) -> bool:
    """Whether the words after a rating give another one: a number after words that take it
    back ("no, 3", "sorry I mean 3 of ..."), or after only words that correct it, ending its
    clause, perhaps with its scale ("3", "well 3 out of 5", "3 I'd say"); never a count
    ("3 invoices are late", "2 of our carers left", "3 out of 5 carers left") (pure)."""
    said = rest.casefold()
    taken_back = False
    for token in _TOKEN.finditer(said):
        word = apostrophes_dropped(token.group())
        if word.isdigit() or word in _NUMBER_WORDS:
            if taken_back:
                return True
            scale = _SCALE.match(said, token.end())
            start = scale.end() if scale is not None else token.end()
            apart = _APART.search(said, start)
            clause = said[start:apart.start() if apart is not None else len(said)]
            return _says_nothing_more(list(_TOKEN.finditer(clause)))
        if word not in _CORRECTING:
            return False
        taken_back = taken_back or word in _TAKING_BACK
    return False


# Words after a yes or a no that only consent or say it again ("yeah go on", "no, with my name
# please"), read with their apostrophes dropped.
_CONSENT = frozenset((
    "go", "on", "ahead", "do", "it", "that", "thats", "is", "fine", "ok", "okay", "of",
    "course", "sure", "definitely", "please", "thanks", "thank", "you", "ta", "cheers", "not",
    "really", "alright", "all", "right", "good", "great", "by", "me", "for", "now", "just",
    "thatll", "will", "happy", "with", "absolutely", "indeed", "yes", "no"))


def yes_or_no_then(choices: Sequence[str], text: str) -> tuple[str, str] | None:
    """At a question answered yes or no (one choice opens with each: "Yes, anonymously",
    "No, with my name"), the choice ``text`` opens with a yes or a no for, and the words after
    it (perhaps none): "yeah go on" and "no, with my name please" (nothing after: they only
    consent or say it again), "no - we have not been paid since october" (those words). None
    for "yes and no", "no one asked us", or a question with no yes or no choice (pure)."""
    tokens = list(_TOKEN.finditer(text.casefold()))
    if not tokens:
        return None
    said = YES_NO_WORDS.get(tokens[0].group(), tokens[0].group())
    yes, no = match_choice(choices, "yes"), match_choice(choices, "no")
    if said not in ("yes", "no") or yes is None or no is None or yes == no:
        return None
    choice = yes if said == "yes" else no
    after = text[tokens[0].end():]
    apart = _APART.match(after.lstrip()) is not None
    rest = after.lstrip(" ,.;:!?-\u2013\u2014").strip()
    words = [apostrophes_dropped(token.group())
             for token in _TOKEN.finditer(rest.casefold())]
    if not words:
        return choice, ""
    if words[0] in ("and", "or") and len(words) > 1 and YES_NO_WORDS.get(
            words[1], words[1]) in ("yes", "no"):
        return None  # "yes and no", "yes or no": neither
    label = set(_WORD.findall(choice.casefold()))
    if set(words) <= _CONSENT | label:
        return choice, ""
    if not apart and words[0] not in _CONSENT | _REASON_OPENERS | label:
        return None  # "no one asked us": no "no" at all
    joining = _JOINING.match(rest)
    return choice, rest[joining.end():] if joining is not None else rest


# At a question about how the form is sent (``FormField.sending``: "Send it anonymously?"),
# words that ask for no name, or for one, without a yes or a no (session 41's brief: "anonymous
# please", "no name please" were refused, or read as "No, with my name"). Read on the words
# with apostrophes dropped, in this order, each found taken out before the next is looked for:
# a name asked for against anonymity ("not anonymous"), then no name ("don't use my name"),
# then a name ("you can use my name").
_NAMED_NOT_ANONYMOUS = re.compile(
    r"\b(?:(?:not|no need to be|dont need to be|doesnt need to be|does not need to be)"
    r" (?:be )?anonymous(?:ly)?|(?:dont|do not|no need to) (?:make|keep|send) it anonymous(?:ly)?)"
    r"\b")
_ANONYMOUS = re.compile(
    r"\b(?:anonymous(?:ly)?|anon|no names?|nameless|without (?:my|our|a|any) names?"
    r"|(?:dont|do not|please dont|never) (?:use|put|give|include|share|show|send|mention|add)"
    r" (?:my|our) names?(?: on it| on this)?|(?:leave|keep) (?:my|our) names? (?:off|out)"
    r"(?: of it)?)\b")
_NAMED = re.compile(
    r"\b(?:(?:with|under|using|use|put|give|include|add|show|sign it with|sign with) (?:my|our)"
    r" names?|(?:my|our) names? (?:is|are) (?:fine|ok|okay)|named)\b")
# Words beside them that say nothing more ("I'd rather it was anonymous", "you can use my name").
_ABOUT_SENDING = frozenset((
    "i", "id", "we", "wed", "would", "rather", "prefer", "like", "want", "it", "its", "was",
    "be", "is", "make", "keep", "send", "sent", "can", "could", "you", "may", "please", "thanks",
    "thank", "ok", "okay", "fine", "that", "thats", "so", "just", "on", "this", "one", "the",
    "feedback", "form", "go", "do", "as", "all", "good", "by", "me", "for", "now", "really"))


def sending_said(choices: Sequence[str], text: str) -> tuple[str, str] | bool:
    """At a question about how the form is sent (choices "Yes, anonymously" and "No, with my
    name"), the choice ``text`` asks for in words and the words after it, perhaps none:
    "anonymous please", "keep it anonymous", "don't use my name", "no name please" (the choice
    whose label says "anonym..."), "with my name", "not anonymous", "you can use my name" (the
    one that says "name" and not "anonym..."). True when the words ask for both, or a yes or a
    no before them says the other ("no, don't use my name": which is meant is asked); False
    when they ask for neither (pure)."""
    plain = _plain(text)
    wants: set[str] = set()
    spans: list[tuple[int, int]] = []
    for pattern, want in ((_NAMED_NOT_ANONYMOUS, "named"), (_ANONYMOUS, "anonymous"),
                          (_NAMED, "named")):
        for found in pattern.finditer(plain):
            if any(start < found.end() and found.start() < end for start, end in spans):
                continue
            wants.add(want)
            spans.append(found.span())
    if not wants:
        return False
    labels = {choice: set(_WORD.findall(choice.casefold())) for choice in choices}
    anonymous = [choice for choice, words in labels.items()
                 if any(word.startswith("anonym") for word in words)]
    named = [choice for choice, words in labels.items()
             if "name" in words and choice not in anonymous]
    if len(wants) > 1 or len(anonymous) != 1 or len(named) != 1:
        return len(wants) > 1 and len(anonymous) == 1 and len(named) == 1
    choice = anonymous[0] if wants == {"anonymous"} else named[0]
    first = min(start for start, _ in spans)
    before = plain[:first].split()
    said = YES_NO_WORDS.get(before[0], before[0]) if before else ""
    if said in ("yes", "no") and match_choice(choices, said) not in (None, choice):
        return True  # "no, don't use my name", "yes, with my name"
    # Words after them that say more ("- we are the only nursing home in Westbury"): the rest,
    # said not kept by the form (``_kept_rest``); before them, no plain choice at all.
    words = plain.split()
    inside: set[int] = set()
    for start, end in spans:
        inside.update(range(len(plain[:start].split()), len(plain[:end].split())))
    outside = [(index, word) for index, word in enumerate(words) if index not in inside
               and word not in _ABOUT_SENDING | _CONSENT | _POLITE | _THANKS | _SENDING_WORDS
               and YES_NO_WORDS.get(word, word) not in ("yes", "no")]
    if not outside:
        return choice, ""
    if outside[0][0] < len(plain[:first].split()):
        return False  # "nothing anonymous about it": not plainly a choice of how it is sent
    start = len(plain[:max(end for _, end in spans)].split())
    while start < len(words) and words[start] in _POLITE | _THANKS:
        start += 1
    return choice, _rest_after(text, start)


def _rest_after(text: str, count: int) -> str:
    """``text`` after its first ``count`` words, its punctuation at the start left out."""
    found = list(_WORD.finditer(text.casefold()))
    if count >= len(found):
        return ""
    return text[found[count].start():].strip()


# Other words for yes and no, as a form's choice and a survey's yes/no answer take them.
YES_NO_WORDS = {"yeah": "yes", "yep": "yes", "yup": "yes", "yea": "yes", "ya": "yes",
                "y": "yes", "aye": "yes", "sure": "yes", "nope": "no", "nah": "no", "n": "no"}
# Words after a yes or a no that change nothing ("yes please", "no not really").
_POLITE = frozenset(("please", "pls", "plz", "thanks", "thx", "thank", "you", "not", "really",
                     "ta", "cheers"))


# Words that decline an optional question as "skip" does (session 30's trial: "no" at "Which
# pledge commitment does it touch?" was small talk's "I wasn't waiting for a yes or no").
_DECLINING = frozenset({"none", "nothing", "nil", "n a", "na", "not applicable", "no thanks",
                        "no thank you", "nothing else", "nothing to add"})
# Typed at an optional question, these leave it out as "skip" does (session 33's trial: "not
# sure" at the feedback's pledge question).
_UNSURE = frozenset({"not sure", "unsure", "i m not sure", "im not sure", "i am not sure",
                     "don t know", "dont know", "i don t know", "i dont know", "no idea",
                     "not certain", "no clue", "not sure which", "no idea which"})


def yes_or_no(text: str) -> str | None:
    """"yes" or "no" when ``text`` is a yes or a no alone ("yeah", "no not really"); else
    None."""
    typed = _WORD.findall(text.casefold())
    if not typed:
        return None
    first = YES_NO_WORDS.get(typed[0], typed[0])
    return first if first in ("yes", "no") and set(typed[1:]) <= _POLITE else None


def declines(text: str) -> bool:
    """Whether ``text`` says there is nothing to answer: a no, "none", "n/a", with or without
    thanks after it ("none thanks", "nothing, thank you": session 32's brief)."""
    typed = _WORD.findall(text.casefold())
    while len(typed) > 1 and typed[-1] in _THANKS:
        typed.pop()
    return (yes_or_no(" ".join(typed)) == "no" or " ".join(typed) in _DECLINING)


# Words after a decline that change nothing ("none thanks", "n/a thank you").
_THANKS = frozenset(("thanks", "thank", "you", "ta", "cheers", "please"))


# Words that open a question in English (a message starting with one, of three words or more,
# reads as a question even without its question mark).
_QUESTION_WORDS = frozenset((
    "what", "whats", "how", "hows", "when", "whens", "where", "wheres", "who", "whos", "whom",
    "whose", "why", "which", "can", "cant", "could", "couldnt", "do", "dont", "does", "doesnt",
    "did", "didnt", "is", "isnt", "are", "arent", "am", "was", "wasnt", "were", "should",
    "shouldnt", "shall", "will", "wont", "would", "wouldnt", "may", "might", "must", "have",
    "has", "hasnt", "havent", "any", "tell", "explain",
))
_WORD = re.compile(r"[a-z0-9]+(?:['\u2019][a-z]+)?")


def reads_as_question(text: str) -> bool:
    """Whether ``text`` reads as a question rather than an answer to a form's question.

    A question: at least two words ending in "?" ("how long is standstill?", "what about
    TUPE?"), or at least three words starting with a question word ("how long is standstill",
    "can we pay less"). One word with a question mark ("RV-0042?", "3?") is an unsure answer,
    not a question.
    """
    words = text.casefold().split()
    if len(words) >= 2 and text.rstrip().endswith("?"):
        return True
    first = _WORD.match(words[0]) if words else None
    opener = apostrophes_dropped(first.group(0)) if first else ""
    return len(words) >= 3 and opener in _QUESTION_WORDS


# Words that may open a message before what it says ("ok so the council ...", "please tell
# me ..."): a question after them is still a question.
_OPENING_WORDS = frozenset(("hi", "hello", "hey", "ok", "okay", "so", "please", "sorry", "well",
                            "right", "um", "er", "erm", "thanks", "also", "and", "but", "oh"))
# A question put as a statement ("I'd like to know how long standstill is").
_ASKING = re.compile(r"\b(?:want|wanted|like|need|needed|trying)\s+to\s+(?:know|ask|find\s+out"
                     r"|understand)\b|\bwondering\b|\bi\s+wonder\b", re.IGNORECASE)


# Openings of words about the form or the talk, never an account of what happened (session
# 39's review: "cancel this form i do not need it", "thank you very much for your help", "i
# want to make a complaint instead", "show me my open cases please" were kept as "What has
# happened?"). Read on the words with their apostrophes dropped ("id rather", "dont").
_NOT_A_STORY = re.compile(
    r"^(?:cancel|stop|quit|never ?mind|forget (?:it|this|that|about it)|thanks|thank you|ta"
    r"|cheers|ok(?! so\b)|okay(?! so\b)|yes|yeah|yep|sure|great|fine|actually|i (?:want|wanted) to"
    r"|i (?:would|d) (?:like|love) to|i (?:would|d) rather|show me|remind me|tell me|let me"
    r"|this is (?:the )?wrong|wrong (?:form|one)|that s all|that is all)\b"
    # ... or that speaks of this form ("I should have used feedback not this form").
    r"|.*\b(?:this|wrong|other|another) form\b")
# An account says that something happened or is wrong: a word of the past, a no, a problem,
# a number or a reference (session 39's review: "yes please that would be great" was kept).
_HAPPENED = re.compile(
    r"\b(?:has|have|had|hasnt|havent|hadnt|not|no|never|nothing|didnt|doesnt|dont|wont|cant"
    r"|cannot|couldnt|wouldnt|isnt|arent|wasnt|werent|was|were|did|been|still|keep|keeps|kept"
    r"|late|unpaid|overdue|outstanding|owed|owes|owing|missed|missing|cut|cuts|ended|refused"
    r"|refuses|stopped|delayed|wrong|problem|problems|issue|issues|error|errors|failed|lost"
    r"|since|ago|again|slow|broken|without|too|poor|unfair|paid|said|told|sent|took|gave|got"
    r"|went|left|made|put|heard|spent|[a-z]{3,}ed)\b|\d")
# An outcome wanted, not what happened ("we would like them to pay us within a fortnight").
_OUTCOME = re.compile(
    r"^(?:please )?(?:(?:we|i) (?:would|d) (?:like|prefer|want|expect)|(?:we|i) (?:want|need"
    r"|expect|ask|are asking|hope)|(?:can|could|will) they|they (?:should|must|need to)"
    r"|the council (?:should|must|needs to))\b")


def _plain(text: str) -> str:
    """``text``'s words in lower case, apostrophes dropped ("I'd" is "id")."""
    return apostrophes_dropped(" ".join(_WORD.findall(text.casefold())))


# A question about the question being asked ("what can I ask for?", "what should I put
# here?", "what do you mean?"), read on ``_plain`` words.
_ABOUT_THE_QUESTION = re.compile(
    r"^(?:(?:so|ok|okay|sorry|um|erm|sorry but) )?(?:"
    r"(?:what|which|how)(?: (?:sort|kind|sorts|kinds) of(?: things?| outcomes?)?| things?)? "
    r"(?:can|could|should|do|shall|would|must|am|are) (?:i|we) "
    r"(?:ask for|ask|put|write|say|type|answer|enter|include|choose|be writing|be putting"
    r"|(?:be )?supposed to (?:put|write|say))\b"
    r"|what (?:do|did) you mean\b|what does (?:that|this|it) mean\b"
    r"|what (?:is|s) (?:this|that) (?:question )?(?:asking|for)\b)")
_ABOUT_THE_QUESTION_WORDS = 12
# Words that may follow such a question typed without its "?" ("what should i put here").
_ABOUT_THE_QUESTION_AFTER = frozenset(("here", "in", "this", "that", "there", "box", "bit",
                                       "question", "for", "exactly", "then", "please", "by",
                                       "it", "mean", "sorry"))


# What Send does, asked at the summary ("what happens next?", "what happens when I press
# send?", "where does it go?"), read on ``_plain`` words.
_PRESS = r"(?:press|click|hit|choose|pick|type|say|tap)"
_WHAT_SENDING_DOES = re.compile(
    r"^(?:(?:so|ok|okay|and|then|sorry|um|erm) )*(?:"
    r"what happens (?:next|now|then|after(?:wards)?|after (?:this|that|sending(?: it)?|i send"
    r"(?: it)?|i " + _PRESS + r" send|send)|when (?:i|you) (?:" + _PRESS + r" send|send(?: it)?)"
    r"|if (?:i|you) (?:" + _PRESS + r" send|send(?: it)?)|once (?:i|you) (?:" + _PRESS
    + r" send|send(?: it)?)|to it|with it)"
    r"|what (?:does|will) (?:send|sending(?: it)?|the send button|pressing send) do"
    r"|whats next|what next|what comes next|what now"
    r"|where does (?:it|this|my feedback|this feedback|my disagreement) go(?: now| next)?"
    r"|who (?:sees|gets|reads|will see|will get|will read) (?:it|this)"
    r")(?: (?:then|now|please|exactly))*$")


def asks_what_sending_does(text: str) -> bool:
    """Whether ``text`` asks what happens when the form is sent ("what happens next?", "what
    does send do?"), at its summary (pure)."""
    return _WHAT_SENDING_DOES.match(_plain(text)) is not None


# What sending it anonymously means, asked ("what does anonymous mean exactly?", "what is
# anonymous?"), read on ``_plain`` words.
_ANONYMOUS_WORDS = r"(?:anonymous(?:ly)?|anon|anonymity)"
_WHAT_SENDING_MEANS = re.compile(
    r"^(?:(?:so|ok|okay|and|but|sorry|um|erm|sorry but) )*(?:"
    r"what (?:does|do|would|will|is) (?:sending (?:it )?|being |it being )?" + _ANONYMOUS_WORDS
    + r"(?: (?:mean|involve|do))?"
    r"|whats (?:sending (?:it )?)?" + _ANONYMOUS_WORDS
    + r"(?: mean)?"
    r"|what do you mean by (?:sending (?:it )?)?" + _ANONYMOUS_WORDS
    + r"|what does (?:it|sending it) " + _ANONYMOUS_WORDS + r" mean"
    r"|" + _ANONYMOUS_WORDS + r" means what|meaning of " + _ANONYMOUS_WORDS
    + r"|what does it mean to send (?:it )?" + _ANONYMOUS_WORDS
    + r")(?: (?:then|exactly|here|please|in this case|sorry))*$")


def asks_what_sending_means(text: str) -> bool:
    """Whether ``text`` asks what sending the form anonymously means ("what does anonymous
    mean exactly?") (pure)."""
    return _WHAT_SENDING_MEANS.match(_plain(text)) is not None


# A question asked for what it says, in one sentence ending in "?" ("how long do they have to
# reply?", "what is standstill?"), after words that may open one; and a request of the council
# put as a question ("can they pay what they owe us?"), which is an outcome wanted.
_ASKS_FOR_INFORMATION = re.compile(
    r"^(?:(?:so|ok|okay|sorry|and|also|oh|just|quick question|by the way|btw) )*"
    r"(?:what(?:s| is| are| does| do| did| was| were| would| will| happens)"
    r"|how (?:long|many|much|often|soon|quickly|do|does|is|are|can|should|would)"
    r"|when (?:is|are|does|do|did|should|would|can)|where|who|whom|which|is there|are there"
    r"|is it|does|do i|do you|am i)\b")
_WHAT_HAPPENED = re.compile(r"\bwhat (?:happened|has happened|did happen)\b")
_REQUEST_OF_THEM = re.compile(
    r"^(?:(?:so|ok|okay|and|also|please|just) )*(?:can|could|will|would|should|cant|couldnt"
    r"|wont|wouldnt|shouldnt) (?:they|the council|council|the commissioners?|you|it|someone"
    r"|somebody)\b")
_OWN_WORDS = re.compile(r"\b(?:i|id|im|ive|me|my|we|wed|were|weve|us|our|ours)\b")
# How to take the matter on, asked of me ("how do I escalate this?", "how can we appeal"):
# about the process, whoever it speaks of (session 45's review: kept as the outcome wanted).
_HOW_TO = re.compile(
    r"^(?:(?:so|ok|okay|and|also|just|then|but) )*how (?:do|can|could|should|would|shall|will)"
    r" (?:i|we|you) (?:go about |then )?(?:escalat|complain|appeal|raise|chase|report"
    r"|challenge|dispute|contact|take (?:it|this|that|the matter) further|follow (?:it|this)"
    r" up|make a (?:formal )?complaint)")
# Whom to take the matter to, or whether they may, asked of me ("who do I complain to?", "can I
# escalate this?", "who should we speak to about this?"): about the process, when no account
# of what happened follows (``_HAPPENED``; session 46's brief: kept as what happened).
_ASKS_WHOM = re.compile(
    r"^(?:(?:so|ok|okay|and|also|just|then|but|sorry) )*(?:(?:who|whom|where) (?:do|can|could"
    r"|should|would|shall|must|will) (?:i|we)|(?:can|could|should|do|must|shall) (?:i|we))"
    r" (?:go about |then |also )?(?:escalat|complain|appeal|raise|chase|report|challenge"
    r"|dispute|contact|speak|talk|write|go|turn|send|ask|take (?:it|this|that|the matter)"
    r" further|follow (?:it|this) up|make a (?:formal )?complaint)\w*")
# ... which without its "?" is the question when it asks whom or where, or names the process
# (read on what ``_ASKS_WHOM`` matched).
_WHOM_BARE = re.compile(
    r"^(?:[a-z]+ )*?(?:who|whom|where) |(?:escalat|complain|appeal|report|challenge|dispute"
    r"|further|follow (?:it|this) up|complaint)\w*$")
# Opening a question that cannot be an answer, said without its "?" ("how long do they have
# to reply", "how do we escalate this").
_ASKS_HOW = re.compile(
    r"^how (?:(?:long|many|much|often|soon|quickly) (?:do|does|did|is|are|will|would|should"
    r"|can|have|has)|(?:do|does|can|should|would|could) (?:i|we|you|they|the council)) ")


def asks_for_information(text: str) -> bool | None:
    """Whether ``text``, typed where a form asks for the person's account or the outcome they
    want, is a question of their own for me rather than their answer (pure): True for one
    sentence ending in "?" that asks for what it says and speaks of nobody on their side
    ("how long do they have to reply?", "what is standstill?"), and for how to take the
    matter on ("how do I escalate this?"), also without its "?" ("how long do they have to
    reply"); False for an answer (other words with no question mark, a statement with one,
    "I'd like them to pay on time?", a request of the council "can they pay what they owe
    us?"); None when in doubt (a "why", a question about their own: "how long do we have to
    wait for our money?")."""
    stripped = text.strip()
    if not reads_as_question(stripped):
        return False
    if len([part for part in re.split(r"[.!?]+", stripped) if part.strip()]) != 1:
        return False  # an account with a question in it is an account
    plain = _plain(stripped)
    whom = _ASKS_WHOM.match(plain)
    if (whom is not None and _HAPPENED.search(plain[whom.end():]) is None
            and (stripped.endswith("?") or _WHOM_BARE.search(whom.group(0)) is not None)):
        # Whom to take it to ("who do I complain to?"), nothing told besides: with its "?", or
        # without it when it asks whom, or names the process (session 46's review: "who do i
        # complain to" was kept as what happened); "can we go back to the old rate" is an
        # outcome wanted.
        return True
    if not stripped.endswith("?"):
        # Without its "?", only a question that cannot be an answer ("how long do they have
        # to reply": session 45's review, sent as the outcome wanted); "what is owed must be
        # paid" is an outcome.
        return (_ASKS_HOW.match(plain) is not None and _WHAT_HAPPENED.search(plain) is None
                and (_HOW_TO.match(plain) is not None or _OWN_WORDS.search(plain) is None))
    first = plain.split()[0] if plain else ""
    if first not in _QUESTION_WORDS and first not in _OPENING_WORDS:
        return False  # "I'd like them to pay on time?": an answer said with a rising voice
    if _REQUEST_OF_THEM.match(plain) is not None:
        return False
    if _HOW_TO.match(plain) is not None:
        return True  # how to go on with it ("how do I escalate this?"): about the process
    if (_ASKS_FOR_INFORMATION.match(plain) is None or _WHAT_HAPPENED.search(plain) is not None
            or _OWN_WORDS.search(plain) is not None):
        return None
    return True


def asks_about_the_question(text: str) -> bool:
    """Whether ``text`` asks about the question it was typed at ("what can I ask for?",
    "what should I put here?", "what do you mean?"): a short message ending in "?" (pure)."""
    plain = _plain(text)
    if len(plain.split()) > _ABOUT_THE_QUESTION_WORDS:
        return False
    if text.rstrip().endswith("?"):
        return _ABOUT_THE_QUESTION.match(plain) is not None
    # Without its "?" ("what can I ask for"), only the question itself, with at most a word
    # about where ("here", "in this"): never words that go on ("what we can ask for is ...",
    # a reviewer's console run: the words without the mark were kept and sent).
    found = _ABOUT_THE_QUESTION.match(plain)
    return found is not None and set(plain[found.end():].split()) <= _ABOUT_THE_QUESTION_AFTER


# A question about a rating's scale ("what is 1 and what is 5?", "what does 3 mean", "is 5
# good or bad?"), read on ``_plain`` words: one or more of its parts, joined by "and", "or" or a
# comma, and nothing else (the brief of session 43: "what is 1" got the knowledge base's entry
# on one-to-one support, "what is 5?" its "I don't know").
_POINT = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)"
_END = (r"(?:good|bad|better|worse|best|worst|high|low|higher|lower|highest|lowest|positive"
        r"|negative|top|bottom|poor|excellent|very good|very poor)")
_THE_POINT = rf"(?:a |an |the |number |score |rating |the number )*{_POINT}"
_SCALE_ASKED = (
    rf"(?:whats|what (?:is|does|do|about)|what) {_THE_POINT}(?: (?:mean|means|stand for"
    rf"|stands for|represent|represents|equal|equals))?"
    rf"|(?:is|does|would|will) {_THE_POINT} (?:mean |be )?(?:the |a )?{_END}"
    rf"(?: (?:or|and) (?:the |a )?{_END})?(?: (?:one|score|rating|end|mark|number))?"
    rf"|(?:(?:which|what) (?:one |number |end |rating )?(?:is|means)|whats) (?:the )?{_END}"
    rf"(?: (?:one|score|rating|end|mark|number))?"
    rf"|what (?:do|does) (?:the |these |this )?(?:numbers?|scale|ratings?|scores?) mean"
    rf"|(?:whats|what is) the scale|how does the scale work|which way round(?: is (?:it|this"
    rf"|the scale))?")
# After the first part, a point alone ("what is 1 and 5?", "is 5 the best or 1?").
_SCALE_PART = rf"(?:{_SCALE_ASKED}|{_THE_POINT}(?: (?:mean|means))?)"
_ABOUT_THE_SCALE = re.compile(
    rf"^(?:(?:so|ok|okay|sorry|um|erm|hi|and|but|wait) )*(?:{_SCALE_ASKED})"
    rf"(?: (?:and|or) {_SCALE_PART})*(?: (?:here|then|please|on this scale|again))*$")
# A point of the scale alone ("5", "five") is a rating, or a point named with an end ("1 is
# good") said as a statement: asked only when it ends in "?".
_POINT_ONLY = re.compile(rf"^{_THE_POINT}(?: (?:mean|means))?$")
_POINT_IS = re.compile(rf"^{_THE_POINT} (?:is |means )?(?:the )?{_END}$")  # "=" is dropped


def asks_about_the_scale(text: str) -> bool:
    """Whether ``text`` only asks what a rating scale's points mean ("what is 1 and what is
    5?", "what does 3 mean", "is 5 good or bad?", "1 is good?"); never a rating ("4", "it's a
    4", "5 is good") nor another question ("is 5 days enough?") (pure)."""
    plain = _plain(text.replace(",", " and "))
    asked = text.rstrip().endswith("?")
    if not plain or _POINT_ONLY.match(plain) is not None:
        return False
    if _POINT_IS.match(plain) is not None:
        return asked
    return _ABOUT_THE_SCALE.match(plain) is not None


# A question about how to leave the form ("how do I cancel?", "how do i stop this"), read on
# ``_plain`` words: told how, the same step shown again (the brief of session 43: they got the
# knowledge base's entry on short-notice cancellations of home-care visits).
_HOW_TO_CANCEL = re.compile(
    r"^(?:(?:so|ok|okay|sorry|um|erm|hi|and|but|wait|please) )*"
    r"(?:how (?:do|can|would|should|will|shall) (?:i|we|you)|how to|can (?:i|we)"
    r"|(?:is there|theres) (?:a |any )?way to|where do (?:i|we)|(?:i|we) (?:want|need) to know"
    r" how to|what do (?:i|we) (?:type|press|do|say) to)"
    r" (?:cancel|stop|quit|exit|abort|get out of|leave|scrap|abandon|end|close|bin|delete)"
    r"(?: (?:this|it|that|the form|this form|the feedback|this feedback|my feedback|the survey"
    r"|this survey|the whole thing|everything|all this|all of this|now|here|then|please))*$")


def asks_how_to_cancel(text: str) -> bool:
    """Whether ``text`` only asks how to stop the form ("how do I cancel?", "how do i stop
    this"); never a cancel ("cancel"), nor a question about something else ("how do I
    cancel an invoice?") (pure)."""
    return _HOW_TO_CANCEL.match(_plain(text)) is not None


# Words that say little as the whole of a person's own account ("fine", "ok"): a bit more is
# asked for once, since they were never meant to be the feedback sent (the brief of session 43:
# "fine" at "Please tell us about it in your own words." was kept silently). Read on
# ``_plain`` words, a thanks after them set aside.
_SAYS_LITTLE = frozenset({
    "ok", "okay", "k", "kk", "fine", "its fine", "all fine", "ok fine", "fine ok", "alright",
    "all right", "all good", "its ok", "its okay", "ok then", "fine then", "meh", "same",
    "as above", "see above", "no comment", "no comments",
    # session 44's brief: "Good" was kept silently as the feedback
    "good", "very good", "its good", "all ok", "ok good", "good ok", "pretty good", "not bad",
    "so so", "its alright", "average"})


def says_little(text: str) -> bool:
    """Whether ``text`` is only a word that says little as a whole account ("fine", "ok",
    "it's fine", "okay thanks"); never words that say something ("brilliant", "ok but slow to
    pay") (pure)."""
    words = _plain(text).split()
    while len(words) > 1 and words[-1] in _THANKS:
        words.pop()
    return " ".join(words) in _SAYS_LITTLE


# The council's conduct toward the provider, the whole message: who ("the council", "they")
# and how it does not answer ("never answer the phone", "ignores our emails"). Read on
# ``_plain`` words; the door, days, or anyone cared for are never this (``councils_conduct``).
_CONDUCT = re.compile(
    r"^(?:(?:and|also|but|plus|ok|oh|well) )?(?:the council|council|they|the la|the local "
    r"authority|the commissioners?|commissioners?|the (?:contracts?|commissioning|brokerage"
    r"|finance|payments?|placements?) team|their staff|their office)"
    r"(?: (?:still|just|also|really|always|often|usually|even|simply|completely|totally))*"
    r" (?:(?:(?:never|dont|do not|wont|will not|doesnt|does not|rarely|hardly ever|didnt|did not"
    r"|cant|cannot|can not)(?: (?:even|ever|bother to))? (?:answers?|repl(?:y|ies) to"
    r"|responds? to|returns?|reads?|acknowledges?|picks? up|gets? back to|calls? back"
    r"|rings? back)"
    r"|never (?:answered|replied to|responded to|returned|read|acknowledged|picked up"
    r"|got back to|called back|rang back)"
    r"|ignores?|ignored|ignoring)"
    r" (?:the (?:phone|phones|emails?|calls?|letters?|messages?)|phones?|(?:our|my|any)"
    r" (?:e ?mails?|calls?|phone calls|letters?|messages?|voicemails?|queries|questions"
    r"|chasers?|invoices?)|us|me|emails?|calls?)"
    # ... or a meeting with the provider missed (session 46's brief: "they also missed the
    # meeting" at the summary was asked about). Meetings only: a care "call" missed is a visit.
    r"|(?:missed|cancelled|canceled|postponed|did not (?:come to|attend|turn up (?:to|for))"
    r"|didnt (?:come to|attend|turn up (?:to|for))|never (?:came to|attended|turned up (?:to"
    r"|for))) (?:the|our|my|a|another|two|three|both|every|all the) (?:(?:contract|review"
    r"|monitoring|provider|planning|quarterly|monthly) )?meetings?)"
    r"(?: (?:at all|ever|any more|anymore|either|anyway|again|too|as well|twice|today"
    r"|yesterday|last week|this week))?$")


def councils_conduct(text: str) -> bool:
    """Whether ``text`` only says the council does not answer the provider ("the council
    ignores our emails", "they never answer the phone"): more words, a placement reference or
    anyone else is never this ("... about RC-101's bruises") (pure)."""
    return _CONDUCT.match(_plain(text)) is not None


def wants_outcome(text: str) -> bool:
    """Whether ``text`` says what outcome is wanted ("we would like them to pay us"), not
    what happened (pure); never words about the form ("i want to make a complaint
    instead")."""
    plain = _plain(text)
    return (_OUTCOME.match(plain) is not None and _NOT_A_STORY.match(plain) is None
            and _ASKING.search(text) is None and not reads_as_question(text))


def states_something(text: str, registry: Registry, *, least: int = KEEP_WORDS) -> bool:
    """Whether ``text`` is a statement of several words (``least``, ``KEEP_WORDS`` unless
    told), as an account of what happened is: no question (``reads_as_question``, after any
    opening "ok", "please": "please tell me about late payment"), no question put as a
    statement ("I'd like to know ..."), no small talk (``Registry.answers_nothing``), no short
    hesitation over the answer wanted ("not sure which one, maybe payment"), no words about
    the form or the talk ("cancel this form", "thank you very much", "show me my cases"), no
    outcome wanted (``wants_outcome``), and something said to have happened or be wrong
    (``_HAPPENED``: "has", "not", "late", "unpaid", a number ...)."""
    if len(text.split()) < least or reads_as_question(text) or _ASKING.search(text):
        return False
    plain = _plain(text)
    if (_NOT_A_STORY.match(plain) is not None or wants_outcome(text)
            or _HAPPENED.search(plain) is None):
        return False
    if len(text) <= KEEP_CHARACTERS and _HESITANT.search(text) is not None:
        return False
    words = _WORD.findall(text.casefold())
    while words and words[0] in _OPENING_WORDS:
        words.pop(0)
    return not reads_as_question(" ".join(words)) and not registry.answers_nothing(text)


# Words that open a question answered yes or no ("Was the invoice sent?", "Has it been paid").
_YES_NO_OPENERS = frozenset((
    "is", "isnt", "are", "arent", "am", "was", "wasnt", "were", "werent", "do", "dont", "does",
    "doesnt", "did", "didnt", "have", "havent", "has", "hasnt", "had", "hadnt", "can", "cant",
    "could", "couldnt", "will", "wont", "would", "wouldnt", "should", "shouldnt", "shall",
    "may", "might", "must",
))


# A request for information put politely as a question ("Could you send us the PO number?",
# "May I ask what date it was sent?"): a yes does not answer it (session 31's review).
_REQUEST = re.compile(
    r"(?:can|could|will|would|may|might|shall)\s+(?:you|we|i)\s+(?:(?:please|kindly|also|"
    r"just)\s+)*(?:send|tell|give|provide|share|let|ask|explain|describe|say|list|forward"
    r"|supply|attach|upload|e-?mail|clarify|advise|detail|resend|re-send|post)\b")


def asks_yes_or_no(text: str) -> bool:
    """Whether ``text`` is a question answered with a yes or a no: it opens with a verb such as
    "is", "has" or "did" ("Was the invoice sent to the right address?"), and is no request for
    information ("Could you send us the PO number?")."""
    said = text.strip().casefold()
    first = _WORD.match(said)
    return first is not None and (
        apostrophes_dropped(first.group(0)) in _YES_NO_OPENERS
        and _REQUEST.match(said) is None)


def next_position(form: Form, values: Mapping[str, object]) -> int | None:
    """The index of the first field not yet answered or skipped; None when all are."""
    for position, question in enumerate(form.fields):
        if question.name not in values:
            return position
    return None


def _parse_ids(value: str | None, count: int) -> tuple[int, ...] | None:
    parts = (value or "").split(":")
    if len(parts) != count or not all(part.isascii() and part.isdigit() for part in parts):
        return None
    return tuple(int(part) for part in parts)


# -- what the Router calls ---------------------------------------------------------------------
def check_in(ctx: Context[Any]) -> Pending:
    """Load (and lock) the person's open form; put it aside if it expired or its handler is gone.

    Called by the Router before it routes every message, inside that message's transaction.
    """
    row = _current(ctx, lock=True) if ctx.form_open else None
    if row is None:
        return Pending()
    route = _route(ctx, row.form_id)
    if route is None or route.form is None:
        log.info("form %s of person %s has no handler any more; deleted", row.form_id,
                 ctx.person.id)
        _delete(ctx, row)
        return Pending(note=ctx.render("form_gone.txt"), gone=True)
    hours = ctx.settings.form_expiry_hours
    if ctx.now - row.updated_at > timedelta(hours=hours):
        _delete(ctx, row)
        note = ctx.render("form_expired.txt", title=route.form.title, hours=f"{hours:g}")
        return Pending(note=note)
    return Pending(session=row)


def question_waiting(ctx: Context[Any]) -> FormField | None:
    """The question the person's open form waits for typed words to answer (also while
    "Cancel this ... form?" waits: words other than its answer answer the question); None when
    no form is open, or it waits at its summary or for which answer to change. For a
    middleware that reads the words before the form does (the safeguarding check: a count at a
    rating question, a choice in other words)."""
    if not ctx.form_open:
        return None
    row = _current(ctx)
    route = _route(ctx, row.form_id) if row is not None else None
    if (row is None or route is None or route.form is None or _at_summary(route.form, row)
            or _picking(row)):
        return None
    form = route.form
    position: int | None = row.position
    if position is None or not 0 <= position < len(form.fields) or (
            form.fields[position].name in row.values and not _changing(row)):
        position = next_position(form, row.values)
    return form.fields[position] if position is not None else None


def wholly_a_choice(question: FormField, text: str) -> bool:
    """Whether ``text`` is one of ``question``'s choices and nothing more, in its words or in
    others ("4", "it's a 4", "yeah go on", "no name please" at "Send it anonymously?"), or
    words about how the form is sent that say both ("no, don't use my name"): the form's
    words, as a choice pressed is, not the person's own; so is a word alone that leaves an
    optional question out as Skip does ("skip", "none", "not sure", "I don't know": the review
    of session 44 asked "Is this about someone's safety?" of the last) (pure)."""
    if not question.required and _skipping(question, text.strip()):
        return True
    if not question.choices:
        return False
    if match_choice(question.choices, text) is not None:
        return True
    sending = sending_said(question.choices, text) if question.sending else False
    if sending is not False:  # "no, don't use my name" too: which is meant is asked
        return sending is True or not sending[1]
    said = rated(question.choices, text) or yes_or_no_then(question.choices, text)
    return said is not None and not said[1]


def with_note(replies: list[Reply], note: str) -> list[Reply]:
    """``replies`` with ``note`` put before the first one's words (a reply of its own if none)."""
    if not note:
        return replies
    if not replies:
        return [Reply(text=note)]
    first = replies[0]
    return [dataclasses.replace(first, text=f"{note}\n\n{first.text}"), *replies[1:]]


def remind(ctx: Context[Any], pending: Pending, replies: list[Reply]) -> list[Reply]:
    """After another command ran mid-form, add a line saying the form is still open.

    Nothing is added when the command closed the form or started another one.
    """
    if pending.session is None:
        return replies
    row = _current(ctx)
    if row is None or row.id != pending.session.id:
        return replies
    route = _route(ctx, row.form_id)
    if route is None or route.form is None:
        return replies
    # Named, not "the question above": the command's own reply now stands between them.
    waiting = _waiting(route.form, row)
    line = ctx.render("form_reminder.txt", title=route.form.title, **waiting.said)
    buttons = waiting.buttons
    # With the question's buttons, so a number typed next answers the form, never the
    # command's buttons (session 30's review: /ask mid-form showed "[1] More [2] Helpful ...",
    # and "1" meant for "Payment" was "not one of the choices"). A reply with buttons of its
    # own keeps them: the line is then a reply of its own.
    if replies and not replies[-1].buttons:
        last = replies[-1]
        return [*replies[:-1], dataclasses.replace(last, text=f"{last.text}\n\n{line}",
                                                   buttons=buttons)]
    return [*replies, Reply(text=line, buttons=buttons)]


def start(ctx: Context[Any], form_id: str, *,
          initial: Mapping[str, str] | None = None, replace: bool = False,
          skipped: Iterable[str] = ()) -> list[Reply]:
    """Open form ``form_id`` for the person and ask its first unanswered question.

    An open form of theirs is replaced (the reply says so), unless it is another form holding
    words they typed (a ``prose`` answer): that one is kept and this one refused with how to
    finish or cancel it (session 22's review: /feedback half-way through /conflict threw the
    disagreement's words away), except with ``replace`` (the safeguarding concern's form, which
    nothing may hold up). Answers in ``initial`` are checked
    like typed ones: those that pass are not asked again; those that fail are asked, with the
    problem shown. When every field is already answered the form is submitted at once.

    Args:
        ctx: the context of the message that asked for the form.
        form_id: a form registered with ``Router.form(..., form=Form(...))``.
        initial: answers already known, by field name (empty ones count as not given).
        skipped: optional questions already skipped (asked again for the rest: "Change my
            words" of a feedback whose pledge question was skipped asked it first).

    Raises:
        ValueError: the form is not registered with its questions, or ``initial`` names a
            field the form does not have (both are bugs in the calling handler).
        NotAllowed: the person's role may not fill in this form.
    """
    route = ctx.registry.forms.get(form_id)
    if route is None or route.form is None:
        raise ValueError(f"form {form_id} is not registered with its questions")
    form = route.form
    if ctx.person.role not in route.roles:
        raise NotAllowed(ctx.render("form_not_allowed.txt", title=form.title))
    fields = {question.name: question for question in form.fields}
    unknown = set(initial or {}) - set(fields)
    if unknown:
        raise ValueError(f"form {form_id} has no field {', '.join(sorted(unknown))}")
    lead: list[str] = []
    if ctx.marks.get(WORDS_WITHHELD) and initial:
        initial = None  # "/feedback <a concern>": the hub's alone (``WORDS_WITHHELD``)
        lead.append(ctx.render("form_problem.txt", problem="withheld_start",
                               form_name=_form_name(form)))
    old = _current(ctx, lock=True)
    if old is not None:
        if old.form_id != form_id and not replace and _holds_typed_words(ctx, old):
            waiting = ctx.registry.forms[old.form_id].form
            assert waiting is not None  # noqa: S101 - _holds_typed_words found its form
            raise BadInput(ctx.render("form_busy.txt", title=waiting.title,
                                      question=_waiting(waiting, old).label))
        lead.append(ctx.render("form_replaced.txt", title=_title(ctx, old.form_id),
                               same=old.form_id == form_id))
        _delete(ctx, old)
    values: dict[str, str | None] = {}
    for name, given in (initial or {}).items():
        text = (given or "").strip()
        if not text:
            continue
        try:
            values[name] = _check(ctx, route, fields[name], text)
        except BadInput as problem:
            lead.append(str(problem))
    for name in skipped:
        if name in fields and not fields[name].required and name not in values:
            values[name] = None
    if values:  # never asked, so not counted in "question N of M"
        values[_GIVEN] = ",".join(values)
    opened_by = str(ctx.marks.get(COMMAND_RUN) or "")
    if " " in opened_by and initial:
        # A command given some of the answers ("/placement new RC-101"); never words withheld
        # for a concern (``initial`` is None then).
        values[_OPENED_BY] = opened_by
    row = FormSession(
        id=_new_id(ctx.session), person_id=ctx.person.id, form_id=form_id, values=values,
        position=0, started_at=ctx.now, updated_at=ctx.now,
    )
    ctx.session.add(row)
    ctx.session.flush()
    return _advance(ctx, route, row, lead, first=True)


def answer(incoming: Incoming, ctx: Context[Any], row: FormSession, *,
           aside: Callable[[str], list[Reply] | None] | None = None,
           newer: Callable[[], tuple[str, str] | None] | None = None,
           routed: Callable[[str], list[Reply] | None] | None = None) -> list[Reply]:
    """Take a free-text message as the answer to the open form's current question.

    ``incoming.text`` is already cleaned by the Router. The word "skip", or a no ("no",
    "none thanks", "n/a"), skips an optional question; at a required one it is refused as
    needing an answer (``_skipping``). A refused answer re-asks the question and
    stores nothing, except when the words were not an answer at all (a yes or a no refused is
    always this question's, asked again):

    * a middleware has already answered them (a safeguarding concern was raised,
      ``WORDS_ANSWERED``): the form does not also complain about them; it only says it is
      still open;
    * ``aside(text)`` returns replies (the Router's: the words read as a question, or as small
      talk): those replies are given, then a reply naming the form and its question, with the
      question's buttons, so the person knows it waits. Not at a question answered in free
      words, for words that ask nothing or a word typed for a button ("ack"): those are its
      answer, refused in its own words;
    * they are a feature's button label (``Registry.labels``) and no choice of the question
      nor a yes or no where one answers it: that button is not on offer, and the form is named.

    A statement (``states_something``) typed at a choice question, which no feature's route
    takes mid-form (``routed(text)``, the Router's: a command in words), is kept as the
    answer to the form's later ``FormField.story`` question, the line saying so before the
    choice question asked again (session 39's demo: "the council has not paid 3 invoices for
    2 months" at "What is it about?" got the knowledge base's answer on late payment, and had
    to be typed again at "What has happened?"); another statement there is added to those
    words; words over that question's limit are said to be too long to keep. A question
    there is answered aside, as above.

    Words the question accepts are always its answer, even when they read as a question (a
    free-text "What has happened?" may well be answered "why hasn't the council paid?"),
    except at a question answered in free words when ``newer()`` names a message about a case
    sent to them since the question was shown (the Router's: its case and first line): any
    words would answer either, so which is asked (``which_meant``), the words held. Nor is
    "what happens next?" (``asks_what_sending_does``) at a question of a form shown back before
    Send, nor "what does anonymous mean?" at how it is sent (``asks_what_sending_means``):
    both are answered in the form's own words, and the question asked again. Nor is a
    question there that a feature's route takes mid-form (``routed(text)``: "who do I tell
    that a carer hit a resident?" gets the safeguarding guidance, as outside a form): its
    replies are given, and the question asked again.

    Words an optional question's validator refuses with ``BadInput.goes_on`` (a sentence where
    a reference is asked) leave that question out and are read as the next question's answer
    (``_go_on``), the words refused there just before added to it when it takes the person's
    account.
    """
    route = _route(ctx, row.form_id)
    if route is None or route.form is None:  # check_in has put such a form aside already
        return [Reply(text=ctx.render("form_gone.txt"))]
    if _ADDING in row.values and _at_summary(route.form, row):
        return _answer_more(incoming, ctx, route, row)
    if _picking(row) and _at_summary(route.form, row):
        return _answer_pick(incoming, ctx, route, row)
    if _at_summary(route.form, row):
        return _answer_summary(incoming, ctx, route, row, aside=aside)
    question = _question_at(route.form, row)
    text = incoming.text.strip()
    stop = _stop_said(ctx, row, text)  # else the question's own answer
    if stop is not None:
        return [_cancel(ctx, row) if stop else _ask(ctx, route.form, row, [])]
    if (_HELD in row.values and not ctx.marks.get(WORDS_ANSWERED)
            and " ".join(_WORD.findall(text.casefold())) not in _CANCEL_WORDS):
        # Asked which they answer, and typed on: the words held are kept and asked about
        # again, and the new ones are said not taken (session 37's brief: they were dropped).
        return [_which_again(ctx, route.form, row, question, text)]
    if ctx.marks.get(WORDS_WITHHELD):
        return [_on_hold(ctx, route.form, row, question)]
    unfound = str(row.values.get(_UNFOUND) or "")
    if (unfound and not question.required and not ctx.marks.get(WORDS_ANSWERED)
            and (yes_or_no(text) == "yes" or _plain(text) in _CONFIRMING)):
        # "yes" after "I can't find 'RV-9999' ... Please check it": it is right (session 45's
        # brief: refused as a reference in turn, where only "skip" went on).
        return _unfound_kept(ctx, route, row, question, unfound)
    if not ctx.marks.get(WORDS_ANSWERED):
        # About the form, not an answer (the brief of session 43: the knowledge base answered
        # both): how to cancel it, and what a rating's points mean, from its own words.
        if asks_how_to_cancel(text):
            return [_ask(ctx, route.form, row, [ctx.render("form_problem.txt",
                                                           problem="how_to_cancel")])]
        if a_rating(question) and asks_about_the_scale(text):
            return [_ask(ctx, route.form, row, [ctx.render(
                "form_problem.txt", problem="scale", scale=scale_explained(question))])]
        if route.form.confirm and asks_what_sending_does(text):
            # "what happens next?", "who sees this?" at a question of a form shown back
            # before Send: in the form's own words, never kept as the answer nor the
            # knowledge base's guess (session 44's review: the outcome wanted sent on was
            # "what happens next?", and at the reference question, "After award ...").
            return [_ask(ctx, route.form, row, [ctx.render(
                "form_problem.txt", problem="what_next_early", title=route.form.title)])]
        if question.sending and question.hint and asks_what_sending_means(text):
            # "what does anonymous mean exactly?" at "Send it anonymously?": the question's
            # own hint says it (session 44's review: "I don't know the answer to that").
            return [_ask(ctx, route.form, row, [_sending_explained(ctx, question)])]
    if not question.choices and _label_of(route.form.pressed, text):
        # The button that opened the form, pressed again (its label typed): not an answer.
        return [_ask(ctx, route.form, row, [ctx.render("form_problem.txt", problem="pressed",
                                                       label=text)])]
    hint = ctx.registry.label_typed(text)
    # A word people type for a button ("ack" for Acknowledge) is a word of theirs at a question
    # answered in free words: its answer, checked as any (session 34's brief: "ack" at "Your
    # comment:" was "That button isn't on offer now").
    own_words = (not question.choices and not question.yes_no
                 and said_label(text) in ctx.registry.label_words)
    if hint == "form" and not _answers_it(question, text):
        # The summary's Send or Change typed at a question ("change", to change an earlier
        # answer): when they come, never "no form waiting to be sent" (session 42's trial).
        return [_ask(ctx, route.form, row, [ctx.render(
            "form_problem.txt", problem="summary_later", confirm=route.form.confirm)])]
    if hint is not None and not own_words and not _answers_it(question, text):
        # Another offer's button typed ("Acknowledge" at "What has happened?"): not on offer
        # here, and no answer (session 33's brief: it was kept as the feedback's words).
        return [Reply(text=ctx.render("button_not_on_offer.txt", hint=hint)),
                _still_open(ctx, route.form, row)]
    if (not ctx.marks.get(WORDS_ANSWERED) and match_choice(question.choices, text) is None
            and (asks_to_stop(text) or declines_to_go_on(question, text))):
        return [_ask_to_stop(ctx, route.form, row)]
    if ((" ".join(_WORD.findall(text.casefold())) in _CANCEL_WORDS
         or cancels(text, question=True)
         or (question.choices and not ctx.marks.get(WORDS_ANSWERED)
             and _CANCEL_OPENING.match(_plain(text)) is not None))
            and match_choice(question.choices, text) is None):
        return [_cancel(ctx, row)]
    # Never for words the safeguarding middleware has raised (or otherwise taken) this turn:
    # they go the ordinary way (session 36's review: "I have told the hub" beside "nothing is
    # sent", and the form left open for a second URGENT case).
    changed = (_change_of_mind(text, row.form_id)
               if match_choice(question.choices, text) is None
               and not ctx.marks.get(WORDS_ANSWERED) else None)
    if changed is not None:
        return [_ask(ctx, route.form, row, [_about_the_form(ctx, row, route.form, changed)])]
    if (_changing(row) and (not text or " ".join(_WORD.findall(text.casefold())) in _KEEP_TYPED)
            and match_choice(question.choices, text) is None):
        return _keep(ctx, route, row, question)
    if _skipping(question, text):
        if question.required:
            # Never kept as the answer: "nothing" at "What has happened?" (session 32's brief).
            problem = ctx.render("form_problem.txt", problem="not_skippable")
            return [_ask(ctx, route.form, row, [problem])]
        return _store(ctx, route, row, question, None)
    if (question.story and not question.choices and not ctx.marks.get(WORDS_ANSWERED)
            and row.values.get(_MORE_ASKED) != question.name and says_little(text)):
        # "fine" as the whole of their own account: a bit more asked for, once (the brief of
        # session 43: kept silently as the feedback); said again, it is their answer.
        row.values = {**row.values, _MORE_ASKED: question.name}
        row.updated_at = ctx.now
        return [_ask(ctx, route.form, row, [ctx.render(
            "form_problem.txt", problem="say_more", optional=not question.required)])]
    corrected = _correction(ctx, route, row, text)
    if corrected is not None:
        return [corrected]
    if (newer is not None and not question.choices and not question.yes_no
            and not ctx.marks.get(WORDS_ANSWERED)):
        # Session 36's review: the answer to the council's newer question on a case became
        # the new form's "What has happened?", nothing reaching the case.
        shown = newer()
        if shown is not None:
            return [_which_meant(ctx, route.form, row, question, text, shown)]
    if (question.prose and not question.choices and not ctx.marks.get(WORDS_ANSWERED)
            and asks_about_the_question(text)):
        # "what can I ask for?" at "What outcome would you like?": a question to me, never the
        # answer sent on (session 42's trial: it went to the council as the outcome wanted).
        return [_ask(ctx, route.form, row, [ctx.render(
            "form_problem.txt", problem="asks_about_it", words=_shown(text))])]
    # A question of their own at a question of a form shown back before Send: answered, the
    # form's question asked again, nothing kept (session 45's brief: "how long do they have
    # to reply?" was kept as the outcome wanted); in doubt it is their answer, said so.
    asked = (asks_for_information(text) if route.form.confirm and question.prose
             and not question.choices and not question.yes_no
             and not ctx.marks.get(WORDS_ANSWERED) else False)
    if asked is True and aside is not None:
        elsewhere = aside(text)
        if elsewhere is not None:
            current = _current(ctx)
            if current is None or current.id != row.id:
                return elsewhere
            return [*elsewhere, _still_open(ctx, route.form, row)]
    if (asked is not True and routed is not None and route.form.confirm and question.prose
            and not question.choices and not question.yes_no
            and not ctx.marks.get(WORDS_ANSWERED)
            and (reads_as_question(text) or _ASKING.search(text) is not None)):
        # A question no reading here takes for one of mine, but a feature's route takes
        # mid-form as it would outside it ("who do I tell that a carer hit a resident?": the
        # safeguarding guidance and "Raise a concern now"; session 46's review: kept as what
        # happened, nothing said of safeguarding): its replies, and the question asked again.
        taken = routed(text)
        if taken is not None:
            current = _current(ctx)
            if current is None or current.id != row.id:
                return taken
            return [*taken, _still_open(ctx, route.form, row)]
    asked_note = ([ctx.render("form_problem.txt", problem="question_kept", words=_shown(text),
                              label=question.label)] if asked is None else [])
    labelled = scale_rating(question, text) if not ctx.marks.get(WORDS_ANSWERED) else None
    if labelled is not None:
        # "poor", "very good" (the hint's words), "good": the rating they name (a reviewer's
        # console run: "Please choose one of: 1, 2, 3, 4, 5").
        return _store(ctx, route, row, question, _check(ctx, route, question, labelled))
    # (The words were read for safeguarding by the Router's middleware before they got here.)
    # A rating is read once a message, for the check and for what follows a refusal.
    reading = _read_rating(question.choices, text)
    try:
        value = _check(ctx, route, question, text, rating=reading)
    except BadInput as problem:
        if ctx.marks.get(WORDS_ANSWERED):
            return [_still_open(ctx, route.form, row)]
        if (route.form.confirm and not question.choices and not question.prose
                and not problem.meant_here
                and (yes_or_no(text) == "yes" or _plain(text) in _CONFIRMING)):
            # "ok" or "yes" at the reference question, nothing refused before it: no answer,
            # asked again (session 45's review: small talk's "Good. Ask me anything else", or
            # "I can't find ... 'yes' of yours").
            return [_ask(ctx, route.form, row, [ctx.render(
                "form_problem.txt", problem="no_answer_in_it", words=_shown(text),
                optional=not question.required)])]
        if (problem.goes_on and not question.required and not _changing(row)
                and _HESITANT.search(text) is None):
            # A sentence where a reference is asked ("Pay the rest" after a reference
            # refused): the question left out, and the words taken as the next one's answer
            # (session 44's review: each later line was refused as a reference in turn).
            return _go_on(incoming, ctx, route, row, question, text, aside=aside,
                          newer=newer, routed=routed)
        if (not question.required and not problem.meant_here and not reads_as_question(text)
                and yes_or_no(text) is None):
            # (kept to be carried into the account if a sentence goes on next; a question
            # asked there is answered and never kept: session 44's lead's check; nor a yes or
            # a no, which was "(yes)" at the end of what happened: session 45)
            row.values = {**row.values, _REFUSED: text}
            if problem.may_be_right:
                row.values = {**row.values, _UNFOUND: " ".join(text.split())}
        # The form's own word on what it refused (a survey: a complaint typed at a choice
        # goes to /conflict), before the question is asked again; nothing kept.
        note = (route.refused(question, text, ctx)
                if route.refused is not None and not problem.meant_here else None)
        if note is not None:
            return [_ask(ctx, route.form, row, [note])]
        if question.choices and not problem.meant_here and reading is True:
            # "I'd say 2 - no, 3": asked again with its buttons, nothing kept, and that said
            # (the second review of session 40: the words after it went without a word).
            return [_ask(ctx, route.form, row, [
                ctx.render("form_problem.txt", problem="rating_in_doubt", words=_shown(text)),
                str(problem)])]
        sending = (sending_said(question.choices, text)
                   if question.sending and not problem.meant_here else False)
        if sending is True:
            # "no, don't use my name": a no, and no name asked for; which is meant is asked.
            return [_ask(ctx, route.form, row, [
                ctx.render("form_problem.txt", problem="choice_in_doubt", words=_shown(text)),
                str(problem)])]
        named = ((sending or (reading if isinstance(reading, tuple) else None)
                  or (yes_or_no_then(question.choices, text) if _form_of(route).confirm
                      else None)
                  or (named_choice(question.choices, text)
                      if not (a_rating(question) and _a_count(text)) else None))
                 if question.choices and not problem.meant_here else None)
        # Words opening with a number at a rating question that give no rating ("2, 3 of the
        # visits were missed", "3 missed visits"): said, before what becomes of the words
        # (session 40's left list: the person may well think they gave one). A number alone
        # out of the scale ("7") is only asked again, with the scale.
        no_rating = ([ctx.render("form_problem.txt", problem="no_rating", words=_shown(text))]
                     if named is None and not problem.meant_here and a_rating(question)
                     and _opens_with_a_number(text) and not text.strip().isdigit() else [])
        if named is not None:
            # The choice said in other words: taken, and the rest kept where the form keeps
            # the person's account, if it is one; else said not kept (session 40's brief: "1
            # the council never replies" lost its words without a word).
            choice, rest = named
            value = _check(ctx, route, question, choice)
            kept = _kept_rest(ctx, route, row, value, rest)
            return _store(ctx, route, row, question, value, lead=kept)
        if (question.choices and not problem.meant_here
                and match_choice(question.choices, text) is None
                and states_something(text, ctx.registry)):
            taken = routed(text) if routed is not None else None
            if taken is not None:
                current = _current(ctx)
                if current is None or current.id != row.id:
                    return taken
                return [*taken, _still_open(ctx, route.form, row)]
            kept = _keep_for_later(ctx, route, row, text)
            if kept:
                return [_ask(ctx, route.form, row, [*no_rating, *kept])]
            told = _story_told(route.form, row)
            if told is not None and not reads_as_question(text):
                # More of the account, after it was given ("the council also pays us late
                # every month" at "Send it anonymously?"): never added unasked (at how the form
                # is sent, it would go under no name), but said not kept, and how to add it
                # (session 42's trial: answered from the knowledge base, or refused as no
                # choice, and the person thought it was part of what they sent).
                return [_ask(ctx, route.form, row, [*no_rating, ctx.render(
                    "form_problem.txt", problem="statement_not_kept", words=_shown(text),
                    label=told.label)])]
        if (question.choices and not problem.meant_here and wants_outcome(text)
                and len(text.split()) >= KEEP_WORDS and _story_later(route.form, row)):
            # An outcome wanted is no part of what happened (session 39's review: "we would
            # like them to pay us within a fortnight" was added to it): not kept, and said so.
            story = _story_later(route.form, row)
            outcome = any("outcome" in field.name and field.name not in row.values
                          for field in route.form.fields[row.position + 1:])
            return [_ask(ctx, route.form, row, [ctx.render(
                "form_problem.txt", problem="outcome_not_kept", outcome=outcome,
                label=story.label if story is not None else "")])]
        if (question.choices and not problem.meant_here
                and len(text.split()) < KEEP_WORDS and _story_kept(route.form, row)
                and match_choice(question.choices, text) is None
                and states_something(text, ctx.registry, least=2)):
            # A few more words after an account kept here ("three invoices since october"):
            # more of it, added (session 39's review: dropped without a word).
            kept = _keep_for_later(ctx, route, row, text, more=True)
            if kept:
                return [_ask(ctx, route.form, row, kept)]
        if (question.sending and not problem.meant_here and yes_or_no(text) is None
                and ctx.registry.answers_nothing(text)):
            # "ok" at "Send it anonymously?": neither a yes nor a no, so asked again, never
            # small talk's "Good. Ask me anything else" beside a form still waiting (session
            # 44's brief).
            return [_ask(ctx, route.form, row, [ctx.render(
                "form_problem.txt", problem="choice_in_doubt", words=_shown(text)),
                str(problem)])]
        # A yes or a no refused here is for this question, never small talk's "I wasn't
        # waiting for a yes or no" beside it (session 30's trial); nor a word people type for
        # a button, nor other words that ask nothing, at a question answered in free words:
        # the form's answer, refused in its words (session 35's brief: "ack" at "Why does it
        # not apply?" got "Good. Ask me anything else ..." beside the form's note).
        elsewhere = (aside(text) if aside is not None and yes_or_no(text) is None
                     and not problem.meant_here and not own_words and not no_rating
                     and not (question.prose and not reads_as_question(text)) else None)
        if elsewhere is not None:
            # Named after them, unless what they did closed or replaced it.
            current = _current(ctx)
            if current is None or current.id != row.id:
                return elsewhere
            return [*elsewhere, _still_open(ctx, route.form, row)]
        kept = _keep_for_later(ctx, route, row, text, story=problem.a_story)
        return [_ask(ctx, route.form, row, [str(problem), *kept] if problem.a_story
                     else [*no_rating, *kept, str(problem)])]
    # Words that would cancel at the summary ("Scrap it.", "we can forget it") are this
    # question's answer when it takes words: kept, and how to cancel said (the review of
    # session 40: they cancelled the form and the account already typed).
    doubt = ([ctx.render("form_problem.txt", problem="kept_not_cancelled", words=_shown(text))]
             if not question.choices and cancels(text) else [])
    return _store(ctx, route, row, question, value, lead=[*doubt, *asked_note],
                  doubted=asked is None)


# Words that may stand beside "never mind" alone ("oh never mind", "ok forget it then"); never
# a no ("no, never mind" at "Send it anonymously?" is a no, its words said not kept) nor "we
# can" ("we can forget it" at the feedback's own words is the feedback: session 40's review).
_BESIDE_STOP = frozenset({"oh", "ok", "okay", "just", "then", "actually", "sorry", "ah", "um",
                          "erm", "hmm", "well", "ugh", "argh", "please"})


def asks_to_stop(text: str) -> bool:
    """Whether ``text`` is only "never mind" or "forget it" (``_STOP_WORDS``; "oh never mind",
    "forget it then"): at a question it may be an answer or a wish to stop, so which is asked
    (pure)."""
    found = False
    for clause in _clauses(text):
        words = _plain(clause).split()
        words = _without_ends(words, _BESIDE_STOP)
        if not words:
            continue
        if " ".join(words) not in _ASKS_TO_STOP:
            return False
        found = True
    return found


def declines_to_go_on(question: FormField, text: str) -> bool:
    """Whether ``text`` is a polite no ("no thanks") where it cannot be an answer: a required
    choice question (a rating) that is no yes or no nor how the form is sent; at a question
    answered in words it is still refused as needing an answer (pure)."""
    return (question.required and bool(question.choices) and not question.yes_no
            and not question.sending
            and _plain(text) in _NO_THANKS and match_choice(question.choices, text) is None)


def _ask_to_stop(ctx: Context[Any], form: Form, row: FormSession) -> Reply:
    """"Cancel this feedback form?" with Cancel the form and Keep going; nothing changed but
    that it waits for the answer."""
    row.values = {**row.values, _STOP_ASKED: str(row.position)}
    row.updated_at = ctx.now
    ctx.session.flush()
    value = f"{row.id}:{row.position}"
    return Reply(text=ctx.render("form_stop.txt", title=form.title),
                 buttons=(Button(label=STOP_CHOICES[0], action=STOP, value=value),
                          Button(label=STOP_CHOICES[1], action=RESUME, value=value)))


def _stop_said(ctx: Context[Any], row: FormSession, text: str) -> bool | None:
    """While "Cancel this ... form?" waits: True when ``text`` says to cancel, False to keep
    going; else None, and it no longer waits (the words answer the form). Its choices' numbers
    ("1" Cancel the form, "2" Keep going, as a console shows them and as a channel without
    buttons lists them), a yes or a no, or a choice's words ("keep going please") answer it,
    never the form's question (session 42's brief: on e-mail "1" was the rating 1, and at the
    summary it was Send)."""
    if _STOP_ASKED not in row.values:
        return None
    said = _plain(text) if not ctx.marks.get(WORDS_ANSWERED) else ""
    number = _BARE_NUMBER.fullmatch(text) is not None and said in ("1", "2")
    polite = " ".join(_trimmed_cancel(said.split()))
    if said in _STOP_YES or polite in _STOP_YES or (number and said == "1") or (
            yes_or_no(said) == "yes"):
        return True
    _stop_answered(row)
    if said in _STOP_NO or polite in _STOP_NO or (number and said == "2") or (
            yes_or_no(said) == "no"):
        return False
    return None


def _stop_answered(row: FormSession) -> None:
    """"Cancel this ... form?" no longer waits (kept going, or the question answered)."""
    if _STOP_ASKED in row.values:
        row.values = _without(row.values, _STOP_ASKED)


def press_stop(incoming: Incoming, ctx: Context[Any]) -> list[Reply]:
    """Cancel the form (``form.stop``) under "Cancel this ... form?": closed, nothing sent."""
    row = _stop_pressed(incoming, ctx)
    return [_stale(ctx)] if row is None else [_cancel(ctx, row)]


def press_resume(incoming: Incoming, ctx: Context[Any]) -> list[Reply]:
    """Keep going (``form.resume``) under "Cancel this ... form?": the question asked again,
    or the summary shown again, every answer as it was."""
    row = _stop_pressed(incoming, ctx)
    route = _route(ctx, row.form_id) if row is not None else None
    if row is None or route is None or route.form is None:
        return [_stale(ctx)]
    _stop_answered(row)
    row.updated_at = ctx.now
    ctx.session.flush()
    if _at_summary(route.form, row):
        return [_summary(ctx, route.form, row, [])]
    return [_ask(ctx, route.form, row, [])]


def _stop_pressed(incoming: Incoming, ctx: Context[Any]) -> FormSession | None:
    """The person's open form, when the button pressed answers its "Cancel this ... form?",
    waiting now; None when the button is stale."""
    ids = _parse_ids(incoming.action_value, 2)
    row = _current(ctx)
    if (ids is None or row is None or ids[0] != row.id or ids[1] != row.position
            or _STOP_ASKED not in row.values):
        return None
    return row


def _which_meant(ctx: Context[Any], form: Form, row: FormSession, question: FormField,
                 text: str, shown: tuple[str, str]) -> Reply:
    """"Is this your answer to the message on PB-..., or to your form's question?", with a
    button for each; ``text`` is held on the form until one is pressed."""
    row.values = {**row.values, _HELD: text, _HELD_FOR: shown[0]}
    row.updated_at = ctx.now
    ctx.session.flush()
    reference, first_line = shown
    value = f"{row.id}:{row.position}"
    return Reply(text=ctx.render("form_which.txt", reference=reference, message=first_line,
                                 title=form.title, label=question.label),
                 buttons=(Button(label="The message", action=WHICH, value=f"{value}:1"),
                          Button(label="The form", action=WHICH, value=f"{value}:0")))


def _which_again(ctx: Context[Any], form: Form, row: FormSession, question: FormField,
                 text: str) -> Reply:
    """``_which_meant``'s question asked again about the words held, when others were typed
    instead of a button pressed: those are not taken, and the person is told so."""
    held, reference = str(row.values[_HELD]), str(row.values.get(_HELD_FOR) or "")
    row.updated_at = ctx.now
    ctx.session.flush()
    value = f"{row.id}:{row.position}"
    return Reply(text=ctx.render("form_which.txt", reference=reference, title=form.title,
                                 label=question.label, held=held, typed=text),
                 buttons=(Button(label="The message", action=WHICH, value=f"{value}:1"),
                          Button(label="The form", action=WHICH, value=f"{value}:0")))


# The labels of ``_which_meant``'s buttons typed in words, and the button each presses.
_WHICH_TYPED = MappingProxyType({"the message": 1, "message": 1, "the case": 1, "the form": 0,
                                 "form": 0})


def which_typed(row: FormSession, text: str) -> str | None:
    """The value of the ``WHICH`` button whose label ``text`` types ("the message", "the
    form"), while words are held on ``row``; None otherwise."""
    meant = _WHICH_TYPED.get(said_label(text))
    if meant is None or _HELD not in row.values:
        return None
    return f"{row.id}:{row.position}:{meant}"


def held_words(incoming: Incoming, ctx: Context[Any]
               ) -> tuple[FormSession, str, str | None] | None:
    """For a ``form.which`` button pressed: the open form, the words held on it (no longer
    held) and the case whose message they were meant for (None: the form's question); None
    when the button is stale."""
    ids = _parse_ids(incoming.action_value, 3)
    found = _pressed(ctx, ids[:2] if ids is not None else None)
    if found is None or ids is None:
        return None
    row = found[1]
    held, reference = row.values.get(_HELD), row.values.get(_HELD_FOR)
    if not held:
        return None
    row.values = _without(row.values, _HELD, _HELD_FOR)
    ctx.session.flush()
    return row, held, (reference or "") if ids[2] == 1 else None


def still_open(ctx: Context[Any], row: FormSession) -> Reply | None:
    """"You still have a form open ...", when ``row`` is still the person's open form."""
    current = _current(ctx)
    route = _route(ctx, row.form_id)
    if current is None or current.id != row.id or route is None or route.form is None:
        return None
    return _still_open(ctx, route.form, row)


# Words about the form itself, not an answer to its question (session 36's trial: "actually
# no, make this feedback not a complaint" at "What outcome would you like?" was the
# disagreement's outcome): a change of mind typed alone, or a short message made only of such
# words and of a form of another kind asked for instead. A sentence that says more ("Our
# manager will turn this into a complaint if unpaid") is the answer (session 36's review).
_MIND_CHANGED = frozenset({"actually no", "no actually", "no wait", "wait no", "oh wait no",
                           "start again", "start over", "restart", "start from scratch",
                           "wrong form", "i changed my mind", "changed my mind",
                           "i ve changed my mind", "ive changed my mind",
                           "this is the wrong form", "it s the wrong form", "its the wrong form",
                           "the wrong form", "wrong one", "this is the wrong one"})
# Words that may stand beside a switch in a message about the form ("no, ...", "sorry, ...").
_ABOUT_THE_FORM = frozenset({"no", "sorry", "oops", "actually", "oh", "wait", "hmm", "please",
                             "instead", "thanks", "ok", "okay"})
_KIND_WORDS = "feedback|complaint|disagreement|dispute|conflict"
_KINDS = rf"({_KIND_WORDS})"
_A = r"(?:a |an |some |just )?"
_NOT_KIND = rf"(?:,?\s*(?:and\s+|but\s+)?not\s+{_A}(?:{_KIND_WORDS}))?"
_TAIL = rf"(?:\s+instead)?{_NOT_KIND}(?:\s+instead)?(?:,?\s+please)?"
# One clause that asks for a form of a kind, and nothing else ("make this feedback not a
# complaint", "I want to do feedback instead", "this should be feedback, not a complaint").
_SWITCH = re.compile(
    rf"(?:(?:please|can you|could you|can we|let s|lets)\s+)?"
    rf"(?:(?:make|turn|change|switch|convert)\s+(?:this|it|that)\s+(?:(?:in)?to\s+)?{_A}"
    rf"|(?:switch|change)\s+to\s+{_A}"
    rf"|i\s+(?:meant|wanted|want|would like|d like|need)\s+(?:to\s+(?:give|leave|send|raise|"
    rf"make|do|write)\s+)?{_A}"
    rf"|(?:this|it)\s+(?:should\s+be|is|was meant to be)\s+{_A}"
    rf"|(?:do|give|send|raise)\s+{_A})"
    rf"{_KINDS}(?:\s+(?:form|one))?{_TAIL}")
# The command a kind of form asked for starts (looked up among those registered).
_KIND_COMMAND = {"feedback": "feedback", "complaint": "conflict", "disagreement": "conflict",
                 "dispute": "conflict", "conflict": "conflict"}


def _trimmed(words: list[str]) -> list[str]:
    """``words`` without the words beside a change of mind at either end ("actually i want
    to give feedback instead", "this is the wrong form sorry"; session 39's review)."""
    while len(words) > 1 and words[0] in _ABOUT_THE_FORM:
        words = words[1:]
    while len(words) > 1 and words[-1] in _ABOUT_THE_FORM:
        words = words[:-1]
    return words


def _change_of_mind(text: str, form_id: str = "") -> str | None:
    """The kind of form asked for instead ("feedback"), "" for a change of mind naming none
    ("actually no", "start again"), or None when ``text`` is no change of mind (pure).

    Only a message plainly about the form: each of its clauses a change of mind, a form of a
    kind asked for, or a word beside them ("no", "sorry"); a kind asked for that is the open
    form's own (``form_id``: "a dispute" in /conflict) is no change of mind at all."""
    said = " ".join(_WORD.findall(text.casefold().replace("\u2019", "'"))).replace("'", " ")
    if said in _MIND_CHANGED:
        return ""
    clauses = [" ".join(_WORD.findall(clause)).replace("'", " ")
               for clause in re.split(r"[,;.!:\u2013\u2014-]+|\s+but\s+",
                                      text.casefold().replace("\u2019", "'"))]
    clauses = [" ".join(clause.split()) for clause in clauses if clause.strip()]
    kind: str | None = None
    mind = False
    for clause in clauses:
        # The clause, and the same without the words beside it at either end.
        trimmed = " ".join(_trimmed(clause.split()))
        if clause in _MIND_CHANGED or trimmed in _MIND_CHANGED:
            mind = True
            continue
        if set(clause.split()) <= _ABOUT_THE_FORM:
            continue
        if re.fullmatch(rf"(?:and\s+|but\s+)?not\s+{_A}{_KINDS}", clause):
            continue
        found = _SWITCH.fullmatch(clause) or _SWITCH.fullmatch(trimmed)
        if found is None:
            return None
        kind = kind or found.group(1)
    if kind is None:
        return "" if mind else None
    if form_id and _KIND_COMMAND.get(kind) == form_id:
        # This form's own kind: no change of mind, unless one is said beside it.
        return "" if mind else None
    return kind


def _about_the_form(ctx: Context[Any], row: FormSession, form: Form, kind: str) -> str:
    """What a change of mind is told: nothing kept; /cancel stops the form, and the command
    that starts the form of the kind asked for, when there is one other than this form's."""
    name = _KIND_COMMAND.get(kind)
    route = ctx.registry.commands.get(name) if name else None
    switch = (f"/{name}" if route is not None and ctx.person.role in route.roles
              and name != row.form_id else None)
    return ctx.render("form_problem.txt", problem="mind_changed", title=form.title,
                      switch=switch)


def _answers_it(question: FormField, text: str) -> bool:
    """Whether ``text`` is a plausible answer to ``question``: one of its choices, or a yes or
    a no where one answers it."""
    return (match_choice(question.choices, text) is not None
            or (question.yes_no and yes_or_no(text) is not None))


def _skipping(question: FormField, text: str) -> bool:
    """Whether ``text`` asks to leave ``question`` out: "skip", or a decline ("none thanks",
    "n/a"), as the Skip button does (a required question then says it needs an answer); never
    a choice it names, a lone yes or no at a question a yes or no answers, nor "none" where it
    is an answer (``FormField.none_answer``: the invoice's "no single placement")."""
    if match_choice(question.choices, text) is not None:
        return False
    if text.casefold() == _SKIP_WORD:
        return True
    if not question.required and " ".join(
            _WORD.findall(apostrophes_dropped(text.casefold()))) in _UNSURE:
        # Read with the apostrophes dropped: "I don't know" is "i dont know" (the review of
        # session 44: it was read as the feedback's own words, a safety question beside it).
        return True
    if not declines(text) or (question.yes_no and yes_or_no(text) is not None):
        return False
    if not question.required:
        return True
    # A required choice question, or a lone no at one that takes a paragraph, is refused by
    # ``_check`` in its own words (the choices; "not just a yes or no").
    return not (question.none_answer or question.choices
                or (question.prose and yes_or_no(text) is not None))


def _label_of(labels: Sequence[str], text: str) -> bool:
    """Whether ``text`` is one of ``labels``, read as a label typed is (``said_label``)."""
    said = said_label(text)
    return any(said_label(label) == said for label in labels)


# "oh wait wrong one, INV-2001" typed at the question after the invoice's (session 26's
# trial: it became the answer to "What has happened?", and the case headline): a correction
# of the answer before, when what follows the correction is an answer that question takes.
_CORRECTION = re.compile(
    r"^(?:(?:oh|oops|sorry|no|wait|hang on|hold on|actually|ah|argh|damn)\W+){0,3}"
    r"(?:(?:that was |i gave |i put |i typed |gave |put )?(?:the |a )?wrong(?: one| number"
    r"| reference| invoice| placement| date| answer)?|i meant|i mean|meant|should (?:have been"
    r"|be)|correction)\W+(?:(?:it|its|it's|it is|that|the right one is|the right one's"
    r"|should be)\W+)?(?P<rest>\S.{0,200})$", re.IGNORECASE)


MAX_CORRECTION_WORDS = 4


def _correction(ctx: Context[Any], route: Route, row: FormSession, text: str) -> Reply | None:
    """A correction of the answer before the current question, taken: that answer changed
    and the current question asked again (saying so); else None."""
    found = _CORRECTION.match(text)
    form = _form_of(route)
    if found is None or row.position == 0:
        return None
    given = str(row.values.get(_GIVEN) or "").split(",")
    earlier = next((field for field in reversed(form.fields[:row.position])
                    if row.values.get(field.name) is not None), None)
    # Only a short answer of a kind that is checked (a choice, a reference, a number, a date)
    # that the person typed: never words in prose, nor what a command gave (the session's
    # review: "Should be paid in full ..." at "What outcome would you like?" replaced the
    # description; "Correction: the invoice was paid on 3 Dec" moved a comment's case).
    rest = found.group("rest").strip().rstrip(".!")
    if (earlier is None or earlier.prose or earlier.name in given
            or not (earlier.choices or earlier.name in route.validators)
            or len(rest.split()) > MAX_CORRECTION_WORDS):
        return None
    for candidate in dict.fromkeys((rest, rest.split()[0].rstrip(",;:"), rest.split()[-1])):
        try:
            value = _check(ctx, route, earlier, candidate)
        except BadInput:
            continue
        if value == row.values.get(earlier.name):
            continue  # "RV-0042 not INV-7": the answer already given is not the correction
        row.values = {**row.values, earlier.name: value}
        row.updated_at = ctx.now
        ctx.session.flush()
        said = ctx.render("form_problem.txt", problem="corrected", label=earlier.label,
                          value=value)
        return _ask(ctx, form, row, [said])
    return None


def _story_later(form: Form, row: FormSession) -> FormField | None:
    """The form's first question after the current one that takes the person's account
    (``FormField.story``), when the form shows a summary before Send; else None."""
    if not form.confirm:
        return None
    return next((field for field in form.fields[row.position + 1:] if field.story), None)


def _story_told(form: Form, row: FormSession) -> FormField | None:
    """The question before the current one that took the person's account
    (``FormField.story``) and holds it, when the form shows a summary before Send and asks
    for no account later; else None."""
    if not form.confirm or _story_later(form, row) is not None:
        return None
    return next((field for field in reversed(form.fields[:row.position])
                 if field.story and row.values.get(field.name)), None)


def _story_kept(form: Form, row: FormSession) -> bool:
    """Whether words typed at the current question were kept as the answer to a later
    account (``_keep_for_later``), or that account is answered while Change asks again."""
    story = _story_later(form, row)
    return story is not None and bool(row.values.get(story.name))


def _keep_for_later(ctx: Context[Any], route: Route, row: FormSession, text: str, *,
                    story: bool = False, more: bool = False, quoted: bool = False
                    ) -> list[str]:
    """Keep ``text``, refused at the current question (a choice, or a short answer such as a
    number or a reference that it is too long for), as the answer to the form's first later
    unanswered question that takes the person's account (``FormField.story``), when it is a
    sentence (``KEEP_WORDS``) that question accepts; the line saying so (or that the words are
    too long to keep there), or nothing. At a choice question, words kept there before are
    added to. Only in a form with ``Form.confirm``: its summary shows the words kept before
    anything is sent. ``story``: the question's validator read the words as a story
    (``BadInput.a_story``): kept, however short. ``more``: a few words added to those kept
    here already, however short. While Change asks the choice question again, a statement is
    added to the account as it stands, as on the first pass (session 39's review: it was
    answered from the knowledge base and lost). A later account kept here is never asked,
    so not counted in "question N of M" (``_GIVEN``). ``quoted``: the line quotes the words
    kept (only part of the message was)."""
    form = _form_of(route)
    question = _question_at(form, row)
    if (not form.confirm or question.prose
            or (len(text.split()) < KEEP_WORDS and not story and not more)):
        return []
    if (question.choices and not story
            and not states_something(text, ctx.registry, least=2 if more else KEEP_WORDS)):
        # A question put as a statement that nothing answered aside ("I'd like to know ..."),
        # small talk, a hesitation: no account of what happened.
        return []
    if not story and not question.choices and (len(text) <= question.max_length or (
            len(text) <= KEEP_CHARACTERS and _HESITANT.search(text) is not None)):
        # A short answer refused for what it says ("pledges 3 and 5"), or a hesitant line
        # ("not sure which one, maybe about payments"): asked again, not taken as the story.
        # Other words too long for the question are (session 32's trial: "invoices are always
        # paid late by the council, every month" was refused and lost).
        return []
    later = next((field for field in form.fields[row.position + 1:]
                  if field.story and field.name not in row.values), None)
    kept = ""
    if later is None and question.choices and not story:
        # A later account already holds words kept here: a statement typed at the choice
        # question again is more of it (the story told in two messages), added on a new line.
        later = next((field for field in form.fields[row.position + 1:]
                      if field.story and row.values.get(field.name)), None)
        kept = str(row.values.get(later.name) or "") if later is not None else ""
    if later is None:
        return []
    if _plain(text) in {_plain(line) for line in kept.split("\n")}:
        # The same words typed again: kept already.
        return [ctx.render("form_problem.txt", problem="kept", label=later.label)]
    words = _joined(kept, text) if kept else text
    if len(words) > later.max_length:
        return [ctx.render("form_problem.txt", problem="too_long_to_keep", label=later.label,
                           length=len(words), limit=later.max_length, added=bool(kept))]
    try:
        value = _check(ctx, route, later, words)
    except BadInput:
        return []
    given = [name for name in str(row.values.get(_GIVEN) or "").split(",") if name]
    if not kept and not _changing(row) and later.name not in given:
        given.append(later.name)
    # A new dict: the JSON column sees it.
    row.values = {**row.values, later.name: value, _GIVEN: ",".join(given)}
    row.updated_at = ctx.now
    ctx.session.flush()
    return [ctx.render("form_problem.txt", problem="added" if kept else "kept",
                       label=later.label, words=_shown(text) if quoted else None)]


def _joined(kept: str, text: str) -> str:
    """``text`` added to the words ``kept`` as a sentence of its own (session 40's brief: "...
    for 2 months they say ..." read as one sentence): the words before end with a stop, the
    new ones start with a capital, on a line of their own."""
    earlier = kept.rstrip()
    if earlier and earlier[-1] not in ".!?\u2026":
        earlier += "."
    added = text.strip()
    added = added[:1].upper() + added[1:] if added[:1].islower() else added
    return f"{earlier}\n{added}" if earlier else added


def _kept_rest(ctx: Context[Any], route: Route, row: FormSession, choice: str, rest: str
               ) -> list[str]:
    """The words typed after a choice (``rest``: "1 the council never replies"), kept: as
    the answer to the form's later account (``FormField.story``), or added to the account
    given before ("no - we have not been paid since october" at the last question), when
    they tell what happened and the form shows a summary before Send; else said not kept. A
    line quoting them either way; nothing for words that say nothing ("please", "thanks")."""
    words = [apostrophes_dropped(token.group())
             for token in _TOKEN.finditer(rest.casefold())]
    if words and cancels(rest):
        # "no, never mind": a cancel, perhaps, but not unmistakably one here; said.
        return [ctx.render("form_problem.txt", problem="rest_not_kept", choice=choice,
                           words=_shown(rest), cancel=True)]
    if not words or set(words) <= _CONSENT | _POLITE | _THANKS or ctx.registry.answers_nothing(
            rest):
        return []
    form = _form_of(route)
    if _question_at(form, row).sending:
        # Words typed at "Send it anonymously?" are about the choice, never more of the
        # account: added to it, they would go to the council under no name (the review of
        # session 40: "yes - we are the only nursing home in Westbury so they would know").
        about = {word for choice in _question_at(form, row).choices
                 for word in _WORD.findall(choice.casefold())}
        if set(words) <= _CONSENT | _POLITE | _THANKS | _SENDING_WORDS | about:
            return []
    elif form.confirm and states_something(rest, ctx.registry, least=2):
        if _story_later(form, row) is not None:
            kept = _keep_for_later(ctx, route, row, rest, more=True, quoted=True)
            if kept:
                return kept
        earlier = next((field for field in reversed(form.fields[:row.position])
                        if field.story and row.values.get(field.name)), None)
        if earlier is not None:
            added = _add_to(ctx, route, row, earlier, rest)
            if added:
                return added
    return [ctx.render("form_problem.txt", problem="rest_not_kept", choice=choice,
                       words=_shown(rest))]


# Words that only say again a choice about how the form is sent ("yes please keep it
# anonymous", "no - put my name on it", "No, not anonymously").
_SENDING_WORDS = frozenset(("keep", "put", "on", "it", "anonymous", "anonymously", "name",
                            "names", "my", "our", "send", "sent", "without", "us", "fine"))


def _add_to(ctx: Context[Any], route: Route, row: FormSession, field: FormField, text: str
            ) -> list[str]:
    """``text`` added to ``field``'s answer as a sentence (``_joined``), when the answer so
    made is one the field takes; the line saying so, or nothing."""
    words = _joined(str(row.values.get(field.name) or ""), text)
    if len(words) > field.max_length:
        return [ctx.render("form_problem.txt", problem="too_long_to_keep", label=field.label,
                           length=len(words), limit=field.max_length, added=True)]
    try:
        value = _check(ctx, route, field, words)
    except BadInput:
        return []
    row.values = {**row.values, field.name: value}
    row.updated_at = ctx.now
    ctx.session.flush()
    return [ctx.render("form_problem.txt", problem="added", label=field.label,
                       words=_shown(text))]


def _numbering(form: Form, row: FormSession) -> tuple[int, int]:
    """The current question's number and the count of questions, leaving out those given when
    the form was started (never asked)."""
    if _changing(row):  # Change asks every question again, those given at the start too
        return row.position + 1, len(form.fields)
    given = set(str(row.values.get(_GIVEN) or "").split(","))
    asked = [n for n, field in enumerate(form.fields) if field.name not in given]
    if row.position not in asked:
        return row.position + 1, len(form.fields)
    return asked.index(row.position) + 1, len(asked)


def _still_open(ctx: Context[Any], form: Form, row: FormSession) -> Reply:
    """"You still have a form open ...": which form, which question, how to stop it, and the
    question's buttons (so a console numbers the form's choices, not another reply's)."""
    waiting = _waiting(form, row)
    return Reply(text=ctx.render("form_open.txt", title=form.title, **waiting.said),
                 buttons=waiting.buttons)


def press_answer(incoming: Incoming, ctx: Context[Any]) -> list[Reply]:
    """A choice button (``form.answer``) was pressed: answer the current question with it."""
    ids = _parse_ids(incoming.action_value, 3)
    found = _pressed(ctx, ids)
    if found is None or ids is None:
        return [_stale(ctx)]
    route, row, question = found
    index = ids[2]
    if not 0 <= index < len(question.choices):
        return [_stale(ctx)]
    try:
        value = _check(ctx, route, question, question.choices[index])
    except BadInput as problem:
        return [_ask(ctx, _form_of(route), row, [str(problem)])]
    return _store(ctx, route, row, question, value)


def press_skip(incoming: Incoming, ctx: Context[Any]) -> list[Reply]:
    """The Skip button (``form.skip``) was pressed: skip the current, optional, question."""
    found = _pressed(ctx, _parse_ids(incoming.action_value, 2))
    if found is None or found[2].required:
        return [_stale(ctx)]
    route, row, question = found
    return _store(ctx, route, row, question, None)


def press_send(incoming: Incoming, ctx: Context[Any]) -> list[Reply]:
    """Send (``form.send``) under a summary: run the form's handler with the answers shown."""
    found = _summary_pressed(ctx, _parse_ids(incoming.action_value, 3))
    if found is None:
        return [_stale(ctx)]
    route, row = found
    if row.values.get(_TYPED):
        # "Send without it", under "Not sent yet: ... is still waiting".
        return _sent_without(ctx, route, row)
    return _submit(ctx, route, row, [])


def press_change(incoming: Incoming, ctx: Context[Any]) -> list[Reply]:
    """Change (``form.change``) under a summary: ask every question again, answers kept."""
    found = _summary_pressed(ctx, _parse_ids(incoming.action_value, 3))
    if found is None:
        return [_stale(ctx)]
    route, row = found
    return _begin_change(ctx, route, row)


def press_pick(incoming: Incoming, ctx: Context[Any]) -> list[Reply]:
    """An answer's button (``form.pick``) under "Which answer would you like to change?":
    ask that question again (its answer kept shown); Back shows the summary again."""
    ids = _parse_ids(incoming.action_value, 3)
    row = _current(ctx)
    if ids is None or row is None or ids[0] != row.id or not _picking(row):
        return [_stale(ctx)]
    route = _route(ctx, row.form_id)
    if route is None or route.form is None or ids[1] != _round(row):
        return [_stale(ctx)]
    if ids[2] >= len(route.form.fields):
        return [_back_to_summary(ctx, route.form, row)]
    return [_change_one(ctx, route.form, row, ids[2])]


def press_keep(incoming: Incoming, ctx: Context[Any]) -> list[Reply]:
    """Keep (``form.keep``) at a question Change asks again: leave its answer as it was."""
    found = _pressed(ctx, _parse_ids(incoming.action_value, 2))
    if found is None or not _changing(found[1]):
        return [_stale(ctx)]
    route, row, question = found
    return _keep(ctx, route, row, question)


def cancel(incoming: Incoming, ctx: Context[Any]) -> list[Reply]:
    """``/cancel`` or the Cancel button (``form.cancel``): close the open form, sending nothing.

    A Cancel button must carry the id of the person's open form; an old one is stale.
    """
    row = _current(ctx)
    if incoming.action == CANCEL:
        ids = _parse_ids(incoming.action_value, 1)
        if row is None or ids is None or ids[0] != row.id:
            return [_stale(ctx)]
    if row is None:
        return [Reply(text=ctx.render("form_nothing_to_cancel.txt"))]
    return [_cancel(ctx, row)]


def _cancel(ctx: Context[Any], row: FormSession) -> Reply:
    """Close the open form ``row``, saying what was sent: nothing, or what was sent before it
    opened (``Form.cancelled``)."""
    words = _cancelled(ctx, row)
    _delete(ctx, row)
    return Reply(text=words)


def _cancelled(ctx: Context[Any], row: FormSession | None) -> str:
    """What cancelling ``row`` says: ``Form.cancelled`` with its answers, else that nothing
    was sent."""
    route = ctx.registry.forms.get(row.form_id) if row is not None else None
    form = route.form if route is not None else None
    if row is None or form is None or not form.cancelled:
        return ctx.render("form_cancelled.txt")
    answers = {name: str(value) for name, value in (row.values or {}).items()
               if not name.startswith("_") and value is not None}
    return ctx.render(form.cancelled, **answers)


def close_if_open(ctx: Context[Any], form_id: str, **values: str) -> bool:
    """Close the person's open form ``form_id`` when its answers hold ``values`` (a command
    has just done what the form was asking for); whether one was closed."""
    row = _current(ctx)
    if row is None or row.form_id != form_id or any(
            row.values.get(name) != value for name, value in values.items()):
        return False
    _delete(ctx, row)
    return True


def close_done_by(ctx: Context[Any], pending: Pending, command: str) -> bool:
    """Close the form that was open before ``command`` ran (a command line, without its
    slash) when that form was opened by the same command with fewer words, all of them in
    this one: the command typed whole has done the form's work itself. Whether one was closed.

    Session 33's trial: "/placement new RC-101 1/8/2026 priya@..." typed while its form asked
    for the contact was recorded, and the form stayed open and took the next words as its
    answer. Its first words (the command, subcommand and reference) are compared, not the rest
    as written ("01/08/2026" or "1 Aug 2026"). The same command about something else
    ("/placement new RC-102 ..."), or fewer words ("/case PB-... " while its comment is
    asked), leave the form open.
    """
    if pending.session is None:
        return False
    row = _current(ctx)
    if row is None or row.id != pending.session.id:
        return False
    opened = str(row.values.get(_OPENED_BY) or "").casefold().split()
    typed = command.casefold().split()
    # The command, its subcommand and what it is about ("placement new rc-101") with more
    # words, however the rest was written (session 34's brief: "01/08/2026" then "1/8/2026"
    # left the form open); or more words holding every one it was opened with, in any order.
    same_command = (typed[:_SAME_COMMAND] == opened[:_SAME_COMMAND]
                    and len(typed) > len(opened[:_SAME_COMMAND]))
    if not opened or typed[:1] != opened[:1] or not (same_command or (
            len(typed) > len(opened) and set(opened) <= set(typed))):
        return False
    _delete(ctx, row)
    return True


def submit_whole(incoming: Incoming, ctx: Context[Any], route: Route) -> list[Reply]:
    """A channel submitted form ``route.name`` whole: check every answer, then run the handler.

    The first problem is the whole reply (naming the field); the handler is not called and
    nothing changes. On success the handler sees the checked values (skipped optional fields
    absent), and an open field-by-field copy of the same form is closed.
    """
    form = route.form
    if form is None:
        return route.handler(incoming, ctx)
    values: dict[str, str] = {}
    for question in form.fields:
        text = str(incoming.form_values.get(question.name, "")).strip()
        if not question.required and (not text or _skipping(question, text)):
            continue  # left empty, or "none thanks" typed in it: left out, as in a chat
        try:
            values[question.name] = _check(ctx, route, question, text)
        except BadInput as problem:
            text = ctx.render("form_invalid.txt", label=question.label, problem=str(problem))
            return [Reply(text=text, invalid_field=question.name)]
    row = _current(ctx)
    if row is not None and row.form_id == form.form_id:
        _delete(ctx, row)
    # In a savepoint, so a refusal undoes only the handler's work (never a concern raised).
    queued = len(ctx.notifications)
    savepoint = ctx.session.begin_nested()
    try:
        replies = route.handler(_submission(incoming, form.form_id, values), ctx)
    except (BadInput, NotAllowed) as error:
        savepoint.rollback()
        del ctx.notifications[queued:]
        field = error.field if isinstance(error, BadInput) else None
        return [Reply(text=str(error), invalid_field=field)]
    savepoint.commit()
    return replies


def purge_expired(factory: sessionmaker[Session], *, now: datetime, keep: timedelta) -> int:
    """Delete every form left unanswered for longer than ``keep``; returns how many.

    For a scheduled job: the person is not told (``check_in`` tells them, if they come back
    before the job runs).
    """
    with transaction(factory) as session:
        result = execute_dml(
            session,
            delete(FormSession)
            .where(FormSession.updated_at < now - keep)
            .execution_options(synchronize_session=False)
        )
        return int(result.rowcount or 0)


# -- the steps ---------------------------------------------------------------------------------
def _go_on(incoming: Incoming, ctx: Context[Any], route: Route, row: FormSession,
           question: FormField, text: str, *,
           aside: Callable[[str], list[Reply] | None] | None = None,
           newer: Callable[[], tuple[str, str] | None] | None = None,
           routed: Callable[[str], list[Reply] | None] | None = None) -> list[Reply]:
    """Leave the optional ``question`` out and take ``text`` as the next question's answer,
    read as any answer there is (``answer``), after a line saying so (``BadInput.goes_on``).
    Words refused at ``question`` just before (a reference not found) are added to the
    next question's answer when it takes the person's account, so that they reach the case."""
    form = _form_of(route)
    refused = str(row.values.get(_REFUSED) or "")
    row.values = {**_without(row.values, _MORE_ASKED, _REFUSED, _UNFOUND), question.name: None}
    position = next_position(form, row.values)
    if position is None:
        return _advance(ctx, route, row, [])
    following = form.fields[position]
    carried = bool(refused) and following.story and not following.choices
    row.position = position
    row.updated_at = ctx.now
    ctx.session.flush()
    lead = ctx.render("form_problem.txt", problem="went_on", refused=refused,
                      carried=carried, label=following.label)
    typed = f"{text.rstrip()}\n({refused})" if carried else text
    replies = answer(dataclasses.replace(incoming, text=typed), ctx, row, aside=aside,
                     newer=newer, routed=routed)
    return with_note(replies, lead)


def _unfound_kept(ctx: Context[Any], route: Route, row: FormSession, question: FormField,
                  unfound: str) -> list[Reply]:
    """A yes after words the optional ``question`` refused as not found (``unfound``: a
    reference the council has no record of): the question left out, and the words kept with
    the form's own account (its ``FormField.story`` question), added now when it is given,
    else when it is; said so."""
    form = _form_of(route)
    story = next((field for field in form.fields if field.story and not field.choices), None)
    values = _without(row.values, _MORE_ASKED, _REFUSED, _UNFOUND)
    told = story is not None and bool(values.get(story.name))
    if story is not None and told:
        values[story.name] = f"{str(values[story.name]).rstrip()}\n({unfound})"
    elif story is not None:
        values[_CARRIED] = unfound
    row.values = {**values, question.name: None}
    row.updated_at = ctx.now
    lead = [ctx.render("form_problem.txt", problem="unfound_kept", words=unfound,
                       label=story.label if story is not None else "", told=told)]
    if _changing(row):
        return _keep(ctx, route, row, question, lead=lead)
    return _advance(ctx, route, row, lead)


def _sending_explained(ctx: Context[Any], question: FormField) -> str:
    """What choosing to send the form the question's way means: its hint, after its first
    choice ("If you choose “Yes, anonymously”: the council then sees neither ...")."""
    return ctx.render("form_problem.txt", problem="sending_explained",
                      choice=question.choices[0] if question.choices else question.label,
                      hint=question.hint or "")


def _store(
    ctx: Context[Any], route: Route, row: FormSession, question: FormField, value: str | None,
    *, lead: list[str] | None = None, doubted: bool = False
) -> list[Reply]:
    """Keep one answer (None: skipped) and move on to the next question, or submit; ``lead``
    before what comes next. ``doubted``: kept in doubt (it may have been a question), so
    words typed at the summary next replace it."""
    carried = str(row.values.get(_CARRIED) or "")
    if carried and question.story and not question.choices and value:
        # A reference not found, said to be right before the account was given: kept with it.
        value = f"{value.rstrip()}\n({carried})"
        row.values = _without(row.values, _CARRIED)
    # A new dict: the JSON column does not see changes made in place.
    row.values = {**_without(row.values, _MORE_ASKED, _REFUSED, _UNFOUND, _DOUBTED),
                  question.name: value, **({_DOUBTED: question.name} if doubted else {})}
    if _changing(row):  # every answer is kept: the next question is the one after this
        return _keep(ctx, route, row, question, lead=lead)
    return _advance(ctx, route, row, list(lead or []))


def _keep(ctx: Context[Any], route: Route, row: FormSession, question: FormField, *,
          lead: list[str] | None = None) -> list[Reply]:
    """While Change asks a question again: keep ``question``'s answer (as it now is), and
    show the answers again."""
    row.position = len(_form_of(route).fields)
    return _advance(ctx, route, row, list(lead or []))


def _advance(
    ctx: Context[Any], route: Route, row: FormSession, lead: list[str], *, first: bool = False
) -> list[Reply]:
    form = _form_of(route)
    _stop_answered(row)
    if _changing(row) and row.position >= len(form.fields):
        row.values = _without(row.values, _CHANGING)
    position = row.position if _changing(row) else next_position(form, row.values)
    if position is None:
        if form.confirm:
            return [_checked(ctx, route, row, lead) or _summary(ctx, form, row, lead)]
        return _submit(ctx, route, row, lead)
    row.position = position
    row.updated_at = ctx.now
    ctx.session.flush()
    return [_ask(ctx, form, row, lead, with_form=first)]


def _submit(ctx: Context[Any], route: Route, row: FormSession, lead: list[str]) -> list[Reply]:
    """Close the form and run its handler in a SAVEPOINT; on BadInput re-ask the field at fault."""
    form = _form_of(route)
    submitted = _submission(_trigger(ctx), form.form_id, _answers(form, row))
    queued = len(ctx.notifications)
    savepoint = ctx.session.begin_nested()
    ctx.session.delete(row)
    ctx.session.flush()
    try:
        replies = route.handler(submitted, ctx)
    except (BadInput, NotAllowed) as error:
        savepoint.rollback()
        # What the handler queued was rolled back with it; no listener should be woken for it.
        del ctx.notifications[queued:]
        return [_refused(ctx, form, error, lead)]
    savepoint.commit()
    return with_note(replies, "\n\n".join(lead))


def _checked(ctx: Context[Any], route: Route, row: FormSession, lead: list[str]
             ) -> Reply | None:
    """Before a summary: what the form's check (``Route.check``) refuses in its answers, as
    the handler's refusal would be answered; None when it finds nothing (or there is none)."""
    if route.check is None:
        return None
    form = _form_of(route)
    try:
        route.check(_answers(form, row), ctx)
    except (BadInput, NotAllowed) as error:
        return _refused(ctx, form, error, lead)
    return None


def _refused(ctx: Context[Any], form: Form, error: BadInput | NotAllowed, lead: list[str]
             ) -> Reply:
    """The answers were refused: the field at fault asked again, else the form closed."""
    if isinstance(error, BadInput) and error.field in {q.name for q in form.fields}:
        return _reopen(ctx, form, error, lead)
    # Not about one answer (the case changed meanwhile, or it is not theirs to do): asking
    # again would only repeat it, so the form is closed.
    gone = _current(ctx)
    said = _cancelled(ctx, gone)
    if gone is not None:
        _delete(ctx, gone)
    return Reply(text="\n\n".join([*lead, str(error), said]))


def _answers(form: Form, row: FormSession) -> dict[str, str]:
    """The row's answers as a handler sees them: skipped optional fields left out."""
    return {question.name: str(row.values[question.name]) for question in form.fields
            if row.values.get(question.name) is not None}


def _reopen(ctx: Context[Any], form: Form, error: BadInput, lead: list[str]) -> Reply:
    """After the handler refused the answers, ask again the field it blamed (else the last)."""
    names = [question.name for question in form.fields]
    position = names.index(error.field) if error.field in names else len(names) - 1
    row = _current(ctx)
    if row is None:  # the savepoint's rollback restores the row; this is belt and braces
        row = FormSession(id=_new_id(ctx.session), person_id=ctx.person.id,
                          form_id=form.form_id, values={}, started_at=ctx.now)
        ctx.session.add(row)
    row.values = _without(row.values, names[position])
    if form.confirm:  # the answers changed: a summary shown before is out of date
        row.values = {**row.values, _ROUND: str(_round(row) + 1)}
    row.position = position
    row.updated_at = ctx.now
    ctx.session.flush()
    return _ask(ctx, form, row, [*lead, str(error)])


def _check(ctx: Context[Any], route: Route, question: FormField, text: str, *,
           rating: tuple[str, str] | bool | None = None) -> str:
    """The value to store for ``text`` as the answer to ``question``; BadInput says why not.
    ``rating``: ``text`` already read as a rating (``_read_rating``), when the caller has."""
    if not text:
        raise BadInput(ctx.render("form_problem.txt", problem="empty",
                                  optional=not question.required), field=question.name)
    if len(text) > question.max_length:
        # A question that takes a few characters (a number, a reference) says what it wants
        # (session 24's trial: a complaint typed at "Which pledge commitment?" was told only
        # "121 characters long; the limit for this question is 40").
        problem = ctx.render(
            "form_problem.txt",
            problem="too_long_short" if question.max_length <= SHORT_ANSWER else "too_long",
            length=len(text), limit=question.max_length)
        raise BadInput(problem, field=question.name)
    if question.prose and _BARE_NUMBER.fullmatch(text):
        raise BadInput(ctx.render("form_problem.txt", problem="number_only"),
                       field=question.name)
    if question.prose and question.required and not question.yes_no:
        # "yes" at "Please tell us about it in your own words." (session 30's trial: it was
        # kept as the whole of the feedback).
        bare = "yes_no_only" if yes_or_no(text) is not None else None
        if question.reason:
            # "thanks", "hello", "great" at "Why does it not apply?" (session 35's review: the
            # review was closed with "thanks" as its reason), in the question's own words
            # when it has them. Only where a reason is asked for: elsewhere "sounds good" is a
            # comment and "brilliant" feedback (58c0488's review).
            bare = says_nothing(text, ctx.registry)
            if bare is not None:
                _refused_by_its_validator(ctx, route, question, text)
        if bare is not None:
            raise BadInput(ctx.render("form_problem.txt", problem=bare, said=text),
                           field=question.name)
    if question.choices:
        choice = match_choice(question.choices, text)
        sending = (sending_said(question.choices, text)
                   if choice is None and question.sending else False)
        if sending is not False:
            # "no name please" (it was "No, with my name"), "keep it anonymous", "you can use
            # my name": how to send it in other words (session 41's brief); in doubt, none.
            choice = sending[0] if isinstance(sending, tuple) and not sending[1] else None
        elif choice is None:
            # "it's a 4", "four", "yeah go on", "no, with my name please": the whole of the
            # message is the choice in other words (session 40's brief: refused).
            read = _read_rating(question.choices, text) if rating is None else rating
            said = ((read if isinstance(read, tuple) else None)
                    or yes_or_no_then(question.choices, text))
            choice = said[0] if said is not None and not said[1] else None
        if choice is None and route.leading_choice and sending is False:
            choice = leading_choice(question.choices, text)
        if choice is None:
            problem = ctx.render("form_problem.txt", problem="choice", choices=question.choices)
            raise BadInput(problem, field=question.name)
        text = choice
    validator = route.validators.get(question.name)
    if validator is None:
        return text
    try:
        return validator(text, ctx)
    except BadInput as error:
        raise error.at_field(question.name) from None


def says_nothing(text: str, registry: Registry) -> str | None:
    """The form's problem with ``text`` as an answer in words, when it says nothing:
    "yes_no_only" for a yes or a no alone, "small_talk_only" for words the features register
    as answering nothing (``Registry.empty_answer``: small talk); else None."""
    if yes_or_no(text) is not None:
        return "yes_no_only"
    return "small_talk_only" if registry.answers_nothing(text) else None


def _refused_by_its_validator(ctx: Context[Any], route: Route, question: FormField,
                              text: str) -> None:
    """Raise the question's validator's own BadInput for ``text``, when it refuses it."""
    validator = route.validators.get(question.name)
    if validator is None:
        return
    try:
        validator(text, ctx)
    except BadInput as error:
        raise error.at_field(question.name) from None


def _ask(
    ctx: Context[Any], form: Form, row: FormSession, lead: list[str], *, with_form: bool = False
) -> Reply:
    """The current question (after ``lead``), with its choice, Skip and Cancel buttons."""
    question = _question_at(form, row)
    number, total = _numbering(form, row)
    words = ctx.render(
        "form_question.txt",
        title=form.title,
        number=number,
        total=total,
        label=question.label,
        hint=question.hint,
        optional=not question.required,
        choices=bool(question.choices),
        changing=_changing(row),
        kept=_shown(row.values.get(question.name)),
    )
    return Reply(
        text="\n\n".join([*lead, words]),
        buttons=_buttons(row, question),
        form=form if with_form else None,
    )


def _buttons(row: FormSession, question: FormField) -> tuple[Button, ...]:
    """The current question's choice buttons, then Skip (when optional) and Cancel."""
    buttons = [
        Button(label=choice, action=ANSWER, value=f"{row.id}:{row.position}:{index}")
        for index, choice in enumerate(question.choices)
    ]
    if _changing(row):
        buttons.append(Button(label="Keep", action=KEEP, value=f"{row.id}:{row.position}"))
    if not question.required:
        buttons.append(Button(label="Skip", action=SKIP, value=f"{row.id}:{row.position}"))
    buttons.append(Button(label="Cancel", action=CANCEL, value=str(row.id)))
    return tuple(buttons)


# -- the summary before sending (``Form.confirm``) --------------------------------------------
def _summary(ctx: Context[Any], form: Form, row: FormSession, lead: list[str]) -> Reply:
    """Every answer shown back (after ``lead``), with Send, Change and Cancel; the row waits
    at position ``len(form.fields)``, and nothing is sent."""
    row.position = len(form.fields)
    row.updated_at = ctx.now
    ctx.session.flush()
    answers = [(question.label, _shown(row.values.get(question.name)))
               for question in form.fields]
    words = ctx.render("form_summary.txt", title=form.title, answers=answers)
    return Reply(text="\n\n".join([*lead, words]), buttons=_summary_buttons(row))


def _summary_buttons(row: FormSession) -> tuple[Button, ...]:
    value = f"{row.id}:{row.position}:{_round(row)}"
    return (Button(label="Send", action=SEND, value=value),
            Button(label="Change", action=CHANGE, value=value),
            Button(label="Cancel", action=CANCEL, value=str(row.id)))


def _answer_summary(incoming: Incoming, ctx: Context[Any], route: Route, row: FormSession, *,
                    aside: Callable[[str], list[Reply] | None] | None) -> list[Reply]:
    """Words typed at the summary: Send, Change or Cancel (typed, numbered, a yes or "please
    send" for Send, "change the outcome" for Change at that question); a no or a wait ("don't
    send it yet") keeps it open, unsent, said so; words of their own are never dropped: more
    of the account ("also they missed the meeting") held while whether to add it to the
    account is asked (``_offer_to_add``), else the new answer to one just kept in doubt, else
    held while which answer they replace is asked;
    a question, a concern is answered and the summary named; anything else is refused with
    the summary and its choices shown again."""
    form = _form_of(route)
    text = incoming.text.strip()
    if ctx.marks.get(WORDS_WITHHELD):
        # One short line after the concern, with the summary's buttons (session 43's trial).
        withheld = ctx.render("form_problem.txt", problem="withheld_summary",
                              form_name=_form_name(form))
        return [Reply(text=withheld, buttons=_summary_buttons(row))]
    waiting = _STOP_ASKED in row.values
    stop = _stop_said(ctx, row, text)  # else an answer to the summary
    if stop is not None:
        return [_cancel(ctx, row) if stop else _summary(ctx, form, row, [])]
    if not waiting and not ctx.marks.get(WORDS_ANSWERED) and asks_to_stop(text):
        # "never mind" or "forget it" alone before Send, where the most is lost: asked, as at a
        # question (the session's trial: it cancelled at once here only).
        return [_ask_to_stop(ctx, form, row)]
    if not ctx.marks.get(WORDS_ANSWERED) and asks_how_to_cancel(text):
        # "how do I cancel?": told how, the summary shown again (never the knowledge base).
        return [_summary(ctx, form, row, [ctx.render("form_problem.txt",
                                                     problem="how_to_cancel")])]
    choice = _summary_choice(text)
    if choice == "Send":
        return _submit(ctx, route, row, [])
    if choice == "Change":
        return _begin_change(ctx, route, row)
    if choice == "Cancel":
        return [_cancel(ctx, row)]
    if ctx.marks.get(WORDS_ANSWERED):
        return [_still_open(ctx, form, row)]
    more = _more_for(ctx, form, row, text)
    if more is not None:
        # "also they missed the meeting": offered to be added to the account, or to replace
        # it, or left out (session 46's brief: only a replacement was offered).
        return [_offer_to_add(ctx, form, row, more[0], text)]
    named = _change_named(form, text)
    if named is not None:
        # "no, change the outcome": Change, at that question when one is named (session 45's
        # review: "Please choose one of: Send, Change, Cancel").
        if named < 0:
            return _begin_change(ctx, route, row)
        row.values = {**row.values, _ROUND: str(_round(row) + 1)}
        return [_change_one(ctx, form, row, named)]
    if _holds_off(text):
        # "no", "don't send it", "not yet", "wait": not sent, and it stays open (session 45's
        # review: "I don't know the answer to that", or the choices again).
        return [Reply(text=ctx.render("form_problem.txt", problem="not_sent_yet",
                                      form_name=_form_name(form)),
                      buttons=_summary_buttons(row))]
    if asks_what_sending_does(text):
        # "what happens next?": what Send does, with the summary again (session 44's brief:
        # the knowledge base's entry on what happens after a contract award).
        return [_summary(ctx, form, row, [ctx.render(
            "form_problem.txt", problem="what_next", title=form.title)])]
    sending = next((field for field in form.fields if field.sending and field.hint), None)
    if sending is not None and asks_what_sending_means(text):
        # "what does anonymous mean exactly?": that question's hint, with the summary again
        # (session 44's review: "I don't know the answer to that").
        return [_summary(ctx, form, row, [_sending_explained(ctx, sending)])]
    # Only a question is answered aside here: small talk's "Good. Ask me anything else" for
    # an "ok" would read as if the form were done with.
    elsewhere = aside(text) if aside is not None and reads_as_question(text) else None
    if elsewhere is not None:
        return [*elsewhere, _still_open(ctx, form, row)]
    if (not reads_as_question(text) and yes_or_no(text) is None and not says_little(text)
            and " ".join(_WORD.findall(text.casefold())) not in _FORM_WORDS
            and not ctx.registry.answers_nothing(text)):
        # Words of their own, never dropped (session 45's review: the outcome typed after a
        # question kept as it was refused here, and the question sent): the new answer to one
        # kept in doubt just before, else held while they say which answer they replace.
        doubted = next((field for field in form.fields
                        if field.name == row.values.get(_DOUBTED)), None)
        if doubted is not None:
            return [_replaced(ctx, route, row, doubted, text)]
        row.values = {**row.values, _TYPED: text, _PICKING: "1",
                      _ROUND: str(_round(row) + 1)}
        row.updated_at = ctx.now
        ctx.session.flush()
        return [_pick(ctx, form, row, [ctx.render("form_problem.txt", problem="typed_held",
                                                  words=_shown(text))])]
    problem = ctx.render("form_problem.txt", problem="choice", choices=SUMMARY_CHOICES)
    return [_summary(ctx, form, row, [problem])]


def _replaced(ctx: Context[Any], route: Route, row: FormSession, question: FormField,
              text: str, *, held: bool = False) -> Reply:
    """``text``, typed at the summary, as ``question``'s new answer, said so with the
    summary again; refused as that question refuses it, the summary shown with why, or,
    ``held`` while which answer it replaces is asked, that asked again, the words still held."""
    form = _form_of(route)
    values = _without(row.values, *_HELD_AT_SUMMARY)
    try:
        value = _check(ctx, route, question, text)
    except BadInput as problem:
        if held:
            return _pick(ctx, form, row, [str(problem), ctx.render(
                "form_problem.txt", problem="typed_held", words=_shown(text))])
        row.values = values
        return _summary(ctx, form, row, [str(problem)])
    row.values = {**values, question.name: value, _ROUND: str(_round(row) + 1)}
    return _summary(ctx, form, row, [ctx.render(
        "form_problem.txt", problem="replaced", words=_shown(value), label=question.label)])


# -- more of the account typed at the summary (session 46's brief) ------------------------------
# Words that open more told after the answers were shown, and say nothing themselves ("p.s.",
# "one more thing:", "and", "I forgot to say"): left out of what is added.
_MORE_OPENING = re.compile(
    r"^\s*(?:(?:p\.?\s?p?\.?\s?s\b\.?|one more thing|another thing|oh|and|plus|btw|by the way"
    r"|(?:i )?(?:forgot|meant) to (?:say|mention|add)(?: that)?"
    r"|i should (?:also )?(?:say|add|mention)(?: that)?|to add)(?![\w'\u2019])"
    r"[\s,:;.!\-\u2013\u2014]*)+", re.IGNORECASE)
# ... and words that say the rest is more ("they also ...", "... too"), read on ``_plain``.
_MORE_SAID = re.compile(r"^(?:in addition|additionally|on top of that|as well as that)\b"
                        r"|\balso\b|\b(?:too|as well|either)$")
# The word ending more told that says only that it is more ("... too", "... either").
_MORE_ENDING = re.compile(r"[\s,]*\b(?:too|as well|either)\W*$", re.IGNORECASE)
ADD_CHOICES = ("Replace it", "Leave it")
_ADD_TYPED = frozenset({"add", "add it", "add that", "add this", "add them", "add it please",
                        "add please", "yes add it", "yes add", "add to it", "yes add that"})
_REPLACE_TYPED = frozenset({"replace", "replace it", "replace that", "replace the answer",
                            "replace my answer", "instead", "use it instead", "swap it"})
_LEAVE_TYPED = _BACK_WORDS | frozenset({"leave", "leave it out", "leave that", "leave that out",
                                        "dont add it", "do not add it", "no dont", "skip",
                                        "skip it", "no leave it", "forget that"})
# "send" typed while words are held: said alone, asked once; said to go without them, sent.
_SEND_ALONE = frozenset({"send", "send it", "send it now", "send now", "submit", "confirm",
                         "send the form", "send this"})
_SEND_WITHOUT = frozenset({"just send", "just send it", "send without it", "send it without it",
                           "send anyway", "send it anyway", "send it as it is", "send as it is",
                           "send without", "send it without", "send without them",
                           "just send the form", "send without adding it"})
SEND_WITHOUT = "Send without it"


def more_told(text: str) -> str | None:
    """The words to add when ``text``, typed at a form's summary, reads as more of the account
    ("also they missed the meeting", "p.s. the invoice was wrong too", "and they never replied
    to my email"): ``text`` without an opening that says nothing ("p.s.", "and"); else None
    (pure). Whether they state something is for the caller to read."""
    opening = _MORE_OPENING.match(text)
    rest = text[opening.end():].strip() if opening is not None else text.strip()
    if opening is None and _MORE_SAID.search(_plain(text)) is None:
        return None
    return rest or None


def _more_for(ctx: Context[Any], form: Form, row: FormSession, text: str
              ) -> tuple[FormField, str] | None:
    """The question whose answer ``text`` typed at the summary adds to (the account,
    ``FormField.story``) and the words to add, when it reads as more of it and states
    something; else None."""
    rest = more_told(text)
    if (rest is None or _holds_off(text) or reads_as_question(text)
            or _CHANGE_NAMED.match(_plain(text))
            # What it says, without the word that says it is more ("... either" reads as in
            # doubt, "me too" as nothing: session 46's review).
            or not states_something(_MORE_ENDING.sub("", rest), ctx.registry, least=2)):
        # A wait opened as more is told ("oh wait don't send it": the review, offered to be
        # added and then holding up the "send" that followed); small talk ("me too").
        return None
    story = next((field for field in form.fields if field.story), None)
    return (story, rest) if story is not None else None


def _add_label(form: Form, field: FormField) -> str:
    """The button that adds to ``field``'s answer: "Add to what happened", "Add to your
    feedback"."""
    if _plain(field.label) == "what has happened":
        return "Add to what happened"
    return f"Add to your {_form_name(form)}"


def _offer_to_add(ctx: Context[Any], form: Form, row: FormSession, field: FormField,
                  text: str) -> Reply:
    """Ask whether ``text`` (more of the account, typed at the summary) is added to
    ``field``'s answer or replaces it, or is left out; the words held meanwhile."""
    row.values = {**_without(row.values, *_HELD_AT_SUMMARY), _TYPED: text,
                  _ADDING: field.name, _ROUND: str(_round(row) + 1)}
    row.updated_at = ctx.now
    ctx.session.flush()
    return Reply(text=ctx.render("form_problem.txt", problem="typed_more", words=_shown(text),
                                 label=field.label),
                 buttons=_add_buttons(form, row, field))


def _add_buttons(form: Form, row: FormSession, field: FormField) -> tuple[Button, ...]:
    labels = (_add_label(form, field), *ADD_CHOICES)
    return (*(Button(label=label, action=ADD, value=f"{row.id}:{_round(row)}:{index}")
              for index, label in enumerate(labels)),
            Button(label="Cancel", action=CANCEL, value=str(row.id)))


def press_add(incoming: Incoming, ctx: Context[Any]) -> list[Reply]:
    """A button (``form.add``) under "Shall I add it to your answer to ...?": add, replace
    or leave out the words held."""
    ids = _parse_ids(incoming.action_value, 3)
    row = _current(ctx)
    if ids is None or row is None or ids[0] != row.id or _ADDING not in row.values:
        return [_stale(ctx)]
    route = _route(ctx, row.form_id)
    if route is None or route.form is None or ids[1] != _round(row) or ids[2] > len(ADD_CHOICES):
        return [_stale(ctx)]
    return [_settle_more(ctx, route, row, ids[2])]


def _settle_more(ctx: Context[Any], route: Route, row: FormSession, choice: int) -> Reply:
    """The words held as more of the account: added to its answer (0), in place of it (1),
    or left out (2); the summary shown again."""
    form = _form_of(route)
    typed = str(row.values.get(_TYPED) or "")
    field = next((question for question in form.fields
                  if question.name == row.values.get(_ADDING)), None)
    rest = more_told(typed) or typed
    if field is None or choice == len(ADD_CHOICES):
        return _back_to_summary(ctx, form, row)
    if choice == 1:
        return _replaced(ctx, route, row, field, rest)
    row.values = {**_without(row.values, *_HELD_AT_SUMMARY), _ROUND: str(_round(row) + 1)}
    if not row.values.get(field.name):
        return _replaced(ctx, route, row, field, rest)
    added = _add_to(ctx, route, row, field, rest)
    if not added:  # refused as that question refuses it: said, nothing added
        added = [ctx.render("form_problem.txt", problem="typed_left_out", words=_shown(typed))]
    return _summary(ctx, form, row, added)


def _answer_more(incoming: Incoming, ctx: Context[Any], route: Route, row: FormSession
                 ) -> list[Reply]:
    """Words typed at "Shall I add it to your answer to ...?": add, replace, leave it (their
    words, the buttons' labels, numbers, a yes or a no), a cancel; "send" as while any words
    are held (``_send_held``); else asked again, the words still held."""
    form = _form_of(route)
    text = incoming.text.strip()
    words = " ".join(_WORD.findall(text.casefold()))
    field = next((question for question in form.fields
                  if question.name == row.values.get(_ADDING)), None)
    if field is None:
        return [_back_to_summary(ctx, form, row)]
    if ctx.marks.get(WORDS_WITHHELD):
        # Named for the offer's buttons, never "Send it" (session 46's review: there is no
        # Send under them).
        withheld = ctx.render("form_problem.txt", problem="withheld_summary",
                              form_name=_form_name(form),
                              adding=_shown(str(row.values.get(_TYPED) or "")))
        return [dataclasses.replace(_offer_again(ctx, form, row, field), text=withheld)]
    if words in _CANCEL_WORDS or cancels(text):
        return [_cancel(ctx, row)]
    if ctx.marks.get(WORDS_ANSWERED):
        return [_still_open(ctx, form, row)]
    labels = [_add_label(form, field), *ADD_CHOICES]
    chosen = match_choice(labels, text.rstrip("."))
    said = yes_or_no(text)
    if chosen is not None:
        return [_settle_more(ctx, route, row, labels.index(chosen))]
    if words in _ADD_TYPED or said == "yes":
        return [_settle_more(ctx, route, row, 0)]
    if words in _REPLACE_TYPED:
        return [_settle_more(ctx, route, row, 1)]
    if words in _LEAVE_TYPED or said == "no":
        return [_settle_more(ctx, route, row, 2)]
    sending = _send_held(ctx, route, row, text)
    if sending is not None:
        return sending
    more = _more_for(ctx, form, row, text)
    if more is not None:
        # Still more told ("and they were rude to our manager"): held with the words before,
        # never dropped, and the offer made again for both.
        typed = str(row.values.get(_TYPED) or "")
        return [_offer_to_add(ctx, form, row, field, _joined(more_told(typed) or typed,
                                                             more[1]))]
    problem = ctx.render("form_problem.txt", problem="choice", choices=labels)
    again = _offer_again(ctx, form, row, field)
    return [dataclasses.replace(again, text=f"{problem}\n\n{again.text}")]


def _offer_again(ctx: Context[Any], form: Form, row: FormSession, field: FormField) -> Reply:
    typed = str(row.values.get(_TYPED) or "")
    return Reply(text=ctx.render("form_problem.txt", problem="typed_more", words=_shown(typed),
                                 label=field.label),
                 buttons=_add_buttons(form, row, field))


def _send_held(ctx: Context[Any], route: Route, row: FormSession, text: str
               ) -> list[Reply] | None:
    """"send" typed while words typed at the summary are held (where they go is asked): said
    alone the first time, whether to send without them is asked (they are never dropped
    unsaid); said again, or said to go without them ("just send", "send without it"), the
    form is sent as its summary showed it, the words left out and said so in one line. None
    for other words."""
    # ("just" is said around a send here: "just send" is to send without them.)
    words = " ".join(_without_ends(_WORD.findall(text.casefold()), _AROUND_SEND - {"just"}))
    typed = str(row.values.get(_TYPED) or "")
    if not typed or words not in _SEND_ALONE | _SEND_WITHOUT:
        return None
    form = _form_of(route)
    if words in _SEND_ALONE and not row.values.get(_SEND_ASKED):
        row.values = {**row.values, _SEND_ASKED: "1"}
        row.updated_at = ctx.now
        ctx.session.flush()
        asked = ctx.render("form_problem.txt", problem="send_held", words=_shown(typed))
        field = next((question for question in form.fields
                      if question.name == row.values.get(_ADDING)), None)
        send = Button(label=SEND_WITHOUT, action=SEND,
                      value=f"{row.id}:{row.position}:{_round(row)}")
        if field is not None:  # the offer's own line would only say the words again
            return [Reply(text=asked, buttons=(send, *_add_buttons(form, row, field)))]
        shown = _pick(ctx, form, row, [])
        return [Reply(text=f"{asked}\n\n{shown.text}", buttons=(send, *shown.buttons))]
    return _sent_without(ctx, route, row)


def _sent_without(ctx: Context[Any], route: Route, row: FormSession) -> list[Reply]:
    """The form sent as its summary showed it, the words held left out and said so."""
    typed = str(row.values.get(_TYPED) or "")
    row.values = _without(row.values, *_HELD_AT_SUMMARY)
    return _submit(ctx, route, row, [ctx.render(
        "form_problem.txt", problem="sent_without", words=_shown(typed),
        form_name=_form_name(_form_of(route)))])


# Words about the form itself, typed at the summary: never an answer of theirs to place.
_FORM_WORDS = _BACK_WORDS | _KEEP_TYPED | frozenset({"skip", "next", "done", "finish", "finished",
                                                     "continue", "go on", "carry on", "resume"})
# Not sent yet, the form kept open: a no, or a wait, said at the summary (read on ``_plain``).
_HOLDING = re.compile(
    r"^(?:(?:no|nope|nah|not|ok|okay|oh|and|sorry|please|wait|hold on|hang on|actually|but"
    r"|thanks|no thanks|no thank you)\b[ ,]*)*"
    r"(?:no|nope|nah|wait|hold on|hang on|one moment|one sec|not yet|not just yet|not now"
    r"|not right now|not ready|im not ready|(?:dont|do not|please dont|please do not) send"
    r"(?: it| this| that)?)"
    r"(?: (?:yet|just yet|now|for now|thanks|thank you|please|a (?:moment|minute|second|sec)"
    r"|i need to check(?: something)?))*$")


def holds_it(text: str) -> bool:
    """Whether ``text``, typed at a form's summary, is the form's own and tells of no one: it
    says not to send it now ("no", "don't send it yet", "not yet", "wait"), and nothing else;
    or it adds to the account only the council's conduct toward the provider ("they also
    missed the meeting", "and they never replied to my email": ``councils_conduct``), which
    the form offers to add (session 46's brief: the concern model's doubt asked "Is this about
    someone's safety?" first). A closed list of words either way: no word of harm, nor of
    anyone cared for, is ever in it (pure)."""
    if _holds_off(text):
        return True
    rest = more_told(text)
    return rest is not None and councils_conduct(rest)


def _holds_off(text: str) -> bool:
    """Whether ``text``, typed at a form's summary, says not to send it now, and nothing else
    (pure)."""
    return _HOLDING.match(_plain(text)) is not None


# Change asked for at the summary in words, of one question or none ("no, change the outcome",
# "ok but change the outcome first", "I want to change something"). Read on ``_plain``.
_CHANGE_NAMED = re.compile(
    r"^(?:(?:no|ok|okay|yes|but|actually|wait|sorry|please|just|can i|could i|i want to"
    r"|i would like to|id like to|let me|i need to)\b[ ,]*)*"
    r"(?:change|edit|amend|correct|fix|update)(?: (?:the|my|an?|that|this))?"
    r"(?P<what>(?: [a-z]+){0,4}?)(?: answer| bit| part| question)?"
    r"(?: (?:first|please|now|then|before (?:i|we|you) send(?: it)?|thanks))*$")
# Words of a question's label that name none of them ("What is it about?").
_LABEL_FILLER = frozenset((
    "what", "which", "how", "is", "it", "has", "have", "does", "do", "would", "you", "like",
    "about", "or", "the", "a", "an", "are", "we", "our", "on", "this", "that", "please", "tell",
    "us", "in", "your", "own", "words", "send", "its", "well", "with", "to", "of", "something",
    "one", "thing", "answers", "answer", "text", "description"))


def _change_named(form: Form, text: str) -> int | None:
    """The question "change ..." typed at the summary names (its index), -1 for none or more
    than one ("change something"), None when ``text`` does not ask for a change (pure)."""
    plain = _plain(text)
    found = _CHANGE_NAMED.match(plain)
    if found is not None:
        what = set(found.group("what").split()) - _LABEL_FILLER
    elif _SAID_WRONG.search(plain) is not None and len(plain.split()) <= _SAID_WRONG_WORDS:
        what = set(plain.split()) - _LABEL_FILLER  # "no the outcome is wrong"
    else:
        return None
    named = [index for index, field in enumerate(form.fields)
             if what & ({*_plain(field.label).split(), field.name} - _LABEL_FILLER)]
    if len(named) == 1:
        return named[0]
    if found is not None or not what - _WRONG_ONLY:
        return -1  # "change something", "that's wrong": which answer is asked
    return None  # "the wrong amount was paid": their words


# An answer said to be wrong at the summary, in a few words ("no the outcome is wrong"): Change,
# never words to keep as an answer.
_SAID_WRONG = re.compile(r"\b(?:wrong|incorrect|not right|isnt right|mistake|typo)\b")
_SAID_WRONG_WORDS = 8
_WRONG_ONLY = frozenset(("that", "thats", "is", "s", "its", "something", "theres", "there",
                         "wrong", "incorrect", "not", "right", "isnt", "mistake", "typo", "no",
                         "oops", "sorry", "actually", "wait", "all", "bit", "part", "oh"))


_BESIDE_CANCEL = frozenset({"ok", "okay", "please", "just", "actually", "sorry", "oh", "no",
                            "thanks", "thank", "you", "now", "for", "then", "yes", "yeah",
                            "right", "so", "on", "second", "thoughts", "i", "think", "ill",
                            "can", "we", "ll", "lets", "let", "us"})
# A cancel said not to be wanted ("don't cancel", "do not cancel it", "no need to cancel").
_NOT_CANCEL = re.compile(r"\b(?:dont|do not|not|wont|no need to|rather not|shouldnt|why)\b")



def cancels(text: str, *, question: bool = False) -> bool:
    """Whether ``text`` asks to cancel the form in words: each of its clauses a cancel
    ("never mind", "cancel it", "forget it") or words beside one ("ok", "please"), at least
    one a cancel; never "don't cancel", nor a cancel beside other words. At a ``question``
    one clause must say "cancel" (``_CANCEL_ASKED``) and the others only cancel words
    ("never mind", "stop") or words beside one (pure)."""
    if _NOT_CANCEL.search(_plain(text)) is not None:
        return False
    said = _CANCEL_ASKED | _CANCEL_WORDS if question else _CANCEL_SAID
    if question and not any(" ".join(_trimmed_cancel(_plain(clause).split())) in _CANCEL_ASKED
                            for clause in _clauses(text)):
        return False
    found = False
    for clause in _clauses(text):
        words = _plain(clause).split()
        if " ".join(words) in said:
            found = True
            continue
        words = _trimmed_cancel(words)
        if not words:
            continue
        if " ".join(words) not in said:
            return False
        found = True
    return found


def _clauses(text: str) -> list[str]:
    return re.split(r"[,;.!\u2013\u2014-]+|\s+(?:and|then)\s+", text.casefold())


def _trimmed_cancel(words: list[str]) -> list[str]:
    """``words`` without the words beside a cancel at either end ("ok", "please")."""
    return _without_ends(words, _BESIDE_CANCEL)


def _summary_choice(text: str) -> str | None:
    """The summary's choice ``text`` names ("send", "2", "yes", "cancel it"), or None."""
    words = " ".join(_WORD.findall(text.casefold()))
    if words in _CANCEL_WORDS or cancels(text):
        return "Cancel"
    polite = " ".join(_without_ends(words.split(), _AROUND_SEND))
    if words in _SEND_WORDS or polite in _SEND_WORDS or yes_or_no(text) == "yes":
        # "please send", "send it please thanks" (session 45's review: refused)
        return "Send"
    if words in _CHANGE_WORDS:
        return "Change"
    return match_choice(SUMMARY_CHOICES, text)


def _begin_change(ctx: Context[Any], route: Route, row: FormSession) -> list[Reply]:
    """Change: ask which answer to change (the summary shown before is out of date)."""
    form = _form_of(route)
    row.values = {**row.values, _PICKING: "1", _ROUND: str(_round(row) + 1)}
    row.position = len(form.fields)
    row.updated_at = ctx.now
    ctx.session.flush()
    return [_pick(ctx, form, row, [])]


def _pick(ctx: Context[Any], form: Form, row: FormSession, lead: list[str]) -> Reply:
    """"Which answer would you like to change?": the answers numbered, a button for each
    (and Back, and Cancel)."""
    answers = [(question.label, _shown(row.values.get(question.name)))
               for question in form.fields]
    words = ctx.render("form_pick.txt", answers=answers)
    buttons = [Button(label=question.label, action=PICK,
                      value=f"{row.id}:{_round(row)}:{index}")
               for index, question in enumerate(form.fields)]
    buttons.append(Button(label="Back", action=PICK,
                          value=f"{row.id}:{_round(row)}:{len(form.fields)}"))
    buttons.append(Button(label="Cancel", action=CANCEL, value=str(row.id)))
    return Reply(text="\n\n".join([*lead, words]), buttons=tuple(buttons))


def _answer_pick(incoming: Incoming, ctx: Context[Any], route: Route, row: FormSession
                 ) -> list[Reply]:
    """Words typed at "Which answer would you like to change?": an answer's number or its
    question, "back" (the summary again), a cancelling word; else asked again."""
    form = _form_of(route)
    text = incoming.text.strip()
    words = " ".join(_WORD.findall(text.casefold()))
    if ctx.marks.get(WORDS_WITHHELD):
        withheld = ctx.render("form_problem.txt", problem="withheld_summary",
                              form_name=_form_name(form), picking=True)
        return [dataclasses.replace(_pick(ctx, form, row, []), text=withheld)]
    if words in _CANCEL_WORDS or cancels(text):
        return [_cancel(ctx, row)]
    if words in _BACK_WORDS:
        return [_back_to_summary(ctx, form, row)]
    labels = [question.label for question in form.fields]
    chosen = match_choice(labels, text.rstrip("."))
    if chosen is not None:
        return [_change_one(ctx, form, row, labels.index(chosen))]
    if ctx.marks.get(WORDS_ANSWERED):
        return [_still_open(ctx, form, row)]
    sending = _send_held(ctx, route, row, text)
    if sending is not None:
        return sending
    problem = ctx.render("form_problem.txt", problem="pick", count=len(labels))
    typed = row.values.get(_TYPED)
    held = ([ctx.render("form_problem.txt", problem="typed_held", words=_shown(typed))]
            if typed else [])
    return [_pick(ctx, form, row, [problem, *held])]


def _change_one(ctx: Context[Any], form: Form, row: FormSession, index: int) -> Reply:
    """Ask question ``index`` again, its answer kept shown; then the answers are shown. Words
    typed at the summary and held (``_TYPED``) are that question's new answer when it takes
    words (and the summary is shown again); else they are left out and it is asked."""
    typed = str(row.values.get(_TYPED) or "")
    question = form.fields[index]
    route = _route(ctx, row.form_id)
    if typed and route is not None:
        return _replaced(ctx, route, row, question, typed, held=True)
    row.values = {**_without(row.values, *_HELD_WORDS), _CHANGING: "1"}
    row.position = index
    row.updated_at = ctx.now
    ctx.session.flush()
    return _ask(ctx, form, row, [])


def _back_to_summary(ctx: Context[Any], form: Form, row: FormSession) -> Reply:
    """The answers shown again, nothing changed."""
    typed = row.values.get(_TYPED)
    row.values = _without(row.values, *_HELD_WORDS)
    return _summary(ctx, form, row, [ctx.render(
        "form_problem.txt", problem="typed_left_out", words=_shown(typed))] if typed else [])


def _summary_pressed(
    ctx: Context[Any], ids: tuple[int, ...] | None
) -> tuple[Route, FormSession] | None:
    """The open form a summary's button (``id:position:round``) points at, waiting at that
    summary; None when the button is stale (another form, a question, answers changed)."""
    row = _current(ctx)
    if ids is None or row is None or ids[0] != row.id:
        return None
    route = _route(ctx, row.form_id)
    if route is None or route.form is None or not _at_summary(route.form, row):
        return None
    if ids[1] != row.position or ids[2] != _round(row):
        return None
    return route, row


def _at_summary(form: Form, row: FormSession) -> bool:
    """Whether the row waits at its form's summary (every answer given, not yet sent)."""
    return form.confirm and row.position >= len(form.fields) and not _changing(row)


def _picking(row: FormSession) -> bool:
    """Whether Change is asking which answer to change."""
    return bool((row.values or {}).get(_PICKING))


def _changing(row: FormSession) -> bool:
    """Whether Change is asking the row's questions again."""
    return bool((row.values or {}).get(_CHANGING))


def _round(row: FormSession) -> int:
    value = str((row.values or {}).get(_ROUND) or "0")
    return int(value) if value.isdigit() else 0


@frozen
class _Waiting:
    """What an open form waits for: ``label`` (its question, or its summary's choices), what
    a line about it is rendered with (``said``: the summary, or the question's number, count
    and label), and the buttons that answer it."""

    label: str
    said: Mapping[str, object]
    buttons: tuple[Button, ...]


def _waiting(form: Form, row: FormSession) -> _Waiting:
    """What the open form waits for: the one place that tells its summary from its current
    question for a line about the form (a command run mid-form, words answered aside, another
    form refused)."""
    if _at_summary(form, row):
        return _Waiting(label=", ".join(SUMMARY_CHOICES),
                        said=MappingProxyType({"summary": True}),
                        buttons=_summary_buttons(row))
    question = _question_at(form, row)
    number, total = _numbering(form, row)
    return _Waiting(label=question.label,
                    said=MappingProxyType({"number": number, "total": total,
                                           "label": question.label}),
                    buttons=_buttons(row, question))


def _shown(value: object) -> str | None:
    """An answer as a summary shows it: None when left out; a long one cut short."""
    if value is None:
        return None
    text = " ".join(str(value).split())
    if len(text) <= SUMMARY_CHARACTERS:
        return text
    return text[:SUMMARY_CHARACTERS].rsplit(" ", 1)[0] + "\u2026"


def _names(form: Form) -> list[str]:
    return [question.name for question in form.fields]


# -- small helpers -----------------------------------------------------------------------------
def _without(values: Mapping[str, Any], *names: str) -> dict[str, Any]:
    """A new dict of ``values`` without the keys ``names`` (the form engine's own, mostly): a
    new dict, so the row's JSON column sees the change."""
    return {name: value for name, value in values.items() if name not in names}


def _current(ctx: Context[Any], *, lock: bool = False) -> FormSession | None:
    query = select(FormSession).where(FormSession.person_id == ctx.person.id)
    if lock:
        # Two messages from one person at once must not both answer the same question.
        query = query.with_for_update()
    return ctx.session.scalars(query).first()


def _delete(ctx: Context[Any], row: FormSession) -> None:
    ctx.session.delete(row)
    ctx.session.flush()


def _new_id(session: Session) -> int:
    while True:
        candidate = secrets.randbelow(_ID_LIMIT) + 1
        if session.get(FormSession, candidate) is None:
            return candidate


def _route(ctx: Context[Any], form_id: str) -> Route | None:
    """The form's route, if it still exists with its questions and the person may use it."""
    route = ctx.registry.forms.get(form_id)
    if route is None or route.form is None or ctx.person.role not in route.roles:
        return None
    return route


def _form_of(route: Route) -> Form:
    if route.form is None:
        raise ValueError(f"form {route.name} has no questions")
    return route.form


def _holds_typed_words(ctx: Context[Any], row: FormSession) -> bool:
    """Whether an open form holds an answer in the person's own words (a ``prose`` field)."""
    route = ctx.registry.forms.get(row.form_id)
    if route is None or route.form is None:
        return False
    return any(field.prose and str((row.values or {}).get(field.name) or "").strip()
               for field in route.form.fields)


def _on_hold(ctx: Context[Any], form: Form, row: FormSession, question: FormField) -> Reply:
    """After a concern typed at a question (``WORDS_WITHHELD``): the form waits, said in one
    line with the question's buttons (session 43's trial: three sentences and the question
    again read long and confusing right after an urgent concern). The same words sent again
    are still kept as the answer (``handlers.safeguarding``), unsaid."""
    line = ctx.render("form_problem.txt", problem="withheld", form_name=_form_name(form))
    return Reply(text=line, buttons=_buttons(row, question))


def _form_name(form: Form) -> str:
    """The form's title as said mid-sentence: "Your disagreement form" ("Your reply" is
    "reply", never "your your reply")."""
    name = form.title.lower()
    return name.removeprefix("your ")


def _title(ctx: Context[Any], form_id: str) -> str:
    route = ctx.registry.forms.get(form_id)
    if route is None or route.form is None:
        return ctx.render("form_unknown_title.txt")
    return route.form.title


def _question_at(form: Form, row: FormSession) -> FormField:
    """The question the row is at; recomputed if the stored position is out of step."""
    position = row.position
    if not 0 <= position < len(form.fields) or (
            form.fields[position].name in row.values and not _changing(row)):
        position = next_position(form, row.values) or 0
        row.position = position
    return form.fields[position]


def _pressed(
    ctx: Context[Any], ids: tuple[int, ...] | None
) -> tuple[Route, FormSession, FormField] | None:
    """The open form and question a button's ids point at, or None when they are stale."""
    row = _current(ctx)
    if ids is None or row is None or ids[0] != row.id or ids[1] != row.position:
        return None
    route = _route(ctx, row.form_id)
    if route is None or route.form is None or _at_summary(route.form, row):
        return None
    question = _question_at(route.form, row)
    if row.position != ids[1]:
        return None
    return route, row, question


def _stale(ctx: Context[Any]) -> Reply:
    return Reply(text=ctx.render("stale_button.txt"))


def _trigger(ctx: Context[Any]) -> Incoming:
    if ctx.incoming is None:
        raise ValueError("a form can only be submitted while handling a message")
    return ctx.incoming


def _submission(incoming: Incoming, form_id: str, values: Mapping[str, str]) -> Incoming:
    """``incoming`` as a whole-form submission: same sender and time, the form's values."""
    return dataclasses.replace(
        incoming,
        text="",
        action=None,
        action_value=None,
        form_id=form_id,
        form_values=MappingProxyType(dict(values)),
    )
