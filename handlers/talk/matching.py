"""What a message is, when it is not a question for the knowledge base: pure matchers.

``small_talk`` recognises a whole message that is only a greeting, thanks, "who are you", "what
can you do" or "help" (without the slash), "are you there", "sorry, wrong chat", or goodbye:
such messages get a short friendly reply, are not searched for and are not logged as knowledge
gaps. The whole message must be made of such phrases (and a few fillers like "there",
"pledgebot", "please"): "hi, how long is standstill?" and "thanks, but what about TUPE?" are
questions, and go to the knowledge base.

``how_to_use`` recognises a question about using the bot itself ("how do I raise a conflict",
"how can I make sure cases go to Tom while I'm away"): the answer is one of its own commands,
which the knowledge base (about the pledge and tendering) does not know.

``bare_number`` recognises a number typed on its own ("3", "#3", "3."): outside a form, with no
numbered buttons waiting (the console turns a number into a button press only when its last
reply showed numbered buttons), it is not a question either.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

# Named here too, as the features have read it from here; it lives in the runtime core, whose
# form engine folds words the same way.
from bot.words import apostrophes_dropped as apostrophes_dropped
from handlers.formats import MONTH_WORDS
from knowledge.deaths import DEATH, DIES, SUDDEN_DEATH
from knowledge.names import GIVEN_NAMES
from knowledge.pledges import (
    asks_for_the_list,
    pledge_number,
    pledge_numbers,
    pledge_numbers_missing,
    pledge_topic,
)
from knowledge.safeguarding import everyday_only, without_grief

SmallTalk = Literal["person", "me", "abilities", "who", "wellbeing", "here", "oops", "thanks",
                    "bye", "ack", "yes_no", "greeting", "unclear"]
# When a message has several (hi, who are you?), the reply is for the most useful one.
PRIORITY: tuple[SmallTalk, ...] = ("person", "me", "abilities", "who", "wellbeing", "here",
                                   "oops", "thanks", "bye", "ack", "yes_no", "greeting",
                                   "unclear")
# A message longer than this is never small talk: it says something.
MAX_WORDS = 12
# The routes that answer a part of a message from the person's own records when the whole
# is read by none (``handlers.ask.chat._each_part_answered``: session 38's brief), or after
# one of them answered its part (``handlers.talk.chat.other_questions``: session 39's), by
# name: invoices, tenders (by reference, written otherwise, or by title), reviews, bidders,
# uplifts, one's commissioner, the council's reply times, and one's own lists.
PART_ROUTES = frozenset(("invoice-words", "tender-dates", "tender-titled", "own-tender",
                         "review-due", "tender-bidders", "uplift-asked", "my-commissioner",
                         "case-times", "own-records",
                         # And the bot's own: its commands ("how do I raise a conflict?"),
                         # "who am i?" (session 39's review: "I don't know", or dropped).
                         "how-to-use", "small-talk"))
# Punctuation alone up to this length ("?", "...") is unclear, not a question.
MAX_UNCLEAR_CHARS = 20

_PHRASES: dict[SmallTalk, tuple[str, ...]] = {
    "greeting": (
        "hi", "hello", "hey", "hiya", "heya", "howdy", "greetings", "yo", "good morning",
        "good afternoon", "good evening", "good day", "morning", "afternoon", "evening",
        "hi again", "hello again",
        # session 22's review: "hiya, quick one" was "I don't know"
        "quick one", "quick question", "a quick question", "i have a question",
        "ive got a question", "ive a question", "i have a quick question",
        "ive got a quick question", "can i ask you something", "can i ask something",
        "can i ask a question",
    ),
    "wellbeing": (
        "how are you", "how are you doing", "how are you today", "how are things",
        "hows it going", "how is it going", "how do you do", "are you ok", "you ok",
        "are you well", "hope you are well", "hope youre well",
    ),
    "thanks": (
        "thanks", "thank you", "thankyou", "thx", "ty", "cheers", "ta", "many thanks",
        "thanks a lot", "thanks so much", "thank you so much", "thank you very much",
        "thanks very much", "much appreciated", "appreciated", "that helps", "that helped",
        "that was helpful", "thats helpful", "very helpful", "really helpful",
        # session 43's trial: "thanks thats really helpful" was "I don't know" and a gap
        "thats really helpful", "thats very helpful", "that is really helpful",
        "that was really helpful", "that was very helpful", "thats useful", "thats really useful",
        "very useful", "really useful", "that was useful", "helpful thanks", "useful thanks",
        # session 45's talk review: "I don't know" and a knowledge gap
        "thank u", "thank u so much", "thank u very much", "thanks a million", "thanks kindly",
        "thank you kindly", "thanks a bunch", "thanks ever so much", "thank you ever so much",
    ),
    "ack": (
        "ok", "okay", "got it", "understood", "noted", "cool", "nice", "great", "brilliant",
        "perfect", "lovely", "super", "excellent", "fab", "fantastic", "awesome", "thats great",
        "thats brilliant", "sounds good", "fine", "right", "sure",
        # session 20's review: recorded as knowledge gaps
        "lol", "haha", "hah", "hmm", "hm", "ah", "ahh", "aha", "oh ok", "ok cool", "k", "kk",
        # session 32's trial: a choice of topics, an entry, or "I don't know"
        "no worries", "no problem", "no probs", "not a problem", "no bother", "all good",
        "thats fine", "that is fine", "thats ok", "thats okay", "that works", "will do",
        "ok will do", "i will", "sounds great",
        # session 33's trial: "ack" was "I don't know" and a knowledge gap
        "ack", "acked", "acknowledged", "roger", "roger that", "copy that", "copied",
        # the words that said neither yes nor no to "Is this about someone's safety?" (its
        # own list until session 33: handlers/safeguarding reads this one)
        "alright", "all right", "ok sure", "ok fine", "fine ok", "ok then", "okay then",
    ),
    # A word that asks what was meant, with nothing to search (session 33's trial: "what?"
    # was "I don't know" and a knowledge gap).
    "unclear": (
        "what", "eh", "huh", "pardon", "come again", "say again", "you what", "sorry what",
        "what do you mean", "what does that mean", "i dont understand", "i dont get it",
    ),
    # Is anyone there (session 32's trial: "I don't know ... noted your question").
    "here": (
        "are you there", "you there", "anyone there", "is anyone there", "anybody there",
        "is anybody there", "are you still there", "you still there", "still there",
        "are you awake", "are you working", "is this working", "is it working",
    ),
    # A message meant for someone else, or taken back (session 32's trial: "sorry wrong chat"
    # was noted as a question).
    "oops": (
        "sorry", "sorry about that", "oops", "whoops", "oops sorry", "my mistake", "my bad",
        "wrong chat", "wrong window", "wrong person", "wrong conversation", "wrong thread",
        "wrong group", "wrong tab", "ignore that", "ignore this", "ignore me", "please ignore",
        "ignore", "sent by mistake", "sent that by mistake", "sent this by mistake",
        "sent in error", "sent to the wrong person", "never mind", "nevermind", "forget it",
        "forget that", "dont worry", "dont worry about it",
        # session 33's trial: "oops wrong one, undo that" was a knowledge gap
        "wrong one", "wrong message", "wrong file", "undo", "undo that", "scratch that",
        "delete that", "cancel that", "take that back", "didnt mean that",
        "didnt mean to send that",
    ),
    # A yes or no with nothing asked (session 24's console trial: "yes" was "I don't know",
    # noted as a question and offered to a commissioner). After "Is this about someone's
    # safety?" the safeguarding route takes it first (handlers/safeguarding.py).
    "yes_no": (
        "yes", "yeah", "yea", "yep", "yup", "yes please", "no", "nope", "nah", "no not really",
    ),
    "bye": (
        "bye", "goodbye", "bye bye", "see you", "see ya", "cya", "good night", "thats all",
        "thats it", "that is all", "nothing else", "no thanks", "no thank you", "speak soon",
        "talk later", "later",
    ),
    "who": (
        "who are you", "what are you", "who is this", "whats this", "what is this",
        "what is pledgebot", "who is pledgebot", "whats pledgebot", "are you a bot",
        "are you a robot", "are you human", "are you a human", "are you a person",
        "are you real", "are you a real person", "are you ai", "are you an ai", "is this a bot",
        "am i talking to a bot", "am i talking to a person", "am i talking to a human",
        "who am i talking to", "what is your name", "whats your name", "who made you",
        "who built you", "introduce yourself", "tell me about yourself", "are you chatgpt",
        "are you chat gpt", "is this chatgpt", "are you a chatbot", "is this a chatbot",
        "are you a real person or a bot", "are you a person or a bot", "are you a bot or a person",
        "are you chatgpt or something else", "are you a bot or something else",
        "are you ai or something else", "are you human or something else",
    ),
    # Who the writer is to the bot: /whoami's reply (session 39's trial: "who am i?" was "I
    # don't know" and a knowledge gap; "who am i logged in as" the call monitoring entry).
    "me": (
        "who am i", "whoami", "who am i logged in as", "who am i signed in as",
        "who am i logged on as", "who am i registered as", "who do you think i am",
        "do you know who i am", "who are you talking to", "which account am i using",
        "what account am i using", "which account am i on", "what account am i on",
        "which account is this", "what account is this", "who am i to you",
        "am i logged in", "am i signed in", "who am i here",
    ),
    # Session 22's review: "can i talk to a real person" became a case with those words alone.
    "person": (
        "can i talk to a real person", "can i talk to a person", "can i speak to a person",
        "can i speak to a real person", "can i talk to someone", "can i speak to someone",
        "i want to talk to a person", "i want to speak to a person", "i want to speak to someone",
        "i want to talk to someone", "i need to speak to someone", "i need to talk to someone",
        "i need to speak to a person", "talk to a person", "speak to a person",
        "talk to a human", "speak to a human", "real person", "a real person please",
        "can i talk to a human", "can i speak to a human", "speak to someone", "talk to someone",
        "let me speak to a person", "put me through to someone", "human please",
        "agent", "operator",
    ),
    "abilities": (
        "help", "help me", "help please", "please help", "i need help", "can you help",
        "can you help me", "how can you help", "how can you help me", "what can you do",
        "what can you help with", "what can you help me with", "what do you do",
        "what can i ask", "what can i ask you", "what should i ask", "how does this work",
        "how does it work", "how do i use this", "how do i use you", "how to use this",
        "menu", "commands", "what are your commands", "options", "get started",
        "what are you for", "what is this for", "whats this for", "what can you tell me",
        "what do you know", "start",
        # session 43's trial: "what is this bot for" and "what does this do" were "I don't know"
        "what is this bot for", "whats this bot for", "what is the bot for", "whats the bot for",
        "what does this do", "what does this bot do", "what does the bot do",
        "what is the point of this", "what is the point of this bot", "whats the point of this",
        "what is this chat for", "whats this chat for", "what is this service",
        # session 44's brief: "what does this thing do" was "I don't know"
        "what does this thing do", "what is this thing for", "whats this thing for",
        "what does this app do", "what is this app for", "whats this app for",
        "what does this service do", "what does it do", "what do you actually do",
        "what does this thing actually do", "what is this thing actually for",
        # session 44's review: "I don't know"
        "what can you do for me", "what can you do for us", "what can you do for providers",
        "what can you do for commissioners", "what can i use this for", "what can we use this for",
        "what can i use you for", "what can i use this bot for", "what can i do here",
        "what can we do here", "what can i do with this", "what can i do with this bot",
        "what does this bot do for providers", "what does this bot do for commissioners",
        "what does this do for providers", "what does this do for commissioners",
        "what do you do for providers", "what do you do for commissioners",
    ),
}
# An acknowledgement ("ok", "got it", "no worries"): small talk here, and neither a yes nor a no
# when it answers "Is this about someone's safety?" (``handlers.safeguarding.yes_or_no``).
ACKNOWLEDGEMENTS = _PHRASES["ack"]
# Words that may stand around the phrases without saying anything more.
_FILLERS = ("pledgebot", "bot", "there", "again", "all", "everyone", "team", "mate", "please",
            "so", "oh", "well", "very", "much", "then", "and", "just")
# The small talk that may open a message that then says something ("no worries. I need to
# report a concern", "thanks, how long is standstill"): greetings, thanks, acknowledgements,
# "are you there", "sorry", and the fillers; never a yes or a no, which may answer something.
OPENING_PHRASES: tuple[str, ...] = (
    *(phrase for kind in ("greeting", "wellbeing", "thanks", "ack", "here", "oops")
      for phrase in _PHRASES[kind]), *_FILLERS)

_NOT_LETTERS = re.compile(r"[^a-z0-9]+")


def _words(text: str) -> list[str]:
    """Lower case words, apostrophes dropped ("what's" -> "whats"), punctuation as spaces."""
    text = text.casefold().replace("\u2019", "").replace("'", "")
    return [word for word in _NOT_LETTERS.split(text) if word]


def _table() -> list[tuple[tuple[str, ...], SmallTalk | None]]:
    """Every phrase as words, longest first (so "thank you very much" beats "thank you")."""
    rows: list[tuple[tuple[str, ...], SmallTalk | None]] = [
        (tuple(phrase.split()), kind) for kind, phrases in _PHRASES.items()
        for phrase in phrases]
    rows += [((filler,), None) for filler in _FILLERS]
    return sorted(rows, key=lambda row: -len(row[0]))


_TABLE = _table()


# A greeting that introduces the writer: "hi im alex from hillview, we do home care", "hello, my
# name is sam" (session 22's review: "I don't know"). A greeting or "my name is" must open it,
# so "im worried about her" is never one.
_INTRODUCTION = re.compile(
    # ... never with a question in it ("Hi I'm Alex, manager at Hillview - what's pledge 18?":
    # session 43's review, its question taken for the organisation's name and only greeted)
    r"^(?![^?]*\?)(?!.*(?:\s-+\s*|,\s*)(?:whats|what|how|when|where|which|who|why|can|could)\b)"
    r"(?:(?:hi|hello|hey|hiya|morning|good morning|good afternoon)\W+(?:there\W+)?"
    r"(?:(?:im|i am|its|it is|this is|my name is|my names)\W+)|(?:my name is|my names)\W+)"
    r"(?!(?:worried|concerned|scared|afraid|frightened|struggling|stuck|confused|not|so|really"
    r"|very|sorry|unsure|having|trying|looking|wondering|after|about|calling|writing|messaging"
    r"|emailing|new|the|a|an|just|still|quite|getting|going|fed|upset|angry|annoyed|furious"
    r"|disappointed|frustrated|unhappy|sad|ill|sick|off|away|back|here|done|finished)\b)"
    r"[a-z][a-z'-]*(?:\W+[a-z][a-z'-]*)?"
    r"(?:\W+(?:from|at|with|of|here from)\W+[a-z0-9' &-]{1,40}?)?"
    r"(?:\W+(?:we|i) (?:are|do|run|provide|manage|work (?:at|for|in))\W+[a-z0-9' &-]{1,40})?"
    r"\W*$")


# Thanks for something ("thank you for your help", "cheers for the help", "thanks for all your
# help today"; session 45's brief: "I don't know" and a knowledge gap, where "thanks" alone was
# thanks), over words as ``_words`` gives them.
_THANKS_FOR = re.compile(
    r"(?:(?:ok|okay|oh|right|great|brilliant|lovely|perfect|brill) )?"
    r"(?:thanks|thank you|thankyou|thank u|many thanks|cheers|ta|thx|ty)"
    r"(?: (?:a lot|so much|very much|again))?"
    r" for (?:(?:all|all of) )?(?:(?:your|the) (?:(?:quick|kind|great|speedy) )?"
    r"(?:help|time|support|assistance|info|information|advice|answer|answers|reply|replies"
    r"|update|explanation|guidance)|that|this|everything"
    # "thanks for explaining that" (session 45's talk review: "I don't know")
    r"|(?:explaining|clarifying|checking|confirming) (?:that|this|it))"
    r"(?: (?:today|again|there|so much|very much|pledgebot|bot))*")


def small_talk(text: str) -> SmallTalk | None:
    """The kind of small talk ``text`` is, when it is nothing but small talk; else None."""
    folded = apostrophes_dropped(text)
    if len(folded.split()) <= MAX_WORDS + 2 and _INTRODUCTION.match(folded):
        return "greeting"
    words = _words(text)
    if not words and text.strip() and len(text.strip()) <= MAX_UNCLEAR_CHARS:
        return "unclear"  # "?", "...", "!!": nothing to search (session 20: kept as a gap)
    if not words or len(words) > MAX_WORDS:
        return None
    if _THANKS_FOR.fullmatch(" ".join(words)) is not None:
        return "thanks"
    signed = _signed_small_talk(words)
    if signed is not None:
        return signed
    kinds: set[SmallTalk] = set()
    position = 0
    while position < len(words):
        for phrase, kind in _TABLE:
            if tuple(words[position:position + len(phrase)]) == phrase:
                position += len(phrase)
                if kind is not None:
                    kinds.add(kind)
                break
        else:
            return None  # a word that is not small talk: the message says something
    return next((kind for kind in PRIORITY if kind in kinds), None)


# Small talk signed with the writer's name, or said to someone by name ("Thanks, Sam", "cheers
# jo", "bye for now, Priya"; session 37's trial: "Thanks, Sam" was "I don't know" and a knowledge
# gap where "ok thanks" had "You're welcome"): a given name last, after thanks, a goodbye, a
# greeting or an acknowledgement.
_SIGNED_KINDS = frozenset({"thanks", "bye", "greeting", "ack"})


def _signed_small_talk(words: list[str]) -> SmallTalk | None:
    """The kind of small talk ``words`` are when the last one (or two) is a given name after
    small talk of ``_SIGNED_KINDS``; else None."""
    for length in (1, 2):
        if len(words) <= length or words[-length] not in GIVEN_NAMES:
            continue
        kind = small_talk(" ".join(words[:-length]))
        if kind in _SIGNED_KINDS:
            return kind
    return None


# "thanks. which of my invoices are overdue?", "ok. who do i chase at the council?" (session
# 33's second trial: "I don't know", and an unrelated entry): a word of small talk, then a
# sentence of its own, which is read as if typed alone.
_LEAD_AND_REST = re.compile(r"^\s*([^.!,;:?]{1,40}?)\s*[.!,;:]+\s+(\S.*)$", re.DOTALL)
_LEADING_KINDS = frozenset({"greeting", "thanks", "ack"})


def after_small_talk(text: str) -> str | None:
    """The words after a leading word of small talk ("thanks", "ok", "hi") set off by a full
    stop or a comma, when there are words after it and the whole is not small talk; else None
    (pure)."""
    if small_talk(text) is not None:
        return None
    found = _LEAD_AND_REST.match(text)
    if found is None or small_talk(found.group(1)) not in _LEADING_KINDS:
        found = _LEAD_PIECE.match(text)
        if found is None or not (_courtesy(found.group(1))
                                 or _bare_apology(found.group(1), found.group(2))):
            return _after_an_apology(text)
    rest = found.group(2).strip()
    greeted = small_talk(found.group(1)) == "greeting"
    # Then who is writing and an apology for writing ("Hi, Tom from commissioning here, sorry
    # to bother you - which pledge covers prompt payment?": session 44's brief, "I don't
    # know"): set aside, one after another, when a sentence of its own follows.
    while (more := _LEAD_PIECE.match(rest)) is not None and (
            small_talk(more.group(1)) in _LEADING_KINDS or _courtesy(more.group(1))
            or _bare_apology(more.group(1), more.group(2))
            or (greeted and _name_alone(more.group(1)))):
        rest = more.group(2).strip()
        greeted = False
    return _after_an_apology(rest) or rest


def _name_alone(piece: str) -> bool:
    """Whether a piece is a given name alone, perhaps with a surname ("Tom Okafor"; pure)."""
    folded = " ".join(apostrophes_dropped(piece).split()).casefold().strip(" .!,")
    found = _NAME_ALONE.fullmatch(folded)
    return found is not None and found.group("bare") in GIVEN_NAMES


# "sorry to be a pain again but which pledge is about training costs" (session 44's review:
# "I don't know"): an apology for writing, then "but" and a question.
_APOLOGY_BUT = re.compile(r"^\s*([^.!,;:?]{1,50}?)\s+but\s+(\S.*)$", re.DOTALL | re.IGNORECASE)


def _after_an_apology(text: str) -> str | None:
    """The question after an apology for writing set off by "but" ("sorry to be a pain again
    but which pledge ..."), when the rest asks; else None (pure)."""
    found = _APOLOGY_BUT.match(text)
    if found is None or not (_courtesy(found.group(1)) or _bare_apology(*found.groups())) or (
            not _OPENS_ASKING.match(found.group(2))):
        return None
    return found.group(2).strip()


# A piece of a message set off by a stop, a comma or a dash ("Tom from commissioning here -
# which pledge ...").
_LEAD_PIECE = re.compile(r"^\s*([^.!,;:?\u2013\u2014]{1,60}?)\s*(?:[.!,;:]+|\s[-\u2013\u2014]+)"
                         r"\s+(\S.*)$", re.DOTALL)
# Who is writing ("Tom from commissioning here", "it's Tom from commissioning", "this is Tom",
# "I'm Alex, manager at Hillview"), never how they feel ("I'm worried about her").
_NOT_A_NAME = (r"(?!(?:worried|concerned|scared|afraid|frightened|struggling|stuck|confused"
               r"|not|so|really|very|sorry|unsure|having|trying|looking|wondering|after|about"
               r"|calling|writing|messaging|emailing|new|the|a|an|just|still|quite|getting"
               r"|going|fed|upset|angry|annoyed|furious|disappointed|frustrated|unhappy|sad"
               r"|ill|sick|off|away|back|here|done|finished|told|asked|aware|sure|afraid)\b)")
_FROM_WHERE = (r"(?:\s+(?:from|at|with|of|in)\s+(?:the\s+)?[a-z0-9&'-]+"
               r"(?:\s+[a-z0-9&'-]+){0,3}?)")
_WRITER = re.compile(
    r"^(?:(?:hi|hello|hey|hiya|morning|good morning|good afternoon)\W+(?:there\W+)?)?(?:"
    # Said to be who is writing ("it's Tom from commissioning", "I'm Alex"), or "... here"
    # ("Tom from commissioning here"), a given name first: never "mum fell at home", "a carer
    # from the agency", "this is ridiculous", "I'm swamped".
    r"(?:its|it is|this is|im|i am|my name is|my names)\s+" + _NOT_A_NAME
    + r"(?P<name>[a-z][a-z'-]*)(?:\s+[a-z][a-z'-]*)?" + _FROM_WHERE + r"?(?:\s+here)?"
    r"|" + _NOT_A_NAME + r"(?P<named>[a-z][a-z'-]*)(?:\s+[a-z][a-z'-]*)?" + _FROM_WHERE
    + r"?\s+here"
    # "Sam here from Riverside", "Alex at Hillview", "Tom in commissioning", "Tom Okafor"
    # (session 44's review: "I don't know"): a given name, checked in ``_courtesy``.
    r"|" + _NOT_A_NAME + r"(?P<bare>[a-z][a-z'-]*)(?:\s+[a-z][a-z'-]*)?(?:\s+here)?"
    + _FROM_WHERE + r")$")
# A name alone ("Tom Okafor"), only right after a greeting ("Hi, Tom Okafor, commissioning.").
_NAME_ALONE = re.compile(_NOT_A_NAME + r"(?P<bare>[a-z][a-z'-]*)(?:\s+[a-z][a-z'-]*)?")
# A team named alone after the writer's name ("Tom Okafor, commissioning.").
_A_TEAM = re.compile(r"(?:(?:from|in|at) )?(?:the )?(?:commissioning|procurement|contracts"
                     r"|brokerage|finance|quality|safeguarding|adult social care)"
                     r"(?: team| hub| here)?")
# An apology for writing, or a kind word before the question ("sorry to bother you", "hope
# you're well").
_APOLOGY_FOR_WRITING = re.compile(
    r"^(?:(?:so |really |very )?sorry(?: again)?|apologies|(?:i )?apologi[sz]e)"
    r" (?:to|for) (?:bother|bothering|trouble|troubling|disturb|disturbing|interrupt"
    r"|interrupting|pester|pestering|chase|chasing|the trouble|the bother|the interruption"
    r"|the hassle|another question)(?: you)?(?: again| with this)?"
    # "sorry to be a nuisance", "apologies if this is daft" before the question (session 44's
    # review: "I don't know"); "sorry" alone is ``_BARE_APOLOGY``
    r"|^(?:(?:so |really |very )?sorry|apologies)(?: again)?(?: to be (?:a |such a )?(?:nuisance"
    r"|pain|bother|pest)(?: again)?| if this is (?:a )?(?:daft|silly|stupid|obvious|basic)"
    r"(?: question)?)$"
    r"|^(?:i )?hope (?:you are|youre|ur|all is|everything is|youre keeping|you are keeping)"
    r" (?:well|ok|okay|good)$")


# "sorry" alone before a question ("Hi, Priya here, sorry - how long ...": session 44's
# review); before words that ask nothing it is an apology ("sorry. long week": feelings').
_BARE_APOLOGY = re.compile(r"(?:(?:so |really |very )?sorry|apologies)(?: again)?")


def _bare_apology(piece: str, rest: str) -> bool:
    """Whether ``piece`` is "sorry" alone and ``rest`` asks a question (pure)."""
    folded = " ".join(apostrophes_dropped(piece).casefold().split()).strip(" .!,")
    return (_BARE_APOLOGY.fullmatch(folded) is not None
            and (rest.rstrip().endswith("?") or _OPENS_ASKING.match(rest) is not None))


def _courtesy(piece: str) -> bool:
    """Whether a piece before a question only says who is writing or apologises for writing
    (``_WRITER``, ``_APOLOGY_FOR_WRITING``; pure)."""
    folded = " ".join(apostrophes_dropped(piece).replace("-", " ").split()).strip(" .!,")
    writer = _WRITER.match(folded)
    if writer is not None:
        return (writer.group("name") or writer.group("named") or writer.group("bare")
                or "") in GIVEN_NAMES
    if _A_TEAM.fullmatch(folded) is not None:
        return True
    return bool(folded) and _APOLOGY_FOR_WRITING.fullmatch(folded) is not None


# "stop", "quit", "exit" typed as chat with no form open (session 34's trial: each was "I don't
# know" and a knowledge gap). In a form the form engine reads them: they cancel it.
_STOP_WORDS = frozenset({
    "stop", "quit", "exit", "cancel", "abort", "end", "halt", "stop it", "stop this",
    "stop that", "quit it", "cancel it", "cancel this", "stop now", "please stop", "stop please",
    "quit please", "exit please", "cancel please", "end it", "end chat", "end this", "stop chat",
    "log off", "logout", "log out", "sign out",
})


def stop_word(text: str) -> str | None:
    """The words, when a whole message only says stop, quit, exit or cancel; else None
    (pure)."""
    said = " ".join(_words(text))
    return said if said in _STOP_WORDS else None


# A single word that is no question (session 34's trial: "banana" was a knowledge gap); the ask
# handler takes it for one only when the knowledge base finds no entry that has it.
_ONE_WORD = re.compile(r"[^\W\d_][\w'-]*[.!?]*")


def one_word(text: str) -> str | None:
    """The word, when ``text`` is a single word of letters; else None (pure)."""
    said = text.strip()
    return said.rstrip(".!?") if _ONE_WORD.fullmatch(said) else None


_BARE_NUMBER = re.compile(r"^(?:#|no\.?|number)?\s*(\d{1,9})\s*[.)]?$", re.IGNORECASE)


def bare_number(text: str) -> int | None:
    """The number when ``text`` is a number on its own ("3", "#3", "3."); else None."""
    found = _BARE_NUMBER.match(text.strip())
    return int(found.group(1)) if found is not None else None

# The pledge's commitments are numbered 1 to 30: "3" may have meant "pledge 3".
PLEDGE_NUMBERS = range(1, 31)


# "How do I ..." about one of the bot's own commands (session 21's review: "how do I make sure
# cases go to Tom" was "I don't know"; "how do I raise a conflict" offered the entry on
# conflicts of interest in procurement). The opener must ask how to do something; the action
# must name what the command does in the bot's own words, so "how do I submit an invoice to the
# council" or "how do I get feedback on my bid" (questions for the knowledge base) are left alone.
_HOW_TO = re.compile(
    r"^\W*(?:(?:hi|hello|hey)\b\W*)?(?:how (?:do|can|should|would) (?:i|we)|how to"
    r"|where do (?:i|we)|what do (?:i|we) do to|can (?:i|we)|is there a way to"
    r"|i (?:want|need|would like) to|id like to)\b\W*(?P<rest>.*)$")
# Without the writer's name ("anonymously", "without giving my name"; session 44's brief).
_ANONYMOUSLY = (r"(?:anonymously|anonymous|without (?:giving |putting |using |sharing |saying"
                r" |leaving |revealing |disclosing )?(?:my|our|a|any) names?(?: on it)?"
                r"|without being named|without (?:anyone|them|the council) knowing (?:its|it is"
                r"|it was) (?:me|us))")
_ASKS_ANONYMOUSLY = re.compile(r"\b" + _ANONYMOUSLY + r"(?!\w)")


def asks_anonymously(text: str) -> bool:
    """Whether ``text`` asks to do something without the writer's name (pure)."""
    return _ASKS_ANONYMOUSLY.search(apostrophes_dropped(text)) is not None


# What may follow the action's object: "here", "with you", "please", a question mark.
_END = r"(?:\W+(?:here|on here|with you|in pledgebot|in the bot|please|now|today))*\W*$"
_AN = r"(?:(?:a|an|the|my|our|new|this|that)\W+)?"
_ACTIONS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (command, re.compile(pattern)) for command, pattern in (
        ("conflict", r"^(?:raise|log|open|start|file|record|lodge|submit)\W+" + _AN
                     + r"(?:\w+\W+)?(?:conflict|dispute|disagreement)s?\b(?! of interest)"),
        # "... anonymously" too (session 25's trial: "can i give feedback anonymously" was
        # "I don't know", and /feedback asks it).
        ("feedback", r"^(?:give|leave|send|submit|share|provide|post)\W+(?:some\W+|my\W+|our\W+)?"
                     r"(?:anonymous\W+)?feedback(?:\W+(?:to|on|about|for)\W+(?:the\W+)?"
                     r"(?:council|commissioners?|commissioning(?:\W+team)?|la|local authority"
                     r"|you|pledgebot|working together|the pledge))?(?:\W+"
                     + _ANONYMOUSLY + r")?" + _END
                     # ... and a complaint made anonymously (session 43's trial: "can i complain
                     # anonymously" was "I don't know"; /feedback is the way to do it; session
                     # 44's: "... without giving my name")
                     + r"|^(?:complain|(?:make|raise|send|give|file|lodge|submit|put in)\W+"
                     r"(?:a\W+|an\W+)?(?:anonymous\W+)?complaint)\W+" + _ANONYMOUSLY + _END),
        ("invoice", r"^(?:record|log|enter)\W+" + _AN + r"invoices?(?:\W+(?:as\W+)?(?:sent|paid"
                    r"|received))?" + _END),
        ("placement", r"^(?:add|record|register|create|enter|set up)\W+" + _AN + r"placements?"
                      + _END),
        ("review", r"^(?:record|log|mark)\W+" + _AN + r"(?:placement\W+)?reviews?\W+(?:as\W+)?"
                   r"(?:done|complete|completed|finished)" + _END
                   # "record that we did a review for a client" (session 35's trial: "I don't
                   # know"), "record a review for a resident"
                   + r"|^(?:record|log|enter|tell you)\W+(?:that\W+)?(?:(?:we|i)\W+"
                   r"(?:have\W+|ve\W+)?(?:did|done|held|had|completed|carried out)\W+)?" + _AN
                   + r"(?:placement\W+|care\W+|client\W+|\d+\W+(?:week|month)\W+)?reviews?"
                   r"(?:\W+(?:for|with|of)\W+" + _AN + r"(?:client|resident|service user|person"
                   r"|placement|customer|individual)s?)?" + _END),
        ("condition-change", r"^(?:report|record|log|tell you about)\b(?:\W+\w+){0,4}?\W+"
                             r"(?:change (?:in|of) (?:\w+ ){0,2}(?:condition|needs)"
                             r"|condition change)"),
        ("away", r"(?:\b(?:cases?|escalations?)\b(?:\W+\w+){0,4}?\W+(?:go|goes|going|sent|routed"
                 r"|forwarded|passed|redirected)\W+(?:\w+\W+)?to\b.*\b(?:while|when)\W+"
                 r"(?:i|im|i am)\W+(?:\w+\W+)?(?:away|off|on holiday|on leave|on annual leave"
                 r"|out of (?:the )?office)"
                 r"|^(?:set up|arrange|turn on|put on)\W+(?:my\W+(?:cover|out of office)\b"
                 r"|(?:cover|an? out of office|out of office)\W+(?:while|when|for when)\W+"
                 r"(?:i|im|i am)\b))"),
        ("cases", r"^(?:see|check|view|find|list|look at)\W+(?:all\W+)?(?:my|our)\W+cases?"
                  + _END),
        ("reminders", r"^(?:see|check|view|list|find)\W+(?:all\W+)?(?:my|our)\W+"
                      r"(?:reminders|deadlines)" + _END),
        ("digest", r"^(?:stop|turn off|switch off|unsubscribe from|get|turn on|restart)\b"
                   r"(?:\W+\w+){0,2}?\W+(?:weekly\W+)?digest\b"),
        ("tender", r"^(?:follow\W+" + _AN + r"tender|get reminders (?:for|about|of)\W+" + _AN
                   + r"tender)" + _END),
        ("survey", r"^(?:answer|fill in|fill out|complete|take|do)\W+(?:the\W+|a\W+|your\W+"
                   r"|this\W+|the council'?s\W+)?surveys?" + _END),
    ))


# A command's name typed alone without its slash ("conflict", "my cases", "reminders"; session
# 21's review: "conflict" offered conflicts of interest, "cancel" home-care cancellations).
_BARE_COMMANDS = {
    "conflict": "conflict", "disagreement": "conflict", "dispute": "conflict",
    "feedback": "feedback", "cases": "cases", "case": "cases", "reminders": "reminders",
    "deadlines": "reminders", "digest": "digest", "placement": "placement",
    "placements": "placement", "invoice": "invoice", "invoices": "invoice", "survey": "survey",
    "surveys": "survey", "tender": "tender", "tenders": "tender", "away": "away",
    "cancel": "cancel", "whoami": "whoami",
}
_BARE_FILLERS = frozenset({"my", "show", "me", "see", "view", "list", "open", "check", "the",
                           "all", "please", "our"})


# A request in plain words for something one of the bot's commands does, with no "how do I"
# (session 22's review: "stop sending me the weekly email", "im on leave next week, can someone
# cover my cases", "any news on my complaint", "we did the review for RC-221 today", "new
# resident from the council starting monday", "remind me" were each "I don't know").
_REQUESTS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (command, re.compile(pattern)) for command, pattern in (
        ("digest", r"^\W*unsubscribe(?: me)?\W*$|\b(?:stop|turn off|switch off|unsubscribe"
                   r"(?: me)?(?: from)?|no more|(?:do not|dont|don't) (?:want|need|send))\b"
                   r"(?:\W+\w+){0,4}?\W+(?:(?:the|your|these|those|this) )?(?:weekly"
                   r" (?:e-?mails?|emails?|messages?|summar(?:y|ies)|digests?|updates?)"
                   r"|digests?)\b"),
        ("away", r"\b(?:i'?m|im|i am|i'?ll be|i will be)\W+(?:\w+\W+){0,2}?(?:on leave|on"
                 r" holiday|on annual leave|away|off|out of (?:the )?office)\b.*\b(?:cover"
                 r"|look after|take over|handle|deal with)\b.*\b(?:cases?|work)\b"
                 r"|\bcover (?:for )?my cases\b"),
        # (the session's code review: "what is the status of a section 42 case" is the
        # knowledge base's; only the person's own case is asked after)
        ("cases", r"\b(?:any news|any update|an update|what'?s happening|what is happening"
                  r"|where are we|what'?s the status|where is)\b(?:\W+\w+){0,3}?\W+(?:my|our)"
                  r"\W+(?:\w+\W+)?(?:complaint|case|disagreement|dispute|conflict|feedback)s?\b"
                  r"|\bwhat cases (?:have i got|do i have|are open)\b"),
        # a review of a placement (its reference, or "placement review") said to be done, with
        # no question in it ("we had a review of our fees, can we appeal" is the knowledge
        # base's)
        ("review", r"^(?:we |i )?(?:did|done|had|completed|held|finished)\b(?:\W+\w+){0,3}?"
                   r"\W+(?:placement )?review\b(?=.*\b[a-z]{1,6}[-/]?\d{2,}\b|.*\bplacement\b)"
                   r"(?!.*\?)(?!.*\b(?:when|should|must|need|can|could|what|why|how|appeal"
                   r"|allowed)\b)"),
        ("placement", r"\bnew (?:resident|client|placement|admission|service user|person)\b.*"
                      r"\b(?:starting|starts|start|moving in|moves in|arriving|arrives|admitted"
                      r"|coming)\b(?!.*\?)"),
        # "remind me about her review", "remind me", not "remind me what the 10 day rule is"
        ("reminders", r"^\W*(?:(?:can|could|will) you |please |pls )?remind me"
                      r"(?:\W*$|\W+(?:about|of|to|when)\b(?!\W+(?:what|how|why|who)\b))"),
    ))


# Setting up a tender or its dates in the bot ("can i set up the tender dates in here?
# clarification deadline is 14th dec", "how do I add a new tender"; session 37's trial, from a
# contracts officer: "I don't know"). No command does it: an administrator imports tenders
# (``pledgebot tenders import``), so the reply says so (``handlers.talk.chat``).
_TENDER_SET_UP = re.compile(
    r"^\W*(?:(?:hi|hello|hey)\b\W*)?(?:how (?:do|can|should|would) (?:i|we)|how to"
    r"|where (?:do|can) (?:i|we)|can (?:i|we)|could (?:i|we)|is there a way to"
    r"|i (?:want|need|would like) to|id like to)\W+(?:(?P<set>set up|setup|add|load|import"
    r"|create)|enter|put in|put|input|record|upload|log|register)\W+(?:(?:the|our|a|an|new|my"
    r"|this|these|its|all)\W+)*(?:tenders?|procurements?)(?:\W+(?P<dates>dates?|deadlines?"
    r"|timetables?|timelines?|details))?\b(?:\W+(?P<here>(?:in|on|into|onto|to|with)\W+"
    r"(?:here|the bot|pledgebot|you|this|the system)))?\W*(?:$|[?.!,;]+)")


def tender_set_up(text: str) -> bool | None:
    """True when ``text`` asks how to set up a tender or its dates in the bot; else None
    (pure). Putting in, entering or uploading a tender is a bidder's word for a bid ("how do
    we upload our tender", "can we enter the tender?": the knowledge base's, session 37's
    review) unless its dates or "in here" are named."""
    folded = " ".join(text.casefold().replace("\u2019", "'").split())
    found = _TENDER_SET_UP.search(folded)
    if found is None or not (found.group("set") or found.group("dates") or found.group("here")):
        return None
    return True


# A first tender, and where to begin ("first time doing a tender, not sure where to begin",
# "we've never bid for a council contract before, where do we start"; session 44's brief: the
# knowledge base offered the 12-week property disregard): the getting-started entry.
FIRST_TENDER_ENTRY = "new-providers-getting-started"
_TENDERING = re.compile(r"\b(?:tender\w*|bid|bids|bidding|procurement|council contracts?"
                        r"|council work|frameworks?|itts?|pqqs?)\b")
_NOVICE = re.compile(
    r"\b(?:(?:my|our|the) )?first (?:time|ever|one)\b|\bnever (?:\w+ ){0,3}?before\b"
    r"|\bnew to\b|\bbeginners?\b|\bnovices?\b|\bnever (?:done|did|bid|bidded|tendered"
    r"|applied|written|submitted|put in|gone for|been through)\b")
_WHERE_TO_BEGIN = re.compile(
    r"\b(?:where (?:do|should|can|would|shall) (?:i|we) (?:begin|start)|where to (?:begin|start)"
    r"|how (?:do|should|can|would) (?:i|we) (?:begin|start|get started)"
    r"|how to (?:begin|start|get started)|what do (?:i|we) (?:need to )?do first"
    r"|(?:no|not a|any) (?:idea|clue) (?:where|how) to (?:begin|start)|where to go from here)\b"
    r"(?!\s+(?:a|an|the|my|our|this|that|it)\b)")
# Something else asked besides ("first time tendering, how long is standstill?").
_ASKS_OTHERWISE = re.compile(r"\b(?:what|whats|when|how long|how much|how many|who|which|why"
                             r"|is|are|can|do|does|should|must)\b")
# A tender lost, or one of one's own named: the other routes' and the knowledge base's.
_NOT_A_FIRST = re.compile(r"\b(?:lost|won|unsuccessful|standstill|feedback|challenge\w*"
                          r"|[a-z]{1,6}-\d+)\b")


def first_tender(text: str) -> bool | None:
    """True when ``text`` says it is the writer's first tender (or they are new to bidding) and
    asks only where to begin (pure); else None."""
    folded = " ".join(text.casefold().replace("\u2019", "'").split())
    if (len(folded.split()) > 2 * MAX_WORDS or _TENDERING.search(folded) is None
            or _NOT_A_FIRST.search(folded) is not None):
        return None
    begin = _WHERE_TO_BEGIN.search(folded)
    if begin is not None:
        rest = folded[:begin.start()] + " " + folded[begin.end():]
        return True if _ASKS_OTHERWISE.search(rest) is None else None
    return True if (_NOVICE.search(folded) is not None and "?" not in folded
                    and _ASKS_OTHERWISE.search(folded) is None) else None


# What the pledge says about how quickly either side replies ("What does the pledge say about
# response times?", "does the pledge say how quickly the council should reply to us"; session
# 44's brief: answered confidently with commitment 3, on confidentiality). No commitment sets
# a time; commitment 1's professional behaviour is replying in reasonable time.
RESPONSE_TIMES_ENTRY = "pledge-1"
_THE_PLEDGE = re.compile(r"\b(?:pledges?|commitments?)\b")
_REPLYING = r"(?:repl(?:y|ies|ied|ying)|respond\w*|answer(?:s|ed|ing)?|get(?:ting)? back)"
_RESPONSE_TIMES = re.compile(
    r"\b(?:response|reply|answer) (?:times?|times?cales?|speeds?|deadlines?)\b"
    r"|\btimes? (?:to|for) (?:reply|respond|answer)\w*\b"
    r"|\bhow (?:quickly|fast|soon|long|promptly)\b(?: \S+){0,8}? " + _REPLYING + r"\b"
    r"|\b" + _REPLYING + r"(?: to (?:us|providers|emails?|e-mails?|calls|queries|messages|them))?"
    r" (?:quickly|promptly|on time|in (?:good|reasonable) time|within)\b")
# A case's service level (``handlers.talk.contacts``) or a tender's clarifications are others'.
_NOT_REPLY_TIMES = re.compile(r"\b(?:conflicts?|disputes?|disagreements?|feedback|complaints?"
                              r"|clarification\w*|tender\w*|bids?|invoices?|pay\w*|foi"
                              r"|freedom of information|[a-z]{1,6}-\d+)\b")


# "is there a pledge about step down placements", "are there any commitments on parking"
# (session 44's review: commitment 6 given with confidence): whether any commitment covers it.
_PLEDGE_EXISTS = re.compile(
    r"^(?:(?:hi|hello|hey|so|and|but|please|quick question)\W+)*(?:is there|are there"
    r"|have you got|do you have|does the pledge have|is anything)\s+(?:a|an|any|anything"
    r"|something)\s*(?:pledges?|commitments?|promises?|in the pledge)?(?:\s+in the pledge)?"
    r"\s+(?:about|on|covering|for|regarding|around|to do with|that covers?|that mentions?)"
    r"\s+(?P<topic>[a-z0-9][a-z0-9 '&/-]{1,60}?)\W*$")


# Two topics asked in one ("which pledges are about insurance and about financial info", "what
# pledge covers X and what pledge covers Y", "the pledge about X and the one about Y": session
# 44's review, one dropped or a choice between the two asked for).
_ANOTHER_TOPIC = re.compile(
    r"\s*(?:,\s*)?\b(?:and|plus|also)\s+(?:also\s+)?(?:(?:what|which)\s+(?:pledges?|commitments?"
    r"|ones?)\s+(?:covers?|is about|are about|is on|are on|says? about|deals? with)\s+"
    r"|the\s+(?:one|pledge|commitment)s?\s+(?:about|on|for|covering)\s+|about\s+)")
_THE_PLEDGE_ABOUT = re.compile(r"^(?:(?:show me|give me|what is|whats|tell me) )?(?:the )?"
                               r"(?:pledge|commitment) (?:about|on|for|covering) (?P<topic>.+)$")


def pledge_topics_asked(text: str) -> tuple[str, ...] | None:
    """The topics of a message that asks for the commitments on two or more ("the pledge
    about realistic budgets and the one about contract length": ("realistic budgets",
    "contract length")); else None (pure)."""
    folded = " ".join(apostrophes_dropped(text).casefold().split()).rstrip(" ?.!")
    pieces = _ANOTHER_TOPIC.split(folded)
    if len(pieces) < 2 or len(pieces) > MAX_PARTS or pledge_number(text) is not None:
        return None
    first = _THE_PLEDGE_ABOUT.match(pieces[0])
    topic = first.group("topic") if first is not None else pledge_topic(pieces[0])
    if topic is None:
        return None
    topics = [topic.strip(), *(piece.strip(" ,") for piece in pieces[1:])]
    if not all(0 < len(each.split()) <= 6 for each in topics):
        return None
    return tuple(topics)


# What the abbreviations of care commissioning stand for ("what does CQC stand for": session
# 44's review, a guess at the financial standing entry).
ABBREVIATIONS = {
    "cqc": ("CQC", "the Care Quality Commission"),
    "ppon": ("PPON", "Public Procurement Organisation Number"),
    "tupe": ("TUPE", "Transfer of Undertakings (Protection of Employment)"),
    "dols": ("DoLS", "Deprivation of Liberty Safeguards"),
    "lps": ("LPS", "Liberty Protection Safeguards"),
    "icb": ("ICB", "Integrated Care Board"),
    "ccg": ("CCG", "Clinical Commissioning Group (replaced by ICBs in July 2022)"),
    "lga": ("LGA", "the Local Government Association"),
    "pqq": ("PQQ", "Pre-Qualification Questionnaire"),
    "itt": ("ITT", "Invitation to Tender"),
    "dps": ("DPS", "Dynamic Purchasing System"),
    "psr": ("PSR", "the Provider Selection Regime"),
    "sme": ("SME", "small and medium-sized enterprise"),
    "smes": ("SMEs", "small and medium-sized enterprises"),
    "vcse": ("VCSE", "voluntary, community and social enterprise"),
    "foi": ("FOI", "Freedom of Information"),
    "sar": ("SAR", "Subject Access Request (or, in safeguarding, a Safeguarding Adults Review)"),
    "riddor": ("RIDDOR", "Reporting of Injuries, Diseases and Dangerous Occurrences Regulations"),
    "nlw": ("NLW", "National Living Wage"),
    "chc": ("CHC", "NHS Continuing Healthcare"),
    "fnc": ("FNC", "NHS-funded Nursing Care"),
    "ecm": ("ECM", "Electronic Call Monitoring"),
    "kpi": ("KPI", "Key Performance Indicator"),
    "dbs": ("DBS", "the Disclosure and Barring Service"),
    "adass": ("ADASS", "the Association of Directors of Adult Social Services"),
    "gdpr": ("GDPR", "the General Data Protection Regulation"),
}
_STANDS_FOR = re.compile(r"^(?:(?:and|so|please|quick one|sorry)\W+)?(?:what (?:does|do) (?:the )?"
                         r"(?P<a>[a-z]{2,7}) (?:stand for|stands for|mean as an acronym)|what is"
                         r" (?:the )?(?P<b>[a-z]{2,7}) (?:short for|an acronym for|an abbreviation"
                         r" for)|whats (?:the )?(?P<c>[a-z]{2,7}) (?:short for|stand for))\W*$")


def abbreviation_asked(text: str) -> str | None:
    """The abbreviation whose words are asked for ("what does CQC stand for": "cqc"), when
    ``ABBREVIATIONS`` has it; else None (pure)."""
    found = _STANDS_FOR.match(" ".join(apostrophes_dropped(text).casefold().split()))
    if found is None:
        return None
    abbreviation = found.group("a") or found.group("b") or found.group("c")
    return abbreviation if abbreviation in ABBREVIATIONS else None


def pledge_asked_about(text: str) -> str | None:
    """The topic of "is there a pledge about X" (X), not a number ("is there a pledge 31");
    else None (pure)."""
    found = _PLEDGE_EXISTS.match(" ".join(apostrophes_dropped(text).casefold().split()))
    if found is None or pledge_number(text) is not None:
        return None
    topic = re.sub(r"^(?:the|a|an|our|my) ", "", found.group("topic").strip())
    return topic or None


def response_times_question(text: str) -> bool | None:
    """True when ``text`` asks what the pledge says about how quickly replies come (pure); a
    sentence of frustration before it counts for nothing ("nobody ever replies."); else
    None."""
    folded = " ".join(text.casefold().replace("\u2019", "'").split())
    if (len(folded.split()) > 3 * MAX_WORDS or _THE_PLEDGE.search(folded) is None
            or _RESPONSE_TIMES.search(folded) is None
            or _NOT_REPLY_TIMES.search(folded) is not None or pledge_number(folded) is not None):
        return None
    return True


def how_to_use(text: str) -> str | None:
    """The command a "how do I ..." question about using the bot is answered by, the command
    whose name was typed alone without its slash, or the command a plain request asks for
    ("stop sending me the weekly email"); else None."""
    folded = " ".join(text.casefold().replace("\u2019", "'").split())
    if len(folded.split()) > 2 * MAX_WORDS:
        return None
    words = [word for word in _words(folded) if word not in _BARE_FILLERS]
    if len(words) == 1 and words[0] in _BARE_COMMANDS:
        return _BARE_COMMANDS[words[0]]
    requested = next((command for command, request in _REQUESTS if request.search(folded)),
                     None)
    if requested is not None:
        return requested
    found = _HOW_TO.match(folded)
    if found is None:
        return None
    rest = found.group("rest").replace("'", "")
    if "of interest" in rest:  # conflicts of interest in procurement: the knowledge base's
        return None
    return next((command for command, action in _ACTIONS if action.search(rest)), None)


# "Resident moved in on 30 November 2026, when is the three month review due?", "we sent
# invoice INV-77 on 2 Dec 2026, when must it be paid by?" (session 22's review: "I don't know",
# and no word of /placement or /invoice, which work the dates out). A question asking when,
# naming one of the pledge's clocks and one day: the day is worked out by the same rules as the
# reminders. Nothing is recorded.
_ASKS_WHEN = re.compile(r"\b(?:when|what date|which date|by when|how long|latest|last day)\b")
# A day that is not the clock's start: a payment made, interest, a date already passed as
# due (the session's code review: "if an invoice was paid on 2 dec when is the deadline for
# interest", "the six month review was due on 3 june, what happens now").
_NOT_THE_START = re.compile(r"\b(?:paid on|was paid|were paid|got paid|interest|was due|were due"
                            r"|is due on|what happens|overdue)\b")
# A day with its month: 30/11/2026, 2026-11-30, 30/11, 30 November 2026, 2nd Dec, 30 nov 26.
# Not a day: "24/7" before a word ("24/7 rotas", "24/7 care": round the clock), nor two numbers
# before a length of time ("3/4 weeks ago", "2-3 days"): session 40's second review found both
# read as 24 July and 3 April, with a worked example of their payment clocks.
_DAY_IN_TEXT = re.compile(
    r"\b(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|(?!24/7 [a-z])\d{1,2}[-/.]\d{1,2}(?:[-/.](?:\d{4}|\d{2}))?"
    r"(?! ?(?:weeks?|days?|months?|years?|hours?|hrs?|mins?|minutes?|times?|nights?)\b)"
    r"|\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:" + MONTH_WORDS + r")\.?(?: \d{4}| \d{2}\b)?)\b")
_CLOCKS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (rule, re.compile(pattern)) for rule, pattern in (
        ("payment", r"\binvoices?\b.*\b(?:pa(?:y|id|yment)|settled?)\b"
                    r"|\b(?:pa(?:y|id|yment)|settled?)\b.*\binvoices?\b"),
        # "went up" is the README's own example (session 25's trial found it unanswered).
        ("condition-change", r"\b(?:condition|needs?)\b.*\b(?:chang\w*|(?:gone|went|go|goes"
                             r"|going) up|increas\w*|rose|risen|worse\w*|deteriorat\w*)\b.*"
                             r"\b(?:revisit\w*|review\w*|reassess\w*|visit)\b"),
        ("monitoring", r"\b(?:6|six)[- ]month(?:ly)?\b.*\breview\b|\bmonitoring review\b"
                       r"|\bnext review\b"),
        ("initial-review", r"\b(?:(?:3|three)[- ]month|first|initial)\b.*\breview\b"
                           r"|\breview\b.*\b(?:moved in|started|start(?:ed)? date|admitted"
                           r"|admission|placement start)\b|\b(?:moved in|started|admitted)\b.*"
                           r"\breview\b"),
    ))


# A change in a person's condition told, not asked about ("RC-102 has had a fall, her
# condition has got worse, she now needs 2 carers"; session 26's trial: "I don't know"): the
# placement references it names, for the handler to find and point to /condition-change.
_CONDITION_TOLD = re.compile(
    r"\b(?:condition|needs|mobility|health|dementia|memory)\b(?:\W+\w+){0,3}?\W+(?:has |have "
    r"|is |are )?(?:got |gone |become |getting |been )?(?:worse|deteriorat\w*|declin\w*"
    r"|increas\w*|changed|up)\b"
    r"|\bdeteriorat(?:ed|ing)\b"
    r"|\bnow (?:needs?|needing|requires?|requiring|on) (?:2|two|double|more|extra|a hoist"
    r"|hoisting|end of life|palliative)\b"
    r"|\b(?:has|have|had) (?:had )?(?:a |another )?(?:fall|stroke)\b")
_QUESTION_WORDS = re.compile(r"^(?:when|how|what|which|do|does|is|are|can|should|must|who"
                             r"|why)\b|\?\s*$")


def condition_change_told(text: str) -> tuple[str, ...] | None:
    """The placement-like references (letters and digits) in a message that tells of a change
    in someone's condition, not a question; else None (pure: whether one is a placement the
    person sees is the handler's to find)."""
    folded = " ".join(text.casefold().replace("\u2019", "'").split())
    if (not folded or len(folded.split()) > 3 * MAX_WORDS or folded.startswith("/")
            or _QUESTION_WORDS.search(folded) or _CONDITION_TOLD.search(folded) is None):
        return None
    return placement_references(folded) or None


# What to do about a change in someone's condition, asked (session 34's trial: "RC-0101 has had a
# stroke and now needs two carers for every transfer, what do I do?" got "I don't know", "how do I
# tell the council a residents needs have gone up?" the Personal Expenses Allowance, "what
# happens when a person's condition changes?" "I don't know"): pledge 26's revisit and the
# command that tells the council. Only a question about what to do, whom to tell or what
# happens: one about fees, funding or a day ("when must they revisit") is the knowledge base's
# or the due-date route's. In any order and words (session 35's brief: "when her condition
# changes what do we do?", "his needs have gone up - what's the process?" were "I don't know"):
# a "when" that opens the change is no question of a day.
# Only a person's condition or needs (session 35's review: "when the contract needs to change",
# "if the council's needs change during the tender", "our training needs", "our recruitment
# needs have gone up" were taken): hers, a resident's, a placement's, or their care or support
# needs; "needs" alone only opening the change ("when needs increase").
_A_PERSONS = (r"(?:her|his|their|someone'?s|somebody'?s|(?:a|the|this|that|our) (?:person"
              r"|resident|client|service user|patient|individual|lady|gentleman|man|woman)'?s?"
              r"|(?:residents?|clients?|service users?|patients?|person)'?s?"
              r"|[a-z]*\d[a-z0-9]*(?:-[a-z0-9]+)*'s)")
_CONDITION_CHANGES = re.compile(
    r"(?:\b" + _A_PERSONS + r"\s+(?:(?:care|support)\s+)?(?:condition|needs|health|mobility)"
    r"|\b(?:care|support) needs|(?:^|\b(?:when|if|once|as)\s+)needs)\b"
    r"(?:\W+\w+){0,3}?\W+(?:chang(?:e|es|ing|ed)|(?:go|goes|going|went|gone) up|up|increas\w*"
    r"|(?:gets?|getting|got|become|becomes) worse|worse|deteriorat\w*|declin\w*)\b"
    # ... or their care package ("the package needs changing urgently": a calibration question
    # of the changes in needs entry), not "our training package"
    r"|\b(?:the|her|his|their|care) package needs (?:to (?:be )?)?(?:chang(?:e|ed|ing)"
    r"|increas(?:e|ed|ing))\b"
    r"|\bnow (?:needs?|needing|requires?|requiring|on) (?:2|two|double|more|extra|a hoist"
    r"|hoisting|end of life|palliative)\b"
    r"|\b(?:has|have|had) (?:had )?(?:a |another )?(?:fall|stroke)\b"
    r"|\bchang(?:e|es) (?:in|of|to) (?:(?:a|the|their|his|her|someone'?s|somebody'?s|a person'?s"
    r"|the person'?s|a resident'?s|the resident'?s|a residents|resident'?s|client'?s|service"
    r" user'?s)\s+)?(?:condition|needs|care needs)\b"
    # More care needed, or home from hospital (session 35's trial: "HV-0231 came home from
    # hospital yesterday and needs double up calls now, how do we get the package increased?"
    # was "I don't know").
    r"|\b(?:needs?|needing|requires?|requiring) (?:2|two|double[- ]up|double|more|extra"
    r"|an extra) (?:carers?|calls|visits|hours|care|staff|support|help)\b"
    r"|\b(?:home|back|discharged) from (?:the )?hospital\b")
_ASKS_WHAT_TO_DO = re.compile(
    r"\bwhat (?:do|should|must|shall|can|would) (?:i|we|you) (?:(?:need|have|ought) to )?do\b"
    r"|\bwhat(?:'?s)? (?:now|next)\b"
    r"|\bwhat (?:happens|should happen|are the next steps)\b"
    r"|\bwhat(?:'?s| is) (?:the )?(?:process|procedure|next step)\b"
    r"|\bhow (?:do|should|can|must|would) (?:i|we) (?:tell|inform|notify|report|let|record|log"
    r"|flag|raise|update)\b|\bwho (?:do|should|must) (?:i|we) (?:tell|inform|notify|report to"
    r"|contact|speak to|call)\b|\bdo (?:i|we) (?:need to|have to) (?:tell|inform|notify|report)"
    r"|\bwhat(?: do| should)? (?:i|we) (?:need to )?do (?:about|now|next)\b"
    # ... or how the care package is made bigger ("how do we get the package increased?")
    r"|\bhow (?:do|can|should|would|could|shall) (?:i|we) (?:get|have|ask for|request"
    r"|arrange) (?:(?:the|her|his|their|a|this|that|our) )?(?:care )?(?:package|hours|calls"
    r"|visits) (?:increased|reviewed|revisited|changed|uplifted|put up|raised|extended"
    r"|looked at)\b"
    r"|\bhow (?:do|can|should|would|could|shall) (?:i|we) (?:get|ask for|request|arrange)"
    r" (?:more|extra) (?:hours|calls|visits|care)\b"
    # ... or whether more can be had, or whom to ask (session 35's review: "RC-300 is back
    # from hospital and needs more care, can we get more hours?", "mrs k needs two carers now
    # since her fall, who do we ask to up the hours?" were "I don't know")
    r"|\b(?:can|could|do|should|would|may) (?:i|we) (?:get|have|ask for|request|arrange)"
    r" (?:(?:some|a few) )?(?:more|extra) (?:hours|calls|visits|care|carers|support)\b"
    r"|\bwho (?:do|should|must|can|would) (?:i|we) (?:ask|go to|speak to|talk to)"
    r"(?: about)?(?: to)? (?:up|increase|get|change|review|put up|raise|extend|add)"
    r" (?:the |her |his |their |more )?(?:hours|calls|visits|care|package|carers)\b")
_MONEY_OR_A_DAY = re.compile(r"\b(?:fees?|rates?|funding|funded|pay|paid|payment|invoices?"
                             r"|price|cost\w*|top[- ]?ups?|how (?:long|soon|quickly)|by when"
                             r"|what date"
                             r"|when(?:'?s| (?:is|are|must|should|does|do|will|would|has"
                             r"|have|did|can|could|shall)))\b")


# More needed by the writer's side or a contract, not a person ("our rota needs more staff, can
# we get more hours on the contract?"): no change in anyone's needs, unless a person is named.
_OTHERS_NEED = re.compile(
    r"\b(?:we|i|(?:the|our|this|that) (?:contract|rota|service|team|council|home|business"
    r"|agency|branch|framework|tender|staff|office|company|organisation)|contract|rota|team"
    r"|council|business|agency|branch) (?:need|needs|needing|require|requires)\b")
_A_PERSON_SAID = re.compile(
    r"\b(?:she|he|her|his|him|they|their|mrs?|ms|miss|residents?|clients?|service users?"
    r"|person|patients?|hospital|fall|stroke)\b")


# A member of staff needing more ("our new manager needs more support since she started, can we
# get more hours?": session 35's third review, pledge 26's reply): the writer's side, no one
# cared for.
_STAFF_NEED = re.compile(
    r"\b(?:our|the|my|a|an|one of our)\s+(?:new\s+)?(?:registered\s+)?(?:managers?|deputy"
    r"|deputies|carers?|care workers?|workers?|staff(?: members?)?|colleagues?|nurses?|cooks?"
    r"|team leaders?|coordinators?|co-ordinators?|employees?|administrators?|office)"
    r"\s+(?:needs|need|needed|requires?)\b")


def condition_change_asked(text: str) -> tuple[str, ...] | None:
    """The placement-like references (none, one or more) in a question asking what to do, or
    whom to tell, when someone's condition or needs change; else None (pure)."""
    folded = " ".join(text.casefold().replace("\u2019", "'").split())
    if (not folded or len(folded.split()) > 3 * MAX_WORDS or folded.startswith("/")
            or _ASKS_WHAT_TO_DO.search(folded) is None
            or _CONDITION_CHANGES.search(folded) is None
            or _MONEY_OR_A_DAY.search(folded) is not None):
        return None
    references = placement_references(folded)
    if (_OTHERS_NEED.search(folded) and not references
            and _A_PERSON_SAID.search(folded) is None):
        return None
    if _STAFF_NEED.search(folded) and not references:
        return None
    return references


# The words that tell a change in someone's health or needs and nothing of harm: a stroke, a
# heart attack, a seizure, more carers needed, a condition worse (not a fall, which may be
# harm told: it is still asked about). The concern model, unsure of "RC-0101 has had a stroke
# and now needs two carers for every transfer, what do I do?" (0.69), reads the rest alone
# (session 34's trial: asked "Is this about someone's safety?").
_CONDITION_WORDS = re.compile(
    r"\b(?:(?:has|have|had)\s+)?(?:had\s+|suffered\s+)?(?:a\s+|another\s+)?(?:(?:mild|minor"
    r"|major|small|big|bad|massive|suspected)\s+)?(?:stroke|tia|heart attack|seizure)\b"
    r"|\b(?:(?:and|so)\s+)?(?:(?:she|he|they)\s+)?(?:now\s+)?(?:needs?|needing|requires?"
    r"|requiring)\s+(?:(?:2|two|double|more|extra)\s+(?:carers?|staff|people|hours|calls"
    r"|care|support)|a hoist|hoisting|double[- ]up(?: calls)?)(?:\s+(?:for|with|on|at|to)"
    r"\s+(?:every|each|all|her|his|their|any)?\s*\w+)?"
    r"|\b(?:condition|needs|mobility|health)\b(?:\s+(?:has|have|is|are))?(?:\s+(?:got|gone"
    r"|become|getting|been))?\s+(?:worse|deteriorated|declined|increased|changed|up)\b",
    re.IGNORECASE)


def without_condition_change(text: str) -> str | None:
    """``text`` with the words that tell a change in someone's health or needs taken out, when
    it has any; else None (pure)."""
    rest, found = _CONDITION_WORDS.subn(" ", text)
    return " ".join(rest.split()) if found else None


def placement_references(folded: str) -> tuple[str, ...]:
    """The placement-like references (letters and digits, once each, in order) in ``folded``
    (pure)."""
    return tuple(dict.fromkeys(found.group(0) for found in _A_REFERENCE.finditer(folded)
                               if any(char.isdigit() for char in found.group(0))))


def due_date_question(text: str) -> tuple[str, str] | None:
    """(the rule, the day as typed) of a question asking when one of the pledge's clocks
    falls, for one day it names; else None (pure: the day is read in the handler, which knows
    today)."""
    folded = " ".join(text.casefold().replace("\u2019", "'").split())
    if (len(folded.split()) > 3 * MAX_WORDS or _ASKS_WHEN.search(folded) is None
            or _NOT_THE_START.search(folded) is not None):
        return None
    days = _DAY_IN_TEXT.findall(folded)
    if len(days) != 1:
        return None
    rule = next((rule for rule, clock in _CLOCKS if clock.search(folded)), None)
    return (rule, days[0]) if rule is not None else None


# "when is the clarification deadline for NS-T-2027-01?" (session 25's trial: "I don't know",
# from a provider following that tender): a question about dates naming a reference with
# letters and digits; the handler looks it up among the tenders and passes anything else on.
_ASKS_FOR_DATES = re.compile(r"\b(?:when|what date|which date|deadlines?|dates?|clos(?:e|es|ing)"
                             r"|due|standstill|clarifications?|submissions?|submit)\b")
# Asking more than its dates ("I missed the submission deadline for T-9, can I still submit a
# late bid?", "what happens during the standstill for T-9"): the knowledge base's (session
# 25's review).
# Not "can", "must" or "how": "when must we submit T-9", "how long until the T-9 deadline" ask
# for dates (a second review).
_MORE_THAN_DATES = re.compile(r"\b(?:why|what happens|challeng\w*|appeal\w*|late|miss(?:ed)?"
                              r"|extend\w*|extension|if)\b")
# A reference: letters and digits, with separators or not ("NS-T-2027-01", "NST2027").
_A_REFERENCE = re.compile(r"(?<![\w/.-])(?:[a-z0-9]+(?:[-/_.][a-z0-9]+)+|[a-z]+[0-9][a-z0-9]*"
                          r"|[0-9]+[a-z][a-z0-9]*)(?![\w/-])")


def tender_dates_question(text: str) -> tuple[str, ...] | None:
    """The references (letters and digits, as typed) in a short question about dates, or
    None (pure: whether one is a tender is the handler's to find)."""
    folded = " ".join(text.casefold().split())
    if (len(folded.split()) > 3 * MAX_WORDS or _ASKS_FOR_DATES.search(folded) is None
            or _MORE_THAN_DATES.search(folded) is not None):
        return None
    return _references(folded)


# "when is the review for RC-101 due", "when is the next review for RC-101?" (session 32's
# trial: "I don't know"): a short question about when a review falls, naming a reference; the
# handler looks it up among the asker's placements and passes anything else on.
_ASKS_WHEN_DUE = re.compile(r"\b(?:when|whens|what date|which date|due)\b"
                            # "is my review for RC-101 overdue?" (session 39's review: the
                            # Care Act reviews entry): its date answers it.
                            r"|^\W*(?:is|are|has|have)\b[^?]*\boverdue\b")
_A_REVIEW = re.compile(r"\breviews?\b|\brevisit\b")


def review_due_question(text: str) -> tuple[str, ...] | None:
    """The references (as typed) in a short question asking when a review is due, or None
    (pure: whether one is a placement is the handler's to find)."""
    folded = " ".join(text.casefold().replace("\u2019", "'").split())
    if (len(folded.split()) > 3 * MAX_WORDS or _ASKS_WHEN_DUE.search(folded) is None
            or _A_REVIEW.search(folded) is None or _MORE_THAN_DATES.search(folded) is not None):
        return None
    return _references(folded)


# "Who bid for T-9?", "who are the bidders on T-9", "how many bids did T-9 get" (session 31's
# trial: general guidance from the knowledge base): who bid, from the bot's own records. Only
# who bid, who won and how many bids came in: "who do I contact about our bid for T-7?", "who
# should I send our bid for T-9 to?", "how many words can the bid for T-9 have?" ask how to
# bid, the knowledge base's (session 31's review: told who bid is confidential).
_BIDDERS = r"(?:bids?|bidders?|tenders|tenderers|submissions|applications|applicants)"
_BIDDING_DONE = (r"(?:bid|bidded|bidding|tendered|tendering|applied|submitted|submitting"
                 r"|put (?:in|forward)|sent in|went for|gone for|entered|won)")
_ASKS_WHO_BID = re.compile(
    # who bid / who else is bidding / who has put in a bid / who won / who was awarded
    r"\bwho(?: else)?(?:'s| is| are| has| have| had| was| were| did)?(?: also| already| actually)?"
    rf" {_BIDDING_DONE}\b"
    r"|\bwho (?:was|were|has been|have been|got) (?:awarded|the (?:contract|award|tender))\b"
    rf"|\bwho (?:are|were|is|was) (?:the |all the )?(?:{_BIDDERS}|winners?|successful"
    r"|unsuccessful)\b"
    # which providers (have) bid, which organisations put in bids
    r"|\bwhich (?:providers?|organi[sz]ations?|companies|suppliers?|firms?|bidders?|agencies)"
    rf"(?: \w+){{0,2}}? {_BIDDING_DONE}\b"
    # a list of the bidders, the names of the bidders, bidders for T-9?
    rf"|\b(?:list|names?)(?: of)?(?: all)? (?:the )?{_BIDDERS}\b|^(?:the )?bidders\b"
    # how many bids were received / were there / did T-9 get / for T-9?; how many providers bid
    rf"|\bhow many {_BIDDERS}(?: (?:were|have been|had been|has been|are|was))?"
    r" (?:received|submitted|made|placed|lodged|put in|came in|come in|in total|there|in)\b"
    rf"|\bhow many {_BIDDERS} (?:did|has|have|had|does|do) \S+(?: \S+)?? (?:get|got|had|have"
    r"|receive|received|attract|attracted)\b"
    r"|\bhow many (?:providers|organi[sz]ations|companies|suppliers|firms|agencies|bidders)"
    rf"(?: have| had| has)? {_BIDDING_DONE}\b"
    rf"|\bhow many {_BIDDERS} (?:for|on|in) \S+\W*$")


def tender_bidders_question(text: str) -> tuple[str, ...] | None:
    """The references (letters and digits, as typed) in a short question about who bid for a
    tender, or None (pure: whether one is a tender is the handler's to find). Not one about
    its dates ("when do bids close for T-9": ``tender_dates_question``)."""
    folded = " ".join(text.casefold().split())
    if (len(folded.split()) > 3 * MAX_WORDS or _ASKS_WHO_BID.search(folded) is None
            or re.search(r"\b(?:when|what date|which date|deadlines?|dates?|clos(?:e|es|ed|ing)"
                         r"|due)\b", folded) is not None
            or _MORE_THAN_DATES.search(folded) is not None):
        return None
    return _references(folded)


def _references(folded: str) -> tuple[str, ...] | None:
    """The references in ``folded`` text: the placement-like ones (``placement_references``)
    with letters as well as digits, of three or more characters; None when there are none."""
    found = tuple(word for word in placement_references(folded)
                  if len(word) >= 3 and any(char.isalpha() for char in word))
    return found or None


# Something told, not asked ("we had our contract review meeting today", "just letting you
# know our manager is on leave next week", "our CQC inspection went well"; session 27: each
# was "I don't know" and a knowledge gap for the admin to teach). Conservative: a question
# hidden from the admin is worse than a noisy gap, so it must open as news is told (an
# opener such as "just letting you know", or we/our/I/my and a verb of something done or
# a plan for leave), and hold no word that asks, wants, doubts or tells of trouble or harm.
# The handler also leaves it to the knowledge base when an entry answers it.
_GREETING = (r"(?:(?:hi|hello|hey|hiya|morning|good morning|good afternoon)"
             r"(?:\W+(?:there|all|team|everyone))?\W+)?")
_TOLD = re.compile(
    r"^" + _GREETING + r"(?:(?:just|only)\W+)?(?:(?:i\W+)?(?:wanted|thought\W+i(?:d|\W+would)"
    r"|thought\W+you\W+(?:should|would\W+want\W+to)|want)\W+(?:to\W+)?)?"
    r"(?:(?:letting|to\W+let|let)\W+you\W+know|so\W+you\W+know|fyi|for\W+(?:your\W+)?info(?:rmation)?"
    r"|(?:a\W+)?heads\W+up|(?:a\W+|an\W+)?(?:quick\W+)?update|to\W+say|(?:some\W+)?(?:good|great)\W+news)"
    r"\b(?:\W+that\b)?\W*")
_TOLD_BY_US = re.compile(
    r"^" + _GREETING + r"(?:today\W+|yesterday\W+|this\W+(?:morning|afternoon|week)\W+"
    r"|last\W+(?:week|night)\W+)?(?:we|i|weve|ive|were|im|ill|our|my)\b(?:\W+\w+){0,6}?\W+"
    r"(?:had|held|did|done|completed|finished|attended|went|passed|met|signed|submitted|sent"
    r"|started|hosted|ran|joined|welcomed|celebrated|moved|won|awarded|got"
    r"|(?:(?:is|are|am|will\W+be|ll\W+be|be|s)\W+)?(?:on\W+(?:annual\W+)?leave|on\W+holiday"
    r"|away|out\W+of\W+(?:the\W+)?office))\b")
_GOOD_NEWS = re.compile(r"\b(?:went|go(?:es)?|was|were)\W+(?:really\W+|very\W+)?(?:well|ok|okay"
                        r"|fine|smoothly|great|brilliantly|positive|positively|good)\b"
                        r"|\b(?:good|great)\W+news\b|\boutstanding\b")
# Every word of a statement must be one of these (session 27's review: "our registered manager
# passed away" was "good to hear", and an allegation, a fire, a strike, "awaiting the
# outcome" or "we went into administration today" were news kept from everyone). Words of
# meetings, reviews, contracts, bids, inspections and their ratings, awards, staff joining,
# training, leave and dates; anything else goes to the knowledge base, as before.
_NEWS_WORDS = frozenset("""
a an the and also just so really very quick our my we i us ive weve were im ill id wed its it
is are am was be been being will has have had this that these those all both new next last
first second annual yearly monthly quarterly today yesterday tomorrow tonight morning afternoon
evening day days week weeks weekend fortnight month months year years from to till until back
on in at for of with by off up over during before after
monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december jan feb mar apr jun jul aug sep sept oct nov
dec christmas easter
held did done completed finished attended went go going met signed submitted started hosted
ran joined welcomed celebrated won awarded got received launched opened appointed recruited
had taking took
contract contracts review reviews meeting meetings tender tenders bid bids submission
submissions inspection inspections cqc visit audit audits rating rated outstanding good great
well smoothly positive positively fine ok okay brilliantly news update award awards certificate
accreditation manager managers registered deputy director team teams staff carer carers nurse
nurses coordinator office leave holiday holidays away training course courses conference event
events forum workshop session sessions open provider providers framework lot lots home homes
branch service services party celebration anniversary newsletter website policy plan plans
quality improvement star stars
""".split())  # noqa: SIM905 (a paragraph of words reads better than 200 strings)


def _news_word(word: str) -> bool:
    """A word a statement may hold: one of ``_NEWS_WORDS``, a day of the month, a year, an
    ordinal ("1st", "22nd")."""
    if word in _NEWS_WORDS:
        return True
    if word.isdigit():
        return 1 <= int(word) <= 31 or 2000 <= int(word) <= 2099
    return re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)", word) is not None


# What news's own words may still ask (every other word that asks, wants, doubts or tells of
# trouble is not one of ``_NEWS_WORDS``, so the allow-list turns it away): "may" as a
# question, leave that is not a plan ("leave the contract"), and a question without its mark
# ("is it going ahead", "did we").
_NOT_ONLY_TOLD = re.compile(
    r"\bmay\b|\bleav(?:e|ing)\W+(?!next|this|tomorrow|today|on)"
    r"|\b(?:is|are|am|was|were|do|does|did|will|have|has)\W+(?:it|we|you|they|there|this|that"
    r"|i|our|the|your)\b")
MAX_TOLD_WORDS = 25


def statement(text: str) -> Literal["told", "good_news"] | None:
    """"good_news" or "told" when ``text`` only tells something (news, an event done, a
    plan for leave) and asks nothing; else None (pure; when unsure, None: the knowledge base
    reads it, and keeps it as a question)."""
    if "?" in text or text.lstrip().startswith("/"):
        return None
    folded = " ".join(text.casefold().replace("\u2019", "'").replace("'", "").split())
    if DEATH.search(folded):  # a death is never news (``death_told``; session 27's review)
        return None
    words = _words(folded)
    if not 3 <= len(words) <= MAX_TOLD_WORDS:
        return None
    # Everyday life about someone, every word of it set aside by safeguarding as such ("she
    # gave her carer a hug"; session 33's trial: "I don't know", and a knowledge gap).
    if everyday_only(text):
        return "told"
    opened = _TOLD.match(folded)
    rest = folded[opened.end():] if opened is not None else folded
    if _NOT_ONLY_TOLD.search(rest) or not _words(rest):
        return None
    if not all(_news_word(word) for word in _words(rest)):
        return None
    if opened is None and _TOLD_BY_US.match(folded) is None:
        return None
    return "good_news" if _GOOD_NEWS.search(folded) else "told"


# The writer's own leave told, with its dates ("fyi I am on leave next week", "I'm off from 14
# to 18 December", "on annual leave until Monday"; session 28's brief: a commissioner was told
# "Thanks for letting me know" and no cover was offered). Only the writer's own (no one else's:
# "our manager is on leave next week" stays news), and nothing else said: every word after the
# leave is of its dates. The dates are read in the handler, which knows today.
_WEEKDAY = r"(?:mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|rsday|urday)?"
_A_DAY = (r"(?:today|tomorrow|(?:next\s+)?" + _WEEKDAY + r"|\d{4}-\d{1,2}-\d{1,2}"
          r"|\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?"
          r"|(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?(?:\s+(?:of\s+)?(?:" + MONTH_WORDS
          + r")(?:\s+\d{4})?)?)")
_ME_AWAY = re.compile(
    r"^(?:(?:i\s+am|im|i\s+will\s+be|ill\s+be|i\s+shall\s+be|will\s+be|(?:i\s+am|im)\s+going"
    r"\s+to\s+be)\s+)?(?P<leave>on\s+(?:(?:my|annual|study|sick|parental|paternity"
    r"|maternity)\s+)?leave|on\s+holiday|on\s+annual\s+holiday|away|off(?:\s+work|\s+sick)?"
    r"|out\s+of\s+(?:the\s+)?office|ooo|not\s+in|not\s+working)\b\s*(?P<dates>.*)$")
# Said alone, these are not leave ("I'm off": going home; "I'm away": not at my desk).
_VAGUE_LEAVE = frozenset(("away", "off", "not in", "not working"))
_THANKS = re.compile(r"\s*\b(?:thanks|thank\s+you|many\s+thanks|cheers|ta)$")
_DATE_FORMS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (form, re.compile(pattern)) for form, pattern in (
        ("week", r"(?:(?:for\s+)?(?:all\s+(?:of\s+)?|the\s+whole\s+of\s+))?(?P<week>next|this)"
                 r"\s+week"),
        ("range", r"(?:from\s+|between\s+)?(?P<first>" + _A_DAY + r")\s*(?:to|until|till|til"
                  r"|through|and|-)\s*(?:the\s+)?(?P<last>" + _A_DAY + r")(?:\s+inclusive)?"),
        ("back", r"(?:(?:from\s+)?(?P<first>" + _A_DAY + r")\s+(?:and\s+)?)?(?:and\s+)?"
                 r"(?:back|returning|in\s+again)\s+(?:on\s+)?(?P<back>" + _A_DAY + r")"),
        ("until", r"(?:until|till|til|to|up\s+to|through)\s+(?P<last>" + _A_DAY
                  + r")(?:\s+inclusive)?"),
        ("day", r"(?:on\s+|for\s+)?(?P<first>" + _A_DAY + r")"),
    ))
# What a leave may be said with when its dates cannot be read ("for two weeks", "over
# Christmas", "from Monday"): still a leave told, answered with how /away works.
_LEAVE_WORDS = frozenset("""
for a an the two three four few couple of week weeks day days fortnight month while bit some
time over christmas easter new year half term summer holidays break from to until till back
on next this in after before
""".split()) | frozenset(MONTH_WORDS.split("|"))  # noqa: SIM905 (as _NEWS_WORDS)
# "Off" or "away" said with only these is leave when one names a time away ("off over
# Christmas", "off for two weeks"), not "off in a bit" or "off for the day" (session 28's
# review: both were offered /away).
_LEAVE_PERIODS = frozenset("""
week weeks days fortnight month months christmas easter summer holidays break term year
""".split()) | frozenset(MONTH_WORDS.split("|"))  # noqa: SIM905 (as _NEWS_WORDS)


@dataclass(frozen=True, slots=True)
class LeaveTold:
    """The writer's own leave told: its dates as typed, read by the handler. ``week``: "next" or
    "this" week; ``first`` and ``last``: its first and last days; ``back``: the day they are
    back. All None: no dates it can read ("for two weeks")."""

    week: str | None = None
    first: str | None = None
    last: str | None = None
    back: str | None = None


def leave_told(text: str) -> LeaveTold | None:
    """The writer's own leave when ``text`` only tells of it, with its dates as typed; else
    None (pure; someone else's leave, a question, or anything more said is not it)."""
    if "?" in text or text.lstrip().startswith("/"):
        return None
    folded = " ".join(re.sub(r"[,;:!()]", " ", text.casefold().replace("\u2019", "")
                             .replace("'", "")).split()).rstrip(".")
    if not folded or len(folded.split()) > MAX_TOLD_WORDS:
        return None
    opened = _TOLD.match(folded)
    rest = _THANKS.sub("", folded[opened.end():] if opened is not None else folded).strip(" .")
    rest = re.sub(r"^" + _GREETING, "", rest)
    found = _ME_AWAY.match(rest)
    if found is None:
        return None
    dates = found.group("dates").strip(" .")
    if not dates:
        return None if found.group("leave") in _VAGUE_LEAVE else LeaveTold()
    for form, pattern in _DATE_FORMS:
        matched = pattern.fullmatch(dates)
        if matched is not None:
            groups = {name: value for name, value in matched.groupdict().items() if value}
            if form == "day":
                groups["last"] = groups["first"]
            return LeaveTold(**{name: " ".join(value.replace("the ", "").split())
                                for name, value in groups.items()})
    words = _words(dates)
    if all(word in _LEAVE_WORDS or word.isdigit() or re.fullmatch(_WEEKDAY, word)
           for word in words) and (found.group("leave") not in _VAGUE_LEAVE
                                   or any(word in _LEAVE_PERIODS or re.fullmatch(_WEEKDAY, word)
                                          for word in words)):
        return LeaveTold()
    return None


# A death told ("our registered manager passed away suddenly", "sadly one of our residents
# died last night"; session 28's brief: "I don't know" and "Ask a commissioner", kept as a
# knowledge gap, and the statement reply could say "That's good to hear"). Told, not asked:
# no word that asks ("what do we do when a resident dies" is the knowledge base's), and no
# word of harm or blame (an allegation is the safeguarding middleware's, and kept away from
# this reply even if the model missed it).
# The words of a death are ``knowledge.deaths``' ``DEATH`` (session 30: one definition with the
# safeguarding check's, which caps a death told plainly below raising: each such death gets
# condolences here). A death told with a word of harm, blame or doubt (``_BLAMES``: "after a
# fall", "we dont know why") or found ("found dead": ``SUDDEN_DEATH``) is ``death_worried``'s:
# the person is asked "Is this about someone's safety?" (session 30's trial: it got "I don't
# know" and a knowledge gap, and often no question at all).
_ASKS = re.compile(
    r"\?|^(?:what|how|when|where|which|who|why|do|does|did|is|are|should|must|can|could|would"
    r"|will)\b|\b(?:what|how|whether|if|should|must|need|needs|needed|advice|advise|help"
    r"|guidance|procedure|process|policy|form|forms|rule|rules|do\s+we|do\s+i|please"
    r"|sorry\s+to\s+ask)\b")
# Words that look like asking but tell of a doubt or of help not given: "asking for help", "not
# sure what happened", "the family want to know what happened" (``_BLAMES``'s, never ``_ASKS``').
_UNANSWERED_OR_UNKNOWN = (
    r"(?:asking|asked|calling|called|shouting|shouted|crying|cried|ringing|rang|screaming"
    r"|screamed|begging|begged|pleading|pleaded|buzzing|pressing|pressed|waiting|waited)\s+"
    r"(?:\w+\s+){0,2}?for\s+(?:help|someone|somebody|a\s+carer|staff|the\s+nurse|assistance)"
    r"|(?:(?:im|i\s+am|we\s+are|were|not|no\s+one\s+is|nobody\s+is)\s+(?:not\s+)?sure"
    r"|unsure|unclear|uncertain|no\s+idea|(?:dont|do\s+not|didnt|did\s+not)\s+know"
    r"|(?:nobody|no\s+one)\s+(?:knows|can\s+(?:say|tell)(?:\s+(?:us|me))?)"
    r"|(?:want|wants|wanted)\s+to"
    r"\s+know|cannot\s+(?:say|tell)|cant\s+(?:say|tell))\s+(?:\w+\s+)?(?:what|how|why|whether"
    r"|if)\s+(?:\w+\s+){0,2}?(?:happened|went\s+wrong|(?:she|he|they)\s+(?:died|passed|fell))"
    # (what happened to or with the fees or her things is a question; session 31's review:
    # "... I want to know what happened with the fees after death" got no answer)
    r"(?!\s+(?:to|with|about|for|over|regarding)\s+(?:(?:the|our|his|her|their|its)\s+)?"
    r"(?:\w+\s+)?(?:fees?|invoices?|payments?"
    r"|placement|money|deposit|bills?|room|belongings|things|funding|care\s+plan|package))"
    r"|(?:not\s+sure|unsure|no\s+idea)\s+(?:how|why)(?:\s+(?:it|this|that)\s+happened)?"
    r"(?=\s*(?:[,.;:!]|$))")
_BLAMES = re.compile(
    r"\b(?:hit|hits|hitting|hurt|harm|harmed|abuse\w*|neglect\w*|assault\w*|attack\w*|push\w*"
    r"|punch\w*|slap\w*|kick\w*|strangl\w*|smother\w*|suffocat\w*|poison\w*|overdose\w*"
    r"|unexplain\w*|suspicious|police|coroner|fault|blame\w*|mistake\w*|error\w*|wrong|because"
    # ("after she died" is when, not why: "the home owes the resident's estate £420 after she
    # died", session 43's brief)
    r"|after\s+(?:a|an|the|being|he|she|they|staff|carer|carers|someone)\b(?!\s+(?:had\s+|has\s+)?"
    r"(?:died|passed))|fell|fall|fallen"
    r"|choked|choking|pressure\s+(?:sore|ulcer)s?|bruis\w*|injur\w*|left\s+alone|missed"
    r"|not\s+given|no\s+one|nobody"
    # ... nor anyone away, nor a doubt (session 30: "Mrs B passed away in her chair, the carers
    # had gone home" was only a death told; "died unexpectedly" too, by the session's trial)
    r"|gone\s+home|had\s+(?:gone|left)|unattended|alone|not\s+(?:checked|seen|found|called)"
    r"|(?:didnt|hadnt|never)\s+(?:check|come|came|call|see|seen|visit|turn)\w*|ambulance"
    r"|unsure|unclear|why|unexpected\w*"
    # ... nor a call for help nor what happened not known (session 31: "she had been asking for
    # help all evening before she died", "I am not sure what happened, Mr B ... passed away")
    r"|" + _UNANSWERED_OR_UNKNOWN + r")\b")
_CARED_FOR = re.compile(
    r"\b(?:residents?|service\s+users?|clients?|patients?|tenants?|people\s+we\s+(?:support|care"
    r"\s+for)|person\s+we\s+(?:support|care\s+for)|(?:gentleman|lady|man|woman)\s+(?:we|in|at)"
    r"|mr|mrs|ms|miss|mx)\b|\b(?!covid)[a-z]{1,6}(?:-\d+|\d{2,})\b")
_STAFF = re.compile(r"\b(?:manager|carer|care\s+worker|colleague|staff|nurse|director|owner"
                    r"|deputy|team\s+(?:leader|member)|coordinator|co-ordinator|cook|chef"
                    r"|cleaner|driver|administrator|employee|worker|founder|ceo|chair)s?\b")
# The writer's family and friends, whose death is a loss ("my dad John"; ``_KIN``).
_FAMILY = (r"mum|mom|mother|dad|father|parent|husband|wife|partner|son|daughter|brother|sister"
           r"|grandmother|grandfather|grandma|grandad|granddad|grandpa|granny|nan|nana|gran"
           r"|grandson|granddaughter|aunt|auntie|uncle|cousin|niece|nephew|friend|relative"
           r"|family|stepmum|stepdad|stepmother|stepfather|godmother|godfather|neighbou?r")
# Whose death may be told: someone cared for, staff, family, or a person said as such ("she",
# "one of our ladies"). A bid, a laptop or an Act never dies (session 28's review).
_SOMEONE = re.compile(
    r"\b(?:he|she|someone|somebody|person|people|gentleman|gentlemen|lady|ladies|man|men"
    r"|woman|women|" + _FAMILY + r"|boss|member|dr|doctor|baby|child"
    r"|one\s+of\s+(?:our|my|the))s?\b")
# Words that make a death the writer's own family's or friend's: "my" or "our" and a family
# word just before the name or the death ("my dad John passed away", "my friend Mary died", "My
# father, John Smith, has passed away"), read in the words as typed (a name is capitalised):
# condolences for a loss, not what a provider does when someone it cares for dies. A family
# word elsewhere says nothing of whose death it is ("John Smith passed away, his family were
# with him", "... in my care"; session 29's review: those lost "Tell the council").
# The death itself, as typed after the person: "has sadly died", "passed away peacefully".
_DIES = (r"(?:has\s+|had\s+)?(?:sadly\s+|very\s+sadly\s+|suddenly\s+|peacefully\s+)?"
         + DIES)
_KIN_WORD = r"(?:(?:great-)*(?:step-?)?(?:" + _FAMILY + r"|fiance|fiancee)(?:-in-law)?)s?"
_KIN = re.compile(
    # ... "my" or "our", up to two words ("my best friend", "my late step-dad"), a family word
    r"(?i:\b(?:my|our)\s+(?:[a-z]+\s+){0,2}?" + _KIN_WORD
    + r"(?:'s\s+" + _KIN_WORD + r")*)(?:,?\s+[A-Z][\w'-]*){0,3},?(?i:\s+" + _DIES + r")")
# A name just before the death ("Sadly John Smith passed away"), read in the words as typed: a
# known given name, or a name after a title ("Mrs Patel", "Dr Ade Bello"). Any other capitalised
# word is a thing ("Outlook died", "Microsoft Teams died", "our Homecare Tender died"; the
# session's review gave each condolences).
_DIED_AS_TYPED = re.compile(r",?\s+" + _DIES)
_TITLE = re.compile(r"(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?")
_CAPITALISED = re.compile(r"[A-Z][\w'-]*")
# ... which are no question ("what", "how", "help" in them are not asked).
_NOT_ASKING = re.compile(r"\b(?:" + _UNANSWERED_OR_UNKNOWN + r")\b")
# A request that the council be told is no question (session 28's review: "please let the
# council know" was "I don't know").
_TELL_THE_COUNCIL = re.compile(
    r"\b(?:(?:please|pls|can\s+you|could\s+you|would\s+you|can\s+we|could\s+we)\s+)?"
    r"(?:let|tell|inform|notify|update)\s+(?:the\s+|our\s+)?(?:council|commissioners?"
    r"|commissioning(?:\s+team)?|social\s+worker|local\s+authority|la)(?:\s+know)?"
    r"(?:\s+(?:please|thanks|thank\s+you))?\b")
# Words of a death told that are no question and no cause (session 30: each left a death the
# safeguarding check sets aside as plainly told with "I don't know"): "please be aware", "please
# note", and an illness as the cause ("after a short illness"; never "after a fall").
_SAID_KINDLY = re.compile(r"\bplease\s+(?:be\s+aware|note)\b"
                          r"|\bafter\s+a\s+(?:short|long|brief)\s+illness\b")
# A death told with whose left out, the message opening with it ("sadly passed away last night",
# "died in her sleep last night, family were with her"), after nothing or only words that tell
# it ("very sadly", "unfortunately", "I'm sorry to say", "fyi", "sad news"; session 30's brief).
_TOLD_FIRST = (r"(?:fyi|sad\s+news|please\s+(?:be\s+aware|note)(?:\s+that)?|just\s+(?:to\s+)?"
               r"(?:let(?:ting)?\s+you\s+know|wanted\s+to\s+let\s+you\s+know)(?:\s+that)?"
               r"|(?:very\s+|so\s+)?sadly|unfortunately|(?:(?:im|i\s+am|we\s+are|were)\s+)?"
               r"(?:very\s+|so\s+)?sorry\s+to\s+(?:say|tell\s+you|let\s+you\s+know|inform\s+you)"
               r"(?:\s+that)?)")
_UNSAID_WHOSE = re.compile(r"(?:" + _TOLD_FIRST + r"[\s,:.!-]*)*(?:(?:has\s+|had\s+)?"
                           r"(?:(?:very\s+)?sadly\s+|suddenly\s+|peacefully\s+)?" + DIES
                           + r"|(?:very\s+|so\s+)?sadly\s+passed\b)")
# The words before a death that may say whose it is (a sentence's, the last few).
_SUBJECT_WORDS = 6


# The words that say a person without saying who ("she", "he"; ``death_worried``).
_PRONOUNS = re.compile(r"\b(?:he|she|someone|somebody)\b")


def _named(text: str) -> bool:
    """Whether ``text`` (as typed) names a person just before a death."""
    for died in _DIED_AS_TYPED.finditer(text):
        words = text[:died.start()].split()[-3:]
        names = [bool(_CAPITALISED.fullmatch(word)) for word in words]
        given = [word.casefold() in GIVEN_NAMES for word in words]
        titled = [bool(_TITLE.fullmatch(word)) for word in words]
        # "Mary died", "Mrs Patel died", "John Smith died", "Dr Ade Bello died".
        if words and names[-1] and (
                given[-1]
                or (len(words) > 1 and (titled[-2] or (names[-2] and given[-2])))
                or (len(words) > 2 and titled[-3] and names[-2])):
            return True
    return False


def _person(words: str) -> bool:
    return any(pattern.search(words) for pattern in (_CARED_FOR, _STAFF, _SOMEONE))


def _a_death(folded: str, named: bool) -> str | None:
    """The words that say whose death ``folded`` tells of (``named``: a name just before it, as
    typed), when it tells of a person's death; else None."""
    if named:
        died = DEATH.search(folded)
        if died is not None:
            return folded[:died.end()]
    for died in DEATH.finditer(folded):
        # "Death of", "passing of", "RIP": the person comes after (or around RIP). Never "loss
        # of": "running at a loss of £200 per person", "the loss of one of our staff to the NHS".
        if died.group("of") is not None:
            after = " ".join(folded[died.end():].split()[:5])
            if _person(after):
                return after
            continue
        if died.group("rip") is not None:
            around = " ".join(folded[:died.start()].split()[-4:]
                              + folded[died.end():].split()[:4])
            if _person(around):
                return around
            continue
        sentence = re.split(r"[.!;]", folded[:died.start()])[-1]
        before = " ".join(sentence.split()[-_SUBJECT_WORDS:])
        if _person(before):
            return before
    return None
Bereavement = Literal["cared_for", "named", "staff", "other"]
# A room said of the person who died ("John Smith in room 4"): someone cared for, said so, where
# a name alone is only likely to be (``death_told``'s "named").
_ROOM = re.compile(r"\broom\s+(?:no\.?\s*)?\d+\b")


def casefolded(text: str) -> str:
    """``text`` in lower case, its curly apostrophes straight and its spaces single (pure)."""
    return " ".join(text.casefold().replace("\u2019", "'").split())


def _read_as_a_death(folded: str) -> str | None:
    """``folded``'s words with a request that the council be told and the kind words of a
    death (``_SAID_KINDLY``) set aside, when it may tell of a death and asks nothing; else
    None."""
    if not folded or folded.startswith("/") or len(folded.split()) > 3 * MAX_WORDS:
        return None
    said = _without_kind_words(folded)
    return None if _asks(said) else said


def _without_kind_words(folded: str) -> str:
    """``folded`` with a request that the council be told and the kind words of a death
    (``_SAID_KINDLY``) set aside: what is left to ask something."""
    return _SAID_KINDLY.sub(" ", _TELL_THE_COUNCIL.sub(" ", folded))


def _asks(said: str) -> bool:
    """Whether words a death was told with (``_without_kind_words``) ask something."""
    return _ASKS.search(_NOT_ASKING.sub(" ", said)) is not None


# Where a death told gives way to what is asked about it ("RC-101 died on Monday and I want to
# know what happened with the fees"): a comma, a full stop or an "and" after the death.
_THEN = re.compile(r"\s*(?:[,.;:!]+\s*(?:and\s+|but\s+|so\s+)?|\s(?:and|but|so)\s+)")
# "I want to know", "can you tell me" before what is asked: the asking, which the knowledge
# base needs no word of.
_ASKING_OPENER = re.compile(
    r"^(?:(?:i|we)\s+(?:would\s+like|want|wanted|need|needed|d\s+like)\s+to\s+know\s+"
    r"|(?:can|could)\s+you\s+tell\s+(?:me|us)\s+|please\s+(?:can|could)\s+you\s+tell\s+(?:me|us)\s+)")


def asked_after_a_death(text: str) -> str | None:
    """What ``text`` asks after telling of a death first ("RC-101 died on Monday and I want to
    know what happened with the fees after death": "what happened with the fees after death"),
    for the knowledge base to be asked on its own when it can't answer the whole (session 31's
    review: no answer about fees); else None (pure). Words that tell of a doubt or of help not
    given ("... we don't know what happened") are no question."""
    folded = apostrophes_dropped(text)
    died = DEATH.search(folded) or SUDDEN_DEATH.search(folded)
    if died is None:
        return None
    then = _THEN.search(folded, died.end())
    if then is None:
        return None
    rest = _ASKING_OPENER.sub("", folded[then.end():].strip(" ?.!"))
    # "please let the council know" and "please note" ask nothing (as ``_read_as_a_death``
    # reads them).
    said = _without_kind_words(rest)
    return rest if len(said.split()) >= 3 and _asks(said) else None


def death_told(text: str) -> Bereavement | None:
    """Whose death ``text`` tells of, when it only tells of one: someone cared for (a resident,
    a placement's reference, "Mrs B", a room), someone named with no word of whose ("Sadly John
    Smith passed away": "named", most often someone cared for, but to council staff maybe a
    colleague), a member of staff, or someone else; else None (pure)."""
    folded = apostrophes_dropped(text)
    said = _read_as_a_death(folded)
    if (said is None or DEATH.search(folded) is None or _BLAMES.search(said) is not None
            or SUDDEN_DEATH.search(folded) is not None):
        return None
    return _whose(text, folded)


def death_worried(text: str) -> Bereavement | None:
    """Whose death ``text`` tells of (as ``death_told`` says it), when it tells of one with a
    word of harm, blame or doubt ("RC-108 passed away this morning after a fall", "passed away
    suddenly, we dont know why") or in words that are a reason to ask ("RC-108 was found dead",
    "we have had a death at the home": ``SUDDEN_DEATH``, "named" when whose is not said), and
    asks nothing; else None (pure). Never a death ``death_told`` reads, nor a thing ending
    ("Outlook died after the update").

    The safeguarding middleware and the chat's condolences ask it of the same words: they read
    it once a message through ``handlers.safeguarding.death_worried_once`` (``ctx.marks``)."""
    text = " ".join(text.split())
    folded = apostrophes_dropped(text)
    # Read by the safeguarding middleware on every message it does not raise: a message with no
    # word of a death is passed by with two searches, before the fuller reading below.
    sudden = SUDDEN_DEATH.search(folded)
    died = DEATH.search(folded)
    if sudden is None and died is None:
        return None
    said = _read_as_a_death(folded)
    if said is None:
        return None
    # (grief's figure is no blow: "he was hit hard by his wife's death", session 43)
    if sudden is None and _BLAMES.search(without_grief(said)) is None:
        return None
    whose = _whose(text, folded)
    if whose is None and sudden is None and _person(said):
        # Whose told further back than the words just before the death ("she had been
        # shouting for help and then died"; session 31): read in the whole message.
        whose = ("staff" if _STAFF.search(folded) else "cared_for" if _CARED_FOR.search(folded)
                 else "other")
    if whose == "other" and not _person(_PRONOUNS.sub(" ", folded)):
        # Only "she" or "he" ("she had been asking for help all evening before she died"):
        # whose is not said, as "died after a fall last night" does not say it, so the
        # reader's role decides (session 31's review: a provider got no "Tell the council").
        whose = "named"
    if whose is not None or sudden is None:
        return whose
    # Found dead, or a death at the home: a person's, whose said around it ("RC-108 was found
    # dead", "a death at the home on RC-108") or not ("named": the reader's role decides).
    around = " ".join(folded[:sudden.start()].split()[-_SUBJECT_WORDS:]
                      + folded[sudden.end():].split()[:_SUBJECT_WORDS])
    return ("staff" if _STAFF.search(around) else "cared_for" if _CARED_FOR.search(around)
            else "named")


def _whose(text: str, folded: str) -> Bereavement | None:
    """Whose death ``text`` (``folded``: as ``apostrophes_dropped`` reads it) tells of, if a
    person's."""
    typed = " ".join(text.replace("\u2019", "'").split())
    named = _named(typed)
    whose = _a_death(folded, named)
    if whose is None:
        # Whose is not said ("sadly passed away last night"): as only a name, "named", which
        # the reader's role decides (a provider's is most often someone it cares for).
        return "named" if _UNSAID_WHOSE.match(folded) else None
    # Staff words win ("our director Mrs Patel", "our manager died of covid-19"); those before
    # the death first ("Mrs B, one of our residents, passed away with her carer beside her").
    for words in (whose, folded):
        if _STAFF.search(words):
            return "staff"
        if _CARED_FOR.search(words):
            return "cared_for"
    # Someone named with no word of whose ("Sadly John Smith passed away"): told to pledgebot,
    # whose people are providers and council staff, it is most often someone cared for
    # (session 29's brief: a provider got "sorry for your loss" and no "Tell the council",
    # where "Mrs B" got both); the writer's own family's or friend's ("my dad John") is a loss.
    # Only a name: "named", which the reader's role decides (session 29's review: a
    # commissioner told of a colleague's death got the provider's instructions).
    if named and _KIN.search(typed) is None:
        return "cared_for" if _ROOM.search(folded) else "named"
    return "other"


# "reply to PB-2026-000001: sorted now", "PB-2026-000001 - paid today" (session 33's trial: "I
# don't know" and a knowledge gap): words meant for a case, typed without /case. The words
# before the reference that only say where they go ("reply to", "re", "update on") are left
# off the note.
_CASE_REFERENCE = re.compile(r"\bPB-\d{4}-\d{6,9}\b", re.IGNORECASE)
_FOR_THE_CASE = re.compile(
    r"^\W*(?:(?:please\s+)?(?:reply|respond|response|answer|update|note|comment|add(?:\s+this)?)"
    r"(?:\s+(?:to|on|for))?|re|ref|about|on|for|case)?\W*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class CaseNote:
    """Words naming one case: its reference, as it is stored, and what else was typed."""

    reference: str
    words: str


def case_note(text: str) -> CaseNote | None:
    """The one case reference a message names, with its words after the reference (or the
    message's words, when the reference is not at its start); None for none or several."""
    found = {match.group(0).upper(): match for match in _CASE_REFERENCE.finditer(text)}
    if len(found) != 1:
        return None
    [(reference, match)] = found.items()
    before, after = text[:match.start()], text[match.end():]
    if _FOR_THE_CASE.match(before):
        words = after.strip(" \t\n:;,.-\u2013\u2014")
    elif _ASKS_ABOUT_IT.search(text):
        words = ""  # "what's happening with PB-...?": the case is shown, not added to
    else:
        words = text
    return CaseNote(reference, " ".join(words.split()))


_ASKS_ABOUT_IT = re.compile(r"\?\s*$|^\W*(?:what|whats|what's|where|when|who|how|why|which|is|has"
                            r"|have|any|can|could|did|does)\b", re.IGNORECASE)


# "which of my invoices are overdue?", "what reviews have I got due" (session 33's trial: the
# knowledge base's general rules, or "I don't know" and a knowledge gap): the person's own
# records, which /reminders (and /cases) show. Only a short question that names their own
# (my, our, I, we) invoices, reviews, deadlines or cases and asks which are due, overdue or
# open; "what happens if my invoice is overdue?" and "can we charge interest on our overdue
# invoices?" ask about the rules, the knowledge base's.
OwnRecords = Literal["invoices", "reviews", "deadlines", "cases", "uplifts"]
_OWN = r"(?:my|our|mine|i|ive|i've|we|weve|we've|me|us)"
_RECORDS: tuple[tuple[OwnRecords, str], ...] = (
    ("invoices", r"invoices?|payments?|bills?"),
    ("reviews", r"reviews?|revisits?|reassessments?"),
    ("deadlines", r"deadlines?|reminders?|clocks?|things? due|what'?s due|what is due"),
    ("cases", r"cases?|conflicts?|disputes?"),
    # "when is our uplift due" (session 35's trial: the knowledge base's fee uplifts entry)
    ("uplifts", r"(?:contract |fee )?uplifts?"),
)
_HELLO = r"^\W*(?:(?:hi|hello|hey)\W+)?"
# "when are my deadlines", "what deadlines do we have" ask for the list, with no word of their
# state (session 35's trial: the tender deadlines entry); only so, whole: "when are reminders
# sent to us?" and "when is our deadline to ask clarification questions" are the knowledge
# base's (session 35's review).
_ASKS_FOR_THEIR_LIST = re.compile(
    _HELLO + r"(?:(?:when|what) (?:is|are) (?:my|our) (?:deadlines|reminders)"
    r"|what (?:deadlines|reminders)"
    r" (?:do (?:i|we) have|have (?:i|we) got|are there for (?:me|us)))(?: (?:this|next)"
    r" (?:week|month)| today| coming up)?\W*")
# How reminders reach them, or one deadline named for what it is: not their list.
_NOT_THEIR_LIST = re.compile(r"\b(?:sent|send|sending|emailed|e-mailed|receive|received)\b"
                             r"|\bdeadline (?:to|for)\b")
# "when is our uplift due", "when's the uplift": its day (session 35's trial: the fee uplifts
# entry); "is our uplift due to be backdated?", "what uplift are we due this year?" ask about
# the uplift itself, the knowledge base's (session 35's review).
_ASKS_WHEN_THE_UPLIFT_IS = re.compile(
    _HELLO + r"when(?:'?s| is) (?:(?:our|my|the) )?(?:annual |contract |fee )?uplift(?: date)?"
    r"(?: due)?(?: this year| next)?\W*")
_STATE = (r"\b(?:overdue|due|outstanding|late|unpaid|not (?:been )?paid|open|pending|coming up"
          r"|upcoming|next|left|waiting|still open|in progress)\b"
          # "is my invoice paid", "has our invoice been paid yet?" (session 39's brief): their
          # invoices' state asked; not "what evidence do we need for paid invoices?" nor "what
          # do I do with a paid invoice?" (session 39's review: /reminders was pointed to).
          r"|\b(?:is|are|has|have|was|were) (?:my|our|the) (?:invoices?|bills?|payments?)"
          r" (?:been |all |now |yet )*paid\b"
          # Not how or when ("is our invoice paid by bacs").
          r"(?! (?:by|via|through|with|within|on|in|to|for|at|after|before)\b)"
          r"|\b(?:my|our) (?:invoices?|bills?|payments?) (?:been )?paid yet\b"
          # "has the council paid our invoices yet?" (session 43's brief: the knowledge base's
          # payment terms); not "has the council paid our invoices late before".
          r"|^\W*(?:has|have) (?:the council|council|they)"
          r" (?:paid|settled) (?:all )?(?:my|our) (?:invoices?|bills?)(?: (?:yet|already|now))?"
          r"\W*$")
_ASKS_WHICH = re.compile(r"^\W*(?:(?:hi|hello|hey)\W+)?(?:which|what|whats|what's|have|has|do|does"
                         r"|are|is|any|how many|list|show(?: me)?|check|can you (?:show|list|tell)"
                         r"|tell me|when (?:is|are))\b")
# The council's payment schedule ("when is our next payment run?", "our next payment day", "are
# our payments on the next run"): when it pays, not which of their invoices are due (session
# 36's brief: /reminders was pointed to); the knowledge base's, as "when is the next payment
# run?" is.
_THE_COUNCILS_PAY_DAYS = re.compile(
    r"\b(?:payment|pay|bacs|payroll|remittance)s? ?(?:runs?|days?|dates?|schedules?|cycles?"
    r"|calendars?|timetables?)\b|\bpaydays?\b|\b(?:next|the|a|weekly|monthly) runs?\b")
ONE_NAMED = re.compile(r"\b[a-z]+-?\d|\b\d{3,}\b")
_ABOUT_THE_RULES = re.compile(r"\b(?:if|happens?|should|can (?:we|i)|could|would|interest|charge"
                              r"|why|how long|how do|how can|allowed|rules?|law|legal|pledge"
                              r"|council have to|chase|supposed)\b")


# Kept for the words: the lists' matcher reads them first (``handlers.talk.listings``), and the
# own-records route after it reads the same words (session 42: they were matched twice).
@functools.lru_cache(maxsize=256)
def own_records_question(text: str) -> OwnRecords | None:
    """Which of the person's own records a short question asks about ("which of my invoices
    are overdue?"), or None (pure: ``handlers.talk.chat`` points to the command)."""
    folded = " ".join(text.casefold().replace("\u2019", "'").split())
    if _ASKS_WHEN_THE_UPLIFT_IS.fullmatch(folded):
        return "uplifts"
    if (len(folded.split()) > MAX_WORDS or _ASKS_WHICH.search(folded) is None
            or _ABOUT_THE_RULES.search(folded) is not None
            or _THE_COUNCILS_PAY_DAYS.search(folded) is not None
            or re.search(rf"\b{_OWN}\b", folded) is None):
        return None
    if ONE_NAMED.search(folded):
        # One record named ("is my invoice CT-0901 paid?", "is my review for RC-101 overdue"):
        # the routes that look it up (session 39: the pointer to /reminders answered them).
        return None
    kind = next((kind for kind, words in _RECORDS if re.search(rf"\b(?:{words})\b", folded)),
                None)
    if kind == "uplifts" or (kind == "deadlines" and _NOT_THEIR_LIST.search(folded)):
        return None
    if re.search(_STATE, folded) is not None:
        return kind
    # With no word of their state, only "when are my deadlines" and the like ("when is our
    # contract review" may be the council's own review of a contract).
    return kind if kind == "deadlines" and _ASKS_FOR_THEIR_LIST.fullmatch(folded) else None


# Two questions in one message (session 33's trial: "any tips? also what is social value",
# "can we charge interest on them both? and who do i chase at the council" were each "I don't
# know" as a whole): split after a question mark, and before "also" or "and" that opens
# another question. A part of fewer than MIN_PART_WORDS words stays with the one before it.
_QUESTION_WORD = (r"(?:who|whom|whose|what|whats|what's|when|where|why|how|which|can|could|do"
                  r"|does|did|is|are|should|shall|will|would|must|may|have|has)\b")
_PART_BREAK = re.compile(
    r"\?+\s*(?:(?:and\s+|but\s+)?also\b[\s,:]*|(?:and|plus)\s+(?=" + _QUESTION_WORD + r"))?"
    r"|(?:[,.;:!]\s*|\s+)(?:and\s+|but\s+)?also\b[\s,:]*(?=" + _QUESTION_WORD + r")"
    r"|[,.;:!]?\s+(?:and|plus)\s+(?=" + _QUESTION_WORD + r")", re.IGNORECASE)
# A sentence of its own that asks ("T-12 deadlines please. how long is standstill?": session
# 39's brief, the second question was lost after the tender's dates): read so only after a
# route has answered from the person's own records (``questions_in(..., sentences=True)``);
# the knowledge base reads "We won the lot!! what happens next?" whole, as before.
_SENTENCE_BREAK = re.compile(_PART_BREAK.pattern + r"|[.!]\s+(?=" + _QUESTION_WORD
                             + r"[^.!?]*\?)", re.IGNORECASE)
# A sentence that asks after one that asks, with no question marks ("who is my commissioner.
# is my invoice paid": session 40's brief, the knowledge base's payment terms for the whole).
_ASKED_AGAIN = re.compile(r"[.!]\s+(?=" + _QUESTION_WORD + r")", re.IGNORECASE)
_ABBREVIATED = re.compile(r"\b(?:e\.g|i\.e|eg|ie|etc|vs|approx|incl|cf|no|mr|mrs|ms|dr|st)\.$",
                          re.IGNORECASE)
_OPENS_ASKING = re.compile(r"^\W*" + _QUESTION_WORD, re.IGNORECASE)
# A sentence that opens with a question word but asks nothing (session 40's review: "what a
# week. who is my commissioner" answered "what a week"): "what a ...", and a clause that is
# what the sentence tells about ("where we are based is rural").
# Only before the question it belongs to, and only when short and plainly a remark (session
# 40's second review: "who is my commissioner. when we send an invoice is there a deadline",
# "... how a provider joins the DPS", "... what we need to know is when the uplift is paid"
# were taken as the first question's context and lost): never a question inside ("is there",
# "is it") nor a frame for one ("what we need to know is"). After a question, such a sentence
# is a question of its own (``asks(..., after_a_question=True)``), but for "what a week".
_NO_QUESTION_SHAPE = re.compile(
    r"^\W*what\s+an?\s+[\w']+(?:\s+[\w']+){0,3}\W*$"
    r"|^\W*(?:where|when|what|how|why|who)\s+(?:we|i|you|they|he|she)\s+\w+(?:\s+\w+)*?"
    r"\s+(?:is|was|are|were)\b(?!\s+(?:there|it|this|that|they|we|i|you|he|she)\b)",
    re.IGNORECASE)
_ONLY_A_REMARK = re.compile(r"^\W*what\s+an?\s+[\w']+(?:\s+[\w']+){0,3}\W*$", re.IGNORECASE)
_A_QUESTION_FRAMED = re.compile(r"\b(?:know|ask|asking|wonder|wondering|find out|understand"
                                r"|question|tell me|explain)\b", re.IGNORECASE)
MAX_REMARK_WORDS = 10
MIN_PART_WORDS = 3
MAX_PARTS = 4


def questions_in(text: str, *, sentences: bool = False,
                 apart: Callable[[str], bool] | None = None) -> tuple[str, ...]:
    """The questions one message asks, in order (one part for a message that asks one;
    none when it has more than ``MAX_PARTS``: that is more than a few questions);
    ``sentences``: a sentence of its own that asks is one too (``_SENTENCE_BREAK``);
    ``apart``: a part too short to stand alone that is a part of its own all the same ("my
    cases, and what is pledge 6": session 42's review, the list was dropped)."""
    # Each part as a span of the text, so that a part too short to stand alone is put back
    # with the words that joined it ("how and when do we get paid?").
    spans: list[tuple[int, int, int]] = []  # (start, end of its words, end with the break)
    start = 0
    breaks = [(found.start(), found.end(), found.group(0).startswith("?"))
              for found in (_SENTENCE_BREAK if sentences else _PART_BREAK).finditer(text)]
    if sentences:
        # Not after "e.g." ("... on urgency grounds, e.g. when a homecare agency collapses?")
        breaks = sorted(found for found in {*breaks, *_asked_again(text, breaks)}
                        if found[2] or _ABBREVIATED.search(text, 0, found[0] + 1) is None)
    for at, after, asked in breaks:
        if at < start:
            continue
        end = at + (1 if asked else 0)
        spans.append((start, end, after))
        start = after
    spans.append((start, len(text), len(text)))
    # Small talk after a question ("who is my commissioner? thanks. is CT-0901 paid?") is no
    # part of it, nor of the next (session 40's brief: the first was said not answered).
    spans = spans[:1] + [(begin + _small_talk_first(text[begin:end]), end, after)
                         for begin, end, after in spans[1:]
                         if not says_nothing(text[begin:end])]
    merged: list[tuple[int, int]] = []
    for begin, end, _after in spans:
        words = text[begin:end].split()
        if not words:
            continue
        before = text[merged[-1][0]:merged[-1][1]] if merged else ""
        if merged and (len(words) < MIN_PART_WORDS
                       or len(before.split()) < MIN_PART_WORDS) and not (
                apart is not None and apart(before.strip(" ,;:-"))) and not (
                _stands_alone(before, text[begin:end])):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((begin, end))
    parts = tuple(" ".join(text[begin:end].split()).strip(" ,;:-") for begin, end in merged)
    return parts if len(parts) <= MAX_PARTS else ()


# What a term is, asked in two words closed by a question mark ("what's TUPE?", "whats a
# PPON?"): a part of its own beside another (session 44's brief: "what's TUPE? and what's a
# PPON?" was read as one question, "I don't know"); never a question that leans on words
# around it ("how much?", "can we?", "who pays?"), nor one the next part leans on ("whats
# PAMMS? is it the same as a CQC inspection").
_SHORT_QUESTION = re.compile(
    r"\W*(?:(?:and|also|plus|but)\W+)?(?:whats|what's|what\u2019s|whos|who's|who\u2019s)"
    r"\s+(?!(?:it|its|that|this|so|not|else|then|now|next|up|new|wrong|happening|the point"
    r"|the deal|the difference)\b)[\w'-]{2,}\s*\?+\s*", re.IGNORECASE)


def _stands_alone(piece: str, after: str) -> bool:
    """Whether ``piece`` and the piece ``after`` it (``questions_in``) are parts of their own
    though one is short: one of two words that asks what a term is (``_SHORT_QUESTION``),
    the other long enough or such a question too, and ``after`` leaning on nothing before
    it."""
    def alone(words: str) -> bool:
        return (len(words.split()) >= MIN_PART_WORDS
                or _SHORT_QUESTION.fullmatch(words.strip(" ,;:-")) is not None)
    short = [words for words in (piece, after) if len(words.split()) < MIN_PART_WORDS]
    return bool(short) and alone(piece) and alone(after) and not leans_back(after)


def _asked_again(text: str, breaks: list[tuple[int, int, bool]]
                 ) -> list[tuple[int, int, bool]]:
    """The full stops of ``text`` between two sentences that each open with a question word
    (``_ASKED_AGAIN``), as ``questions_in`` takes its breaks."""
    found: list[tuple[int, int, bool]] = []
    for stop in _ASKED_AGAIN.finditer(text):
        # Small talk between the two is no sentence of either ("is my invoice paid. thanks.
        # who is my commissioner": session 40's review, the second was lost).
        told = re.split(r"[.!?]\s+", text[:stop.start()])
        while len(told) > 1 and says_nothing(told[-1]):
            told.pop()
        before = told[-1]
        if _OPENS_ASKING.search(before) and not any(
                at <= stop.start() < after for at, after, _asked in breaks):
            found.append((stop.start(), stop.end(), False))
    return found


def _small_talk_first(piece: str) -> int:
    """How many characters of a part of a message are the word of small talk it opens with,
    set off by a stop, with words of its own after ("thanks. is CT-0901 paid?"); 0 if none."""
    rest = after_small_talk(piece)
    return 0 if rest is None else max(piece.rfind(rest), 0)


_A_PART_ASKS = re.compile(r"\?|^\W*(?:(?:and|but|also|plus|so)\W+)*" + _QUESTION_WORD,
                          re.IGNORECASE)


def said(part: str) -> str:
    """A part of a message as said, whatever its case, spacing and punctuation: the same
    question typed twice is one (pure)."""
    return " ".join(re.findall(r"[a-z0-9']+", part.casefold().replace("\u2019", "'")))


# Where the asker is, told as a heading ("where we are: Wales", "Where we are based - Glasgow",
# "where the home is: Cardiff", never "where we are based is rural", a question after one;
# session 42's review: a question of its own after a question,
# so "How long is the standstill period? where we are: Wales" was answered for England).
_WHERE_TOLD = re.compile(
    r"^\W*where\s+(?:we|i|they|the\s+(?:home|service|provider|contract|placement|business"
    r"|organisation|company|agency|charity))(?:'re|'m|\s+(?:are|am|is))?"
    r"(?:\s+(?:based|located|registered|regulated|operating|working|situated))?"
    r"\s*[:=\u2013-]", re.IGNORECASE)


def asks(part: str, *, after_a_question: bool = False) -> bool:
    """Whether a part of a message (``questions_in``) asks something: it has a question mark,
    or opens with a question word ("and who is my commissioner"); not "We lost T-9", nor a
    short remark before a question ("what a week", "where we are based is rural"), nor where
    the asker is told without a question mark ("where we are: Wales", ``_WHERE_TOLD``);
    ``after_a_question``: a sentence after one that asks, which is a question of its own
    unless it is an exclamation ("what a week")."""
    if _A_PART_ASKS.search(part) is None:
        return False
    if "?" in part:
        return True
    if _WHERE_TOLD.search(part) is not None:
        return False
    if after_a_question:
        return _ONLY_A_REMARK.search(part) is None
    return (_NO_QUESTION_SHAPE.search(part) is None or len(part.split()) > MAX_REMARK_WORDS
            or _A_QUESTION_FRAMED.search(part) is not None)


# A part of a message that leans on the one before it: a word that stands for something named
# there ("what is the social value weighting? and when do we need to submit it"; session 34's
# trial: the commissioner was handed "when do we need to submit it" alone). Read generously: a
# part taken to lean when it does not only carries more words to the person it is handed to.
_LEANS_BACK = re.compile(r"\b(?:it|its|itself|they|them|their|this|that|these|those|he|she|him"
                         r"|her|his|the same)\b")


def leans_back(part: str) -> bool:
    """Whether a part of a message (``questions_in``) has a word that stands for something
    named in the part before it ("and when do we need to submit it")."""
    folded = " ".join(part.casefold().replace("\u2019", "'").split())
    return _LEANS_BACK.search(folded) is not None


# A question with nothing of its own to ask about ("What can we do?", "what now?"): it asks
# about what the sentence before it told.
_NOTHING_OF_ITS_OWN = frozenset((
    "what", "whats", "what's", "when", "how", "why", "where", "who", "which", "can", "could",
    "should", "shall", "will", "would", "must", "may", "do", "does", "did", "is", "are", "was",
    "we", "i", "you", "us", "me", "now", "next", "then", "else", "so", "and", "but", "also",
    "happens", "happen", "about", "the", "to", "get", "go", "from", "here", "there", "options",
))


def follows_on(part: str) -> bool:
    """Whether a part of a message (``questions_in``) asks about what the one before it
    named: it leans back ("When is its review due?") or has nothing of its own to ask about
    ("What can we do?")."""
    words = re.findall(r"[a-z']+", part.casefold().replace("\u2019", "'"))
    return leans_back(part) or (bool(words) and set(words) <= _NOTHING_OF_ITS_OWN)


# What an answer from one's own records already tells of the record just named: its dates, its
# amount, who sent it, its state (session 40's second review: "Is CT-0901 paid. When was it
# due" got the CQC fees entry for the second; "Is RC-101 due a review. When is it" was said
# not answered).
_OF_THE_RECORD = frozenset((
    *_NOTHING_OF_ITS_OWN, "it", "its", "it's", "that", "this", "they", "them", "was", "were",
    "due", "paid", "much", "owed", "owing", "sent", "received", "date", "day", "amount",
    "total", "late", "overdue", "by", "on", "for", "long", "ago", "many", "days", "has",
    "have", "been", "yet", "exactly", "review", "start", "started", "end", "ends", "sends",
    "from", "of", "value", "at",
))
MAX_RECORD_FOLLOW_ON_WORDS = 6


def asks_of_the_record(part: str) -> bool:
    """Whether a short part of a message leaning back asks only what an answer from one's own
    records tells of the record named before it ("When was it due", "How much is it", "Who
    sent it"); not "can we claim for it" (pure)."""
    words = re.findall(r"[a-z']+", part.casefold().replace("\u2019", "'"))
    return (0 < len(words) <= MAX_RECORD_FOLLOW_ON_WORDS and leans_back(part)
            and set(words) <= _OF_THE_RECORD)


# A person's e-mail address asked after the question that names them ("Who is my commissioner.
# What is their email": session 41's brief, "I don't know" for the whole).
_AN_ADDRESS_ASKED = frozenset((
    *_NOTHING_OF_ITS_OWN, "their", "his", "her", "them", "him", "email", "e-mail", "emails",
    "mail", "address", "contact", "details", "have", "give", "send", "please", "a", "an",
))
_AN_ADDRESS = frozenset(("email", "e-mail", "emails", "mail", "contact"))


def asks_their_email(part: str) -> bool:
    """Whether a short part of a message leaning back asks only the e-mail address (or the
    contact details) of someone named before it ("What is their email", "whats her email?",
    "and their contact details"); not their phone number (pure)."""
    words = re.findall(r"[a-z'-]+", part.casefold().replace("\u2019", "'"))
    return (0 < len(words) <= MAX_RECORD_FOLLOW_ON_WORDS + 2 and leans_back(part)
            and set(words) <= _AN_ADDRESS_ASKED and bool(_AN_ADDRESS & set(words)))


# The words of a question that name no subject of its own (session 41's brief: "We have 40
# beds. How long does the council have to pay invoices?" was "I don't know", read whole; but
# "One of our carers was arrested. Do we need to tell the council?" read alone got an entry on a
# change in a person's care, session 40's review). Grammar first: these are never a question's
# subject, nor what "which" asks to choose among.
_GRAMMAR = frozenset((
    "what", "whats", "what's", "when", "whens", "where", "why", "how", "which", "who", "whom",
    "whose", "whether", "if", "is", "isn't", "are", "aren't", "was", "wasn't", "were", "be",
    "been", "being", "am", "do", "does", "did", "doing", "done", "don't", "doesn't", "didn't",
    "have", "has", "had", "having", "can", "can't", "cannot", "could", "couldn't", "should",
    "shouldn't", "shall", "will", "won't", "would", "wouldn't", "must", "may", "might", "ought",
    "need", "needs", "needed", "needn't", "i", "i'm", "i've", "we", "we're", "we've", "we'd",
    "you", "you're", "they", "they're", "he", "she", "it", "it's", "me", "us", "them", "him",
    "her", "my", "our", "your", "their", "his", "its", "mine", "ours", "yours", "theirs", "myself",
    "ourselves", "themselves", "a", "an", "the", "this", "that", "these", "those", "there",
    "there's", "here", "to", "of", "in", "on", "at", "by", "for", "with", "without", "from",
    "about", "into", "onto", "over", "under", "up", "down", "out", "off", "than", "then", "as",
    "so", "and", "or", "but", "not", "no", "nor", "any", "some", "all", "each", "every", "both",
    "either", "neither", "much", "many", "more", "most", "less", "few", "other", "another", "such",
    "same", "own", "very", "too", "also", "just", "still", "yet", "already", "again", "ever",
    "even", "only", "really", "actually", "please", "ok", "okay", "now", "next", "soon", "else",
    "anyway", "s", "re", "d", "ll", "ve", "m", "t",
))
# Then the words that ask about something without naming it: the parties (the council, CQC,
# us), what anyone may do (tell, notify, register, appeal, pay), whether it is allowed, fair or
# too late, and things in general (the rules, the options, the deadline, what to do).
_PARTIES = frozenset((
    "council", "councils", "commissioner", "commissioners", "commissioning", "la", "las",
    "authority", "authorities", "local", "cqc", "icb", "icbs", "nhs", "provider", "providers",
    "team", "teams", "manager", "managers", "government", "police", "hub", "family", "families",
    "relative", "relatives", "resident", "residents", "client", "clients", "carer", "carers",
    "staff", "worker", "workers", "employee", "employees", "home", "homes", "agency", "agencies",
    "company", "organisation", "organization", "business", "officer", "officers", "someone",
    "somebody", "anyone", "anybody", "everyone", "person", "people",
))
_NAMES_NO_SUBJECT = _GRAMMAR | _PARTIES | frozenset((
    "care", "get", "gets", "got", "getting", "go", "goes", "going", "went", "gone", "make",
    "makes", "made", "take", "takes", "took", "tell", "telling", "told", "notify", "notifying",
    "notified", "inform", "informing", "informed", "contact", "contacting", "report", "reporting",
    "reported", "call", "ring", "email", "e-mail", "phone", "write", "send", "sending", "sent",
    "ask", "asking", "asked", "know", "say", "said", "let", "happen", "happens", "happened",
    "appeal", "appealing", "challenge", "challenging", "complain", "register", "registering",
    "apply", "applying", "claim", "claiming", "charge", "charging", "pay", "pays", "paid",
    "paying", "refuse", "refused", "stop", "stopped", "start", "started", "continue", "allow",
    "allows", "allowed", "help", "handle", "deal", "sort", "fix", "respond", "reply", "chase",
    "escalate", "expect", "expected", "mean", "means", "work", "cover", "covered", "count",
    "agree", "accept", "use", "find", "see", "check", "follow", "involve", "keep", "put", "give",
    "given", "want", "like", "think", "look", "hear", "wait", "manage", "decide", "act",
    "fair", "unfair", "legal", "illegal", "lawful", "right", "wrong", "fine", "possible",
    "required", "entitled", "mandatory", "normal", "usual", "true", "correct",
    "reasonable", "liable", "responsible", "enough", "late", "early", "long", "short", "quick",
    "quickly", "fast", "first", "last", "new", "old", "best", "good", "bad", "able", "supposed",
    "sure", "important", "necessary", "worth", "due", "thing", "things", "anything", "something",
    "nothing", "everything", "one", "ones", "way", "ways", "step", "steps", "option", "options",
    "advice", "action", "actions", "process", "procedure", "rule", "rules", "law", "laws", "time",
    "times", "deadline", "deadlines", "date", "dates", "day", "days", "week", "weeks", "month",
    "months", "year", "years", "situation", "case", "issue", "issues", "problem", "problems",
    "question", "questions", "answer", "answers", "point", "matter", "part", "bit", "lot", "lots",
    "kind", "type", "reason", "decision", "decisions", "money", "amount", "cost", "costs",
    "number", "detail", "details", "information", "info", "rights", "responsibility", "duty",
    "duties", "policy", "guidance", "form", "forms",
))
# "It" that stands for nothing: "is it legal to ...", "it is true that ...".
_IT_FOR_NOTHING = re.compile(r"\b(?:(?:is|was|will|would|could) (?P<asked>it)(?: be)?"
                             r"|(?P<told>it)(?:'s| is| was| will be| would be))"
                             r"(?: \w+){1,2}? (?:to|that|if|whether|for)\b")
_LEANING_WORDS = frozenset(("it", "its", "itself", "this", "that", "these", "those", "such",
                            "same"))
# "Can residents pay their own top-up?": these may stand for a party the question names first.
_LEANING_ON_SOMEONE = frozenset(("they", "them", "their", "theirs", "he", "she", "him", "her",
                                 "his", "hers"))
_WHICH_ONE = re.compile(r"\b(?:which|whose)\s+([a-z][a-z'-]*)")
# Where the law differs from England's, which the knowledge base is written for ("We are in
# Scotland. How long is the standstill period?"): the nations, their regulators and their
# larger places and council areas (session 41's review: "We are a care provider in Glasgow.",
# "The home is registered with the Care Inspectorate.", "We are regulated by CIW." were read as
# England's).
_ELSEWHERE = re.compile(
    r"\b(?:scotland|scottish|wales|welsh|cymru|northern ireland|ulster|isle of man|jersey"
    r"|guernsey|care inspectorate|ciw|rqia|hscni|sssc|hscp|glasgow|edinburgh|aberdeen"
    r"|aberdeenshire|dundee|inverness|stirling|fife|lanarkshire|lothian|highlands?|ayrshire"
    r"|renfrewshire|dumfries|falkirk|paisley|cardiff|swansea|wrexham|gwynedd|powys|ceredigion"
    r"|conwy|pembrokeshire|carmarthenshire|rhondda|caerphilly|bridgend|anglesey|belfast|derry"
    r"|londonderry|lisburn|newry"
    # Session 42's review: "NI provider here" got the National Insurance entry. "NI" is
    # Northern Ireland only beside who or where ("NI provider", "based in NI"), never in
    # "employer NI" or "an NI increase".
    r"|n ireland|ni (?:provider|providers|based|council|care home|home|agency|organisation"
    r"|charity|company|trust|hsc)|(?:in|from|across) ni(?! (?:contributions?|rates?"
    r"|thresholds?|increases?|rise|costs?|bill|changes?|allowance|relief)\b)"
    r"|hsc trusts?|monmouthshire|denbighshire|flintshire|torfaen|merthyr|blaenau gwent"
    r"|vale of glamorgan|neath|midlothian|orkney|shetland|inverclyde|dunbartonshire|argyll"
    r"|moray|antrim|armagh|tyrone|fermanagh|omagh|coleraine|ballymena|bangor)\b")


def names_elsewhere(told: str) -> bool:
    """Whether words told beside a question name a place or a regulator where the law differs
    from England's (``_ELSEWHERE``: "We're in Glasgow.", "We are regulated by CIW."; pure)."""
    return _ELSEWHERE.search(" ".join(_word_forms(told))) is not None


# An age under 18 told of someone ("a resident aged 17", "she is 16", "a 17-year-old", "under
# 18", "not yet 18", "a minor"; session 42's review: "We look after a resident aged 17. What is
# DoLS?" was offered DoLS, which is for adults). Not a group's ("aged 16 to 64", "aged 16+",
# "17-year-olds").
_A_CHILD_AGE = r"(?:1[0-7]|[1-9]|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen)"
_UNDER_18 = re.compile(
    r"\b(?:aged?|age:)\s*" + _A_CHILD_AGE + r"\b(?!\s*\+|\s*(?:-|\u2013|to|and|or|plus)\s*\w)"
    r"|\b" + _A_CHILD_AGE + r"[\s-]?(?:years?|yrs?)[\s-]old\b(?!s|\s+(?:and|or|to)\b)"
    r"|\b" + _A_CHILD_AGE + r"\s?(?:yo|y/o)\b"
    r"|\b(?:she|he|they|resident|client|person|young person|child|son|daughter|service user"
    r"|tenant|girl|boy)(?:'s|s| is| are| was| turned| has turned)\s+(?:only |just |now )?"
    r"(?:1[0-7]|sixteen|seventeen)\b(?![:./]\d|\s*(?:%|days?|weeks?|months?|hours?|mins?))"
    r"|\bunder(?:[\s-]?18s?\b|\s+eighteen\b|\s+the\s+age\s+of\s+(?:18|eighteen)\b)"
    r"|\b(?:not yet|younger than|below)\s+(?:18|eighteen)\b"
    r"|\b(?:turns|turning)\s+(?:18|eighteen)\b"
    r"|\ba minor\b")
# A question about the deprivation of liberty or mental capacity (DoLS, the Liberty Protection
# Safeguards, the Mental Capacity Act), whose rules differ under 18.
_ABOUT_LIBERTY = re.compile(
    r"\b(?:dols|deprivations? of liberty|deprived of (?:their |his |her )?liberty"
    r"|liberty protection safeguards?|lps|mental capacity(?: act)?|mca|court of protection"
    r"|best interests? (?:decisions?|assessments?|assessors?)"
    r"|(?:standard|urgent) authori[sz]ations?)\b")


def tells_an_age_under_18(text: str) -> bool:
    """Whether ``text`` tells the age of someone under 18 ("a resident aged 17", "she is 16",
    "under 18"; pure): not a group's ("aged 16 to 64")."""
    return _UNDER_18.search(" ".join(text.casefold().replace("\u2019", "'").split())) is not None


def asks_about_liberty(text: str) -> bool:
    """Whether ``text`` asks about DoLS, the Liberty Protection Safeguards or the Mental
    Capacity Act (pure)."""
    return _ABOUT_LIBERTY.search(" ".join(_word_forms(text))) is not None


# What the asker thought the answer was, told after the question ("thought it was 10 days",
# "I heard it changed"): the answer tells them, whatever they thought.
_A_GUESS = re.compile(r"^\W*(?:(?:i|we|i'd|we'd|id|wed)\s+)?(?:always\s+|had\s+|have\s+)?"
                      r"(?:thought|think|believed?|heard|assumed|understood|was told|were told"
                      r"|read)\s+(?:that\s+)?(?:it|it's|its|they|this|that)\b")


def guesses_the_answer(told: str) -> bool:
    """Whether the sentences told after a question only say what the asker thought its answer
    was ("thought it was 10 days"; pure): none names somewhere else (``names_elsewhere``)."""
    sentences = [sentence for sentence in re.split(r"[.!?]+\s*", told) if sentence.strip()]
    return (bool(sentences) and not names_elsewhere(told)
            and all(_A_GUESS.search(sentence.casefold().replace("\u2019", "'")) is not None
                    for sentence in sentences))


def _word_forms(text: str) -> list[str]:
    """The words of ``text`` in lower case, as typed ("mid-contract", "top-up" whole)."""
    return re.findall(r"[a-z0-9][a-z0-9'-]*", text.casefold().replace("\u2019", "'"))


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def stands_alone(question: str, told: str) -> bool:
    """Whether a question asked beside sentences that ask nothing (``told``) names its own
    subject, so that it means the same read alone (pure): it has a word of its own that no
    party, no everyday verb and no word of rules or of time is ("invoices", "standstill", "a
    contract performance notice"); no word standing for something named before it ("can she pay
    her own top-up", "is that fair"; "it" in "is it legal to ..." stands for nothing, "their"
    in "can residents pay their own top-up" for the residents); and it
    does not ask which of the things ``told`` names ("Resident was placed by another council.
    Which council do we send the DoLS application to?"), and ``told`` names no place where the
    law differs from England's ("We are in Scotland."). Read generously, the other way: a
    question taken to lean is read with its sentences, as before."""
    folded = " ".join(question.casefold().replace("\u2019", "'").split())
    dummy = {max(found.start("asked"), found.start("told"))
             for found in _IT_FOR_NOTHING.finditer(folded)}
    subject = someone = False
    for found in re.finditer(r"[a-z0-9][a-z0-9'-]*", folded):
        word = found.group(0)
        if word in _LEANING_WORDS and not subject and not (
                word == "it" and found.start() in dummy):
            return False
        if word in _LEANING_ON_SOMEONE and not (subject or someone):
            return False
        someone = someone or word in _PARTIES
        if word not in _NAMES_NO_SUBJECT and not word.isdigit():
            subject = True
    if not subject:
        return False
    if names_elsewhere(told):
        return False
    named = {_stem(word) for word in _word_forms(told)}
    return not any(_stem(found.group(1)) in named and found.group(1) not in _GRAMMAR
                   for found in _WHICH_ONE.finditer(folded))


@dataclass(frozen=True, slots=True)
class AskedPart:
    """A question of a message (``asked_parts``) with the sentences that ask nothing around
    it that it is asked with: ``words``, as typed; ``question``, its asking sentences alone."""

    words: str
    question: str
    # The sentences of ``words`` that ask nothing ("We have 40 beds."), as one text.
    told: str = ""


def asked_parts(text: str, *, apart: Callable[[str], bool] | None = None
                ) -> tuple[AskedPart, ...]:
    """The questions one message asks, in order (pure): its parts as split at question marks
    and "and" (``questions_in``), each split again into its sentences that ask, with the
    sentences around them that ask nothing ("We lost T-12. Is it legal?"; "who is my
    commissioner. is my invoice paid": session 40's brief, read as one). A sentence opening
    a part that leans back is the question before's ("Is CT-0901 paid? We sent it on 1 Nov.
    Who is my commissioner?": session 40's brief, read with the last); so is a part after a
    question that asks nothing and names no record ("How long is the standstill period?
    We're in Glasgow.": session 42's brief, a part of its own, so the question was answered
    for England). The last sentence asks without its question mark when it opens with a
    question word ("We have 40 beds. How long does the council have to pay invoices":
    session 42's brief). ``apart``: a sentence that asks nothing but is a part of its own
    ("I need to raise a safeguarding concern. who is my commissioner": the caller's reading
    of a wish to raise a concern). None when the message has more than ``MAX_PARTS``
    parts."""
    groups: list[tuple[list[str], list[str]]] = []  # (its sentences, those that ask)
    for piece in questions_in(text, apart=apart):
        told: list[str] = []  # sentences that ask nothing, for the question after them
        first = len(groups)
        for number, sentence in enumerate(
                _unmarked_last_question(questions_in(piece, sentences=True) or (piece,))):
            if apart is not None and not asks(sentence) and apart(
                    alone := _JOINED_ON.sub("", sentence)):
                groups.append(([*told, alone], [alone]))
                told = []
            elif asks(sentence, after_a_question=bool(groups)) and len(groups) > first \
                    and follows_on(sentence):
                # Asked after a full stop about what the question before named ("What is the
                # DPS. Who runs it.": session 40's review, each kept on its own as a gap).
                groups[-1][0].extend([*told, sentence])
                groups[-1][1].append(sentence)
                told = []
            elif asks(sentence, after_a_question=bool(groups)):
                groups.append(([*told, sentence], [sentence]))
                told = []
            elif number == 0 and groups and follows_on(sentence):
                groups[-1][0].append(sentence)
            else:
                told.append(sentence)
        if told and len(groups) > first:
            groups[-1][0].extend(told)
        elif told and groups and _CIRCUMSTANCE.search(casefolded(told[0])) is not None and (
                ONE_NAMED.search(casefolded(" ".join(told))) is None):
            # Where or who the asker is, told after a question and naming no record of one's
            # own: what it is asked with, as a sentence before it is ("Invoice CT-0901 still
            # outstanding", "cant upload invoices since 10am" are parts of their own).
            groups[-1][0].extend(told)
        elif told:  # a part that asks nothing ("Invoice CT-0901 still outstanding, and ...")
            groups.append((told, told))
    if len(groups) > MAX_PARTS:
        return ()
    return tuple(AskedPart(as_sentences(words), as_sentences(asking),
                           as_sentences([sentence for sentence in words if sentence not in asking])
                           if len(words) > len(asking) else "")
                 for words, asking in groups)


# A sentence after a question that tells where or who the asker (or the person cared for) is
# ("We're in Glasgow.", "We are a small charity.", "It's for a contract in Belfast.", "She is
# 17."), or names somewhere else.
_CIRCUMSTANCE = re.compile(
    r"^\W*(?:(?:we|we're|were|we are|our|i'm|im|i am|it's|its|it is|this is|they are|they're"
    r"|where (?:we|i|they)"
    r"|she is|she's|he is|he's|the (?:home|resident|client|person|service|contract|placement))\b"
    r"|.*" + _ELSEWHERE.pattern + ")")
# The word that joins a part to the one before it ("and show my invoices").
_JOINED_ON = re.compile(r"^\W*(?:(?:and|also|plus|but)\W+)+", re.IGNORECASE)
# The end of a sentence typed without a question mark ("We have 40 beds. how long ...").
_SENTENCE_END = re.compile(r"[.!]+\s+")


def _unmarked_last_question(sentences: Sequence[str]) -> Sequence[str]:
    """``sentences`` (``questions_in(..., sentences=True)``), the last split into its own
    sentences when it has no question mark and one of them alone asks, as it would with the
    mark ("We have 40 beds. How long does the council have to pay invoices", "How long is the
    standstill period. We're in Glasgow": session 42's brief); small talk among them is
    dropped ("how long is standstill. thanks")."""
    last = sentences[-1] if sentences else ""
    if "?" in last:
        return sentences
    said_apart: list[str] = []
    start = 0
    for stop in _SENTENCE_END.finditer(last):
        if _ABBREVIATED.search(last, 0, stop.start() + 1) is None:
            said_apart.append(last[start:stop.start()].strip())
            start = stop.end()
    said_apart.append(last[start:].strip())
    said_apart = [sentence for sentence in said_apart if sentence and not says_nothing(sentence)]
    if len(said_apart) < 2 or sum(asks(sentence) for sentence in said_apart) != 1:
        return sentences
    return [*sentences[:-1], *said_apart]


# The words of a commitment looked up by its number, but for the number and "pledge" itself
# ("what is pledge 6", "what does commitment 24 say", "show me pledge six please").
_LOOKING_UP = frozenset((
    "what", "whats", "what's", "is", "was", "are", "does", "do", "say", "says", "said", "mean",
    "means", "cover", "covers", "about", "show", "me", "tell", "explain", "read", "give",
    "remind", "of", "the", "a", "please", "pls", "can", "could", "you", "number", "no", "again",
    "exactly", "actually", "in", "to", "work", "together", "pledge's", "pledges", "pledge",
    "commitment", "commitments", "promise", "promises", "full", "text", "wording", "words",
    "it", "its", "us", "hi", "hello", "i", "want", "need", "see", "know", "look", "up", "on",
    "and", "number", "which", "one", "detail", "details", "more", "thanks",
    # "what pledge 12 is about, and also what pledge 20 says", "... pledge 20 as well"
    # (session 44's brief: the second was dropped)
    "also", "as", "well", "too", "plus", "both",
    # "pledges 13 through 16" (session 44's third review: only 13 was shown)
    "through", "thru", "until", "till",
))
_A_NUMBER = re.compile(r"^(?:\d{1,3}(?:st|nd|rd|th)?|one|two|three|four|five|six|seven|eight"
                       r"|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
                       r"|eighteen|nineteen|twenty|thirty|first|second|third|fourth|fifth"
                       r"|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth"
                       r"|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth"
                       r"|twentieth|thirtieth)$")
_SENTENCE_STOP = re.compile(r"[.!?]+(?:\s+|$)")


def looks_a_pledge_up(sentence: str) -> bool:
    """Whether a sentence only looks the pledge up (pure): its list ("list the commitments"),
    its commitments on a topic ("pledges about payment"), or one by its number with nothing
    else asked ("What is pledge 6?", "commitment 24", "what does pledge 6 say")."""
    text = sentence.strip()
    if asks_for_the_list(text) or pledge_topic(text) is not None:
        return True
    if pledge_number(text) is None:
        return False
    words = [word.strip("#") for word in _word_forms(text.replace("#", " "))]
    return all(word in _LOOKING_UP or _A_NUMBER.match(word) or _a_range(word)
               for word in words if word)


# "1-3" in "pledges 1-3", "one-three", "twenty-four" (``knowledge.pledges.pledge_numbers``
# reads them): numbers joined by hyphens.
def _a_range(word: str) -> bool:
    parts = word.split("-")
    return len(parts) > 1 and all(_A_NUMBER.match(part) for part in parts)


def _sentences(text: str) -> list[str]:
    """The sentences of ``text`` as typed, split at their stops (not after "e.g.", "no.")."""
    sentences: list[str] = []
    start = 0
    for stop in _SENTENCE_STOP.finditer(text):
        if _ABBREVIATED.search(text, 0, stop.start() + 1) is None:
            sentences.append(text[start:stop.end()].strip())
            start = stop.end()
    sentences.append(text[start:].strip())
    return [sentence for sentence in sentences if sentence.strip(" .!?")]


def pledges_looked_up(text: str) -> tuple[int, ...]:
    """The commitments a message looks up by number when it names two or more and does
    nothing else ("What does pledge 7 say? And what is pledge 8?", "what are pledges 7 and
    8", "pledge 7 and pledge 8": session 43's brief, the second was dropped): each sentence
    looks a pledge up (``looks_a_pledge_up``) or is small talk; () otherwise. Pure."""
    numbers = pledge_numbers(text)
    if len(numbers) < 2 and not pledge_numbers_missing(text):
        # Numbers with no "pledge" by them ("can you show me 7, 12 and 28", "24 25 26", "whats
        # number 26": session 44's review, "I don't know").
        return _numbers_alone(text)
    sentences = _sentences(text)
    if not all(looks_a_pledge_up(sentence) or says_nothing(sentence)
               for sentence in sentences):
        # Who is writing and an apology first ("hi its sam from riverside care, really
        # sorry, quick question - pledges 24 and 25?": session 44's third review, only 24
        # was shown).
        rest = _after_courtesies(text)
        return pledges_looked_up(rest) if rest is not None else ()
    return numbers


# The pieces of a message set off by commas, semicolons, colons or a dash ("hi its sam from
# riverside care, really sorry, quick question - pledges 24 and 25?").
_PIECE_STOP = re.compile(r"\s*[,;:]\s+|\s+-+\s+|\s+\u2013\s+|\s+\u2014\s+")


def _after_courtesies(text: str) -> str | None:
    """The last piece of a message (``_PIECE_STOP``) when every piece before it is small talk,
    says who is writing or apologises for writing ("hi its sam from riverside care", "really
    sorry", "quick question"); else None (pure)."""
    pieces = [piece for piece in _PIECE_STOP.split(text.strip()) if piece.strip(" .!")]
    if len(pieces) < 2:
        return None
    for piece in pieces[:-1]:
        folded = " ".join(apostrophes_dropped(piece).casefold().split()).strip(" .!")
        if (small_talk(piece) in (None, "unclear") and not _courtesy(piece)
                and _BARE_APOLOGY.fullmatch(folded) is None):
            return None
    return pieces[-1]


# The most commitments shown for one message ("pledges 1-30"): the first ones, and how to see
# the rest said.
MAX_PLEDGES_SHOWN = 5
_DIGITS = re.compile(r"^\d{1,2}$")


def _numbers_alone(text: str) -> tuple[int, ...]:
    """The commitments a message looks up by numbers alone, with nothing but the words of
    looking one up around them ("can you show me 7, 12 and 28", "24 25 26"; one only after
    "number": "whats number 26"); () otherwise. Pure."""
    words = [word.strip("#") for word in _word_forms(text.replace("#", " "))]
    words = [word for word in words if word]
    numbers = [int(word) for word in words if _DIGITS.match(word)]
    if (not numbers or any(not 1 <= number <= PLEDGE_NUMBERS[-1] for number in numbers)
            or not all(word in _LOOKING_UP or _DIGITS.match(word) for word in words)
            or (len(numbers) < 2 and "number" not in words)):
        return ()
    return tuple(dict.fromkeys(numbers))


# "ok and what about 10?" after a commitment was shown (session 44's review: "I don't know").
_ANOTHER_NUMBER = re.compile(r"^\W*(?:(?:ok|okay|right|great|thanks|cool|and)\W+)*(?:what|how)"
                             r"\W+about\W+(?:(?:pledge|commitment|number|no)\.?\W*)?#?"
                             r"(\d{1,2})\W*$", re.IGNORECASE)


def another_number_asked(text: str) -> int | None:
    """The number a short follow-up asks about ("and what about 10?"), 1 to 30; else None
    (pure): a commitment when the question it follows looked one up."""
    found = _ANOTHER_NUMBER.match(text)
    number = int(found.group(1)) if found is not None else 0
    return number if number in PLEDGE_NUMBERS else None


def pledge_looked_up(text: str, *, apart: Callable[[str], bool] | None = None) -> str | None:
    """The sentence of a message that looks the pledge up (``looks_a_pledge_up``), when the
    others only tell who or where the asker is or the like ("What is pledge 6? I'm based in
    Birmingham.", "list the commitments. We are a care home.": session 42's review, offered
    or "I don't know"; the pledge's own words are the same whoever asks); None when the
    message is one sentence, or another asks something, names a record of one's own, is
    one's own records asked after, or is a part of its own (``apart``: "I need to raise a
    safeguarding concern. What is pledge 6?"). Pure."""
    sentences = _sentences(text)
    looked_up = [sentence for sentence in sentences if looks_a_pledge_up(sentence)]
    if len(sentences) < 2 or len(looked_up) != 1:
        return None
    for sentence in sentences:
        if sentence is looked_up[0] or says_nothing(sentence):
            continue
        folded = casefolded(sentence)
        if (asks(sentence) or ONE_NAMED.search(folded) is not None
                or own_records_question(sentence) is not None
                or (apart is not None and apart(sentence.rstrip(" .!")))):
            return None
    return looked_up[0]


def asks_several(text: str, *, apart: Callable[[str], bool] | None = None) -> bool:
    """Whether a message asks two or more different questions (``asked_parts``, with its
    ``apart``; pure)."""
    return len({said(part.question) for part in asked_parts(text, apart=apart)}) > 1


def as_sentences(parts: Sequence[str]) -> str:
    """Parts of a message (``questions_in``) as one text, each sentence ending as typed or with
    a full stop; one part as it is."""
    if len(parts) == 1:
        return parts[0]
    return " ".join(part.rstrip() if part.rstrip().endswith((".", "?", "!")) else
                    f"{part.rstrip()}." for part in parts)


# The small talk that answers nothing: acknowledgements ("ok", "great"), thanks, greetings,
# goodbyes, "sorry", "are you there" (a yes or a no alone is ``bot.forms``' own reading).
_SAYING_NOTHING = frozenset({"ack", "thanks", "greeting", "bye", "wellbeing", "here", "oops"})


def says_nothing(text: str) -> bool:
    """Whether ``text`` is small talk alone that answers no question asked (pure):
    registered with ``Registry.empty_answer``."""
    return small_talk(text) in _SAYING_NOTHING
